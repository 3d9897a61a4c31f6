"""Reading and writing bids (with their questions and answers) and the Trust-wide commitment library.

Like tenders, each bid and each commitment has a version counter: two people saving at once get "changed by
someone else" rather than one silently overwriting the other. A bid's questions are replaced whole on each
save, in the same transaction, so a crash leaves either the old bid or the new one.

Deleting a bid moves it to the bin, as for tenders: it keeps its reference (no other bid may take it) and can
be restored until the start-up purge removes it, 30 days after it was deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from ..i18n import _
from ..model.bid import Bid, BidOutcome, BidQuestion, BidSummary
from ..model.commitment import Commitment, EvidenceLink
from .errors import ConflictError, DuplicateReferenceError, NotFoundError, StoreError
from .mapping import MAX_REFERENCE
from .models import BidQuestionRow, BidRow, CommitmentRow

Sessions = Callable[[], AbstractContextManager[Session]]

_OUTCOME_TEXT = ("total_score", "winner_score", "feedback", "lessons", "contract_reference")


def _outcome_to_dict(outcome: BidOutcome) -> dict:
    data: dict = {name: getattr(outcome, name) for name in _OUTCOME_TEXT}
    data["decided_on"] = outcome.decided_on.isoformat() if outcome.decided_on else None
    return data


def _outcome_from_dict(data: dict) -> BidOutcome:
    decided = data.get("decided_on")
    return BidOutcome(decided_on=dt.date.fromisoformat(decided) if decided else None,
                      **{name: str(data.get(name) or "") for name in _OUTCOME_TEXT})


_SUMMARY_COLUMNS = (
    BidRow.reference, BidRow.title, BidRow.commissioner, BidRow.value_gbp, BidRow.stage,
    BidRow.submission_deadline, BidRow.updated_at, BidRow.bid_lead, BidRow.regime,
    BidRow.social_value_weighting_pct)
"""What a list row holds, in the order `BidSummary` takes it."""


def _check_key(key: str, what: str) -> None:
    if not key or not key.strip():
        raise StoreError(_("A {what} needs a reference before it can be saved.").format(what=what))
    if len(key) > MAX_REFERENCE:
        raise StoreError(_("The reference {reference}... is too long ({count} characters; at most "
                           "{max_reference}).").format(reference=key[:40], count=len(key),
                                                       max_reference=MAX_REFERENCE))


def bid_from_row(row: BidRow) -> Bid:
    return Bid(
        reference=row.reference, title=row.title, commissioner=row.commissioner, portal=row.portal,
        portal_reference=row.portal_reference, value_gbp=row.value_gbp, duration_months=row.duration_months,
        submission_deadline=row.submission_deadline, regime=row.regime,
        social_value_weighting_pct=row.social_value_weighting_pct, themes=list(row.themes or []),
        criteria=row.criteria,
        questions=[BidQuestion(q.number, q.text, q.limit, q.limit_kind, q.scoring_scale, q.weight_pct, q.answer,
                               list(q.commitment_ids or []), q.score, q.feedback) for q in row.questions],
        stage=row.stage, bid_lead=row.bid_lead, approver=row.approver, approved_on=row.approved_on,
        submitted_on=row.submitted_on, go_decision_notes=row.go_decision_notes,
        outcome=_outcome_from_dict(row.outcome or {}), version=row.version_id, updated_at=row.updated_at)


def _fill_bid(row: BidRow, bid: Bid, now: dt.datetime) -> None:
    for name in ("reference", "title", "commissioner", "portal", "portal_reference", "value_gbp",
                 "duration_months", "submission_deadline", "regime", "social_value_weighting_pct", "criteria",
                 "stage", "bid_lead", "approver", "approved_on", "submitted_on", "go_decision_notes"):
        setattr(row, name, getattr(bid, name))
    row.themes = list(bid.themes)
    row.outcome = _outcome_to_dict(bid.outcome)
    row.updated_at = now
    row.version_id = 1 if row.version_id is None else row.version_id + 1


def commitment_from_row(row: CommitmentRow) -> Commitment:
    return Commitment(
        id=row.key, title=row.title, theme=row.theme, charter_commitment=row.charter_commitment,
        beneficiary=row.beneficiary, quantity=row.quantity, unit=row.unit, baseline=row.baseline,
        target=row.target, start_date=row.start_date, end_date=row.end_date, owner=row.owner,
        cost_gbp=row.cost_gbp, approved_by=row.approved_by, approved_on=row.approved_on,
        evidence=[EvidenceLink(str(e.get("tender_reference", "")), str(e.get("kind", "kpi_result")),
                               str(e.get("title", ""))) for e in row.evidence or []],
        capacity=row.capacity, notes=row.notes, version=row.version_id, updated_at=row.updated_at)


def _refuse_taken(session: Session, reference: str) -> None:
    """A new or renamed bid may not take a reference another bid holds, live or in the bin."""
    deleted = session.execute(select(BidRow.deleted_at).where(BidRow.reference == reference)).first()
    if deleted is None:
        return
    if deleted.deleted_at is not None:
        raise DuplicateReferenceError(_("Another bid already uses the reference {reference} (it is in the bin). "
                                        "Choose a different reference, or restore that bid.").format(
                                        reference=reference))
    raise DuplicateReferenceError(_("Another bid already uses the reference {reference}.").format(
                                    reference=reference))


class BidStore:
    """Bids and commitments over the tender store's sessions (`read` and `write` open one each; `write`
    commits and counts the change)."""

    def __init__(self, read: Sessions, write: Sessions, now: Callable[[], dt.datetime]) -> None:
        self._read = read
        self._write = write
        self._now = now

    # ------------------------------------------------------------ bids

    def list_bids(self, text: str = "") -> list[BidSummary]:
        """Live bids (not those in the bin) whose reference, title, commissioner or lead contain `text`."""
        needle = text.strip().casefold()
        with self._read() as session:
            rows = session.execute(select(*_SUMMARY_COLUMNS).where(BidRow.deleted_at.is_(None))
                                   .order_by(BidRow.reference)).all()
        summaries = [BidSummary(*row) for row in rows]
        if needle:
            summaries = [s for s in summaries
                         if needle in f"{s.reference}\n{s.title}\n{s.commissioner}\n{s.bid_lead}".casefold()]
        return summaries

    def get_bid(self, reference: str) -> Bid:
        with self._read() as session:
            row = session.scalar(select(BidRow).where(BidRow.reference == reference)
                                 .options(selectinload(BidRow.questions)))
            if row is None:
                raise NotFoundError(_("There is no bid with the reference {reference}.").format(reference=reference))
            if row.deleted_at is not None:
                raise NotFoundError(_("The bid {reference} is in the bin. Restore it from the bin to open "
                                      "it.").format(reference=reference))
            return bid_from_row(row)

    def all_bids(self) -> list[Bid]:
        """Every live bid, whole (those in the bin are left out)."""
        with self._read() as session:
            rows = session.scalars(select(BidRow).where(BidRow.deleted_at.is_(None))
                                   .options(selectinload(BidRow.questions)).order_by(BidRow.reference)).all()
            return [bid_from_row(row) for row in rows]

    def bid_exists(self, reference: str) -> bool:
        """True when the reference is taken, by a live bid or by one in the bin."""
        with self._read() as session:
            return session.scalar(select(BidRow.id).where(BidRow.reference == reference)) is not None

    def save_bid(self, bid: Bid, previous_reference: str | None = None) -> Bid:
        """Create the bid (version 0) or save over the stored one if nobody saved it since `bid.version`."""
        _check_key(bid.reference, _("bid"))
        now = self._now()
        looked_up = previous_reference or bid.reference
        with self._write() as session:
            row = session.scalar(select(BidRow).where(BidRow.reference == looked_up).with_for_update())
            if bid.version == 0:
                _refuse_taken(session, bid.reference)
                row = BidRow()
                session.add(row)
            elif row is None:
                raise NotFoundError(_("There is no bid with the reference {reference}.").format(
                                      reference=looked_up))
            elif row.deleted_at is not None:
                raise NotFoundError(_("The bid {reference} is in the bin, so your changes could not be saved "
                                      "over it. Restore it from the bin first.").format(reference=looked_up))
            elif row.version_id != bid.version:
                raise ConflictError(bid.reference)
            elif bid.reference != looked_up:
                _refuse_taken(session, bid.reference)
            _fill_bid(row, bid, now)
            session.flush()
            session.execute(delete(BidQuestionRow).where(BidQuestionRow.bid_id == row.id))
            session.expire(row, ["questions"])
            session.add_all([BidQuestionRow(
                bid_id=row.id, position=i, number=q.number, text=q.text, limit=q.limit, limit_kind=q.limit_kind,
                scoring_scale=q.scoring_scale, weight_pct=q.weight_pct, answer=q.answer,
                commitment_ids=list(q.commitment_ids), score=q.score, feedback=q.feedback)
                for i, q in enumerate(bid.questions)])
            session.flush()
            version = row.version_id
        return dataclasses.replace(bid, version=version, updated_at=now)

    # ------------------------------------------------------------ the bin

    def delete_bid(self, reference: str) -> None:
        """Move a bid to the bin; it can be restored until the bin is emptied."""
        with self._write() as session:
            row = session.scalar(select(BidRow).where(BidRow.reference == reference).with_for_update())
            if row is None or row.deleted_at is not None:
                raise NotFoundError(_("There is no bid with the reference {reference} to delete.").format(
                                      reference=reference))
            row.deleted_at = self._now()

    def list_bid_bin(self) -> list[BidSummary]:
        """Bids in the bin, most recently deleted first."""
        with self._read() as session:
            rows = session.execute(select(*_SUMMARY_COLUMNS).where(BidRow.deleted_at.is_not(None))
                                   .order_by(BidRow.deleted_at.desc(), BidRow.reference)).all()
        return [BidSummary(*row) for row in rows]

    def bid_bin_deleted_at(self) -> dict[str, dt.datetime]:
        """When each bid in the bin was put there (its removal for good counts from then)."""
        query = select(BidRow.reference, BidRow.deleted_at).where(BidRow.deleted_at.is_not(None))
        with self._read() as session:
            return {reference: deleted for reference, deleted in session.execute(query) if deleted is not None}

    def restore_bid(self, reference: str) -> None:
        """Bring a bid back from the bin, as it was when deleted (its reference was kept for it)."""
        with self._write() as session:
            row = session.scalar(select(BidRow).where(BidRow.reference == reference).with_for_update())
            if row is None or row.deleted_at is None:
                raise NotFoundError(_("The bid {reference} is not in the bin.").format(reference=reference))
            row.deleted_at = None

    def purge_bid_bin(self, older_than_days: int = 30) -> int:
        """Empty the bin of bids deleted more than `older_than_days` ago (with their questions); returns how
        many went."""
        cutoff = self._now() - dt.timedelta(days=older_than_days)
        expired = (BidRow.deleted_at.is_not(None), BidRow.deleted_at <= cutoff)
        with self._read() as session:
            if not session.scalar(select(func.count()).select_from(BidRow).where(*expired)):
                return 0  # nothing to do, and no change recorded (so no needless backup)
        with self._write() as session:
            doomed = select(BidRow.id).where(*expired).scalar_subquery()
            session.execute(delete(BidQuestionRow).where(BidQuestionRow.bid_id.in_(doomed)),
                            execution_options={"synchronize_session": False})
            result = session.execute(delete(BidRow).where(*expired), execution_options={"synchronize_session": False})
            return int(getattr(result, "rowcount", 0) or 0)

    # ------------------------------------------------------------ the commitment library

    def list_commitments(self) -> list[Commitment]:
        with self._read() as session:
            return [commitment_from_row(row)
                    for row in session.scalars(select(CommitmentRow).order_by(CommitmentRow.key)).all()]

    def save_commitment(self, commitment: Commitment) -> Commitment:
        _check_key(commitment.id, _("commitment"))
        now = self._now()
        with self._write() as session:
            row = session.scalar(select(CommitmentRow).where(CommitmentRow.key == commitment.id).with_for_update())
            if row is None:
                if commitment.version != 0:
                    raise NotFoundError(_("There is no commitment {id} in the library.").format(id=commitment.id))
                row = CommitmentRow(key=commitment.id)
                session.add(row)
            elif commitment.version == 0:
                raise DuplicateReferenceError(_("The library already has a commitment {id}.").format(
                                                id=commitment.id))
            elif row.version_id != commitment.version:
                raise ConflictError(commitment.id)
            for name in ("title", "theme", "charter_commitment", "beneficiary", "quantity", "unit", "baseline",
                         "target", "start_date", "end_date", "owner", "cost_gbp", "approved_by", "approved_on",
                         "capacity", "notes"):
                setattr(row, name, getattr(commitment, name))
            row.evidence = [dataclasses.asdict(link) for link in commitment.evidence]
            row.updated_at = now
            row.version_id = 1 if row.version_id is None else row.version_id + 1
            session.flush()
            version = row.version_id
        return dataclasses.replace(commitment, version=version, updated_at=now)

    def delete_commitment(self, commitment_id: str) -> None:
        with self._write() as session:
            row = session.scalar(select(CommitmentRow).where(CommitmentRow.key == commitment_id))
            if row is None:
                raise NotFoundError(_("There is no commitment {id} in the library.").format(id=commitment_id))
            session.delete(row)
