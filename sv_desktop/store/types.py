"""Column types that keep values exact on both SQLite and PostgreSQL.

SQLite has no decimal type: a NUMERIC column holds a double, which is exact for the 15 significant digits
money up to a trillion pounds needs, so values are read back through `repr` and quantised to the column's
scale (9.99 stays 9.99). Times are stored as UTC and always come back timezone-aware.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, Numeric
from sqlalchemy.types import TypeDecorator

from ..i18n import _


class ExactDecimal(TypeDecorator[Decimal]):
    """NUMERIC(precision, scale) read back as a Decimal with exactly `scale` places."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision=precision, scale=scale, asdecimal=False)
        self._quantum = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect):
        precision, scale = self.impl.precision, self.impl.scale
        native = dialect.name != "sqlite"
        return dialect.type_descriptor(Numeric(precision=precision, scale=scale, asdecimal=native))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = Decimal(value)
        return value if dialect.name != "sqlite" else str(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):  # SQLite: one Decimal, built from the shortest exact text
            return Decimal(repr(value)).quantize(self._quantum)
        return Decimal(value).quantize(self._quantum)


def Money() -> ExactDecimal:  # noqa: N802 - reads like a type in the models
    """Pounds and pence, up to 9,999,999,999,999,999.99."""
    return ExactDecimal(18, 2)


def Percent() -> ExactDecimal:  # noqa: N802
    """A percentage with up to four decimal places (0.0000 to 999.9999)."""
    return ExactDecimal(7, 4)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A point in time stored as UTC; naive values are refused so local time never sneaks in."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(_("a timezone-aware time is required"))
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
