"""The lifecycle pieces in the main window: the filter bar above the list, the Lifecycle menu and its
dialogs, the KPI-reports-due button, and the pipeline export of the tenders shown."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from sv_desktop.ui.lifecycle.delivery import TAB_RESULTS, DeliveryDialog
from sv_desktop.ui.lifecycle.engagement import EngagementDialog
from sv_desktop.ui.lifecycle.reminders import RemindersDialog
from sv_desktop.ui.lifecycle.report_dialog import ReportDialog
from sv_desktop.ui.lifecycle.roles import RolesDialog
from sv_desktop.ui.main_window import MainWindow
from sv_desktop.ui.worker import wait_for_all

from .conftest import contract, save_as


@pytest.fixture
def window(qtbot, service, day_clock):
    day_clock.day = dt.date(2026, 11, 20)
    service.bulk_create([
        contract("DUE-1"),  # a quarterly KPI from 1 July 2026: the Jul-Sep report is overdue
        contract("PLAN-1", stage="pipeline", tender_notice_date=dt.date(2027, 2, 1), contract_start_date=None),
        contract("PLAN-2", stage="pipeline", tender_notice_date=dt.date(2028, 2, 1), contract_start_date=None,
                 leads={"procurement_lead": "Ben Jones"}),
    ])

    def settle(main):
        dialog = main.lifecycle.dialog
        if dialog is not None and hasattr(dialog, "dirty"):
            dialog.dirty = False

    main = MainWindow(service)
    qtbot.addWidget(main, before_close_func=settle)
    main.resize(1366, 768)
    main.show()
    qtbot.waitUntil(lambda: main.lifecycle.reminder_button.isVisible(), timeout=10_000)
    return main


def shown_references(main) -> list[str]:
    return sorted(row.reference for row in main.lifecycle.shown_rows())


def test_the_filter_bar_sits_above_the_list_and_filters_it(qtbot, window):
    bar = window.lifecycle.bar
    assert bar.isVisible()
    assert bar.mapTo(window, bar.rect().bottomLeft()).y() <= window.table.mapTo(window, window.table.rect().topLeft()).y()
    assert [bar.lead.itemText(i) for i in range(bar.lead.count())] == ["Any", "No lead named", "Ben Jones", "Priya Patel"]
    with qtbot.waitSignal(window.proxy.filtered):
        bar.stage.setCurrentIndex(bar.stage.findData("pipeline"))
    assert shown_references(window) == ["PLAN-1", "PLAN-2"]
    assert window.count_label.text() == "2 of 3 tenders shown"
    with qtbot.waitSignal(window.proxy.filtered):
        bar.next_months.click()
    assert shown_references(window) == ["PLAN-1"]
    with qtbot.waitSignal(window.proxy.filtered):
        bar.lead.setCurrentIndex(bar.lead.findData("Ben Jones"))
    assert shown_references(window) == []
    assert window.no_match.text() == "No tender matches the filters. Clear the filters to see all 3 tenders."
    with qtbot.waitSignal(window.proxy.filtered):
        bar.clear_button.click()
    assert window.count_label.text() == "3 tenders" and not window.no_match.isVisible()


def test_the_lifecycle_menu_opens_each_dialog_for_the_selected_tender(qtbot, window, service):
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Tools", "&Lifecycle", "&Help"]
    window.select("PLAN-1")
    tools = window.lifecycle
    for action, kind in ((tools.roles_action, RolesDialog), (tools.engagement_action, EngagementDialog),
                         (tools.delivery_action, DeliveryDialog)):
        action.trigger()
        assert isinstance(tools.dialog, kind) and tools.dialog.tender.reference == "PLAN-1"
        tools.dialog.reject()
    tools.report_action.trigger()
    assert isinstance(tools.dialog, ReportDialog)
    qtbot.waitUntil(lambda: tools.dialog.table.rowCount() > 0, timeout=10_000)
    tools.dialog.accept()


def test_saving_a_dialog_refreshes_the_list(qtbot, window, service):
    window.select("PLAN-1")
    window.lifecycle.delivery_action.trigger()
    dialog = window.lifecycle.dialog
    dialog.award.stage.setCurrentIndex(dialog.award.stage.findData("itt"))
    with qtbot.waitSignal(dialog.saved):
        pass  # saved as soon as the manager pauses
    row = window.model.summary(window.model.row_of("PLAN-1"))
    assert row.stage == "itt" and window.selected_reference() == "PLAN-1"


def test_an_open_tender_window_saves_and_closes_first(qtbot, window, service):
    window.select("PLAN-2")
    wizard = window.open_wizard(service.get("PLAN-2"))
    wizard.autosaver.timer.stop()
    wizard.check_timer.stop()
    window.lifecycle.roles_action.trigger()
    assert wizard not in window.wizards
    assert isinstance(window.lifecycle.dialog, RolesDialog)
    window.lifecycle.dialog.reject()


def test_kpi_reports_due_button_leads_to_the_results(qtbot, window):
    button = window.lifecycle.reminder_button
    assert button.text() == "1 KPI report due (1 overdue)"
    assert button.accessibleName() == "1 KPI report due (1 overdue): show them"
    button.click()
    reminders = window.lifecycle.dialog
    assert isinstance(reminders, RemindersDialog) and reminders.table.rowCount() == 1
    reminders.open_button.click()
    delivery = window.lifecycle.dialog
    assert isinstance(delivery, DeliveryDialog) and delivery.tender.reference == "DUE-1"
    assert delivery.tabs.currentIndex() == TAB_RESULTS
    delivery.results.add_result()
    with qtbot.waitSignal(delivery.saved):
        pass
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=10_000)


def test_export_the_tenders_shown_as_csv(qtbot, window, monkeypatch, tmp_path):
    bar = window.lifecycle.bar
    with qtbot.waitSignal(window.proxy.filtered):
        bar.stage.setCurrentIndex(bar.stage.findData("pipeline"))
    asked = save_as(monkeypatch, tmp_path / "pipeline", "CSV files (*.csv)")
    path = window.lifecycle.export_pipeline()
    assert path == tmp_path / "pipeline.csv" and asked == ["Export the 2 tenders shown"]
    wait_for_all()
    qtbot.waitUntil(lambda: "Saved the pipeline" in window.statusBar().currentMessage(), timeout=10_000)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert [row["Reference"] for row in csv.DictReader(handle)] == ["PLAN-1", "PLAN-2"]


def test_everything_new_in_the_window_is_named(qtbot, window):
    QApplication.processEvents()
    bar = window.lifecycle.bar
    widget, seen, named = bar.stage, set(), 0
    while widget is not None and widget not in seen:
        seen.add(widget)
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled()
        if tabbable and bar.isAncestorOf(widget):
            interface = QAccessible.queryAccessibleInterface(widget)
            assert interface.text(QAccessible.Text.Name).strip(), widget
            named += 1
        widget = widget.nextInFocusChain()
    assert named >= 8  # four lists, two dates and their calendars, the 12-month toggle
