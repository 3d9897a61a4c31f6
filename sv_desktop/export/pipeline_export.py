"""The tender pipeline as CSV (for any tool) and XLSX (for analysts), one row per tender.

The Procurement Lead keeps and shares a 12-month pipeline of renewals and new tenders (policy P238 §4.1,
§5.1); this is that list with the dates, values, stage and lead, and for a tender whose award notice is
recorded with its evaluation, the notice date and the last day of the standstill (under the Provider Selection
Regime, of the period for representations), counted by the service (`model/standstill.py`). Both files are
written atomically.
CSV is UTF-8 with a byte order mark so Excel shows "£" and accents correctly, and text that Excel would
run as a formula (starting with =, +, -, @) is prefixed with an apostrophe.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import N_, _
from ..model.pipeline import STAGE_NAMES
from ..model.tender import TenderSummary
from .atomic import atomic_write
from .xlsx_cells import DATE_FORMAT, MONEY_FORMAT, write_csv_table, write_xlsx_table

HEADERS = (
    N_("Reference"), N_("Title"), N_("Category"), N_("Stage"), N_("Procurement lead"), N_("Tender notice date"),
    N_("Contract start date"), N_("Contract end date"), N_("Duration (months)"), N_("Route"),
    N_("Value excl. VAT (£)"), N_("Social value weighting (%)"), N_("Policy check"), N_("Awarded supplier"),
    N_("Awarded on"), N_("Award notice"), N_("Standstill ends"),
)
"""Marked: the files carry them translated (`headers()`)."""
TITLE = N_("Tender pipeline")
WIDTHS = (18, 48, 26, 24, 22, 14, 14, 14, 10, 30, 16, 12, 14, 30, 12, 14, 14)


@dataclass(frozen=True)
class PipelineLabels:
    """Readable names for the ids in a row (from the toolkit content); unknown ids are shown as they are."""

    categories: Mapping[str, str] = field(default_factory=dict)
    routes: Mapping[str, str] = field(default_factory=dict)
    stages: Mapping[str, str] = field(default_factory=lambda: {key: _(name) for key, name in STAGE_NAMES.items()})


def _check(compliant: bool | None) -> str:
    return {True: _("Compliant"), False: _("Not compliant"), None: _("Not checked")}[compliant]


def headers() -> list[str]:
    return [_(header) for header in HEADERS]


def pipeline_rows(rows: Sequence[TenderSummary], labels: PipelineLabels) -> list[tuple]:
    """Typed values per row, in HEADERS order (dates as dates, money as Decimal, empty as None)."""
    return [
        (row.reference, row.title, labels.categories.get(row.category, row.category),
         labels.stages.get(row.stage, row.stage), row.procurement_lead or None, row.tender_notice_date,
         row.contract_start_date, row.contract_end_date, row.duration_months,
         labels.routes.get(row.route, row.route) or None, row.value_excl_vat_gbp, row.social_value_weighting_pct,
         _check(row.compliant), row.supplier_name or None, row.awarded_on, row.award_notice_date,
         row.standstill.ends_on if row.standstill is not None else None)
        for row in rows
    ]


def write_pipeline_csv(rows: Sequence[TenderSummary], labels: PipelineLabels, out: Path) -> Path:
    table = pipeline_rows(rows, labels)
    return atomic_write(Path(out), lambda temp: write_csv_table(temp, headers(), table))


def write_pipeline_xlsx(rows: Sequence[TenderSummary], labels: PipelineLabels, out: Path, *,
                        title: str = "", organisation: str = "") -> Path:
    title = title or _(TITLE)
    table = pipeline_rows(rows, labels)
    formats = {5: DATE_FORMAT, 6: DATE_FORMAT, 7: DATE_FORMAT, 10: MONEY_FORMAT, 11: "0.##", 14: DATE_FORMAT,
               15: DATE_FORMAT, 16: DATE_FORMAT}
    return atomic_write(Path(out), lambda temp: write_xlsx_table(
        temp, title=title, organisation=organisation, sheet_name=_("Pipeline"), header=headers(), rows=table,
        formats=formats, widths=WIDTHS))
