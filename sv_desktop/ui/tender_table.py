"""The tender list as a table model over plain `TenderSummary` rows, and the filter behind the search box.

Named column constants and roles keep the view, the sort and the tests in agreement; the model only
formats, so ten thousand rows scroll as fast as Qt can paint them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ..model.tender import TenderSummary
from . import icons
from .labels import STAGE_LABELS, compliance_icon, compliance_text, label
from .parsing import format_money

COL_REFERENCE = 0
COL_TITLE = 1
COL_CATEGORY = 2
COL_VALUE = 3
COL_STAGE = 4
COL_COMPLIANCE = 5
COL_UPDATED = 6
HEADERS = ("Reference", "Title", "Category", "Value excl. VAT (£)", "Stage", "Policy check", "Last changed")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


def updated_text(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    local = when.astimezone() if when.tzinfo else when
    return local.strftime("%d/%m/%Y %H:%M")


class TenderTableModel(QAbstractTableModel):
    def __init__(self, category_labels: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TenderSummary] = []
        self._category_labels = category_labels

    # ---- data in

    def set_rows(self, rows: list[TenderSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, reference: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.reference == reference), -1)

    def summary(self, row: int) -> TenderSummary:
        return self._rows[row]

    # ---- Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def _category(self, row: TenderSummary) -> str:
        return self._category_labels.get(row.category, row.category)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TITLE:
            return row.title[:500]
        if role == Qt.ItemDataRole.DecorationRole and column == COL_COMPLIANCE:
            return icons.icon(compliance_icon(row.compliant))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == REFERENCE_ROLE:
            return row.reference
        if role == SEARCH_ROLE:
            return " ".join((row.reference, row.title, self._category(row), label(STAGE_LABELS, row.stage),
                             row.procurement_lead, compliance_text(row.compliant))).lower()
        return None

    def _display(self, row: TenderSummary, column: int) -> str:
        if column == COL_REFERENCE:
            return row.reference
        if column == COL_TITLE:
            title = " ".join(row.title.split())
            return title if len(title) <= 200 else title[:199] + "…"
        if column == COL_CATEGORY:
            return self._category(row)
        if column == COL_VALUE:
            return format_money(row.value_excl_vat_gbp)
        if column == COL_STAGE:
            return label(STAGE_LABELS, row.stage)
        if column == COL_COMPLIANCE:
            return compliance_text(row.compliant)
        if column == COL_UPDATED:
            return updated_text(row.updated_at)
        return ""

    def _sort_key(self, row: TenderSummary, column: int):
        if column == COL_VALUE:
            return float(row.value_excl_vat_gbp or Decimal(0))
        if column == COL_UPDATED:
            return row.updated_at.timestamp() if row.updated_at else 0.0
        if column == COL_COMPLIANCE:
            return {True: 2, False: 0, None: 1}[row.compliant]
        if column == COL_STAGE:
            return list(STAGE_LABELS).index(row.stage) if row.stage in STAGE_LABELS else 99
        return self._display(row, column).lower()


class TenderFilter(QSortFilterProxyModel):
    """Keeps rows whose reference, title, category, stage, lead or check result contain every word typed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        haystack = self.sourceModel().index(source_row, 0, source_parent).data(SEARCH_ROLE) or ""
        return all(word in haystack for word in self._words)
