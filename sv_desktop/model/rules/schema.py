"""The shapes of the policy rules: what the rules file holds once read, and what each rule needs from it.

The engine implements each rule's logic in code, but every number, date, route list and sentence comes
from `resources/rules/rules.yaml`. `RULE_SPECS` says, per rule id, which of those the file must give and
which placeholders each message may use, so a mistake in the file is reported when it is loaded rather
than as a wrong or broken finding later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SEVERITIES: tuple[str, ...] = ("blocker", "requirement", "warning", "advice")
CONFIDENCES: tuple[str, ...] = ("policy", "source", "verify")
VALUE_BASES: tuple[str, ...] = ("whole_life_incl_vat", "annual_excl_vat", "weighting_pct")
DATE_BASES: tuple[str, ...] = ("tender_notice_date", "contract_end_date")
THRESHOLD_KINDS: tuple[str, ...] = ("central", "sub_central", "light_touch", "works")
THRESHOLD_SUFFIXES: tuple[str, ...] = ("_gbp", "_pct", "_count")

RULES_FORMAT = "sv-desktop.rules"
REQUIREMENTS_FORMAT = "sv-desktop.requirements"
FORMAT_VERSION = 1

# Placeholders every message and request may use (see text.tender_fields).
COMMON_FIELDS: tuple[str, ...] = (
    "reference", "title", "category", "route", "value_excl_vat", "vat_rate", "whole_life_incl_vat",
    "annual_excl_vat", "weighting", "duration_months", "notice_date",
)


class RulesError(ValueError):
    """The rules or requirements file is unusable; the message names the file and the key."""

    def __init__(self, message: str, file: str | None = None, key: str | None = None) -> None:
        self.file = file
        self.key = key
        prefix = ": ".join(part for part in (file, key) if part)
        super().__init__(f"{prefix}: {message}" if prefix else message)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    source: str
    step: str
    """The wizard step that fixes it (one of tender.STEPS)."""
    confidence: str


@dataclass(frozen=True)
class SupplierRequirement:
    id: str
    rule: str
    title: str
    text: str
    """The request to bidders as it goes into the pack: paragraphs separated by a blank line."""
    assessment: str = ""
    """How it is assessed: one of ASSESSMENTS, or empty when the file does not say."""
    respond: str = ""
    """How to respond."""
    word_limit: int | None = None


ASSESSMENTS: tuple[str, ...] = ("pass_fail", "scored", "not_scored", "contract")


@dataclass(frozen=True)
class RuleSpec:
    """What the engine's code for one rule reads from the file."""

    messages: dict[str, tuple[str, ...]]
    """Message key -> placeholders it may use besides the common ones, thresholds and dates."""
    thresholds: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    milestones: bool = False


_ROADMAP_FIELDS = ("contract_end", "milestone", "milestone_date", "milestone_summary")
_MS_FIELDS = ("completed_on", "risk")

RULE_SPECS: dict[str, RuleSpec] = {
    "SCOPE-MEDICINES": RuleSpec({"out_of_scope": ()}, categories=("out_of_scope",)),
    "SV-MIN-WEIGHT": RuleSpec({"below": ()}, thresholds=("min_weighting_pct",)),
    "SV-CLIMATE": RuleSpec({"missing": ("theme",)}, themes=("required",)),
    "SV-THEME-WEIGHTS": RuleSpec({"mismatch": ("theme_total",)}),
    "SV-KPI": RuleSpec({"over_value": (), "over_weighting": ()},
                       thresholds=("value_over_gbp", "weighting_over_pct")),
    "PA23-KPI-3": RuleSpec({"too_few": ("kpi_count",), "too_few_call_off": ("kpi_count",),
                            "exempted": ("reason",)},
                           thresholds=("value_over_gbp", "min_kpis_count"), routes=("exempt",)),
    "PA23-KPI-PUBLISH": RuleSpec({"not_reviewed": ("kpi_count",),
                                  "not_all_published": ("kpi_count", "unpublished_count")},
                                 thresholds=("value_over_gbp",)),
    "SV-KPI-PUBLISH-SMALL": RuleSpec({"consider": ()}, thresholds=("value_up_to_gbp",)),
    "NZ-CRP": RuleSpec({"annual": (), "framework": ()}, thresholds=("annual_from_gbp",),
                       dates=("frameworks_from",), routes=("framework",)),
    "NZ-NZC": RuleSpec({"above_threshold": ("threshold", "threshold_kind"), "all_values": ("threshold_kind",),
                        "no_threshold": ("threshold_kind",)},
                       thresholds=("annual_over_gbp", "annual_under_gbp"), dates=("below_threshold_from",)),
    "NZ-ROADMAP": RuleSpec({"milestone": _ROADMAP_FIELDS, "no_start_date": ("milestones_list",)},
                           milestones=True),
    "NZ-EVERGREEN": RuleSpec({"encourage": ()}),
    "MS-RISK": RuleSpec({"future": (*_MS_FIELDS, "today"), "missing_before_tender_notice": (), "late": _MS_FIELDS,
                         "missing_before_award": (), "missing_before_start_psr": (), "late_psr": _MS_FIELDS,
                         "missing_before_award_psr": (),
                         "no_risk": _MS_FIELDS, "call_off": (), "before_in_force": (),
                         "high_risk": _MS_FIELDS},
                        dates=("in_force",), routes=("before_tender_notice", "before_award", "call_off")),
    "MS-STATEMENT": RuleSpec({"ask": ("turnover",)}),
    "PSR-ROUTE": RuleSpec({"may_apply": (), "psr_route": ()}, routes=("psr",), categories=("health_care",)),
    "PA23-LOTS": RuleSpec({"undecided": (), "no_reasons": (), "one_lot": ()}),
    "LOCAL-SME": RuleSpec({"not_considered": ()}),
    "SPEC-REFRESH": RuleSpec({"not_considered": ()}),
    "SV-THEME-KPI": RuleSpec({"no_kpi": ("theme", "theme_weighting", "question_count")}),
    "SV-PROPORTION": RuleSpec({"many_questions": ("question_count", "question_weight"),
                               "many_words": ("word_total",), "small_contract": ("word_total",)},
                              thresholds=("min_question_weight_pct", "max_words_per_point_count",
                                          "small_value_up_to_gbp", "max_words_small_count")),
}


@dataclass(frozen=True)
class Message:
    key: str
    text: str
    severity: str


@dataclass(frozen=True)
class Milestone:
    id: str
    date: dt.date
    label: str
    summary: str


@dataclass(frozen=True)
class Basis:
    value: tuple[str, ...]
    date: str | None
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    step: str
    basis: Basis
    effective_from: dt.date | None
    effective_to: dt.date | None
    source: str
    confidence: str
    description: str
    messages: dict[str, Message]
    thresholds: dict[str, Decimal] = field(default_factory=dict)
    dates: dict[str, dt.date] = field(default_factory=dict)
    routes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    themes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    milestones: tuple[Milestone, ...] = ()

    @property
    def date_dependent(self) -> bool:
        """True when findings depend on the tender notice date (and so say when today's date was used)."""
        return self.basis.date == "tender_notice_date"


@dataclass(frozen=True)
class ThresholdPeriod:
    effective_from: dt.date
    effective_to: dt.date | None
    amounts: dict[str, Decimal]
    """Threshold kind (central, sub_central, light_touch, works) -> pounds including VAT."""
    source: str
    confidence: str

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True)
class Figures:
    """Settings the Trust may change, with their sources; some rules read them."""

    sme: dict[str, Any]
    pa23_confidence: str
    pa23_periods: tuple[ThresholdPeriod, ...]
    nhs_net_zero: dict[str, Any]
    modern_slavery_turnover: Decimal
    modern_slavery_source: str
    modern_slavery_confidence: str
    performance_ratings: tuple[tuple[str, str], ...]
    performance_source: str
    performance_confidence: str
    pipeline_notice: PipelineNoticeFigures | None = None


@dataclass(frozen=True)
class PipelineNoticeFigures:
    """The pipeline notice (Procurement Act s.93, Procurement Regulations reg. 15): who publishes one,
    which contracts it lists and by when."""

    spend_over_gbp: Decimal
    contract_value_over_gbp: Decimal
    window_months: int
    publish_within_days: int
    source: str
    confidence: str


@dataclass(frozen=True)
class RequirementTemplate:
    id: str
    rule: str
    title: str
    lead: dict[str, str]
    """Finding message key -> opening paragraph; empty means every finding of the rule uses it."""
    paragraphs: tuple[str, ...]
    milestones: dict[str, str] = field(default_factory=dict)
    until: tuple[dt.date | None, ...] = ()
    """Per paragraph, the last day it applies (a grace period), None for always; empty means always."""
    assessment: str = ""
    respond: str = ""
    word_limit: int | None = None
    by_risk: dict[str, str] = field(default_factory=dict)
    """Modern slavery risk level -> a paragraph added for tenders whose assessment records that level."""

    def applies_to(self, message_key: str) -> bool:
        return not self.lead or message_key in self.lead


@dataclass(frozen=True)
class RuleSet:
    title: str
    updated: dt.date | None
    applicable_threshold: str
    no_notice_date: str
    route_labels: dict[str, str]
    theme_labels: dict[str, str]
    category_labels: dict[str, str]
    figures: Figures
    rules: tuple[Rule, ...]
    requirements: tuple[RequirementTemplate, ...]

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def threshold_on(self, day: dt.date, kind: str | None = None) -> tuple[Decimal, ThresholdPeriod] | None:
        """The PA23 threshold (incl. VAT) of `kind` (default: the applicable one) in force on `day`."""
        kind = kind or self.applicable_threshold
        for period in self.figures.pa23_periods:
            if period.covers(day):
                return period.amounts[kind], period
        return None
