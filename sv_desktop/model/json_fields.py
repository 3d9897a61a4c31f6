"""Typed readers of JSON fields shared by the tender file and its lifecycle part.

Each reader takes the parent object, the key and the dotted path so far, and raises `TenderFileError`
naming the offending key. `json_number` writes a Decimal back as the plainest JSON number.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal, overload

from ..i18n import _
from .limits import MAX_TEXT


class TenderFileError(ValueError):
    """The file is not a valid tender; `key` names the offending key (dotted path) when there is one."""

    def __init__(self, message: str, key: str | None = None) -> None:
        self.key = key
        super().__init__(f"{key}: {message}" if key else message)


def text_field(obj: dict, key: str, path: str, default: str | None = None, required: bool = False,
          max_len: int = MAX_TEXT) -> str:
    name = f"{path}{key}"
    if key not in obj or obj[key] is None:
        if required:
            raise TenderFileError(_("is required"), name)
        return "" if default is None else default
    value = obj[key]
    if not isinstance(value, str):
        raise TenderFileError(_("must be text, not {kind_of}").format(kind_of=kind_of(value)), name)
    if len(value) > max_len:
        raise TenderFileError(_("is too long ({count:,} characters; at most {max_len:,})").format(
                                count=len(value), max_len=max_len), name)
    if "\x00" in value:
        raise TenderFileError(_("contains a NUL character"), name)
    return value


def kind_of(value: Any) -> str:
    """What a JSON value is, in the words of the tender file's messages."""
    return {bool: _("true/false"), int: _("a number"), float: _("a number"), Decimal: _("a number"),
            str: _("text"), list: _("a list"), dict: _("an object"), type(None): _("null")}.get(
        type(value), type(value).__name__)


def number_field(obj: dict, key: str, path: str, *, low: Decimal | None = None, high: Decimal | None = None,
            default: Decimal | None = None, required: bool = False, integer: bool = False) -> Decimal:
    name = f"{path}{key}"
    if key not in obj or obj[key] is None:
        if required or default is None:
            raise TenderFileError(_("is required"), name)
        return default
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TenderFileError(_("must be a number, not {kind_of}").format(kind_of=kind_of(value)), name)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise TenderFileError(_("must be a finite number"), name)
    if integer and number != number.to_integral_value():
        raise TenderFileError(_("must be a whole number, not {value}").format(value=value), name)
    if low is not None and number < low:
        raise TenderFileError(_("must be at least {low}, not {value}").format(low=low, value=value), name)
    if high is not None and number > high:
        raise TenderFileError(_("must be at most {high}, not {value}").format(high=high, value=value), name)
    return number


def bool_field(obj: dict, key: str, path: str, default: bool) -> bool:
    if key not in obj or obj[key] is None:
        return default
    if not isinstance(obj[key], bool):
        raise TenderFileError(_("must be true or false, not {kind_of}").format(kind_of=kind_of(obj[key])), f"{path}{key}")
    return obj[key]


@overload
def choice_field(obj: dict, key: str, path: str, allowed: tuple[str, ...], default: str,
                 required: bool = False) -> str: ...
@overload
def choice_field(obj: dict, key: str, path: str, allowed: tuple[str, ...], default: None = None, *,
                 required: Literal[True]) -> str: ...
@overload
def choice_field(obj: dict, key: str, path: str, allowed: tuple[str, ...], default: None = None,
                 required: bool = False) -> str | None: ...
def choice_field(obj: dict, key: str, path: str, allowed: tuple[str, ...], default: str | None = None,
                 required: bool = False) -> str | None:
    """The value when it is one of `allowed`; `default` when absent; refused when absent and required."""
    name = f"{path}{key}"
    if key not in obj or obj[key] is None:
        if required:
            raise TenderFileError(_("is required"), name)
        return default
    value = obj[key]
    if not isinstance(value, str) or value not in allowed:
        raise TenderFileError(_("must be one of {allowed}; not {value!r}").format(
                                allowed=', '.join(allowed), value=value), name)
    return value


def date_field(obj: dict, key: str, path: str) -> dt.date | None:
    name = f"{path}{key}"
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TenderFileError(_("must be a date written YYYY-MM-DD, not {kind_of}").format(
                                kind_of=kind_of(value)), name)
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise TenderFileError(_("must be a real date written YYYY-MM-DD, not {value!r}").format(value=value), name) from None


def object_field(obj: dict, key: str, path: str) -> dict:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TenderFileError(_("must be an object, not {kind_of}").format(kind_of=kind_of(value)), f"{path}{key}")
    return value


def list_field(obj: dict, key: str, path: str, required: bool = False) -> list:
    name = f"{path}{key}"
    if key not in obj or obj[key] is None:
        if required:
            raise TenderFileError(_("is required"), name)
        return []
    if not isinstance(obj[key], list):
        raise TenderFileError(_("must be a list, not {kind_of}").format(kind_of=kind_of(obj[key])), name)
    return obj[key]


def text_list_field(obj: dict, key: str, path: str) -> list[str]:
    items = list_field(obj, key, path)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise TenderFileError(_("must be text, not {kind_of}").format(kind_of=kind_of(item)), f"{path}{key}[{i}]")
        if "\x00" in item or len(item) > MAX_TEXT:
            raise TenderFileError(_("is not acceptable text (NUL character or too long)"), f"{path}{key}[{i}]")
    return list(items)


def optional_decimal_field(obj: dict, key: str, path: str, low: Decimal, high: Decimal) -> Decimal | None:
    if obj.get(key) is None:
        return None
    return number_field(obj, key, path, low=low, high=high)


def json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
