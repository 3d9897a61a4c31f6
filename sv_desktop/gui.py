"""Start the desktop app: one instance per data folder, a usable database, then the main window.

This is the composition root: it may talk to the store (to recover a damaged database) before handing a
service to the UI, which never sees the store itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_NAME, __version__
from .paths import app_paths

BACKUP_INTERVAL_MS = 30 * 60 * 1000
EXIT_WHEN_IDLE_ENV = "SV_DESKTOP_BENCH_EXIT_WHEN_IDLE"
IDLE_MARKER = "sv-desktop: main window idle"


def _application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("sv-desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    return app


def _tell(kind: str, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    getattr(QMessageBox, kind)(None, title, text)


def recover_damaged(paths, reason: str) -> bool:
    """Offer, in plain words, to restore the newest good backup or start empty. True to carry on.

    The damaged file is moved aside with a timestamp first, never deleted or overwritten.
    """
    from PySide6.QtWidgets import QMessageBox

    from . import store

    backup = store.newest_good_backup(paths)
    box = QMessageBox(QMessageBox.Icon.Warning, "The tender database cannot be opened",
                      f"sv-desktop could not open its database: {reason}")
    moved_note = "Nothing will be deleted: the damaged file is kept in the folder 'damaged' beside it."
    restore_button = None
    if backup is not None:
        box.setInformativeText(f"You can restore the newest good backup ({backup.name}) or start with an "
                               f"empty database. {moved_note}")
        restore_button = box.addButton("&Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(f"There is no backup to restore. You can start with an empty database. "
                               f"{moved_note}")
    empty_button = box.addButton("Start &empty", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore_button and backup is not None:
        store.move_damaged_aside(paths)
        store.restore_backup(paths, backup)
        return True
    if clicked is empty_button:
        store.move_damaged_aside(paths)
        return True
    return False


def open_service_interactively(data_dir, database_url):
    """Open the service, walking the user through a damaged or newer database. None means quit."""
    from .services.errors import DatabaseProblem, ServiceError
    from .services.tender_service import open_service

    paths = app_paths(data_dir)
    for _attempt in range(2):
        try:
            return open_service(data_dir, database_url)
        except DatabaseProblem as exc:
            if exc.newer or database_url:
                _tell("critical", "sv-desktop cannot open this database", str(exc))
                return None
            if not recover_damaged(paths, str(exc)):
                return None
        except ServiceError as exc:
            _tell("critical", "sv-desktop cannot start", str(exc))
            return None
    _tell("critical", "sv-desktop cannot start", "The database still cannot be opened after recovery.")
    return None


def main(data_dir: str | Path | None = None, database_url: str | None = None) -> int:
    app = _application()
    from PySide6.QtCore import QTimer

    from .store.instance_lock import acquire_instance_lock
    from .ui.app import run_app

    paths = app_paths(data_dir)
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _tell("critical", "sv-desktop cannot start",
              f"The data folder {paths.data_dir} cannot be created ({exc.strerror or exc}).")
        return 1
    lock = acquire_instance_lock(paths)
    if lock is None:
        _tell("information", "sv-desktop is already open",
              "sv-desktop is already open on this computer for this data folder. Switch to that window "
              "to carry on.")
        return 0
    service = open_service_interactively(data_dir, database_url)
    if service is None:
        return 1
    timer = QTimer(app)
    timer.setInterval(BACKUP_INTERVAL_MS)
    timer.timeout.connect(lambda: _periodic_backup(service))
    timer.start()
    if os.environ.get(EXIT_WHEN_IDLE_ENV) == "1":
        _exit_when_idle(app)
    try:
        return run_app(service, sys.argv)
    finally:
        timer.stop()
        service.close()
        lock.unlock()


def _exit_when_idle(app) -> None:
    """For `make bench`: once the main window is shown and the event loop has nothing left to do, print
    IDLE_MARKER and quit normally, so start-up can be timed from outside the process."""
    from PySide6.QtCore import QAbstractEventDispatcher
    from PySide6.QtWidgets import QMainWindow

    dispatcher = QAbstractEventDispatcher.instance()

    def about_to_block() -> None:
        if any(isinstance(w, QMainWindow) and w.isVisible() for w in app.topLevelWidgets()):
            dispatcher.aboutToBlock.disconnect(about_to_block)
            print(IDLE_MARKER, flush=True)
            app.quit()

    dispatcher.aboutToBlock.connect(about_to_block)


def _periodic_backup(service) -> None:
    import contextlib

    from .services.errors import ServiceError

    # A failed periodic backup is retried at the next tick; Tools > Back up now reports problems.
    with contextlib.suppress(ServiceError):
        service.backup_if_changed("periodic")
