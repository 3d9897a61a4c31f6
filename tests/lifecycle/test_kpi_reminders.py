"""KPI report reminders with a clock the test moves: due a fortnight ahead, overdue after the period ends,
gone once a result for the period is recorded, and only for contracts in delivery."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sv_desktop.model.kpi_reminders import ReportingPeriod, kpi_reminders, reporting_periods
from sv_desktop.model.lifecycle import Award, KpiResult
from sv_desktop.model.tender import Kpi, Tender, ThemeChoice

START = dt.date(2026, 1, 1)


def contract(reference: str = "DELIVER-1", *, stage: str = "awarded", months: int = 12,
             start: dt.date | None = START, awarded: dt.date | None = None) -> Tender:
    return Tender(reference=reference, title="Courier service", category="transport",
                  value_excl_vat_gbp=Decimal(500_000), duration_months=months,
                  social_value_weighting_pct=Decimal(10), themes=[ThemeChoice("fighting_climate_change", Decimal(10))],
                  contract_start_date=start, stage=stage, award=Award(awarded_on=awarded),
                  kpis=[Kpi(name="Electric vans", frequency="quarterly"), Kpi(name="Local hires", frequency="annually")])


def result(kpi: str, end: dt.date) -> KpiResult:
    return KpiResult(kpi=kpi, period_start=None, period_end=end, rating="Good")


def test_quarterly_periods_run_from_the_start_to_the_contract_end():
    tender = contract(months=10)
    periods = reporting_periods(tender, tender.kpis[0], dt.date(2030, 1, 1))
    assert periods == [ReportingPeriod(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
                       ReportingPeriod(dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
                       ReportingPeriod(dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
                       ReportingPeriod(dt.date(2026, 10, 1), dt.date(2026, 10, 31))]  # cut at the contract end


def test_a_report_is_due_a_fortnight_ahead_then_overdue_until_recorded():
    tender = contract()
    assert kpi_reminders([tender], dt.date(2026, 3, 16)) == []  # 15 days before the end of the first quarter
    due = kpi_reminders([tender], dt.date(2026, 3, 17))
    assert [(r.kpi, r.period.end, r.is_overdue, r.overdue_days, r.missing) for r in due] == [
        ("Electric vans", dt.date(2026, 3, 31), False, 0, 1)]

    late = kpi_reminders([tender], dt.date(2026, 4, 10))
    assert [(r.kpi, r.is_overdue, r.overdue_days) for r in late] == [("Electric vans", True, 10)]

    tender.kpi_results.append(result(" electric  VANS ", dt.date(2026, 3, 31)))
    assert kpi_reminders([tender], dt.date(2026, 4, 10)) == []

    months_later = kpi_reminders([tender], dt.date(2026, 12, 20))
    assert [(r.kpi, r.period.start, r.missing, r.is_overdue) for r in months_later] == [
        ("Electric vans", dt.date(2026, 4, 1), 3, True),  # Q2 and Q3 overdue, Q4 due in 11 days
        ("Local hires", dt.date(2026, 1, 1), 1, False)]


def test_a_result_counts_for_the_period_its_end_date_falls_in():
    tender = contract()
    tender.kpi_results.append(result("Electric vans", dt.date(2026, 3, 20)))
    assert kpi_reminders([tender], dt.date(2026, 4, 10)) == []
    tender.kpi_results[0] = result("Electric vans", dt.date(2026, 4, 2))  # that is the next quarter's
    assert [r.period.end for r in kpi_reminders([tender], dt.date(2026, 4, 10))] == [dt.date(2026, 3, 31)]


def test_only_contracts_in_delivery_with_a_start_get_reminders():
    today = dt.date(2026, 6, 1)
    assert kpi_reminders([contract(stage="itt"), contract(stage="pipeline")], today) == []
    assert kpi_reminders([contract(start=None)], today) == []
    by_award = kpi_reminders([contract("BY-AWARD", stage="renewal_due", start=None, awarded=dt.date(2026, 2, 1))],
                             today)
    assert [(r.reference, r.period.end) for r in by_award] == [("BY-AWARD", dt.date(2026, 4, 30))]


def test_nothing_is_due_after_the_contract_has_ended_and_been_reported():
    tender = contract(months=3)
    tender.kpi_results += [result("Electric vans", dt.date(2026, 3, 31)), result("Local hires", dt.date(2026, 3, 31))]
    assert kpi_reminders([tender], dt.date(2027, 6, 1)) == []


def test_the_service_reminds_from_the_store_with_its_clock(service, day_clock):
    service.bulk_create([contract("STORED-1"), contract("STORED-2", stage="evaluation")])
    day_clock.day = dt.date(2026, 3, 20)
    assert [(r.reference, r.kpi) for r in service.kpi_reminders()] == [("STORED-1", "Electric vans")]
    stored = service.get("STORED-1")
    stored.kpi_results.append(result("Electric vans", dt.date(2026, 3, 31)))
    service.save(stored)
    assert service.kpi_reminders() == []
    assert [r.kpi for r in service.kpi_reminders(dt.date(2026, 7, 1))] == ["Electric vans"]
