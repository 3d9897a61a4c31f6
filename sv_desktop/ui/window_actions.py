"""What the main window's File, Tools and Help menus do: import, export, the bin, backups, the database
check, settings and help.

`MainWindow` owns one `WindowActions` (`window.window_actions`) and connects its menu actions to it. Each
dialog (and the message boxes and file dialogs themselves) is imported when first used, not while the
window is being shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from ..services.errors import ServiceError
from .worker import run_in_background

if TYPE_CHECKING:
    from ..model.tender import Tender
    from ..services.contract import UiService
    from .main_window import MainWindow

def tender_file_filter() -> str:
    return _("Tender files") + " (*.svtender.json);;" + _("All files") + " (*)"


class WindowActions:
    """Uses the window's `service`, `refresh`, `selected_reference`, `_settle`, `close_wizards`,
    `policy_label` and status bar."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def service(self) -> UiService:
        return self.window.attached

    def _restored(self, reference: str) -> None:
        self.window.refresh(select=reference)

    def import_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _chosen_filter = QFileDialog.getOpenFileName(self.window, _("Import a tender file"), str(Path.home()),
                                                             tender_file_filter())
        if chosen:
            self.import_path(Path(chosen))

    def import_path(self, path: Path, *, force: bool = False) -> None:
        """Import off the UI thread (reading, checking, backing up and storing may each take a while)."""
        self.window.statusBar().showMessage(_("Importing {name}…").format(name=path.name))
        self.window.import_action.setEnabled(False)
        run_in_background(lambda: self.service.import_file(path, force=force),
                          lambda result: self._imported(path, result),
                          lambda error: self._import_failed(path, error), context=self.window)

    def _imported(self, path: Path, result: tuple[Tender, bool]) -> None:
        self.window.import_action.setEnabled(True)
        tender, created = result
        self.window.refresh(select=tender.reference)
        message = _("Imported {reference} from {name}.") if created else _("Updated {reference} from {name}.")
        self.window.statusBar().showMessage(message.format(reference=tender.reference, name=path.name), 10000)

    def _import_failed(self, path: Path, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ..services.errors import ImportConflictError

        self.window.import_action.setEnabled(True)
        self.window.statusBar().clearMessage()
        if isinstance(error, ImportConflictError):
            answer = QMessageBox.question(
                self.window, _("Replace the newer version?"),
                _("{error}\n\nReplace it with the tender in {name}? The version it replaces is kept in the tender's "
                  "history (File, History) and can be restored from there.").format(error=error, name=path.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.import_path(path, force=True)
            return
        message = str(error) if isinstance(error, ServiceError) else (
            _("{name} could not be imported ({kind}: {error}).").format(
                name=path.name, kind=type(error).__name__, error=error))
        QMessageBox.warning(self.window, _("Not imported"), message)

    def show_history(self) -> None:
        from .history_dialog import HistoryDialog

        reference = self.window.selected_reference()
        if reference is None or not self.window._settle(reference):
            return
        dialog = HistoryDialog(self.service, reference, self.window)
        dialog.restored.connect(self._version_restored)
        dialog.exec()

    def _version_restored(self, reference: str) -> None:
        wizard = self.window.wizard_for(reference)
        if wizard is not None:
            wizard.reload()
        self.window.refresh(select=reference)

    def _tool_failed(self, title: str, error: Exception) -> None:
        """A background tool failed: say so in one sentence (a ServiceError's own, or what went wrong)."""
        from PySide6.QtWidgets import QMessageBox

        self.window.statusBar().clearMessage()
        message = str(error) if isinstance(error, ServiceError) else (
            _("Something went wrong ({kind}: {error}).").format(kind=type(error).__name__, error=error))
        QMessageBox.warning(self.window, title, message)

    def export_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from .prompts import replace_file_allowed
        from .wizard.exporting import safe_file_stem

        reference = self.window.selected_reference()
        if reference is None or not self.window._settle(reference):
            return

        suggested = Path.home() / f"{safe_file_stem(reference)}.svtender.json"
        chosen, _chosen_filter = QFileDialog.getSaveFileName(self.window, _("Export the tender file"), str(suggested),
                                                             tender_file_filter(),
                                                             options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        path = Path(chosen)
        if not path.name.endswith(".svtender.json"):
            path = path.with_name(path.name + ".svtender.json")
        if not replace_file_allowed(self.window, self.service, path):
            return
        self.window.statusBar().showMessage(_("Exporting {reference}…").format(reference=reference))
        run_in_background(lambda: self.service.export_file(self.service.get(reference), path),
                          lambda written: self.window.statusBar().showMessage(
                              _("Saved {reference} as {path}.").format(
                                  reference=reference, path=written or path), 10000),
                          lambda error: self._tool_failed(_("Not exported"), error), context=self.window)

    def show_bin(self) -> None:
        from .bin_dialog import BinDialog

        dialog = BinDialog(self.service, self.window)
        dialog.restored.connect(self._restored)
        dialog.exec()

    # ---- tools

    def backup_now(self) -> None:
        self.window.statusBar().showMessage(_("Backing up…"))
        run_in_background(self.service.backup, self._backed_up,
                          lambda error: self._tool_failed(_("No backup made"), error), context=self.window)

    def _backed_up(self, path: Path) -> None:
        # Local time, not the UTC stamp in the file's name.
        now = dt.datetime.now()
        when = _("{date} at {time}").format(date=now.strftime("%d/%m/%Y"), time=now.strftime("%H:%M"))
        self.window.statusBar().showMessage(
            _("Backed up {when}, in the folder {folder}.").format(when=when, folder=Path(path).parent), 10000)

    def restore_backup(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .tools_dialogs import RestoreBackupDialog

        try:
            backups = self.service.list_backups()
        except ServiceError as exc:
            QMessageBox.warning(self.window, _("Cannot list the backups"), str(exc))
            return
        dialog = RestoreBackupDialog(backups, self.window)
        chosen = dialog.chosen() if dialog.exec() == RestoreBackupDialog.DialogCode.Accepted else None
        if chosen is None or not self.window.close_wizards():
            return
        try:
            kept = self.service.restore_backup(Path(chosen))
        except ServiceError as exc:
            QMessageBox.warning(self.window, _("Not restored"), str(exc))
            return
        self.window.refresh()
        message = (_("Restored the backup. The database as it was is kept as {kept}.").format(
            kept=kept) if kept
                   else _("Restored the backup. The database as it was is kept in the backups folder."))
        self.window.statusBar().showMessage(message, 15000)

    def check_database(self) -> None:
        from .tools_dialogs import TextReportDialog

        try:
            lines = self.service.doctor()
        except ServiceError as exc:
            lines = [_("The check could not run: {error}").format(error=exc)]
        TextReportDialog(_("Database check"), _("What sv-desktop found when it checked its database. If anything "
                         "is wrong, copy this text to IT."), lines, self.window).exec()

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog(self.service, self.window).exec()
        organisation = self.service.settings.organisation
        policy = self.service.content.organisation
        self.window.policy_label.setText(_("{organisation} · policy {policy_reference} {policy_version}").format(
            organisation=organisation, policy_reference=policy.policy_reference, policy_version=policy.policy_version))

    def show_help(self) -> None:
        from .help_dialogs import HelpDialog

        HelpDialog(self.service, self.window).exec()

    def open_log_folder(self) -> None:
        """Help > Open log folder: the folder holding the log a support desk may ask for."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        from ..logging_setup import current_log_path, log_path

        log = current_log_path()
        if log is None and self.window.service is not None:
            log = log_path(self.window.service.data_dir)
        if log is None or not log.parent.is_dir():
            QMessageBox.information(self.window, _("No log yet"), _("sv-desktop has not written a log on this computer yet."))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log.parent)))

    def show_about(self) -> None:
        from .help_dialogs import show_about

        show_about(self.window, self.service)
