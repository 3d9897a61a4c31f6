"""Use-cases of the Trust's own bids (policy P238 §1.1.1, §3.1, §5.2): the bids, their stages, the Trust-wide
commitment library, the bid rules, a win becoming a contract in delivery and a loss's lessons.

Given what it needs in its constructor (the store, a clock, the settings, and the service's tender `save`
as a plain callable), so it works on its own; `TenderService` makes one and forwards to it.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from .. import store
from ..i18n import _
from ..model.bid import (
    BID_STAGES,
    Bid,
    BidOutcome,
    BidSummary,
    Lesson,
    can_move,
    cannot_move_message,
    new_bid,
    similarity,
)
from ..model.bid_file import bid_file_text, read_bid_file
from ..model.bid_rules import BidRuleSet, blockers_for, evaluate_bid, load_bid_rules
from ..model.commitment import Commitment
from ..model.json_fields import TenderFileError
from ..model.lifecycle import Award, Supplier
from ..model.rules import Finding
from ..model.tender import Kpi, Tender, new_tender
from ..settings import Settings
from .errors import ServiceError
from .guard import plain_errors

COMMITMENT_SOURCE = "commitment:"
"""The `Kpi.source_id` prefix of a KPI made from a library commitment when a bid is won."""
DELIVERY_STAGES = ("awarded", "renewal_due")


class StageRefused(ServiceError):
    """A stage change refused; `blockers` are the findings that hold the bid back."""

    def __init__(self, message: str, blockers: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.blockers = list(blockers)


class BidUseCases:
    """The bids over `tender_store.bids`. `save_tender` stores the contract record a won bid becomes."""

    def __init__(self, tender_store: store.TenderStore, settings: Settings, clock: Callable[[], dt.date], *,
                 save_tender: Callable[[Tender], Tender], rules: BidRuleSet | None = None,
                 theme_labels: Mapping[str, str] | None = None) -> None:
        self._store = tender_store
        self._theme_labels = dict(theme_labels or {})
        self._settings = settings
        self._today = clock
        self._save_tender = save_tender
        self.bid_rules = rules or load_bid_rules()

    # ---------------------------------------------------------------- bids

    def list_bids(self, text: str = "") -> list[BidSummary]:
        with plain_errors():
            return self._store.bids.list_bids(text)

    def new_bid(self, title: str = "") -> Bid:
        """An unsaved bid at the opportunity stage, with a free reference BID-YEAR-NNN."""
        prefix = f"BID-{self._today().year}-"
        with plain_errors():  # a bid in the bin keeps its reference
            taken = {s.reference for s in [*self._store.bids.list_bids(), *self._store.bids.list_bid_bin()]}
        number = 1
        while f"{prefix}{number:03d}" in taken:
            number += 1
        return new_bid(f"{prefix}{number:03d}", title)

    def get_bid(self, reference: str) -> Bid:
        with plain_errors():
            return self._store.bids.get_bid(reference)

    def save_bid(self, bid: Bid, previous_reference: str | None = None) -> Bid:
        if not bid.reference.strip():
            raise ServiceError(_("A bid needs a reference before it can be saved."))
        if bid.stage not in BID_STAGES:
            raise ServiceError(_("{stage} is not a stage of a bid.").format(stage=bid.stage))
        with plain_errors():
            return self._store.bids.save_bid(bid, previous_reference)

    # ---------------------------------------------------------------- the bin

    def delete_bid(self, reference: str) -> None:
        """Moves the bid to the bin, where it stays 30 days (like a tender)."""
        with plain_errors():
            self._store.bids.delete_bid(reference)

    def binned_bids(self) -> list[BidSummary]:
        """The bids in the bin, most recently deleted first."""
        with plain_errors():
            return self._store.bids.list_bid_bin()

    def bid_bin_removal_dates(self, days: int) -> dict[str, dt.datetime]:
        """When each bid in the bin will be removed for good (`days` after it was deleted)."""
        with plain_errors():
            return {reference: deleted + dt.timedelta(days=days)
                    for reference, deleted in self._store.bids.bid_bin_deleted_at().items()}

    def restore_bid(self, reference: str) -> None:
        """Brings the bid back from the bin as it was when deleted."""
        with plain_errors():
            self._store.bids.restore_bid(reference)

    def empty_bid_bin(self, older_than_days: int) -> int:
        """Removes for good the bids deleted more than `older_than_days` ago; returns how many."""
        with plain_errors():
            return self._store.bids.purge_bid_bin(older_than_days)

    # ---------------------------------------------------------------- rules and stages

    def bid_findings(self, bid: Bid) -> list[Finding]:
        """Every rule finding for the bid (blockers first), counting what other live bids and contracts in
        delivery already promise of each commitment."""
        return evaluate_bid(bid, self._library(), self.bid_rules, self._promised_elsewhere(bid.reference))

    def stage_blockers(self, bid: Bid, stage: str) -> list[Finding]:
        """The findings that stop `bid` moving to `stage` (empty: it may move)."""
        return blockers_for(self.bid_findings(bid), stage)

    def move_bid(self, bid: Bid, stage: str) -> Bid:
        """Save the bid at `stage`; StageRefused (with the blockers' sentences) if the move is not allowed."""
        if not can_move(bid.stage, stage):
            raise StageRefused(cannot_move_message(bid.stage, stage))
        blockers = self.stage_blockers(bid, stage)
        if blockers:
            raise StageRefused("\n".join(f.message for f in blockers), blockers)
        moved = copy.deepcopy(bid)
        moved.stage = stage
        if stage == "submitted" and moved.submitted_on is None:
            moved.submitted_on = self._today()
        return self.save_bid(moved)

    # ---------------------------------------------------------------- outcomes

    def win_bid(self, bid: Bid, *, decided_on: dt.date | None = None, contract_start: dt.date | None = None,
                value_gbp: Decimal | None = None, feedback: str = "", lessons: str = "") -> tuple[Bid, Tender]:
        """Record the win: a tender record of the contract in delivery (awarded to the Trust) whose KPIs are
        the bid's commitments, so the Trust reports on what it promised. Returns the bid and the contract."""
        if not can_move(bid.stage, "won"):
            raise StageRefused(cannot_move_message(bid.stage, "won"))
        day = decided_on or self._today()
        library = self._library()
        contract = new_tender(self._contract_reference(bid.reference), bid.title, "clinical_services")
        contract.description = _("Contract won by the Trust's bid {reference} for {commissioner}.").format(
            reference=bid.reference, commissioner=bid.commissioner or _("the commissioner"))
        contract.value_excl_vat_gbp = value_gbp if value_gbp is not None else (bid.value_gbp or Decimal(0))
        contract.duration_months = bid.duration_months or 12
        contract.vat_treatment = "exempt"
        contract.route = "psr_competitive" if bid.regime == "psr" else "open"
        if bid.social_value_weighting_pct is not None:
            contract.social_value_weighting_pct = bid.social_value_weighting_pct
        contract.contract_start_date = contract_start
        contract.stage = "awarded"
        contract.leads = {"bid_lead": bid.bid_lead} if bid.bid_lead else {}
        contract.award = Award(supplier=Supplier(name=self._settings.organisation), awarded_on=day,
                               awarded_value_gbp=contract.value_excl_vat_gbp)
        contract.kpis = [self._kpi(library[cid]) for cid in bid.commitment_ids if cid in library]
        saved_contract = self._save_tender(contract)
        won = copy.deepcopy(bid)
        won.stage = "won"
        won.outcome = BidOutcome(decided_on=day, total_score=bid.outcome.total_score,
                                 winner_score=bid.outcome.winner_score, feedback=feedback or bid.outcome.feedback,
                                 lessons=lessons or bid.outcome.lessons, contract_reference=saved_contract.reference)
        return self.save_bid(won), saved_contract

    def lose_bid(self, bid: Bid, outcome: BidOutcome, scores: dict[str, tuple[str, str]] | None = None) -> Bid:
        """Record the loss: the commissioner's scores and feedback (overall, and per question number as
        (score, feedback)) and the lessons learned, shown next time a similar question is answered."""
        if not can_move(bid.stage, "lost"):
            raise StageRefused(cannot_move_message(bid.stage, "lost"))
        lost = copy.deepcopy(bid)
        lost.stage = "lost"
        lost.outcome = copy.deepcopy(outcome)
        if lost.outcome.decided_on is None:
            lost.outcome.decided_on = self._today()
        for question in lost.questions:
            if scores and question.number in scores:
                question.score, question.feedback = scores[question.number]
        return self.save_bid(lost)

    def similar_lessons(self, question_text: str, *, except_reference: str = "",
                        minimum: Decimal = Decimal("0.2"), limit: int = 5) -> list[Lesson]:
        """Feedback and lessons of earlier lost bids on questions like `question_text`, most similar first."""
        with plain_errors():
            bids = [b for b in self._store.bids.all_bids() if b.stage == "lost" and b.reference != except_reference]
        lessons = []
        for bid in bids:
            for question in bid.questions:
                score = similarity(question_text, question.text)
                if score >= minimum and (question.feedback or bid.outcome.feedback or bid.outcome.lessons):
                    lessons.append(Lesson(bid.reference, bid.title, question.number, question.text, question.score,
                                          question.feedback or bid.outcome.feedback, bid.outcome.lessons, score))
        lessons.sort(key=lambda lesson: (-lesson.similarity, lesson.bid_reference, lesson.question_number))
        return lessons[:limit]

    # ---------------------------------------------------------------- files

    def export_bid_file(self, reference: str, out: Path) -> Path:
        """Write the bid, with the library commitments it uses, as a bid file (.svtender.json family)."""
        from ..export import ExportError, atomic_write
        from .errors import export_error

        bid = self.get_bid(reference)
        library = self._library()
        text = bid_file_text(bid, [library[cid] for cid in bid.commitment_ids if cid in library])
        try:
            return atomic_write(Path(out), lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except ExportError as exc:
            raise export_error(exc) from exc

    def import_bid_file(self, path: Path) -> Bid:
        """Store the bid of a bid file (replacing a stored bid of the same reference, bringing it back from the
        bin, as a tender import does) and add the commitments it carries that the library does not have yet
        (the library's own are kept)."""
        try:
            bid, commitments = read_bid_file(path)
        except TenderFileError as exc:
            raise ServiceError(_("{name} cannot be imported: {exc}").format(name=Path(path).name, exc=exc)) from exc
        known = {c.id for c in self.list_commitments()}
        for commitment in commitments:
            if commitment.id not in known:
                self.save_commitment(dataclasses.replace(commitment, version=0))
        with plain_errors():
            if bid.reference in {s.reference for s in self._store.bids.list_bid_bin()}:
                self._store.bids.restore_bid(bid.reference)
            stored = self._store.bids.get_bid(bid.reference) if self._store.bids.bid_exists(bid.reference) else None
        return self.save_bid(dataclasses.replace(bid, version=stored.version if stored else 0))

    # ---------------------------------------------------------------- documents

    def export_bid_response(self, reference: str, out: Path) -> Path:
        """Write the response to the commissioner's questions (one section per question in their numbering,
        ready to paste into the portal) as .docx or .pdf, chosen by the name's suffix."""
        from ..export.bid_response import write_response_docx, write_response_pdf

        writers = {".docx": write_response_docx, ".pdf": write_response_pdf}
        writer = writers.get(Path(out).suffix.lower())
        if writer is None:
            raise ServiceError(_("The response is written as .docx or .pdf, not {name!r}.").format(name=Path(out).name))
        return self._write(writer, self._document_context(self.get_bid(reference), with_findings=False), out)

    def export_bid_approval(self, reference: str, out: Path) -> Path:
        """Write the one-page internal approval summary (commitments, cost, owners, risks) as .pdf."""
        from ..export.bid_approval import write_approval_pdf

        if Path(out).suffix.lower() != ".pdf":
            raise ServiceError(_("The approval summary is written as .pdf, not {name!r}.").format(name=Path(out).name))
        return self._write(write_approval_pdf, self._document_context(self.get_bid(reference), with_findings=True),
                           out)

    def export_bid_pipeline(self, out: Path) -> Path:
        """Write every bid (commissioner, service, value, deadline, stage, Bid Lead, approver) as .csv or .xlsx."""
        from ..export.atomic import ExportError
        from ..export.bid_pipeline_export import write_bid_pipeline_csv, write_bid_pipeline_xlsx
        from .errors import export_error

        suffix = Path(out).suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise ServiceError(_("The bid pipeline is exported as .csv or .xlsx, not {name!r}.").format(
                name=Path(out).name))
        with plain_errors():
            bids = self._store.bids.all_bids()
        try:
            if suffix == ".csv":
                return write_bid_pipeline_csv(bids, Path(out))
            return write_bid_pipeline_xlsx(bids, Path(out), organisation=self._settings.organisation)
        except ExportError as exc:
            raise export_error(exc) from exc

    def _document_context(self, bid: Bid, *, with_findings: bool):
        from ..export.bid_response import BidDocumentContext

        library = self._library()
        return BidDocumentContext(
            bid=bid, organisation=self._settings.organisation, issue_date=self._today(),
            commitments={cid: library[cid] for cid in bid.commitment_ids if cid in library},
            findings=tuple(self.bid_findings(bid)) if with_findings else (), theme_labels=self._theme_labels)

    @staticmethod
    def _write(writer, ctx, out: Path) -> Path:
        from ..export.atomic import ExportError
        from .errors import export_error

        try:
            return writer(ctx, Path(out))
        except ExportError as exc:
            raise export_error(exc) from exc

    # ---------------------------------------------------------------- the commitment library

    def list_commitments(self) -> list[Commitment]:
        with plain_errors():
            return self._store.bids.list_commitments()

    def save_commitment(self, commitment: Commitment) -> Commitment:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", commitment.id or ""):
            raise ServiceError(_("A commitment's id is lower-case letters, digits, - and _ (for example "
                                 "apprenticeships-north)."))
        if not commitment.title.strip():
            raise ServiceError(_("A commitment needs a title."))
        with plain_errors():
            return self._store.bids.save_commitment(commitment)

    def delete_commitment(self, commitment_id: str) -> None:
        with plain_errors():
            self._store.bids.delete_commitment(commitment_id)

    # ---------------------------------------------------------------- helpers

    def _library(self) -> dict[str, Commitment]:
        return {c.id: c for c in self.list_commitments()}

    def _promised_elsewhere(self, reference: str) -> dict[str, list[tuple[str, Decimal]]]:
        """Per commitment id, the live bids (other than `reference`) and contracts in delivery promising it."""
        library = self._library()
        promised: dict[str, list[tuple[str, Decimal]]] = {}
        with plain_errors():
            bids = self._store.bids.all_bids()
            contracts = self._store.tenders_at_stages(DELIVERY_STAGES)
        for bid in bids:
            if bid.reference == reference or not bid.is_live:
                continue
            for cid in bid.commitment_ids:
                if cid in library and library[cid].quantity is not None:
                    promised.setdefault(cid, []).append((bid.reference, library[cid].quantity or Decimal(0)))
        for tender in contracts:
            for kpi in tender.kpis:
                cid = kpi.source_id.removeprefix(COMMITMENT_SOURCE)
                if kpi.source_id.startswith(COMMITMENT_SOURCE) and cid in library:
                    quantity = library[cid].quantity
                    if quantity is not None:
                        promised.setdefault(cid, []).append((tender.reference, quantity))
        return promised

    @staticmethod
    def _kpi(commitment: Commitment) -> Kpi:
        target = commitment.target or (f"{commitment.quantity} {commitment.unit}".strip()
                                       if commitment.quantity is not None else "")
        return Kpi(name=commitment.title, unit=commitment.unit, baseline=commitment.baseline, target=target,
                   theme=commitment.theme, evidence=commitment.owner,
                   source_id=f"{COMMITMENT_SOURCE}{commitment.id}")

    def _contract_reference(self, bid_reference: str) -> str:
        reference, number = f"{bid_reference}-C", 1
        with plain_errors():
            while self._store.exists(reference):
                number += 1
                reference = f"{bid_reference}-C{number}"
        return reference

