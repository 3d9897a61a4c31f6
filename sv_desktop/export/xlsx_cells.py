"""Writing cells that Excel shows exactly as typed: text never becomes a formula, characters XML cannot
hold are dropped, and money, percentages and dates keep real number formats analysts can sum and sort.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import _

MAX_CELL_TEXT = 32_767
MONEY_FORMAT = '"£"#,##0.00'
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="005EB8")
"""NHS Blue; white bold text on it passes WCAG AA."""
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="003087")
BOLD = Font(bold=True)


def clean_cell_text(text: object) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", str(text))
    return value if len(value) <= MAX_CELL_TEXT else value[: MAX_CELL_TEXT - 1] + "\u2026"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object, *, keep_lines: bool = False) -> str:
    """A value as CSV text: ISO dates, plain decimals, one line (or its lines kept), and text that a
    spreadsheet would run as a formula (starting with =, +, -, @) prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if not isinstance(value, str):
        text = str(value)
    elif keep_lines:
        text = "\n".join(" ".join(line.split()) for line in value.splitlines()).strip()
    else:
        text = " ".join(value.split())
    return "'" + text if text.startswith(_FORMULA_START) else text


_NOT_IN_SHEET_TITLES = re.compile(r"[\\*?:/\[\]]")
MAX_SHEET_TITLE = 31


def sheet_title(text: str) -> str:
    """A (translated) sheet name Excel accepts: none of \\ * ? : / [ ] and at most 31 characters."""
    title = " ".join(_NOT_IN_SHEET_TITLES.sub(" ", text).split())
    return title[:MAX_SHEET_TITLE].strip() or "-"


def put(sheet: Worksheet, row: int, column: int, value: object, number_format: str | None = None):
    """Write one value with the right type; text is always stored as text (never a formula)."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, bool):
        cell.value = _("Yes") if value else _("No")
    elif isinstance(value, Decimal | int | float):
        cell.value = float(value) if isinstance(value, Decimal) else value
        if number_format:
            cell.number_format = number_format
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = clean_cell_text(value)
        cell.data_type = "s"  # "=1+1" typed into a title stays text in Excel
    return cell


def header_row(sheet: Worksheet, row: int, headers: tuple[str, ...] | list[str]) -> None:
    for column, text in enumerate(headers, start=1):
        cell = put(sheet, row, column, text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)


def set_widths(sheet: Worksheet, widths: tuple[int, ...] | list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def as_fraction(percent: Decimal | None) -> Decimal | None:
    """A percentage (12.5) as the fraction Excel's % format expects (0.125)."""
    return None if percent is None else percent / 100


def write_csv_table(temp: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A header and rows as CSV: UTF-8 with a byte order mark (Excel shows "£" and accents), `csv_text` cells."""
    with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for values in rows:
            writer.writerow([csv_text(value) for value in values])


def write_xlsx_table(temp: Path, *, title: str, organisation: str, sheet_name: str, header: Sequence[str],
                     rows: Sequence[Sequence[object]], formats: Mapping[int, str], widths: Sequence[int]) -> None:
    """One sheet: the title and organisation above a filtered, frozen header row and typed rows; `formats`
    gives a number format per column (0-based) over the one `put` chooses."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = sheet_title(sheet_name)
    put(sheet, 1, 1, title).font = TITLE_FONT
    put(sheet, 2, 1, organisation or None)
    header_row(sheet, 4, list(header))
    for offset, values in enumerate(rows):
        for column, value in enumerate(values):
            cell = put(sheet, 5 + offset, column + 1, value, formats.get(column))
            if value is not None and column in formats:
                cell.number_format = formats[column]
    set_widths(sheet, list(widths))
    sheet.freeze_panes = "B5"
    sheet.auto_filter.ref = f"A4:{get_column_letter(len(header))}{4 + len(rows)}"
    book.properties.title = title
    book.properties.creator = organisation or "sv-desktop"
    book.save(temp)
