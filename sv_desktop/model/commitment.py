"""The Trust-wide commitment library (toolkit Appendix Three, P238 §5.2): what the Trust can promise in
its bids, each commitment with its theme, Charter commitment, measure, owner, cost and evidence.

A bid picks commitments from the library by id; a won bid turns them into the KPIs of the contract in
delivery. `capacity` says how many units the owner can give in total across live bids and contracts
(e.g. apprenticeships), for the capacity warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class EvidenceLink:
    """A KPI result or case study already recorded for a contract in delivery."""

    tender_reference: str
    kind: str = "kpi_result"
    """"kpi_result" or "case_study"."""
    title: str = ""
    """The KPI's name or the case study's title, as recorded."""


EVIDENCE_KINDS: tuple[str, ...] = ("kpi_result", "case_study")


@dataclass
class Commitment:
    id: str
    """Stable id ("apprenticeships-community"), never reused."""
    title: str
    theme: str = "fighting_climate_change"
    """One of `tender.THEMES`."""
    charter_commitment: str = ""
    """Id of a Social Value Charter commitment in resources/content/bids.yaml ("" when none)."""
    beneficiary: str = ""
    """Who benefits ("young people not in education, employment or training in the ICB area")."""
    quantity: Decimal | None = None
    """How much is promised per contract ("4")."""
    unit: str = ""
    baseline: str = ""
    target: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    owner: str = ""
    cost_gbp: Decimal | None = None
    approved_by: str = ""
    approved_on: dt.date | None = None
    evidence: list[EvidenceLink] = field(default_factory=list)
    capacity: Decimal | None = None
    """How many units the owner can give in total across live bids and contracts; None: no limit stated."""
    notes: str = ""
    version: int = 0
    updated_at: dt.datetime | None = None

    @property
    def has_measure(self) -> bool:
        """A commitment is measurable when it states a quantity and unit, or a target."""
        return bool((self.quantity is not None and self.unit.strip()) or self.target.strip())

    @property
    def is_approved(self) -> bool:
        return bool(self.approved_by.strip()) and self.approved_on is not None
