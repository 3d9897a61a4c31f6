"""The tender pipeline (policy P238 §4.1, §5.1): which list rows a set of filters keeps, and the rolling
"next 12 months" window by tender notice date.

Pure functions over `TenderSummary` rows, so the main window can run them off the UI thread and the CLI
and tests get exactly the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import N_, _
from .tender import TenderSummary, add_months

PIPELINE_MONTHS = 12
STAGE_NAMES: dict[str, str] = {
    "pipeline": N_("Pipeline"),
    "pre_market": N_("Pre-market engagement"),
    "itt": N_("Invitation to tender (ITT)"),
    "evaluation": N_("Evaluation"),
    "awarded": N_("Awarded / in delivery"),
    "renewal_due": N_("Renewal due"),
}
"""The lifecycle stages of policy P238 §4 as exports and reports name them (marked: translate with `_()`
where shown)."""
COMPLIANCE_STATES: tuple[str, ...] = ("compliant", "not_compliant", "not_checked")
_STATE_OF = {True: "compliant", False: "not_compliant", None: "not_checked"}


def next_months_window(today: dt.date, months: int = PIPELINE_MONTHS) -> tuple[dt.date, dt.date]:
    """From today to the day before the same date `months` later, both included (25 Nov 2026 to
    24 Nov 2027 for twelve months)."""
    if months < 1:
        raise ValueError(_("the window must be at least one month long"))
    return today, add_months(today, months) - dt.timedelta(days=1)


def compliance_state(summary: TenderSummary) -> str:
    return _STATE_OF[summary.compliant]


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class PipelineFilter:
    """What the filter bar asks for; an empty field keeps every row."""

    stages: frozenset[str] = frozenset()
    category: str | None = None
    lead: str | None = None
    """The procurement lead's name (any case); "" keeps only tenders without one."""
    compliance: str | None = None
    """One of COMPLIANCE_STATES."""
    notice_from: dt.date | None = None
    notice_to: dt.date | None = None
    next_months: int | None = None
    """Only tenders whose notice date falls in the next this-many months from today."""
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == PipelineFilter()

    def window(self, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
        """The notice-date range this filter keeps (the tighter of the dates and the rolling window)."""
        low, high = self.notice_from, self.notice_to
        if self.next_months:
            start, end = next_months_window(today, self.next_months)
            low = start if low is None else max(low, start)
            high = end if high is None else min(high, end)
        return low, high

    def matches(self, row: TenderSummary, today: dt.date) -> bool:
        if self.stages and row.stage not in self.stages:
            return False
        if self.category is not None and row.category != self.category:
            return False
        if self.lead is not None and _name_key(row.procurement_lead) != _name_key(self.lead):
            return False
        if self.compliance is not None and compliance_state(row) != self.compliance:
            return False
        low, high = self.window(today)
        if low is not None or high is not None:
            notice = row.tender_notice_date
            if notice is None or (low is not None and notice < low) or (high is not None and notice > high):
                return False
        if self.text.strip():
            haystack = " ".join((row.reference, row.title, row.procurement_lead, row.supplier_name)).casefold()
            return all(word in haystack for word in self.text.casefold().split())
        return True


def filter_rows(rows: Iterable[TenderSummary], criteria: PipelineFilter, today: dt.date) -> list[TenderSummary]:
    """The rows `criteria` keeps, in their order."""
    if criteria.is_empty:
        return list(rows)
    return [row for row in rows if criteria.matches(row, today)]


def upcoming(rows: Iterable[TenderSummary], today: dt.date, months: int = PIPELINE_MONTHS) -> list[TenderSummary]:
    """The pipeline: tenders with a notice date in the next `months` months, soonest first."""
    kept = filter_rows(rows, PipelineFilter(next_months=months), today)
    return sorted(kept, key=lambda row: (row.tender_notice_date, row.reference))


def lead_names(rows: Iterable[TenderSummary]) -> list[str]:
    """Every procurement lead named on a row, once each (first spelling kept), in alphabetical order."""
    names: dict[str, str] = {}
    for row in rows:
        name = " ".join(row.procurement_lead.split())
        if name:
            names.setdefault(_name_key(name), name)
    return sorted(names.values(), key=str.casefold)
