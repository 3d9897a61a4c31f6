"""Running the bundled Alembic migrations from inside the app.

`script_location` is set from this package's folder at run time, so an installed or frozen build finds
the migrations wherever it lives. A database stamped with a revision this build does not know was written
by a newer sv-desktop: it is refused before anything is written to it.

Alembic (with Mako and Pygments) is imported only when a migration runs: which revisions this build has is
read straight from the `revision = "…"` lines of the version files, so opening a database that is already
current costs no Alembic import (a test checks the reading against Alembic's own).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from .errors import NewerSchemaError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant will do: every sv-desktop client uses it so only one of them migrates a shared server.
_PG_MIGRATION_LOCK = 0x5356_4445  # "SVDE"
_ASSIGNMENT = re.compile(r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:["']([^"'\n]*)["']|None)\s*$""",
                         re.MULTILINE)


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@cache
def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@cache
def _bundled_revisions() -> tuple[str, ...]:
    """The revisions in the versions folder, oldest first, read from each file's assignments."""
    parents: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = {name: value or None for name, value in _ASSIGNMENT.findall(path.read_text(encoding="utf-8"))}
        if "revision" in found and found["revision"]:
            parents[found["revision"]] = found.get("down_revision")
    ordered: list[str] = []
    current = next((rev for rev, parent in parents.items() if parent is None), None)
    children = {parent: rev for rev, parent in parents.items() if parent is not None}
    while current is not None:
        ordered.append(current)
        current = children.get(current)
    if len(ordered) != len(parents):
        # Branches or a broken chain: let Alembic, which understands every shape, give the answer.
        return tuple(script.revision for script in reversed(list(script_directory().walk_revisions())))
    return tuple(ordered)


def head_revision() -> str:
    revisions = _bundled_revisions()
    if not revisions:
        raise StoreError(_("This sv-desktop build has no database migrations; it cannot open a "
                           "database."))
    return revisions[-1]


def revisions_oldest_first() -> list[str]:
    return list(_bundled_revisions())


def unknown_revisions(revisions: tuple[str, ...] | None) -> list[str]:
    known = set(_bundled_revisions())
    return [rev for rev in revisions or () if rev not in known]


def current_revisions(connection: Connection) -> tuple[str, ...]:
    from alembic.runtime.migration import MigrationContext

    return tuple(MigrationContext.configure(connection).get_current_heads())


def upgrade_to_head(engine: Engine, where: str, target: str = "head") -> tuple[str, ...]:
    """Bring the schema to `target` in one transaction; returns the revisions found before upgrading.

    On SQLite, batch operations copy tables, so foreign keys are switched off for this connection (they
    are ignored if switched inside a transaction) and checked with `foreign_key_check` before committing.
    """
    from alembic import command
    from sqlalchemy import text

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None  # an open connection has its driver's
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
                found = current_revisions(connection)
                unknown = unknown_revisions(found)
                if unknown:
                    raise NewerSchemaError(", ".join(unknown), where)
                wanted = head_revision() if target == "head" else target
                if found != (wanted,):
                    command.upgrade(alembic_config(connection), target)
                    if sqlite:
                        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise StoreError(_("Upgrading the database left broken links between "
                                               "tables; nothing was changed. Please report this "
                                               "problem."))
            return found
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
