"""A tender's history: every version with who made it, when, how and what changed, and "Restore this
version". The history is read, and a version restored, off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, ngettext
from ..model.history import HistoryEntry
from ..services.errors import ServiceError
from . import icons
from .worker import run_in_background

if TYPE_CHECKING:
    from ..services.contract import UiService



def headers() -> list[str]:
    return [_("When"), _("Who"), _("What happened"), _("What changed")]


class HistoryDialog(QDialog):
    restored = Signal(str)
    """The reference, once an earlier version is the current one again."""

    def __init__(self, service: UiService, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.reference = reference
        self.entries: list[HistoryEntry] = []
        self.setWindowTitle(_("History of {reference}").format(reference=reference))
        self.resize(860, 440)
        layout = QVBoxLayout(self)
        note = QLabel(_("Every change to this tender, newest first: who made it (their database or computer user "
                      "name), when, and what changed. Choose a version and press Restore this version to make it "
                      "the current one again; the current version stays in the history."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(headers())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(_("Versions of {reference}").format(reference=reference))
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel(_("Reading the history…"))
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(icons.icon("restore"), _("&Restore this version"))
        self.restore_button.setAccessibleName(_("Restore the selected version"))
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.load()

    def load(self) -> None:
        run_in_background(lambda: self.service.history(self.reference), self._show, self._failed, context=self)

    def _show(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = entry.changed_at.astimezone().strftime("%d %b %Y %H:%M")
            for column, value in enumerate((when, entry.who, entry.action_text, entry.changes_text)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.status.setText(ngettext("{n} version.", "{n} versions.", len(entries)).format(n=len(entries)) if entries
                            else _("No changes have been recorded for this tender yet."))
        self._update_button()

    def _failed(self, error: Exception) -> None:
        self.status.setText(_("The history cannot be read: {error}").format(error=error))

    def selected(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_button(self) -> None:
        entry = self.selected()
        # The newest version is the current one; a move to or from the bin holds no copy to restore.
        self.restore_button.setEnabled(entry is not None and entry.has_snapshot and entry is not self.entries[0])

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None or not entry.has_snapshot:
            return
        changed = entry.changed_at.astimezone()
        when = _("{date} at {time}").format(date=changed.strftime("%d %b %Y"), time=changed.strftime("%H:%M"))
        answer = QMessageBox.question(
            self, _("Restore this version?"),
            _("Make the version of {when} ({who}) the current one?\n\nThe current version stays in the "
              "history, so this can be undone the same way.").format(when=when, who=entry.who),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_button.setEnabled(False)
        self.status.setText(_("Restoring…"))
        run_in_background(lambda: self.service.restore_version(self.reference, entry.id), self._restored,
                          self._restore_failed, context=self)

    def _restored(self, _tender) -> None:
        self.status.setText(_("Restored. The version it replaced is kept in the history."))
        self.restored.emit(self.reference)
        self.load()

    def _restore_failed(self, error: Exception) -> None:
        message = str(error) if isinstance(error, ServiceError) else _("The version could not be restored ({error}).").format(error=error)
        self.status.setText(message)
        self._update_button()
        QMessageBox.warning(self, _("Not restored"), message)
