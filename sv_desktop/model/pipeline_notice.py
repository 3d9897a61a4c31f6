"""The pipeline notice (Procurement Act 2023 s.93): the planned contracts a large authority publishes each year.

An authority expecting to spend more than the rules file's figure (£100m) on public contracts in the coming
financial year publishes, within a set number of days (56) of 1 April, every planned public contract with an
estimated value over £2m for which it expects to publish a tender or transparency notice in the 18 months from
1 April. Provider Selection Regime awards are left out (the Act does not govern them); framework call-offs
are listed with a note, as the guidance encourages. Estimated values under the Act include VAT, so the whole-life value including VAT is compared. The
figures come from the rules file (`figures.pipeline_notice`), never from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .rules.schema import PipelineNoticeFigures
from .tender import PSR_ROUTES, Tender, add_months

PLANNED_STAGES = frozenset({"pipeline", "pre_market", "itt"})
"""Stages at which a contract is still planned: not yet in evaluation, awarded or in delivery."""
CALL_OFF_NOTE = ("A call-off under a framework publishes no tender notice: listing it is encouraged by the "
                 "Cabinet Office guidance, not required.")


@dataclass(frozen=True)
class PlannedContract:
    reference: str
    title: str
    subject_matter: str
    cpv_code: str
    estimated_notice_date: dt.date
    estimated_award_date: dt.date | None
    estimated_value_incl_vat: Decimal
    route: str
    stage: str
    notes: tuple[str, ...]
    """Plain sentences: what the notice needs that the tender does not record yet, and route notes."""


@dataclass(frozen=True)
class PipelineNotice:
    financial_year: int
    """The year in which the financial year starts (2027 for 2027/28)."""
    window_start: dt.date
    window_end: dt.date
    publish_by: dt.date
    contracts: tuple[PlannedContract, ...]
    figures: PipelineNoticeFigures

    @property
    def year_label(self) -> str:
        return f"{self.financial_year}/{(self.financial_year + 1) % 100:02d}"


def notice_window(year: int, figures: PipelineNoticeFigures) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) of the months the notice covers, from 1 April of `year`."""
    start = dt.date(year, 4, 1)
    return start, add_months(start, figures.window_months) - dt.timedelta(days=1)


def publish_by(year: int, figures: PipelineNoticeFigures) -> dt.date:
    """The last day to publish: 1 April is the first of the days allowed."""
    return dt.date(year, 4, 1) + dt.timedelta(days=figures.publish_within_days - 1)


def is_listed(tender: Tender, start: dt.date, end: dt.date, figures: PipelineNoticeFigures) -> bool:
    notice = tender.tender_notice_date
    return (tender.stage in PLANNED_STAGES and tender.route not in PSR_ROUTES and notice is not None
            and start <= notice <= end and tender.whole_life_value_incl_vat > figures.contract_value_over_gbp)


def _notes(tender: Tender) -> tuple[str, ...]:
    notes = [CALL_OFF_NOTE] if tender.route == "framework_call_off" else []
    if tender.estimated_award_date is None:
        notes.append("No estimated award date is recorded.")
    elif tender.tender_notice_date and tender.estimated_award_date < tender.tender_notice_date:
        notes.append("The estimated award date is before the tender notice date.")
    if not tender.description.strip():
        notes.append("No description of the subject matter is recorded; the category is used.")
    return tuple(notes)


def pipeline_notice(tenders: Iterable[Tender], year: int, figures: PipelineNoticeFigures,
                    category_labels: dict[str, str], route_labels: dict[str, str]) -> PipelineNotice:
    """The contracts the notice for the financial year starting 1 April `year` lists, soonest notice first."""
    start, end = notice_window(year, figures)
    listed = []
    for tender in tenders:
        if not is_listed(tender, start, end, figures):
            continue
        category = category_labels.get(tender.category, tender.category)
        listed.append(PlannedContract(
            reference=tender.reference, title=tender.title,
            subject_matter=" ".join(tender.description.split()) or category,
            cpv_code=tender.cpv_code, estimated_notice_date=tender.tender_notice_date,  # type: ignore[arg-type]
            estimated_award_date=tender.estimated_award_date,
            estimated_value_incl_vat=tender.whole_life_value_incl_vat,
            route=route_labels.get(tender.route, tender.route), stage=tender.stage, notes=_notes(tender)))
    listed.sort(key=lambda c: (c.estimated_notice_date, c.reference))
    return PipelineNotice(year, start, end, publish_by(year, figures), tuple(listed), figures)
