"""The logic of each policy rule, one small function per rule id.

Every threshold, date and route list comes from the rule as read from the rules file; these functions
only decide which of the rule's messages apply to a tender. They never raise on a valid tender: dates
far in the future that overflow the calendar are treated as "after every milestone".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..tender import PSR_ROUTES, Tender
from .schema import Finding, Rule, RuleSet
from .text import long_date, money_limit, pct, render, tender_fields, threshold_text

CALL_OFF_ROUTE = "framework_call_off"
HIGH_RISK = "high"
OUT_OF_SCOPE_RULE = "SCOPE-MEDICINES"


@dataclass(frozen=True)
class Hit:
    """A finding plus what made it, so the pack can word the matching request to bidders."""

    finding: Finding
    key: str
    fields: dict[str, str] = field(compare=False)
    milestone: str | None = None


class Context:
    """One tender being checked: the date the rules use and the values every message can quote."""

    def __init__(self, tender: Tender, ruleset: RuleSet, today: dt.date) -> None:
        self.tender = tender
        self.ruleset = ruleset
        self.today = today
        self.notice_recorded = tender.tender_notice_date is not None
        self.notice_date = tender.tender_notice_date or today
        self.base = tender_fields(tender, self.notice_date, ruleset.route_labels, ruleset.category_labels)
        self.date_note = render(ruleset.no_notice_date, self.base)

    def in_force(self, rule: Rule) -> bool:
        if rule.effective_from and self.notice_date < rule.effective_from:
            return False
        return not (rule.effective_to and self.notice_date > rule.effective_to)

    def hit(self, rule: Rule, key: str, *, milestone_id: str | None = None, confidence: str | None = None,
            **extra: str) -> Hit:
        fields = dict(self.base)
        fields.update({name: threshold_text(name, value) for name, value in rule.thresholds.items()})
        fields.update({name: long_date(day) for name, day in rule.dates.items()})
        if rule.effective_from:
            fields["effective_from"] = long_date(rule.effective_from)
        if rule.effective_to:
            fields["effective_to"] = long_date(rule.effective_to)
        fields.update(extra)
        message = rule.messages[key]
        text = render(message.text, fields)
        if rule.date_dependent and not self.notice_recorded:
            text = f"{text} {self.date_note}"
        finding = Finding(rule.id, message.severity, text, rule.source, rule.step, confidence or rule.confidence)
        return Hit(finding, key, fields, milestone_id)


def contract_end(tender: Tender) -> dt.date | None:
    try:
        return tender.contract_end_date
    except (ValueError, OverflowError):
        return dt.date.max


# ---------------------------------------------------------------- the rules


def scope_medicines(rule: Rule, ctx: Context) -> list[Hit]:
    if ctx.tender.category in rule.categories["out_of_scope"]:
        return [ctx.hit(rule, "out_of_scope")]
    return []


def min_weight(rule: Rule, ctx: Context) -> list[Hit]:
    if ctx.tender.social_value_weighting_pct < rule.thresholds["min_weighting_pct"]:
        return [ctx.hit(rule, "below")]
    return []


def climate(rule: Rule, ctx: Context) -> list[Hit]:
    chosen = set(ctx.tender.theme_ids)
    return [ctx.hit(rule, "missing", theme=ctx.ruleset.theme_labels[theme])
            for theme in rule.themes["required"] if theme not in chosen]


def theme_weights(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    if any(choice.weighting_pct != 0 for choice in t.themes) and t.theme_weighting_total != t.social_value_weighting_pct:
        return [ctx.hit(rule, "mismatch", theme_total=pct(t.theme_weighting_total))]
    return []


def sv_kpi(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    if t.kpis:
        return []
    if t.whole_life_value_incl_vat > rule.thresholds["value_over_gbp"]:
        return [ctx.hit(rule, "over_value")]
    if t.social_value_weighting_pct > rule.thresholds["weighting_over_pct"]:
        return [ctx.hit(rule, "over_weighting")]
    return []


def pa23_kpi_3(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    if t.whole_life_value_incl_vat <= rule.thresholds["value_over_gbp"]:
        return []
    if t.route in rule.routes["exempt"] or t.is_framework:
        return []
    reason = t.kpi_exemption_reason.strip()
    if reason:
        return [ctx.hit(rule, "exempted", reason=reason)]
    if len(t.kpis) < rule.thresholds["min_kpis_count"]:
        key = "too_few_call_off" if t.route == CALL_OFF_ROUTE else "too_few"
        return [ctx.hit(rule, key, kpi_count=str(len(t.kpis)))]
    return []


def kpi_publish(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    if t.whole_life_value_incl_vat <= rule.thresholds["value_over_gbp"]:
        return []
    hits = []
    kpi_count = str(len(t.kpis))
    if not t.confidentiality_reviewed:
        hits.append(ctx.hit(rule, "not_reviewed", kpi_count=kpi_count))
    unpublished = sum(1 for kpi in t.kpis if not kpi.publish)
    if unpublished:
        hits.append(ctx.hit(rule, "not_all_published", kpi_count=kpi_count, unpublished_count=str(unpublished)))
    return hits


def kpi_publish_small(rule: Rule, ctx: Context) -> list[Hit]:
    if ctx.tender.whole_life_value_incl_vat <= rule.thresholds["value_up_to_gbp"]:
        return [ctx.hit(rule, "consider")]
    return []


def _crp_key(rule: Rule, ctx: Context) -> str | None:
    """Which reason (if any) makes a Carbon Reduction Plan required: by annual value, or as a new framework."""
    t = ctx.tender
    if not ctx.in_force(rule):
        return None
    if t.annual_value_excl_vat >= rule.thresholds["annual_from_gbp"]:
        return "annual"
    is_framework = t.is_framework or t.route in rule.routes["framework"]
    if is_framework and ctx.notice_date >= rule.dates["frameworks_from"]:
        return "framework"
    return None


def crp(rule: Rule, ctx: Context) -> list[Hit]:
    key = _crp_key(rule, ctx)
    return [ctx.hit(rule, key)] if key else []


def nzc(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    annual = t.annual_value_excl_vat
    if not rule.thresholds["annual_over_gbp"] < annual < rule.thresholds["annual_under_gbp"]:
        return []
    if _crp_key(ctx.ruleset.rule("NZ-CRP"), ctx):
        return []
    kind = ctx.ruleset.applicable_threshold.replace("_", "-")
    if ctx.notice_date >= rule.dates["below_threshold_from"]:
        return [ctx.hit(rule, "all_values", threshold_kind=kind)]
    found = ctx.ruleset.threshold_on(ctx.notice_date)
    if found is None:
        return [ctx.hit(rule, "no_threshold", threshold_kind=kind)]
    threshold, _period = found
    if t.whole_life_value_incl_vat >= threshold:
        return [ctx.hit(rule, "above_threshold", threshold=money_limit(threshold), threshold_kind=kind,
                        confidence=ctx.ruleset.figures.pa23_confidence)]
    return []


def roadmap(rule: Rule, ctx: Context) -> list[Hit]:
    if ctx.tender.contract_start_date is None:
        listed = ", ".join(m.label for m in rule.milestones)
        return [ctx.hit(rule, "no_start_date", milestones_list=listed)]
    end = contract_end(ctx.tender)
    if end is None:  # a start date gives an end date; kept for the type checker
        return []
    return [ctx.hit(rule, "milestone", milestone_id=m.id, contract_end=long_date(end), milestone=m.label,
                    milestone_date=long_date(m.date), milestone_summary=m.summary)
            for m in rule.milestones if end >= m.date]


def evergreen(rule: Rule, ctx: Context) -> list[Hit]:
    return [ctx.hit(rule, "encourage")]


def ms_risk(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    msra = t.modern_slavery_risk_assessment
    extra = {"completed_on": long_date(msra.completed_on) if msra.completed_on else "not recorded",
             "risk": msra.risk or "not recorded"}
    hits = []
    completed_on = msra.completed_on
    if completed_on is not None and completed_on > ctx.today:
        # Dated after today: not completed yet, so it clears nothing (and says so).
        completed_on = None
        if ctx.notice_date >= rule.dates["in_force"] and t.route not in rule.routes["call_off"]:
            hits.append(ctx.hit(rule, "future", today=long_date(ctx.today), **extra))
    if ctx.notice_date < rule.dates["in_force"]:
        if completed_on is None or msra.risk is None:
            hits.append(ctx.hit(rule, "before_in_force"))
    elif t.route in rule.routes["call_off"]:
        hits.append(ctx.hit(rule, "call_off"))
    elif completed_on is None:
        if msra.completed_on is None:
            key = "missing_before_award" if t.route in rule.routes["before_award"] else "missing_before_tender_notice"
            if t.route in PSR_ROUTES:  # the Provider Selection Regime has no tender notice
                key = "missing_before_award_psr" if key == "missing_before_award" else "missing_before_start_psr"
            hits.append(ctx.hit(rule, key))
    else:
        if t.route in rule.routes["before_tender_notice"] and completed_on > ctx.notice_date:
            hits.append(ctx.hit(rule, "late_psr" if t.route in PSR_ROUTES else "late", **extra))
        if msra.risk is None:
            hits.append(ctx.hit(rule, "no_risk", **extra))
    if msra.risk == HIGH_RISK:
        hits.append(ctx.hit(rule, "high_risk", **extra))
    return hits


def ms_statement(rule: Rule, ctx: Context) -> list[Hit]:
    return [ctx.hit(rule, "ask", turnover=money_limit(ctx.ruleset.figures.modern_slavery_turnover))]


def psr(rule: Rule, ctx: Context) -> list[Hit]:
    if ctx.tender.route in rule.routes["psr"]:
        return [ctx.hit(rule, "psr_route")]
    if ctx.tender.category in rule.categories["health_care"]:
        return [ctx.hit(rule, "may_apply")]
    return []


def lots(rule: Rule, ctx: Context) -> list[Hit]:
    decision = ctx.tender.lots
    if decision.divided is None:
        return [ctx.hit(rule, "undecided")]
    if decision.divided is False and not decision.reasons.strip():
        return [ctx.hit(rule, "no_reasons")]
    if decision.divided is True and decision.lot_count == 1:
        return [ctx.hit(rule, "one_lot")]
    return []


def think_local(rule: Rule, ctx: Context) -> list[Hit]:
    return [] if ctx.tender.think_local.considered else [ctx.hit(rule, "not_considered")]


def spec_refresh(rule: Rule, ctx: Context) -> list[Hit]:
    return [] if ctx.tender.spec_refresh.considered else [ctx.hit(rule, "not_considered")]


def theme_kpi(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    hits = []
    for choice in t.themes:
        count = sum(1 for q in t.questions if q.theme == choice.theme)
        if choice.weighting_pct > 0 and count and not any(k.theme == choice.theme for k in t.kpis):
            hits.append(ctx.hit(rule, "no_kpi", theme=ctx.ruleset.theme_labels.get(choice.theme, choice.theme),
                                theme_weighting=pct(choice.weighting_pct), question_count=str(count)))
    return hits


def proportion(rule: Rule, ctx: Context) -> list[Hit]:
    t = ctx.tender
    count = len(t.questions)
    weighting = t.social_value_weighting_pct
    if not count or weighting <= 0:
        return []
    words = sum(q.word_limit for q in t.questions)
    word_total = f"{words:,}"
    hits = []
    if weighting / count < rule.thresholds["min_question_weight_pct"]:
        hits.append(ctx.hit(rule, "many_questions", question_count=str(count), question_weight=pct(weighting / count)))
    if words > rule.thresholds["max_words_per_point_count"] * weighting:
        hits.append(ctx.hit(rule, "many_words", word_total=word_total))
    if (t.whole_life_value_incl_vat <= rule.thresholds["small_value_up_to_gbp"]
            and words > rule.thresholds["max_words_small_count"]):
        hits.append(ctx.hit(rule, "small_contract", word_total=word_total))
    return hits


CHECKS: dict[str, Callable[[Rule, Context], list[Hit]]] = {
    "SCOPE-MEDICINES": scope_medicines,
    "SV-MIN-WEIGHT": min_weight,
    "SV-CLIMATE": climate,
    "SV-THEME-WEIGHTS": theme_weights,
    "SV-KPI": sv_kpi,
    "PA23-KPI-3": pa23_kpi_3,
    "PA23-KPI-PUBLISH": kpi_publish,
    "SV-KPI-PUBLISH-SMALL": kpi_publish_small,
    "NZ-CRP": crp,
    "NZ-NZC": nzc,
    "NZ-ROADMAP": roadmap,
    "NZ-EVERGREEN": evergreen,
    "MS-RISK": ms_risk,
    "MS-STATEMENT": ms_statement,
    "PSR-ROUTE": psr,
    "PA23-LOTS": lots,
    "LOCAL-SME": think_local,
    "SPEC-REFRESH": spec_refresh,
    "SV-THEME-KPI": theme_kpi,
    "SV-PROPORTION": proportion,
}
