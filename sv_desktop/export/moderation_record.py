"""The moderation record (PDF): the panel's own record of the social value evaluation of a tender.

The panel (names, roles, the date each declared any conflict of interest), then per question every
individual score with its evaluator and rationale, the spread flag, the consensus score and its reason; then
the results (weighted mark per question and bidder, theme sub-totals, totals and ranks, rounding stated
once) and the disqualifications with their reasons. Kept under Procurement Act 2023 s.98; never sent to a
bidder (their documents are in `assessment_summary.py`).
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from ..model.assessment import lot_label
from ..model.evaluation import BidderResult, IssuedQuestion
from . import formatting as fmt
from .blocks import Block, Cover, Document, Heading, Para, Table
from .evaluation_records import (
    EvaluationRecordContext,
    dated,
    mark,
    question_label,
    score_of,
    scores_available,
    write_record_pdf,
)


def _status(ctx: EvaluationRecordContext) -> str:
    status = ctx.evaluation.status
    if status == "scoring":
        return _("Individual scoring (moderation not yet open)")
    if status == "moderation":
        return _("Moderation open: consensus scores not final")
    return _("Moderation closed")


def _panel(ctx: EvaluationRecordContext) -> list[Block]:
    rows = tuple((m.name, m.role, dated(m.conflict_declared_on), m.experience) for m in ctx.evaluation.panel)
    if not rows:
        return [Heading(1, _("The panel")), Para(_("No panel members are recorded."))]
    return [Heading(1, _("The panel")),
            Table((_("Name"), _("Role"), _("Conflict of interest declared"), _("Relevant experience")), rows,
                  (1.2, 1.2, 1, 2))]


def _question(ctx: EvaluationRecordContext, question: IssuedQuestion) -> list[Block]:
    ev = ctx.evaluation
    blocks: list[Block] = [
        Heading(2, question_label(question)),
        Para(_("{theme}; weight {weight} of the total score; scores available {scale}.").format(
            theme=ctx.theme_label(question.theme), weight=fmt.percent(question.weight_pct),
            scale=scores_available(question)), style="note"),
    ]
    for bidder in ev.bidders:
        entry = ev.consensus_for(bidder.name, question.reference)
        flagged = ev.spread_flagged(bidder.name, question.reference)
        rows = tuple((s.evaluator, str(s.score), s.rationale) for s in ev.individual(bidder.name, question.reference))
        if not rows:
            rows = ((_("No individual scores are recorded."), "", ""),)
        consensus = (_("Consensus"), str(entry.score) if entry and entry.score is not None else _("not agreed"),
                     (entry.reason if entry else "") or _("Reason not recorded"))
        blocks += [Heading(3, bidder.name),
                   Para(_("Spread: flagged for discussion") if flagged else _("Spread: within the threshold"),
                        style="note"),
                   Table((_("Evaluator"), _("Score"), _("Rationale; for the consensus, its reason")),
                         (*rows, consensus), (1, 0.5, 3.5), total_row=True, numeric=(1,))]
    return blocks


def _bidder_results(ctx: EvaluationRecordContext, result: BidderResult) -> list[Block]:
    rows: list[tuple[str, ...]] = []
    for theme, questions in ctx.themes():
        for question in questions:
            row = next(r for r in result.questions if r.question == question.reference)
            rows.append((question.reference, score_of(question, row.score), fmt.percent(question.weight_pct),
                         mark(row.mark)))
        subtotal = dict(result.theme_totals).get(theme)
        if subtotal is not None:
            rows.append((_("Sub-total: {theme}").format(theme=ctx.theme_label(theme)), "", "", mark(subtotal)))
    rows.append((_("Total social value mark"), "", fmt.percent(ctx.evaluation.social_value_weight_pct),
                 mark(result.total)))
    rank = (_("Disqualified") if result.disqualified
            else _("Rank {rank}").format(rank=result.rank) if result.rank else _("Not ranked"))
    title = result.bidder + (f" ({lot_label(result.lot)})" if result.lot is not None else "")
    return [Heading(2, title), Para(rank, label=_("Outcome: ")),
            Table((_("Question"), _("Consensus score"), _("Weight"), _("Weighted mark")), tuple(rows),
                  (2.2, 1.2, 0.8, 1), total_row=True, numeric=(2, 3))]


def _results(ctx: EvaluationRecordContext) -> list[Block]:
    words = ctx.words.moderation
    summary = tuple((lot_label(r.lot) or "-", str(r.rank) if r.rank else "-", r.bidder, mark(r.total))
                    for r in ctx.results)
    blocks: list[Block] = [
        Heading(1, _("Results"), page_break=True),
        Para(words["rounding"]),
        Table((_("Lot"), _("Rank"), _("Bidder"), _("Total social value mark")), summary, (0.6, 0.6, 2.6, 1.2),
              numeric=(1, 3)),
    ]
    for result in ctx.results:
        blocks += _bidder_results(ctx, result)
    disqualified = [r for r in ctx.results if r.disqualified]
    blocks.append(Heading(1, _("Disqualifications")))
    if disqualified:
        blocks.append(Table((_("Bidder"), _("Reason")), tuple((r.bidder, r.disqualified) for r in disqualified),
                            (1.2, 3)))
    else:
        blocks.append(Para(_("No bidder was disqualified.")))
    return blocks


def build_moderation_record(ctx: EvaluationRecordContext) -> Document:
    ev = ctx.evaluation
    words = ctx.words.moderation
    threshold = fmt.percent(ev.spread_threshold_pct)
    body: list[Block] = [Para(words["intro"]), Para(words["spread"].format(threshold=threshold)),
                         Para(words["confidential"], style="note"), *_panel(ctx),
                         Heading(1, _("Scores and moderation"), page_break=True)]
    for question in ev.questions:
        body += _question(ctx, question)
    body += _results(ctx)
    body += [Heading(1, _("Keeping this record")), Para(words["retention"]),
             Para(words["source"], label=_("Sources: "), style="note")]
    facts = ((_("Tender"), ctx.title), (_("Reference"), ctx.reference), (_("Route"), ctx.route_label),
             (_("Pack version"), ev.pack_version), (_("Status"), _status(ctx)),
             (_("Bidders"), str(len(ev.bidders))), (_("Printed on"), fmt.long_date(ctx.issue_date)))
    title = _("Moderation record: {reference} {title}").format(reference=ctx.reference, title=ctx.title)
    return Document(cover=Cover(eyebrow=words["eyebrow"], title=ctx.title, organisation=ctx.organisation,
                                facts=facts),
                    body=tuple(body), title=title, subject=_("Social value evaluation: moderation record"),
                    keywords=(ctx.reference, _("moderation record"), _("social value")),
                    running_head=f"{ctx.reference} \u00b7 {words['eyebrow']}",
                    footer_label=words["confidential"])


def write_moderation_record(ctx: EvaluationRecordContext, out: Path) -> Path:
    """Build the record and write it atomically to `out`; returns `out`."""
    document = build_moderation_record(ctx)
    return write_record_pdf(document, ctx.organisation, f"{ctx.reference} \u00b7 {_status(ctx)}", out)
