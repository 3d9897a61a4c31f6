"""Start-up with the window first: it shows at once saying "Loading tenders…" with the actions that need
the database disabled, the database is opened and read off the UI thread, and the list fills in; a
damaged or newer database is still explained, with the same ways out; the start-up backup follows."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from sv_desktop import gui
from sv_desktop.model.tender import new_tender
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.main_window import MainWindow
from sv_desktop.ui.worker import wait_for_all

from .conftest import answer

ROOT = Path(__file__).resolve().parents[2]
NEEDS_THE_DATABASE = ("new_action", "open_action", "duplicate_action", "delete_action", "import_action",
                      "export_action", "bin_action", "backup_action", "restore_action", "doctor_action",
                      "settings_action", "help_action", "about_action", "history_action")


def _folder_with(tmp_path, *titles: str) -> Path:
    data_dir = tmp_path / "data"
    service = open_service(data_dir)
    try:
        for title in titles:
            service.create(new_tender(service.suggest_reference(), title))
    finally:
        service.close()
    return data_dir


@pytest.fixture
def starting(qtbot):
    """A shown loading window and its Startup; the Startup is closed (waiting for its work) at the end."""
    made: list[gui.Startup] = []
    exits: list[int] = []

    def make(data_dir: Path, database_url: str | None = None) -> tuple[MainWindow, gui.Startup]:
        window = MainWindow(data_dir=data_dir)
        qtbot.addWidget(window)
        window.show()
        startup = gui.Startup(window, data_dir, database_url, exits.append)
        made.append(startup)
        return window, startup

    make.exits = exits
    yield make
    for startup in made:
        startup.close()


def _texts(window) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel) if label.isVisible()]


def test_the_window_shows_loading_then_fills_its_list(qtbot, tmp_path, starting):
    data_dir = _folder_with(tmp_path, "Laundry service", "Patient transport", "Catering")
    window, startup = starting(data_dir)
    assert "Loading tenders…" in _texts(window)
    assert not window.is_loaded and window.selected_reference() is None
    assert all(not getattr(window, name).isEnabled() for name in NEEDS_THE_DATABASE)
    assert window.quit_action.isEnabled() and window.search.isEnabled()
    qtbot.keyClicks(window.search, "laund")  # typed while loading: applied once the list is there

    with qtbot.waitSignal(window.loaded, timeout=20_000):
        startup.begin()
    assert window.model.rowCount() == 3
    assert [window.proxy.index(r, 1).data() for r in range(window.proxy.rowCount())] == ["Laundry service"]
    assert window.count_label.text() == "1 of 3 tenders shown"
    assert window.stack.currentIndex() == 0 and "Loading tenders…" not in _texts(window)
    assert all(getattr(window, name).isEnabled() for name in NEEDS_THE_DATABASE if name != "open_action"
               and name not in ("duplicate_action", "delete_action", "export_action"))
    assert window.selected_reference() is not None and window.open_action.isEnabled()
    assert window.lifecycle is not None and window.lifecycle.bar.isVisible()


def test_the_start_up_backup_is_taken_after_the_list_is_shown(qtbot, tmp_path, starting):
    data_dir = _folder_with(tmp_path, "Laundry service")
    before = open_service(data_dir, backup=False)
    try:
        reasons = [info.reason for info in before.list_backups()]
    finally:
        before.close()
    window, startup = starting(data_dir)
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        startup.begin()
    wait_for_all()
    after = [info.reason for info in window.service.list_backups()]
    assert after.count("startup") == reasons.count("startup") + 1, "the change since the last backup is kept"


def test_a_damaged_database_is_explained_and_the_manager_can_start_empty(qtbot, tmp_path, starting,
                                                                          monkeypatch):
    data_dir = _folder_with(tmp_path, "Laundry service")
    paths = app_paths(data_dir)
    paths.database.write_bytes(b"this is not a database" * 100)
    offered: list[str] = []

    def start_empty(paths_given, reason: str, *_told) -> bool:  # the manager clicks "Start empty"
        from sv_desktop import store

        offered.append(reason)
        store.move_damaged_aside(paths_given)
        return True

    monkeypatch.setattr(gui, "recover_damaged", start_empty)
    window, startup = starting(data_dir)
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        startup.begin()
    assert offered and "not a database" in offered[0]
    assert window.model.rowCount() == 0 and window.stack.currentIndex() == 1
    assert list(paths.damaged.iterdir()), "the damaged file is kept aside, not deleted"
    assert not startup.failed and starting.exits == []


def test_a_damaged_database_the_manager_will_not_replace_quits(qtbot, tmp_path, starting, monkeypatch):
    data_dir = _folder_with(tmp_path, "Laundry service")
    app_paths(data_dir).database.write_bytes(b"garbage" * 1000)
    monkeypatch.setattr(gui, "recover_damaged", lambda paths, reason, told=None: False)  # the manager clicks "Quit"
    window, startup = starting(data_dir)
    startup.begin()
    qtbot.waitUntil(lambda: startup.failed, timeout=20_000)
    assert starting.exits == [1] and not window.isVisible() and not window.is_loaded


def test_a_newer_database_is_refused_in_plain_words(qtbot, tmp_path, starting, monkeypatch):
    data_dir = _folder_with(tmp_path, "Laundry service")
    connection = sqlite3.connect(app_paths(data_dir).database)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    told = answer(monkeypatch, "critical")
    window, startup = starting(data_dir)
    startup.begin()
    qtbot.waitUntil(lambda: startup.failed, timeout=20_000)
    assert told and "newer version of sv-desktop" in told[0]
    assert starting.exits == [1] and not window.is_loaded


def test_the_window_shows_before_the_database_code_is_imported(tmp_path):
    """In a fresh process: when the main window is first shown, neither SQLAlchemy nor Alembic, the
    store's tables nor the tender wizard has been imported (they load off the UI thread afterwards), and
    no `Qt.` name has been read (see `ui/qt_names.py`)."""
    data_dir = _folder_with(tmp_path, "Laundry service")
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["{gui.EXIT_WHEN_IDLE_ENV}"] = "1"
        from sv_desktop.ui import main_window
        heavy = ("sqlalchemy", "alembic", "sv_desktop.store.tender_store", "sv_desktop.ui.wizard.wizard_window",
                 "sv_desktop.services.tender_service")
        show = main_window.MainWindow.show
        def reporting_show(self):
            print("loaded at show:", sorted(name for name in heavy if name in sys.modules), flush=True)
            import PySide6.QtCore
            print("Qt namespace at show:", "Qt" in vars(PySide6.QtCore), flush=True)
            show(self)
        main_window.MainWindow.show = reporting_show
        from sv_desktop.gui import main
        sys.exit(main({str(data_dir)!r}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "loaded at show: []"
    # PySide6 builds the enums of the whole Qt namespace on first use (15-25 ms): not before the window shows.
    assert lines[1] == "Qt namespace at show: False"
    assert lines[2:] == [gui.IDLE_MARKER, gui.LIST_MARKER]


def test_the_loading_window_can_be_closed_before_the_list_arrives(qtbot, tmp_path, starting):
    data_dir = _folder_with(tmp_path, "Laundry service")
    window, startup = starting(data_dir)
    startup.begin()
    window.close()
    startup.close()  # waits for the open to finish, then closes what it opened
    assert startup.service is None and window.isHidden()
    qtbot.wait(100)  # the news that the database opened arrives now, and is ignored
    assert not window.is_loaded and window.service is None
