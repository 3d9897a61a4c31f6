"""Reading and writing a tender's evaluation (bidders, panel, individual and consensus scores).

The evaluation has its own version counter: two people saving it at once get "changed by someone else" rather
than one silently overwriting the other, as with tenders. Children are replaced whole on each save, in the same
transaction, so a crash leaves either the old evaluation or the new one.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from ..i18n import _
from ..model.evaluation import (
    Bidder,
    Consensus,
    Evaluation,
    IndividualScore,
    PanelMember,
    question_from_dict,
    question_to_dict,
)
from .errors import ConflictError, NotFoundError, StoreError
from .models import EvalBidderRow, EvalConsensusRow, EvalPanelRow, EvalScoreRow, EvaluationRow, TenderRow

_CHILDREN = (EvalBidderRow, EvalPanelRow, EvalScoreRow, EvalConsensusRow)
_FULL = (selectinload(EvaluationRow.bidders), selectinload(EvaluationRow.panel),
         selectinload(EvaluationRow.scores), selectinload(EvaluationRow.consensus))


def _tender_id(session: Session, reference: str) -> int:
    found = session.execute(select(TenderRow.id, TenderRow.deleted_at).where(TenderRow.reference == reference)).first()
    if found is None or found.deleted_at is not None:
        raise NotFoundError(_("There is no tender with the reference {reference}.").format(
                              reference=reference))
    return found.id


def _from_row(row: EvaluationRow) -> Evaluation:
    return Evaluation(
        questions=[question_from_dict(item) for item in row.questions or []],
        pack_version=row.pack_version,
        social_value_weight_pct=row.social_value_weight_pct,
        bidders=[Bidder(b.name, b.address, b.identifier, b.postcode, b.sme, b.vcse, b.lot, b.summary_sent_on)
                 for b in row.bidders],
        panel=[PanelMember(p.name, p.role, p.conflict_declared_on, p.experience) for p in row.panel],
        scores=[IndividualScore(s.evaluator, s.bidder, s.question, s.score, s.rationale) for s in row.scores],
        consensus=[Consensus(c.bidder, c.question, c.score, c.reason, c.commitment) for c in row.consensus],
        status=row.status,
        spread_threshold_pct=row.spread_threshold_pct,
        award_notice_date=row.award_notice_date,
        version=row.version_id,
    )


def read_evaluation(session: Session, reference: str) -> Evaluation | None:
    tender_id = _tender_id(session, reference)
    row = session.scalar(select(EvaluationRow).where(EvaluationRow.tender_id == tender_id).options(*_FULL))
    return None if row is None else _from_row(row)


def replace_evaluation(session: Session, reference: str, evaluation: Evaluation) -> int:
    """Save over whatever evaluation is stored, whatever its version (an import replaces it, as it replaces the
    tender); returns the new version."""
    tender_id = _tender_id(session, reference)
    stored = session.scalar(select(EvaluationRow.version_id).where(EvaluationRow.tender_id == tender_id))
    return write_evaluation(session, reference, dataclasses.replace(evaluation, version=stored or 0))


def write_evaluation(session: Session, reference: str, evaluation: Evaluation) -> int:
    """Save over the stored evaluation if its version is still `evaluation.version`; returns the new version."""
    tender_id = _tender_id(session, reference)
    row = session.scalar(select(EvaluationRow).where(EvaluationRow.tender_id == tender_id).with_for_update())
    if row is None:
        if evaluation.version != 0:
            raise ConflictError(reference)
        row = EvaluationRow(tender_id=tender_id)
        session.add(row)
    elif row.version_id != evaluation.version:
        raise ConflictError(reference)
    names = [bidder.name for bidder in evaluation.bidders]
    if len(set(names)) != len(names):
        raise StoreError(_("Two bidders have the same name; give each bidder its own name."))
    row.status = evaluation.status
    row.pack_version = evaluation.pack_version
    row.social_value_weight_pct = evaluation.social_value_weight_pct
    row.spread_threshold_pct = evaluation.spread_threshold_pct
    row.questions = [question_to_dict(question) for question in evaluation.questions]
    row.award_notice_date = evaluation.award_notice_date
    row.version_id = 1 if row.version_id is None else row.version_id + 1
    session.flush()
    for model in _CHILDREN:
        session.execute(delete(model).where(model.evaluation_id == row.id))
    session.expire(row, ["bidders", "panel", "scores", "consensus"])
    session.add_all(
        [EvalBidderRow(evaluation_id=row.id, position=i, name=b.name, address=b.address, identifier=b.identifier,
                       postcode=b.postcode, sme=b.sme, vcse=b.vcse, lot=b.lot, summary_sent_on=b.summary_sent_on)
         for i, b in enumerate(evaluation.bidders)]
        + [EvalPanelRow(evaluation_id=row.id, position=i, name=p.name, role=p.role,
                        conflict_declared_on=p.conflict_declared_on, experience=p.experience)
           for i, p in enumerate(evaluation.panel)]
        + [EvalScoreRow(evaluation_id=row.id, evaluator=s.evaluator, bidder=s.bidder, question=s.question,
                        score=s.score, rationale=s.rationale) for s in evaluation.scores]
        + [EvalConsensusRow(evaluation_id=row.id, bidder=c.bidder, question=c.question, score=c.score,
                            reason=c.reason, commitment=c.commitment) for c in evaluation.consensus])
    session.flush()
    return row.version_id
