"""Contract performance notices (Procurement Act 2023 s.71, Procurement Regulations 2024 reg. 39).

For a public contract whose KPIs were set under s.52 (over £5m, not light touch, not a framework, not the
Provider Selection Regime, begun on or after 24 February 2025: the rules file's PA23-KPI-3 decides, so no
threshold or date is written here), the authority assesses the supplier's performance against each KPI at least
once in every 12 months of the contract and publishes the ratings (Good, Approaching target, Requires improvement,
Inadequate, Other) in a contract performance notice. This lists, per contract and per 12-month assessment year,
each KPI's rating as recorded in the KPI results (the latest rated result whose period ends in that year), so the
notice can be filled in; a year whose ratings are not all recorded says which are missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .kpi_reminders import (
    AHEAD_DAYS,
    DELIVERY_STAGES,
    KpiReminder,
    ReportingPeriod,
    delivery_end,
    delivery_start,
)
from .rules import RuleSet, evaluate
from .tender import Tender, add_months

S52_RULE = "PA23-KPI-3"
ASSESSMENT_MONTHS = 12


@dataclass(frozen=True)
class KpiRating:
    kpi: str
    rating: str
    """The Procurement Act rating recorded; empty when no rated result is recorded for the year."""
    result: str
    period_end: dt.date | None
    """The end of the reporting period the rating comes from."""


@dataclass(frozen=True)
class AssessmentYear:
    reference: str
    title: str
    supplier: str
    start: dt.date
    end: dt.date
    """The last day of the 12 months assessed; the notice is due once it has passed."""
    ratings: tuple[KpiRating, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(rating.kpi for rating in self.ratings if not rating.rating)

    @property
    def complete(self) -> bool:
        return not self.missing


def s52_applies(tender: Tender, rules: RuleSet | None, today: dt.date) -> bool:
    """True when the Act required KPIs for this contract: the KPI rule would block it without any, and no
    reason was recorded for not assessing performance by KPIs."""
    if tender.kpi_exemption_reason.strip():
        return False
    bare = dataclasses.replace(tender, kpis=[], kpi_exemption_reason="")
    return any(f.rule == S52_RULE and f.severity == "blocker" for f in evaluate(bare, rules, today))


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def assessment_years(tender: Tender, until: dt.date) -> list[AssessmentYear]:
    """The 12-month assessment years of the contract that have ended by `until`, each with its KPI ratings."""
    start, end = delivery_start(tender), delivery_end(tender)
    if start is None or end is None:
        return []
    years: list[AssessmentYear] = []
    index = 0
    while True:
        first = add_months(start, ASSESSMENT_MONTHS * index)
        last = min(add_months(start, ASSESSMENT_MONTHS * (index + 1)) - dt.timedelta(days=1), end)
        if first > end or last > until:
            return years
        ratings = []
        for kpi in tender.kpis:
            if not kpi.name.strip():
                continue
            rated = [r for r in tender.kpi_results if _key(r.kpi) == _key(kpi.name) and r.rating
                     and r.period_end is not None and first <= r.period_end <= last]
            latest = max(rated, key=lambda r: r.period_end or dt.date.min, default=None)
            ratings.append(KpiRating(kpi.name, latest.rating if latest else "", latest.result if latest else "",
                                     latest.period_end if latest else None))
        years.append(AssessmentYear(tender.reference, tender.title, tender.award.supplier.name, first, last,
                                    tuple(ratings)))
        index += 1


NOTICE_REMINDER = "Contract performance notice (Procurement Act 2023 s.71): KPI ratings for the year"


def notice_reminders(tenders: Iterable[Tender], rules: RuleSet | None, today: dt.date,
                     ahead_days: int = AHEAD_DAYS) -> list[KpiReminder]:
    """A reminder, beside the KPI report reminders, for each contract whose 12-month assessment year ends
    within `ahead_days` or has ended without a rating for every KPI: the performance notice needs them."""
    reminders: list[KpiReminder] = []
    horizon = today + dt.timedelta(days=ahead_days)
    for tender in tenders:
        if tender.stage not in DELIVERY_STAGES or not tender.kpis or not s52_applies(tender, rules, today):
            continue
        waiting = [year for year in assessment_years(tender, horizon) if not year.complete]
        if waiting:
            first = waiting[0]
            reminders.append(KpiReminder(reference=tender.reference, title=tender.title, kpi=NOTICE_REMINDER,
                                         period=ReportingPeriod(first.start, first.end), missing=len(waiting),
                                         today=today))
    return reminders


def performance_notices(tenders: Iterable[Tender], rules: RuleSet | None, today: dt.date) -> list[AssessmentYear]:
    """Every ended assessment year of every contract in delivery whose KPIs the Act required, by contract."""
    years: list[AssessmentYear] = []
    for tender in sorted(tenders, key=lambda t: t.reference):
        if tender.stage in DELIVERY_STAGES and tender.kpis and s52_applies(tender, rules, today):
            years.extend(assessment_years(tender, today))
    return years
