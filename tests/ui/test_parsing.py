"""What each kind of field accepts, and that every refusal says how to put it right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sv_desktop.ui.parsing import (
    FieldError,
    check_reference,
    check_title,
    format_date,
    format_money,
    format_number,
    parse_date,
    parse_money,
    parse_percent,
    parse_postcode_areas,
    parse_whole,
)


@pytest.mark.parametrize(("text", "value"), [
    ("250000", Decimal(250000)), ("£1,250,000", Decimal(1250000)), (" 99.5 ", Decimal("99.50")),
    ("0", Decimal(0)), ("5000000.01", Decimal("5000000.01")),
])
def test_money_accepts_pounds_as_typed(text, value):
    assert parse_money(text) == value


@pytest.mark.parametrize(("text", "hint"), [
    ("", "for example 250,000"), ("12x", "not a multiplier"), ("x12", "digits only"), ("-5", "cannot be negative"),
    ("1.005", "two decimal places"), ("1000000000000", "extra zeros"),
])
def test_money_refusals_say_how_to_fix(text, hint):
    with pytest.raises(FieldError, match=hint):
        parse_money(text)


def test_percent_is_zero_to_hundred():
    assert parse_percent("10") == Decimal(10)
    assert parse_percent("12.5%") == Decimal("12.5")
    for bad in ("101", "-1", "ten", "", "1.234"):
        with pytest.raises(FieldError):
            parse_percent(bad)
    with pytest.raises(FieldError, match="between 0 and 100"):
        parse_percent("150")


def test_whole_numbers_in_range():
    assert parse_whole("60", 1, 600, "the duration", "60") == 60
    with pytest.raises(FieldError, match="whole number"):
        parse_whole("1.5", 1, 600, "the duration", "60")
    with pytest.raises(FieldError, match="between 1 and 600"):
        parse_whole("0", 1, 600, "the duration", "60")


@pytest.mark.parametrize("text", ["01/03/2027", "1/3/2027", "2027-03-01", "1 Mar 2027", "01.03.2027",
                                  "1 March 2027"])
def test_dates_in_uk_and_iso_forms(text):
    assert parse_date(text) == dt.date(2027, 3, 1)


def test_date_empty_means_not_set_and_bad_dates_explain():
    assert parse_date("  ") is None
    with pytest.raises(FieldError, match="day/month/year"):
        parse_date("next week")
    with pytest.raises(FieldError, match="no such day"):
        parse_date("31/02/2027")
    with pytest.raises(FieldError, match="year between"):
        parse_date("01/01/1066")


def test_formatting_round_trips():
    assert format_date(dt.date(2027, 3, 1)) == "01/03/2027"
    assert format_date(None) == ""
    assert format_money(Decimal(12000000)) == "£12,000,000"
    assert format_money(Decimal("0.5"), pence=True) == "£0.50"
    assert format_number(Decimal("10.00")) == "10"
    assert format_number(Decimal("12.50")) == "12.5"
    assert format_number(None) == ""
    assert parse_money(format_number(Decimal("1250000.5"))) == Decimal("1250000.50")


def test_postcode_areas():
    assert parse_postcode_areas("le, NN  de") == ["LE", "NN", "DE"]
    assert parse_postcode_areas("") == []
    with pytest.raises(FieldError, match="letters only"):
        parse_postcode_areas("LE1 4")


def test_title_and_reference():
    assert check_title("<b>Bold</b>") == "<b>Bold</b>"
    with pytest.raises(FieldError, match="Give the tender a title"):
        check_title("   ")
    assert check_reference(" LPT-2027-014 ") == "LPT-2027-014"
    with pytest.raises(FieldError):
        check_reference("")
    with pytest.raises(FieldError, match="under 100"):
        check_reference("X" * 101)
