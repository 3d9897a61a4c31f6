"""Standstill and record-keeping dates after an award decision, counted in working days.

Working days exclude Saturdays, Sundays and the bank holidays of England and Wales, taken from the maintained
`holidays` library (never a hand-typed list), which knows each year's substitute days.

- Procurement Act 2023 s.51: the standstill period is at least 8 working days, *beginning with the day* the
  contract award notice is published; the contract may be entered into once it has ended.
- Provider Selection Regime (SI 2023/1348 reg. 12): the standstill period begins the *day after* the notice of
  intention to award; providers make representations before midnight at the end of the 8th working day. Where
  representations lead to a review and the decision stands, the authority waits a further 5 working days before
  awarding.
- Procurement Act 2023 s.98: records that explain each material decision are kept for 3 years from the date the
  contract is entered into.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..i18n import _
from .tender import TenderSummary, add_months

PA23_STANDSTILL_DAYS = 8
PSR_REPRESENTATION_DAYS = 8
PSR_AFTER_REVIEW_DAYS = 5
RECORDS_KEPT_YEARS = 3
SUBDIVISIONS = ("ENG", "WLS")


@lru_cache(maxsize=8)
def _bank_holidays(subdivision: str, year: int) -> frozenset[dt.date]:
    # The country module itself (not the library's lazy registry), so a frozen build finds it; imported on
    # first use so that opening the app does not load the calendar.
    from holidays.countries.united_kingdom import UnitedKingdom

    return frozenset(UnitedKingdom(subdiv=subdivision, years=[year]).keys())


def is_working_day(day: dt.date, subdivision: str = "ENG") -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(subdivision, day.year)


def nth_working_day(first: dt.date, count: int, subdivision: str = "ENG") -> dt.date:
    """The `count`th working day of a period beginning with `first` (`first` is day 1 if it is a working day)."""
    if count < 1:
        raise ValueError(_("count must be at least 1"))
    day, seen = first, 0
    while True:
        if is_working_day(day, subdivision):
            seen += 1
            if seen == count:
                return day
        day += dt.timedelta(days=1)


@dataclass(frozen=True)
class Standstill:
    regime: str
    """"pa23" or "psr"."""
    notice_date: dt.date
    """The contract award notice (PA23) or the notice of intention to award (PSR)."""
    ends_on: dt.date
    """Last day of the standstill (PA23) or of the representations period (PSR), midnight at its end."""
    award_from: dt.date
    """The first day the contract may be entered into, if no representations or challenge are made."""

    def after_review(self, decision_on: dt.date, subdivision: str = "ENG") -> dt.date:
        """PSR only: the last day of the 5 working days after a review that confirms the decision."""
        if self.regime != "psr":
            raise ValueError(_("only the Provider Selection Regime has a further wait after a review"))
        return nth_working_day(decision_on + dt.timedelta(days=1), PSR_AFTER_REVIEW_DAYS, subdivision)


def pa23_standstill(published_on: dt.date, subdivision: str = "ENG") -> Standstill:
    end = nth_working_day(published_on, PA23_STANDSTILL_DAYS, subdivision)
    return Standstill("pa23", published_on, end, end + dt.timedelta(days=1))


def psr_standstill(intention_on: dt.date, subdivision: str = "ENG") -> Standstill:
    end = nth_working_day(intention_on + dt.timedelta(days=1), PSR_REPRESENTATION_DAYS, subdivision)
    return Standstill("psr", intention_on, end, end + dt.timedelta(days=1))


def standstill_for_route(route: str, notice_date: dt.date, subdivision: str = "ENG") -> Standstill:
    """The Provider Selection Regime's standstill for its routes, the Act's for every other route."""
    if route.startswith("psr_"):
        return psr_standstill(notice_date, subdivision)
    return pa23_standstill(notice_date, subdivision)


def with_standstill(rows: Sequence[TenderSummary], subdivision: str = "ENG") -> list[TenderSummary]:
    """The list rows, each with an award notice date given its standstill by the regime of its route; the
    others (and rows already given theirs) as they are."""
    return [row if row.award_notice_date is None or row.standstill is not None
            else replace(row, standstill=standstill_for_route(row.route, row.award_notice_date, subdivision))
            for row in rows]


def records_kept_until(contract_date: dt.date) -> dt.date:
    """The day the s.98 records may be destroyed: 3 years after the contract is entered into."""
    return add_months(contract_date, 12 * RECORDS_KEPT_YEARS)
