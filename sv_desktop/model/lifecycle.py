"""What happens to a tender before and after the ITT (policy P238 §4.1, §4.3, §5): suppliers met at
pre-market engagement, the award, KPI results per reporting period, case studies and renewal needs.

Plain dataclasses like the rest of the tender; `Tender` holds them. Kept apart from `tender.py` so the
ITT-building part of the model stays readable on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

RATING_OTHER = "Other"
"""The Procurement Act rating kept for a result whose rating is not (or no longer) in the rules file."""
RATING_NONE = ""
"""No rating yet: a new result is never pre-rated; the manager chooses once the result is assessed."""


@dataclass
class Supplier:
    """A supplier met or awarded: enough to say whether spend with it is local, SME or VCSE."""

    name: str = ""
    postcode: str = ""
    sme: bool = False
    """A small or medium-sized enterprise (P238 Appendix One: fewer than 250 staff, turnover under €50m)."""
    vcse: bool = False
    """A voluntary, community or social enterprise organisation."""

    @property
    def is_empty(self) -> bool:
        return not (self.name.strip() or self.postcode.strip() or self.sme or self.vcse)


@dataclass
class EngagementEvent:
    """One pre-market engagement activity (market event, supplier meeting, questionnaire)."""

    title: str
    held_on: dt.date | None = None
    suppliers: list[Supplier] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class ActualSpend:
    """Money actually paid under the contract in one financial year (1 April to 31 March), from the
    finance ledger; it replaces the pro-rata estimate for that year in the compliance report."""

    financial_year: int
    """The year in which the financial year starts (2027 for 2027/28)."""
    amount_gbp: Decimal
    """Pounds excluding VAT."""


@dataclass
class Award:
    """Who won the contract and for how much; empty until the tender is awarded."""

    supplier: Supplier = field(default_factory=Supplier)
    awarded_on: dt.date | None = None
    awarded_value_gbp: Decimal | None = None
    """Whole-life value of the contract as awarded, pounds excluding VAT: the spend the report counts."""
    renewal_requirements: str = ""
    """What the next contract must do differently (P238 §4.3 "define renewal requirements")."""
    actual_spend: list[ActualSpend] = field(default_factory=list)
    """Spend recorded per financial year, where finance has given it (one entry per year)."""

    @property
    def is_awarded(self) -> bool:
        return self.awarded_on is not None


@dataclass
class KpiResult:
    """A supplier's result against one KPI for one reporting period, rated as the Procurement Act asks."""

    kpi: str
    """The KPI's name as it stands in the tender's KPI list."""
    period_start: dt.date | None
    period_end: dt.date | None
    rating: str = RATING_NONE
    """One of the performance ratings in resources/rules/rules.yaml (figures.performance_ratings), or
    RATING_NONE ("") until the manager chooses one."""
    result: str = ""
    """The figure or outcome reported, as text ("42%", "3 apprentices")."""
    notes: str = ""
    reported_on: dt.date | None = None

    @property
    def is_rated(self) -> bool:
        return bool(self.rating.strip())


@dataclass
class CaseStudy:
    """A qualitative social value or sustainability story captured during delivery (P238 §4.3)."""

    title: str
    text: str = ""
    theme: str | None = None
    written_on: dt.date | None = None
