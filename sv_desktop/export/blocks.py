"""A small document model both renderers (PDF and Word) read, so both print the same content in the
same order. Text in blocks is plain text exactly as typed; each renderer escapes it its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..i18n import _


@dataclass(frozen=True)
class Heading:
    level: int
    """1, 2 or 3; levels 1 and 2 appear in the contents."""
    text: str
    page_break: bool = False
    toc: bool = True
    """False for the "Contents" heading itself."""


@dataclass(frozen=True)
class Para:
    text: str
    label: str = ""
    """Printed in bold before the text ("Word limit: ")."""
    style: Literal["body", "lead", "note"] = "body"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    title: str = ""
    labels: tuple[str, ...] = ()
    """Optional bold lead-in per item ("Carbon Reduction Plan: ")."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    """Relative column widths."""
    total_row: bool = False
    """The last row is a total: printed bold."""
    numeric: tuple[int, ...] = ()
    """Columns aligned right (figures)."""
    keep_together: bool = False
    """Never split across pages (a scoring scale)."""


@dataclass(frozen=True)
class Facts:
    """Label/value pairs printed as a two-column table without a header row."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Callout:
    title: str
    text: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    kind: Literal["question", "draft", "info"] = "info"


@dataclass(frozen=True)
class ResponseForm:
    ref: str
    theme: str
    question: str
    word_limit: int
    lines: int = 22
    """Ruled lines for the answer, sized to the word limit."""
    new_page: bool = True
    lots: int | None = None
    """The number of lots when the tender is divided: the form asks which lot the response is for."""


def form_fields(block: ResponseForm) -> list[tuple[str, str]]:
    """The labelled rows of a response form above the answer space, for both renderers."""
    rows = [(_("Question"), block.question),
            (_("Word limit"), _("{word_limit:,} words").format(word_limit=block.word_limit)), (_("Bidder name"), "")]
    if block.lots is not None:
        rows.append((_("Lot or lots (1 to {lots}) this response is for").format(lots=block.lots) if block.lots > 1
                     else _("Lot or lots this response is for"), ""))
    return rows


@dataclass(frozen=True)
class Contents:
    """Where the table of contents goes."""


def nested_level(stack: list[int], level: int) -> int:
    """The level (1, 2, 3) a heading of `level` has in an outline that never skips one: one below the
    nearest heading above it of a higher rank. `stack` holds the ranks of the open headings; it is updated."""
    while stack and stack[-1] >= level:
        stack.pop()
    stack.append(level)
    return len(stack)


Block = Heading | Para | Bullets | Table | Facts | Callout | ResponseForm | Contents


@dataclass(frozen=True)
class Cover:
    eyebrow: str
    """The kind of document ("Social value question pack")."""
    title: str
    organisation: str
    facts: tuple[tuple[str, str], ...]
    draft: Callout | None = None
    note: str = ""
    """A sentence under the facts saying what the document is for."""


@dataclass(frozen=True)
class Document:
    """A whole export: cover, then body blocks, with the metadata every format records."""

    cover: Cover
    body: tuple[Block, ...]
    title: str
    subject: str
    keywords: tuple[str, ...] = ()
    running_head: str = ""
    """Header text on every page after the cover (reference and title)."""
    footer_label: str = ""
    body_starts_on_cover: bool = False
    """The brief has no separate cover page: its body follows the title block on page 1."""
