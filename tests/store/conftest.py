"""Fixtures for the storage tests: real SQLite files in a fresh data folder, and a private PostgreSQL schema."""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from sv_desktop.paths import app_paths
from sv_desktop.store import TenderStore


class FakeClock:
    """A clock the test moves by hand (UTC, timezone-aware)."""

    def __init__(self, start: dt.datetime = dt.datetime(2025, 3, 10, 9, 30, tzinfo=dt.UTC)) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def paths(data_dir):
    return app_paths(data_dir)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(paths, clock):
    opened = TenderStore.open(paths, now=clock)
    yield opened
    opened.close()


@pytest.fixture
def pg_url(postgres_url):
    """The server URL with a search_path pointing at a schema of this test's own, dropped afterwards."""
    schema = f"svtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{joiner}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()
