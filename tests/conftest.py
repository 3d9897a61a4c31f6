"""Shared test set-up: Qt offscreen unless told otherwise, a fresh data folder per test."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def garbage_on_the_ui_thread():
    """As in the app: once a QApplication exists, Python's garbage is collected on the UI thread only (a
    closed window freed by a worker thread runs Qt destructors where Qt forbids them)."""
    from PySide6.QtWidgets import QApplication

    from sv_desktop.ui.collector import collect_on_ui_thread

    app = QApplication.instance()
    if app is not None:
        collect_on_ui_thread(app)
    yield
    app = QApplication.instance()
    if app is not None:
        collect_on_ui_thread(app).check()


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


_HOLDER = """
import sqlite3, sys, time
database, mode = sys.argv[1], sys.argv[2]
if len(sys.argv) > 4:  # hold the instance lock too, as a running sv-desktop does
    from sv_desktop.paths import app_paths
    from sv_desktop.store.instance_lock import acquire_instance_lock
    lock = acquire_instance_lock(app_paths(sys.argv[4]))
    assert lock is not None
connection = sqlite3.connect(database, isolation_level=None)
if mode == "exclusive-mode":
    connection.execute("PRAGMA locking_mode=EXCLUSIVE")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE store_meta SET change_count = change_count")
    connection.execute("COMMIT")  # in exclusive locking mode the lock is kept after the commit
else:
    connection.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(float(sys.argv[3]))
"""


class DatabaseHolders:
    """Other processes holding a SQLite database: `PRAGMA locking_mode=EXCLUSIVE` ("exclusive-mode") or an
    open `BEGIN EXCLUSIVE` ("begin-exclusive"); all are killed at the end of the test."""

    def __init__(self) -> None:
        self.processes: list = []

    def hold(self, database, mode: str, seconds: float = 120, *, journal: str | None = None,
             as_app: bool = False) -> None:
        import sqlite3
        import subprocess
        import sys

        if journal:
            connection = sqlite3.connect(database)
            connection.execute(f"PRAGMA journal_mode={journal}")
            connection.close()
        argv = [sys.executable, "-c", _HOLDER, str(database), mode, str(seconds)]
        if as_app:
            argv.append(str(Path(database).parent))
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "held"
        self.processes.append(process)

    def release_all(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait(30)
            process.stdout.close()
        self.processes.clear()


@pytest.fixture
def holders():
    made = DatabaseHolders()
    yield made
    made.release_all()
