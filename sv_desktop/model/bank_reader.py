"""Typed readers for the question bank's YAML files, each failure naming the file and the key path.

Kept apart from `question_bank.py` so the bank's shape (what a question, a KPI, a scale is) reads on
its own, while the fussy part (what counts as text, a list, a known id) lives here once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NoReturn

from .resource_yaml import ContentError, YamlFileError, kind, load_yaml_file
from .tender import CATEGORIES, OUT_OF_SCOPE_CATEGORIES

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MAX_TEXT = 20_000
IN_SCOPE_CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORIES if c not in OUT_OF_SCOPE_CATEGORIES)


class BankError(ContentError):
    """The bank cannot be used; the message names the file and the key path, e.g.
    ``questions.yaml: [12].theme: unknown theme 'x'``."""


def read_yaml(folder: Path, name: str) -> Any:
    """Parse one bank file (safe YAML, duplicate keys refused); any failure becomes a BankError."""
    try:
        return load_yaml_file(folder / name)
    except YamlFileError as exc:
        raise BankError(name, None, str(exc)) from None


class Reader:
    """Reads one mapping of one file; `at` is the key path of that mapping, e.g. ``[12]``."""

    def __init__(self, file: str, at: str, value: Any, required: tuple[str, ...],
                 optional: tuple[str, ...] = ()) -> None:
        self.file, self.at = file, at
        if not isinstance(value, dict):
            self.fail(None, f"must be a mapping of keys, not {kind(value)}")
        self.data: dict = value
        for key in value:
            if key not in required and key not in optional:
                known = ", ".join(required + optional)
                self.fail(None, f"unknown key {key!r} (expected: {known})")
        for key in required:
            if key not in value or value[key] is None:
                self.fail(key, "is required")

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
            self.fail(key, f"{value!r} is not a valid id (lower-case letters, digits and hyphens)")
        return value

    def choice(self, key: str, allowed: tuple[str, ...], what: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            self.fail(key, f"must be text, not {kind(value)}")
        if value not in allowed:
            self.fail(key, f"unknown {what} {value!r} (one of: {', '.join(allowed)})")
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number, not {kind(value)}")
        if not low <= value <= high:
            self.fail(key, f"must be between {low} and {high}, not {value}")
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {kind(value)}")
        return value

    def items(self, key: str, *, least: int = 0, most: int | None = None, optional: bool = False) -> list:
        value = self.data.get(key)
        if value is None and optional:
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {kind(value)}")
        if len(value) < least:
            self.fail(key, f"needs at least {least} entries, has {len(value)}")
        if most is not None and len(value) > most:
            self.fail(key, f"allows at most {most} entries, has {len(value)}")
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
                raise BankError(self.file, where, f"must be a category id, not {kind(value)}")
            if value in OUT_OF_SCOPE_CATEGORIES:
                raise BankError(self.file, where, f"{value!r} is out of scope of the policy (no questions)")
            if value not in IN_SCOPE_CATEGORIES:
                raise BankError(self.file, where,
                                f"unknown category {value!r} (one of: {', '.join(IN_SCOPE_CATEGORIES)})")
            if value in seen:
                raise BankError(self.file, where, f"category {value!r} is listed twice")
            seen.append(value)
        return tuple(seen)


def check_text(file: str, where: str, value: Any, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise BankError(file, where, f"must be text, not {kind(value)}")
    value = value.strip()
    if not value and not allow_empty:
        raise BankError(file, where, "must not be empty")
    if len(value) > MAX_TEXT:
        raise BankError(file, where, f"is too long ({len(value):,} characters; at most {MAX_TEXT:,})")
    if "\x00" in value:
        raise BankError(file, where, "contains a NUL character")
    return value


def level_range(label: str) -> tuple[int, int] | None:
    """``"3"`` -> (3, 3); ``"21-40"`` -> (21, 40); anything else -> None."""
    match = re.fullmatch(r"(\d{1,4})(?:\s*-\s*(\d{1,4}))?", label)
    if not match:
        return None
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    return (low, high) if low <= high else None
