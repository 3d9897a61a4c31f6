"""Shared test set-up: Qt offscreen unless told otherwise, a fresh data folder per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh, real data folder; the app and the CLI both pick it up through the environment."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("SV_DESKTOP_DATA_DIR", str(folder))
    monkeypatch.delenv("SV_DESKTOP_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def postgres_url():
    """URL of a real PostgreSQL database, from SV_TEST_POSTGRES_URL; skipped where there is none
    (CI sets SV_TEST_REQUIRE_POSTGRES=1, which turns the skip into a failure)."""
    url = os.environ.get("SV_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("SV_TEST_REQUIRE_POSTGRES"):
            pytest.fail("SV_TEST_POSTGRES_URL is not set but CI requires PostgreSQL")
        pytest.skip("no PostgreSQL server: set SV_TEST_POSTGRES_URL to run team-mode tests")
    return url
