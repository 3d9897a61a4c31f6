"""How big one tender may be: the one place for the per-tender limits.

The same limits are checked when a `.svtender.json` file is read and whenever the app saves or exports a
tender, so a tender the app holds always fits in a file the app reads back. They are chosen so that the
largest tender they allow, written with the worst characters JSON can hold (six bytes for one character),
still fits under `MAX_FILE_BYTES`:

    2,000,000 characters x 6 bytes = 12 MB of text, plus the keys and layout of at most
    100 questions, 200 KPIs, 200 events x 100 suppliers, 2,000 results and 100 case studies (under 5 MB).

`docs/tender-format.md` lists them for people writing files by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import _

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A tender file larger than this is refused before it is parsed."""

MAX_TEXT = 100_000
"""Characters in one free-text field (a question, notes, a description)."""

MAX_TOTAL_TEXT = 2_000_000
"""Characters in all the text of one tender together."""

MAX_ITEMS = {
    "questions": 100,
    "kpis": 200,
    "engagement": 200,
    "engagement[].suppliers": 100,
    "kpi_results": 2_000,
    "case_studies": 100,
}
"""How many of each repeated record one tender may hold, by key."""

MAX_LIST_TEXTS = 100
"""Entries in one list of short texts (a theme's actions, a question's sub-criteria, ticked prompts)."""

MAX_JSON_OBJECTS = 30_000
"""JSON objects in one file: above what the counts above allow (200 x 100 suppliers, 2,000 results, ...), so
a file with far too many records is refused while it is parsed, before it fills memory."""

LABELS = {
    "questions": "questions",
    "kpis": "KPIs",
    "engagement": "engagement events",
    "engagement[].suppliers": "suppliers at one engagement event",
    "kpi_results": "KPI results",
    "case_studies": "case studies",
}


STAMP_KEYS = frozenset({"version", "updated_at"})
"""Top-level keys an export adds about the database the tender came from (see `tender_to_json`)."""


class LimitError(ValueError):
    """A tender over one of the limits, or text that cannot be stored; `key` names where."""

    def __init__(self, message: str, key: str | None = None) -> None:
        self.key = key
        super().__init__(f"{key}: {message}" if key else message)


class ObjectCounter:
    """A `json.loads` object_pairs_hook that refuses a file holding more than MAX_JSON_OBJECTS objects."""

    def __init__(self, most: int = MAX_JSON_OBJECTS) -> None:
        self.left = most

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.left -= 1
        if self.left < 0:
            raise LimitError(_("the file holds far more records than a tender may have (more than "
                               "{max_json_objects:,} objects); see the limits in the tender file format").format(
                               max_json_objects=MAX_JSON_OBJECTS))
        return dict(pairs)


def check_counts(data: dict[str, Any]) -> None:
    """Refuse a file-form tender holding more records than allowed, before any record is read."""
    for key, most in MAX_ITEMS.items():
        if "[]." in key:
            outer, inner = key.split("[].")
            lists = [(f"{outer}[{i}].{inner}", item.get(inner)) for i, item in enumerate(_as_list(data, outer))
                     if isinstance(item, dict)]
        else:
            lists = [(key, data.get(key))]
        for where, value in lists:
            if isinstance(value, list) and len(value) > most:
                raise LimitError(_("holds {count:,} {labels}; a tender may have at most {most:,}").format(
                                   count=len(value), labels=LABELS[key], most=most), where)


def _as_list(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def check_text(data: Any) -> None:
    """Refuse text that cannot be stored (a lone surrogate, which JSON allows but UTF-8 does not), lists of
    short texts longer than MAX_LIST_TEXTS, and more than MAX_TOTAL_TEXT characters in all."""
    total = 0
    for where, value in _strings(data, ""):
        total += len(value)
        if len(value) > MAX_TEXT:
            raise LimitError(_("is too long ({count:,} characters; at most {max_text:,})").format(
                               count=len(value), max_text=MAX_TEXT), where or None)
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise LimitError(_("contains a character that cannot be stored (U+{ord:04X}, at "
                                   "character {value}); remove it and try again").format(
                                   ord=ord(value[exc.start]), value=exc.start + 1), where or None) from None
    if total > MAX_TOTAL_TEXT:
        raise LimitError(_("the tender holds {total:,} characters of text; at most {max_total_text:,} "
                           "are allowed").format(total=total, max_total_text=MAX_TOTAL_TEXT))


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed JSON value (keys too), with the dotted path of where it is."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not where and key in STAMP_KEYS:
                continue  # the export's stamp is not the tender's text (the file size still bounds it)
            path = f"{where}.{key}" if where else str(key)
            if isinstance(key, str):
                yield path, key
            yield from _strings(item, path)
    elif isinstance(value, list):
        if value and isinstance(value[0], str) and len(value) > MAX_LIST_TEXTS:
            raise LimitError(_("holds {count:,} entries; at most {max_list_texts:,} are allowed").format(
                               count=len(value), max_list_texts=MAX_LIST_TEXTS), where)
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")


def check_tender_data(data: Any) -> None:
    """Every limit, on the file form of a tender (the parsed JSON, or `tender_to_dict` of one in memory)."""
    if isinstance(data, dict):
        check_counts(data)
    check_text(data)


def check_tender(tender) -> None:
    """Every limit, on a tender in memory: what the app saves or exports must read back as a file."""
    from .tender_file import tender_to_dict  # the file form is built on these limits

    check_tender_data(tender_to_dict(tender))
