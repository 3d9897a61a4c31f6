"""The `evaluation` key of the `.svtender.json` file: the questions as issued, bidders, panel, individual
scores, consensus scores with their reasons, the moderation state and the award notice date.

An optional key added to format 1 (the format allows sv-desktop to add keys): a file without it reads as
before, with no evaluation. Each bad value is refused with a `TenderFileError` naming its path
(`evaluation.scores[3].score`), and so is a score for a bidder, question or evaluator the file does not list,
or one off its question's scale: nothing is half-read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..i18n import _
from . import json_fields
from .evaluation import (
    STATUSES,
    Bidder,
    Consensus,
    Evaluation,
    IndividualScore,
    IssuedQuestion,
    PanelMember,
)
from .json_fields import TenderFileError

_bool = json_fields.bool_field
_date = json_fields.date_field
_kind = json_fields.kind_of
_list = json_fields.list_field
_number = json_fields.number_field
_num = json_fields.json_number
_text = json_fields.text_field

KEY = "evaluation"
MAX_NAME = 500
MAX_BIDDERS = 200
MAX_PANEL = 50
MAX_SCALE = 1000
PERCENT = (Decimal(0), Decimal(100))


def _items(obj: dict, key: str, path: str, most: int) -> list[tuple[str, dict]]:
    """(path prefix, object) for each item of the list `key`; anything but an object is refused."""
    raw_items = _list(obj, key, path)
    if len(raw_items) > most:
        raise TenderFileError(_("has {count:,} entries; at most {most:,}").format(count=len(raw_items), most=most),
                              f"{path}{key}")
    out = []
    for i, raw in enumerate(raw_items):
        where = f"{path}{key}[{i}]"
        if not isinstance(raw, dict):
            raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(raw)), where)
        out.append((f"{where}.", raw))
    return out


def _name(obj: dict, key: str, path: str) -> str:
    value = _text(obj, key, path, required=True, max_len=MAX_NAME)
    if not value.strip():
        raise TenderFileError(_("must not be empty"), f"{path}{key}")
    return value


def _int(obj: dict, key: str, path: str, low: int, high: int, default: int | None = None) -> int:
    return int(_number(obj, key, path, low=Decimal(low), high=Decimal(high), integer=True,
                       default=None if default is None else Decimal(default)))


def _optional_int(obj: dict, key: str, path: str, low: int, high: int) -> int | None:
    return None if obj.get(key) is None else _int(obj, key, path, low, high)


def _percent(obj: dict, key: str, path: str, default: Decimal | None = None) -> Decimal:
    return _number(obj, key, path, low=PERCENT[0], high=PERCENT[1], default=default)


def _question(obj: dict, path: str) -> IssuedQuestion:
    return IssuedQuestion(
        reference=_name(obj, "reference", path), theme=_text(obj, "theme", path, max_len=MAX_NAME),
        title=_text(obj, "title", path), text=_text(obj, "text", path),
        weight_pct=_percent(obj, "weight_pct", path), scale_max=_int(obj, "scale_max", path, 1, MAX_SCALE),
        scale_id=_text(obj, "scale_id", path, default="0-5", max_len=20),
        minimum_score=_optional_int(obj, "minimum_score", path, 0, MAX_SCALE),
        disqualify_below_minimum=_bool(obj, "disqualify_below_minimum", path, False),
        shared_pct=None if obj.get("shared_pct") is None else _percent(obj, "shared_pct", path),
        shared_by=_int(obj, "shared_by", path, 1, 1000, default=1))


def _unique(names: list[str], key: str, what: str) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise TenderFileError(_("{name!r} is listed twice; each {what} needs its own name").format(
                                  name=name, what=what), f"{KEY}.{key}[{i}]")
        seen.add(name)


def _known(value: str, allowed: set[str], where: str, what: str) -> None:
    if value not in allowed:
        raise TenderFileError(_("{value!r} is not one of the evaluation's {what}").format(value=value, what=what),
                              where)


def _on_scale(score: int, question: IssuedQuestion, where: str) -> None:
    if score > question.scale_max:
        raise TenderFileError(_("must be from 0 to {scale_max} (the scale of {reference}), not {score}").format(
                              scale_max=question.scale_max, reference=question.reference, score=score), where)


def read_evaluation(data: dict) -> Evaluation | None:
    """The file's evaluation, or None when it has none."""
    if data.get(KEY) is None:
        return None
    raw = data[KEY]
    if not isinstance(raw, dict):
        raise TenderFileError(_("must be an object, not {kind}").format(kind=_kind(raw)), KEY)
    path = f"{KEY}."
    questions = [_question(item, where) for where, item in _items(raw, "questions", path, 1000)]
    _unique([q.reference for q in questions], "questions", _("question"))
    bidders = [Bidder(name=_name(item, "name", where), address=_text(item, "address", where),
                      identifier=_text(item, "identifier", where, max_len=MAX_NAME),
                      postcode=_text(item, "postcode", where, max_len=20),
                      sme=_bool(item, "sme", where, False), vcse=_bool(item, "vcse", where, False),
                      lot=_optional_int(item, "lot", where, 1, 1000),
                      summary_sent_on=_date(item, "summary_sent_on", where))
               for where, item in _items(raw, "bidders", path, MAX_BIDDERS)]
    _unique([b.name for b in bidders], "bidders", _("bidder"))
    panel = [PanelMember(name=_name(item, "name", where), role=_text(item, "role", where, max_len=MAX_NAME),
                         conflict_declared_on=_date(item, "conflict_declared_on", where),
                         experience=_text(item, "experience", where))
             for where, item in _items(raw, "panel", path, MAX_PANEL)]
    _unique([p.name for p in panel], "panel", _("panel member"))
    by_ref = {q.reference: q for q in questions}
    bidder_names, panel_names = {b.name for b in bidders}, {p.name for p in panel}
    scores = []
    seen_scores: set[tuple[str, str, str]] = set()
    for where, item in _items(raw, "scores", path, MAX_BIDDERS * MAX_PANEL * 100):
        score = IndividualScore(evaluator=_name(item, "evaluator", where), bidder=_name(item, "bidder", where),
                                question=_name(item, "question", where),
                                score=_int(item, "score", where, 0, MAX_SCALE),
                                rationale=_text(item, "rationale", where))
        _known(score.evaluator, panel_names, f"{where}evaluator", _("panel members"))
        _known(score.bidder, bidder_names, f"{where}bidder", _("bidders"))
        _known(score.question, set(by_ref), f"{where}question", _("questions"))
        _on_scale(score.score, by_ref[score.question], f"{where}score")
        key = (score.evaluator, score.bidder, score.question)
        if key in seen_scores:
            raise TenderFileError(_("is a second score by the same evaluator for the same bidder and question"),
                                  where.rstrip("."))
        seen_scores.add(key)
        scores.append(score)
    consensus = []
    seen_consensus: set[tuple[str, str]] = set()
    for where, item in _items(raw, "consensus", path, MAX_BIDDERS * 1000):
        entry = Consensus(bidder=_name(item, "bidder", where), question=_name(item, "question", where),
                          score=_optional_int(item, "score", where, 0, MAX_SCALE),
                          reason=_text(item, "reason", where), commitment=_text(item, "commitment", where))
        _known(entry.bidder, bidder_names, f"{where}bidder", _("bidders"))
        _known(entry.question, set(by_ref), f"{where}question", _("questions"))
        if entry.score is not None:
            _on_scale(entry.score, by_ref[entry.question], f"{where}score")
        if (entry.bidder, entry.question) in seen_consensus:
            raise TenderFileError(_("is a second consensus score for the same bidder and question"),
                                  where.rstrip("."))
        seen_consensus.add((entry.bidder, entry.question))
        consensus.append(entry)
    status = json_fields.choice_field(raw, "status", path, STATUSES, default="scoring")
    if status == "complete":
        missing = [(c.bidder, c.question) for c in consensus if c.score is None or not c.reason.strip()]
        if missing or len(consensus) != len(bidders) * len(questions):
            raise TenderFileError(_("cannot be complete while a consensus score or its reason is missing"),
                                  f"{path}status")
    return Evaluation(
        questions=questions, pack_version=_text(raw, "pack_version", path, max_len=MAX_NAME),
        social_value_weight_pct=_percent(raw, "social_value_weight_pct", path, default=Decimal(0)),
        bidders=bidders, panel=panel, scores=scores, consensus=consensus, status=status,
        spread_threshold_pct=_percent(raw, "spread_threshold_pct", path, default=Decimal(40)),
        award_notice_date=_date(raw, "award_notice_date", path))


def _day(value) -> str | None:
    return value.isoformat() if value else None


def write_evaluation(evaluation: Evaluation | None) -> dict[str, Any]:
    """{"evaluation": ...} for a tender file, or nothing when there is no evaluation."""
    if evaluation is None:
        return {}
    questions = [{"reference": q.reference, "theme": q.theme, "title": q.title, "text": q.text,
                  "weight_pct": _num(q.weight_pct), "scale_max": q.scale_max, "scale_id": q.scale_id,
                  "minimum_score": q.minimum_score, "disqualify_below_minimum": q.disqualify_below_minimum,
                  "shared_pct": None if q.shared_pct is None else _num(q.shared_pct), "shared_by": q.shared_by}
                 for q in evaluation.questions]
    return {KEY: {
        "pack_version": evaluation.pack_version,
        "social_value_weight_pct": _num(evaluation.social_value_weight_pct),
        "status": evaluation.status,
        "spread_threshold_pct": _num(evaluation.spread_threshold_pct),
        "award_notice_date": _day(evaluation.award_notice_date),
        "questions": questions,
        "bidders": [{"name": b.name, "address": b.address, "identifier": b.identifier, "postcode": b.postcode,
                     "sme": b.sme, "vcse": b.vcse, "lot": b.lot, "summary_sent_on": _day(b.summary_sent_on)}
                    for b in evaluation.bidders],
        "panel": [{"name": p.name, "role": p.role, "conflict_declared_on": _day(p.conflict_declared_on),
                   "experience": p.experience} for p in evaluation.panel],
        "scores": [{"evaluator": s.evaluator, "bidder": s.bidder, "question": s.question, "score": s.score,
                    "rationale": s.rationale} for s in evaluation.scores],
        "consensus": [{"bidder": c.bidder, "question": c.question, "score": c.score, "reason": c.reason,
                       "commitment": c.commitment} for c in evaluation.consensus],
    }}
