"""The main window's list filter with the lifecycle criteria (stage, category, lead, compliance, dates,
the next 12 months) added to its search box.

Which tenders pass is worked out off the UI thread by `model.pipeline.filter_rows` over a snapshot of the
plain rows; the list then keeps the accepted references in the same Python pass that applies the search
words, so ten thousand rows filter without a stall.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal

from ...model.pipeline import PipelineFilter, filter_rows
from ..tender_table import FilteredTenderModel
from ..worker import Task, run_in_background


class LifecycleFilter(FilteredTenderModel):
    filtered = Signal()
    """The rows shown changed because new criteria (or new rows) were applied."""

    def __init__(self, parent=None, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._criteria = PipelineFilter()
        self._accepted: frozenset[str] | None = None
        self._today = today
        self._task: Task | None = None
        self.busy = False

    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setSourceModel(model)
        model.modelReset.connect(self._rows_changed)

    @property
    def criteria(self) -> PipelineFilter:
        return self._criteria

    def set_criteria(self, criteria: PipelineFilter) -> None:
        """Apply new criteria; the list changes when the background pass is done (`filtered`)."""
        self._criteria = criteria
        self._start()

    def _rows_changed(self) -> None:
        if not self._criteria.is_empty:
            self._start()

    def _start(self) -> None:
        if self._criteria.is_empty:
            self._task = None
            self.busy = False
            self._apply(None)
            return
        rows = tuple(self.sourceModel().summaries())
        criteria, today = self._criteria, self._today()
        self.busy = True
        task = run_in_background(lambda: frozenset(r.reference for r in filter_rows(rows, criteria, today)),
                                 lambda found: self._finished(task, found), self._failed, context=self)
        self._task = task

    def _finished(self, task: Task, accepted: frozenset[str]) -> None:
        if task is not self._task:
            return  # newer criteria are on their way
        self.busy = False
        self._apply(accepted)

    def _failed(self, _error: Exception) -> None:
        self.busy = False
        self._apply(None)  # show everything rather than hide tenders for no reason

    def _apply(self, accepted: frozenset[str] | None) -> None:
        self._accepted = accepted
        self.refilter()
        self.filtered.emit()

    def _filter(self, rows: list[int]) -> list[int]:
        accepted = self._accepted
        if accepted is not None:
            summaries = self.sourceModel().summaries()
            rows = [row for row in rows if summaries[row].reference in accepted]
        return super()._filter(rows)
