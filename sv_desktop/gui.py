"""Start the desktop app: one instance per data folder, the main window at once, then a usable database.

This is the composition root: it may talk to the store (to recover a damaged database) before handing a
service to the UI, which never sees the store itself. The window shows before the database is opened:
opening it (and importing SQLAlchemy) happens off the UI thread, see `Startup`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import app_paths

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer

BACKUP_INTERVAL_MS = 30 * 60 * 1000
EXIT_WHEN_IDLE_ENV = "SV_DESKTOP_BENCH_EXIT_WHEN_IDLE"
IDLE_MARKER = "sv-desktop: main window idle"
LIST_MARKER = "sv-desktop: tender list filled"


def _tell(kind: str, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    getattr(QMessageBox, kind)(None, title, text)


def recover_damaged(paths, reason: str, told: list[str] | None = None) -> bool:
    """Offer, in plain words, to restore the newest good backup or start empty. True to carry on.

    The damaged file is moved aside with a timestamp first, never deleted or overwritten, and where it is
    kept is added to `told`. A file that turns out to be in use or healthy after all is left where it is.
    """
    from PySide6.QtWidgets import QMessageBox

    from . import store

    backup = store.newest_good_backup(paths)
    box = QMessageBox(QMessageBox.Icon.Warning, "The tender database cannot be opened",
                      f"sv-desktop could not open its database: {reason}")
    moved_note = "Nothing will be deleted: the damaged file is kept in the folder 'damaged' beside it."
    restore_button = None
    if backup is not None:
        box.setInformativeText(f"You can restore the newest good backup ({backup_when(backup.name)}) or start "
                               f"with an empty database. {moved_note}")
        restore_button = box.addButton("&Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(f"There is no backup to restore. You can start with an empty database. "
                               f"{moved_note}")
    empty_button = box.addButton("Start &empty", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked not in (restore_button, empty_button) or (clicked is restore_button and backup is None):
        return False
    try:
        kept = store.move_damaged_aside(paths)
        if clicked is restore_button and backup is not None:
            store.restore_backup(paths, backup)
    except store.StoreError as exc:
        _tell("warning", "Nothing was changed", str(exc))
        return False
    if told is not None:
        told.append(f"The damaged database is kept as {kept}.")
    return True


def ask_to_retry(message: str) -> bool:
    """The database is in use (not damaged): offer to try again or quit; nothing is moved or restored."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "The tender database is in use", message)
    retry = box.addButton("&Try again", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is retry


class Startup:
    """Opens the service and reads the first list off the UI thread, then hands both to the shown window.

    The window appears at once, saying "Loading tenders…"; SQLAlchemy, the content files and the
    database are loaded in the thread pool. A damaged or newer database is explained on the UI thread
    exactly as before, with the same ways out. Once the list is filled the start-up backup is taken, again
    off the UI thread, and the periodic backup starts.
    """

    ATTEMPTS = 2

    def __init__(self, window, data_dir, database_url, quit_app: Callable[[int], None]) -> None:
        self.window = window
        self.quit_app = quit_app
        self.data_dir = data_dir
        self.database_url = database_url
        self.service = None
        self.failed = False
        self.timer: QTimer | None = None
        self.closed = False
        self._attempts = 0
        self.told: list[str] = []

    def begin(self) -> None:
        from .ui.worker import run_in_background

        self._attempts += 1
        run_in_background(self._open, self._opened, self._refused, context=self.window)

    def _open(self):  # in the thread pool
        from .logging_setup import setup_logging
        from .services.tender_service import open_service

        setup_logging(app_paths(self.data_dir).data_dir)
        service = open_service(self.data_dir, self.database_url, backup=False)
        self.service = service  # kept here too, so it is closed even if the window has gone meanwhile
        from .ui.bids.rows import all_rows

        return service, all_rows(service)

    def _opened(self, opened) -> None:
        from PySide6.QtCore import QTimer

        from .ui.worker import run_in_background

        service, rows = opened
        if self.closed:
            return  # the app is closing: close() has closed the service
        self.window.attach(service, rows)
        if self.told:
            self.window.statusBar().showMessage(" ".join(self.told), 30000)
        # The bin's 30 days and the start-up backup, off the UI thread; a failure is logged (a failed
        # backup is retried at the next tick, and Tools > Back up now reports problems).
        run_in_background(lambda: startup_upkeep(service), lambda _done: None,
                          lambda error: _log_failure("start-up upkeep", error), context=self.window)
        self.timer = QTimer(self.window)
        self.timer.setInterval(BACKUP_INTERVAL_MS)
        self.timer.timeout.connect(lambda: _periodic_backup(service))
        self.timer.start()

    def _refused(self, error: Exception) -> None:
        from .services.errors import DatabaseInUse, DatabaseProblem, ServiceError

        self._close_service()
        if self.closed:
            return
        if isinstance(error, DatabaseInUse):
            if ask_to_retry(str(error)):
                self.begin()
                return
            self._give_up()
        elif isinstance(error, DatabaseProblem) and error.damaged and not self.database_url:
            if recover_damaged(app_paths(self.data_dir), str(error), self.told):
                if self._attempts < self.ATTEMPTS:
                    self.begin()
                    return
                _tell("critical", "sv-desktop cannot start",
                      "The database still cannot be opened after recovery.")
            self._give_up()
        elif isinstance(error, DatabaseProblem):
            _tell("critical", "sv-desktop cannot open this database", str(error))
            self._give_up()
        elif isinstance(error, ServiceError):
            _tell("critical", "sv-desktop cannot start", str(error))
            self._give_up()
        else:
            _tell("critical", "sv-desktop cannot start", f"An unexpected problem stopped sv-desktop: {error}")
            self._give_up()

    def _give_up(self) -> None:
        self.failed = True
        self.window.hide()
        self.quit_app(1)

    def _close_service(self) -> None:
        service, self.service = self.service, None
        if service is not None:
            service.close()

    def close(self) -> None:
        """At exit: let background work finish (it may be using the database), then close it."""
        from .ui.worker import wait_for_all

        self.closed = True
        if self.timer is not None:
            self.timer.stop()
        wait_for_all()
        self._close_service()


def main(data_dir: str | Path | None = None, database_url: str | None = None) -> int:
    from .ui.app import application

    app = application()
    from .store.folder import make_private
    from .store.instance_lock import acquire_instance_lock
    from .ui import icons
    from .ui.crash_dialog import install_error_dialog
    from .ui.main_window import MainWindow

    paths = app_paths(data_dir)
    try:
        paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        _tell("critical", "sv-desktop cannot start",
              f"The data folder {paths.data_dir} cannot be created ({exc.strerror or exc}).")
        return 1
    install_error_dialog()  # the log file itself is opened off the UI thread, as the database is
    lock = acquire_instance_lock(paths)
    if lock is None:
        _tell("information", "sv-desktop is already open",
              "sv-desktop is already open on this computer for this data folder. Switch to that window "
              "to carry on.")
        return 0
    app.setWindowIcon(icons.icon("app"))
    window = MainWindow(data_dir=paths.data_dir)
    startup = Startup(window, data_dir, database_url, app.exit)
    window.show()
    if os.environ.get(EXIT_WHEN_IDLE_ENV) == "1":
        _exit_when_idle(app, window)
    when_idle(startup.begin)  # the database is opened once the window is up and the event loop is free
    try:
        code = app.exec()
        return 1 if startup.failed else code
    finally:
        startup.close()
        window.settings.sync()
        make_private(paths.data_dir)  # the window-state file Qt wrote with the umask's permissions
        lock.unlock()


def when_idle(callback) -> None:
    """Run `callback` once, the first time the event loop has nothing left to do."""
    from PySide6.QtCore import QAbstractEventDispatcher

    dispatcher = QAbstractEventDispatcher.instance()

    def about_to_block() -> None:
        dispatcher.aboutToBlock.disconnect(about_to_block)
        callback()

    dispatcher.aboutToBlock.connect(about_to_block)


def _exit_when_idle(app, window) -> None:
    """For `make bench`: print IDLE_MARKER the first time the event loop is about to wait with the main
    window visible (shown and idle, the list possibly still loading), then LIST_MARKER the first time it
    is about to wait with the list filled, and quit normally; so both can be timed from outside."""
    from PySide6.QtCore import QAbstractEventDispatcher

    dispatcher = QAbstractEventDispatcher.instance()
    printed: list[str] = []

    def about_to_block() -> None:
        if not window.isVisible():
            return
        if not printed:
            printed.append(IDLE_MARKER)
            print(IDLE_MARKER, flush=True)
        if window.is_loaded:
            dispatcher.aboutToBlock.disconnect(about_to_block)
            print(LIST_MARKER, flush=True)
            app.quit()

    dispatcher.aboutToBlock.connect(about_to_block)


def backup_when(name: str) -> str:
    """A backup's time as the manager reads it: local time, from the UTC stamp in its file name."""
    from . import store

    parsed = store.parse_backup_name(name)
    if parsed is None:
        return name
    return "made " + parsed[0].astimezone().strftime("%d/%m/%Y at %H:%M")


BIN_DAYS = 30
"""Tenders and bids deleted longer ago than this are removed from the bin at start-up (the bin dialog says so)."""


def _log_failure(what: str, error: BaseException) -> None:
    from .logging_setup import log_failure

    log_failure(what, error)


def startup_upkeep(service) -> None:
    """In the thread pool once the list shows: empty the bin of tenders and bids deleted more than 30 days ago,
    then take the start-up backup if anything changed. Each failure is logged and does not stop the other."""
    from .services.errors import ServiceError

    try:
        removed = service.empty_bin(BIN_DAYS)
        if removed:
            import logging

            logging.getLogger("sv_desktop.background").info(
                "removed %d tender(s) or bid(s) deleted more than %d days ago from the bin", removed, BIN_DAYS)
    except ServiceError as exc:
        _log_failure("emptying the bin", exc)
    try:
        service.backup_if_changed("startup")
    except ServiceError as exc:
        _log_failure("the start-up backup", exc)


def _periodic_backup(service) -> None:
    from .services.errors import ServiceError

    # A failed periodic backup is retried at the next tick; Tools > Back up now reports problems.
    try:
        service.backup_if_changed("periodic")
    except ServiceError as exc:
        _log_failure("the periodic backup", exc)
