"""The compliance report dialog: choose the period (two years to today unless changed), see the figures
with the same words as the PDF's summary and how they were counted (the PDF's own sentences), and export
them as PDF for the committee or XLSX for analysts. The figures and the files are worked out off the UI
thread.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.compliance import ComplianceReport, default_period
from ...model.date_checks import period_end_after_start
from ...services.errors import ServiceError
from .. import icons
from ..parsing import format_date
from ..style import make_heading, make_secondary
from ..widgets.fields import DateField, add_row
from ..widgets.scrolling import fit_to_screen
from ..worker import Task, run_in_background

if TYPE_CHECKING:
    from ...services.contract import UiService

def kinds() -> dict[str, tuple[str, str, str]]:
    """(file filter, suffix, dialog caption) of each kind of report file."""
    return {
        "pdf": (_("PDF documents") + " (*.pdf)", ".pdf", _("Export the report for the committee")),
        "xlsx": (_("Excel workbooks") + " (*.xlsx)", ".xlsx", _("Export the report for analysts")),
    }


class ReportDialog(QDialog):
    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.report: ComplianceReport | None = None
        self._task: Task | None = None
        self._asked: tuple[dt.date, dt.date] | None = None
        self.last_path: Path | None = None
        self.setWindowTitle(_("Social value compliance report"))
        self.setWindowIcon(icons.icon("pdf"))
        layout = QVBoxLayout(self)
        layout.addWidget(make_heading(QLabel(_("Social value compliance report"))))
        intro = QLabel(_("The two measures the Trust reports to its Sustainability Programme Group and Finance & "
                       "Performance Committee every two years: contracts with at least 10% social value "
                       "weighting, and the percentage and value of spend with local suppliers, SMEs and VCSEs. "
                       "A contract counts in the period its award date falls in; one not yet awarded, by its "
                       "tender notice date. Both days are included."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        start, end = default_period(service.today())
        self.start = DateField(_("First day of the period"))
        self.start.set_value(start)
        self.end = DateField(_("Last day of the period"))
        self.end.set_value(end)
        self.end.add_check(lambda day: period_end_after_start(day, self.start.value()))
        for field in (self.start, self.end):
            field.announce_kept = False  # a period to report on, not a stored value
        add_row(form, _("&From:"), self.start, _("First day of the reporting period, included"))
        add_row(form, _("&To:"), self.end, _("Last day of the reporting period, included"))
        layout.addLayout(form)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Measure"), _("This period"), _("Previous period")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(_("The compliance measures"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the area below scrolls
        self.explain = QLabel()  # the same sentences as the PDF's "How the figures are worked out"
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explain.setAccessibleName(_("How the figures are counted"))
        # The figures and how they were counted scroll together, so neither is squeezed on a small screen.
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.table)
        results_layout.addWidget(self.explain)
        results_layout.addStretch(1)
        self.results_area = QScrollArea()
        self.results_area.setWidgetResizable(True)
        self.results_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.results_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the table; the area follows
        self.results_area.setWidget(results)
        layout.addWidget(self.results_area, 1)
        self.status = make_secondary(QLabel())
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(icons.icon("reload"), _("&Work out the figures"))
        self.refresh_button.setAccessibleName(_("Work out the figures for the period"))
        self.pdf_button = QPushButton(icons.icon("pdf"), _("Export &PDF for the committee…"))
        self.pdf_button.setAccessibleName(_("Export the report as PDF for the committee"))
        self.xlsx_button = QPushButton(icons.icon("export"), _("Export &XLSX for analysts…"))
        self.xlsx_button.setAccessibleName(_("Export the report as an Excel workbook for analysts"))
        self.close_button = QPushButton(_("&Close"))
        self.close_button.setAccessibleName(_("Close the report"))
        for button in (self.refresh_button, self.pdf_button, self.xlsx_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.close_button.clicked.connect(self.accept)
        self.start.edited.connect(self.end.revalidate)
        self.start.edited.connect(self._period_edited)
        self.end.edited.connect(self._period_edited)
        self.resize(860, 680)
        fit_to_screen(self)
        self.refresh()

    # ---- the period

    def period(self) -> tuple[dt.date, dt.date] | None:
        """The chosen period, or None (with the reason shown) when it cannot be used."""
        for field in (self.start, self.end):
            if not field.is_valid() or field.value() is None:
                self.status.setText(field.problem() or _("Enter both the first and the last day of the "
                                                         "period."))
                return None
        return self.start.value(), self.end.value()

    def _fields_period(self) -> tuple[dt.date, dt.date] | None:
        if self.start.is_valid() and self.end.is_valid() and self.start.value() and self.end.value():
            return self.start.value(), self.end.value()
        return None

    def _period_edited(self) -> None:
        self.report = None
        self._asked = None  # figures still being worked out are for the period as it was: not shown
        self.table.setRowCount(0)
        self.explain.clear()
        self._set_busy(False)
        self.status.setText(_("Press Work out the figures (Alt+W) to see the figures for this period.")
                            if self.period() else self.status.text())

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.period() is not None
        self.refresh_button.setEnabled(not busy)
        self.pdf_button.setEnabled(ready)
        self.xlsx_button.setEnabled(ready)

    # ---- figures

    def refresh(self) -> None:
        period = self.period()
        if period is None:
            return
        self._set_busy(True)
        self._asked = period
        self.status.setText(_("Working out the figures for {start} to {end}…").format(
            start=format_date(period[0]), end=format_date(period[1])))
        self._task = run_in_background(lambda: self.service.compliance_report(*period),
                                       lambda report: self._shown(report, period), self._failed, context=self)

    def _shown(self, report: ComplianceReport, asked: tuple[dt.date, dt.date] | None = None) -> None:
        if self._asked != self._fields_period() or (asked is not None and asked != self._asked):
            self._set_busy(False)
            return  # the period was changed while these figures were worked out: they are for another one
        self.report = report
        service = self.service
        now = dict(service.report_measures(report.current))
        before = dict(service.report_measures(report.previous))
        notes = service.report_measure_notes()
        self.table.setRowCount(len(now))
        for row, (measure, figure) in enumerate(now.items()):
            for column, text in enumerate((measure, figure, before[measure])):
                item = QTableWidgetItem(text)
                item.setToolTip(notes.get(measure, ""))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fit_table()
        self.explain.setText("\n".join(f"\u2022 {note}" for note in service.report_method_notes(report)))
        self._set_busy(False)
        self.status.setText(_("{current}, compared with {previous}. Local postcode areas: {areas}.").format(
            current=service.report_period_text(report.current), previous=service.report_period_text(report.previous),
            areas=", ".join(report.local_areas) or _("none set")))

    def _fit_table(self) -> None:
        """As tall as its rows: the table shows every measure without a scroll bar of its own."""
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        message = str(error) if isinstance(error, ServiceError) else _("The report could not be made: {error}").format(error=error)
        self.status.setText(message)
        QMessageBox.warning(self, _("No report"), message)

    # ---- files

    def choose_file(self, kind: str, period: tuple[dt.date, dt.date]) -> Path | None:
        file_filter, suffix, caption = kinds()[kind]
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = self.last_path.parent if self.last_path else Path(documents or Path.home())
        name = _("Social value compliance report {start} to {end}").format(
            start=f"{period[0]:%Y-%m-%d}", end=f"{period[1]:%Y-%m-%d}") + suffix
        chosen, _chosen_filter = QFileDialog.getSaveFileName(self, caption, str(folder / name), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export(self, kind: str) -> None:
        period = self.period()
        if period is None:
            return
        path = self.choose_file(kind, period)
        if path is None:
            return
        from ..prompts import replace_file_allowed

        if not replace_file_allowed(self, self.service, path, asked_already=True):
            return
        self._set_busy(True)
        self.status.setText(_("Writing {name}…").format(name=path.name))
        self._task = run_in_background(lambda: self.service.export_report(*period, path), self._written,
                                       self._failed, context=self)

    def _written(self, path: Path) -> None:
        self.last_path = Path(path)
        self._set_busy(False)
        self.status.setText(_("Saved the report as {path}.").format(path=path))
