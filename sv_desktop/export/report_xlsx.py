"""The compliance report as an XLSX workbook for analysts: the measures as numbers (counts, pounds and
real percentages they can chart), and every counted contract of both periods with the facts behind it.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import N_, _
from ..model.compliance import ComplianceReport, PeriodFigures, percent_of
from ..model.pipeline import STAGE_NAMES
from .atomic import atomic_write
from .report_content import AUDIENCE, period_text, report_title
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
    sheet_title,
)

SUMMARY_HEADERS = (N_("Measure"), N_("This period: number"), N_("This period: %"), N_("This period: £"),
                   N_("Previous period: number"), N_("Previous period: %"), N_("Previous period: £"))
CONTRACT_HEADERS = (
    N_("Period"), N_("Reference"), N_("Title"), N_("Category"), N_("Stage"), N_("Counted by"), N_("Date counted"),
    N_("Social value weighting (%)"), N_("Weighting 10% or more"), N_("Fighting climate change"),
    N_("KPIs required"), N_("KPIs set"), N_("Supplier"), N_("Supplier postcode"), N_("Local"), N_("SME"),
    N_("VCSE"), N_("Awarded on"), N_("Awarded value (£)"),
)
SHEETS = (N_("Summary"), N_("Contracts"), N_("Spend"), N_("Coming up"))
"""The workbook's sheets, in order (their names are translated: find them by position)."""
PERIODS = (N_("This period"), N_("Previous period"))


def measures(figures: PeriodFigures) -> list[tuple[str, int | None, object, object]]:
    """(measure, number, percentage as a fraction, pounds) per summary row."""
    rows: list[tuple[str, int | None, object, object]] = [
        (_("Contracts counted"), figures.counted, None, None),
        (_("Weighting of at least 10%"), figures.meeting_weighting,
         as_fraction(percent_of(figures.meeting_weighting, figures.counted)), None),
        (_("Fighting climate change theme"), figures.with_climate,
         as_fraction(percent_of(figures.with_climate, figures.counted)), None),
        (_("KPIs required"), figures.kpis_required, None, None),
        (_("KPIs set where required"), figures.kpis_set_where_required,
         as_fraction(percent_of(figures.kpis_set_where_required, figures.kpis_required)), None),
        (_("Spend in the period (contracts running)"), len(figures.spend_lines), None, figures.spend()),
    ]
    for which, label in (("local", _("Spend with local suppliers")), ("sme", _("Spend with SMEs")),
                         ("vcse", _("Spend with VCSEs"))):
        rows.append((label, figures.spend_count(which), as_fraction(figures.spend_pct(which)),
                     figures.spend(which)))
    rows += [
        (_("Not counted: not yet issued"), figures.not_issued, None, None),
        (_("Not counted: medicines (outside the policy)"), figures.out_of_scope, None, None),
        (_("Awarded without a value recorded"), figures.awarded_without_value, None, None),
    ]
    return rows


def _summary(sheet: Worksheet, report: ComplianceReport) -> None:
    put(sheet, 1, 1, report_title(report)).font = TITLE_FONT
    facts = ((_("Organisation"), report.organisation), (_("Reported to"), _(AUDIENCE)),
             (_("This period"), period_text(report.current)),
             (_("Previous period (benchmark)"), period_text(report.previous)),
             (_("Local postcode areas"), ", ".join(report.local_areas) or _("None set")),
             (_("Produced"), report.generated_on), (_("Tenders in no period (no dates)"), report.undated))
    for offset, (label, value) in enumerate(facts):
        put(sheet, 2 + offset, 1, label).font = BOLD
        put(sheet, 2 + offset, 2, value)
    top = 3 + len(facts)
    header_row(sheet, top, [_(header) for header in SUMMARY_HEADERS])
    for offset, (now, before) in enumerate(zip(measures(report.current), measures(report.previous), strict=True)):
        row = top + 1 + offset
        put(sheet, row, 1, now[0])
        for column, values in ((2, now), (5, before)):
            put(sheet, row, column, values[1])
            put(sheet, row, column + 1, values[2], PERCENT_FORMAT)
            put(sheet, row, column + 2, values[3], MONEY_FORMAT)
    set_widths(sheet, (44, 16, 14, 18, 18, 16, 18))


def _contracts(sheet: Worksheet, report: ComplianceReport) -> None:
    header_row(sheet, 1, [_(header) for header in CONTRACT_HEADERS])
    row = 2
    for name, figures in zip(map(_, PERIODS), (report.current, report.previous), strict=True):
        for line in figures.contracts:
            values = (name, line.reference, line.title, report.category_labels.get(line.category, line.category), _(STAGE_NAMES.get(line.stage, line.stage)),
                      _("Award date") if line.date_basis == "award" else _("Tender notice date"), line.counted_on,
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


SPEND_HEADERS = (N_("Period"), N_("Reference"), N_("Title"), N_("Supplier"), N_("Supplier postcode"), N_("Local"),
                 N_("SME"), N_("VCSE"), N_("Awarded on"), N_("Awarded value (£)"), N_("Spend in the period (£)"),
                 N_("Worked out from"))
COMING_HEADERS = (N_("Reference"), N_("Title"), N_("Stage"), N_("Tender notice date"), N_("Value excl. VAT (£)"),
                  N_("Policy check"))


def _spend(sheet: Worksheet, report: ComplianceReport) -> None:
    header_row(sheet, 1, [_(header) for header in SPEND_HEADERS])
    row = 2
    for name, figures in zip(map(_, PERIODS), (report.current, report.previous), strict=True):
        for line in figures.spend_lines:
            values = (name, line.reference, line.title, line.supplier_name or None, line.supplier_postcode or None,
                      line.local, line.sme, line.vcse, line.awarded_on, line.awarded_value_gbp, line.spend_gbp,
                      {"estimate": _("Pro-rata estimate"), "actual": _("Actual spend recorded"),
                       "actual and estimate": _("Actual spend and pro-rata estimate")}.get(line.basis, line.basis))
            for column, value in enumerate(values, start=1):
                put(sheet, row, column, value, MONEY_FORMAT if column in (10, 11) else None)
            row += 1
    set_widths(sheet, (15, 18, 44, 30, 12, 8, 8, 8, 12, 16, 16, 30))
    sheet.freeze_panes = "C2"
    for cell in sheet["I"][1:]:
        cell.number_format = DATE_FORMAT


def _coming_up(sheet: Worksheet, report: ComplianceReport) -> None:
    header_row(sheet, 1, [_(header) for header in COMING_HEADERS])
    checks = {True: _("Compliant"), False: _("Not compliant"), None: _("Not checked")}
    for row, summary in enumerate(report.coming_up, start=2):
        values = (summary.reference, summary.title, _(STAGE_NAMES.get(summary.stage, summary.stage)),
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
        summary.title = sheet_title(_(SHEETS[0]))
        _summary(summary, report)
        _contracts(book.create_sheet(sheet_title(_(SHEETS[1]))), report)
        _spend(book.create_sheet(sheet_title(_(SHEETS[2]))), report)
        _coming_up(book.create_sheet(sheet_title(_(SHEETS[3]))), report)
        book.properties.title = report_title(report)
        book.properties.creator = report.organisation
        book.save(temp)

    return atomic_write(Path(out), write)
