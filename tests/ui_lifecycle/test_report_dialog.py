"""The compliance report dialog: two years to today by default, figures worked out in the background,
PDF and XLSX written where the manager chooses, and a wrong period explained."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader

from sv_desktop.model.lifecycle import Award, Supplier
from sv_desktop.ui.lifecycle.reminders import RemindersDialog, summary_text
from sv_desktop.ui.lifecycle.report_dialog import ReportDialog

from .conftest import answer, contract, save_as


def filled(service):
    service.bulk_create([
        contract("R-1", award=Award(Supplier("Local Ltd", "LE1 1AA", sme=True), dt.date(2025, 6, 1),
                                    Decimal(400_000))),
        contract("R-2", social_value_weighting_pct=Decimal(5), themes=[], stage="itt",
                 tender_notice_date=dt.date(2026, 1, 1)),
    ])


def open_dialog(qtbot, service):
    dialog = ReportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10_000)
    return dialog


def test_the_default_period_and_the_figures(qtbot, service):
    filled(service)
    dialog = open_dialog(qtbot, service)
    assert (dialog.start.text(), dialog.end.text()) == ("26/11/2024", "25/11/2026")
    figures = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert figures["Contracts counted"] == "2"
    assert figures["With a social value weighting of at least 10%"] == "1 of 2 (50.0%)"
    # spend inside the period: R-1 runs 24 months from 1 July 2026, so July to October and 25 of November's
    # 30 days of its £400,000 fall inside: 4 5/6 x £400,000 / 24, all of it with a local supplier
    assert figures["Spend in the period (excluding VAT)"] == "£80,555.56 (1 contract)"
    assert figures["Spend with local suppliers"] == "£80,555.56 (100.0%)"
    assert "26 November 2024 to 25 November 2026" in dialog.status.text()


def test_export_pdf_and_xlsx_where_chosen(qtbot, service, monkeypatch, tmp_path):
    filled(service)
    dialog = open_dialog(qtbot, service)
    asked = save_as(monkeypatch, tmp_path / "committee")  # the suffix is added
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: dialog.last_path is not None, timeout=20_000)
    assert dialog.last_path == tmp_path / "committee.pdf"
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(dialog.last_path).pages]
    assert "26 November 2024 to 25 November 2026" in pages[0]  # the cover
    assert "1 of 2 (50.0%)" in next(page for page in pages if "1 Summary" in page)
    assert asked == ["Export the report for the committee"]

    save_as(monkeypatch, tmp_path / "analysts.xlsx")
    dialog.xlsx_button.click()
    qtbot.waitUntil(lambda: dialog.last_path == tmp_path / "analysts.xlsx", timeout=20_000)
    assert load_workbook(dialog.last_path)["Summary"]["A1"].value.startswith("Social value compliance report")
    assert dialog.status.text() == f"Saved the report as {tmp_path / 'analysts.xlsx'}."


def test_a_wrong_period_is_explained_and_nothing_runs(qtbot, service, monkeypatch, tmp_path):
    dialog = open_dialog(qtbot, service)
    dialog.start.edit.setText("01/01/2027")
    dialog.start._on_edited(dialog.start.edit.text())
    assert "The period ends before it starts (01/01/2027)" in dialog.status.text()
    assert dialog.end.message.isVisible() and "is kept" not in dialog.end.problem()
    assert not dialog.pdf_button.isEnabled() and not dialog.xlsx_button.isEnabled()
    assert dialog.table.rowCount() == 0


def test_a_failed_export_is_a_plain_message(qtbot, service, monkeypatch, tmp_path):
    dialog = open_dialog(qtbot, service)
    save_as(monkeypatch, tmp_path / "missing folder" / "report.pdf")
    shown = answer(monkeypatch, "warning")
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "does not exist" in shown[0]
    assert dialog.pdf_button.isEnabled()


def test_the_reminders_list_opens_a_contract(qtbot, service, day_clock):
    service.bulk_create([contract("DUE-1"), contract("DUE-2", contract_start_date=dt.date(2026, 9, 1))])
    day_clock.day = dt.date(2026, 11, 20)
    reminders = service.kpi_reminders()
    assert [(r.reference, r.is_overdue) for r in reminders] == [("DUE-1", True), ("DUE-2", False)]
    assert summary_text(reminders) == "2 KPI reports due (1 overdue)"
    dialog = RemindersDialog(reminders)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.item(0, 5).text() == "Overdue by 51 days"
    assert dialog.table.item(1, 5).text() == "Due soon"
    dialog.table.selectRow(1)
    with qtbot.waitSignal(dialog.open_delivery) as opened:
        dialog.open_button.click()
    assert opened.args == ["DUE-2"]


def test_figures_for_a_period_since_changed_are_not_shown(qtbot, service):
    filled(service)
    dialog = open_dialog(qtbot, service)
    stale = service.compliance_report(dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    dialog.start.set_value(dt.date(2025, 1, 1))
    dialog.start.edited.emit()  # as when the manager types a new first day
    shown = dialog.status.text()
    rows = dialog.table.rowCount()
    dialog._shown(stale)  # what a background task started before the change would deliver
    assert dialog.status.text() == shown and dialog.table.rowCount() == rows == 0 and dialog.report is None
