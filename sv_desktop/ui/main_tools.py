"""What the main window does with files and tools: import, export, the bin, backups, the database check,
settings and help.

A mixin of `MainWindow` kept apart so the window's module stays readable. Each dialog (and the message
boxes and file dialogs themselves) is imported when first used, not while the window is being shown.
"""

from __future__ import annotations

from pathlib import Path

from ..services.errors import ServiceError

TENDER_FILE_FILTER = "Tender files (*.svtender.json);;All files (*)"


class MainWindowTools:
    """Needs the window's `service`, `refresh`, `selected_reference`, `_settle`, `close_wizards`,
    `policy_label` and status bar."""

    def _restored(self, reference: str) -> None:
        self.refresh(select=reference)

    def import_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        chosen, _ = QFileDialog.getOpenFileName(self, "Import a tender file", str(Path.home()), TENDER_FILE_FILTER)
        if not chosen:
            return
        try:
            tender, created = self.service.import_file(Path(chosen))
        except ServiceError as exc:
            QMessageBox.warning(self, "Not imported", str(exc))
            return
        self.refresh(select=tender.reference)
        verb = "Imported" if created else "Updated"
        self.statusBar().showMessage(f"{verb} {tender.reference} from {Path(chosen).name}.", 10000)

    def export_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from .wizard.exporting import safe_file_stem

        reference = self.selected_reference()
        if reference is None or not self._settle(reference):
            return

        suggested = Path.home() / f"{safe_file_stem(reference)}.svtender.json"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export the tender file", str(suggested), TENDER_FILE_FILTER,
                                                options=QFileDialog.Option.DontConfirmOverwrite)
        if not chosen:
            return
        path = Path(chosen)
        if not path.name.endswith(".svtender.json"):
            path = path.with_name(path.name + ".svtender.json")
        from .replace_file import may_replace

        if not may_replace(self, self.service, path):
            return
        try:
            written = self.service.export_file(self.service.get(reference), path)
        except ServiceError as exc:
            QMessageBox.warning(self, "Not exported", str(exc))
            return
        self.statusBar().showMessage(f"Saved {reference} as {written or path}.", 10000)

    def show_bin(self) -> None:
        from .bin_dialog import BinDialog

        dialog = BinDialog(self.service, self)
        dialog.restored.connect(self._restored)
        dialog.exec()

    # ---- tools

    def backup_now(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        try:
            path = self.service.backup()
        except ServiceError as exc:
            QMessageBox.warning(self, "No backup made", str(exc))
            return
        self.statusBar().showMessage(f"Backed up to {path}.", 10000)

    def restore_backup(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .tools_dialogs import RestoreBackupDialog

        try:
            backups = self.service.list_backups()
        except ServiceError as exc:
            QMessageBox.warning(self, "Cannot list the backups", str(exc))
            return
        dialog = RestoreBackupDialog(backups, self)
        if dialog.exec() != RestoreBackupDialog.DialogCode.Accepted or dialog.chosen() is None:
            return
        if not self.close_wizards():
            return
        try:
            kept = self.service.restore_backup(Path(dialog.chosen()))
        except ServiceError as exc:
            QMessageBox.warning(self, "Not restored", str(exc))
            return
        self.refresh()
        where = f" as {kept}" if kept else " in the backups folder"
        self.statusBar().showMessage(f"Restored the backup. The database as it was is kept{where}.", 15000)

    def check_database(self) -> None:
        from .tools_dialogs import TextReportDialog

        try:
            lines = self.service.doctor()
        except ServiceError as exc:
            lines = [f"The check could not run: {exc}"]
        TextReportDialog("Database check", "What sv-desktop found when it checked its database. If anything "
                         "is wrong, copy this text to IT.", lines, self).exec()

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog(self.service, self).exec()
        organisation = getattr(self.service.settings, "organisation", "")
        policy = self.service.content.organisation
        self.policy_label.setText(f"{organisation} · policy {policy.policy_reference} {policy.policy_version}")

    def show_help(self) -> None:
        from .help_dialogs import HelpDialog

        HelpDialog(self.service, self).exec()

    def open_log_folder(self) -> None:
        """Help > Open log folder: the folder holding the log a support desk may ask for."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        from ..logging_setup import current_log_path, log_path

        log = current_log_path()
        if log is None and getattr(self, "service", None) is not None:
            log = log_path(self.service.data_dir)
        if log is None or not log.parent.is_dir():
            QMessageBox.information(self, "No log yet", "sv-desktop has not written a log on this computer yet.")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log.parent)))

    def show_about(self) -> None:
        from .help_dialogs import show_about

        show_about(self, self.service)
