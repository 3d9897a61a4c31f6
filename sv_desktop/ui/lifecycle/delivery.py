"""Award and delivery for one tender: the award and renewal requirements, the actual spend per financial
year, KPI results with the reports due, and case studies (policy P238 §4.3, §5.5), in one dialog with a
tab for each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ...i18n import _, ngettext
from ...model.kpi_reminders import reminders_for
from ...model.tender import Tender
from ..parsing import format_date
from ..widgets.scrolling import resize_within_screen
from .award_form import AwardForm
from .delivery_records import CaseStudyEditor, KpiResultEditor
from .dialog_base import TenderDialog
from .spend_form import ActualSpendForm

if TYPE_CHECKING:
    from ...services.contract import UiService

TAB_AWARD, TAB_SPEND, TAB_RESULTS, TAB_CASES = range(4)


def reminder_lines(tender: Tender, today) -> list[str]:
    lines = []
    for reminder in reminders_for(tender, today):
        period = _("{start} to {end}").format(start=format_date(reminder.period.start),
                                              end=format_date(reminder.period.end))
        days, missing = reminder.overdue_days, reminder.missing
        if reminder.is_overdue and missing > 1:
            line = ngettext("{kpi}: the report for {period} is overdue by {days} day ({missing} periods without "
                            "a result).",
                            "{kpi}: the report for {period} is overdue by {days} days ({missing} periods without "
                            "a result).", days)
        elif reminder.is_overdue:
            line = ngettext("{kpi}: the report for {period} is overdue by {days} day.",
                            "{kpi}: the report for {period} is overdue by {days} days.", days)
        elif missing > 1:
            line = ngettext("{kpi}: the report for {period} is due on {date} ({missing} period without a result).",
                            "{kpi}: the report for {period} is due on {date} ({missing} periods without a "
                            "result).", missing)
        else:
            line = _("{kpi}: the report for {period} is due on {date}.")
        lines.append(line.format(kpi=reminder.kpi, period=period, days=days, date=format_date(reminder.due_on),
                                 missing=missing))
    return lines


class DeliveryDialog(TenderDialog):
    def __init__(self, service: UiService, tender: Tender, parent: QWidget | None = None) -> None:
        super().__init__(service, tender, _("Award and delivery"),
                         _("Record who won the contract, the actual spend in each financial year, the supplier's "
                           "KPI results for each reporting period, case studies, and what the next contract "
                           "should require."), parent)
        self.noun = _("award and delivery records")
        self.today = service.today
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Award and delivery"))
        self.award = AwardForm(service.is_local_postcode, today=service.today)
        self.award.load(self.tender)
        self.tabs.addTab(self.award, _("Award and renewal"))

        self.spend = ActualSpendForm()
        self.spend.load(self.tender)
        self.tabs.addTab(self.spend, "")

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
        self.spend.changed.connect(self._spend_changed)
        self.results.changed.connect(self._records_changed)
        self.cases.changed.connect(self._records_changed)
        self._update_due()
        resize_within_screen(self, 1000, 720)

    def _award_changed(self) -> None:
        self.mark_dirty()  # copies the award in: the reporting periods follow the award date and stage
        self.spend.follow(self.tender)  # the years follow the award date when no start date is recorded
        self._update_due()

    def _spend_changed(self) -> None:
        self.mark_dirty()
        self._update_due()

    def _records_changed(self) -> None:
        self.mark_dirty()
        self._update_due()

    def _update_due(self) -> None:
        lines = reminder_lines(self.tender, self.today())
        if lines:
            self.due.setText(_("Reports due:") + "\n" + "\n".join(lines))
        elif not self.tender.kpis:
            self.due.setText(_("This tender has no KPIs; add them in the tender's requirements step."))
        else:
            self.due.setText(_("No KPI report is due in the next two weeks."))
        self.due.setAccessibleName(self.due.text())
        results = len(self.tender.kpi_results)
        if lines:
            tab = ngettext("KPI results ({count}), {due} due", "KPI results ({count}), {due} due", len(lines))
        else:
            tab = _("KPI results ({count})")
        self.tabs.setTabText(TAB_RESULTS, tab.format(count=results, due=len(lines)))
        self.tabs.setTabText(TAB_CASES, _("Case studies ({count})").format(count=len(self.tender.case_studies)))
        recorded, years = self.spend.recorded()
        self.tabs.setTabText(TAB_SPEND, ngettext("Actual spend ({recorded} of {count} year)",
                                                 "Actual spend ({recorded} of {count} years)", years).format(
            recorded=recorded, count=years) if years else _("Actual spend"))

    def show_results(self) -> None:
        self.tabs.setCurrentIndex(TAB_RESULTS)

    def apply(self, tender: Tender) -> str | None:
        self.award.apply(tender)  # an award date or value that cannot be read keeps the one stored
        self.spend.apply(tender)  # so does a year's amount
        return self.award.problem() or self.spend.problem() or self.results.problem() or self.cases.problem()

    def show_tender(self, tender: Tender) -> None:
        self.award.load(tender)
        self.spend.load(tender)
        self.results.set_tender(tender)
        self.cases.set_records(tender.case_studies)
        self._update_due()
