"""Award and delivery for one tender: the award and renewal requirements, KPI results with the reports
due, and case studies (policy P238 §4.3, §5.5), in one dialog with a tab for each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ...model.kpi_reminders import reminders_for
from ...model.tender import Tender
from ..parsing import format_date
from ..widgets.scrolling import resize_within_screen
from .award_form import AwardForm
from .delivery_records import CaseStudyEditor, KpiResultEditor
from .dialog_base import TenderDialog

if TYPE_CHECKING:
    from ...services.contract import UiService

TAB_AWARD, TAB_RESULTS, TAB_CASES = range(3)


def reminder_lines(tender: Tender, today) -> list[str]:
    lines = []
    for reminder in reminders_for(tender, today):
        period = f"{format_date(reminder.period.start)} to {format_date(reminder.period.end)}"
        if reminder.is_overdue:
            when = f"overdue by {reminder.overdue_days} day{'s' if reminder.overdue_days != 1 else ''}"
        else:
            when = f"due on {format_date(reminder.due_on)}"
        more = f" ({reminder.missing} periods without a result)" if reminder.missing > 1 else ""
        lines.append(f"{reminder.kpi}: the report for {period} is {when}{more}.")
    return lines


class DeliveryDialog(TenderDialog):
    noun = "award and delivery records"

    def __init__(self, service: UiService, tender: Tender, parent: QWidget | None = None) -> None:
        super().__init__(service, tender, "Award and delivery",
                         "Record who won the contract, the supplier's KPI results for each reporting period, "
                         "case studies, and what the next contract should require.", parent)
        self.today = service.today
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Award and delivery")
        self.award = AwardForm(service.is_local_postcode, today=service.today)
        self.award.load(self.tender)
        self.tabs.addTab(self.award, "Award and renewal")

        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        self.due = QLabel()
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.PlainText)
        results_layout.addWidget(self.due)
        self.results = KpiResultEditor(service.performance_ratings(), service.today)
        self.results.set_tender(self.tender)
        results_layout.addWidget(self.results, 1)
        self.tabs.addTab(results_page, "")

        labels = {key: theme.label for key, theme in service.content.themes.items()}
        self.cases = CaseStudyEditor(labels, service.today)
        self.cases.set_records(self.tender.case_studies)
        self.tabs.addTab(self.cases, "")
        self.body.addWidget(self.tabs, 1)

        self.award.changed.connect(self._award_changed)
        self.results.changed.connect(self._records_changed)
        self.cases.changed.connect(self._records_changed)
        self._update_due()
        resize_within_screen(self, 1000, 720)

    def _award_changed(self) -> None:
        self.mark_dirty()  # copies the award in: the reporting periods follow the award date and stage
        self._update_due()

    def _records_changed(self) -> None:
        self.mark_dirty()
        self._update_due()

    def _update_due(self) -> None:
        lines = reminder_lines(self.tender, self.today())
        if lines:
            self.due.setText("Reports due:\n" + "\n".join(lines))
        elif not self.tender.kpis:
            self.due.setText("This tender has no KPIs; add them in the tender's requirements step.")
        else:
            self.due.setText("No KPI report is due in the next two weeks.")
        self.due.setAccessibleName(self.due.text())
        self.tabs.setTabText(TAB_RESULTS, f"KPI results ({len(self.tender.kpi_results)})"
                             + (f", {len(lines)} due" if lines else ""))
        self.tabs.setTabText(TAB_CASES, f"Case studies ({len(self.tender.case_studies)})")

    def show_results(self) -> None:
        self.tabs.setCurrentIndex(TAB_RESULTS)

    def apply(self, tender: Tender) -> str | None:
        self.award.apply(tender)  # an award date or value that cannot be read keeps the one stored
        return self.award.problem() or self.results.problem() or self.cases.problem()

    def show_tender(self, tender: Tender) -> None:
        self.award.load(tender)
        self.results.set_tender(tender)
        self.cases.set_records(tender.case_studies)
        self._update_due()
