"""What a manager may type into a field, and the one-line message that says how to put it right.

Qt-free so the rules of each field are tested on their own. Every parser either returns the value or
raises `FieldError` whose message names the fix ("Enter ... for example ..."), never just "invalid".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..i18n import _
from ..model.postcodes import is_area, postcode_problem
from ..model.postcodes import tidy as tidy_postcode
from ..model.typed_values import NumberError, read_number

MAX_MONEY = Decimal("100000000000")  # £100bn: far beyond any Trust contract, catches extra zeros
MAX_TEXT = 100_000
MAX_TITLE = 1000
"""The longest title a tender file carries: a longer one would save here but never import elsewhere."""


class FieldError(ValueError):
    """A value the field cannot hold; str(error) is the message shown under the field."""


def _number(text: str, what: str, example: str, *, money: bool = False, percent: bool = False) -> Decimal:
    try:
        return read_number(text, what, example, money=money, percent=percent)
    except NumberError as exc:
        raise FieldError(str(exc)) from None


def _decimals(value: Decimal) -> int:
    """Digits after the point of a finite Decimal (the pattern in `_number` lets through no other)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def parse_money(text: str) -> Decimal:
    """Pounds excluding VAT: 0 or more, at most 2 decimal places, below £100bn."""
    value = _number(text, _("the value in pounds excluding VAT"), "250,000 or 1.2m", money=True)
    if value < 0:
        raise FieldError(_("The value cannot be negative: enter 0 or more, in pounds excluding VAT."))
    if value > MAX_MONEY:
        raise FieldError(_("That is over £100 billion: check for extra zeros (enter pounds, excluding VAT)."))
    if _decimals(value) > 2:
        raise FieldError(_("Use pounds and pence, at most two decimal places, for example 1250000.50."))
    return value.quantize(Decimal("0.01")) if value != value.to_integral() else value.quantize(Decimal(1))


def parse_percent(text: str, what: str = "a percentage", example: str = "10") -> Decimal:
    """A percentage from 0 to 100 with at most two decimal places."""
    value = _number(text, what, example, percent=True)
    if not Decimal(0) <= value <= Decimal(100):
        raise FieldError(_("Enter {what} between 0 and 100, for example {example}.").format(
            what=what, example=example))
    if _decimals(value) > 2:
        raise FieldError(_("Use at most two decimal places, for example 12.5."))
    return value.normalize() if value == value.to_integral() else value


def parse_whole(text: str, low: int, high: int, what: str, example: str) -> int:
    """A whole number between `low` and `high`."""
    value = _number(text, what, example)
    if value != value.to_integral():
        raise FieldError(_("Enter {what} as a whole number, for example {example}.").format(
            what=what, example=example))
    if not low <= value <= high:
        raise FieldError(_("Enter {what} between {low:,} and {high:,}, for example {example}.").format(
            what=what, low=low, high=high, example=example))
    return int(value)


_MONTHS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def parse_date(text: str) -> dt.date | None:
    """A UK date (31/03/2027, 31-3-2027, 31 Mar 2027) or ISO (2027-03-31); empty means not set."""
    cleaned = text.strip()
    if not cleaned:
        return None
    hint = "Enter the date as day/month/year, for example 01/03/2027, or leave it empty."
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2}|[A-Za-z]{3,9})[/.\- ](\d{4})", cleaned)
        if not match:
            raise FieldError(hint)
        day, month_text, year = int(match.group(1)), match.group(2), int(match.group(3))
        if month_text.isdigit():
            month = int(month_text)
        else:
            month = _MONTHS.get(month_text[:3].lower(), 0)
            if not month:
                raise FieldError(hint)
    if not 1900 <= year <= 2200:
        raise FieldError(_("Enter a year between 1900 and 2200, for example 01/03/2027."))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError(_("There is no such day: check the day and month ({hint}).").format(
            hint=hint[:-1].lower())) from None


def format_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def format_money(value: Decimal, pence: bool = False) -> str:
    """£1,234,567 (or £1,234,567.89 with pence)."""
    if pence or value != value.to_integral():
        return f"£{value:,.2f}"
    return f"£{value:,.0f}"


def format_number(value: Decimal | int | None) -> str:
    """Plain text for an edit field: 250000, 12.5, 10 (no exponent, no trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def parse_postcode(text: str) -> str:
    """A UK postcode as stored (capitals, single spaces); empty means not known."""
    problem = postcode_problem(text)
    if problem:
        raise FieldError(problem)
    return tidy_postcode(text)


def parse_postcode_areas(text: str) -> list[str]:
    """'LE, NN' -> ['LE', 'NN']: one or two letters each, separated by commas or spaces."""
    areas: list[str] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        if not re.fullmatch(r"[A-Za-z]{1,2}", part):
            raise FieldError(_("'{area}' is not a postcode area: use the letters only, for example LE, NN.").format(
                area=part[:12]))
        if not is_area(part):
            raise FieldError(_("'{area}' is not a UK postcode area: check the letters, for example LE, NN.").format(
                area=part.upper()))
        if part.upper() not in areas:
            areas.append(part.upper())
    return areas


def check_title(text: str) -> str:
    if not text.strip():
        raise FieldError(_("Give the tender a title, for example 'Non-emergency patient transport'."))
    if len(text) > MAX_TITLE:
        raise FieldError(_("The title is too long: keep it to {limit:,} characters.").format(limit=MAX_TITLE))
    return text


def check_reference(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise FieldError(_("Enter the Trust's tender reference, for example LPT-2027-014."))
    if len(cleaned) > 100:
        raise FieldError(_("Keep the reference under 100 characters, for example LPT-2027-014."))
    if any(ord(ch) < 32 for ch in cleaned):
        raise FieldError(_("The reference cannot hold tabs or line breaks: use letters, digits and dashes."))
    return cleaned
