"""The bin: deleted tenders stay 30 days and can be put back from here; each shows the day it goes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from ..services.errors import ServiceError
from . import icons
from .prompts import restore_from_bin
from .tender_table import COL_DAYS, COL_NOTICE, COL_TITLE, COLUMN_COUNT, REFERENCE_ROLE, TenderTableModel
from .widgets.scrolling import resize_within_screen

COL_REMOVED = COLUMN_COUNT


def removal_text(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    local = when.astimezone() if when.tzinfo else when
    return local.strftime("%d/%m/%Y")


class BinTableModel(TenderTableModel):
    """The tenders in the bin, with one more column: the day each is removed for good."""

    def __init__(self, labels: dict[str, str], parent=None) -> None:
        super().__init__(labels, parent)
        self.removal: dict[str, dt.datetime] = {}

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else COLUMN_COUNT + 1

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if section == COL_REMOVED and orientation == Qt.Orientation.Horizontal \
                and role == Qt.ItemDataRole.DisplayRole:
            return _("Removed for good on")
        return super().headerData(section, orientation, role)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == COL_REMOVED:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return removal_text(self.removal.get(self.summary(index.row()).reference))
            return super().data(index.siblingAtColumn(0), role) if role == REFERENCE_ROLE else None
        return super().data(index, role)

if TYPE_CHECKING:
    from ..services.contract import UiService


class BinDialog(QDialog):
    restored = Signal(str)

    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(_("Bin"))
        resize_within_screen(self, 820, 420)
        layout = QVBoxLayout(self)
        note = QLabel(_("Deleted tenders stay here for 30 days, then they are removed for good. "
                      "Choose one and press Restore to put it back in the list."))
        note.setWordWrap(True)
        layout.addWidget(note)
        labels = {c: g.label for c, g in service.content.categories.items()}
        self.model = BinTableModel(labels, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(_("Deleted tenders"))
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # headings are never cut
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_NOTICE, COL_DAYS):  # the pipeline's columns mean nothing for a deleted tender
            self.view.hideColumn(column)
        self.view.setTabKeyNavigation(False)
        layout.addWidget(self.view, 1)
        self.empty = QLabel(_("The bin is empty."))
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(icons.icon("restore"), _("&Restore"))
        self.restore_button.setAccessibleName(_("Restore the selected tender"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(_("Close the bin"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QWidget.setTabOrder(self.restore_button, close)  # Tab follows the buttons as they are seen
        self.restore_button.clicked.connect(self.restore_selected)
        self.view.doubleClicked.connect(self._double_clicked)
        self.refresh()

    def _double_clicked(self, _index) -> None:
        self.restore_selected()

    def refresh(self) -> None:
        try:
            rows = self.service.list_bin()
            removal = self.service.bin_removal_dates()
        except ServiceError as exc:
            rows, removal = [], {}
            self.empty.setText(_("The bin cannot be read: {exc}").format(exc=exc))
        self.model.removal = removal
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.view.selectRow(0)
        self.restore_button.setEnabled(bool(rows))

    def selected_reference(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(REFERENCE_ROLE) if index.isValid() else None

    def restore_selected(self) -> None:
        reference = self.selected_reference()
        if not reference:
            return
        if not restore_from_bin(self, self.service, reference):
            return
        self.restored.emit(reference)
        self.refresh()


