"""When a contract's KPI results are due (policy P238 §4.3, §5.5: contract managers monitor performance
against the social value KPIs).

Each KPI is reported at its own frequency, in periods counted from the contract start date (or the award
date when no start date is recorded) to the contract end. A period's report falls due on the period's last
day: the reminder appears `ahead_days` before that and stays, as overdue, until a result whose period ends
inside that period is recorded. `today` is always passed in, so the clock can be set in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .tender import Kpi, Tender, add_months

DELIVERY_STAGES: tuple[str, ...] = ("awarded", "renewal_due")
FREQUENCY_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "six_monthly": 6, "annually": 12}
AHEAD_DAYS = 14


@dataclass(frozen=True)
class ReportingPeriod:
    start: dt.date
    end: dt.date
    """Last day, included; the report falls due on it."""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class KpiReminder:
    reference: str
    title: str
    kpi: str
    period: ReportingPeriod
    """The earliest period still without a result."""
    missing: int
    """How many periods are due (or about to be) without a result, this one included."""
    today: dt.date

    @property
    def due_on(self) -> dt.date:
        return self.period.end

    @property
    def overdue_days(self) -> int:
        """Days past the due date; 0 while the report is not yet late."""
        return max((self.today - self.due_on).days, 0)

    @property
    def is_overdue(self) -> bool:
        return self.today > self.due_on


@dataclass(frozen=True, slots=True)
class DeliveryContract:
    """What the reminders need of a contract: the store reads just this for every contract in delivery
    (`TenderStore.delivery_contracts`), far less than whole tenders; `of()` takes it from a whole tender."""

    reference: str
    title: str
    stage: str
    start: dt.date | None
    """The contract start date, else the award date; None when neither is recorded."""
    duration_months: int
    kpis: tuple[tuple[str, str], ...]
    """(name, frequency) of each KPI, in order."""
    reported: tuple[tuple[str, dt.date | None], ...]
    """(KPI name, period end) of each recorded result."""

    @classmethod
    def of(cls, tender: Tender) -> DeliveryContract:
        return cls(reference=tender.reference, title=tender.title, stage=tender.stage,
                   start=delivery_start(tender), duration_months=tender.duration_months,
                   kpis=tuple((kpi.name, kpi.frequency) for kpi in tender.kpis),
                   reported=tuple((result.kpi, result.period_end) for result in tender.kpi_results))

    @property
    def end(self) -> dt.date | None:
        """The last day of the contract."""
        return _end(self.start, self.duration_months)


def delivery_start(tender: Tender) -> dt.date | None:
    return tender.contract_start_date or tender.award.awarded_on


def _end(start: dt.date | None, duration_months: int) -> dt.date | None:
    if start is None:
        return None
    return add_months(start, duration_months) - dt.timedelta(days=1)


def delivery_end(tender: Tender) -> dt.date | None:
    return _end(delivery_start(tender), tender.duration_months)


def _periods(start: dt.date | None, end: dt.date | None, frequency: str, until: dt.date) -> list[ReportingPeriod]:
    if start is None or end is None:
        return []
    step = FREQUENCY_MONTHS.get(frequency, 3)
    periods: list[ReportingPeriod] = []
    index = 0
    while True:
        first = add_months(start, step * index)
        if first > end or first > until:
            return periods
        last = min(add_months(start, step * (index + 1)) - dt.timedelta(days=1), end)
        periods.append(ReportingPeriod(first, last))
        index += 1


def reporting_periods(tender: Tender, kpi: Kpi, until: dt.date) -> list[ReportingPeriod]:
    """The KPI's reporting periods that start on or before `until`, the last one cut at the contract end."""
    return _periods(delivery_start(tender), delivery_end(tender), kpi.frequency, until)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def contract_reminders(contract: DeliveryContract, today: dt.date,
                       ahead_days: int = AHEAD_DAYS) -> list[KpiReminder]:
    """One reminder per KPI of the contract that has a report due within `ahead_days` or overdue."""
    if contract.stage not in DELIVERY_STAGES:
        return []
    horizon = today + dt.timedelta(days=ahead_days)
    reported: dict[str, list[dt.date]] = {}
    for kpi_name, period_end in contract.reported:
        if period_end is not None:
            reported.setdefault(_key(kpi_name), []).append(period_end)
    start, end = contract.start, contract.end
    reminders = []
    for name, frequency in contract.kpis:
        if not name.strip():
            continue
        ends = reported.get(_key(name), [])
        missing = [period for period in _periods(start, end, frequency, horizon)
                   if period.end <= horizon and not any(period.covers(day) for day in ends)]
        if missing:
            reminders.append(KpiReminder(reference=contract.reference, title=contract.title, kpi=name,
                                         period=missing[0], missing=len(missing), today=today))
    return reminders


def reminders_for(tender: Tender, today: dt.date, ahead_days: int = AHEAD_DAYS) -> list[KpiReminder]:
    """One reminder per KPI of `tender` that has a report due within `ahead_days` or overdue."""
    return contract_reminders(DeliveryContract.of(tender), today, ahead_days)


def kpi_reminders(contracts: Iterable[Tender | DeliveryContract], today: dt.date,
                  ahead_days: int = AHEAD_DAYS) -> list[KpiReminder]:
    """Every reminder for the contracts in delivery (whole tenders or what the store read of them), the
    longest overdue first."""
    found = [reminder for contract in contracts
             for reminder in contract_reminders(contract if isinstance(contract, DeliveryContract)
                                                else DeliveryContract.of(contract), today, ahead_days)]
    return sorted(found, key=lambda r: (r.due_on, r.reference, r.kpi))
