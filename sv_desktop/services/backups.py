"""Backups as the UI and the command line see them: plain values, store errors as ServiceErrors.

`TenderService` lists and restores the backups of its own open database; `restore_local_backup` restores
one into a data folder whose database is not open (the command line, which may be repairing a damaged
file it cannot open).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import store
from ..i18n import _
from ..paths import app_paths, database_url_from_env
from .errors import DatabaseInUse, ServiceError


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


@dataclass(frozen=True)
class Restored:
    """Where a restore put things: the previous database (moved aside) and its backup copy."""

    kept: Path | None
    backup: Path | None


@contextlib.contextmanager
def one_writer(data_dir: str | Path | None, database_url: str | None, what: str) -> Iterator[None]:
    """The instance lock for destructive work on the local database from outside the app (a restore, an
    import), or a ServiceError saying "sv-desktop is open: close it first". A shared database needs none:
    its server keeps writers apart."""
    if database_url or database_url_from_env():
        yield
        return
    from ..store.instance_lock import writer_lock

    lock = writer_lock(app_paths(data_dir), what)
    try:
        lock.__enter__()
    except store.StoreError as exc:
        raise DatabaseInUse(str(exc)) from exc
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def restore_local_backup(data_dir: str | Path | None, backup: Path) -> Restored:
    """Put `backup` in place of the data folder's database, holding the instance lock; the current database
    is backed up and kept aside first. Says where both went."""
    with one_writer(data_dir, None, _("restore")):
        try:
            outcome = store.restore_backup_reporting(app_paths(data_dir), Path(backup))
        except store.StoreError as exc:
            raise ServiceError(str(exc)) from exc
    return Restored(outcome.kept, outcome.backup)
