"""The compliance measures the Trust reports to its Sustainability Programme Group and Finance &
Performance Committee every two years (policy P238 Appendix Two), worked out from the tenders.

Which tenders count in a period: a tender counts when its award date falls in the period; a tender not
yet awarded counts by its tender notice date. Both ends of the period are included. Only tenders that
have been issued (stage ITT or later) count: a pipeline plan is not yet a contract. Medicines tenders are
outside the policy and are left out. docs/reporting.md explains every figure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .rules import RuleSet, evaluate
from .spend import period_spend
from .tender import MANDATORY_THEME, OUT_OF_SCOPE_CATEGORIES, Tender, TenderSummary, add_months

MIN_WEIGHTING_PCT = Decimal(10)
ISSUED_STAGES: tuple[str, ...] = ("itt", "evaluation", "awarded", "renewal_due")
KPI_RULES: frozenset[str] = frozenset({"SV-KPI", "PA23-KPI-3"})
REPORT_MONTHS = 24
"""The Appendix Two measures are reported every two years."""


def default_period(today: dt.date, months: int = REPORT_MONTHS) -> tuple[dt.date, dt.date]:
    """The `months` up to and including today (26 Nov 2024 to 25 Nov 2026 for two years)."""
    return add_months(today, -months) + dt.timedelta(days=1), today


def whole_months(start: dt.date, end: dt.date) -> int | None:
    """How many months [start, end] spans when it is a whole number of months (1 Apr to 31 Mar: 12)."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return months if months >= 1 and add_months(start, months) == after else None


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The benchmark: the period just before, as many months long when [start, end] is whole months
    (two financial years before two financial years), otherwise as many days long."""
    before = start - dt.timedelta(days=1)
    months = whole_months(start, end)
    if months is not None:
        return add_months(start, -months), before
    return before - (end - start), before


def percent_of(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`part` as a percentage of `whole`, exact (None when there is nothing to divide by)."""
    if not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


@dataclass(frozen=True)
class ContractLine:
    """One tender counted in a period, with everything the measures read from it."""

    reference: str
    title: str
    category: str
    stage: str
    counted_on: dt.date
    date_basis: str
    """"award" or "notice": which date put it in the period."""
    weighting_pct: Decimal
    meets_weighting: bool
    has_climate: bool
    kpis_required: bool
    kpis_set: bool
    """True when no KPI blocker (SV-KPI, PA23-KPI-3) is found; always True where KPIs are not required."""
    awarded_on: dt.date | None
    awarded_value_gbp: Decimal | None
    supplier_name: str
    supplier_postcode: str
    local: bool
    sme: bool
    vcse: bool

    @property
    def has_spend(self) -> bool:
        """Spend counts for a contract awarded in the period with a value recorded."""
        return self.date_basis == "award" and self.awarded_value_gbp is not None


@dataclass(frozen=True)
class SpendLine:
    """One awarded contract running in the period, with the part of its value that falls inside it."""

    reference: str
    title: str
    supplier_name: str
    supplier_postcode: str
    local: bool
    sme: bool
    vcse: bool
    awarded_on: dt.date | None
    awarded_value_gbp: Decimal
    spend_gbp: Decimal
    basis: str
    """"estimate" (pro rata), "actual" (recorded by finance) or "actual and estimate"."""


@dataclass(frozen=True)
class PeriodFigures:
    start: dt.date
    end: dt.date
    contracts: tuple[ContractLine, ...]
    not_issued: int
    """Tenders dated in the period still at pipeline or pre-market engagement (not counted)."""
    out_of_scope: int
    spend_lines: tuple[SpendLine, ...] = ()
    """Every awarded contract with spend in the period, wherever its award date falls."""

    @property
    def counted(self) -> int:
        return len(self.contracts)

    @property
    def meeting_weighting(self) -> int:
        return sum(line.meets_weighting for line in self.contracts)

    @property
    def with_climate(self) -> int:
        return sum(line.has_climate for line in self.contracts)

    @property
    def kpis_required(self) -> int:
        return sum(line.kpis_required for line in self.contracts)

    @property
    def kpis_set_where_required(self) -> int:
        return sum(line.kpis_required and line.kpis_set for line in self.contracts)

    @property
    def awarded(self) -> tuple[ContractLine, ...]:
        return tuple(line for line in self.contracts if line.has_spend)

    @property
    def awarded_without_value(self) -> int:
        return sum(line.date_basis == "award" and line.awarded_value_gbp is None for line in self.contracts)

    def spend(self, which: str = "all") -> Decimal:
        """Spend in the period (the part of each contract's value inside it), or that with local, SME or
        VCSE suppliers."""
        lines = self.spend_lines if which == "all" else [line for line in self.spend_lines if getattr(line, which)]
        return sum((line.spend_gbp for line in lines), Decimal(0))

    def spend_count(self, which: str) -> int:
        return sum(bool(getattr(line, which)) for line in self.spend_lines)

    def spend_pct(self, which: str) -> Decimal | None:
        return percent_of(self.spend(which), self.spend())


@dataclass(frozen=True)
class ComplianceReport:
    organisation: str
    local_areas: tuple[str, ...]
    generated_on: dt.date
    current: PeriodFigures
    previous: PeriodFigures
    """The benchmark: the period of the same length just before."""
    undated: int = 0
    """Tenders with neither an award date nor a tender notice date: in no period."""
    category_labels: Mapping[str, str] = field(default_factory=dict)
    coming_up: tuple[TenderSummary, ...] = ()
    """Tenders in the pipeline or at pre-market engagement, soonest notice first, with their policy check."""
    author: str = ""


def kpi_status(tender: Tender, rules: RuleSet | None, on: dt.date) -> tuple[bool, bool]:
    """(KPIs required, KPIs set): required when the KPI rules would block the tender without its KPIs."""
    def blocked(candidate: Tender) -> bool:
        return any(f.rule in KPI_RULES and f.severity == "blocker" for f in evaluate(candidate, rules, on))

    if blocked(tender):
        return True, False
    return (bool(tender.kpis) and blocked(dataclasses.replace(tender, kpis=[]))), True


def counted_date(tender: Tender) -> tuple[dt.date | None, str]:
    if tender.award.awarded_on is not None:
        return tender.award.awarded_on, "award"
    return tender.tender_notice_date, "notice"


def contract_line(tender: Tender, day: dt.date, basis: str, rules: RuleSet | None,
                  is_local: Callable[[str], bool]) -> ContractLine:
    required, kpis_set = kpi_status(tender, rules, day)
    supplier = tender.award.supplier
    awarded = basis == "award"
    return ContractLine(
        reference=tender.reference, title=tender.title, category=tender.category, stage=tender.stage,
        counted_on=day, date_basis=basis, weighting_pct=tender.social_value_weighting_pct,
        meets_weighting=tender.social_value_weighting_pct >= MIN_WEIGHTING_PCT,
        has_climate=MANDATORY_THEME in tender.theme_ids, kpis_required=required, kpis_set=kpis_set,
        awarded_on=tender.award.awarded_on, awarded_value_gbp=tender.award.awarded_value_gbp if awarded else None,
        supplier_name=supplier.name, supplier_postcode=" ".join(supplier.postcode.upper().split()),
        local=awarded and bool(supplier.postcode.strip()) and is_local(supplier.postcode),
        sme=awarded and supplier.sme, vcse=awarded and supplier.vcse,
    )


def spend_line(tender: Tender, start: dt.date, end: dt.date, is_local: Callable[[str], bool]) -> SpendLine | None:
    spend = period_spend(tender, start, end)
    if spend is None or not spend.amount:
        return None
    supplier = tender.award.supplier
    basis = " and ".join(name for name, used in (("actual", spend.actual), ("estimate", spend.estimated)) if used)
    return SpendLine(
        reference=tender.reference, title=tender.title, supplier_name=supplier.name,
        supplier_postcode=" ".join(supplier.postcode.upper().split()),
        local=bool(supplier.postcode.strip()) and is_local(supplier.postcode), sme=supplier.sme, vcse=supplier.vcse,
        awarded_on=tender.award.awarded_on, awarded_value_gbp=tender.award.awarded_value_gbp or Decimal(0),
        spend_gbp=spend.amount, basis=basis)


def period_figures(tenders: Iterable[Tender], start: dt.date, end: dt.date, rules: RuleSet | None,
                   is_local: Callable[[str], bool]) -> PeriodFigures:
    """The measures for [start, end] from any tenders (those dated outside the period are ignored; spend
    counts every awarded contract running in the period)."""
    lines: list[ContractLine] = []
    spending: list[SpendLine] = []
    not_issued = out_of_scope = 0
    tenders = list(tenders)
    for tender in tenders:
        if tender.category in OUT_OF_SCOPE_CATEGORIES or tender.stage not in ISSUED_STAGES:
            continue
        line = spend_line(tender, start, end, is_local)
        if line is not None:
            spending.append(line)
    for tender in tenders:
        day, basis = counted_date(tender)
        if day is None or not start <= day <= end:
            continue
        if tender.category in OUT_OF_SCOPE_CATEGORIES:
            out_of_scope += 1
        elif tender.stage not in ISSUED_STAGES:
            not_issued += 1
        else:
            lines.append(contract_line(tender, day, basis, rules, is_local))
    lines.sort(key=lambda line: (line.counted_on, line.reference))
    spending.sort(key=lambda line: (-line.spend_gbp, line.reference))
    return PeriodFigures(start=start, end=end, contracts=tuple(lines), not_issued=not_issued,
                         out_of_scope=out_of_scope, spend_lines=tuple(spending))
