"""Numbers as managers type them: the unambiguous forms are read exactly, everything else is refused
with a sentence that says how to fix it, and no half-typed text is ever read as a smaller number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sv_desktop.model.typed_values import NumberError, is_plain, read_number
from sv_desktop.ui.parsing import FieldError, parse_money, parse_percent, parse_whole


def money(text: str) -> Decimal:
    return read_number(text, "the value", "250,000", money=True)


@pytest.mark.parametrize(("text", "value"), [
    ("1.2m", Decimal(1200000)), ("£1.2 million", Decimal(1200000)), ("250k", Decimal(250000)),
    ("1,200,000.00", Decimal("1200000.00")), ("£1,200,000", Decimal(1200000)), ("2.5 million", Decimal(2500000)),
    ("2.5bn", Decimal(2500000000)), ("1.2M", Decimal(1200000)), ("£ 750 thousand", Decimal(750000)),
    ("1200000", Decimal(1200000)), (".5", Decimal("0.5")), ("1.2345678m", Decimal("1234567.8")),
])
def test_unambiguous_forms_are_read_exactly(text, value):
    assert money(text) == value


@pytest.mark.parametrize(("text", "hint"), [
    ("1,2OO", "letters where digits belong"), ("£1,2OO,000", "letters among the digits"),
    ("1.2.3", "more than one decimal point"), ("1,20,000", "commas every three digits"),
    ("2.5 mill", "Finish 'mill'"), ("2.5 millions", "not a multiplier"), ("1.", "after the decimal point"),
    ("", "Enter the value"), ("1e5", "letters among the digits"), ("12 pounds", "not a multiplier"),
    ("m", "figure before"), ("1,,000", "commas"), ("2.5b", "Finish 'b'"), ("12$", r"'\$' cannot be part"),
])
def test_ambiguous_or_half_typed_text_is_refused_with_a_fix(text, hint):
    with pytest.raises(NumberError, match=hint):
        money(text)


def test_multipliers_are_for_money_only():
    with pytest.raises(NumberError, match="digits only"):
        read_number("5k", "the duration", "60")
    assert read_number("12.5%", "a percentage", "10", percent=True) == Decimal("12.5")


def test_fields_use_the_same_reading():
    assert parse_money("1.2m") == Decimal(1200000)
    assert parse_money("£1,234.5") == Decimal("1234.50")
    assert parse_percent("12.5 %") == Decimal("12.5")
    assert parse_whole("1,000", 50, 10000, "the word limit", "750") == 1000
    with pytest.raises(FieldError, match="commas every three digits"):
        parse_whole("1,00", 50, 10000, "the word limit", "750")
    with pytest.raises(FieldError, match="over £100 billion"):
        parse_money("150bn")


def test_plain_text_needs_no_note():
    assert is_plain("250000") and is_plain(" 12.5 ")
    assert not is_plain("1.2m") and not is_plain("1,000")


@given(st.text(alphabet="0123456789,.£ kmbnilothusadKMB-", max_size=14))
def test_every_text_is_read_or_refused_never_raises_anything_else(text):
    try:
        value = money(text)
    except NumberError as exc:
        assert str(exc).endswith(".") and len(str(exc)) < 200
    else:
        assert isinstance(value, Decimal)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_grouped_and_plain_forms_agree(value):
    assert money(f"{value:,.2f}") == money(f"{value:.2f}") == value
    assert money(f"£{value:,.2f}") == value


@given(st.decimals(min_value=0, max_value=99, places=3, allow_nan=False, allow_infinity=False),
       st.sampled_from([("k", 1000), ("m", 10**6), (" million", 10**6), ("bn", 10**9), (" thousand", 1000)]))
def test_multiplied_forms_read_as_the_figure_they_say(number, suffix):
    word, factor = suffix
    assert money(f"{number}{word}") == number * factor
    assert money(f"£{number}{word.upper()}") == number * factor


@given(st.text(alphabet="0123456789,.", min_size=1, max_size=12))
def test_commas_are_only_read_where_they_group_thousands(text):
    try:
        value = money(text)
    except NumberError:
        return
    whole = text.split(".")[0]
    if "," in whole:
        assert all(len(group) == 3 for group in whole.split(",")[1:]) and 1 <= len(whole.split(",")[0]) <= 3
    assert value == Decimal(text.replace(",", "") if not text.startswith(".") else "0" + text)
