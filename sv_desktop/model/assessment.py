"""What a bidder's assessment summary (or, under the Provider Selection Regime, its reasons for the decision)
may say, and whether it may be issued yet: the most advantageous tender of each lot, and the refusals.

A summary explains agreed scores by their reasons, so none is issued while any consensus score lacks its
reason, while moderation is still open, or while two tenders tie for first place in a lot and the award
has not chosen between them (the winner's scores are quoted to every other bidder of the lot).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import _
from .evaluation import BidderResult, Evaluation, EvaluationError


@dataclass(frozen=True)
class ScoreBand:
    """The descriptor band a score falls in, and the band above it (None at the top of the scale)."""

    label: str
    name: str
    descriptor: str
    higher: tuple[str, str, str] | None
    """(label, name, descriptor) of the next band up."""


def band_bounds(label: str) -> tuple[int, int] | None:
    """The scores a band covers: "3" is (3, 3), "41-60" is (41, 60); None for a label without numbers."""
    parts = [part.strip() for part in str(label).split("-")]
    if not all(part.isdigit() for part in parts) or len(parts) > 2:
        return None
    low, high = int(parts[0]), int(parts[-1])
    return low, high


def score_band(levels: Sequence[tuple[str, str, str]], score: int) -> ScoreBand | None:
    """The band of `levels` ((label, name, descriptor), in any order) holding `score`."""
    bands = sorted(((band_bounds(level[0]), level) for level in levels if band_bounds(level[0])),
                   key=lambda item: item[0] or (0, 0))
    for index, (bounds, (label, name, descriptor)) in enumerate(bands):
        if bounds and bounds[0] <= score <= bounds[1]:
            higher = bands[index + 1][1] if index + 1 < len(bands) else None
            return ScoreBand(str(label), name, descriptor,
                             None if higher is None else (str(higher[0]), higher[1], higher[2]))
    return None


def lot_label(lot: int | None) -> str:
    return "" if lot is None else _("lot {lot}").format(lot=lot)


def issue_problem(evaluation: Evaluation, results: Sequence[BidderResult], awarded_to: str = "") -> str:
    """One sentence saying why the summaries cannot be issued yet, or "" when they can."""
    problem = evaluation.weights_problem()
    if problem:
        return problem
    for bidder, question in evaluation.missing_consensus():
        entry = evaluation.consensus_for(bidder, question)
        if entry is None or entry.score is None:
            return _("The assessment summaries cannot be issued: the panel has not agreed a consensus score for "
                     "{question} of {bidder}.").format(question=question, bidder=bidder)
        return _("The assessment summaries cannot be issued: the consensus score for {question} of {bidder} has "
                 "no reason recorded.").format(question=question, bidder=bidder)
    if evaluation.status != "complete":
        return _("The assessment summaries cannot be issued until moderation is closed.")
    try:
        most_advantageous(results, awarded_to)
    except EvaluationError as exc:
        return str(exc)
    return ""


def most_advantageous(results: Sequence[BidderResult], awarded_to: str = "") -> dict[int | None, BidderResult]:
    """The most advantageous tender of each lot: the only one ranked first, or, where tenders tie, the one the
    award was made to. EvaluationError when a tie is unresolved."""
    best: dict[int | None, BidderResult] = {}
    firsts: dict[int | None, list[BidderResult]] = {}
    for result in results:
        if result.rank == 1:
            firsts.setdefault(result.lot, []).append(result)
    for lot, tied in firsts.items():
        chosen = [r for r in tied if r.bidder == awarded_to] if len(tied) > 1 else tied
        if len(chosen) != 1:
            names = " and ".join(r.bidder for r in tied)
            where = _(" in {lot}").format(lot=lot_label(lot)) if lot is not None else ""
            raise EvaluationError(_("{names} tie for first place{where}: record the award to one of them before "
                                    "issuing the assessment summaries.").format(names=names, where=where))
        best[lot] = chosen[0]
    return best
