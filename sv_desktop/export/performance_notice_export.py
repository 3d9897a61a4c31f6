"""Contract performance notice data (Procurement Act 2023 s.71) as a workbook or JSON, to fill in the notice.

One row per KPI per 12-month assessment year of each contract whose KPIs the Act required. Nothing is sent
anywhere: the contract manager publishes the notice on the Central Digital Platform. Files are written
atomically.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import N_, _
from ..model.performance_notice import AssessmentYear
from .atomic import atomic_write
from .xlsx_cells import TITLE_FONT, header_row, put, set_widths, sheet_title

LEGAL_BASIS = N_("Procurement Act 2023 s.71; Procurement Regulations 2024 reg. 39")
"""Marked: translated in the workbook, kept in English in the JSON."""
HEADERS = (N_("Contract reference"), N_("Contract title"), N_("Supplier"), N_("Assessment from"),
           N_("Assessment to"), N_("KPI"), N_("Rating"), N_("Result reported"),
           N_("From the report for the period ending"), N_("Notice ready"))
WIDTHS = (16, 36, 28, 13, 13, 40, 20, 20, 16, 12)
NOT_RATED = N_("Not rated yet")


def write_performance_xlsx(years: Sequence[AssessmentYear], out: Path, *, organisation: str) -> Path:
    def write(temp: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
        sheet.title = sheet_title(_("Performance notices"))
        put(sheet, 1, 1, _("Contract performance notices: KPI ratings")).font = TITLE_FONT
        put(sheet, 2, 1, _("{organisation}. {legal_basis}: at least once in every 12 months of the contract.").format(
            organisation=organisation, legal_basis=_(LEGAL_BASIS)))
        header_row(sheet, 4, [_(header) for header in HEADERS])
        row = 5
        wrap = Alignment(vertical="top", wrap_text=True)
        for year in years:
            for rating in year.ratings:
                values = (year.reference, year.title, year.supplier or None, year.start, year.end, rating.kpi,
                          rating.rating or _(NOT_RATED), rating.result or None, rating.period_end, year.complete)
                for column, value in enumerate(values, start=1):
                    put(sheet, row, column, value).alignment = wrap
                row += 1
        if not years:
            put(sheet, 5, 1, _("No contract in delivery has a Procurement Act assessment year that has ended."))
        set_widths(sheet, WIDTHS)
        sheet.freeze_panes = "A5"
        book.save(temp)

    return atomic_write(Path(out), write)


def performance_dict(years: Sequence[AssessmentYear], *, organisation: str) -> dict:
    return {
        "notice": "contract performance notice data",
        "legal_basis": LEGAL_BASIS,
        "organisation": organisation,
        "assessments": [
            {
                "contract_reference": year.reference,
                "contract_title": year.title,
                "supplier": year.supplier or None,
                "period": {"from": year.start.isoformat(), "to": year.end.isoformat()},
                "ready": year.complete,
                "missing_ratings": list(year.missing),
                "kpis": [{"kpi": r.kpi, "rating": r.rating or None, "result": r.result or None,
                          "reporting_period_end": r.period_end.isoformat() if r.period_end else None}
                         for r in year.ratings],
            }
            for year in years
        ],
    }


def write_performance_json(years: Sequence[AssessmentYear], out: Path, *, organisation: str) -> Path:
    text = json.dumps(performance_dict(years, organisation=organisation), ensure_ascii=False, indent=2) + "\n"
    return atomic_write(Path(out), lambda temp: temp.write_text(text, encoding="utf-8"))
