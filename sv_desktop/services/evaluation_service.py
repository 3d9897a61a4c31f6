"""Use-cases of the evaluation of bids: start it from the pack as issued, score, moderate, results, standstill,
award. Plain domain objects in and out; storage errors become ServiceErrors through the service's guard.

Given what it needs in its constructor (the store, a clock, and the service's `get`, `save` and pack context
as plain callables), so it works on its own; `TenderService` makes one and forwards to it.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..i18n import _
from ..model.evaluation import (
    BidderResult,
    Evaluation,
    EvaluationError,
    IndividualScore,
    IssuedQuestion,
    results,
    winners,
)
from ..model.evaluation_team import merged_for, view_for
from ..model.lifecycle import Supplier
from ..model.question_weights import QuestionWeight, question_weights
from ..model.standstill import Standstill, records_kept_until, standstill_for_route
from ..model.tender import Kpi, Tender
from .errors import ServiceError
from .guard import plain_errors

if TYPE_CHECKING:
    from ..export.context import PackContext

EVALUATION_STAGE = "evaluation"


def safe_name(text: str) -> str:
    """A file name part: no characters Windows refuses, no trailing dots or spaces."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-")[:60] or "evaluator"


class EvaluationUseCases:
    """The evaluation of bids over `tender_store`. `get` and `save` read and store a tender with the
    service's checks (a tender moved to Evaluation or awarded is saved as any other save); `pack_context`
    is the context the pack was issued with, whose questions are the ones scored."""

    def __init__(self, tender_store: store.TenderStore, clock: Callable[[], dt.date], *,
                 get: Callable[[str], Tender], save: Callable[[Tender], Tender],
                 pack_context: Callable[[Tender], PackContext]) -> None:
        self._store = tender_store
        self._today = clock
        self._get = get
        self._save = save
        self._pack_context = pack_context
        self._user: str | None = None
        self._user_known = False

    # ---------------------------------------------------------------- the evaluation record

    def issued_questions(self, tender: Tender) -> list[IssuedQuestion]:
        """The pack's questions with their references, weights (as published: an even share keeps the part of
        the theme weighting it shares), scales and minimum scores, as bidders read them."""
        from ..export.pack_content import ordered_questions, question_order

        ctx = self._pack_context(tender)
        published = question_weights(tender)
        indexes = [index for _theme, group in question_order(tender) for index in group]
        items = [item for _theme, group in ordered_questions(ctx) for item in group]
        issued = []
        for index, (reference, question, _weight) in zip(indexes, items, strict=True):
            weight = published[index] or QuestionWeight(Decimal(0))
            levels = ctx.scales.get(question.scoring_scale, ())
            top = max((int(part) for level in levels for part in level.label.split("-") if part.isdigit()),
                      default=int(question.scoring_scale.split("-")[-1]))
            issued.append(IssuedQuestion(
                reference=reference, theme=question.theme, title=question.title, text=question.text,
                weight_pct=weight.weight_pct, scale_max=top, scale_id=question.scoring_scale,
                minimum_score=None if question.min_score is None else math.ceil(question.min_score),
                disqualify_below_minimum=question.min_score is not None and question.min_score_disqualifies,
                shared_pct=weight.shared_pct, shared_by=weight.shared_by))
        return issued

    def _team_user(self) -> str | None:
        """The database user on a team database (asked once), None on a SQLite file."""
        if not self._user_known:
            with plain_errors():
                self._user = self._store.database_user()
            self._user_known = True
        return self._user

    def get_evaluation(self, reference: str) -> Evaluation | None:
        """The evaluation; on a team database before moderation opens, with the reader's own individual
        scores only (`model/evaluation_team.py`)."""
        with plain_errors():
            evaluation = self._store.get_evaluation(reference)
        user = self._team_user()
        return evaluation if evaluation is None or user is None else view_for(evaluation, user)

    def start_evaluation(self, reference: str, pack_version: str = "") -> Evaluation:
        """Freeze the questions as issued and open individual scoring; the tender moves to Evaluation."""
        tender = self._get(reference)
        if self.get_evaluation(reference) is not None:
            raise ServiceError(_("The evaluation of {reference} has already started.").format(
                                 reference=reference))
        questions = self.issued_questions(tender)
        if not questions:
            raise ServiceError(_("{reference} has no questions to evaluate: set them in the wizard "
                                 "first.").format(reference=reference))
        evaluation = Evaluation(questions=questions, pack_version=pack_version or _("as at {date}").format(date=f"{self._today():%d/%m/%Y}"),
                                social_value_weight_pct=tender.social_value_weighting_pct)
        saved = self.save_evaluation(reference, evaluation)
        if tender.stage != EVALUATION_STAGE:
            tender.stage = EVALUATION_STAGE
            self._save(tender)
        return saved

    def save_evaluation(self, reference: str, evaluation: Evaluation) -> Evaluation:
        """Save the evaluation; on a team database, another evaluator's scores are kept as stored and a change
        to them is refused (the version check still catches a save in between)."""
        user = self._team_user()
        with plain_errors():
            stored = None if user is None else self._store.get_evaluation(reference)
            if stored is None or user is None:
                return self._store.save_evaluation(reference, evaluation)
            try:
                merged = merged_for(stored, evaluation, user)
            except EvaluationError as exc:
                raise ServiceError(str(exc)) from exc
            saved = self._store.save_evaluation(reference, merged)
        return view_for(saved, user)

    def change_evaluation(self, reference: str, change: Callable[[Evaluation], None]) -> Evaluation:
        """Read, change and save in one step; the model's refusals become plain ServiceErrors."""
        evaluation = self.started(reference)
        try:
            change(evaluation)
        except EvaluationError as exc:
            raise ServiceError(str(exc)) from exc
        return self.save_evaluation(reference, evaluation)

    # ---------------------------------------------------------------- results and dates

    def evaluation_results(self, reference: str) -> list[BidderResult]:
        evaluation = self.started(reference)
        problem = evaluation.weights_problem()
        if problem:
            raise ServiceError(problem)
        return results(evaluation)

    def standstill(self, reference: str) -> Standstill | None:
        """The standstill for the tender's regime from the award (or intention) notice date, if recorded."""
        tender = self._get(reference)
        evaluation = self.get_evaluation(reference)
        if evaluation is None or evaluation.award_notice_date is None:
            return None
        return standstill_for_route(tender.route, evaluation.award_notice_date)

    # ---------------------------------------------------------------- award

    def award_to(self, reference: str, bidder_name: str, value_gbp: Decimal, *,
                 awarded_on: dt.date | None = None) -> Tender:
        """Record the award to a bidder ranked first and turn its scored commitments into the contract's KPIs
        (one per question whose consensus records a commitment; the manager edits them afterwards)."""
        evaluation = self.get_evaluation(reference)
        if evaluation is None or evaluation.status != "complete":
            raise ServiceError(_("Close moderation (every consensus score agreed, with its reason) "
                                 "before the award."))
        bidder = evaluation.bidder(bidder_name)
        best = winners(evaluation).get(bidder.lot, [])
        if bidder_name not in best:
            raise ServiceError(_("{bidder_name} is not ranked first").format(bidder_name=bidder_name) + (_(" in lot {lot}.").format(
                                                                         lot=bidder.lot) if bidder.lot else "."))
        tender = copy.deepcopy(self._get(reference))
        tender.award.supplier = Supplier(bidder.name, bidder.postcode, bidder.sme, bidder.vcse)
        tender.award.awarded_on = awarded_on or self._today()
        tender.award.awarded_value_gbp = value_gbp
        tender.stage = "awarded"
        existing = {kpi.name.casefold() for kpi in tender.kpis}
        for question in evaluation.questions:
            entry = evaluation.consensus_for(bidder.name, question.reference)
            commitment = entry.commitment.strip() if entry else ""
            if commitment and commitment.casefold() not in existing:
                tender.kpis.append(Kpi(name=commitment[:200], target=commitment, theme=question.theme,
                                       evidence=_("Commitment scored under {reference}").format(reference=question.reference)))
                existing.add(commitment.casefold())
        return self._save(tender)

    # ---------------------------------------------------------------- evaluator workbooks

    def write_evaluator_workbooks(self, reference: str, folder: Path) -> list[Path]:
        """One workbook per panel member in `folder` (created if needed), named after the evaluator."""
        from ..export.atomic import ExportError
        from ..export.evaluator_workbook import write_evaluator_workbook

        tender = self._get(reference)
        evaluation = self.started(reference)
        if not evaluation.panel or not evaluation.bidders:
            raise ServiceError(_("Add the bidders and the panel before making the evaluator workbooks."))
        ctx = self._pack_context(tender)
        used = {q.scale_id for q in evaluation.questions}
        scales = {scale: [(level.label, level.name, level.descriptor) for level in ctx.scales.get(scale, ())]
                  for scale in sorted(used)}
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServiceError(_("The folder {folder} cannot be used ({value}).").format(
                                 folder=folder, value=exc.strerror or exc)) from exc
        written = []
        for member, path in zip(evaluation.panel, self.evaluator_workbook_files(reference, folder), strict=True):
            try:
                written.append(write_evaluator_workbook(evaluation, reference, tender.title, member.name, scales,
                                                        path))
            except ExportError as exc:
                raise ServiceError(str(exc)) from exc
        return written

    def evaluator_workbook_files(self, reference: str, folder: Path) -> list[Path]:
        """Where `write_evaluator_workbooks` puts each panel member's workbook, in panel order."""
        evaluation = self.started(reference)
        return [Path(folder) / f"{safe_name(reference)} evaluation {safe_name(member.name)}.xlsx"
                for member in evaluation.panel]

    def import_evaluator_workbooks(self, reference: str, paths: Sequence[Path]) -> int:
        """Read every workbook first; only when all are sound are their scores recorded (all or none)."""
        from ..export.evaluator_workbook import WorkbookError, read_evaluator_workbook

        evaluation = self.started(reference)
        if evaluation.status != "scoring":
            raise ServiceError(_("Individual scores are locked: moderation has opened."))
        found: list[IndividualScore] = []
        evaluators: set[str] = set()
        for path in paths:
            try:
                evaluator, scores = read_evaluator_workbook(Path(path), evaluation, reference)
            except WorkbookError as exc:
                raise ServiceError(_("Nothing was imported: {exc}").format(exc=exc)) from exc
            if evaluator in evaluators:
                raise ServiceError(_("Nothing was imported: two workbooks are for {evaluator}.").format(
                                     evaluator=evaluator))
            evaluators.add(evaluator)
            found += scores

        def record(ev: Evaluation) -> None:
            for score in found:
                ev.record_score(score)
        self.change_evaluation(reference, record)
        return len(found)

    def started(self, reference: str) -> Evaluation:
        """The evaluation of the tender; a ServiceError when it has not started."""
        evaluation = self.get_evaluation(reference)
        if evaluation is None:
            raise ServiceError(_("The evaluation of {reference} has not started.").format(
                                 reference=reference))
        return evaluation

    def records_kept_until(self, reference: str) -> dt.date | None:
        """Procurement Act 2023 s.98: 3 years from the contract date (the contract start, else the award)."""
        tender = self._get(reference)
        day = tender.contract_start_date or tender.award.awarded_on
        return None if day is None else records_kept_until(day)
