"""Impossible dates in the lifecycle dialogs are caught beside the field, with how to fix them, and are
never saved: an award before the tender notice or after today, a period that ends before it starts, a
result reported before its period ends or in the future, a case study written in the future."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from sv_desktop.ui.lifecycle.delivery import TAB_CASES, TAB_RESULTS, DeliveryDialog

from .conftest import contract, settle_dialog


def open_dialog(qtbot, service, tender):
    dialog = DeliveryDialog(service, tender)
    qtbot.addWidget(dialog, before_close_func=settle_dialog)
    dialog.show()
    return dialog


def retype(qtbot, field, text):
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


def test_an_award_before_the_notice_or_in_the_future_is_caught(qtbot, service, day_clock):
    day_clock.day = dt.date(2026, 11, 25)
    stored = service.create(contract(stage="evaluation"))  # tender notice 01/02/2026
    dialog = open_dialog(qtbot, service, stored)
    awarded_on = dialog.award.awarded_on
    retype(qtbot, awarded_on, "31/01/2026")
    assert "cannot come before the tender notice (01/02/2026)" in awarded_on.problem()
    retype(qtbot, awarded_on, "26/11/2026")
    assert "after today (25/11/2026)" in awarded_on.problem() and awarded_on.message.isVisible()
    assert dialog.save() is False
    assert "award date" in dialog.status.text() and dialog.status.isVisible()
    assert service.get(stored.reference).award.awarded_on is None
    retype(qtbot, awarded_on, "25/11/2026")
    assert awarded_on.is_valid()
    assert dialog.save() is True and not dialog.status.isVisible()
    assert service.get(stored.reference).award.awarded_on == dt.date(2026, 11, 25)


def test_kpi_result_periods_and_report_dates_make_sense(qtbot, service, day_clock):
    day_clock.day = dt.date(2026, 10, 12)
    stored = service.create(contract())
    dialog = open_dialog(qtbot, service, stored)
    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    results = dialog.results
    qtbot.mouseClick(results.add_button, Qt.MouseButton.LeftButton)
    assert results.reported_on.is_valid()  # 12/10/2026, after the period 01/07 to 30/09/2026
    retype(qtbot, results.reported_on, "29/09/2026")
    assert "before its period ends (30/09/2026)" in results.reported_on.problem()
    retype(qtbot, results.reported_on, "13/10/2026")
    assert "after today (12/10/2026)" in results.reported_on.problem()
    retype(qtbot, results.reported_on, "01/10/2026")
    assert results.reported_on.is_valid()
    retype(qtbot, results.period_end, "30/06/2026")
    assert "ends before it starts (01/07/2026)" in results.period_end.problem()
    assert results.current().period_end == dt.date(2026, 9, 30), "the record keeps the period end"
    retype(qtbot, results.period_start, "01/04/2026")  # the manager fixes the start instead
    assert results.period_end.is_valid() and results.current().period_end == dt.date(2026, 6, 30)
    assert dialog.save() is True
    result = service.get(stored.reference).kpi_results[0]
    assert (result.period_start, result.period_end, result.reported_on) == (
        dt.date(2026, 4, 1), dt.date(2026, 6, 30), dt.date(2026, 10, 1))


def test_a_case_study_cannot_be_written_in_the_future(qtbot, service, day_clock):
    day_clock.day = dt.date(2026, 10, 12)
    dialog = open_dialog(qtbot, service, service.create(contract()))
    dialog.tabs.setCurrentIndex(TAB_CASES)
    qtbot.mouseClick(dialog.cases.add_button, Qt.MouseButton.LeftButton)
    retype(qtbot, dialog.cases.written_on, "13/10/2026")
    assert "after today (12/10/2026)" in dialog.cases.written_on.problem()
    assert dialog.cases.current().written_on == dt.date(2026, 10, 12)


def test_a_report_period_that_ends_before_it_starts_is_caught_beside_the_last_day(qtbot, service):
    from sv_desktop.ui.lifecycle.report_dialog import ReportDialog

    dialog = ReportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.end, "01/01/2024")
    assert "ends before it starts (26/11/2024)" in dialog.end.problem() and dialog.end.message.isVisible()
    assert dialog.period() is None
    retype(qtbot, dialog.start, "01/01/2023")
    assert dialog.end.is_valid() and dialog.period() == (dt.date(2023, 1, 1), dt.date(2024, 1, 1))


def test_a_notice_date_filter_that_ends_before_it_starts_is_caught(qtbot):
    from sv_desktop.model.tender import CATEGORIES
    from sv_desktop.ui.lifecycle.filter_bar import FilterBar

    bar = FilterBar({key: key for key in CATEGORIES})
    qtbot.addWidget(bar)
    bar.show()
    retype(qtbot, bar.notice_from, "01/06/2027")
    retype(qtbot, bar.notice_to, "01/05/2027")
    assert "ends before it starts (01/06/2027)" in bar.notice_to.problem()
    assert bar.criteria().notice_to is None
    retype(qtbot, bar.notice_from, "01/04/2027")
    assert bar.notice_to.is_valid() and bar.criteria().notice_to == dt.date(2027, 5, 1)
