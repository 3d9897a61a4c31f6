"""What the evaluation records share: the context they are written from, the way scores and marks are
printed, and the writers that lay a record out as PDF or Word.

`EvaluationRecordContext` holds plain values only (the evaluation, its results, the tender's reference and
title, the regime's wording, the scoring scales): the service gathers it, the builders never read the store.
Marks print through `model.evaluation.display`, the one rounding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..i18n import _
from ..model.assessment import ScoreBand, score_band
from ..model.evaluation import BidderResult, Evaluation, IssuedQuestion, display
from ..model.evaluation_wording import BidderWording, EvaluationWording, load_evaluation_wording
from . import formatting as fmt
from .atomic import ExportError, atomic_write
from .blocks import Document
from .context import ScaleLevel
from .docx_render import build_docx
from .pdf_render import build_pdf, cover_flowables
from .styles import PageFurniture


@dataclass(frozen=True)
class EvaluationRecordContext:
    reference: str
    title: str
    organisation: str
    route_label: str
    regime_id: str
    """The pack wording's regime of the tender's route ("pa23_competitive", "below_threshold", "psr_direct")."""
    act: str
    """"pa23" or "psr"."""
    evaluation: Evaluation
    results: tuple[BidderResult, ...]
    issue_date: date
    theme_labels: Mapping[str, str] = field(default_factory=dict)
    scales: Mapping[str, tuple[ScaleLevel, ...]] = field(default_factory=dict)
    awarded_to: str = ""
    """The bidder the award was recorded to, if any (it settles a tie for first place)."""
    wording: EvaluationWording | None = None

    @property
    def words(self) -> EvaluationWording:
        return self.wording or load_evaluation_wording()

    @property
    def bidder_words(self) -> BidderWording:
        return self.words.for_regime(self.regime_id, self.act)

    def theme_label(self, theme: str) -> str:
        return self.theme_labels.get(theme) or theme.replace("_", " ").capitalize()

    def result(self, bidder: str) -> BidderResult:
        for result in self.results:
            if result.bidder == bidder:
                return result
        raise KeyError(bidder)

    def band(self, question: IssuedQuestion, score: int) -> ScoreBand | None:
        levels = [(level.label, level.name, level.descriptor) for level in self.scales.get(question.scale_id, ())]
        return score_band(levels, score)

    def themes(self) -> list[tuple[str, list[IssuedQuestion]]]:
        """The questions grouped by theme, themes in the order of their first question."""
        groups: dict[str, list[IssuedQuestion]] = {}
        for question in self.evaluation.questions:
            groups.setdefault(question.theme, []).append(question)
        return list(groups.items())


def mark(value) -> str:
    """A weighted mark or total as printed: rounded once, two places ("1.80%")."""
    return f"{display(value):f}%"


def score_of(question: IssuedQuestion, score: int | None) -> str:
    if score is None:
        return _("not agreed")
    return _("{score} out of {maximum}").format(score=score, maximum=question.scale_max)


def scores_available(question: IssuedQuestion) -> str:
    return _("0 to {maximum}").format(maximum=question.scale_max)


def question_label(question: IssuedQuestion) -> str:
    return f"{question.reference} {question.title}".strip()


def dated(day: date | None) -> str:
    return fmt.long_date(day) if day else _("not recorded")


def write_record_pdf(document: Document, organisation: str, reference_line: str, out: Path) -> Path:
    """Lay a record out as an A4 PDF in the pack's look, written atomically to `out`."""
    furniture = PageFurniture(running_head=document.running_head, footer_label=document.footer_label,
                              organisation=organisation, draft_mark=None)

    def write(temp: Path) -> None:
        try:
            build_pdf(document, furniture, organisation, temp,
                      cover_flowables(document, reference_line, large=False))
        except FileNotFoundError as error:
            raise ExportError(_("Cannot build the PDF: {error} Reinstall sv-desktop to restore it.").format(
                error=error)) from error

    return atomic_write(Path(out), write)


def write_record_docx(document: Document, organisation: str, out: Path) -> Path:
    """The same record as an editable Word file, written atomically to `out`."""
    return atomic_write(Path(out), lambda temp: build_docx(document, organisation, None, temp))
