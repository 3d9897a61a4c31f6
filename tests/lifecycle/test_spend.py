"""Spend in a period, worked out by hand: a contract straddling two periods, actual spend recorded for a
financial year replacing the estimate, a period with no awards; the actual spend through the file and the store."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sv_desktop.model.lifecycle import ActualSpend, Award, Supplier
from sv_desktop.model.spend import financial_year_of, period_spend
from sv_desktop.model.tender import new_tender
from sv_desktop.model.tender_file import TenderFileError, tender_from_dict, tender_to_dict

D = dt.date
APRIL_2026 = D(2026, 4, 1)


def contract(value="1200000", start=APRIL_2026, months=24, actual=()):
    tender = new_tender("SPEND-1", "Linen service", "goods_services")
    tender.stage = "awarded"
    tender.duration_months = months
    tender.contract_start_date = start
    tender.award = Award(Supplier("Laundry Co", "LE1 1AA", sme=True), awarded_on=D(2026, 2, 1),
                         awarded_value_gbp=Decimal(value), actual_spend=list(actual))
    return tender


def test_a_contract_straddling_two_periods_splits_by_months():
    tender = contract()  # £1.2m over 24 months from 1 April 2026: £50,000 a month
    first = period_spend(tender, D(2025, 4, 1), D(2027, 3, 31))
    second = period_spend(tender, D(2027, 4, 1), D(2029, 3, 31))
    assert first.amount == Decimal(600_000) and second.amount == Decimal(600_000)
    assert first.estimated and not first.actual
    # A period ending mid-month counts the days inside: 1 to 15 April 2026 is 15 of April's 30 days.
    assert period_spend(tender, D(2026, 1, 1), D(2026, 4, 15)).amount == Decimal(25_000)


def test_actual_spend_replaces_the_estimate_for_its_financial_year():
    tender = contract(actual=[ActualSpend(2026, Decimal("540000"))])
    # 2026/27 is wholly inside both the contract and the period: the actual figure replaces 12 x £50,000.
    spend = period_spend(tender, D(2025, 4, 1), D(2027, 3, 31))
    assert spend.amount == Decimal(540_000) and spend.actual and not spend.estimated
    # Half of 2026/27 (1 April to 30 September 2026, 183 of its 365 days) takes that share of the actual.
    half = period_spend(tender, D(2026, 4, 1), D(2026, 9, 30))
    assert half.amount == Decimal(540_000) * 183 / 365
    # Over both years: the actual for 2026/27 plus the estimate for 2027/28.
    whole = period_spend(tender, D(2026, 4, 1), D(2028, 3, 31))
    assert whole.amount == Decimal(540_000) + Decimal(600_000) and whole.actual and whole.estimated


def test_no_spend_outside_the_contract_or_without_a_value():
    assert period_spend(contract(), D(2024, 4, 1), D(2026, 3, 31)) is None  # before it starts
    no_value = contract()
    no_value.award.awarded_value_gbp = None
    assert period_spend(no_value, D(2025, 4, 1), D(2027, 3, 31)) is None
    assert financial_year_of(D(2028, 3, 31)) == 2027 and financial_year_of(D(2028, 4, 1)) == 2028


def test_a_period_with_no_awards_still_reports_spend(service, day_clock):
    """No contract is awarded in 2027/28, but one awarded before runs through it: its spend counts."""
    service.create(contract())
    report = service.compliance_report(D(2027, 4, 1), D(2028, 3, 31))
    assert [line.reference for line in report.current.contracts] == []  # nothing awarded or issued in it
    assert [(line.reference, line.spend_gbp) for line in report.current.spend_lines] == [
        ("SPEND-1", Decimal(600_000))]
    assert report.current.spend("sme") == Decimal(600_000) and report.current.spend_pct("local") == 100
    assert report.previous.spend() == Decimal(600_000)  # 2026/27, the benchmark


def test_actual_spend_through_the_file_and_the_store(service):
    tender = contract(actual=[ActualSpend(2026, Decimal("540000.25")), ActualSpend(2027, Decimal("610000"))])
    back = tender_from_dict(tender_to_dict(tender))
    assert back.award.actual_spend == tender.award.actual_spend
    service.create(tender)
    assert service.get("SPEND-1").award.actual_spend == tender.award.actual_spend
    data = tender_to_dict(tender)
    data["award"]["actual_spend"].append({"financial_year": 2026, "amount_gbp": 1})
    with pytest.raises(TenderFileError, match=r"award.actual_spend\[2\].financial_year: repeats"):
        tender_from_dict(data)
    data["award"]["actual_spend"] = [{"financial_year": 2026, "amount_gbp": -5}]
    with pytest.raises(TenderFileError, match="amount_gbp: must be at least 0"):
        tender_from_dict(data)
