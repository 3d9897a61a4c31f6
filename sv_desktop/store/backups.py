"""Backup copies of the SQLite database: taking, listing, thinning, restoring, and moving a damaged file aside.

Copies are made with SQLite's online backup API (a plain file copy during a write can be corrupt) and
written to a temporary name first, so a half-written backup never looks like a real one. Nothing here ever
deletes the user's database: old or damaged files are moved, and only surplus backups are thinned.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sv_desktop.paths import AppPaths

from ..i18n import _
from .busy import busy_error, ensure_not_in_use, is_busy_error
from .errors import DatabaseDamagedError, StoreError
from .folder import RESTORING_PREFIX
from .migrate import unknown_revisions
from .sqlite_file import LOCK_FILE, SIDE_FILES, inspect_file, read_only_connection

_STAMP = "%Y-%m-%dT%H-%M-%S.%fZ"
_PARTIAL_IS_ABANDONED_AFTER = 600  # seconds; a backup still being written is younger than this
_NAME = re.compile(r"^sv-desktop-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{6}Z)-([a-z0-9-]+)\.sqlite3$")


@dataclass(frozen=True)
class RestoreOutcome:
    """Where a restore put things: the previous database (moved aside) and its backup copy."""

    kept: Path | None
    backup: Path | None


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    size: int
    ok: bool
    reason: str


def _utc(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC) if now.tzinfo else now.replace(tzinfo=dt.UTC)


def backup_name(created: dt.datetime, reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")[:40] or "backup"
    return f"sv-desktop-{_utc(created).strftime(_STAMP)}-{slug}.sqlite3"


def parse_backup_name(name: str) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(name)
    if not match:
        return None
    created = dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=dt.UTC)
    return created, match.group(2)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Consistent single-file copy (rollback journal, no -wal needed) written under a temporary name."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")
        destination.commit()
    except BaseException:
        destination.close()
        partial.unlink(missing_ok=True)
        raise
    destination.close()
    _fsync_file(partial)
    os.replace(partial, target)
    _fsync_dir(target.parent)


def write_backup(source: sqlite3.Connection, paths: AppPaths, reason: str, now: dt.datetime) -> Path:
    """Back up into paths.backups under a name holding the time and reason; thinning is the caller's job."""
    try:
        paths.backups.mkdir(mode=0o700, parents=True, exist_ok=True)
        for leftover in paths.backups.glob("*.partial"):  # from a backup cut off by a crash
            if time.time() - leftover.stat().st_mtime > _PARTIAL_IS_ABANDONED_AFTER:
                leftover.unlink(missing_ok=True)
        target = paths.backups / backup_name(now, reason)
        while target.exists():  # two backups in the same microsecond: keep both
            now = now + dt.timedelta(microseconds=1)
            target = paths.backups / backup_name(now, reason)
        copy_database(source, target)
        return target
    except OSError as exc:
        raise StoreError(_("The backup could not be written to {backups}: {value}. Check there is free "
                           "disk space.").format(backups=paths.backups, value=exc.strerror or exc)) from None
    except sqlite3.Error as exc:
        if is_busy_error(exc):
            raise busy_error(paths.database, paths.lock_file) from None
        raise StoreError(_("The backup could not be made: {exc}.").format(exc=exc)) from None


def backup_file(paths: AppPaths, reason: str, now: dt.datetime) -> Path:
    """Back up the database file while no store has it open (before a migration or a restore)."""
    source = read_only_connection(paths.database)
    try:
        return write_backup(source, paths, reason, now)
    finally:
        source.close()


def is_good(path: Path, *, full: bool = False) -> bool:
    try:
        revisions = inspect_file(path, full=full)
    except DatabaseDamagedError:
        return False
    return bool(revisions)


def stored_change_count(path: Path) -> int | None:
    """The change counter recorded inside a backup, None if it cannot be read."""
    try:
        connection = read_only_connection(path)
        try:
            row = connection.execute("SELECT change_count FROM store_meta WHERE id = 1").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return None if row is None else int(row[0])


def backup_files(paths: AppPaths) -> list[tuple[Path, dt.datetime, str]]:
    """(path, created, reason) of every backup, newest first, from the names alone (no file is opened)."""
    if not paths.backups.is_dir():
        return []
    found = []
    for path in paths.backups.iterdir():
        parsed = parse_backup_name(path.name)
        if parsed is not None and path.is_file():
            found.append((path, *parsed))
    return sorted(found, key=lambda item: item[1], reverse=True)


def list_backups(paths: AppPaths) -> list[BackupInfo]:
    """Every backup in paths.backups, newest first, each checked with a quick check."""
    return [BackupInfo(path=path, created=created, size=path.stat().st_size, ok=is_good(path), reason=reason)
            for path, created, reason in backup_files(paths)]


def newest_good_backup(paths: AppPaths) -> Path | None:
    """The newest backup that passes a full integrity check and that this build can open."""
    for info in list_backups(paths):
        if not info.ok:
            continue
        try:
            revisions = inspect_file(info.path, full=True)
        except DatabaseDamagedError:
            continue
        if revisions and not unknown_revisions(revisions):
            return info.path
    return None


def thin_backups(files: list[tuple[Path, dt.datetime]], now: dt.datetime, *,
                 keep_today: set[Path] | frozenset[Path] = frozenset()) -> list[Path]:
    """The backups to delete: of today's, the newest of each hour (and any in `keep_today`, such as the
    copy taken before a restore, which is how a restore is undone); then the newest of each of the last 7
    days that have one, of the last 4 weeks and of the last 6 months. The newest backup is always kept.

    Days count only when a backup exists, so a few weeks away from the app never empties the history.
    """
    def local(when: dt.datetime) -> dt.datetime:
        return when.astimezone(now.tzinfo) if when.tzinfo and now.tzinfo else when

    ordered = sorted(files, key=lambda item: local(item[1]), reverse=True)
    today = now.date()
    keep: set[Path] = set()
    hours: set[tuple[dt.date, int]] = set()
    for path, created in ordered:
        when = local(created)
        if when.date() < today:
            continue
        hour = (when.date(), when.hour)
        if hour not in hours or path in keep_today:
            keep.add(path)
        hours.add(hour)
    if ordered:
        keep.add(ordered[0][0])
    older = [(path, local(created)) for path, created in ordered if local(created).date() < today]
    buckets = (
        (lambda when: when.date(), 7),
        (lambda when: when.isocalendar()[:2], 4),
        (lambda when: (when.year, when.month), 6),
    )
    for bucket_of, count in buckets:
        seen: list[object] = []
        for path, created in older:
            bucket = bucket_of(created)
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.append(bucket)
            keep.add(path)
    return [path for path, _ in ordered if path not in keep]


def apply_thinning(paths: AppPaths, now: dt.datetime) -> list[Path]:
    found = backup_files(paths)
    files = [(path, created) for path, created, _ in found]
    # Within today, a backup the manager asked for and one taken before a restore or an upgrade (the way
    # to undo it) are kept besides the newest of each hour.
    undo = {path for path, _, reason in found if reason == "manual" or reason.startswith("before-")}
    removed = []
    for path in thin_backups(files, now.astimezone(), keep_today=undo):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            continue  # a backup we cannot delete is harmless; it is tried again next time
    return removed


def _move_with_side_files(database: Path, target: Path) -> Path:
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    for suffix in SIDE_FILES:
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(database, target)
    _fsync_dir(target.parent)
    _fsync_dir(database.parent)
    return target


def _stamp(now: dt.datetime) -> str:
    return _utc(now).strftime(_STAMP)


def confirm_damaged(database: Path) -> None:
    """Raise unless the file really fails the header or integrity check: a file another program holds is
    in use (DatabaseBusyError) and a healthy one is not damaged; neither may be moved aside."""
    if database.stat().st_size == 0:
        return  # an emptied file: nothing in it to keep in place
    try:
        inspect_file(database)
    except DatabaseDamagedError:
        return
    ensure_not_in_use(database, database.with_name(LOCK_FILE))
    raise StoreError(_("The database {database} is not damaged, so it was left where it is.").format(
                       database=database))


def move_damaged_aside(paths: AppPaths, now: dt.datetime | None = None) -> Path:
    """Move the database and its -wal/-shm files into paths.damaged, named with the time; never deletes.

    Only a file that fails the checks is moved (see `confirm_damaged`)."""
    if not paths.database.exists():
        raise StoreError(_("There is no database file at {database} to move aside.").format(
                           database=paths.database))
    confirm_damaged(paths.database)
    target = paths.damaged / f"sv-desktop-{_stamp(now or dt.datetime.now(dt.UTC))}.sqlite3"
    try:
        return _move_with_side_files(paths.database, target)
    except OSError as exc:
        raise StoreError(_("The damaged database could not be moved to {damaged}: {value}.").format(
                           damaged=paths.damaged, value=exc.strerror or exc)) from None


def restore_backup(paths: AppPaths, backup_file_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Replace the database with a backup; returns where the previous database was moved (None if there
    was no database). See `restore_backup_reporting`."""
    return restore_backup_reporting(paths, backup_file_path, now).kept


def restore_backup_reporting(paths: AppPaths, backup_file_path: Path,
                             now: dt.datetime | None = None) -> RestoreOutcome:
    """Replace the database with a backup; says where the previous database and its backup went.

    The store must be closed. The backup is checked in full first; the current database, if healthy, is
    also backed up (so the restore itself can be undone from the backup list), then moved into
    backups/replaced/ (or damaged/ if it is damaged) together with its -wal file, before the checked
    copy takes its place with an atomic rename. A database another program holds is refused as in use
    (DatabaseBusyError) before anything is copied or moved.
    """
    now = now or dt.datetime.now(dt.UTC)
    backup_file_path = Path(backup_file_path)
    try:
        revisions = inspect_file(backup_file_path, full=True)
    except DatabaseDamagedError as exc:
        raise StoreError(_("{name} cannot be restored: {reason}.").format(
                           name=backup_file_path.name, reason=exc.reason)) from None
    if not revisions:
        raise StoreError(_("{name} cannot be restored: it is not an sv-desktop backup.").format(
                           name=backup_file_path.name))
    if unknown_revisions(revisions):
        raise StoreError(_("{name} cannot be restored: it was written by a newer version of sv-desktop.").format(
                           name=backup_file_path.name))
    if not backup_file_path.is_file():
        raise StoreError(_("{backup_file_path} cannot be restored: it is not a file.").format(
                           backup_file_path=backup_file_path))

    paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    healthy = paths.database.exists() and is_good(paths.database)  # in use: DatabaseBusyError, nothing done
    if healthy:
        ensure_not_in_use(paths.database, paths.lock_file)
    incoming = paths.data_dir / f"{RESTORING_PREFIX}{_stamp(now)}.sqlite3"
    try:
        source = read_only_connection(backup_file_path)
        try:
            copy_database(source, incoming)
        finally:
            source.close()

        old_place: Path | None = None
        before: Path | None = None
        if paths.database.exists():
            if healthy:
                before = backup_file(paths, "before-restore", now)
                old_place = paths.backups / "replaced" / f"sv-desktop-{_stamp(now)}.sqlite3"
            else:
                old_place = paths.damaged / f"sv-desktop-{_stamp(now)}.sqlite3"
            _move_with_side_files(paths.database, old_place)
        os.replace(incoming, paths.database)
        _fsync_dir(paths.data_dir)
        return RestoreOutcome(kept=old_place, backup=before)
    except (OSError, sqlite3.Error) as exc:
        incoming.unlink(missing_ok=True)
        if is_busy_error(exc):
            raise busy_error(paths.database, paths.data_dir / LOCK_FILE) from None
        raise StoreError(_("The backup could not be restored: {value}. Nothing was deleted.").format(
                           value=getattr(exc, 'strerror', None) or exc)) from None
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
