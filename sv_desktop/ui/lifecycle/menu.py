"""The lifecycle pieces put into the main window: the filter bar above the list, a Lifecycle menu (roles,
engagement, award and delivery, KPI reports due, compliance report, pipeline export) and a status-bar
button when KPI reports are due.

The main window only creates `LifecycleMenu(window)`; everything here goes through the window's public
parts (its service, model, proxy, table, menu and status bars) and the service's use-cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from ...model.pipeline import lead_names
from ...model.tender import TenderSummary
from ...services.errors import ServiceError
from .. import icons
from ..file_filters import matching_filter
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...services.contract import UiService
    from ..main_window import MainWindow
    from .dialog_base import TenderDialog

from ...i18n import _, ngettext
from ..bids.rows import is_bid_row
from .filter_bar import FilterBar


def pipeline_filters() -> str:
    return _("CSV files") + " (*.csv);;" + _("Excel workbooks") + " (*.xlsx)"


def ask_spreadsheet_path(window: QWidget, service: UiService, caption: str, name: str) -> Path | None:
    """Where to write a pipeline (CSV or Excel, the chosen type's suffix added when none was typed), or None
    when the manager cancels or will not replace the file there."""
    from ..prompts import replace_file_allowed

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(documents or Path.home()) / (name + ".xlsx")
    filters = pipeline_filters()
    chosen, chosen_filter = QFileDialog.getSaveFileName(window, caption, str(suggested), filters,
                                                        matching_filter(filters, suggested))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        path = path.with_name(path.name + (".csv" if "*.csv" in chosen_filter.lower() else ".xlsx"))
    return path if replace_file_allowed(window, service, path, asked_already=True) else None


class LifecycleMenu(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.attached
        assert window.model is not None and window.proxy is not None  # made by attach() first
        self.model, self.proxy = window.model, window.proxy
        self.dialog: QDialog | None = None
        self.reminders: list = []
        labels = {key: guide.label for key, guide in self.service.content.categories.items()}
        self.bar = FilterBar(labels)
        window.table_layout.insertWidget(0, self.bar)
        self._order_tabbing()
        self.bar.changed.connect(self.proxy.set_criteria)
        self.model.modelReset.connect(self._rows_changed)
        self._build_menu()
        self.reminder_button = QPushButton(icons.icon("calendar"), "")
        self.reminder_button.setFlat(True)
        self.reminder_button.hide()
        self.reminder_button.clicked.connect(self.show_reminders)
        window.statusBar().addPermanentWidget(self.reminder_button)
        window.table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.proxy.filtered.connect(self._update_actions)
        self._rows_changed()
        QTimer.singleShot(0, self.check_reminders)

    # ---- construction

    def _action(self, text: str, icon: str, slot, tip: str) -> QAction:
        action = QAction(icons.icon(icon), text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menu(self) -> None:
        self.roles_action = self._action(_("&Roles and checklists…"), "edit", self.open_roles,
                                         _("Name each role and tick its responsibilities for the selected "
                                           "tender"))
        self.engagement_action = self._action(_("Pre-market &engagement…"), "library", self.open_engagement,
                                              _("Record engagement events and the suppliers met"))
        self.evaluation_action = self._action(_("E&valuation of bids…"), "step-done", self.open_evaluation,
                                              _("Bidders, panel, scores, moderation, results and the award"))
        self.delivery_action = self._action(_("&Award and delivery…"), "compliant", self.open_delivery,
                                            _("Record the award, KPI results, case studies and renewal needs"))
        self.reminders_action = self._action(_("KPI reports &due…"), "calendar", self.show_reminders,
                                             _("Contracts whose KPI report is due or overdue"))
        self.report_action = self._action(_("&Compliance report…"), "pdf", self.show_report,
                                          _("The Appendix Two measures as PDF or XLSX"))
        self.pipeline_action = self._action(_("Export &pipeline…"), "export", self.export_pipeline,
                                            _("Save the tenders shown in the list as CSV or XLSX"))
        self.menu = QMenu(_("&Lifecycle"), self.window)
        for item in (self.roles_action, self.engagement_action, self.evaluation_action, self.delivery_action, None,
                     self.reminders_action, None, self.report_action, self.pipeline_action):
            self.menu.addSeparator() if item is None else self.menu.addAction(item)
        bar = self.window.menuBar()
        last = bar.actions()[-1] if bar.actions() else None  # the Help menu stays last
        bar.insertMenu(last, self.menu) if last is not None else bar.addMenu(self.menu)

    def _order_tabbing(self) -> None:
        """The bar joined the window last, so Tab reached it after the list and the status bar. Qt can only
        move widgets that take focus, and the bar's date fields are containers that do not, so the list
        (and what follows it on screen) is moved after the bar instead: search, filters, list, status bar."""
        last = None
        widget = self.bar.nextInFocusChain()
        while widget is not None and widget is not self.bar and self.bar.isAncestorOf(widget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                last = widget
            widget = widget.nextInFocusChain()
        window = self.window
        undo_bar = getattr(window, "undo_bar", None)
        after = (window.table, getattr(window, "empty_new", None), getattr(undo_bar, "button", None))
        order = [widget for widget in (last, *after) if widget is not None]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ---- the list

    def _rows_changed(self) -> None:
        model = self.model
        self.bar.set_leads(lead_names(model.summary(i) for i in range(model.rowCount())))

    def _update_actions(self, *_args) -> None:
        reference = self.window.selected_reference()
        has = reference is not None and not (self.window.bids is not None and self.window.bids.is_bid(reference))
        for action in (self.roles_action, self.engagement_action, self.evaluation_action, self.delivery_action):
            action.setEnabled(has)

    def shown_rows(self) -> list[TenderSummary]:
        """The tenders the list shows now (filters and search applied), in the list's order."""
        proxy, model = self.proxy, self.model
        rows = [model.summary(proxy.mapToSource(proxy.index(row, 0)).row()) for row in range(proxy.rowCount())]
        return [row for row in rows if not is_bid_row(row)]  # the tender pipeline: bids have their own

    # ---- one tender's dialogs

    def _tender(self, reference: str | None):
        """The stored tender, after its wizard (if open) has saved and closed; None if that failed."""
        reference = reference or self.window.selected_reference()
        if reference is None:
            return None
        wizard = self.window.wizard_for(reference)
        if wizard is not None and not wizard.close():
            return None
        try:
            return self.service.get(reference)
        except ServiceError as exc:
            QMessageBox.warning(self.window, _("Cannot open the tender"), str(exc))
            return None

    def _show(self, dialog: TenderDialog) -> QDialog:
        dialog.saved.connect(lambda stored: self._saved(stored.reference))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, reference: str) -> None:
        self.window.refresh(select=reference)
        self.window.statusBar().showMessage(_("Saved {reference}.").format(reference=reference), 8000)
        self.check_reminders()

    def open_roles(self, *_args, reference: str | None = None) -> QDialog | None:
        from .roles import RolesDialog

        tender = self._tender(reference)
        return None if tender is None else self._show(RolesDialog(self.service, tender, self.window))

    def open_engagement(self, *_args, reference: str | None = None) -> QDialog | None:
        from .engagement import EngagementDialog

        tender = self._tender(reference)
        return None if tender is None else self._show(EngagementDialog(self.service, tender, self.window))

    def open_delivery(self, *_args, reference: str | None = None, results: bool = False) -> QDialog | None:
        from .delivery import DeliveryDialog

        tender = self._tender(reference)
        if tender is None:
            return None
        dialog = DeliveryDialog(self.service, tender, self.window)
        if results:
            dialog.show_results()
        return self._show(dialog)

    def open_evaluation(self, *_args, reference: str | None = None) -> QDialog | None:
        from ..evaluation.dialog import EvaluationDialog

        tender = self._tender(reference)
        if tender is None:
            return None
        dialog = EvaluationDialog(self.service, tender.reference, tender.title, self.window)
        dialog.changed.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    # ---- reminders

    def check_reminders(self) -> None:
        """Look for KPI reports due, off the UI thread; the status bar button appears when there are some."""
        run_in_background(self.service.kpi_reminders, self._reminders_found, _reminders_failed, context=self)

    def _reminders_found(self, reminders: list) -> None:
        from .reminders import summary_text

        self.reminders = reminders
        text = summary_text(reminders)
        self.reminder_button.setText(text)
        self.reminder_button.setAccessibleName(_("{text}: show them").format(text=text) if text else "")
        self.reminder_button.setVisible(bool(text))

    def show_reminders(self) -> QDialog:
        from .reminders import RemindersDialog

        dialog = RemindersDialog(self.reminders, self.window)
        dialog.open_delivery.connect(self._open_due)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _open_due(self, reference: str) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.open_delivery(reference=reference, results=True)

    # ---- reports and exports

    def show_report(self) -> QDialog:
        from .report_dialog import ReportDialog

        dialog = ReportDialog(self.service, self.window)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export_pipeline(self) -> Path | None:
        rows = self.shown_rows()
        if not rows:
            QMessageBox.information(self.window, _("Nothing to export"), _("No tender is shown in the list: change "
                                    "the filters or the search to show the tenders to export."))
            return None
        caption = ngettext("Export the {n} tender shown", "Export the {n} tenders shown", len(rows)).format(
            n=len(rows))
        path = ask_spreadsheet_path(self.window, self.service, caption, _("Tender pipeline"))
        if path is None:
            return None
        ordered = sorted(rows, key=lambda r: (r.tender_notice_date is None, r.tender_notice_date, r.reference))
        self.window.statusBar().showMessage(_("Writing {name}…").format(name=path.name))
        run_in_background(lambda: self.service.export_pipeline(path, ordered), self._pipeline_written,
                          self._pipeline_failed, context=self)
        return path

    def _pipeline_written(self, path: Path) -> None:
        self.window.statusBar().showMessage(_("Saved the pipeline as {path}.").format(path=path), 10000)

    def _pipeline_failed(self, error: Exception) -> None:
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, _("Pipeline not exported"), str(error))


def _reminders_failed(error: Exception) -> None:
    """The reminders are a convenience: a failure is logged for the support desk, not shown."""
    from ...logging_setup import log_failure

    log_failure("looking for KPI reports due", error)
