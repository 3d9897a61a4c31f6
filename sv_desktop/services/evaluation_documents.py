"""Use-cases of the evaluation records: the moderation record (PDF), the bidders' assessment summaries (PDF
and Word; under the Provider Selection Regime the reasons for the decision) and the date they were sent.

Given the evaluation use-cases it works on, a clock, and the service's `get` and pack context as plain
callables, so it works on its own; `TenderService` makes one and forwards to it. Issuing is refused, in one sentence naming the question and the
bidder, while any consensus score lacks its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from ..model.assessment import issue_problem
from ..model.evaluation import Evaluation, results
from ..model.tender import Tender
from .errors import ServiceError, export_error
from .evaluation_service import EvaluationUseCases, safe_name

if TYPE_CHECKING:
    from ..export.context import PackContext
    from ..export.evaluation_records import EvaluationRecordContext


class EvaluationDocuments:
    """The evaluation records of the evaluations kept by `evaluations`; `get` reads a tender and
    `pack_context` gives the context its pack was issued with (organisation, regime wording, scales)."""

    def __init__(self, evaluations: EvaluationUseCases, clock: Callable[[], dt.date], *,
                 get: Callable[[str], Tender], pack_context: Callable[[Tender], PackContext]) -> None:
        self._evaluations = evaluations
        self._today = clock
        self._get = get
        self._pack_context = pack_context

    def _record_context(self, reference: str) -> EvaluationRecordContext:
        from ..export.evaluation_records import EvaluationRecordContext

        tender = self._get(reference)
        evaluation = self._evaluations.started(reference)
        ctx = self._pack_context(tender)
        regime = ctx.words.regime(tender.route)
        return EvaluationRecordContext(
            reference=tender.reference, title=tender.title, organisation=ctx.organisation,
            route_label=ctx.route_label, regime_id=regime.id, act=regime.act, evaluation=evaluation,
            results=tuple(results(evaluation)), issue_date=self._today(), theme_labels=ctx.theme_labels,
            scales=ctx.scales, awarded_to=tender.award.supplier.name if tender.award.supplier else "")

    def export_moderation_record(self, reference: str, out: Path) -> Path:
        """The panel's moderation record as a PDF (any time after the evaluation started)."""
        from ..export.atomic import ExportError
        from ..export.moderation_record import write_moderation_record

        ctx = self._record_context(reference)
        problem = ctx.evaluation.weights_problem()
        if problem:
            raise ServiceError(problem)
        try:
            return write_moderation_record(ctx, Path(out))
        except ExportError as exc:
            raise export_error(exc) from exc

    def assessment_summary_problem(self, reference: str) -> str:
        """Why the summaries cannot be issued yet, in one sentence; "" when they can."""
        ctx = self._record_context(reference)
        return issue_problem(ctx.evaluation, ctx.results, ctx.awarded_to)

    def assessment_summary_files(self, reference: str, folder: Path) -> list[tuple[str, Path, Path]]:
        """(bidder, PDF path, Word path) of each bidder's summary in `folder`."""
        ctx = self._record_context(reference)
        label = ctx.bidder_words["file_label"]
        folder = Path(folder)
        return [(b.name, folder / f"{safe_name(reference)} {label} {safe_name(b.name)}.pdf",
                 folder / f"{safe_name(reference)} {label} {safe_name(b.name)}.docx") for b in ctx.evaluation.bidders]

    def write_assessment_summaries(self, reference: str, folder: Path, *, replace: bool = True) -> list[Path]:
        """Every bidder's summary, PDF and Word, in `folder` (created if needed). Refused whole, before
        anything is written, while it cannot be issued or (with `replace` False) when a file is there."""
        from ..export.assessment_summary import write_summary_docx, write_summary_pdf
        from ..export.atomic import ExportError
        from ..export.parallel import write_all

        ctx = self._record_context(reference)
        problem = issue_problem(ctx.evaluation, ctx.results, ctx.awarded_to)
        if problem:
            raise ServiceError(problem)
        files = self.assessment_summary_files(reference, folder)
        if not replace:
            for _bidder, *paths in files:
                for path in paths:
                    if path.exists():
                        raise ServiceError(_("{path} is already there; nothing was written.").format(path=path))
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServiceError(_("The folder {folder} cannot be used ({problem}).").format(
                folder=folder, problem=exc.strerror or exc)) from exc
        jobs = [job for bidder, pdf, word in files
                for job in ((write_summary_pdf, (ctx, bidder, pdf)), (write_summary_docx, (ctx, bidder, word)))]
        try:
            return write_all(jobs)  # in two worker processes where they can run
        except ExportError as exc:
            raise export_error(exc) from exc

    def record_summaries_sent(self, reference: str, sent_on: dt.date | None = None,
                              bidders: Sequence[str] | None = None) -> Evaluation:
        """Record the day the summaries were sent (Procurement Act 2023 s.50), to every bidder or those named;
        refused while the summaries cannot be issued, or for a day after today."""
        problem = self.assessment_summary_problem(reference)
        if problem:
            raise ServiceError(problem)
        day = sent_on or self._today()
        if day > self._today():
            raise ServiceError(_("The summaries cannot be recorded as sent on {day}: that is after today.").format(
                day=f"{day:%d/%m/%Y}"))

        def mark_sent(evaluation: Evaluation) -> None:
            names = list(bidders) if bidders is not None else [b.name for b in evaluation.bidders]
            for name in names:
                evaluation.bidder(name).summary_sent_on = day
        return self._evaluations.change_evaluation(reference, mark_sent)
