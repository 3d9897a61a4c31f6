"""Engines for the two kinds of database, and the checks made before a SQLite file is trusted.

SQLite gets its pragmas in a `connect` listener on its own engine (never on the `Engine` class, which would
fire for PostgreSQL too). pysqlite's own transaction handling is switched off and `BEGIN` is emitted by us,
so DDL in migrations is transactional and a write can ask for `BEGIN IMMEDIATE`.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from .errors import DatabaseDamagedError, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")

# How the next SQLite transaction on this thread starts; writes use BEGIN IMMEDIATE so that waiting for
# another writer goes through busy_timeout instead of failing half-way.
_BEGIN = contextvars.ContextVar("sv_sqlite_begin", default="BEGIN")


@contextlib.contextmanager
def immediate_transactions() -> Iterator[None]:
    token = _BEGIN.set("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        _BEGIN.reset(token)


def is_sqlite_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(sqlite_url(path), connect_args={"check_same_thread": False, "timeout": 5})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see "begin" below)
        cursor = dbapi_connection.cursor()
        for pragma in ("busy_timeout=5000", "journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql(_BEGIN.get())

    return engine


def server_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True)


def display_url(url: str) -> str:
    """The URL as it may be shown to a person: never the password."""
    return make_url(url).render_as_string(hide_password=True)


# ---------------------------------------------------------------- the data folder


def prepare_folder(folder: Path) -> None:
    """Create the folder (user-only on creation) and prove it can be written, with a plain message if not."""
    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except FileExistsError:
        raise StoreError(f"sv-desktop cannot use {folder} as its data folder: a file of that name is "
                         "in the way. Move the file or choose another data folder.") from None
    except NotADirectoryError:
        raise StoreError(f"sv-desktop cannot create its data folder {folder}: part of that path is a file, "
                         "not a folder. Choose another data folder.") from None
    except PermissionError:
        raise StoreError(f"sv-desktop cannot write to its data folder {folder} (permission denied). "
                         "Ask your IT team to give you write access, or choose another data folder.") from None
    except OSError as exc:
        raise StoreError(f"sv-desktop cannot use its data folder {folder}: {exc.strerror or exc}.") from None


def create_empty_file(path: Path) -> None:
    """Create the database file readable by its owner only; SQLite gives -wal/-shm the same mode."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


# ---------------------------------------------------------------- is this file a healthy database?


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the file, not even a checkpoint when it closes.

    Without a -wal file there is nothing to recover, so the file is opened as immutable and no -wal/-shm
    files are created next to it; with one, SQLite must read it (and may create the -shm index).
    """
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, timeout=5)


def check_header(path: Path) -> None:
    """Raise DatabaseDamagedError unless the file starts like a complete SQLite database."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except PermissionError:
        raise DatabaseDamagedError(path, "the file cannot be read: permission denied") from None
    except OSError as exc:
        raise DatabaseDamagedError(path, f"the file cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        return  # SQLite's own new, empty database
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        raise DatabaseDamagedError(path, "it is not a database file")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseDamagedError(path, "its header is damaged")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return  # a checkpoint cut short may leave the file short; the -wal still holds those pages
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96] and pages > 0
    if size % page_size or (header_size_valid and size < pages * page_size):
        raise DatabaseDamagedError(path, "the file is shorter than it should be: it has been cut off")


def quick_check(connection: sqlite3.Connection, path: Path, *, full: bool = False) -> None:
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(path, f"SQLite reports: {exc}") from None
    if [tuple(row) for row in rows] != [("ok",)]:
        first = rows[0][0] if rows else "no answer"
        raise DatabaseDamagedError(path, f"the integrity check found problems, starting with: {first}")


def stored_revisions(connection: sqlite3.Connection, path: Path) -> tuple[str, ...] | None:
    """The Alembic revisions written in the file; None for a file with no tables at all (a new database)."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseDamagedError(path, "it is a database, but not one written by sv-desktop")
            return None
        return tuple(row[0] for row in connection.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(path, f"SQLite reports: {exc}") from None


def inspect_file(path: Path, *, full: bool = False) -> tuple[str, ...] | None:
    """Header, quick (or full) check and schema revisions of an existing file, without writing to it."""
    check_header(path)
    try:
        connection = read_only_connection(path)
    except sqlite3.Error as exc:
        raise DatabaseDamagedError(path, f"SQLite cannot open it: {exc}") from None
    try:
        quick_check(connection, path, full=full)
        return stored_revisions(connection, path)
    finally:
        connection.close()
