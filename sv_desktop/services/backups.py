"""Backups as the UI and the command line see them: plain values, store errors as ServiceErrors.

`TenderService` lists and restores the backups of its own open database; `restore_local_backup` restores
one into a data folder whose database is not open (the command line, which may be repairing a damaged
file it cannot open).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import store
from ..paths import app_paths
from .errors import ServiceError


@dataclass(frozen=True)
class BackupFile:
    """One backup in the data folder's `backups/`: when and why it was made, and whether it reads."""

    path: Path
    created: dt.datetime
    size: int
    ok: bool
    reason: str


def backup_file(info: store.BackupInfo) -> BackupFile:
    return BackupFile(path=info.path, created=info.created, size=info.size, ok=info.ok, reason=info.reason)


def restore_local_backup(data_dir: str | Path | None, backup: Path) -> Path | None:
    """Put `backup` in place of the data folder's database (kept aside first). Returns where it was kept."""
    try:
        return store.restore_backup(app_paths(data_dir), Path(backup))
    except store.StoreError as exc:
        raise ServiceError(str(exc)) from exc
