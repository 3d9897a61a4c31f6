"""The pack's evaluation method (Procurement Act 2023 s.23: award criteria come with their assessment
method and relative importance), written from the tender's own numbers.

Wording lives in resources/content/pack_wording.yaml; this module picks the sentences that apply and
fills them with the tender's weights, scales, minimum scores, lots, dates and the Trust's local area.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import _
from ..model.tender import Question
from . import formatting as fmt
from .blocks import Block, Bullets, Heading, Para, Table
from .context import PackContext, pack_definitions

EXAMPLE_SCORES = {"0-5": Decimal(3), "0-100": Decimal(60)}
"""The score used in the worked example: 3 of 5 (satisfactory), or its equivalent on the 0-100 scale."""


def scale_maximum(ctx: PackContext, scale: str) -> Decimal:
    """The highest score of a scale, from its levels ("5", "81-100"), else from its id ("0-5")."""
    numbers = [Decimal(n) for level in ctx.scales.get(scale, ()) for n in re.findall(r"\d+", level.label)]
    numbers += [Decimal(n) for n in re.findall(r"\d+", scale)] if not numbers else []
    return max(numbers, default=Decimal(5))


def weighted_mark(weight: Decimal, score: Decimal, maximum: Decimal) -> Decimal:
    """weight x score / maximum, to two decimal places."""
    return (weight * score / maximum).quantize(Decimal("0.01"), ROUND_HALF_UP)


def worked_example(ctx: PackContext, groups) -> str | None:
    """The example sentence for the first weighted question, or None when no question is weighted."""
    for _theme, items in groups:
        for ref, question, weight in items:
            if weight is None or weight <= 0:
                continue
            maximum = scale_maximum(ctx, question.scoring_scale)
            score = EXAMPLE_SCORES.get(question.scoring_scale, (maximum * 3 / 5).to_integral_value())
            return ctx.words.evaluation["example"].format(
                ref=ref, weight=fmt.percent(weight), maximum=fmt.number(maximum), score=fmt.number(score),
                mark=fmt.percent(weighted_mark(weight, score, maximum)))
    return None


def out_of(score, maximum) -> str:
    """"3 out of 5"."""
    return _("{score} out of {maximum}").format(score=fmt.number(score), maximum=fmt.number(maximum))


def minimum_sentence(ctx: PackContext, ref: str, question: Question) -> str | None:
    if question.min_score is None:
        return None
    maximum = scale_maximum(ctx, question.scoring_scale)
    minimum = out_of(question.min_score, maximum)
    key = "minimum_disqualifies" if question.min_score_disqualifies else "minimum_no_marks"
    return ctx.words.evaluation[key].format(minimum=minimum, ref=ref)


def local_area_text(ctx: PackContext) -> str:
    areas = [a.strip().upper() for a in ctx.local_areas if a.strip()]
    if not areas:
        return ctx.words.evaluation["local_area_unset"]
    listed = areas[0] if len(areas) == 1 else ", ".join(areas[:-1]) + " and " + areas[-1]
    return ctx.words.evaluation["local_area"].format(areas=listed)


def _lots(ctx: PackContext) -> str:
    lots = ctx.tender.lots
    words = ctx.words.evaluation
    if lots.divided:
        count = f"{lots.lot_count} lots" if lots.lot_count else "lots"
        return words["lots_divided"].format(lots=count)
    return words["lots_single"] if lots.divided is False else words["lots_undecided"]


def _scoring(ctx: PackContext, groups) -> list[Block]:
    words = ctx.words.evaluation
    blocks: list[Block] = [Heading(2, _("3.2 How a score becomes a mark")),
                           Para(words["formula"].format(sv_weighting=fmt.percent(
                               ctx.tender.social_value_weighting_pct)))]
    example = worked_example(ctx, groups)
    if example:
        blocks.append(Para(example))
    blocks.append(Para(words["shares"]))
    if any(q.sub_criteria for q in ctx.tender.questions):
        blocks.append(Para(words["sub_criteria"]))
    minimums = [(ref, q) for _theme, items in groups for ref, q, _w in items if q.min_score is not None]
    if not minimums:
        blocks.append(Para(words["no_minimum"]))
    else:
        blocks.append(Para(words["minimum_intro"]))
        rows = tuple((ref, out_of(q.min_score, scale_maximum(ctx, q.scoring_scale)),
                      _("Disqualified") if q.min_score_disqualifies else _("No marks for the question"))
                     for ref, q in minimums)
        blocks.append(Table((_("Question"), _("Minimum score"), _("Below the minimum")), rows, (1, 1.6, 2.4)))
    return blocks


def evaluation_blocks(ctx: PackContext, groups) -> list[Block]:
    """Sections 3.2 onwards: the method, after section 3.1's weighting tables."""
    words = ctx.words.evaluation
    regime = ctx.words.regime(ctx.tender.route)
    additionality = [words["additionality"]]
    if ctx.tender.kpis and ctx.tender.kpi_targets_are_minimums:
        additionality.append(words["additionality_kpis"])
    additionality.append(words["additionality_questions"])
    deadline = ctx.tender.clarification_deadline
    definitions = ctx.definitions or pack_definitions()
    blocks: list[Block] = _scoring(ctx, groups)
    blocks += [
        Heading(2, _("3.3 Scoring and moderation")),
        Bullets(words["moderation"]),
        Heading(2, _("3.4 What scores: commitments beyond the contract's requirements")),
        Para(" ".join(additionality)),
        Heading(2, _("3.5 Submitting your response")),
        Bullets(words["submission"]),
        Heading(2, _("3.6 Lots")),
        Para(_lots(ctx)),
        Heading(2, _("3.7 Terms used in this pack")),
        Para(local_area_text(ctx), label=_("Local area: ")),
    ]
    for term, text in definitions:
        blocks.append(Para(text, label=f"{term}: "))
    blocks += [
        Heading(2, _("3.8 Clarification questions")),
        Para(words["clarification"].format(
            contact=ctx.contact_role, channel=words["clarification_channel"],
            deadline=fmt.long_date(deadline) if deadline else words["clarification_no_deadline"])),
        Heading(2, _("3.9 After the evaluation")),
        Para(regime.after),
        Heading(2, _("3.10 Bidder declaration")),
        Bullets(tuple(item.format(publication=ctx.words.publication[regime.act]) for item in words["declaration"]),
                title=words["declaration_intro"]),
        Heading(2, _("3.11 Confidentiality and Freedom of Information")),
        Para(words["confidentiality"]),
        Para(f"{words['sources']} {regime.source}.", label=_("Sources: "), style="note"),
    ]
    return blocks
