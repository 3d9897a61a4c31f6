"""KPI reports due: a list of every contract in delivery whose KPI report is due within two weeks or
overdue (policy P238 §5.5), from which the manager opens the contract's award and delivery records.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...model.kpi_reminders import KpiReminder
from .. import icons
from ..parsing import format_date
from ..style import make_heading, make_secondary
from ..widgets.scrolling import resize_within_screen


def headers() -> list[str]:
    return [_("Reference"), _("Contract"), _("KPI"), _("Reporting period"), _("Due"), _("Status")]


def status_text(reminder: KpiReminder) -> str:
    if reminder.is_overdue:
        days = reminder.overdue_days
        text = ngettext("Overdue by {n} day", "Overdue by {n} days", days).format(n=days)
    else:
        text = _("Due soon")
    if reminder.missing > 1:
        return _("{status}; {n} periods missing").format(status=text, n=reminder.missing)
    return text


def summary_text(reminders: list[KpiReminder]) -> str:
    """"3 KPI reports due (1 overdue)" for the status bar; "" when none."""
    if not reminders:
        return ""
    overdue = sum(r.is_overdue for r in reminders)
    if overdue:
        return ngettext("{n} KPI report due ({overdue} overdue)", "{n} KPI reports due ({overdue} overdue)",
                        len(reminders)).format(n=len(reminders), overdue=overdue)
    return ngettext("{n} KPI report due", "{n} KPI reports due", len(reminders)).format(n=len(reminders))


class RemindersDialog(QDialog):
    open_delivery = Signal(str)
    """The reference whose award and delivery records the manager wants to open."""

    def __init__(self, reminders: list[KpiReminder], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminders = reminders
        self.setWindowTitle(_("KPI reports due"))
        self.setWindowIcon(icons.icon("calendar"))
        layout = QVBoxLayout(self)
        layout.addWidget(make_heading(QLabel(_("KPI reports due"))))
        note = make_secondary(QLabel(
            _("Contracts in delivery whose KPI report is due in the next two weeks or overdue. A report falls due on "
            "the last day of its reporting period; record the result in the contract's award and delivery "
            "records to clear it.")))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(len(reminders), 6)
        self.table.setHorizontalHeaderLabels(headers())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("KPI reports due"))
        for row, reminder in enumerate(reminders):
            cells = (reminder.reference, " ".join(reminder.title.split())[:120], reminder.kpi,
                     _("{start} to {end}").format(start=format_date(reminder.period.start),
                                                  end=format_date(reminder.period.end)),
                     format_date(reminder.due_on), status_text(reminder))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, reminder.reference)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = make_secondary(QLabel(_("No KPI report is due in the next two weeks, and none is "
                                             "overdue.")))
        self.empty.setVisible(not reminders)
        layout.addWidget(self.empty)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(icons.icon("open"), _("&Open award and delivery…"))
        self.open_button.setAccessibleName(_("Open the award and delivery records of the selected contract"))
        self.close_button = QPushButton(_("&Close"))
        self.close_button.setAccessibleName(_("Close the list"))
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._open)
        self.close_button.clicked.connect(self.accept)
        self.table.doubleClicked.connect(self._open)
        self.table.itemSelectionChanged.connect(self._update)
        if reminders:
            self.table.selectRow(0)
        self._update()
        resize_within_screen(self, 960, 420)

    def selected_reference(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _update(self) -> None:
        self.open_button.setEnabled(self.selected_reference() is not None)

    def _open(self, *_args) -> None:
        reference = self.selected_reference()
        if reference is not None:
            self.open_delivery.emit(reference)
