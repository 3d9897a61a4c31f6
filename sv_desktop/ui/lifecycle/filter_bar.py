"""The filter bar above the tender list: stage, category, procurement lead, policy check, tender notice
dates and a "Next 12 months" toggle (the Procurement Lead's pipeline, P238 §4.1).

It only builds a `PipelineFilter` from what is chosen; the list applies it (`LifecycleFilter`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSizePolicy, QWidget

from ...i18n import _
from ...model.date_checks import period_end_after_start
from ...model.pipeline import COMPLIANCE_STATES, PIPELINE_MONTHS, PipelineFilter, next_months_window
from ...model.tender import STAGES
from .. import icons
from ..labels import stage_labels
from ..widgets.fields import DateField
from .flow_layout import FlowLayout, keep_together

NO_LEAD = "\x00none"


def compliance_labels() -> dict[str, str]:
    return {"compliant": _("Compliant"), "not_compliant": _("Not compliant"), "not_checked": _("Not checked")}


def _combo(name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, data in items:
        combo.addItem(text, data)
    # Long category and lead names must not widen the window; the open list still shows them in full.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(9)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return combo


class FilterBar(QWidget):
    changed = Signal(object)
    """The new PipelineFilter, whenever the manager changes a choice."""

    def __init__(self, category_labels: dict[str, str], parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._today = today
        self.setAccessibleName(_("Filter the tenders"))
        layout = FlowLayout(self, spacing=10)
        self._quiet = False

        any_ = _("Any")
        self.stage = _combo(_("Stage"), [(any_, None), *((stage_labels().get(s, s), s) for s in STAGES)])
        self.category = _combo(_("Category"), [(any_, None),
                                               *((label, key) for key, label in category_labels.items())])
        self.lead = _combo(_("Procurement lead"), [(any_, None)])
        compliance = compliance_labels()
        self.compliance = _combo(_("Policy check"), [(any_, None), *((compliance[s], s) for s in COMPLIANCE_STATES)])
        self.notice_from = DateField(_("Tender notice from"))
        self.notice_to = DateField(_("Tender notice to"))
        self.notice_to.add_check(lambda day: period_end_after_start(day, self.notice_from.value()))
        for field in (self.notice_from, self.notice_to):
            field.announce_kept = False  # a filter, not a stored value
        self.next_months = QPushButton(icons.icon("calendar"), _("Next &{months} months").format(
            months=PIPELINE_MONTHS))
        self.next_months.setCheckable(True)
        self.next_months.setAccessibleName(_("Show only tenders with a notice date in the next {months} "
                                             "months").format(months=PIPELINE_MONTHS))
        self.next_months.setToolTip(_("The pipeline: tenders whose notice date is in the next {months} "
                                      "months, from today").format(months=PIPELINE_MONTHS))
        self.clear_button = QPushButton(icons.icon("close"), _("Clear filte&rs"))
        self.clear_button.setAccessibleName(_("Clear the filters"))

        # Mnemonics chosen not to clash with the main window's menus and toolbar.
        for text, widget in ((_("Sta&ge:"), self.stage), (_("Categor&y:"), self.category), (_("L&ead:"), self.lead),
                             (_("Chec&k:"), self.compliance), (_("Notice &between:"), self.notice_from),
                             (_("&and:"), self.notice_to)):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(keep_together(label, widget))
        date_width = self.fontMetrics().horizontalAdvance("dd/mm/yyyy") + 18
        for field, name in ((self.notice_from, _("Tender notice from")), (self.notice_to, _("Tender notice to"))):
            field.edit.setAccessibleName(name)
            field.edit.setFixedWidth(date_width)
            field.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(keep_together(self.next_months, self.clear_button))

        for combo in (self.stage, self.category, self.lead, self.compliance):
            combo.currentIndexChanged.connect(self._emit)
        self.notice_from.edited.connect(self.notice_to.revalidate)
        self.notice_from.edited.connect(self._dates_edited)
        self.notice_to.edited.connect(self._dates_edited)
        self.next_months.toggled.connect(self._next_months_toggled)
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setEnabled(False)

    # ---- choices

    def set_leads(self, names: list[str]) -> None:
        """Offer these procurement leads (keeping the one chosen, if it is still there)."""
        chosen = self.lead.currentData()
        self._quiet = True
        try:
            self.lead.clear()
            self.lead.addItem(_("Any"), None)
            self.lead.addItem(_("No lead named"), NO_LEAD)
            for name in names:
                self.lead.addItem(name, name)
            index = self.lead.findData(chosen)
            self.lead.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False
        if chosen is not None and self.lead.currentData() != chosen:
            self._emit()

    def criteria(self) -> PipelineFilter:
        stage = self.stage.currentData()
        lead = self.lead.currentData()
        return PipelineFilter(
            stages=frozenset({stage}) if stage else frozenset(),
            category=self.category.currentData(),
            lead="" if lead == NO_LEAD else lead,
            compliance=self.compliance.currentData(),
            notice_from=self.notice_from.value() if self.notice_from.is_valid() else None,
            notice_to=self.notice_to.value() if self.notice_to.is_valid() else None,
            next_months=PIPELINE_MONTHS if self.next_months.isChecked() else None,
        )

    def clear(self) -> None:
        self._quiet = True
        try:
            for combo in (self.stage, self.category, self.lead, self.compliance):
                combo.setCurrentIndex(0)
            self.notice_from.set_value(None)
            self.notice_to.set_value(None)
            self.next_months.setChecked(False)
        finally:
            self._quiet = False
        self._emit()

    def describe(self) -> str:
        """The active filters in words, for the status bar ("" when none)."""
        parts = [_("{filter} {choice}").format(filter=label, choice=combo.currentText()) for label, combo in (
            (_("stage"), self.stage), (_("category"), self.category), (_("lead"), self.lead),
            (_("check"), self.compliance)) if combo.currentData() is not None]
        criteria = self.criteria()
        if (criteria.notice_from or criteria.notice_to) and not criteria.next_months:
            parts.append(_("notice dates {start} to {end}").format(
                start=self.notice_from.text() or _("any"), end=self.notice_to.text() or _("any")))
        if criteria.next_months:
            parts.append(_("next {next_months} months").format(next_months=criteria.next_months))
        return ", ".join(parts)

    def _next_months_toggled(self, on: bool) -> None:
        """The toggle shows the dates it filters on in the date boxes; off, it takes them away again."""
        start, end = next_months_window(self._today(), PIPELINE_MONTHS)
        self._quiet = True
        try:
            if on:
                self.notice_from.set_value(start)
                self.notice_to.set_value(end)
            elif (self.notice_from.value(), self.notice_to.value()) == (start, end):
                self.notice_from.set_value(None)
                self.notice_to.set_value(None)
        finally:
            self._quiet = False
        self._emit()

    def _dates_edited(self, *_args) -> None:
        """Dates typed by hand replace the "Next 12 months" window."""
        if self.next_months.isChecked():
            blocked = self.next_months.blockSignals(True)
            self.next_months.setChecked(False)
            self.next_months.blockSignals(blocked)
        self._emit()

    def _emit(self, *_args) -> None:
        if not self._quiet:
            self.clear_button.setEnabled(not self.criteria().is_empty)
            self.changed.emit(self.criteria())
