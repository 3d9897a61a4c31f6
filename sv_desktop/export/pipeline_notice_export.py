"""The pipeline notice (Procurement Act 2023 s.93) as a workbook to check and publish from, or as JSON.

Nothing is sent anywhere: the Procurement Lead reviews the file and publishes the notice on the Central
Digital Platform. Each contract carries the notice's fields (title, subject matter, estimated tender notice
date, estimated award date and, optionally, value) and what is still to be recorded. Both files are written
atomically.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ..i18n import N_, _
from ..model.pipeline_notice import PipelineNotice
from . import formatting as fmt
from .atomic import atomic_write
from .xlsx_cells import BOLD, DATE_FORMAT, MONEY_FORMAT, TITLE_FONT, header_row, put, set_widths, sheet_title

LEGAL_BASIS = N_("Procurement Act 2023 s.93; Procurement Regulations 2024 reg. 15")
"""Marked: translated in the workbook, kept in English in the JSON."""
HEADERS = (
    N_("Reference"), N_("Title"), N_("Subject matter"), N_("CPV code"), N_("Estimated tender notice date"),
    N_("Estimated award date"), N_("Estimated value incl. VAT (£)"), N_("Procedure"),
    N_("Notes (what is still to record)"),
)
WIDTHS = (16, 40, 50, 13, 14, 14, 16, 30, 44)


def _facts(notice: PipelineNotice, organisation: str, identifier: str) -> list[tuple[str, object]]:
    figures = notice.figures
    return [
        (_("Organisation"), organisation),
        (_("Organisation identifier"), identifier or _("Not recorded: add it in Settings")),
        (_("Financial year"), notice.year_label),
        (_("Contracts expected to be tendered from"), notice.window_start),
        (_("to"), notice.window_end),
        (_("Publish the notice by"), notice.publish_by),
        (_("Who must publish"), _("An authority expecting to spend more than {amount} on public contracts in the "
                                  "financial year.").format(amount=fmt.money(figures.spend_over_gbp))),
        (_("Which contracts"), _("Estimated value over {amount} including VAT, with a tender or transparency "
                                 "notice expected in the period above.").format(
                                     amount=fmt.money(figures.contract_value_over_gbp))),
        (_("Legal basis"), _(LEGAL_BASIS)),
        (_("Source"), figures.source),
    ]


def notice_title(notice: PipelineNotice) -> str:
    return _("Pipeline notice {year}").format(year=notice.year_label)


def write_notice_xlsx(notice: PipelineNotice, out: Path, *, organisation: str, identifier: str) -> Path:
    def write(temp: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
        sheet.title = sheet_title(_("Pipeline notice"))
        put(sheet, 1, 1, notice_title(notice)).font = TITLE_FONT
        facts = _facts(notice, organisation, identifier)
        for row, (name, value) in enumerate(facts, start=3):
            put(sheet, row, 1, name).font = BOLD
            put(sheet, row, 2, value)
        first = 4 + len(facts)
        header_row(sheet, first, [_(header) for header in HEADERS])
        wrap = Alignment(vertical="top", wrap_text=True)
        for offset, c in enumerate(notice.contracts, start=1):
            values = (c.reference, c.title, c.subject_matter, c.cpv_code or None, c.estimated_notice_date,
                      c.estimated_award_date, c.estimated_value_incl_vat, c.route, " ".join(c.notes) or None)
            for column, value in enumerate(values, start=1):
                number_format = MONEY_FORMAT if isinstance(value, Decimal) else None
                put(sheet, first + offset, column, value, number_format).alignment = wrap
        if not notice.contracts:
            put(sheet, first + 1, 1, _("No planned contract meets the conditions for this financial year."))
        for column in (5, 6):
            for row in range(first + 1, first + 1 + len(notice.contracts)):
                sheet.cell(row=row, column=column).number_format = DATE_FORMAT
        set_widths(sheet, WIDTHS)
        sheet.freeze_panes = sheet.cell(row=first + 1, column=1).coordinate
        book.properties.title = notice_title(notice)
        book.properties.creator = organisation or "sv-desktop"
        book.save(temp)

    return atomic_write(Path(out), write)


def notice_dict(notice: PipelineNotice, *, organisation: str, identifier: str) -> dict:
    figures = notice.figures
    return {
        "notice": "pipeline notice",
        "legal_basis": LEGAL_BASIS,
        "organisation": {"name": organisation, "identifier": identifier or None},
        "financial_year": notice.year_label,
        "period": {"from": notice.window_start.isoformat(), "to": notice.window_end.isoformat()},
        "publish_by": notice.publish_by.isoformat(),
        "conditions": {
            "authority_spend_over_gbp": f"{figures.spend_over_gbp:f}",
            "contract_value_incl_vat_over_gbp": f"{figures.contract_value_over_gbp:f}",
            "source": figures.source,
        },
        "contracts": [
            {
                "reference": c.reference,
                "title": c.title,
                "subject_matter": c.subject_matter,
                "cpv_code": c.cpv_code or None,
                "estimated_tender_notice_date": c.estimated_notice_date.isoformat(),
                "estimated_award_date": c.estimated_award_date.isoformat() if c.estimated_award_date else None,
                "estimated_value_incl_vat_gbp": f"{c.estimated_value_incl_vat.quantize(Decimal('0.01')):f}",
                "procedure": c.route,
                "notes": list(c.notes),
            }
            for c in notice.contracts
        ],
    }


def write_notice_json(notice: PipelineNotice, out: Path, *, organisation: str, identifier: str) -> Path:
    text = json.dumps(notice_dict(notice, organisation=organisation, identifier=identifier),
                      ensure_ascii=False, indent=2) + "\n"
    return atomic_write(Path(out), lambda temp: temp.write_text(text, encoding="utf-8"))
