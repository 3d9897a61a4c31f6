"""Storage: the only package that talks to a database (SQLite by default, PostgreSQL in team mode)."""

from .backups import BackupInfo, move_damaged_aside, newest_good_backup, restore_backup, thin_backups
from .doctor import DoctorReport
from .errors import (
    ConflictError,
    DatabaseDamagedError,
    DuplicateReferenceError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
)
from .tender_store import TenderStore

__all__ = [
    "BackupInfo",
    "ConflictError",
    "DatabaseDamagedError",
    "DoctorReport",
    "DuplicateReferenceError",
    "NewerSchemaError",
    "NotFoundError",
    "StoreError",
    "TenderStore",
    "move_damaged_aside",
    "newest_good_backup",
    "restore_backup",
    "thin_backups",
]
