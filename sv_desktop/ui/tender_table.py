"""The tender list as a table model over plain `TenderSummary` rows, and the filter behind the search box.

Named column constants and roles keep the view, the sort and the tests in agreement. Every call Qt makes
into Python costs about ten microseconds, so nothing here runs per row per keystroke: each row's search
text, sort keys and cell texts are worked out once per set of rows, and the filter sorts and filters plain
Python lists of row numbers, leaving Qt to ask only for the rows on screen.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from ..i18n import _
from ..model.pipeline import STAGE_NAMES
from . import icons
from .bids.rows import BID_CATEGORY, bid_category_label, keep_kind, stage_text
from .labels import compliance_icon, compliance_text, label, stage_labels, unknown_label
from .parsing import format_date, format_money

if TYPE_CHECKING:
    from ..model.standstill import Standstill
    from ..model.tender import TenderSummary

COL_REFERENCE = 0
COL_TITLE = 1
COL_CATEGORY = 2
COL_VALUE = 3
COL_STAGE = 4
COL_NOTICE = 5
COL_DAYS = 6
COL_COMPLIANCE = 7
COL_UPDATED = 8
COLUMN_COUNT = 9


def headers() -> tuple[str, ...]:
    """The columns' headings, in the language in use."""
    return (_("Reference"), _("Title"), _("Category"), _("Value excl. VAT (£)"), _("Stage"), _("Tender notice"),
            _("Days to go"), _("Policy check"), _("Last changed"))

CATEGORY_CHARACTERS = 22
"""The category column is at most this many average characters wide."""

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex

# Plain ints: `data()` runs for every cell painted, and an enum member lookup per comparison adds up.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SORT, _REFERENCE, _SEARCH = int(SORT_ROLE), int(REFERENCE_ROLE), int(SEARCH_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_STAGE_ORDER = {stage: position for position, stage in enumerate(STAGE_NAMES)}
_COMPLIANCE_ORDER = {True: 2, False: 0, None: 1}


def days_to_go(notice: dt.date | None, today: dt.date) -> int | None:
    return None if notice is None else (notice - today).days


def _counted_to(summary: TenderSummary) -> dt.date | None:
    """The day the "Days to go" column counts down to: a tender's notice, a bid's submission deadline."""
    return summary.tender_notice_date if summary.deadline is None else summary.deadline


def days_text(days: int | None) -> str:
    """Days until the tender notice: "14", "Today", "Passed" (the date is behind us), "" (no date)."""
    if days is None:
        return ""
    return _("Today") if days == 0 else _("Passed") if days < 0 else f"{days:,}"


def in_standstill(summary: TenderSummary, today: dt.date) -> Standstill | None:
    """The tender's standstill if it has not ended by `today` (a notice still to come counts)."""
    standstill = summary.standstill
    return standstill if standstill is not None and today <= standstill.ends_on else None


def standstill_text(standstill: Standstill) -> str:
    """What the "Days to go" column shows while a tender is in standstill: its last day."""
    return _("Standstill ends {date}").format(date=format_date(standstill.ends_on))


def standstill_tooltip(standstill: Standstill) -> str:
    """The standstill in a sentence, with the regime's own wording."""
    dates = {"notice": format_date(standstill.notice_date), "ends": format_date(standstill.ends_on),
             "award": format_date(standstill.award_from)}
    if standstill.regime == "psr":
        return _("Notice of intention to award published {notice}: representations until the end of {ends} "
                 "(Provider Selection Regime). Without representations the contract may be awarded from "
                 "{award}; after a review that confirms the decision, 5 more working days.").format(**dates)
    return _("Contract award notice published {notice}: standstill until the end of {ends} (Procurement "
             "Act 2023 s.51). The contract may be entered into from {award}.").format(**dates)


def updated_text(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    local = when.astimezone() if when.tzinfo else when
    return local.strftime("%d/%m/%Y %H:%M")


class TenderTableModel(QAbstractTableModel):
    """Every listed tender, in the order the service gave them."""

    def __init__(self, category_labels: dict[str, str], parent=None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._today = today
        self._day = today()
        self._rows: list[TenderSummary] = []
        self._category_labels = {**category_labels, BID_CATEGORY: bid_category_label()}
        self._row_of: dict[str, int] = {}
        self._cells: dict[int, tuple[str, ...]] = {}
        self._search: list[str] | None = None
        self._keys: dict[int, list] = {}
        self._unfinished: dict[str, str] = {}

    # ---- data in

    def set_unfinished(self, reference: str, summary: str) -> None:
        """Mark a tender whose open window holds unfinished entries (an empty summary clears the mark)."""
        if not reference or self._unfinished.get(reference, "") == summary:
            return
        if summary:
            self._unfinished[reference] = summary
        else:
            self._unfinished.pop(reference, None)
        row = self.row_of(reference)
        if row >= 0:
            self.dataChanged.emit(self.index(row, COL_TITLE), self.index(row, COL_TITLE))

    def unfinished(self, reference: str) -> str:
        return self._unfinished.get(reference, "")

    def set_rows(self, rows: Sequence[TenderSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {}
        for position, row in enumerate(self._rows):
            self._row_of.setdefault(row.reference, position)
        self._forget()
        self.endResetModel()

    def _forget(self) -> None:
        self._day = self._today()  # "days to go" counts from the day the rows were given
        self._cells = {}
        self._search = None
        self._keys = {}

    def row_of(self, reference: str) -> int:
        return self._row_of.get(reference, -1)

    def summary(self, row: int) -> TenderSummary:
        return self._rows[row]

    def summaries(self) -> list[TenderSummary]:
        return list(self._rows)

    # ---- worked out once per set of rows

    def cells(self, row: int) -> tuple[str, ...]:
        """The texts shown in each column of a row (built the first time the row is painted)."""
        cells = self._cells.get(row)
        if cells is None:
            summary = self._rows[row]
            title = " ".join(summary.title.split())
            cells = (summary.reference, title if len(title) <= 200 else title[:199] + "…",
                     self._category(summary), format_money(summary.value_excl_vat_gbp),
                     stage_text(summary) or label(stage_labels(), summary.stage), format_date(summary.tender_notice_date),
                     self._days_cell(summary),
                     compliance_text(summary.compliant), updated_text(summary.updated_at))
            self._cells[row] = cells
        return cells

    def _days_cell(self, summary: TenderSummary) -> str:
        standstill = in_standstill(summary, self._day)
        if standstill is not None:
            return standstill_text(standstill)
        return days_text(days_to_go(_counted_to(summary), self._day))

    def search_texts(self) -> list[str]:
        """Each row's reference, title, category, stage, lead and check result in lower case."""
        if self._search is None:
            labels, stages = self._category_labels, stage_labels()
            self._search = [" ".join((r.reference, r.title, labels.get(r.category, r.category),
                                      stage_text(r) or label(stages, r.stage), r.procurement_lead,
                                      r.supplier_name if r.category == BID_CATEGORY else "",
                                      compliance_text(r.compliant))).lower() for r in self._rows]
        return self._search

    def sort_keys(self, column: int) -> list:
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = [self._sort_key(row, column) for row in range(len(self._rows))]
        return keys

    def _sort_key(self, row: int, column: int):
        summary = self._rows[row]
        if column == COL_VALUE:
            return float(summary.value_excl_vat_gbp or Decimal(0))
        if column == COL_UPDATED:
            return summary.updated_at.timestamp() if summary.updated_at else 0.0
        if column == COL_COMPLIANCE:
            return _COMPLIANCE_ORDER[summary.compliant]
        standstill = in_standstill(summary, self._day) if column == COL_DAYS else None
        if standstill is not None:  # among the days, by the date it shows
            return standstill.ends_on.toordinal()
        if column in (COL_NOTICE, COL_DAYS):  # no date last; the days sort as the dates do
            notice = summary.tender_notice_date if column == COL_NOTICE else _counted_to(summary)
            return notice.toordinal() if notice is not None else dt.date.max.toordinal() + 1
        if column == COL_STAGE:
            return _STAGE_ORDER.get(summary.stage, 99)
        if column == COL_TITLE:
            return " ".join(summary.title.split()).lower()
        if column == COL_REFERENCE:
            return summary.reference.lower()
        if column == COL_CATEGORY:
            return self._category(summary).lower()
        return ""

    # ---- Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return headers()[section]
        return None

    def _category(self, row: TenderSummary) -> str:
        return self._category_labels.get(row.category) or unknown_label(row.category)

    @staticmethod
    def _days_tooltip(summary: TenderSummary) -> str | None:
        lines = []
        if summary.tender_notice_date is not None:
            lines.append(_("Tender notice on {date}").format(date=format_date(summary.tender_notice_date)))
        if summary.deadline is not None:
            lines.append(_("Bid to be submitted by {date}").format(date=format_date(summary.deadline)))
        if summary.standstill is not None:
            lines.append(standstill_tooltip(summary.standstill))
        return "\n".join(lines) or None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.value(index.row(), index.column(), role)

    def value(self, row: int, column: int, role: int):
        """What `data()` gives for a cell (the filter calls this directly, without building an index)."""
        if column == COL_TITLE and role in (_DECORATION, _TOOLTIP, _ACCESSIBLE):
            # The title column is the wide one: the mark never squeezes the reference.
            unfinished = self._unfinished.get(self._rows[row].reference)
            if unfinished:
                return {_DECORATION: icons.icon("field-error"),
                        _TOOLTIP: f"{unfinished}\n{self._rows[row].title[:500]}",
                        _ACCESSIBLE: f"{self.cells(row)[column]}, {unfinished}"}[role]
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.cells(row)[column]
        if role == _DECORATION:
            return icons.icon(compliance_icon(self._rows[row].compliant)) if column == COL_COMPLIANCE else None
        if role == _ALIGNMENT:
            return _RIGHT if column in (COL_VALUE, COL_DAYS) else None
        if role == _TOOLTIP:
            if column == COL_TITLE:
                return self._rows[row].title[:500]
            if column == COL_CATEGORY:  # the column may be narrower than the longest category names
                return self.cells(row)[COL_CATEGORY]
            if column == COL_DAYS:
                return self._days_tooltip(self._rows[row])
            return None
        if role == _REFERENCE:
            return self._rows[row].reference
        if role == _SORT:
            return self.sort_keys(column)[row]
        if role == _SEARCH:
            return self.search_texts()[row]
        return None


class FilteredTenderModel(QAbstractTableModel):
    """The rows the list shows: those whose reference, title, category, stage, lead or check result
    contain every word typed, in the order of the column sorted on.

    It works like a QSortFilterProxyModel (same `mapToSource`, `mapFromSource`, `sort`), but filters and
    sorts lists of row numbers in Python: a QSortFilterProxyModel calls back into Python for every row on
    every key and for every comparison of a sort, which took 100 ms a key at ten thousand tenders.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._source: TenderTableModel | None = None
        self._words: list[str] = []
        self._kind = ""
        """"tender" or "bid" shows only that kind of row; "" shows both."""
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._ordered: list[int] | None = None
        """Every source row in the sort order (kept until the rows or the sort change)."""
        self._shown: list[int] = []
        self._position: dict[int, int] | None = None

    # ---- the source

    def setSourceModel(self, model: TenderTableModel) -> None:  # noqa: N802 - Qt's name
        self.beginResetModel()
        self._source = model
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        self._ordered = None
        self._shown = self._filter(self._sorted())
        self._position = None
        self.endResetModel()

    def sourceModel(self) -> TenderTableModel:  # noqa: N802
        assert self._source is not None
        return self._source

    def _source_reset(self) -> None:
        self._ordered = None
        self._shown = self._filter(self._sorted())
        self._position = None
        self.endResetModel()

    # ---- filtering and sorting

    def set_text(self, text: str) -> None:
        words = text.lower().split()
        if words != self._words:
            self._words = words
            self.refilter()

    def set_kind(self, kind: str) -> None:
        """Show tenders ("tender"), bids ("bid") or both ("")."""
        if kind != self._kind:
            self._kind = kind
            self.refilter()

    @property
    def kind(self) -> str:
        return self._kind

    def refilter(self) -> None:
        """Apply the filter again; the view is reset only if the rows shown change."""
        if self._source is None:
            return
        shown = self._filter(self._sorted())
        if shown == self._shown:
            return
        self.beginResetModel()
        self._shown = shown
        self._position = None
        self.endResetModel()

    def _filter(self, rows: list[int]) -> list[int]:
        """The rows kept, in the order given; subclasses narrow it further."""
        if self._kind and self._source is not None:
            rows = keep_kind(rows, self._source.summaries(), self._kind)
        words = self._words
        if not words or self._source is None:
            return list(rows)
        texts = self._source.search_texts()
        if len(words) == 1:
            word = words[0]
            return [row for row in rows if word in texts[row]]
        return [row for row in rows if all(word in texts[row] for word in words)]

    def _sorted(self) -> list[int]:
        if self._ordered is None:
            count = self._source.rowCount() if self._source is not None else 0
            if self._sort_column < 0 or self._source is None:
                self._ordered = list(range(count))
            else:
                keys = self._source.sort_keys(self._sort_column)
                self._ordered = sorted(range(count), key=keys.__getitem__,
                                       reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return self._ordered

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on `column` (what the view calls when a heading is clicked); the selection stays."""
        if column == self._sort_column and order == self._sort_order and self._ordered is not None:
            return
        self.layoutAboutToBeChanged.emit()
        old_shown = self._shown
        self._sort_column, self._sort_order = column, order
        self._ordered = None
        self._shown = self._filter(self._sorted())
        self._position = None
        persistent = self.persistentIndexList()
        if persistent:
            where = self._positions()
            self.changePersistentIndexList(persistent, [
                self.index(where[old_shown[index.row()]], index.column())
                if 0 <= index.row() < len(old_shown) and old_shown[index.row()] in where else QModelIndex()
                for index in persistent])
        self.layoutChanged.emit()

    def sortColumn(self) -> int:  # noqa: N802
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:  # noqa: N802
        return self._sort_order

    # ---- mapping rows

    def _positions(self) -> dict[int, int]:
        if self._position is None:
            self._position = {row: position for position, row in enumerate(self._shown)}
        return self._position

    def mapToSource(self, index: AnyIndex) -> QModelIndex:  # noqa: N802
        if not index.isValid() or self._source is None or not 0 <= index.row() < len(self._shown):
            return QModelIndex()
        return self._source.index(self._shown[index.row()], index.column())

    def mapFromSource(self, index: AnyIndex) -> QModelIndex:  # noqa: N802
        if not index.isValid():
            return QModelIndex()
        position = self._positions().get(index.row())
        return QModelIndex() if position is None else self.index(position, index.column())

    # ---- Qt model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if not index.isValid() or self._source is None or not 0 <= row < len(self._shown):
            return None
        return self._source.value(self._shown[row], index.column(), role)


def widest_rows(rows: Sequence[TenderSummary], column: int) -> list[int]:
    """The few rows whose text in `column` is the widest: the longest references, the largest values,
    one row of each category, stage and check result, a few dates (all written alike)."""
    count = len(rows)
    if column == COL_REFERENCE:
        return heapq.nlargest(3, range(count), key=lambda i: len(rows[i].reference))
    if column == COL_VALUE:
        pence = [i for i in range(count) if rows[i].value_excl_vat_gbp % 1]  # shown with pence: 3 more
        return [*heapq.nlargest(3, range(count), key=lambda i: rows[i].value_excl_vat_gbp),
                *heapq.nlargest(3, pence, key=lambda i: rows[i].value_excl_vat_gbp)]
    if column in (COL_CATEGORY, COL_STAGE, COL_COMPLIANCE):
        field = {COL_CATEGORY: "category", COL_STAGE: "stage", COL_COMPLIANCE: "compliant"}[column]
        first: dict = {}
        for i, row in enumerate(rows):
            first.setdefault(getattr(row, field), i)
        return list(first.values())
    if column == COL_DAYS:  # a standstill's last day is wider than any count of days (the latest one ending
        # is the one still running, if any is)
        ends = {i: standstill.ends_on for i, row in enumerate(rows) if (standstill := row.standstill) is not None}
        latest = max(ends, key=ends.__getitem__, default=None)
        return [*range(min(count, 3)), *([] if latest is None else [latest])]
    return list(range(min(count, 3)))


def fit_columns(table: QTableView, model: TenderTableModel) -> None:
    """Size each column but the title (which takes the rest) to its heading and its widest cell.

    What ResizeToContents would give, measured on the few rows that can be widest instead of up to a
    thousand rows through Python every time the list changes (a second or more at ten thousand tenders).
    """
    header = table.horizontalHeader()
    delegate = table.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.font = table.font()
    icon = table.iconSize()
    side = icon.width() if icon.isValid() else table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    option.decorationSize = QSize(side, side)
    rows = model.summaries()
    grid = 1 if table.showGrid() else 0
    for column in range(COLUMN_COUNT):
        if column == COL_TITLE:
            continue
        width = max((delegate.sizeHint(option, model.index(row, column)).width() + grid
                     for row in widest_rows(rows, column)), default=0)
        width = max(width, header.sectionSizeHint(column))
        if column == COL_CATEGORY:  # long names are shortened (with a tooltip) so the titles keep room
            width = min(width, table.fontMetrics().horizontalAdvance("n" * CATEGORY_CHARACTERS))
        header.resizeSection(column, width)
