"""Numbers as managers type them, read only when they are whole and unambiguous.

`read_number` accepts plain digits (`1200000`, `1200000.50`), commas every three digits (`1,200,000.00`),
a pound sign, and for amounts of money a multiplier word or letter (`250k`, `1.2m`, `£1.2 million`,
`2.5bn`: the UK billion, a thousand million). Anything else, including half-typed text such as
`2.5 mill`, commas in the wrong places (`1,20,000`, `1,2OO`) or two decimal points (`1.2.3`), raises
`NumberError` with one sentence saying how to put it right. Nothing here guesses: a text is either read
exactly or refused.

Qt-free and SQL-free; the fields in the UI use it, and it is tested on its own.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..i18n import _

MULTIPLIERS: dict[str, Decimal] = {
    "k": Decimal(1000), "thousand": Decimal(1000),
    "m": Decimal(1000000), "mn": Decimal(1000000), "million": Decimal(1000000),
    "bn": Decimal(1000000000), "billion": Decimal(1000000000),
}
"""Words and letters that multiply an amount of money. "b" alone is not here: too easy to mistype."""

_SHAPE = re.compile(r"(?P<num>[-+]?[0-9,.]*)\s*(?P<word>[A-Za-z]*)")
_NUMBER = re.compile(r"(?P<sign>[-+]?)(?P<int>\d+|\d{1,3}(?:,\d{3})+)?(?:\.(?P<frac>\d+))?")


class NumberError(ValueError):
    """Text that is not (yet) a whole, unambiguous number; str(error) says how to fix it."""


def _strip_marks(text: str, money: bool, percent: bool) -> str:
    body = text.strip()
    if money and body.startswith("£"):
        body = body[1:].lstrip()
    if percent and body.endswith("%"):
        body = body[:-1].rstrip()
    return body


def _multiplier(typed: str, what: str, example: str, money: bool) -> Decimal:
    word = typed.lower()
    if money and word in MULTIPLIERS:
        return MULTIPLIERS[word]
    if money and any(name.startswith(word) for name in MULTIPLIERS):
        raise NumberError(_("Finish '{typed}' (k, m, million or bn) or use digits, for example "
                            "{example}.").format(typed=typed, example=example))
    if re.fullmatch(r"[oOlI]+", typed):
        raise NumberError(_("'{typed}' looks like letters where digits belong: use digits only for "
                            "{what}, for example {example}.").format(typed=typed, what=what, example=example))
    if money:
        raise NumberError(_("'{typed}' is not a multiplier: use k, m, million or bn, for example "
                            "{example}.").format(typed=typed[:12], example=example))
    raise NumberError(_("Use digits only for {what}, for example {example}.").format(
                        what=what, example=example))


def read_number(text: str, what: str, example: str, *, money: bool = False, percent: bool = False) -> Decimal:
    """The number typed, exactly; `NumberError` for empty, half-typed or ambiguous text."""
    body = _strip_marks(text, money, percent)
    if not body:
        raise NumberError(_("Enter {what}, for example {example}.").format(what=what, example=example))
    shape = _SHAPE.fullmatch(body)
    if not shape:
        bad = next((ch for ch in body if not (ch.isascii() and (ch.isalnum() or ch in ",.+- "))), "")
        if bad:
            raise NumberError(_("'{bad}' cannot be part of a number: use digits for {what}, for "
                                "example {example}.").format(bad=bad, what=what, example=example))
        if re.search(r"[A-Za-z]", body) and re.search(r"[A-Za-z][\s,.]*\d", body):
            raise NumberError(_("There are letters among the digits: use digits only for {what}, for "
                                "example {example}.").format(what=what, example=example))
        raise NumberError(_("Use digits only for {what}, for example {example}.").format(
                            what=what, example=example))
    number, word = shape.group("num"), shape.group("word")
    multiplier = _multiplier(word, what, example, money) if word else Decimal(1)
    if not number:
        raise NumberError(_("Put the figure before '{word}', for example {example}.").format(
                            word=word, example=example))
    match = _NUMBER.fullmatch(number)
    if not match or not (match.group("int") or match.group("frac")):
        if number.count(".") > 1:
            raise NumberError(_("There is more than one decimal point: check {what}, for example "
                                "{example}.").format(what=what, example=example))
        if "," in number:
            raise NumberError(_("Put commas every three digits (1,200,000) or leave them out: check "
                                "{what}.").format(what=what))
        if number.endswith("."):
            raise NumberError(_("Finish the number after the decimal point, for example {example}.").format(
                                example=example))
        raise NumberError(_("Use digits only for {what}, for example {example}.").format(
                            what=what, example=example))
    digits = (match.group("int") or "0").replace(",", "")
    frac = match.group("frac")
    value = Decimal(f"{match.group('sign')}{digits}" + (f".{frac}" if frac is not None else ""))
    if not word:
        return value
    product = value * multiplier
    return product.quantize(Decimal(1)) if product == product.to_integral() else product.normalize()


def is_plain(text: str) -> bool:
    """True for text of digits and at most one decimal point: the field needs no "understood as" note."""
    return bool(re.fullmatch(r"\s*\d+(\.\d+)?\s*", text))
