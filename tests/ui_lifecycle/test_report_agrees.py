"""The compliance report on screen says what the PDF and the XLSX say: the same figures for the same period,
read back from the real files, and the same explanation of what was counted; its default period shows the
worked examples' figures, not zeros."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import load_workbook
from pypdf import PdfReader

from sv_desktop.demo import load_demo
from sv_desktop.model.lifecycle import Award, Supplier
from sv_desktop.ui.lifecycle.report_dialog import ReportDialog

from .conftest import contract, save_as


def open_dialog(qtbot, service):
    dialog = ReportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10_000)
    return dialog


def shown(dialog) -> dict[str, tuple[str, str]]:
    table = dialog.table
    return {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_default_period_shows_the_worked_examples_and_explains_the_count(qtbot, service):
    load_demo(service)
    dialog = open_dialog(qtbot, service)
    assert (dialog.start.text(), dialog.end.text()) == ("26/11/2024", "25/11/2026")
    figures = shown(dialog)
    assert figures["Contracts counted"] == ("2", "0")
    assert figures["With a social value weighting of at least 10%"][0] == "2 of 2 (100.0%)"
    # Spend is the part of each contract's value inside the period: of the two awarded examples only the
    # laundry contract (local, an SME) runs in it yet, so all the spend is local and with SMEs.
    assert figures["Spend in the period (excluding VAT)"][0] == "£678,986.11 (1 contract)"
    assert figures["Spend with local suppliers"][0] == "£678,986.11 (100.0%)"
    assert figures["Spend with SMEs"][0] == "£678,986.11 (100.0%)"
    assert figures["Spend with VCSEs"][0] == "£0 (0.0%)"
    explained = dialog.explain.text()
    assert explained.startswith("\u2022 Contracts counted: 2, the tenders issued to the market (Invitation to "
                                "tender or later) dated in the period: 2 by their award date and 0 not yet "
                                "awarded, by their tender notice date.")
    assert "issued to the market" in dialog.table.item(0, 0).toolTip()
    assert all(dialog.table.item(r, 1).toolTip() for r in range(dialog.table.rowCount()))


def money(value) -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def pct(fraction) -> str:
    if fraction is None:
        return "n/a"
    return f"{(Decimal(str(fraction)) * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def from_xlsx(path, column: int) -> dict[str, str]:
    """The summary measures of the workbook (column 2: this period, 5: the previous one), written as the
    screen writes them."""
    sheet = load_workbook(path)["Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[0] == "Measure")
    xl = {row[0]: (row[column - 1], row[column], row[column + 1]) for row in rows[top + 1:] if row[0]}
    counted = xl["Contracts counted"][0]

    def share(label: str, whole: int) -> str:
        number, fraction, _pounds = xl[label]
        return f"{number:,} of {whole:,} ({pct(fraction)})"

    running, _none, spend = xl["Spend in the period (contracts running)"]
    out = {
        "Contracts counted": f"{counted:,}",
        "With a social value weighting of at least 10%": share("Weighting of at least 10%", counted),
        "Including the Fighting climate change theme": share("Fighting climate change theme", counted),
        "KPIs set where the policy requires them": share("KPIs set where required", xl["KPIs required"][0]),
        "Spend in the period (excluding VAT)": f"{money(spend)} ({running:,} contract{'s' if running != 1 else ''})",
    }
    for label in ("local suppliers", "SMEs", "VCSEs"):
        _number, fraction, pounds = xl[f"Spend with {label}"]
        out[f"Spend with {label}"] = f"{money(pounds)} ({pct(fraction)})"
    return out


def test_the_figures_on_screen_are_the_figures_of_the_pdf_and_the_xlsx(qtbot, service, monkeypatch, tmp_path):
    load_demo(service)
    service.bulk_create([
        contract("R-1", award=Award(Supplier("Nene Couriers", "NN4 8AA", vcse=True), dt.date(2025, 6, 1),
                                    Decimal("400000.50"))),
        contract("R-2", social_value_weighting_pct=Decimal(5), themes=[], stage="itt",
                 tender_notice_date=dt.date(2026, 1, 1)),
        contract("R-3", stage="pipeline", tender_notice_date=dt.date(2026, 3, 1)),
        contract("R-4", category="medicines", stage="itt", tender_notice_date=dt.date(2026, 3, 1)),
        contract("OLD-1", award=Award(Supplier("Old Ltd", "L1 8JQ"), dt.date(2023, 5, 1), Decimal(90_000)),
                 tender_notice_date=dt.date(2023, 1, 9)),
    ])
    dialog = open_dialog(qtbot, service)
    dialog.start.edit.setText("01/04/2025")
    dialog.start._on_edited(dialog.start.edit.text())
    dialog.end.edit.setText("31/03/2027")
    dialog.end._on_edited(dialog.end.edit.text())
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10_000)
    figures = shown(dialog)
    assert figures["Contracts counted"] == ("4", "1")  # the two examples, R-1 and R-2; OLD-1 before
    notes = [line.removeprefix("\u2022 ") for line in dialog.explain.text().splitlines()]
    # R-3 and two examples with their notice in February and March 2027 are plans; R-4 is medicines
    assert "3 tenders still in the pipeline or at pre-market engagement; 1 medicines tender" in dialog.explain.text()

    save_as(monkeypatch, tmp_path / "committee.pdf")
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: dialog.last_path == tmp_path / "committee.pdf", timeout=20_000)
    pages = [flat(page.extract_text()) for page in PdfReader(dialog.last_path).pages]
    assert "1 April 2025 to 31 March 2027" in pages[0]  # the cover
    (summary,) = [page for page in pages if "1 Summary" in page]
    for measure, (now, before) in figures.items():
        assert re.search(re.escape(measure.split()[0]) + r".*?" + re.escape(f"{now} {before}"), summary), (
            measure, now, before)
    everything = " ".join(pages)
    for note in notes:
        assert flat(note) in everything, note

    save_as(monkeypatch, tmp_path / "analysts.xlsx")
    dialog.xlsx_button.click()
    qtbot.waitUntil(lambda: dialog.last_path == tmp_path / "analysts.xlsx", timeout=20_000)
    assert from_xlsx(dialog.last_path, 2) == {measure: now for measure, (now, _before) in figures.items()}
    assert from_xlsx(dialog.last_path, 5) == {measure: before for measure, (_now, before) in figures.items()}


def test_figures_for_a_period_no_longer_chosen_are_not_shown(qtbot, service):
    load_demo(service)
    dialog = open_dialog(qtbot, service)
    stale = dialog.report
    asked = dialog.period()  # the period the worker was asked for, which it hands back with the figures
    dialog.start.edit.setText("01/01/2027")
    dialog.start._on_edited(dialog.start.edit.text())
    problem = dialog.status.text()
    assert "The period ends before it starts (01/01/2027)" in problem
    dialog._shown(stale, asked)  # the default period's figures arriving late from the worker
    assert dialog.table.rowCount() == 0 and dialog.report is None and dialog.status.text() == problem
