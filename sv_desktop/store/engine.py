"""Engines for the two kinds of database (the checks made before a SQLite file is trusted are in
`sqlite_file`, which needs no SQLAlchemy).

SQLite gets its pragmas in a `connect` listener on its own engine (never on the `Engine` class, which would
fire for PostgreSQL too). pysqlite's own transaction handling is switched off and `BEGIN` is emitted by us,
so DDL in migrations is transactional and a write can ask for `BEGIN IMMEDIATE`.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from sv_desktop.masking import mask_secrets

from ..i18n import _
from . import busy
from .errors import StoreError

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


def parse_url(url: str) -> URL:
    """The database address, checked: a malformed one, another kind of database or a driver this build
    lacks is one plain sentence (StoreError), never a traceback. The password is never repeated."""
    shown = mask_secrets(url)
    example = "postgresql+psycopg://USER@SERVER/DATABASE"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        raise StoreError(_("The database address {shown} is not a valid database URL; it should look "
                           "like {example}.").format(shown=shown, example=example)) from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(_("The database address {shown} names a {backend!r} database; sv-desktop "
                           "works with PostgreSQL ({example}) or its own SQLite file.").format(
                           shown=shown, backend=backend, example=example)) from None
    try:
        parsed.get_dialect()
    except (NoSuchModuleError, ArgumentError, ImportError):
        raise StoreError(_("The database address {shown} asks for the driver {drivername!r}, which "
                           "sv-desktop does not include; use {example}.").format(
                           shown=shown, drivername=parsed.drivername, example=example)) from None
    return parsed


def is_sqlite_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def sqlite_engine(path: Path) -> Engine:
    wait = busy.WAIT_SECONDS
    engine = create_engine(sqlite_url(path), connect_args={"check_same_thread": False, "timeout": wait})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see "begin" below)
        cursor = dbapi_connection.cursor()
        for pragma in (f"busy_timeout={int(wait * 1000)}", "journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql(_BEGIN.get())

    return engine


CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT_MS = 5_000
STATEMENT_TIMEOUT_MS = 30_000
"""Team mode never waits for ever: on a server out of reach, on a row another person's session holds, or on
a statement that runs away. A URL's own `connect_timeout`, or `-c lock_timeout=...` in its `options`, wins."""


def server_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, connect_args=server_connect_args(url))


def server_connect_args(url: str) -> dict[str, object]:
    """psycopg connection arguments with the timeouts; the URL's own options come after ours, so they win."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return {}
    query = parsed.query
    given = query.get("options", "")
    given = " ".join(given) if isinstance(given, tuple) else given
    ours = f"-c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS}"
    arguments: dict[str, object] = {"options": f"{ours} {given}".strip()}
    if "connect_timeout" not in query:
        arguments["connect_timeout"] = CONNECT_TIMEOUT_S
    return arguments


def display_url(url: str) -> str:
    """The URL as it may be shown to a person: never the password (in any of the forms it can take)."""
    try:
        return mask_secrets(make_url(url).render_as_string(hide_password=True))
    except (ArgumentError, ValueError, TypeError):
        return mask_secrets(url)
