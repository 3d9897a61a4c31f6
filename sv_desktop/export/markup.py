"""Turn text a user typed into something every export prints exactly as typed.

reportlab's Paragraph parses markup: unescaped, `O<Brien` raises, `<b>` turns bold and `<img src=...>`
makes reportlab open a file or URL. So every user string goes through `para_markup`, which cleans
control characters, escapes, turns line breaks into `<br/>` and wraps characters Liberation Sans lacks
in a DejaVu run (or prints a visible replacement square when no bundled font has them).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

from .fonts import FALLBACK, FALLBACK_BOOK, REPLACEMENT, register_fonts

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
LONG_PARAGRAPH = 2500
"""Characters above which a paragraph is cut into several, so a huge field flows quickly across pages."""


def _invisible(char: str) -> bool:
    """Variation selectors and similar marks that only choose a glyph's form (the U+FE0F of "❤️")."""
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F or code == 0x034F


def _printed_as(char: str) -> str:
    """What one character prints as ('' when it is dropped); the line break stays."""
    if char == "\n":
        return char
    category = unicodedata.category(char)
    if category == "Zs" or char == "\t":
        return " "
    if category in ("Cc", "Cf") or _invisible(char):
        return ""
    if category == "Cs" or char in "\ufffe\uffff":
        return "\ufffd"  # not allowed in XML (Word files) and never a real character
    return char


class _CleaningTable(dict):
    """A `str.translate` table worked out one character at a time, the first time each is seen, so a
    pack's text is cleaned at C speed rather than by a Python loop over every character."""

    def __missing__(self, code: int) -> str:
        self[code] = printed = _printed_as(chr(code))
        return printed


_CLEANING = _CleaningTable()


def clean_text(text: object) -> str:
    """The text as it should print: NFC, one kind of line break, tabs and odd spaces as plain spaces,
    invisible format, control and variation-selector characters removed, lone surrogates replaced."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", str(text)))
    return value.translate(_CLEANING)


def _tier(code: int) -> str | None:
    """'' for Liberation, a fallback family name, or None when no bundled font has the character."""
    coverage = register_fonts()
    if code in coverage.body:
        return ""
    if code in coverage.fallback:
        return FALLBACK
    if code in coverage.fallback_book:
        return FALLBACK_BOOK
    return None


@functools.cache
def _ascii_in_body_font() -> bool:
    """Whether Liberation Sans draws every printable ASCII character (so an ASCII line needs no runs)."""
    body = register_fonts().body
    return all(code in body for code in range(0x20, 0x7F))


def printed_text(text: object) -> str:
    """Exactly the characters a PDF export prints for `text` (what a reader gets back out of it)."""
    return "".join(char if char == "\n" or _tier(ord(char)) is not None else REPLACEMENT
                   for char in clean_text(text))


_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_RTL = frozenset({"R", "AL"})
_KEEP_ORDER = frozenset({"EN", "AN"})


def visual_order(line: str) -> str:
    """One line with each right-to-left run (Hebrew, Arabic) put in display order.

    reportlab draws characters left to right as stored, so without this "שלום" would read backwards.
    Digits inside a run keep their order, brackets are mirrored and combining marks stay on their base
    letter. A run that wraps onto a second line keeps this order too (a known simplification; Arabic
    letters are also not joined).
    """
    if line.isascii():
        return line  # no right-to-left letter
    classes = [unicodedata.bidirectional(char) for char in line]
    if not _RTL.intersection(classes):
        return line
    out: list[str] = []
    index = 0
    while index < len(line):
        if classes[index] not in _RTL:
            out.append(line[index])
            index += 1
            continue
        end = index  # the run ends at its last RTL letter before the next left-to-right letter
        probe = index
        while probe < len(line) and classes[probe] != "L":
            if classes[probe] in _RTL or classes[probe] == "NSM" and classes[end] in _RTL | {"NSM"}:
                end = probe
            probe += 1
        clusters: list[str] = []
        position = index
        while position <= end:
            start = position
            position += 1
            if classes[start] in _KEEP_ORDER:
                while position <= end and classes[position] in _KEEP_ORDER | {"CS", "ET"}:
                    position += 1
            while position <= end and classes[position] == "NSM":
                position += 1
            cluster = line[start:position]
            clusters.append(_MIRROR.get(cluster, cluster))
        out.extend(reversed(clusters))
        index = end + 1
    return "".join(out)


def _runs(line: str) -> str:
    """Escaped markup of one line, with fallback-font runs where Liberation Sans has no glyph."""
    if line.isascii() and _ascii_in_body_font():
        return escape(line)  # what _font_runs gives for it, without a look at each character
    return _font_runs(line)


def _font_runs(line: str) -> str:
    parts: list[str] = []
    current_font: str = ""
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            chunk = escape("".join(buffer))
            parts.append(f'<font name="{current_font}">{chunk}</font>' if current_font else chunk)
            buffer.clear()

    for char in visual_order(line):
        tier = _tier(ord(char))
        if tier is None:
            char, tier = REPLACEMENT, _tier(ord(REPLACEMENT)) or ""
        if tier != current_font:
            flush()
            current_font = tier
        buffer.append(char)
    flush()
    return "".join(parts)


def para_markup(text: object) -> str:
    """Paragraph markup that prints `text` as typed: nothing in it is ever read as markup."""
    return "<br/>".join(_runs(line) for line in clean_text(text).split("\n"))


def split_long(text: object, limit: int = LONG_PARAGRAPH) -> list[str]:
    """Cleaned text cut into paragraphs at blank lines, and very long ones at a space near `limit`.

    One 20,000-character paragraph is legal but slow to lay out over many pages; cut pieces flow the
    same way and keep every character.
    """
    pieces: list[str] = []
    for block in re.split(r"\n[ ]*\n+", clean_text(text).strip("\n")):
        while len(block) > limit:
            cut = block.rfind(" ", limit // 2, limit)
            cut = cut + 1 if cut > 0 else limit
            pieces.append(block[:cut])
            block = block[cut:]
        if block.strip():
            pieces.append(block)
    return pieces
