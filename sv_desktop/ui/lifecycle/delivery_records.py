"""Delivery records (policy P238 §4.3, §5.5): the supplier's KPI results per reporting period, rated with
the Procurement Act's performance ratings, and qualitative case studies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...i18n import _
from ...model.date_checks import not_in_future, period_end_after_start, reported_after_period
from ...model.kpi_reminders import reminders_for
from ...model.lifecycle import RATING_NONE, CaseStudy, KpiResult
from ...model.tender import THEMES, Tender
from .. import icons
from ..parsing import format_date
from ..style import make_secondary
from ..widgets.fields import DateField, add_row, text_area
from ..widgets.record_editor import RecordEditor

MAX_TEXT = 100_000


def not_rated() -> str:
    return _("Not rated yet")


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return _("{start} to {end}").format(start=format_date(start), end=format_date(end))
    return _("to {end}").format(end=format_date(end)) if end else _("No dates")


class KpiResultEditor(RecordEditor):
    limit_key = "kpi_results"
    pad_form = True
    max_column_width = 180
    wrap_rows = QFormLayout.RowWrapPolicy.DontWrapRows

    def __init__(self, ratings: list[tuple[str, str]], today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        self.ratings = ratings
        self.today = today
        self.tender: Tender | None = None
        self.columns = (_("KPI"), _("Period"), _("Rating"), _("Result"))
        self.noun = _("result")
        super().__init__(parent)

    def stretch_column(self) -> int:
        return 0

    def add_buttons(self, row: QHBoxLayout) -> None:
        self.add_button = QPushButton(icons.icon("add"), _("Add a &result"))
        self.add_button.setAccessibleName(_("Add a KPI result"))
        self.add_button.setToolTip(_("Adds a result for the earliest report due, when there is one"))
        self.add_button.clicked.connect(self.add_result)
        row.addWidget(self.add_button)

    def build_form(self, form: QFormLayout) -> None:
        self.kpi = QComboBox()
        self.kpi.currentIndexChanged.connect(self.form_edited)
        add_row(form, _("&KPI:"), self.kpi)
        self.period_start = DateField(_("First day of the period"))
        self.period_start.edited.connect(self._recheck_dates)
        self.period_start.edited.connect(self.form_edited)
        add_row(form, _("Period &from:"), self.period_start)
        self.period_end = DateField(_("Last day of the period"))
        self.period_end.add_check(lambda day: period_end_after_start(day, self.period_start.value()))
        self.period_end.edited.connect(self._recheck_dates)
        self.period_end.edited.connect(self.form_edited)
        add_row(form, _("Period &to:"), self.period_end, _("Required: the last day of the reporting period"))
        self.rating = QComboBox()
        self.rating.addItem(not_rated(), RATING_NONE)  # nothing is pre-rated: the manager chooses
        for name, meaning in self.ratings:
            self.rating.addItem(name, name)
            self.rating.setItemData(self.rating.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        self.rating.currentIndexChanged.connect(self.form_edited)
        add_row(form, _("Ratin&g:"), self.rating, _("Procurement Act 2023 contract performance rating"))
        self.meaning = make_secondary(QLabel())
        self.meaning.setWordWrap(True)
        form.addRow("", self.meaning)
        self.result = QLineEdit()
        self.result.setMaxLength(2000)
        self.result.setPlaceholderText(_("The figure or outcome reported, for example 42%"))
        self.result.textEdited.connect(self.form_edited)
        add_row(form, _("Resu&lt:"), self.result)
        self.reported_on = DateField(_("Date reported"))
        self.reported_on.add_check(lambda day: not_in_future(day, self.today(), _("date reported")))
        self.reported_on.add_check(lambda day: reported_after_period(day, self.period_end.value()))
        self.reported_on.edited.connect(self.form_edited)
        add_row(form, _("Reported o&n:"), self.reported_on)
        self.notes = text_area(_("Notes on the result"), "", 100)
        self.notes.textChanged.connect(self.form_edited)
        add_row(form, _("N&otes:"), self.notes)

    def _recheck_dates(self) -> None:
        """The period's dates changed: the dates checked against them are checked again."""
        for field in (self.period_end, self.reported_on):
            if field.text().strip():
                field.revalidate()

    def set_tender(self, tender: Tender) -> None:
        self.tender = tender
        self.set_records(tender.kpi_results)

    def _kpi_names(self, keep: str = "") -> list[str]:
        names = [kpi.name for kpi in (self.tender.kpis if self.tender else []) if kpi.name.strip()]
        return names + [keep] if keep and keep not in names else names

    def add_result(self) -> None:
        due = reminders_for(self.tender, self.today()) if self.tender is not None else []
        if due:
            first = due[0]
            record = KpiResult(kpi=first.kpi, period_start=first.period.start, period_end=first.period.end,
                               rating=RATING_NONE)
        else:
            names = self._kpi_names()
            record = KpiResult(kpi=names[0] if names else "", period_start=None, period_end=None,
                               rating=RATING_NONE)
        record.reported_on = self.today()
        self.add(record)

    def cells(self, record: KpiResult) -> tuple[str, ...]:
        return (record.kpi or _("Choose a KPI"), period_text(record.period_start, record.period_end),
                record.rating or not_rated(),
                record.result)

    def show_record(self, record: KpiResult) -> None:
        self.kpi.clear()
        # A real first entry rather than an empty box: a screen reader names a combo box by its text.
        self.kpi.addItem(_("Choose the KPI it reports on"), "")
        for name in self._kpi_names(record.kpi):
            self.kpi.addItem(name, name)
        self.kpi.setCurrentIndex(max(self.kpi.findData(record.kpi), 0) if record.kpi else 0)
        self.period_start.set_value(record.period_start)
        self.period_end.set_value(record.period_end)
        if self.rating.findData(record.rating) < 0:
            self.rating.addItem(record.rating, record.rating)  # a rating the rules file no longer lists
        self.rating.setCurrentIndex(self.rating.findData(record.rating))
        self.result.setText(record.result)
        self.reported_on.set_value(record.reported_on)
        self.notes.setPlainText(record.notes)
        self._show_meaning()

    def store_record(self, record: KpiResult) -> None:
        if self.kpi.currentData():
            record.kpi = self.kpi.currentData()
        for field, name in ((self.period_start, "period_start"), (self.period_end, "period_end"),
                            (self.reported_on, "reported_on")):
            setattr(record, name, field.value())
        record.rating = self.rating.currentData() or RATING_NONE
        record.result = self.result.text()
        record.notes = self.notes.toPlainText()[:MAX_TEXT]
        self._show_meaning()

    def _show_meaning(self) -> None:
        meanings = dict(self.ratings)
        hint = _("Choose the rating once you have assessed the result; until then it counts as not rated.")
        self.meaning.setText(meanings.get(self.rating.currentData() or "",
                                          "" if self.rating.currentData() else hint))

    def problem(self) -> str | None:
        for field in (self.period_start, self.period_end, self.reported_on):
            if self.current() is not None and not field.is_valid():
                return _("The date is not saved yet: {problem}").format(problem=field.problem())
        for number, record in enumerate(self.records, start=1):
            if not record.kpi.strip():
                return _("KPI result {number}: choose the KPI it reports on.").format(number=number)
            if record.period_end is None:
                return _("KPI result {number} ({kpi}): enter the last day of its reporting period.").format(
                    number=number, kpi=record.kpi)
            if record.period_start and record.period_start > record.period_end:
                return _("KPI result {number} ({kpi}): the period starts after it ends.").format(number=number, kpi=record.kpi)
        return None

    def empty_text(self) -> str:
        return _("No results recorded yet.")


class CaseStudyEditor(RecordEditor):
    limit_key = "case_studies"
    max_column_width = 180
    wrap_rows = QFormLayout.RowWrapPolicy.WrapAllRows

    def __init__(self, theme_labels: dict[str, str], today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        self.theme_labels = theme_labels
        self.today = today
        self.columns = (_("Case study"), _("Theme"), _("Written"))
        self.noun = _("case study")
        self.plural = _("case studies")
        super().__init__(parent)

    def stretch_column(self) -> int:
        return 0

    def add_buttons(self, row: QHBoxLayout) -> None:
        self.add_button = QPushButton(icons.icon("add"), _("Add a case stud&y"))
        self.add_button.setAccessibleName(_("Add a case study"))
        self.add_button.clicked.connect(
            lambda: self.add(CaseStudy(title=_("New case study"), written_on=self.today())))
        row.addWidget(self.add_button)

    def build_form(self, form: QFormLayout) -> None:
        self.title = QLineEdit()
        self.title.setMaxLength(1000)
        self.title.textEdited.connect(self.form_edited)
        add_row(form, _("&Title:"), self.title)
        self.theme = QComboBox()
        self.theme.addItem(_("No particular theme"), None)
        for theme in THEMES:
            self.theme.addItem(self.theme_labels.get(theme, theme), theme)
        self.theme.currentIndexChanged.connect(self.form_edited)
        add_row(form, _("T&heme:"), self.theme)
        self.written_on = DateField(_("Date written"))
        self.written_on.add_check(lambda day: not_in_future(day, self.today(), _("date written")))
        self.written_on.edited.connect(self.form_edited)
        add_row(form, _("&Written on:"), self.written_on)
        self.text = text_area(_("The case study"), _("What happened, for whom, and what difference it made"))
        self.text.textChanged.connect(self.form_edited)
        add_row(form, _("&Case study:"), self.text)

    def cells(self, study: CaseStudy) -> tuple[str, ...]:
        return (study.title, self.theme_labels.get(study.theme or "", ""), format_date(study.written_on))

    def show_record(self, study: CaseStudy) -> None:
        self.title.setText(study.title)
        self.theme.setCurrentIndex(max(self.theme.findData(study.theme), 0))
        self.written_on.set_value(study.written_on)
        self.text.setPlainText(study.text)

    def store_record(self, study: CaseStudy) -> None:
        if self.title.text().strip():
            study.title = self.title.text()
        study.theme = self.theme.currentData()
        study.written_on = self.written_on.value()
        study.text = self.text.toPlainText()[:MAX_TEXT]

    def problem(self) -> str | None:
        if self.current() is not None and not self.written_on.is_valid():
            return _("The date the case study was written is not saved yet: {problem}").format(
                problem=self.written_on.problem())
        return None

    def empty_text(self) -> str:
        return _("No case studies yet: capture what social value delivery looks like in practice.")
