"""Spend in a period: the part of each awarded contract's value that falls inside it.

A five-year £9.8m contract awarded in a period is not £9.8m of spend in that period. Each month of the
contract (from its start date, or its award date when no start is recorded, for its duration) carries an equal
share of the awarded value; a month partly inside the period counts for the days inside it. Where finance has
recorded the actual spend for a financial year (1 April to 31 March), that figure replaces the estimate for
that year, spread over the contract days of that year in the same way. Exact in Decimal; rounded only for
display.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .tender import Tender, add_months

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PeriodSpend:
    amount: Decimal
    """Spend inside the period, pounds excluding VAT."""
    actual: bool
    """True when some of it comes from actual spend recorded by finance."""
    estimated: bool
    """True when some of it is the pro-rata estimate."""


def contract_start(tender: Tender) -> dt.date | None:
    return tender.contract_start_date or tender.award.awarded_on


def financial_year_of(day: dt.date) -> int:
    """The year in which the financial year holding `day` starts (31 March 2028 is in 2027/28)."""
    return day.year if day.month >= 4 else day.year - 1


def _overlap(a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date) -> int:
    """Days shared by two closed date ranges."""
    first, last = max(a_start, b_start), min(a_end, b_end)
    return max((last - first).days + 1, 0)


def _months(start: dt.date, duration: int) -> list[tuple[dt.date, dt.date]]:
    return [(add_months(start, i), add_months(start, i + 1) - DAY) for i in range(duration)]


def estimated_between(tender: Tender, first: dt.date, last: dt.date) -> Decimal:
    """The pro-rata share of the awarded value falling in [first, last]."""
    start = contract_start(tender)
    value = tender.award.awarded_value_gbp
    if start is None or value is None or tender.duration_months < 1:
        return Decimal(0)
    monthly = Decimal(value) / tender.duration_months
    total = Decimal(0)
    for month_start, month_end in _months(start, tender.duration_months):
        inside = _overlap(month_start, month_end, first, last)
        days = (month_end - month_start).days + 1
        if inside == days:
            total += monthly
        elif inside:
            total += monthly * inside / days
    return total


def period_spend(tender: Tender, first: dt.date, last: dt.date) -> PeriodSpend | None:
    """Spend of an awarded contract inside [first, last]; None when it is not awarded, has no value recorded,
    or does not run in the period."""
    start = contract_start(tender)
    if not tender.award.is_awarded or start is None or tender.award.awarded_value_gbp is None:
        return None
    end = add_months(start, tender.duration_months) - DAY
    if _overlap(start, end, first, last) == 0:
        return None
    actual = {entry.financial_year: entry.amount_gbp for entry in tender.award.actual_spend}
    total, used_actual, used_estimate = Decimal(0), False, False
    for year in range(financial_year_of(max(first, start)), financial_year_of(min(last, end)) + 1):
        year_first, year_last = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        in_period = (max(first, year_first), min(last, year_last))
        if in_period[0] > in_period[1]:
            continue
        if year in actual:
            contract_days = _overlap(start, end, year_first, year_last)
            inside = _overlap(start, end, *in_period)
            if contract_days and inside:
                total += actual[year] * inside / contract_days
                used_actual = True
        else:
            share = estimated_between(tender, *in_period)
            if share:
                total += share
                used_estimate = True
    return PeriodSpend(total, used_actual, used_estimate)
