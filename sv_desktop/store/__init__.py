"""Storage: the only package that talks to a database (SQLite by default, PostgreSQL in team mode).

Names are imported on first use, so `store.instance_lock` and `store.sqlite_file` can be used at start-up
without importing SQLAlchemy (the app imports it off the UI thread, once its window shows).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {
    "BackupInfo": "backups", "move_damaged_aside": "backups", "newest_good_backup": "backups",
    "restore_backup": "backups", "thin_backups": "backups", "parse_backup_name": "backups",
    "restore_backup_reporting": "backups", "RestoreOutcome": "backups",
    "DoctorReport": "doctor", "make_private": "folder",
    "ConflictError": "errors", "DatabaseBusyError": "errors", "DatabaseDamagedError": "errors",
    "DuplicateReferenceError": "errors",
    "NewerSchemaError": "errors", "NotFoundError": "errors", "StoreError": "errors",
    "TenderStore": "tender_store",
}

__all__ = [
    "BackupInfo",
    "ConflictError",
    "DatabaseBusyError",
    "DatabaseDamagedError",
    "DoctorReport",
    "DuplicateReferenceError",
    "NewerSchemaError",
    "NotFoundError",
    "RestoreOutcome",
    "StoreError",
    "TenderStore",
    "make_private",
    "move_damaged_aside",
    "newest_good_backup",
    "parse_backup_name",
    "restore_backup",
    "restore_backup_reporting",
    "thin_backups",
]

if TYPE_CHECKING:
    from .backups import (
        BackupInfo,
        RestoreOutcome,
        move_damaged_aside,
        newest_good_backup,
        parse_backup_name,
        restore_backup,
        restore_backup_reporting,
        thin_backups,
    )
    from .doctor import DoctorReport
    from .errors import (
        ConflictError,
        DatabaseBusyError,
        DatabaseDamagedError,
        DuplicateReferenceError,
        NewerSchemaError,
        NotFoundError,
        StoreError,
    )
    from .folder import make_private
    from .tender_store import TenderStore


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
