"""Each question's share of the total evaluation score, as the question pack publishes it.

A question's own weighting counts first; the rest of its theme's weighting is shared evenly between the theme's
other questions, and each even share is printed to two decimal places (half up). Three questions sharing 2.5%
are printed as 0.83% each: the printed shares add up to 2.49%, while what the pack published for the theme is
2.5% shared three ways. `QuestionWeight` keeps both, so a check can compare exactly what was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tender import Tender

SHARE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class QuestionWeight:
    weight_pct: Decimal
    """The weighting printed against the question (an even share rounded to two decimal places)."""
    shared_pct: Decimal | None = None
    """For an even share: the part of the theme weighting shared (as published); None for a question's own
    weighting."""
    shared_by: int = 1
    """How many questions share `shared_pct`."""


def even_share(shared_pct: Decimal, shared_by: int) -> Decimal:
    """One even share as the pack prints it: two decimal places, half up."""
    return (max(shared_pct, Decimal(0)) / shared_by).quantize(SHARE_PLACES, ROUND_HALF_UP)


def question_weights(tender: Tender) -> list[QuestionWeight | None]:
    """Each question's published weight, in tender.questions order; None for a question whose theme the tender
    does not weight."""
    weights: list[QuestionWeight | None] = [None] * len(tender.questions)
    for choice in tender.themes:
        indexes = [i for i, q in enumerate(tender.questions) if q.theme == choice.theme]
        shared = [i for i in indexes if tender.questions[i].weighting_pct is None]
        own = Decimal(0)
        for i in indexes:
            weight = tender.questions[i].weighting_pct
            if weight is not None:
                weights[i] = QuestionWeight(weight)
                own += weight
        if shared:
            rest = max(choice.weighting_pct - own, Decimal(0))
            for i in shared:
                weights[i] = QuestionWeight(even_share(rest, len(shared)), rest, len(shared))
    return weights
