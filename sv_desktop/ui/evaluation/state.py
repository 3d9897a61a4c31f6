"""What the evaluation screens show, read in one go off the UI thread, and the line a tab shows its refusals in.

`load_state` reads the tender, its evaluation and everything worked out from it through the service; a
refusal (the weights do not add up to the published weight, the summaries cannot be issued yet) is kept as
its sentence, to be shown whole beside the button it concerns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem

from ...model.evaluation import BidderResult, Evaluation
from ...model.standstill import Standstill
from ...model.tender import Tender
from ...services.errors import ServiceError

if TYPE_CHECKING:
    from ...services.contract import UiService


@dataclass
class EvaluationState:
    tender: Tender
    evaluation: Evaluation | None = None
    results: list[BidderResult] = field(default_factory=list)
    results_problem: str = ""
    standstill: Standstill | None = None
    kept_until: dt.date | None = None
    summary_problem: str = ""

    @property
    def status(self) -> str:
        return "" if self.evaluation is None else self.evaluation.status


def load_state(service: UiService, reference: str) -> EvaluationState:
    """Everything the four tabs show (runs in the background)."""
    state = EvaluationState(service.get(reference), service.get_evaluation(reference))
    if state.evaluation is None:
        return state
    try:
        state.results = service.evaluation_results(reference)
    except ServiceError as exc:
        state.results_problem = str(exc)
    state.standstill = service.standstill(reference)
    state.kept_until = service.records_kept_until(reference)
    try:
        state.summary_problem = service.assessment_summary_problem(reference)
    except ServiceError as exc:
        state.summary_problem = str(exc)
    return state


def wrapped_label(text: str = "") -> QLabel:
    """A label of plain text (it may repeat names the manager typed) that wraps rather than widens the tab."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message_line() -> QLabel:
    """A tab's line for what was just done or refused: the whole sentence, wrapped, never cut short."""
    label = wrapped_label()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setAccessibleName(text)
    label.setVisible(bool(text))


def read_only_table(name: str, headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(headings)
    table.setAccessibleName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the next field; arrows move inside it
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def cell(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(tip or text)  # a cell cut short still shows its whole text
    return item


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    """Replace the table's rows, keeping the selected row where there still is one."""
    current = table.currentRow()
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, cell(value))
    table.resizeColumnsToContents()
    if 0 <= current < len(rows):
        table.selectRow(current)
