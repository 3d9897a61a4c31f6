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
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(self, "Import a tender file", str(Path.home()), TENDER_FILE_FILTER)
        if chosen:
            self.import_path(Path(chosen))

    def import_path(self, path: Path, *, force: bool = False) -> None:
        """Import off the UI thread (reading, checking, backing up and storing may each take a while)."""
        from .lifecycle.worker import run_in_background

        self.statusBar().showMessage(f"Importing {path.name}…")
        self.import_action.setEnabled(False)
        run_in_background(lambda: self.service.import_file(path, force=force),
                          lambda result: self._imported(path, result),
                          lambda error: self._import_failed(path, error), context=self)

    def _imported(self, path: Path, result) -> None:
        self.import_action.setEnabled(True)
        tender, created = result
        self.refresh(select=tender.reference)
        verb = "Imported" if created else "Updated"
        self.statusBar().showMessage(f"{verb} {tender.reference} from {path.name}.", 10000)

    def _import_failed(self, path: Path, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ..services.errors import ImportConflictError

        self.import_action.setEnabled(True)
        self.statusBar().clearMessage()
        if isinstance(error, ImportConflictError):
            answer = QMessageBox.question(
                self, "Replace the newer version?",
                f"{error}\n\nReplace it with the tender in {path.name}? The version it replaces is kept in "
                "the tender's history (File, History) and can be restored from there.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.import_path(path, force=True)
            return
        message = str(error) if isinstance(error, ServiceError) else (
            f"{path.name} could not be imported ({type(error).__name__}: {error}).")
        QMessageBox.warning(self, "Not imported", message)

    def show_history(self) -> None:
        from .history_dialog import HistoryDialog

        reference = self.selected_reference()
        if reference is None or not self._settle(reference):
            return
        dialog = HistoryDialog(self.service, reference, self)
        dialog.restored.connect(self._version_restored)
        dialog.exec()

    def _version_restored(self, reference: str) -> None:
        wizard = self.wizard_for(reference)
        if wizard is not None:
            wizard.reload()
        self.refresh(select=reference)

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
        if path.exists():
            answer = QMessageBox.question(
                self, "Replace the file?", f"{path.name} already exists in {path.parent}. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        from .lifecycle.worker import run_in_background

        self.statusBar().showMessage(f"Exporting {reference}…")
        run_in_background(lambda: self.service.export_file(self.service.get(reference), path),
                          lambda written: self.statusBar().showMessage(
                              f"Saved {reference} as {written or path}.", 10000),
                          lambda error: self._tool_failed("Not exported", error), context=self)

    def _tool_failed(self, title: str, error: Exception) -> None:
        """A background tool failed: say so in one sentence (a ServiceError's own, or what went wrong)."""
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().clearMessage()
        message = str(error) if isinstance(error, ServiceError) else (
            f"Something went wrong ({type(error).__name__}: {error}).")
        QMessageBox.warning(self, title, message)

    def show_bin(self) -> None:
        from .bin_dialog import BinDialog

        dialog = BinDialog(self.service, self)
        dialog.restored.connect(self._restored)
        dialog.exec()

    # ---- tools

    def backup_now(self) -> None:

        from .lifecycle.worker import run_in_background

        self.statusBar().showMessage("Backing up…")
        run_in_background(self.service.backup,
                          lambda path: self.statusBar().showMessage(f"Backed up to {path}.", 10000),
                          lambda error: self._tool_failed("No backup made", error), context=self)

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
            self.service.restore_backup(Path(dialog.chosen()))
        except ServiceError as exc:
            QMessageBox.warning(self, "Not restored", str(exc))
            return
        self.refresh()
        self.statusBar().showMessage("Restored the backup. The database as it was is kept in the backups "
                                     "folder.", 15000)

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

    def show_about(self) -> None:
        from .help_dialogs import show_about

        show_about(self, self.service)
