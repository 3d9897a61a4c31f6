"""The tender as the rest of the program sees it: plain dataclasses, no Qt, no SQL.

Money and percentages are `Decimal` so that thresholds such as "over £5m" and "at least 10%" are
compared exactly (a penny over, 9.99%), never through binary floating point.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .evaluation import Evaluation
from .lifecycle import Award, CaseStudy, EngagementEvent, KpiResult
from .supplier_text import SupplierText

if TYPE_CHECKING:
    from .standstill import Standstill

CPV_PATTERN = re.compile(r"^[0-9]{8}-[0-9]$")
"""A Common Procurement Vocabulary code: 8 digits, a hyphen and a check digit (60130000-8)."""

# Identifiers used in files, the database and the rules. Labels live in resources/.
CATEGORIES: tuple[str, ...] = (
    "estates_facilities",
    "transport",
    "ddat",
    "medical_devices",
    "clinical_services",
    "goods_services",
    "medicines",
)
OUT_OF_SCOPE_CATEGORIES: frozenset[str] = frozenset({"medicines"})

ROUTES: tuple[str, ...] = (
    "open",
    "competitive_flexible",
    "framework_call_off",
    "framework_agreement",
    "direct_award",
    "light_touch",
    "below_threshold",
    "psr_direct_award",
    "psr_most_suitable_provider",
    "psr_competitive",
)
PSR_ROUTES: frozenset[str] = frozenset({"psr_direct_award", "psr_most_suitable_provider", "psr_competitive"})

THEMES: tuple[str, ...] = (
    "fighting_climate_change",
    "wellbeing",
    "equal_opportunity",
    "tackling_economic_inequality",
)
MANDATORY_THEME = "fighting_climate_change"

RISK_LEVELS: tuple[str, ...] = ("low", "medium", "high")
VAT_TREATMENTS: tuple[str, ...] = ("standard", "zero_rated", "exempt")
"""How VAT applies to the contract: standard (at vat_rate_pct), zero-rated (0%) or exempt (no VAT, e.g. health care)."""
KPI_FREQUENCIES: tuple[str, ...] = ("monthly", "quarterly", "six_monthly", "annually")
SCORING_SCALES: tuple[str, ...] = ("0-5", "0-100")

# Roles of policy P238 section 5, in the policy's order.
ROLES: tuple[str, ...] = (
    "procurement_lead",
    "bid_lead",
    "technical_lead",
    "social_value_lead",
    "contract_management_lead",
    "finance_lead",
)

# The wizard's steps, in order. Stored so a tender reopens on the step where it was left.
STEPS: tuple[str, ...] = ("details", "spec", "local", "themes", "weighting", "requirements", "review")

# Lifecycle stages (policy P238 section 4).
STAGES: tuple[str, ...] = ("pipeline", "pre_market", "itt", "evaluation", "awarded", "renewal_due")

PENNY = Decimal("0.01")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class ThemeChoice:
    theme: str
    weighting_pct: Decimal = Decimal(0)
    actions: list[str] = field(default_factory=list)
    """Example supplier actions picked from the category guide, word for word."""
    own_actions: list[str] = field(default_factory=list)
    """Actions the manager wrote themselves."""


@dataclass
class Kpi:
    name: str
    unit: str = ""
    baseline: str = ""
    target: str = ""
    frequency: str = "quarterly"
    theme: str = MANDATORY_THEME
    publish: bool = True
    evidence: str = ""
    toms_reference: str = ""
    """Free text the Trust fills from its own licensed copy of the TOMs; nothing of the TOMs is bundled."""
    source_id: str = ""
    """Id of the KPI library entry it came from, empty when written by hand."""


@dataclass
class Question:
    """A question to bidders as it will appear in this tender's pack (copied from the bank, then edited)."""

    theme: str
    text: str
    must_describe: list[str] = field(default_factory=list)
    sub_criteria: list[str] = field(default_factory=list)
    word_limit: int = 750
    scoring_scale: str = "0-5"
    evaluation_guidance: str = ""
    weighting_pct: Decimal | None = None
    """Share of the theme weighting; None splits the theme weighting evenly between its questions."""
    source_id: str = ""
    """Id of the question bank entry it came from, empty when written by hand."""
    title: str = ""
    """Short heading shown above the question in the pack."""
    min_score: Decimal | None = None
    """Optional minimum score on the question's own scale, published in the pack."""
    min_score_disqualifies: bool = False
    """True: a tender scoring below min_score is disqualified; False: it earns no marks for the question."""


@dataclass
class LotsDecision:
    divided: bool | None = None
    """None: not decided yet."""
    lot_count: int | None = None
    reasons: str = ""
    head_contract_local_pct: Decimal | None = None
    """Share of the contract a head contract requires to be delivered by local subcontractors."""


@dataclass
class StepRecord:
    """A toolkit step the manager must consider and record (spec refresh, think local)."""

    considered: bool = False
    notes: str = ""
    prompts_done: list[str] = field(default_factory=list)
    """Ids of the step's prompts the manager has ticked."""


@dataclass
class ModernSlaveryAssessment:
    completed_on: dt.date | None = None
    risk: str | None = None
    notes: str = ""


@dataclass
class Tender:
    reference: str
    title: str
    category: str
    value_excl_vat_gbp: Decimal
    duration_months: int
    social_value_weighting_pct: Decimal
    themes: list[ThemeChoice] = field(default_factory=list)
    vat_rate_pct: Decimal = Decimal(20)
    vat_treatment: str = "standard"
    """One of VAT_TREATMENTS; only "standard" adds VAT at vat_rate_pct."""
    route: str = "open"
    tender_notice_date: dt.date | None = None
    contract_start_date: dt.date | None = None
    clarification_deadline: dt.date | None = None
    """Last day for bidders' clarification questions, published in the pack."""
    kpis: list[Kpi] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    lots: LotsDecision = field(default_factory=LotsDecision)
    think_local: StepRecord = field(default_factory=StepRecord)
    spec_refresh: StepRecord = field(default_factory=StepRecord)
    modern_slavery_risk_assessment: ModernSlaveryAssessment = field(default_factory=ModernSlaveryAssessment)
    confidentiality_reviewed: bool = False
    kpi_exemption_reason: str = ""
    kpi_targets_are_minimums: bool = True
    """True: the Trust's KPI targets are minimum requirements (only commitments beyond them score);
    False: they are indicative and bidders propose their own."""
    """PA23 s.52: why performance cannot appropriately be assessed by KPIs, if the authority so decides."""
    is_framework: bool = False
    """A new framework agreement (carbon reduction plan for all new frameworks from 1 Apr 2024)."""
    leads: dict[str, str] = field(default_factory=dict)
    """Named person per role id of ROLES."""
    description: str = ""
    cpv_code: str = ""
    """Common Procurement Vocabulary code of the main subject matter (e.g. 60130000-8), for notices."""
    estimated_award_date: dt.date | None = None
    """When the contract is expected to be awarded (pipeline notice, Procurement Act 2023 s.93)."""
    engagement: list[EngagementEvent] = field(default_factory=list)
    """Pre-market engagement log (P238 §4.1): events and the suppliers met."""
    award: Award = field(default_factory=Award)
    kpi_results: list[KpiResult] = field(default_factory=list)
    case_studies: list[CaseStudy] = field(default_factory=list)
    role_checklists: dict[str, list[str]] = field(default_factory=dict)
    """Per role id of ROLES, the responsibilities (word for word from policy §5) ticked for this tender."""
    supplier_text: SupplierText = field(default_factory=SupplierText)
    """What supplier documents print of the spec, think-local and engagement steps (their notes never)."""
    stage: str = "pipeline"
    current_step: str = "details"
    evaluation: Evaluation | None = None
    """The evaluation of bids as carried by a tender file (the store keeps it apart: `get_evaluation`); None
    when the file has none or the tender came from the store."""
    version: int = 0
    """Optimistic-locking counter kept by the store; 0 for a tender never saved."""
    updated_at: dt.datetime | None = None

    # ---- derived values (shown to the user, used by the rules) ----

    @property
    def vat_multiplier(self) -> Decimal:
        if self.vat_treatment != "standard":
            return Decimal(1)
        return 1 + self.vat_rate_pct / 100

    @property
    def whole_life_value_incl_vat(self) -> Decimal:
        """PA23 thresholds use the whole-life value including VAT."""
        return (self.value_excl_vat_gbp * self.vat_multiplier).quantize(PENNY, ROUND_HALF_UP)

    @property
    def annual_value_excl_vat(self) -> Decimal:
        """Average annual value excluding VAT (NHS carbon reduction plan tiers use this).

        A contract shorter than a year is worth its whole value in that year.
        """
        months = max(self.duration_months, 12)
        return (self.value_excl_vat_gbp * 12 / months).quantize(PENNY, ROUND_HALF_UP)

    @property
    def contract_end_date(self) -> dt.date | None:
        if self.contract_start_date is None:
            return None
        return add_months(self.contract_start_date, self.duration_months) - dt.timedelta(days=1)

    @property
    def theme_ids(self) -> list[str]:
        return [choice.theme for choice in self.themes]

    @property
    def theme_weighting_total(self) -> Decimal:
        return sum((choice.weighting_pct for choice in self.themes), Decimal(0))

    def theme(self, theme_id: str) -> ThemeChoice | None:
        return next((choice for choice in self.themes if choice.theme == theme_id), None)


@dataclass(slots=True)
class TenderSummary:
    """One row of the tender list: enough to show and filter without loading the whole tender.

    Nothing changes a summary once listed; it is not frozen only because a frozen dataclass sets each
    field through `object.__setattr__`, which made building ten thousand of them four times slower.
    """

    reference: str
    title: str
    category: str
    value_excl_vat_gbp: Decimal
    stage: str
    compliant: bool | None
    """None when the tender has not been checked yet."""
    tender_notice_date: dt.date | None
    updated_at: dt.datetime | None
    procurement_lead: str = ""
    contract_start_date: dt.date | None = None
    duration_months: int | None = None
    social_value_weighting_pct: Decimal | None = None
    route: str = ""
    awarded_on: dt.date | None = None
    supplier_name: str = ""
    award_notice_date: dt.date | None = None
    """The contract award notice (or, under the Provider Selection Regime, the intention to award) recorded
    with the tender's evaluation."""
    standstill: Standstill | None = None
    """The standstill counted from `award_notice_date` (given by the service: `standstill.with_standstill`)."""
    deadline: dt.date | None = None
    """The day a row other than a tender counts down to instead of a notice (a bid's submission deadline)."""

    @property
    def contract_end_date(self) -> dt.date | None:
        if self.contract_start_date is None or not self.duration_months:
            return None
        return add_months(self.contract_start_date, self.duration_months) - dt.timedelta(days=1)


def new_tender(reference: str, title: str = "", category: str = "goods_services") -> Tender:
    """A fresh tender with the policy's defaults: 10% weighting, Fighting climate change chosen."""
    return Tender(
        reference=reference,
        title=title,
        category=category,
        value_excl_vat_gbp=Decimal(0),
        duration_months=12,
        social_value_weighting_pct=Decimal(10),
        themes=[ThemeChoice(theme=MANDATORY_THEME, weighting_pct=Decimal(10))],
    )
