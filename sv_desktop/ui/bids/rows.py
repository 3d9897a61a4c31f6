"""Bids in the main list beside tenders: each `BidSummary` becomes a list row of its own category, so the
list's columns, sort and search work on both, and the list can show tenders, bids or both.

The row keeps the bid's own stage id; `stage_text` names it as a bid stage.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ...i18n import _
from ...model.bid import BidSummary, stage_label
from ...model.tender import TenderSummary

if TYPE_CHECKING:
    from ...services.contract import UiService

BID_CATEGORY = "trust_bid"
"""The category of a bid row (no tender category has this id)."""

KINDS = ("", "tender", "bid")
"""What the list shows: both, tenders only, bids only."""


def kind_labels() -> dict[str, str]:
    return {"": _("Tenders and bids"), "tender": _("Tenders only"), "bid": _("Bids only")}


def bid_category_label() -> str:
    return _("Trust bid")


def bid_row(summary: BidSummary) -> TenderSummary:
    """The list row of a bid: its commissioner stands where a tender's lead does, so the search finds it."""
    return TenderSummary(
        reference=summary.reference, title=summary.title, category=BID_CATEGORY,
        value_excl_vat_gbp=summary.value_gbp if summary.value_gbp is not None else Decimal(0),
        stage=summary.stage, compliant=None,
        tender_notice_date=None, updated_at=summary.updated_at,
        procurement_lead=summary.bid_lead,
        social_value_weighting_pct=summary.social_value_weighting_pct,
        supplier_name=summary.commissioner,
        deadline=summary.submission_deadline.date() if summary.submission_deadline is not None else None)


def is_bid_row(row: TenderSummary) -> bool:
    return row.category == BID_CATEGORY


def all_rows(service: UiService) -> list[TenderSummary]:
    """Every tender and every bid, as list rows (tenders first, as the service lists them)."""
    return [*service.list_tenders(), *(bid_row(summary) for summary in service.list_bids())]


def stage_text(row: TenderSummary) -> str | None:
    """A bid row's stage as the user reads it; None for a tender row (the list names its stage)."""
    return stage_label(row.stage) if is_bid_row(row) else None


def keep_kind(rows: list[int], summaries: list[TenderSummary], kind: str) -> list[int]:
    """The rows of `kind` ("" keeps every row)."""
    if not kind:
        return rows
    want_bid = kind == "bid"
    return [row for row in rows if (summaries[row].category == BID_CATEGORY) == want_bid]
