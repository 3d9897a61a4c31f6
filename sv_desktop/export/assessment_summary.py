"""The document each bidder receives about the social value of its tender, as PDF and Word.

Under the Procurement Act 2023 it is the assessment summary (s.50; Procurement Regulations 2024 reg. 31):
the award criteria (title, relative importance, how scored, scores available), the bidder's score per
criterion and sub-criterion with the reasons by reference to its tender, totals and sub-totals; its own
commitments quoted with the descriptor band met and why a higher score was not reached; for an unsuccessful
bidder, the most advantageous tender's scores and reasons, and any disqualification. Under the Provider
Selection Regime the same content is worded as the reasons for the decision, with the decision-makers.
The wording is `resources/content/evaluation_wording.yaml`.

Only what the panel agreed is printed: consensus scores, their reasons and the bidder's quoted commitment.
Individual scores, rationales, evaluators and spread flags stay in the moderation record.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from ..model.assessment import lot_label, most_advantageous
from ..model.evaluation import Bidder, BidderResult, IssuedQuestion, weighted_mark
from . import formatting as fmt
from .blocks import Block, Cover, Document, Facts, Heading, Para, Table
from .evaluation_records import (
    EvaluationRecordContext,
    dated,
    mark,
    question_label,
    score_of,
    scores_available,
    write_record_docx,
    write_record_pdf,
)


def best_tender(ctx: EvaluationRecordContext, bidder: Bidder) -> BidderResult | None:
    """The most advantageous tender of the bidder's lot (None when every tender of the lot was disqualified)."""
    return most_advantageous(ctx.results, ctx.awarded_to).get(bidder.lot)


def _criteria(ctx: EvaluationRecordContext) -> list[Block]:
    words = ctx.bidder_words
    rows = tuple((question_label(q), ctx.theme_label(q.theme), fmt.percent(q.weight_pct), scores_available(q))
                 for q in ctx.evaluation.questions)
    return [Heading(1, _("The social value award criteria")),
            Para(words["criteria_intro"].format(weight=fmt.percent(ctx.evaluation.social_value_weight_pct))),
            Table((_("Criterion"), _("Theme"), _("Relative importance"), _("Scores available")), rows,
                  (2.6, 1.6, 1, 1), numeric=(2,)),
            Para(words["how_scored"], label=_("How scored: ")),
            Para(words["criteria_full"])]


def _higher(ctx: EvaluationRecordContext, question: IssuedQuestion, score: int) -> tuple[str, str]:
    band = ctx.band(question, score)
    met = f"{band.name}: {band.descriptor}" if band else score_of(question, score)
    if score >= question.scale_max:
        return met, _("This is the highest score available.")
    if band is None or band.higher is None:
        return met, _("A higher score needed a response meeting the descriptor of a higher band.")
    label, name, descriptor = band.higher
    return met, _("A score of {label} ({name}) needed: {descriptor}").format(label=label, name=name,
                                                                            descriptor=descriptor)


def _own_scores(ctx: EvaluationRecordContext, bidder: Bidder, result: BidderResult) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Your scores"))]
    subtotals = dict(result.theme_totals)
    for theme, questions in ctx.themes():
        blocks.append(Heading(2, ctx.theme_label(theme)))
        for question in questions:
            entry = ctx.evaluation.consensus_for(bidder.name, question.reference)
            if entry is None or entry.score is None:
                continue
            met, higher = _higher(ctx, question, entry.score)
            rows = [(_("Score"), score_of(question, entry.score)),
                    (_("Weighted mark"), _("{mark} of {weight}").format(
                        mark=mark(weighted_mark(question, entry.score)), weight=fmt.percent(question.weight_pct))),
                    (_("Reasons"), entry.reason)]
            if entry.commitment:
                rows.append((_("Your commitment"), f"\u201c{entry.commitment}\u201d"))
            rows += [(_("Descriptor band met"), met), (_("Why a higher score was not reached"), higher)]
            blocks += [Heading(3, question_label(question)), Facts(tuple(rows))]
        blocks.append(Para(mark(subtotals.get(theme, 0)), label=_("Sub-total for {theme}: ").format(
            theme=ctx.theme_label(theme))))
    blocks.append(Heading(2, _("Your totals")))
    totals = [(ctx.theme_label(theme), mark(subtotals.get(theme, 0)),
               fmt.percent(sum((q.weight_pct for q in questions), 0))) for theme, questions in ctx.themes()]
    totals.append((_("Total social value mark"), mark(result.total),
                   fmt.percent(ctx.evaluation.social_value_weight_pct)))
    blocks.append(Table((_("Theme"), _("Your mark"), _("Marks available")), tuple(totals), (2.6, 1, 1),
                        total_row=True, numeric=(1, 2)))
    return blocks


def _best(ctx: EvaluationRecordContext, best: BidderResult) -> list[Block]:
    rows: list[tuple[str, ...]] = []
    for question in ctx.evaluation.questions:
        entry = ctx.evaluation.consensus_for(best.bidder, question.reference)
        score = entry.score if entry else None
        rows.append((question_label(question), score_of(question, score),
                     mark(weighted_mark(question, score)) if score is not None else "", entry.reason if entry else ""))
    rows.append((_("Total social value mark"), "", mark(best.total), ""))
    return [Heading(1, _("The most advantageous tender") if not ctx.bidder_words.is_psr
                    else _("The chosen provider's offer")),
            Para(ctx.bidder_words["best_intro"].format(bidder=best.bidder)),
            Table((_("Criterion"), _("Score"), _("Weighted mark"), _("Reasons")), tuple(rows), (1.6, 0.9, 0.9, 3),
                  total_row=True, numeric=(2,))]


def _decision_makers(ctx: EvaluationRecordContext) -> list[Block]:
    words = ctx.bidder_words
    rows = tuple((m.name, m.role, dated(m.conflict_declared_on)) for m in ctx.evaluation.panel)
    return [Heading(1, _("The decision-makers")), Para(words["decision_makers"]),
            Table((_("Name"), _("Role"), _("Conflict of interest declared")), rows, (1.4, 1.6, 1),
                  keep_together=True),
            Para(words["conflicts"])]


def _outcome(ctx: EvaluationRecordContext, bidder: Bidder, result: BidderResult,
             best: BidderResult | None) -> list[Block]:
    words = ctx.bidder_words
    lot = f" ({lot_label(bidder.lot)})" if bidder.lot is not None else ""
    blocks: list[Block] = [Heading(1, _("The outcome"))]
    if best is not None and best.bidder == bidder.name:
        blocks.append(Para(words["successful"].format(lot=lot)))
        return blocks
    blocks.append(Para(words["unsuccessful"].format(lot=lot)))
    if result.disqualified:
        blocks.append(Para(words["disqualified"].format(reason=result.disqualified)))
    return blocks


def build_assessment_summary(ctx: EvaluationRecordContext, bidder_name: str) -> Document:
    """The document for one bidder."""
    bidder = ctx.evaluation.bidder(bidder_name)
    result = ctx.result(bidder_name)
    best = best_tender(ctx, bidder)
    words = ctx.bidder_words
    body: list[Block] = [Para(words["intro"].format(organisation=ctx.organisation)),
                         *_outcome(ctx, bidder, result, best), *_criteria(ctx), *_own_scores(ctx, bidder, result)]
    if best is not None and best.bidder != bidder.name:
        body += _best(ctx, best)
    if words.is_psr:
        body += _decision_makers(ctx)
    body += [Heading(1, _("Next steps")), Para(words["next_steps"]),
             Para(words["source"], label=_("Sources: "), style="note")]
    address = ", ".join(part for part in (bidder.address, bidder.postcode) if part.strip())
    facts = [(_("Supplier"), bidder.name), (_("Address"), address or _("not recorded")),
             (_("Identifier"), bidder.identifier or _("not recorded")), (_("Tender"), ctx.title),
             (_("Reference"), ctx.reference)]
    if bidder.lot is not None:
        facts.append((_("Lot"), str(bidder.lot)))
    facts.append((_("Date"), fmt.long_date(ctx.issue_date)))
    title = f"{words['eyebrow']}: {bidder.name} \u00b7 {ctx.reference}"
    return Document(cover=Cover(eyebrow=words["eyebrow"], title=ctx.title, organisation=ctx.organisation,
                                facts=tuple(facts)),
                    body=tuple(body), title=title, subject=f"{words['eyebrow']}: {ctx.title}",
                    keywords=(ctx.reference, bidder.name, _("social value")),
                    running_head=f"{ctx.reference} \u00b7 {words['eyebrow']} \u00b7 {bidder.name}",
                    footer_label=_("{organisation} \u00b7 for {bidder}").format(organisation=ctx.organisation,
                                                                                 bidder=bidder.name))


def write_summary_pdf(ctx: EvaluationRecordContext, bidder_name: str, out: Path) -> Path:
    document = build_assessment_summary(ctx, bidder_name)
    return write_record_pdf(document, ctx.organisation, f"{ctx.reference} \u00b7 {bidder_name}", out)


def write_summary_docx(ctx: EvaluationRecordContext, bidder_name: str, out: Path) -> Path:
    return write_record_docx(build_assessment_summary(ctx, bidder_name), ctx.organisation, out)
