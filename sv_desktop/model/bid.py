"""A bid: the Trust's own social value offer when it bids to provide a service (policy P238 §1.1.1, §3.1,
§5.2; toolkit Appendix Three). Plain dataclasses, no Qt, no SQL, like `tender.py`.

A bid answers a commissioner's social value questions with commitments picked from the Trust-wide
commitment library (`commitment.py`). Its stages follow §5.2: opportunity, go/no-go, writing, approved,
submitted, then won, lost or withdrawn.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..i18n import N_, _

BID_REGIMES: tuple[str, ...] = ("procurement_act", "psr")
"""Procurement Act 2023, or the Health Care Services (Provider Selection Regime) Regulations 2023."""

BID_STAGES: tuple[str, ...] = (
    "opportunity", "go_no_go", "writing", "approved", "submitted", "won", "lost", "withdrawn",
)
BID_OUTCOMES: frozenset[str] = frozenset({"won", "lost", "withdrawn"})
LIVE_BID_STAGES: frozenset[str] = frozenset({"opportunity", "go_no_go", "writing", "approved", "submitted"})
"""Stages in which a bid's commitments are still promised (or about to be): used by the capacity warning."""

BID_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "opportunity": ("go_no_go", "withdrawn"),
    "go_no_go": ("writing", "opportunity", "withdrawn"),
    "writing": ("approved", "go_no_go", "withdrawn"),
    "approved": ("submitted", "writing", "withdrawn"),
    "submitted": ("won", "lost", "withdrawn"),
    "won": (),
    "lost": (),
    "withdrawn": (),
}
"""The stages a bid may move to from each stage; an outcome is final."""

LIMIT_KINDS: tuple[str, ...] = ("words", "pages")

_STAGE_LABELS: dict[str, str] = {
    "opportunity": N_("Opportunity"), "go_no_go": N_("Go/no-go"), "writing": N_("Writing"),
    "approved": N_("Approved"), "submitted": N_("Submitted"), "won": N_("Won"), "lost": N_("Lost"),
    "withdrawn": N_("Withdrawn"),
}


def stage_label(stage: str) -> str:
    """The stage as the user reads it, in their language."""
    return _(_STAGE_LABELS[stage]) if stage in _STAGE_LABELS else stage


def cannot_move_message(stage: str, to: str) -> str:
    return _("A bid cannot move from {stage} to {to}.").format(stage=stage_label(stage), to=stage_label(to))


def can_move(stage: str, to: str) -> bool:
    """True when a bid at `stage` may move to `to`."""
    return to in BID_TRANSITIONS.get(stage, ())


@dataclass
class BidQuestion:
    """A commissioner's social value question as issued, and the Trust's answer to it."""

    number: str
    """As the commissioner numbers it ("SV1", "4.2.1")."""
    text: str = ""
    limit: int | None = None
    """The word or page limit; None when the commissioner sets none."""
    limit_kind: str = "words"
    """One of LIMIT_KINDS."""
    scoring_scale: str = ""
    """As published ("0-5", "0-100", "0, 25, 50, 75, 100")."""
    weight_pct: Decimal | None = None
    """The question's share of the total score, when the commissioner publishes one."""
    answer: str = ""
    commitment_ids: list[str] = field(default_factory=list)
    """Ids of the library commitments the answer uses."""
    score: str = ""
    """The commissioner's score for the answer, recorded after the outcome."""
    feedback: str = ""
    """The commissioner's feedback on the answer, recorded after the outcome."""


@dataclass
class BidOutcome:
    """What the commissioner said at the end (P238 §5.2 "lessons learned"), recorded on a win or a loss."""

    decided_on: dt.date | None = None
    total_score: str = ""
    """The Trust's overall or social value score as the commissioner gave it."""
    winner_score: str = ""
    feedback: str = ""
    lessons: str = ""
    contract_reference: str = ""
    """On a win: the reference of the tender record made for the contract in delivery."""


@dataclass
class Bid:
    reference: str
    title: str
    """The service bid for ("Community nursing, North locality")."""
    commissioner: str = ""
    portal: str = ""
    portal_reference: str = ""
    value_gbp: Decimal | None = None
    """The contract's whole-life value, pounds excluding VAT, as the commissioner states it."""
    duration_months: int | None = None
    submission_deadline: dt.datetime | None = None
    regime: str = "procurement_act"
    social_value_weighting_pct: Decimal | None = None
    """The commissioner's social value weighting of the total score; None until known."""
    themes: list[str] = field(default_factory=list)
    """Theme ids of `tender.THEMES` the commissioner asks about."""
    criteria: str = ""
    """The commissioner's social value criteria or model outcomes, as published."""
    questions: list[BidQuestion] = field(default_factory=list)
    stage: str = "opportunity"
    bid_lead: str = ""
    approver: str = ""
    approved_on: dt.date | None = None
    submitted_on: dt.date | None = None
    go_decision_notes: str = ""
    outcome: BidOutcome = field(default_factory=BidOutcome)
    version: int = 0
    """Optimistic-locking counter kept by the store; 0 for a bid never saved."""
    updated_at: dt.datetime | None = None

    @property
    def commitment_ids(self) -> list[str]:
        """Every commitment the answers use, once each, in the order first used."""
        seen: list[str] = []
        for question in self.questions:
            seen.extend(cid for cid in question.commitment_ids if cid not in seen)
        return seen

    @property
    def is_live(self) -> bool:
        return self.stage in LIVE_BID_STAGES


@dataclass(slots=True)
class BidSummary:
    """One bid row of the main list (beside `TenderSummary` rows): enough to show and filter."""

    reference: str
    title: str
    commissioner: str
    value_gbp: Decimal | None
    stage: str
    submission_deadline: dt.datetime | None
    updated_at: dt.datetime | None
    bid_lead: str = ""
    regime: str = "procurement_act"
    social_value_weighting_pct: Decimal | None = None
    kind: str = "bid"
    """Always "bid"; a list mixing tenders and bids tells them apart by it."""


@dataclass(frozen=True)
class Lesson:
    """What the commissioner said about an earlier answer to a similar question, with the lessons learned."""

    bid_reference: str
    bid_title: str
    question_number: str
    question_text: str
    score: str
    feedback: str
    lessons: str
    similarity: Decimal
    """0 to 1: the share of the two questions' words they have in common."""


_WORD = re.compile(r"[a-z0-9]{3,}")


def similarity(a: str, b: str) -> Decimal:
    """Words of three letters or more the two texts share, over the words of either (Jaccard), 0 to 1."""
    first, second = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    if not first or not second:
        return Decimal(0)
    return (Decimal(len(first & second)) / len(first | second)).quantize(Decimal("0.01"))


def new_bid(reference: str, title: str = "") -> Bid:
    """A fresh bid at the opportunity stage."""
    return Bid(reference=reference, title=title)
