"""The checks made before a SQLite file is trusted, with plain `sqlite3` and no SQLAlchemy.

They run before anything writes to the file, and (like the data folder's own checks in `folder`) without
importing SQLAlchemy, which the app imports off the UI thread once its window shows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..i18n import _
from . import busy
from .busy import busy_error, is_busy_error
from .errors import DatabaseDamagedError

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
LOCK_FILE = "sv-desktop.lock"


def _refused(path: Path, exc: sqlite3.Error, what: str) -> Exception:
    """A lock held elsewhere is "in use"; anything else SQLite refuses is damage."""
    if is_busy_error(exc):
        return busy_error(path, path.with_name(LOCK_FILE))
    return DatabaseDamagedError(path, f"{what}: {exc}")


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the file, not even a checkpoint when it closes.

    Without a -wal file there is nothing to recover, so the file is opened as immutable and no -wal/-shm
    files are created next to it; with one, SQLite must read it (and may create the -shm index).
    """
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, timeout=busy.WAIT_SECONDS)


def check_header(path: Path) -> None:
    """Raise DatabaseDamagedError unless the file starts like a complete SQLite database."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except PermissionError:
        raise DatabaseDamagedError(path, _("the file cannot be read: permission denied")) from None
    except OSError as exc:
        raise DatabaseDamagedError(path, _("the file cannot be read: {value}").format(
                                           value=exc.strerror or exc)) from None
    if size == 0:
        return  # SQLite's own new, empty database
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        raise DatabaseDamagedError(path, _("it is not a database file"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseDamagedError(path, _("its header is damaged"))
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return  # a checkpoint cut short may leave the file short; the -wal still holds those pages
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96] and pages > 0
    if size % page_size or (header_size_valid and size < pages * page_size):
        raise DatabaseDamagedError(path, _("the file is shorter than it should be: it has been cut off"))


def quick_check(connection: sqlite3.Connection, path: Path, *, full: bool = False) -> None:
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _refused(path, exc, "SQLite reports") from None
    if [tuple(row) for row in rows] != [("ok",)]:
        first = rows[0][0] if rows else "no answer"
        raise DatabaseDamagedError(path, _("the integrity check found problems, starting with: {first}").format(
                                           first=first))


def stored_revisions(connection: sqlite3.Connection, path: Path) -> tuple[str, ...] | None:
    """The Alembic revisions written in the file; None for a file with no tables at all (a new database)."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseDamagedError(path, _("it is a database, but not one written by sv-desktop"))
            return None
        return tuple(row[0] for row in connection.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.DatabaseError as exc:
        raise _refused(path, exc, "SQLite reports") from None


def inspect_file(path: Path, *, full: bool = False) -> tuple[str, ...] | None:
    """Header, quick (or full) check and schema revisions of an existing file, without writing to it.

    A file another program has locked raises DatabaseBusyError (in use), never DatabaseDamagedError."""
    check_header(path)
    try:
        connection = read_only_connection(path)
    except sqlite3.Error as exc:
        raise _refused(path, exc, "SQLite cannot open it") from None
    try:
        quick_check(connection, path, full=full)
        return stored_revisions(connection, path)
    finally:
        connection.close()
