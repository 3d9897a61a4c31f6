"""Tools: restore a backup, and the database check (doctor), in words a manager can pass on to IT."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from . import icons
from .widgets.scrolling import resize_within_screen

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def backup_text(info) -> str:
    created = getattr(info, "created", None)
    when = created.astimezone().strftime("%d/%m/%Y %H:%M") if created else _("unknown date")
    reason = str(getattr(info, "reason", "") or "").replace("-", " ")
    size = getattr(info, "size", 0) or 0
    if not getattr(info, "ok", True):
        return _("{when}  ({reason}, {size:,.0f} KB) – damaged, cannot be restored").format(
            when=when, reason=reason, size=size / 1024)
    return _("{when}  ({reason}, {size:,.0f} KB)").format(when=when, reason=reason, size=size / 1024)


class RestoreBackupDialog(QDialog):
    """Pick one backup; the caller restores it (the current database is kept aside, never deleted)."""

    def __init__(self, backups: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore a backup"))
        resize_within_screen(self, 560, 420)
        layout = QVBoxLayout(self)
        note = QLabel(_("Choose the backup to go back to. The database as it is now is kept aside first, so "
                      "this can be undone by restoring again. Open tender windows are closed."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Backups, newest first"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for info in sorted(backups, key=lambda b: getattr(b, "created", None) or 0, reverse=True):
            item = QListWidgetItem(icons.icon("backup"), backup_text(info))
            item.setData(PATH_ROLE, str(getattr(info, "path", info)))
            if not getattr(info, "ok", True):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        if not backups:
            layout.addWidget(QLabel(_("There are no backups yet. Use Tools > Back up now to make one.")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Restore"))
        ok.setAccessibleName(_("Restore the selected backup"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._row_changed)
        ok.setEnabled(False)
        for row in range(self.list.count()):
            if self.list.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(row)
                break

    def _row_changed(self, _row: int) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return item.data(PATH_ROLE)


class TextReportDialog(QDialog):
    """A read-only report that can be selected and copied (for the doctor's findings)."""

    def __init__(self, title: str, intro: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        resize_within_screen(self, 640, 420)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setAccessibleName(title)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
