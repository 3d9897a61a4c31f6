"""The one-page internal approval summary of a bid, for the approver (P238 §5.2): the opportunity, every
commitment the answers use (what, owner, cost, dates), the total cost, the owners, and the risks the bid
rules found (blockers and warnings, such as a commitment promised beyond its owner's capacity).

Internal: it names costs and owners the response document never prints. Read from a `BidDocumentContext`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..i18n import _, ngettext
from ..model.bid import stage_label
from ..model.commitment import Commitment
from . import formatting as fmt
from .bid_response import REGIME_SHORT, BidDocumentContext, deadline_text
from .blocks import Block, Bullets, Cover, Document, Heading, Para, Table
from .evaluation_records import write_record_pdf

RISK_SEVERITIES = ("blocker", "warning")


def _what(commitment: Commitment) -> str:
    measure = commitment.target or (f"{fmt.number(commitment.quantity)} {commitment.unit}".strip()
                                    if commitment.quantity is not None else "")
    return f"{commitment.title}: {measure}" if measure else commitment.title


def _dates(commitment: Commitment) -> str:
    if commitment.start_date is None and commitment.end_date is None:
        return fmt.not_set()
    return f"{fmt.short_date(commitment.start_date)} \u2013 {fmt.short_date(commitment.end_date)}"


def _what_and_approval(commitment: Commitment) -> str:
    """The commitment and its target, marked when the library records no approval of it."""
    if commitment.is_approved:
        return _what(commitment)
    return _("{commitment} (not approved in the library)").format(commitment=_what(commitment))


def total_cost(commitments: list[Commitment]) -> Decimal:
    return sum((c.cost_gbp for c in commitments if c.cost_gbp is not None), Decimal(0))


def _commitments(ctx: BidDocumentContext) -> list[Block]:
    used = [ctx.commitments[cid] for cid in ctx.bid.commitment_ids if cid in ctx.commitments]
    missing = [cid for cid in ctx.bid.commitment_ids if cid not in ctx.commitments]
    if not used:
        return [Heading(2, _("Commitments")), Para(_("The answers use no commitments from the library yet."))]
    rows = tuple((_what_and_approval(c), c.owner or _("no owner"), fmt.money(c.cost_gbp) if c.cost_gbp is not None
                  else fmt.not_set(), _dates(c)) for c in used)
    unpriced = sum(1 for c in used if c.cost_gbp is None)
    total = (_("Total cost"), "", fmt.money(total_cost(used)), "")
    blocks: list[Block] = [
        Heading(2, _("Commitments")),
        Table((_("Commitment and target"), _("Owner"), _("Cost"), _("Dates")),
              (*rows, total), (3.7, 1.8, 1.2, 2.3), total_row=True, numeric=(2,))]
    if unpriced:
        blocks.append(Para(ngettext("{count} commitment has no cost recorded; the total leaves it out.",
                                    "{count} commitments have no cost recorded; the total leaves them out.",
                                    unpriced).format(count=unpriced), style="note"))
    if missing:
        blocks.append(Para(_("Not in the library: {ids}.").format(ids=", ".join(missing)), style="note"))
    return blocks


def _owners(ctx: BidDocumentContext) -> list[Block]:
    owners: list[str] = []
    for cid in ctx.bid.commitment_ids:
        commitment = ctx.commitments.get(cid)
        owner = (commitment.owner.strip() or _("no owner")) if commitment is not None else ""
        if owner and owner not in owners:
            owners.append(owner)
    return [Para("; ".join(owners), label=_("Owners to agree: "))] if owners else []


def _risks(ctx: BidDocumentContext) -> list[Block]:
    risks = [f for f in ctx.findings if f.severity in RISK_SEVERITIES]
    if not risks:
        return [Para(_("the bid rules found no blockers or warnings."), label=_("Risks: "))]
    labels = {"blocker": _("Blocker: "), "warning": _("Warning: ")}
    return [Bullets(tuple(f.message for f in risks), title=_("Risks the bid rules found"),
                    labels=tuple(labels[f.severity] for f in risks))]


def build_approval(ctx: BidDocumentContext) -> Document:
    bid, words = ctx.bid, ctx.words.approval
    approved = (_("{approver} on {day}").format(approver=bid.approver, day=fmt.long_date(bid.approved_on))
                if bid.approver and bid.approved_on
                else _("{approver}: not yet recorded").format(approver=bid.approver or _("no approver named")))
    duration = fmt.duration(bid.duration_months) if bid.duration_months else fmt.not_set()
    facts = ((_("Commissioner"), bid.commissioner or fmt.not_set()),
             (_("Value and duration"), _("{value} over {duration}").format(value=fmt.money(bid.value_gbp),
                                                                           duration=duration)),
             (_("Submission deadline"), deadline_text(bid.submission_deadline)),
             (_("Regime and weighting"), _("{regime}; social value {weighting} of the score").format(
                 regime=REGIME_SHORT.get(bid.regime, bid.regime),
                 weighting=fmt.percent(bid.social_value_weighting_pct))),
             (_("Stage and Bid Lead"), f"{stage_label(bid.stage)} \u00b7 {bid.bid_lead or fmt.not_set()}"),
             (_("Approval"), approved))
    body: list[Block] = [Para(_("{intro} Source: {source}.").format(intro=words["intro"], source=words["source"]),
                              style="note"), *_commitments(ctx), *_owners(ctx), *_risks(ctx)]
    return Document(cover=Cover(eyebrow=words["eyebrow"], title=bid.title, organisation=ctx.organisation,
                                facts=facts),
                    body=tuple(body), title=_("Bid approval summary: {reference} {title}").format(
                        reference=bid.reference, title=bid.title),
                    subject=_("Bid approval summary"), keywords=(bid.reference, _("bid approval")),
                    running_head=f"{bid.reference} \u00b7 {words['eyebrow']}", footer_label=words["confidential"])


def write_approval_pdf(ctx: BidDocumentContext, out: Path) -> Path:
    """Build the summary and write it atomically to `out` as PDF; returns `out`."""
    line = _("{reference} \u00b7 printed {day}").format(reference=ctx.bid.reference,
                                                         day=fmt.long_date(ctx.issue_date))
    return write_record_pdf(build_approval(ctx), ctx.organisation, line, out)
