"""Dates that make sense together: each check is tested on both sides of the date it compares with."""

from __future__ import annotations

import datetime as dt

from sv_desktop.model.date_checks import (
    award_after_notice,
    not_in_future,
    period_end_after_start,
    reported_after_period,
    start_after_notice,
)

D = dt.date


def test_nothing_that_has_happened_is_dated_after_today():
    today = D(2026, 12, 3)
    assert not_in_future(D(2026, 12, 3), today, "award date") is None
    message = not_in_future(D(2026, 12, 4), today, "award date")
    assert message.startswith("The award date is after today (03/12/2026)") and "leave it empty" in message
    assert not_in_future(None, today, "award date") is None


def test_contract_start_and_award_follow_the_tender_notice():
    notice = D(2027, 3, 1)
    assert start_after_notice(D(2027, 3, 2), notice) is None
    assert "after the tender notice date (01/03/2027)" in start_after_notice(D(2027, 3, 1), notice)
    assert award_after_notice(D(2027, 3, 1), notice) is None
    assert "cannot come before the tender notice (01/03/2027)" in award_after_notice(D(2027, 2, 28), notice)
    assert award_after_notice(D(2020, 1, 1), None) is None and start_after_notice(None, notice) is None


def test_a_period_ends_after_it_starts_and_is_reported_after_it_ends():
    start, end = D(2026, 7, 1), D(2026, 9, 30)
    assert period_end_after_start(end, start) is None and period_end_after_start(start, start) is None
    assert "ends before it starts (01/07/2026)" in period_end_after_start(D(2026, 6, 30), start)
    assert reported_after_period(end, end) is None and reported_after_period(D(2026, 10, 1), end) is None
    assert "before its period ends (30/09/2026)" in reported_after_period(D(2026, 9, 29), end)
    assert reported_after_period(D(2026, 9, 29), None) is None
