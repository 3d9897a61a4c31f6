"""The bid pipeline as CSV and XLSX, one row per bid, for the Bid Lead (P238 §5.2: "a pipeline of bids").

Like the tender pipeline (`pipeline_export.py`): both files written atomically, CSV in UTF-8 with a byte
order mark, text a spreadsheet would run as a formula prefixed with an apostrophe, money as real numbers.
The submission deadline keeps the commissioner's own date and time (Excel holds no time zone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from ..i18n import N_, _
from ..model.bid import Bid, stage_label
from .atomic import atomic_write
from .bid_response import REGIME_SHORT
from .xlsx_cells import DATE_FORMAT, MONEY_FORMAT, write_csv_table, write_xlsx_table

HEADERS = (
    N_("Reference"), N_("Service"), N_("Commissioner"), N_("Commissioner's reference"), N_("Value (£)"),
    N_("Duration (months)"), N_("Submission deadline"), N_("Regime"), N_("Social value weighting (%)"),
    N_("Stage"), N_("Bid Lead"), N_("Approver"), N_("Approved on"), N_("Submitted on"),
)
"""Marked: the files carry them translated (`headers()`)."""
TITLE = N_("Bid pipeline")
WIDTHS = (16, 44, 32, 18, 16, 10, 18, 30, 12, 14, 22, 22, 12, 12)
DEADLINE_FORMAT = "DD/MM/YYYY HH:MM"


def headers() -> list[str]:
    return [_(header) for header in HEADERS]


def _deadline(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.replace(tzinfo=None)


def _plain(value: Decimal | None) -> Decimal | None:
    """10.0000 as 10, 7.50 as 7.5: the figure as typed, without the store's trailing zeros."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def bid_rows(bids: Sequence[Bid]) -> list[tuple]:
    """Typed values per bid, in HEADERS order (dates as dates, money as Decimal, empty as None), soonest
    deadline first and bids without one last."""
    ordered = sorted(bids, key=lambda b: (b.submission_deadline is None, _deadline(b.submission_deadline)
                                          or dt.datetime.min, b.reference))
    return [(b.reference, b.title, b.commissioner or None, b.portal_reference or None, b.value_gbp,
             b.duration_months, _deadline(b.submission_deadline), REGIME_SHORT.get(b.regime, b.regime),
             _plain(b.social_value_weighting_pct), stage_label(b.stage), b.bid_lead or None, b.approver or None,
             b.approved_on, b.submitted_on)
            for b in ordered]


def write_bid_pipeline_csv(bids: Sequence[Bid], out: Path) -> Path:
    table = [[value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value for value in row]
             for row in bid_rows(bids)]
    return atomic_write(Path(out), lambda temp: write_csv_table(temp, headers(), table))


def write_bid_pipeline_xlsx(bids: Sequence[Bid], out: Path, *, organisation: str = "") -> Path:
    formats = {4: MONEY_FORMAT, 6: DEADLINE_FORMAT, 8: "0.##", 12: DATE_FORMAT, 13: DATE_FORMAT}
    table = bid_rows(bids)
    return atomic_write(Path(out), lambda temp: write_xlsx_table(
        temp, title=_(TITLE), organisation=organisation, sheet_name=_("Bids"), header=headers(), rows=table,
        formats=formats, widths=WIDTHS))
