"""The compliance report as an XLSX workbook for analysts: the measures as numbers (counts, pounds and
real percentages they can chart), and every counted contract of both periods with the facts behind it.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..model.compliance import ComplianceReport, PeriodFigures, percent_of
from ..model.pipeline import STAGE_NAMES
from .atomic import atomic_write
from .report_content import AUDIENCE, REPORT_NAME, period_text
from .xlsx_cells import (
    BOLD,
    DATE_FORMAT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    TITLE_FONT,
    as_fraction,
    header_row,
    put,
    set_widths,
)

SUMMARY_HEADERS = ("Measure", "This period: number", "This period: %", "This period: £",
                   "Previous period: number", "Previous period: %", "Previous period: £")
CONTRACT_HEADERS = (
    "Period", "Reference", "Title", "Category", "Stage", "Counted by", "Date counted",
    "Social value weighting (%)", "Weighting 10% or more", "Fighting climate change", "KPIs required",
    "KPIs set", "Supplier", "Supplier postcode", "Local", "SME", "VCSE", "Awarded on", "Awarded value (£)",
)


def measures(figures: PeriodFigures) -> list[tuple[str, int | None, object, object]]:
    """(measure, number, percentage as a fraction, pounds) per summary row."""
    rows: list[tuple[str, int | None, object, object]] = [
        ("Contracts counted", figures.counted, None, None),
        ("Weighting of at least 10%", figures.meeting_weighting,
         as_fraction(percent_of(figures.meeting_weighting, figures.counted)), None),
        ("Fighting climate change theme", figures.with_climate,
         as_fraction(percent_of(figures.with_climate, figures.counted)), None),
        ("KPIs required", figures.kpis_required, None, None),
        ("KPIs set where required", figures.kpis_set_where_required,
         as_fraction(percent_of(figures.kpis_set_where_required, figures.kpis_required)), None),
        ("Spend in the period (contracts running)", len(figures.spend_lines), None, figures.spend()),
    ]
    for which, label in (("local", "Local suppliers"), ("sme", "SMEs"), ("vcse", "VCSEs")):
        rows.append((f"Spend with {label}", figures.spend_count(which), as_fraction(figures.spend_pct(which)),
                     figures.spend(which)))
    rows += [
        ("Not counted: not yet issued", figures.not_issued, None, None),
        ("Not counted: medicines (outside the policy)", figures.out_of_scope, None, None),
        ("Awarded without a value recorded", figures.awarded_without_value, None, None),
    ]
    return rows


def _summary(sheet: Worksheet, report: ComplianceReport) -> None:
    put(sheet, 1, 1, f"{REPORT_NAME}: {period_text(report.current)}").font = TITLE_FONT
    facts = (("Organisation", report.organisation), ("Reported to", AUDIENCE),
             ("This period", period_text(report.current)), ("Previous period (benchmark)",
                                                            period_text(report.previous)),
             ("Local postcode areas", ", ".join(report.local_areas) or "None set"),
             ("Produced", report.generated_on), ("Tenders in no period (no dates)", report.undated))
    for offset, (label, value) in enumerate(facts):
        put(sheet, 2 + offset, 1, label).font = BOLD
        put(sheet, 2 + offset, 2, value)
    top = 3 + len(facts)
    header_row(sheet, top, SUMMARY_HEADERS)
    for offset, (now, before) in enumerate(zip(measures(report.current), measures(report.previous), strict=True)):
        row = top + 1 + offset
        put(sheet, row, 1, now[0])
        for column, values in ((2, now), (5, before)):
            put(sheet, row, column, values[1])
            put(sheet, row, column + 1, values[2], PERCENT_FORMAT)
            put(sheet, row, column + 2, values[3], MONEY_FORMAT)
    set_widths(sheet, (44, 16, 14, 18, 18, 16, 18))


def _contracts(sheet: Worksheet, report: ComplianceReport) -> None:
    header_row(sheet, 1, CONTRACT_HEADERS)
    row = 2
    for name, figures in (("This period", report.current), ("Previous period", report.previous)):
        for line in figures.contracts:
            values = (name, line.reference, line.title, report.category_labels.get(line.category, line.category), STAGE_NAMES.get(line.stage, line.stage),
                      "Award date" if line.date_basis == "award" else "Tender notice date", line.counted_on,
                      line.weighting_pct, line.meets_weighting, line.has_climate, line.kpis_required,
                      line.kpis_set, line.supplier_name or None, line.supplier_postcode or None, line.local,
                      line.sme, line.vcse, line.awarded_on, line.awarded_value_gbp)
            for column, value in enumerate(values, start=1):
                put(sheet, row, column, value, MONEY_FORMAT if column == 19 else "0.##" if column == 8 else None)
            row += 1
    set_widths(sheet, (15, 18, 44, 20, 22, 18, 13, 12, 11, 11, 10, 9, 30, 12, 8, 8, 8, 12, 16))
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:S{max(row - 1, 1)}"
    for cell in sheet["G"][1:] + sheet["R"][1:]:
        cell.number_format = DATE_FORMAT


SPEND_HEADERS = ("Period", "Reference", "Title", "Supplier", "Supplier postcode", "Local", "SME", "VCSE",
                 "Awarded on", "Awarded value (£)", "Spend in the period (£)", "Worked out from")
COMING_HEADERS = ("Reference", "Title", "Stage", "Tender notice date", "Value excl. VAT (£)", "Policy check")


def _spend(sheet: Worksheet, report: ComplianceReport) -> None:
    header_row(sheet, 1, SPEND_HEADERS)
    row = 2
    for name, figures in (("This period", report.current), ("Previous period", report.previous)):
        for line in figures.spend_lines:
            values = (name, line.reference, line.title, line.supplier_name or None, line.supplier_postcode or None,
                      line.local, line.sme, line.vcse, line.awarded_on, line.awarded_value_gbp, line.spend_gbp,
                      {"estimate": "Pro-rata estimate", "actual": "Actual spend recorded",
                       "actual and estimate": "Actual spend and pro-rata estimate"}.get(line.basis, line.basis))
            for column, value in enumerate(values, start=1):
                put(sheet, row, column, value, MONEY_FORMAT if column in (10, 11) else None)
            row += 1
    set_widths(sheet, (15, 18, 44, 30, 12, 8, 8, 8, 12, 16, 16, 30))
    sheet.freeze_panes = "C2"
    for cell in sheet["I"][1:]:
        cell.number_format = DATE_FORMAT


def _coming_up(sheet: Worksheet, report: ComplianceReport) -> None:
    header_row(sheet, 1, COMING_HEADERS)
    checks = {True: "Compliant", False: "Not compliant", None: "Not checked"}
    for row, summary in enumerate(report.coming_up, start=2):
        values = (summary.reference, summary.title, STAGE_NAMES.get(summary.stage, summary.stage),
                  summary.tender_notice_date, summary.value_excl_vat_gbp, checks[summary.compliant])
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, MONEY_FORMAT if column == 5 else None)
    set_widths(sheet, (18, 48, 24, 14, 16, 14))


def write_report_xlsx(report: ComplianceReport, out: Path) -> Path:
    """Write the workbook atomically to `out`; returns `out`."""
    def write(temp: Path) -> None:
        book = Workbook()
        summary = book.active
        assert isinstance(summary, Worksheet)  # a new workbook has one worksheet
        summary.title = "Summary"
        _summary(summary, report)
        _contracts(book.create_sheet("Contracts"), report)
        _spend(book.create_sheet("Spend"), report)
        _coming_up(book.create_sheet("Coming up"), report)
        book.properties.title = f"{REPORT_NAME}: {period_text(report.current)}"
        book.properties.creator = report.organisation
        book.save(temp)

    return atomic_write(Path(out), write)
