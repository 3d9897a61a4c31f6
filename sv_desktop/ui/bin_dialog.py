"""The bin: deleted tenders and bids stay 30 days and can be put back from here; each shows its kind and the
day it goes."""

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
from .bids.rows import bid_row, is_bid_row
from .prompts import restore_from_bin
from .tender_table import (
    COL_COMPLIANCE,
    COL_DAYS,
    COL_NOTICE,
    COL_TITLE,
    COLUMN_COUNT,
    REFERENCE_ROLE,
    TenderTableModel,
)
from .widgets.scrolling import resize_within_screen

COL_REMOVED = COLUMN_COUNT
COL_KIND = COLUMN_COUNT + 1


def removal_text(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    local = when.astimezone() if when.tzinfo else when
    return local.strftime("%d/%m/%Y")


def kind_text(is_bid: bool) -> str:
    return _("Bid") if is_bid else _("Tender")


class BinTableModel(TenderTableModel):
    """The tenders and bids in the bin (a bid as its list row), with two more columns: the kind of each and the
    day it is removed for good. `removal` is keyed by (is a bid, reference): a tender and a bid may share one."""

    def __init__(self, labels: dict[str, str], parent=None) -> None:
        super().__init__(labels, parent)
        self.removal: dict[tuple[bool, str], dt.datetime] = {}

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt's name
        return 0 if parent is not None and parent.isValid() else COLUMN_COUNT + 2

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if section in (COL_REMOVED, COL_KIND) and orientation == Qt.Orientation.Horizontal \
                and role == Qt.ItemDataRole.DisplayRole:
            return _("Removed for good on") if section == COL_REMOVED else _("Kind")
        return super().headerData(section, orientation, role)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() in (COL_REMOVED, COL_KIND):
            row = self.summary(index.row())
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if index.column() == COL_KIND:
                    return kind_text(is_bid_row(row))
                return removal_text(self.removal.get((is_bid_row(row), row.reference)))
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
        note = QLabel(_("Deleted tenders and bids stay here for 30 days, then they are removed for good. "
                      "Choose one and press Restore to put it back in the list."))
        note.setWordWrap(True)
        layout.addWidget(note)
        labels = {c: g.label for c, g in service.content.categories.items()}
        self.model = BinTableModel(labels, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(_("Deleted tenders and bids"))
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # headings are never cut
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # The pipeline's columns mean nothing for a deleted tender, nor the policy check until it is back.
        for column in (COL_NOTICE, COL_DAYS, COL_COMPLIANCE):
            self.view.hideColumn(column)
        header.moveSection(header.visualIndex(COL_KIND), 0)  # the kind first: a tender and a bid may look alike
        self.view.setTabKeyNavigation(False)
        layout.addWidget(self.view, 1)
        self.empty = QLabel(_("The bin is empty."))
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(icons.icon("restore"), _("&Restore"))
        self.restore_button.setAccessibleName(_("Restore the selected tender or bid"))
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
            rows = [*self.service.list_bin(), *(bid_row(summary) for summary in self.service.binned_bids())]
            removal = {**{(False, reference): when for reference, when in self.service.bin_removal_dates().items()},
                       **{(True, reference): when for reference, when in self.service.bid_bin_removal_dates().items()}}
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

    def selected_is_bid(self) -> bool:
        index = self.view.currentIndex()
        return index.isValid() and is_bid_row(self.model.summary(index.row()))

    def restore_selected(self) -> None:
        reference = self.selected_reference()
        if not reference:
            return
        if not restore_from_bin(self, self.service, reference, bid=self.selected_is_bid()):
            return
        self.restored.emit(reference)
        self.refresh()


