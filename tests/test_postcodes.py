"""UK postcodes and postcode areas are checked for their format wherever they are typed."""

from __future__ import annotations

import pytest

from sv_desktop.model.postcodes import is_area, is_postcode, postcode_problem
from sv_desktop.ui.parsing import FieldError, parse_postcode_areas


@pytest.mark.parametrize("text", ["LE1 7RH", "le17rh", "NN4 8AA", "SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE",
                                  "B33 8TH", "CR2 6XH", "DN55 1PT", "GIR 0AA", " le11  3tu "])
def test_uk_postcodes_in_every_shape(text):
    assert is_postcode(text) and postcode_problem(text) is None


@pytest.mark.parametrize("text", ["LE1", "LE1 7R", "LEE 7RH", "12345", "QE1 7RH", "AI1 1AA", "LE1 7RHX", "SW1A1AAA",
                                  "90210", "LE1-7RH"])
def test_not_postcodes_say_how_to_fix(text):
    message = postcode_problem(text)
    assert not is_postcode(text) and "is not a UK postcode" in message and "LE1 7RH" in message


def test_empty_is_not_wrong():
    assert postcode_problem("  ") is None


def test_postcode_areas():
    assert all(is_area(a) for a in ("LE", "NN", "E", "EC", "W", "ZE"))
    assert not any(is_area(a) for a in ("Q", "QE", "VA", "XY", "LI", "LJ", "LZ", "LEE"))
    assert parse_postcode_areas("le, nn") == ["LE", "NN"]
    with pytest.raises(FieldError, match="'QE' is not a UK postcode area"):
        parse_postcode_areas("LE, QE")
