"""What the Trust tells suppliers, kept apart from its own notes.

The notes of the specification refresh, think local, the engagement log, the award and delivery are
internal: no supplier document prints them. Supplier documents (the question pack and the pre-market
brief) carry only the text the manager wrote for suppliers: the "What we tell suppliers" text of the
steps that feed them, and the fields that are published by nature (the description of the contract, the
reasons for the lots decision, the questions and KPIs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tender import Tender


@dataclass
class SupplierText:
    """The text of each step that supplier documents print, written by the manager for suppliers."""

    spec: str = ""
    """What the refreshed specification asks for, as suppliers should read it."""
    local: str = ""
    """What the Trust is doing so local suppliers, SMEs and VCSEs can bid or subcontract."""
    engagement: str = ""
    """What pre-market engagement has been or will be done, without naming anyone met."""

    @property
    def is_empty(self) -> bool:
        return not (self.spec.strip() or self.local.strip() or self.engagement.strip())


SUPPLIER_TEXT_LABELS = {
    "spec": "Refresh the specification: what we tell suppliers",
    "local": "Think local: what we tell suppliers",
    "engagement": "Pre-market engagement: what we tell suppliers",
}

MIN_NAME_LENGTH = 3
"""Shorter supplier names ("A1") match too much ordinary text to be looked for."""


def supplier_facing_texts(tender: Tender, document: str = "") -> list[tuple[str, str]]:
    """(where it comes from, text) of every text the manager wrote that a supplier document prints, in
    the order it prints them; empty texts are left out. `document` is "pack" or "brief" for the texts
    of that document only, empty for both."""
    pack, brief = document in ("", "pack"), document in ("", "brief")
    out: list[tuple[str, str]] = [("Contract description", tender.description)]
    if brief:
        out.append(("Lots: reasons for the decision", tender.lots.reasons if tender.lots.divided is not None else ""))
        text = tender.supplier_text
        out += [(SUPPLIER_TEXT_LABELS[key], getattr(text, key)) for key in ("spec", "local", "engagement")]
        out += [(f"Own action ({choice.theme.replace('_', ' ')})", action)
                for choice in tender.themes for action in choice.own_actions]
    if pack:
        for number, question in enumerate(tender.questions, start=1):
            where = f"Question SV{number}"
            out.append((f"{where}: title", question.title))
            out.append((f"{where}: question", question.text))
            out += [(f"{where}: the response must describe", item) for item in question.must_describe]
            out += [(f"{where}: sub-criterion", item) for item in question.sub_criteria]
            out.append((f"{where}: evaluation guidance", question.evaluation_guidance))
    for kpi in tender.kpis:
        parts = (kpi.name, kpi.unit, kpi.baseline, kpi.target) if pack else (kpi.name, kpi.unit, kpi.target)
        out.append(("KPI", " \u00b7 ".join(part for part in parts if part.strip())))
    if pack:
        out.append(("Why performance is not assessed by KPIs", tender.kpi_exemption_reason))
    return [(label, value) for label, value in out if value.strip()]


def suppliers_met(tender: Tender) -> list[str]:
    """Names of the suppliers met at pre-market engagement, each once, as typed."""
    names = [met.name.strip() for event in tender.engagement for met in event.suppliers]
    return list(dict.fromkeys(name for name in names if len(name) >= MIN_NAME_LENGTH))


def names_in_supplier_text(tender: Tender) -> list[tuple[str, str]]:
    """(where, name) for each supplier met whose name appears in a text printed for suppliers.

    Names are matched whole, ignoring case, so "Acme" is found in "acme's fleet" but not in "Acmeville".
    """
    found: list[tuple[str, str]] = []
    for name in suppliers_met(tender):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        for label, text in supplier_facing_texts(tender):
            if pattern.search(text):
                found.append((label, name))
    return found
