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

from ..model.performance_notice import AssessmentYear
from .atomic import atomic_write
from .xlsx_cells import TITLE_FONT, header_row, put, set_widths

LEGAL_BASIS = "Procurement Act 2023 s.71; Procurement Regulations 2024 reg. 39"
HEADERS = ("Contract reference", "Contract title", "Supplier", "Assessment from", "Assessment to", "KPI",
           "Rating", "Result reported", "From the report for the period ending", "Notice ready")
WIDTHS = (16, 36, 28, 13, 13, 40, 20, 20, 16, 12)
NOT_RATED = "Not rated yet"


def write_performance_xlsx(years: Sequence[AssessmentYear], out: Path, *, organisation: str) -> Path:
    def write(temp: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
        sheet.title = "Performance notices"
        put(sheet, 1, 1, "Contract performance notices: KPI ratings").font = TITLE_FONT
        put(sheet, 2, 1, f"{organisation}. {LEGAL_BASIS}: at least once in every 12 months of the contract.")
        header_row(sheet, 4, HEADERS)
        row = 5
        wrap = Alignment(vertical="top", wrap_text=True)
        for year in years:
            for rating in year.ratings:
                values = (year.reference, year.title, year.supplier or None, year.start, year.end, rating.kpi,
                          rating.rating or NOT_RATED, rating.result or None, rating.period_end, year.complete)
                for column, value in enumerate(values, start=1):
                    put(sheet, row, column, value).alignment = wrap
                row += 1
        if not years:
            put(sheet, 5, 1, "No contract in delivery has a Procurement Act assessment year that has ended.")
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
