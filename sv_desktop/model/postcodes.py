"""UK postcodes and postcode areas as typed: checked for their format, never looked up.

The postcode pattern is the widely used one from the UK Government Data Standards Catalogue (with the
special case GIR 0AA, and the letters no postcode area uses left out): an outward code of one or two letters, a digit and an optional letter or digit,
then an inward code of a digit and two letters. A postcode area is the first one or two letters; the
first is never Q, V or X, and the second never I, J or Z.
"""

from __future__ import annotations

import re

POSTCODE = re.compile(
    r"GIR ?0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-Z]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][A-Z]?) ?[0-9][A-Z]{2}")
AREA = re.compile(r"[A-PR-UWYZ][A-HK-Y]?")
EXAMPLE = "LE1 7RH"


def tidy(text: str) -> str:
    """Capitals and single spaces, as a postcode is stored."""
    return " ".join(text.upper().split())


def is_postcode(text: str) -> bool:
    return bool(POSTCODE.fullmatch(tidy(text)))


def postcode_problem(text: str) -> str | None:
    """The sentence shown beside a postcode field, or None when it is a UK postcode (or left empty)."""
    cleaned = tidy(text)
    if not cleaned or POSTCODE.fullmatch(cleaned):
        return None
    return (f"'{cleaned[:12]}' is not a UK postcode: check it, for example {EXAMPLE}, "
            "or leave it empty for a supplier outside the UK.")


def is_area(text: str) -> bool:
    return bool(AREA.fullmatch(text.strip().upper()))
