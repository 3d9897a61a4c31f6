"""Standstill dates counted in working days of England and Wales, across Christmas, Easter and the August
bank holiday, for the Procurement Act and the Provider Selection Regime (dates worked out by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

from sv_desktop.model.standstill import (
    is_working_day,
    nth_working_day,
    pa23_standstill,
    psr_standstill,
    records_kept_until,
    standstill_for_route,
)

D = dt.date


@pytest.mark.parametrize(("published", "ends"), [
    (D(2026, 12, 23), D(2027, 1, 6)),   # Christmas Day, Boxing Day (observed Mon 28) and New Year's Day
    (D(2027, 3, 25), D(2027, 4, 7)),    # Good Friday 26 Mar and Easter Monday 29 Mar
    (D(2027, 8, 28), D(2027, 9, 9)),    # published on a Saturday before the August bank holiday
    (D(2027, 6, 7), D(2027, 6, 16)),    # an ordinary Monday: day 1 is the day of publication
])
def test_procurement_act_standstill_begins_with_the_day_of_publication(published, ends):
    standstill = pa23_standstill(published)
    assert standstill.ends_on == ends
    assert standstill.award_from == ends + dt.timedelta(days=1)


@pytest.mark.parametrize(("intention", "ends"), [
    (D(2026, 12, 23), D(2027, 1, 7)),
    (D(2027, 3, 25), D(2027, 4, 8)),
    (D(2027, 8, 27), D(2027, 9, 9)),
    (D(2027, 6, 7), D(2027, 6, 17)),    # begins the day after: Tuesday is day 1
])
def test_psr_standstill_begins_the_day_after_the_intention_notice(intention, ends):
    assert psr_standstill(intention).ends_on == ends


def test_psr_waits_five_more_working_days_after_a_review():
    standstill = psr_standstill(D(2027, 3, 25))
    assert standstill.after_review(D(2027, 4, 9)) == D(2027, 4, 16)
    assert standstill.after_review(D(2027, 8, 27)) == D(2027, 9, 6)  # across the August bank holiday
    with pytest.raises(ValueError):
        pa23_standstill(D(2027, 3, 25)).after_review(D(2027, 4, 9))


def test_the_route_chooses_the_regime():
    assert standstill_for_route("psr_competitive", D(2027, 6, 7)).regime == "psr"
    assert standstill_for_route("open", D(2027, 6, 7)).regime == "pa23"


def test_working_days_and_records():
    assert not is_working_day(D(2027, 12, 27)) and not is_working_day(D(2027, 12, 28))  # substitute days
    assert is_working_day(D(2027, 12, 29))
    assert nth_working_day(D(2027, 12, 24), 2) == D(2027, 12, 29)
    with pytest.raises(ValueError):
        nth_working_day(D(2027, 1, 1), 0)
    assert records_kept_until(D(2027, 1, 15)) == D(2030, 1, 15)
    assert records_kept_until(D(2028, 2, 29)) == D(2031, 2, 28)
