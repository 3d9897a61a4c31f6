"""A database that another program is using is busy, not damaged.

SQLite reports a lock held elsewhere as `SQLITE_BUSY` or `SQLITE_LOCKED`, which Python raises as
`sqlite3.OperationalError`, a subclass of `sqlite3.DatabaseError`: catching the base class to mean "damaged"
once turned a healthy, locked database into a "damaged" one that was then moved aside. Here such errors are
recognised by their SQLite error name, waited out for a while, and then reported as in use, naming the holder
where the platform can tell (the instance lock file records the process id and the computer's name).

Nothing but the standard library, so the start-up checks can use it before SQLAlchemy is imported.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..i18n import _
from .errors import DatabaseBusyError

WAIT_SECONDS = 5.0
"""How long one SQLite connection waits for a lock held elsewhere (its timeout and busy_timeout)."""

RETRY_SECONDS = 15.0
"""How long opening a database keeps trying while another program holds it (each try also waits for
SQLite's own timeout)."""

_BUSY_NAMES = ("SQLITE_BUSY", "SQLITE_LOCKED")
_BUSY_WORDS = ("database is locked", "database table is locked", "database schema is locked")

T = TypeVar("T")


def is_busy_error(error: BaseException | None) -> bool:
    """True for SQLite's "another connection holds a lock" errors, however they are wrapped."""
    seen = 0
    while error is not None and seen < 5:
        name = getattr(error, "sqlite_errorname", None)
        if isinstance(name, str):
            return name.startswith(_BUSY_NAMES)
        if isinstance(error, sqlite3.Error) and any(word in str(error).lower() for word in _BUSY_WORDS):
            return True
        error = getattr(error, "orig", None) or error.__cause__
        seen += 1
    return False


def lock_holder(lock_file: Path) -> str | None:
    """Who holds the instance lock, in words ("sv-desktop (process 4242) on PC-17"), or None when no
    running sv-desktop other than this process holds it."""
    try:
        lines = lock_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0].strip())
    host = lines[2].strip() if len(lines) > 2 else ""
    same_host = not host or host == socket.gethostname()
    if same_host and (pid == os.getpid() or not _alive(pid)):
        return None
    where = f" on {host}" if host and not same_host else ""
    return f"sv-desktop (process {pid}){where}"


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return True  # cannot tell cheaply; the lock file says a copy of sv-desktop holds it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def busy_error(database: Path, lock_file: Path | None = None) -> DatabaseBusyError:
    holder = lock_holder(lock_file) if lock_file is not None else None
    return DatabaseBusyError(database, holder or _("another program"))


def retry_while_busy(attempt: Callable[[], T], *, seconds: float | None = None,
                     sleep: Callable[[float], None] = time.sleep) -> T:
    """Call `attempt` until it stops raising DatabaseBusyError or `seconds` have passed (then re-raise)."""
    limit = RETRY_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit
    pause = 0.2
    while True:
        try:
            return attempt()
        except DatabaseBusyError:
            if time.monotonic() + pause > deadline:
                raise
            sleep(pause)
            pause = min(pause * 2, 2.0)


def ensure_not_in_use(database: Path, lock_file: Path | None = None, *, timeout: float | None = None) -> None:
    """Raise DatabaseBusyError when another program holds (or is writing) a healthy database.

    Readers are never blocked in WAL mode, so the checks that only read cannot see a program that holds
    a write transaction open; this asks for the write lock, as a restore is about to replace the file, and
    gives it straight back without writing anything."""
    try:
        connection = sqlite3.connect(database, timeout=WAIT_SECONDS if timeout is None else timeout,
                                     isolation_level=None)
    except sqlite3.Error as exc:
        if is_busy_error(exc):
            raise busy_error(database, lock_file) from None
        return  # the checks that follow say what is wrong with it
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.Error as exc:
        if is_busy_error(exc):
            raise busy_error(database, lock_file) from None
    finally:
        connection.close()
