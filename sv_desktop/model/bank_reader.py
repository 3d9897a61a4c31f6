"""Typed readers for the question bank's YAML files, each failure naming the file and the key path.

Kept apart from `question_bank.py` so the bank's shape (what a question, a KPI, a scale is) reads on
its own, while the fussy part (what counts as text, a list, a known id) lives here once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NoReturn

from ..i18n import _, localized_file
from .resource_yaml import ContentError, YamlFileError, kind, load_yaml_file
from .tender import CATEGORIES, OUT_OF_SCOPE_CATEGORIES

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MAX_TEXT = 20_000
IN_SCOPE_CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORIES if c not in OUT_OF_SCOPE_CATEGORIES)


class BankError(ContentError):
    """The bank cannot be used; the message names the file and the key path, e.g.
    ``questions.yaml: [12].theme: unknown theme 'x'``."""


def read_yaml(folder: Path, name: str) -> Any:
    """Parse one bank file (safe YAML, duplicate keys refused), in the user's language where it is translated
    (`i18n.localized_file`); any failure becomes a BankError."""
    try:
        return load_yaml_file(localized_file(folder, name))
    except YamlFileError as exc:
        raise BankError(name, None, str(exc)) from None


class Reader:
    """Reads one mapping of one file; `at` is the key path of that mapping, e.g. ``[12]``."""

    def __init__(self, file: str, at: str, value: Any, required: tuple[str, ...],
                 optional: tuple[str, ...] = ()) -> None:
        self.file, self.at = file, at
        if not isinstance(value, dict):
            self.fail(None, _("must be a mapping of keys, not {kind}").format(kind=kind(value)))
        self.data: dict = value
        for key in value:
            if key not in required and key not in optional:
                known = ", ".join(required + optional)
                self.fail(None, _("unknown key {key!r} (expected: {known})").format(key=key, known=known))
        for key in required:
            if key not in value or value[key] is None:
                self.fail(key, _("is required"))

    def path(self, key: str | None) -> str:
        if key is None:
            return self.at
        return f"{self.at}.{key}" if self.at else key

    def fail(self, key: str | None, problem: str) -> NoReturn:
        raise BankError(self.file, self.path(key) or None, problem)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key)
        if value is None and default is not None:
            return default
        return check_text(self.file, self.path(key), value, allow_empty=default is not None)

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not ID_PATTERN.match(value):
            self.fail(key, _("{value!r} is not a valid id (lower-case letters, digits and hyphens)").format(
                             value=value))
        return value

    def choice(self, key: str, allowed: tuple[str, ...], what: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            self.fail(key, _("must be text, not {kind}").format(kind=kind(value)))
        if value not in allowed:
            self.fail(key, _("unknown {what} {value!r} (one of: {allowed})").format(
                             what=what, value=value, allowed=', '.join(allowed)))
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, _("must be a whole number, not {kind}").format(kind=kind(value)))
        if not low <= value <= high:
            self.fail(key, _("must be between {low} and {high}, not {value}").format(
                             low=low, high=high, value=value))
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            self.fail(key, _("must be true or false, not {kind}").format(kind=kind(value)))
        return value

    def items(self, key: str, *, least: int = 0, most: int | None = None, optional: bool = False) -> list:
        value = self.data.get(key)
        if value is None and optional:
            return []
        if not isinstance(value, list):
            self.fail(key, _("must be a list, not {kind}").format(kind=kind(value)))
        if len(value) < least:
            self.fail(key, _("needs at least {least} entries, has {count}").format(
                             least=least, count=len(value)))
        if most is not None and len(value) > most:
            self.fail(key, _("allows at most {most} entries, has {count}").format(
                             most=most, count=len(value)))
        return value

    def texts(self, key: str, *, least: int = 1, most: int | None = None) -> tuple[str, ...]:
        values = self.items(key, least=least, most=most)
        return tuple(check_text(self.file, f"{self.path(key)}[{i}]", v) for i, v in enumerate(values))

    def categories(self, key: str, *, optional: bool = False) -> tuple[str, ...]:
        values = self.items(key, least=0 if optional else 1, optional=optional)
        seen: list[str] = []
        for i, value in enumerate(values):
            where = f"{self.path(key)}[{i}]"
            if not isinstance(value, str):
                raise BankError(self.file, where, _("must be a category id, not {kind}").format(
                                                    kind=kind(value)))
            if value in OUT_OF_SCOPE_CATEGORIES:
                raise BankError(self.file, where, _("{value!r} is out of scope of the policy (no "
                                                    "questions)").format(value=value))
            if value not in IN_SCOPE_CATEGORIES:
                raise BankError(self.file, where,
                                _("unknown category {value!r} (one of: {in_scope_categories})").format(
                                  value=value, in_scope_categories=', '.join(IN_SCOPE_CATEGORIES)))
            if value in seen:
                raise BankError(self.file, where, _("category {value!r} is listed twice").format(value=value))
            seen.append(value)
        return tuple(seen)


def check_text(file: str, where: str, value: Any, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise BankError(file, where, _("must be text, not {kind}").format(kind=kind(value)))
    value = value.strip()
    if not value and not allow_empty:
        raise BankError(file, where, _("must not be empty"))
    if len(value) > MAX_TEXT:
        raise BankError(file, where, _("is too long ({count:,} characters; at most {max_text:,})").format(
                                       count=len(value), max_text=MAX_TEXT))
    if "\x00" in value:
        raise BankError(file, where, _("contains a NUL character"))
    return value


def level_range(label: str) -> tuple[int, int] | None:
    """``"3"`` -> (3, 3); ``"21-40"`` -> (21, 40); anything else -> None."""
    match = re.fullmatch(r"(\d{1,4})(?:\s*-\s*(\d{1,4}))?", label)
    if not match:
        return None
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    return (low, high) if low <= high else None
