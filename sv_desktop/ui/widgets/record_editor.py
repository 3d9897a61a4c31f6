"""A table of a tender's records (questions, KPIs) with an edit form beside it and undoable removal.

The table edits the tender's own list in place, so what is on screen and what autosave writes are the
same objects. Removing keeps the record (and where it was) so "Undo remove" puts it back exactly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import N_, _
from .. import icons
from ..style import make_secondary
from .reflow import mark_reflow

PREVIEW_CHARS = 120
MAX_COLUMN_WIDTH = 120


def preview(text: str) -> str:
    """One line of a long text for a table cell."""
    line = " ".join(text.split())
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"


class RecordEditor(QWidget):
    """Subclasses give the columns, the form and the conversions between a record and the form."""

    changed = Signal()
    columns: tuple[str, ...] = ()
    noun = N_("item")
    plural = ""
    """The noun in the plural (marked with `N_`, translated where shown); without it, the noun and an s."""
    wrap_rows = QFormLayout.RowWrapPolicy.WrapAllRows
    """Labels above fields (roomy forms) or beside them (compact forms)."""
    max_column_width = MAX_COLUMN_WIDTH
    """How wide a narrow column may grow to show its contents (wider where the table has the room)."""
    pad_form = False
    limit_key = ""
    """The key of `model.limits.MAX_ITEMS` bounding how many records one tender holds ("" for no limit):
    at the limit the Add buttons are disabled and say why, so the app never holds what it could not save."""
    """Keep the form's rows together at the top when none of its fields can take the spare height (Qt
    would otherwise share it out between the rows, pulling a date box away from its label)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[Any] = []
        self._removed: list[tuple[int, Any]] = []
        self._loading = False
        layout = mark_reflow(QHBoxLayout(self), comfortable=720)  # the list above the form when narrow
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        left = QVBoxLayout()
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([_(column) for column in self.columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        name = _("{nouns} of this tender").format(nouns=self.plural_noun())
        self.table.setAccessibleName(name[:1].upper() + name[1:])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(self.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.stretch_column(), QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        left.addWidget(self.table, 1)
        self.empty_note = make_secondary(QLabel())
        left.addWidget(self.empty_note)
        self.buttons = QHBoxLayout()
        self.add_buttons(self.buttons)
        self.buttons.addStretch(1)
        left.addLayout(self.buttons)
        self.remove_buttons = QHBoxLayout()
        self.remove_button = QPushButton(icons.icon("remove"), _("Re&move"))
        self.remove_button.setAccessibleName(_("Remove the selected {noun}").format(noun=_(self.noun)))
        self.undo_button = QPushButton(icons.icon("undo"), _("&Undo remove"))
        self.undo_button.setAccessibleName(_("Undo: put the last removed {noun} back").format(
            noun=_(self.noun)))
        self.remove_buttons.addWidget(self.remove_button)
        self.remove_buttons.addWidget(self.undo_button)
        self.remove_buttons.addStretch(1)
        left.addLayout(self.remove_buttons)
        layout.addLayout(left, 3)

        self.form_box = QGroupBox(_("Selected {noun}").format(noun=_(self.noun)))
        self.form = QFormLayout(self.form_box)
        self.form.setRowWrapPolicy(self.wrap_rows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.build_form(self.form)
        if self.pad_form:
            self.form.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding))
        layout.addWidget(self.form_box, 2)

        self.table.currentCellChanged.connect(self._cell_changed)
        self.remove_button.clicked.connect(self.remove_current)
        self.undo_button.clicked.connect(self.undo_remove)
        # Del in this table only: PySide6 ignores a `context` passed to QShortcut(), which made Del a key
        # of the whole window, claimed by every editor in it (so it removed nothing).
        self.delete_shortcut = QShortcut(QKeySequence("Del"), self.table, self.remove_current)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._update()

    # ---- for subclasses

    def plural_noun(self) -> str:
        """The noun in the plural, in the language in use."""
        return _(self.plural) if self.plural else _(f"{self.noun}s")

    def stretch_column(self) -> int:
        return len(self.columns) - 1

    def add_buttons(self, row: QHBoxLayout) -> None:
        """Put the Add buttons in the row under the table."""

    def build_form(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def cells(self, record: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def show_record(self, record: Any) -> None:
        raise NotImplementedError

    def store_record(self, record: Any) -> None:
        """Write the form's valid values into the record."""
        raise NotImplementedError

    def empty_text(self) -> str:
        return _("No {nouns} yet.").format(nouns=self.plural_noun())

    # ---- the list

    def set_records(self, records: list[Any]) -> None:
        """Edit this list (the tender's own) from now on."""
        self.records = records
        self._removed = []
        self.refresh(0 if records else -1)

    def refresh(self, select: int | None = None) -> None:
        row = self.table.currentRow() if select is None else select
        self._loading = True
        try:
            self.table.setRowCount(len(self.records))
            for r, record in enumerate(self.records):
                self._fill_row(r, record)
            self._fit_columns()
            if 0 <= row < len(self.records):
                self.table.setCurrentCell(row, 0)
            else:
                self.table.setCurrentCell(-1, -1)
        finally:
            self._loading = False
        self._show(self.table.currentRow())

    def _fit_columns(self) -> None:
        """Size the narrow columns to their contents, but never so wide that the main column vanishes."""
        for column in range(len(self.columns)):
            if column != self.stretch_column():
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), self.max_column_width))

    def _fill_row(self, row: int, record: Any) -> None:
        for column, text in enumerate(self.cells(record)):
            item = self.table.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(row, column, item)
            item.setText(preview(text))
            item.setToolTip(text if text.strip() else "")  # a cell cut short by its column reads in full

    def current(self) -> Any | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def max_records(self) -> int | None:
        from ...model.limits import MAX_ITEMS

        return MAX_ITEMS.get(self.limit_key) if self.limit_key else None

    def room(self) -> int:
        """How many more records this tender may hold."""
        most = self.max_records()
        return max(0, most - len(self.records)) if most is not None else 1 << 30

    def is_full(self) -> bool:
        most = self.max_records()
        return most is not None and len(self.records) >= most

    def add(self, record: Any) -> None:
        if self.is_full():
            self._update()
            return
        self.records.append(record)
        self.refresh(len(self.records) - 1)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.records):
            return
        self._removed.append((row, self.records.pop(row)))
        self.refresh(min(row, len(self.records) - 1))
        self.changed.emit()

    def undo_remove(self) -> None:
        if not self._removed or self.is_full():
            return
        row, record = self._removed.pop()
        row = min(row, len(self.records))
        self.records.insert(row, record)
        self.refresh(row)
        self.changed.emit()

    # ---- the form

    def _cell_changed(self, row: int, *_args) -> None:
        self._show(row)

    def _show(self, row: int) -> None:
        self._loading = True
        try:
            if 0 <= row < len(self.records):
                self.show_record(self.records[row])
        finally:
            self._loading = False
        self._update()

    def form_edited(self, *_args) -> None:
        """Connect every form input here: the record changes as the manager types."""
        if self._loading:
            return
        row = self.table.currentRow()
        if not 0 <= row < len(self.records):
            return
        self.store_record(self.records[row])
        self._fill_row(row, self.records[row])
        self.changed.emit()

    def _update(self) -> None:
        has_current = self.current() is not None
        self.form_box.setEnabled(has_current)
        self.remove_button.setEnabled(has_current)
        full = self.is_full()
        self.undo_button.setEnabled(bool(self._removed) and not full)
        for index in range(self.buttons.count()):
            item = self.buttons.itemAt(index)
            button = item.widget() if item is not None else None
            if isinstance(button, QPushButton):
                if button.property("room_tip") is None:
                    button.setProperty("room_tip", button.toolTip())  # its own tip, while there is room
                button.setEnabled(not full)
                button.setToolTip(_("A tender can hold at most {limit:,} {nouns}.").format(
                    limit=self.max_records(), nouns=self.plural_noun()) if full else button.property("room_tip"))
        if full:
            self.empty_note.setText(_("This tender holds the most {nouns} one tender can ({limit:,}); remove one to add "
                                      "another.").format(nouns=self.plural_noun(), limit=self.max_records()))
        else:
            self.empty_note.setText(self.empty_text())
        self.empty_note.setVisible(not self.records or full)
