"""The log a support desk can ask for: a rotating, user-only file in the data folder that records every
background failure and every uncaught exception, without passwords or tender content; the error dialog
with the log's location and "Copy details"; Help > Open log folder."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication

from sv_desktop import gui
from sv_desktop.logging_setup import LOGGER, log_path, setup_logging
from sv_desktop.services.tender_service import open_service

ROOT = Path(__file__).resolve().parents[1]
SECRET_TITLE = "Confidential catering for ward 7"


@pytest.fixture
def logged(data_dir):
    """Logging into the test's data folder; the handler is removed afterwards."""
    path = setup_logging(data_dir)
    assert path == log_path(data_dir)
    yield path
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def _log_text(path: Path) -> str:
    for handler in logging.getLogger(LOGGER).handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.fixture
def service_without_backups(data_dir):
    """A real service whose backups cannot be written: a file stands where the backups folder goes."""
    service = open_service(data_dir, backup=False)
    service.create(service.new_tender(SECRET_TITLE, "goods_services"))
    service.paths.backups.write_text("not a folder")
    yield service
    service.close()


def test_background_backup_failures_are_logged(logged, service_without_backups):
    service = service_without_backups
    tender = service.new_tender("Imported laundry", "goods_services")
    service.import_tender(tender)  # the import itself succeeds; its backup failed
    gui.startup_upkeep(service)
    gui._periodic_backup(service)
    text = _log_text(logged)
    for what in ("the backup before import failed", "the start-up backup failed", "the periodic backup failed"):
        assert what in text, text
    assert "Traceback" in text  # the details a support desk needs
    assert SECRET_TITLE not in text, "no tender content in the log"
    assert stat.S_IMODE(logged.stat().st_mode) == 0o600
    assert stat.S_IMODE(logged.parent.stat().st_mode) == 0o700


def test_a_failure_of_the_kpi_reminders_is_logged(qtbot, logged, data_dir):
    from sv_desktop.ui.main_window import MainWindow
    from sv_desktop.ui.worker import wait_for_all

    service = open_service(data_dir, backup=False)
    tender = service.create(service.new_tender("Grounds maintenance", "goods_services"))
    connection = sqlite3.connect(service.paths.database)  # damage done outside the app
    connection.execute("UPDATE tender SET stage = 'awarded' WHERE reference = ?", (tender.reference,))
    connection.execute("DROP TABLE kpi_result")
    connection.commit()
    connection.close()
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: "looking for KPI reports due failed" in _log_text(logged), timeout=20_000)
    finally:
        wait_for_all()
        window.close()
        service.close()


def test_the_bin_is_emptied_at_start_up_of_tenders_and_bids_deleted_over_30_days_ago(logged, data_dir):
    import datetime as dt

    from sv_desktop.paths import app_paths
    from sv_desktop.store import TenderStore

    paths = app_paths(data_dir)
    service = open_service(data_dir, backup=False)
    old = service.create(service.new_tender("Deleted long ago", "goods_services"))
    recent = service.create(service.new_tender("Deleted last month", "goods_services"))
    old_bid = service.save_bid(service.new_bid("Bid deleted long ago"))
    recent_bid = service.save_bid(service.new_bid("Bid deleted last month"))
    service.close()
    now = dt.datetime.now(dt.UTC)
    for reference, bid_reference, days in ((old.reference, old_bid.reference, 31),
                                           (recent.reference, recent_bid.reference, 29)):
        with TenderStore.open(paths, now=lambda days=days: now - dt.timedelta(days=days)) as store:
            store.delete(reference)  # deleted at a time the fake clock gives
            store.bids.delete_bid(bid_reference)
    service = open_service(data_dir, backup=False)
    try:
        gui.startup_upkeep(service)
        assert [row.reference for row in service.list_bin()] == [recent.reference]
        assert not service.reference_taken(old.reference)
        assert [row.reference for row in service.binned_bids()] == [recent_bid.reference]
        service.restore_bid(recent_bid.reference)
        assert service.get_bid(recent_bid.reference).title == "Bid deleted last month"
    finally:
        service.close()
    assert "removed 2 tender(s) or bid(s) deleted more than 30 days ago" in _log_text(logged)


def test_an_uncaught_exception_is_logged_in_a_real_process(tmp_path):
    data = tmp_path / "data"
    script = textwrap.dedent(f"""
        import threading
        from sv_desktop.logging_setup import install_exception_hooks, setup_logging
        setup_logging({str(data)!r})
        install_exception_hooks()
        thread = threading.Thread(target=lambda: 1 / 0, name="worker-7")
        thread.start()
        thread.join()
        raise RuntimeError("connecting to postgresql://alice:Sekr1t@db/sv failed unexpectedly")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode != 0
    text = log_path(data).read_text(encoding="utf-8")
    assert "uncaught exception in the main thread" in text and "RuntimeError" in text
    assert "uncaught exception in worker-7" in text and "ZeroDivisionError" in text
    assert "Sekr1t" not in text and "alice:***@db" in text
    assert stat.S_IMODE(log_path(data).stat().st_mode) == 0o600


def test_the_error_dialog_shows_where_the_log_is_and_copies_the_details(qtbot, logged, monkeypatch):
    from sv_desktop.ui.crash_dialog import install_error_dialog

    saved = sys.excepthook, __import__("threading").excepthook
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    try:
        reporter = install_error_dialog()
        try:
            raise ValueError("a slot went wrong")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: bool(reporter.shown), timeout=5000)
        dialog = reporter.shown[-1]
        qtbot.addWidget(dialog)
        assert str(logged) in dialog.message.text()
        dialog.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert "ValueError: a slot went wrong" in copied and str(logged) in copied
        dialog.folder_button.click()
        assert opened == [str(logged.parent)]
        dialog.close()
    finally:
        sys.excepthook, threading_hook = saved
        __import__("threading").excepthook = threading_hook
    assert "a slot went wrong" in _log_text(logged)


def test_help_opens_the_log_folder(qtbot, logged, data_dir, monkeypatch):
    from sv_desktop.ui.main_window import MainWindow

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    service = open_service(data_dir, backup=False)
    window = MainWindow(service)
    qtbot.addWidget(window)
    try:
        help_menu = next(action.menu() for action in window.menuBar().actions() if "Help" in action.text())
        assert window.log_folder_action in help_menu.actions()
        window.log_folder_action.trigger()
        assert opened == [str(logged.parent)]
    finally:
        window.close()
        service.close()


def test_an_exception_in_a_qt_slot_is_logged_and_shown(tmp_path):
    """The Windows build has no console: an exception in a slot must reach the log and the dialog."""
    data = tmp_path / "data"
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv)
        from sv_desktop.logging_setup import setup_logging
        from sv_desktop.ui.crash_dialog import install_error_dialog
        setup_logging({str(data)!r})
        reporter = install_error_dialog()
        QTimer.singleShot(0, lambda: 1 / 0)
        QTimer.singleShot(500, lambda: (print("dialogs shown:", len(reporter.shown), flush=True), app.quit()))
        app.exec()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)))
    assert "dialogs shown: 1" in done.stdout, done.stdout + done.stderr
    text = log_path(data).read_text(encoding="utf-8")
    assert "uncaught exception in the main thread" in text and "ZeroDivisionError" in text
