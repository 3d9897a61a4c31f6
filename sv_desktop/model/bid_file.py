"""The bid kind of the `.svtender.json` family (`"format": "sv-desktop.bid"`): a bid with its questions and
answers, and the library commitments it uses, so the file stands on its own. Every bad value is refused with
its field path, through the same typed readers as the tender file (`json_fields.py`).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..i18n import _
from .bid import BID_REGIMES, BID_STAGES, LIMIT_KINDS, Bid, BidOutcome, BidQuestion
from .commitment import EVIDENCE_KINDS, Commitment, EvidenceLink
from .file_read import FileReadError, read_limited
from .json_fields import (
    TenderFileError,
    choice_field,
    date_field,
    list_field,
    number_field,
    object_field,
    optional_decimal_field,
    text_field,
    text_list_field,
)
from .limits import MAX_FILE_BYTES
from .tender import THEMES

FORMAT_NAME = "sv-desktop.bid"
FORMAT_VERSION = 1
MONEY_MAX = Decimal("9999999999999999.99")
MAX_QUESTIONS = 200
_ZERO = Decimal(0)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def bid_to_dict(bid: Bid, commitments: list[Commitment]) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
        "reference": bid.reference, "title": bid.title, "commissioner": bid.commissioner, "portal": bid.portal,
        "portal_reference": bid.portal_reference, "value_gbp": _money(bid.value_gbp),
        "duration_months": bid.duration_months,
        "submission_deadline": bid.submission_deadline.isoformat() if bid.submission_deadline else None,
        "regime": bid.regime, "social_value_weighting_pct": _money(bid.social_value_weighting_pct),
        "themes": list(bid.themes), "criteria": bid.criteria, "stage": bid.stage, "bid_lead": bid.bid_lead,
        "approver": bid.approver, "approved_on": _day(bid.approved_on), "submitted_on": _day(bid.submitted_on),
        "go_decision_notes": bid.go_decision_notes,
        "questions": [{"number": q.number, "text": q.text, "limit": q.limit, "limit_kind": q.limit_kind,
                       "scoring_scale": q.scoring_scale, "weight_pct": _money(q.weight_pct), "answer": q.answer,
                       "commitment_ids": list(q.commitment_ids), "score": q.score, "feedback": q.feedback}
                      for q in bid.questions],
        "outcome": {"decided_on": _day(bid.outcome.decided_on), "total_score": bid.outcome.total_score,
                    "winner_score": bid.outcome.winner_score, "feedback": bid.outcome.feedback,
                    "lessons": bid.outcome.lessons, "contract_reference": bid.outcome.contract_reference},
        "commitments": [_commitment_dict(c) for c in commitments],
    }


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _commitment_dict(c: Commitment) -> dict[str, Any]:
    return {"id": c.id, "title": c.title, "theme": c.theme, "charter_commitment": c.charter_commitment,
            "beneficiary": c.beneficiary, "quantity": _money(c.quantity), "unit": c.unit, "baseline": c.baseline,
            "target": c.target, "start_date": _day(c.start_date), "end_date": _day(c.end_date), "owner": c.owner,
            "cost_gbp": _money(c.cost_gbp), "approved_by": c.approved_by, "approved_on": _day(c.approved_on),
            "evidence": [{"tender_reference": e.tender_reference, "kind": e.kind, "title": e.title}
                         for e in c.evidence],
            "capacity": _money(c.capacity), "notes": c.notes}


def _decimal(obj: dict, key: str, path: str, high: Decimal = MONEY_MAX) -> Decimal | None:
    value = obj.get(key)
    if isinstance(value, str):  # money is written as text so no binary rounding touches it
        try:
            obj = {key: Decimal(value)}
        except ArithmeticError:
            raise TenderFileError(_("must be a number, not {value!r}").format(value=value[:40]), f"{path}{key}") from None
    return optional_decimal_field(obj, key, path, _ZERO, high)


def _deadline(data: dict) -> dt.datetime | None:
    value = text_field(data, "submission_deadline", "")
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise TenderFileError(_("must be a date and time such as 2027-03-01T12:00:00+00:00"),
                              "submission_deadline") from None
    if moment.tzinfo is None:
        raise TenderFileError(_("must say its time zone (for example +00:00)"), "submission_deadline")
    return moment.astimezone(dt.UTC)


def _question(raw: Any, path: str) -> BidQuestion:
    if not isinstance(raw, dict):
        raise TenderFileError(_("must be an object"), path.rstrip("."))
    limit = raw.get("limit")
    return BidQuestion(
        number=text_field(raw, "number", path, required=True, max_len=40),
        text=text_field(raw, "text", path),
        limit=None if limit is None else int(number_field(raw, "limit", path, low=Decimal(1),
                                                          high=Decimal(100_000), integer=True)),
        limit_kind=choice_field(raw, "limit_kind", path, LIMIT_KINDS, "words"),
        scoring_scale=text_field(raw, "scoring_scale", path, max_len=200),
        weight_pct=_decimal(raw, "weight_pct", path, Decimal(100)),
        answer=text_field(raw, "answer", path),
        commitment_ids=text_list_field(raw, "commitment_ids", path),
        score=text_field(raw, "score", path, max_len=200), feedback=text_field(raw, "feedback", path))


def _commitment(raw: Any, path: str) -> Commitment:
    if not isinstance(raw, dict):
        raise TenderFileError(_("must be an object"), path.rstrip("."))
    evidence = []
    for i, link in enumerate(list_field(raw, "evidence", path)):
        where = f"{path}evidence[{i}]."
        if not isinstance(link, dict):
            raise TenderFileError(_("must be an object"), where.rstrip("."))
        evidence.append(EvidenceLink(text_field(link, "tender_reference", where, required=True, max_len=100),
                                     choice_field(link, "kind", where, EVIDENCE_KINDS, "kpi_result"),
                                     text_field(link, "title", where)))
    return Commitment(
        id=text_field(raw, "id", path, required=True, max_len=100), title=text_field(raw, "title", path, required=True),
        theme=choice_field(raw, "theme", path, THEMES, "fighting_climate_change"),
        charter_commitment=text_field(raw, "charter_commitment", path, max_len=100),
        beneficiary=text_field(raw, "beneficiary", path), quantity=_decimal(raw, "quantity", path),
        unit=text_field(raw, "unit", path, max_len=200), baseline=text_field(raw, "baseline", path),
        target=text_field(raw, "target", path), start_date=date_field(raw, "start_date", path),
        end_date=date_field(raw, "end_date", path), owner=text_field(raw, "owner", path, max_len=200),
        cost_gbp=_decimal(raw, "cost_gbp", path), approved_by=text_field(raw, "approved_by", path, max_len=200),
        approved_on=date_field(raw, "approved_on", path), evidence=evidence,
        capacity=_decimal(raw, "capacity", path), notes=text_field(raw, "notes", path))


def bid_from_dict(data: Any) -> tuple[Bid, list[Commitment]]:
    if not isinstance(data, dict):
        raise TenderFileError(_("the file must hold one JSON object"))
    if data.get("format") != FORMAT_NAME:
        raise TenderFileError(_("must be {name!r}").format(name=FORMAT_NAME), "format")
    if data.get("format_version") != FORMAT_VERSION:
        raise TenderFileError(_("must be {version}").format(version=FORMAT_VERSION), "format_version")
    questions_raw = list_field(data, "questions", "")
    if len(questions_raw) > MAX_QUESTIONS:
        raise TenderFileError(_("has {count} questions; at most {max_count}").format(
                                count=len(questions_raw), max_count=MAX_QUESTIONS), "questions")
    themes = text_list_field(data, "themes", "")
    for i, theme in enumerate(themes):
        if theme not in THEMES:
            raise TenderFileError(_("must be one of {allowed}; not {value!r}").format(
                                    allowed=", ".join(THEMES), value=theme[:40]), f"themes[{i}]")
    duration = data.get("duration_months")
    outcome = object_field(data, "outcome", "")
    bid = Bid(
        reference=text_field(data, "reference", "", required=True, max_len=100),
        title=text_field(data, "title", ""), commissioner=text_field(data, "commissioner", ""),
        portal=text_field(data, "portal", ""), portal_reference=text_field(data, "portal_reference", ""),
        value_gbp=_decimal(data, "value_gbp", ""),
        duration_months=None if duration is None else int(number_field(
            data, "duration_months", "", low=Decimal(1), high=Decimal(1200), integer=True)),
        submission_deadline=_deadline(data), regime=choice_field(data, "regime", "", BID_REGIMES, "procurement_act"),
        social_value_weighting_pct=_decimal(data, "social_value_weighting_pct", "", Decimal(100)),
        themes=themes, criteria=text_field(data, "criteria", ""),
        questions=[_question(raw, f"questions[{i}].") for i, raw in enumerate(questions_raw)],
        stage=choice_field(data, "stage", "", BID_STAGES, "opportunity"),
        bid_lead=text_field(data, "bid_lead", "", max_len=200), approver=text_field(data, "approver", "", max_len=200),
        approved_on=date_field(data, "approved_on", ""), submitted_on=date_field(data, "submitted_on", ""),
        go_decision_notes=text_field(data, "go_decision_notes", ""),
        outcome=BidOutcome(date_field(outcome, "decided_on", "outcome."),
                           *(text_field(outcome, key, "outcome.") for key in
                             ("total_score", "winner_score", "feedback", "lessons", "contract_reference"))))
    commitments = [_commitment(raw, f"commitments[{i}].")
                   for i, raw in enumerate(list_field(data, "commitments", ""))]
    return bid, commitments


def parse_bid_json(text: str | bytes) -> tuple[Bid, list[Commitment]]:
    try:
        data = json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise TenderFileError(_("the file is not valid JSON: {exc}").format(exc=str(exc)[:200])) from None
    return bid_from_dict(data)


def read_bid_file(path: str | Path) -> tuple[Bid, list[Commitment]]:
    try:
        raw = read_limited(path, MAX_FILE_BYTES, what="bid file")
    except FileReadError as exc:
        raise TenderFileError(str(exc)) from None
    try:
        return parse_bid_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise TenderFileError(_("the file is not UTF-8 text (byte {start})").format(start=exc.start)) from None


def bid_file_text(bid: Bid, commitments: list[Commitment]) -> str:
    return json.dumps(bid_to_dict(bid, commitments), ensure_ascii=False, indent=2) + "\n"
