"""The rules for the Trust's own bids (`resources/rules/bid_rules.yaml`): pure, deterministic, never raising.

Blockers hold a bid back from the stage their rule names (`blocks`): an unanswered question, an answer over
its limit, a commitment without owner or measure hold it back from "approved"; a missing approval from
"submitted". Warnings and advice never hold it back. Findings reuse the tenders' `Finding` (its `step` is
the stage the blocker holds back, "" for the others).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..i18n import _
from .bid import BID_STAGES, Bid
from .commitment import Commitment
from .resource_yaml import Node, cached_loader
from .rules.schema import Finding
from .word_count import count_words

RULES_NAME = "bid_rules.yaml"
SEVERITY_ORDER = ("blocker", "warning", "advice")
RULE_IDS = ("BID-WEIGHTING", "BID-ANSWER-MISSING", "BID-OVER-LIMIT", "BID-COMMITMENT-OWNER",
            "BID-COMMITMENT-MEASURE", "BID-COMMITMENT-UNKNOWN", "BID-APPROVAL", "BID-GENERIC",
            "BID-REPEATS-SPEC", "BID-CAPACITY")


@dataclass(frozen=True)
class BidRule:
    id: str
    severity: str
    message: str
    source: str
    confidence: str
    blocks: str = ""
    """The stage a blocker holds the bid back from."""


@dataclass(frozen=True)
class BidRuleSet:
    rules: Mapping[str, BidRule]
    min_weighting_pct: Decimal
    repeat_overlap_pct: Decimal
    repeat_min_words: int


def _number(node: Node) -> Decimal:
    if isinstance(node.value, bool) or not isinstance(node.value, int | float | str):
        node.fail(_("must be a number"))
    try:
        return Decimal(str(node.value))
    except ArithmeticError:
        node.fail(_("must be a number"))


def parse_bid_rules(root: Node) -> BidRuleSet:
    top = root.fields(("format", "format_version", "figures", "rules"))
    if top["format"].value != "sv-desktop.bid-rules":
        top["format"].fail(_("must be sv-desktop.bid-rules"))
    figures = top["figures"].fields(("min_weighting_pct", "repeat_overlap_pct", "repeat_min_words"))
    rules: dict[str, BidRule] = {}
    raw = top["rules"].mapping()
    for rule_id in RULE_IDS:
        if rule_id not in raw:
            top["rules"].child(rule_id).fail(_("is missing"))
    for rule_id in raw:
        node = top["rules"].child(rule_id, raw[rule_id])
        if rule_id not in RULE_IDS:
            node.fail(_("is not a known rule; the rules are {ids}").format(ids=", ".join(RULE_IDS)))
        f = node.fields(("severity", "message", "source", "confidence", "placeholders"), ("blocks",))
        severity = f["severity"].text()
        if severity not in SEVERITY_ORDER:
            f["severity"].fail(_("must be one of {allowed}").format(allowed=", ".join(SEVERITY_ORDER)))
        blocks = f["blocks"].text() if "blocks" in f else ""
        if blocks and blocks not in BID_STAGES:
            f["blocks"].fail(_("must be one of {allowed}").format(allowed=", ".join(BID_STAGES)))
        if severity == "blocker" and not blocks:
            node.child("blocks").fail(_("is missing: a blocker names the stage it holds the bid back from"))
        rules[rule_id] = BidRule(rule_id, severity, f["message"].text(), f["source"].text(),
                                 f["confidence"].text(), blocks)
    return BidRuleSet(rules, _number(figures["min_weighting_pct"]), _number(figures["repeat_overlap_pct"]),
                      int(_number(figures["repeat_min_words"])))


load_bid_rules = cached_loader("rules", RULES_NAME, parse_bid_rules)
"""`load_bid_rules(resources=None)`: the bid rules (the app's resources by default); ContentError if wrong."""


# ---------------------------------------------------------------- the checks

Elsewhere = Mapping[str, Sequence[tuple[str, Decimal]]]
"""Per commitment id, where else it is promised: (bid or contract reference, quantity) of live bids and
contracts in delivery other than the bid checked."""

_NUMBER = re.compile(r"\d")
_DATE_WORDS = re.compile(r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|"
                         r"october|november|december|month|months|year|years|quarter|quarterly|week|weeks|"
                         r"annually|monthly)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


def _pairs(text: str) -> set[tuple[str, str]]:
    words = _WORD.findall(text.casefold())
    return set(zip(words, words[1:], strict=False))


def repeated_share(answer: str, *sources: str) -> Decimal:
    """The percentage of the answer's word pairs that are word pairs of the `sources` (0 to 100)."""
    mine = _pairs(answer)
    if not mine:
        return Decimal(0)
    theirs: set[tuple[str, str]] = set().union(*(_pairs(text) for text in sources)) if sources else set()
    return (Decimal(len(mine & theirs)) * 100 / len(mine)).quantize(Decimal(1))


def generic_gaps(answer: str, owners: Sequence[str]) -> list[str]:
    """What a specific answer states that this one does not: a number, a date, an owner."""
    gaps = []
    if not _NUMBER.search(answer):
        gaps.append(_("number"))
    if not _DATE_WORDS.search(answer):
        gaps.append(_("date"))
    named = [owner for owner in owners if owner.strip() and owner.casefold() in answer.casefold()]
    if not named and not re.search(r"\b(lead|manager|director|officer|owner|head of)\b", answer, re.IGNORECASE):
        gaps.append(_("owner"))
    return gaps


def _finding(rule: BidRule, **values: object) -> Finding:
    return Finding(rule.id, rule.severity, rule.message.format(**values), rule.source, rule.blocks,
                   rule.confidence)


def evaluate_bid(bid: Bid, library: Mapping[str, Commitment], rules: BidRuleSet,
                 elsewhere: Elsewhere | None = None) -> list[Finding]:
    """Every finding for the bid, blockers first, then in the rules' order."""
    r = rules.rules
    found: list[Finding] = []
    weighting = bid.social_value_weighting_pct
    if weighting is not None and weighting < rules.min_weighting_pct:
        found.append(_finding(r["BID-WEIGHTING"], weighting=_plain(weighting), minimum=_plain(rules.min_weighting_pct)))
    for question in bid.questions:
        answer = question.answer.strip()
        if not answer:
            found.append(_finding(r["BID-ANSWER-MISSING"], number=question.number))
        elif question.limit_kind == "words" and question.limit is not None:
            count = count_words(answer)
            if count > question.limit:
                found.append(_finding(r["BID-OVER-LIMIT"], number=question.number, count=count,
                                      over=count - question.limit, limit=question.limit))
        used = [library.get(cid) for cid in question.commitment_ids]
        for cid, commitment in zip(question.commitment_ids, used, strict=True):
            if commitment is None:
                found.append(_finding(r["BID-COMMITMENT-UNKNOWN"], commitment=cid, number=question.number))
                continue
            if not commitment.owner.strip():
                found.append(_finding(r["BID-COMMITMENT-OWNER"], commitment=commitment.title, number=question.number))
            if not commitment.has_measure:
                found.append(_finding(r["BID-COMMITMENT-MEASURE"], commitment=commitment.title,
                                      number=question.number))
        if answer:
            gaps = generic_gaps(answer, [c.owner for c in used if c is not None])
            if gaps:
                found.append(_finding(r["BID-GENERIC"], number=question.number, missing=_(" or ").join(gaps)))
            share = repeated_share(answer, question.text, bid.criteria)
            if count_words(answer) >= rules.repeat_min_words and share >= rules.repeat_overlap_pct:
                found.append(_finding(r["BID-REPEATS-SPEC"], number=question.number, pct=share))
    if not (bid.approver.strip() and bid.approved_on):
        found.append(_finding(r["BID-APPROVAL"]))
    found.extend(capacity_findings(bid, library, rules, elsewhere or {}))
    order = {rule_id: i for i, rule_id in enumerate(RULE_IDS)}
    found.sort(key=lambda f: (SEVERITY_ORDER.index(f.severity), order[f.rule]))
    return found


def capacity_findings(bid: Bid, library: Mapping[str, Commitment], rules: BidRuleSet,
                      elsewhere: Elsewhere) -> list[Finding]:
    """A warning for each commitment this bid promises beyond its owner's stated capacity, counting what live
    bids and contracts in delivery already promise."""
    found = []
    for cid in bid.commitment_ids:
        commitment = library.get(cid)
        if commitment is None or commitment.capacity is None or commitment.quantity is None:
            continue
        others = [(where, qty) for where, qty in elsewhere.get(cid, ()) if where != bid.reference]
        promised = commitment.quantity + sum((qty for _where, qty in others), Decimal(0))
        if promised > commitment.capacity:
            found.append(_finding(rules.rules["BID-CAPACITY"], commitment=commitment.title,
                                  promised=_plain(promised), unit=commitment.unit,
                                  where=", ".join([bid.reference, *(where for where, _qty in others)]),
                                  capacity=_plain(commitment.capacity), owner=commitment.owner or _("(no owner)")))
    return found


def blockers_for(findings: Sequence[Finding], stage: str) -> list[Finding]:
    """The blockers that hold a bid back from moving to `stage` (and every later stage)."""
    target = BID_STAGES.index(stage) if stage in BID_STAGES else -1
    return [f for f in findings if f.severity == "blocker" and f.step in BID_STAGES
            and BID_STAGES.index(f.step) <= target and stage not in ("lost", "withdrawn")]


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
