"""Alembic environment for sv-desktop.

The app runs migrations itself (see `sv_desktop.store.migrate`) and hands over its connection, already in
a transaction; `alembic` on the command line (for writing new revisions) uses `sqlalchemy.url` instead.
Logging is left to the app: no `fileConfig` here.
"""

from alembic import context
from sqlalchemy import create_engine

from sv_desktop.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("alembic.ini names no sqlalchemy.url and no connection was given")
    engine = create_engine(url)
    with engine.connect() as fresh:
        run_with(fresh)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
