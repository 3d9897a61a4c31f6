"""The Trust's response to a commissioner's social value questions, as Word and PDF (P238 §5.2).

One section per question in the commissioner's own numbering: the question as issued, its limit, the word
count against it (counted as `model.word_count` counts, for the bid team's check) and the answer as plain
paragraphs, never in a table, so it pastes cleanly into the portal. Nothing internal is printed: no notes,
costs, approvals, capacities or scores; the bid's internal view is the approval summary (`bid_approval.py`).

`BidDocumentContext` holds plain values only; the service gathers it, the builders never read the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _, ngettext
from ..model.bid import Bid, BidQuestion
from ..model.bid_documents import BidDocumentWording, load_bid_documents
from ..model.commitment import Commitment
from ..model.rules.schema import Finding
from ..model.word_count import count_words, word_count_rule
from . import formatting as fmt
from .blocks import Block, Cover, Document, Heading, Para
from .evaluation_records import write_record_docx, write_record_pdf

REGIME_LABELS = {"procurement_act": "Procurement Act 2023",
                 "psr": "Health Care Services (Provider Selection Regime) Regulations 2023"}
"""Names of the Acts, the same in every language."""
REGIME_SHORT = {"procurement_act": "Procurement Act 2023", "psr": "Provider Selection Regime 2023"}
"""The same, short enough for a table cell or one line of a summary."""


@dataclass(frozen=True)
class BidDocumentContext:
    bid: Bid
    organisation: str
    issue_date: dt.date
    commitments: Mapping[str, Commitment] = field(default_factory=dict)
    """The library commitments the bid's answers use, by id."""
    findings: tuple[Finding, ...] = ()
    """The bid rules' findings (for the approval summary only)."""
    theme_labels: Mapping[str, str] = field(default_factory=dict)
    wording: BidDocumentWording | None = None

    @property
    def words(self) -> BidDocumentWording:
        return self.wording or load_bid_documents()

    def theme_label(self, theme: str) -> str:
        return self.theme_labels.get(theme) or theme.replace("_", " ").capitalize()


def deadline_text(deadline: dt.datetime | None) -> str:
    """The submission deadline as the commissioner set it: its own date and time."""
    if deadline is None:
        return fmt.not_set()
    return _("{day} at {time}").format(day=fmt.long_date(deadline.date()), time=f"{deadline:%H:%M}")


def limit_text(question: BidQuestion) -> str:
    if question.limit is None:
        return _("No limit set by the commissioner")
    if question.limit_kind == "pages":
        return ngettext("{limit:,} page", "{limit:,} pages", question.limit).format(limit=question.limit)
    return ngettext("{limit:,} word", "{limit:,} words", question.limit).format(limit=question.limit)


def count_text(question: BidQuestion) -> str:
    """The answer's word count against the limit, as the bid team checks it."""
    count = count_words(question.answer)
    words = ngettext("{count:,} word", "{count:,} words", count).format(count=count)
    if question.limit is None or question.limit_kind != "words":
        return words
    if count > question.limit:
        return _("{words}: {over:,} over the limit of {limit:,}").format(words=words, over=count - question.limit,
                                                                          limit=question.limit)
    return _("{words} of {limit:,}: within the limit").format(words=words, limit=question.limit)


def _question(question: BidQuestion) -> list[Block]:
    blocks: list[Block] = [Heading(1, _("Question {number}").format(number=question.number)),
                           Para(question.text or _("(The question's text is not recorded.)"), label=_("Question: ")),
                           Para(limit_text(question), label=_("Limit: "))]
    published = []
    if question.scoring_scale:
        published.append(_("scored {scale}").format(scale=question.scoring_scale))
    if question.weight_pct is not None:
        published.append(_("weighted {weight} of the total score").format(weight=fmt.percent(question.weight_pct)))
    if published:
        blocks.append(Para("; ".join(published), label=_("Evaluation: "), style="note"))
    blocks += [Para(count_text(question), label=_("Word count: "), style="note"),
               Heading(2, _("Answer to question {number}").format(number=question.number)),
               Para(question.answer.strip() or _("(Not answered yet.)"))]
    return blocks


def build_response(ctx: BidDocumentContext) -> Document:
    bid, words = ctx.bid, ctx.words.response
    body: list[Block] = [Para(words["intro"]), Para(words["count_note"], style="note")]
    for question in bid.questions:
        body += _question(question)
    if not bid.questions:
        body.append(Para(_("The commissioner's questions are not recorded yet.")))
    body += [Heading(1, _("How words are counted")), Para(word_count_rule(), style="note"),
             Para(words["source"], label=_("Source: "), style="note")]
    facts = ((_("Service"), bid.title), (_("Commissioner"), bid.commissioner or fmt.not_set()),
             (_("Commissioner's reference"), bid.portal_reference or fmt.not_set()),
             (_("Portal"), bid.portal or fmt.not_set()),
             (_("Submission deadline"), deadline_text(bid.submission_deadline)),
             (_("Regime"), REGIME_LABELS.get(bid.regime, bid.regime)),
             (_("Questions"), str(len(bid.questions))), (_("Printed on"), fmt.long_date(ctx.issue_date)))
    title = _("Social value response: {title}").format(title=bid.title)
    return Document(cover=Cover(eyebrow=words["eyebrow"], title=bid.title, organisation=ctx.organisation,
                                facts=facts),
                    body=tuple(body), title=title, subject=_("Social value response to {commissioner}").format(
                        commissioner=bid.commissioner or _("the commissioner")),
                    keywords=(bid.portal_reference or bid.reference, _("social value"), _("response")),
                    running_head=f"{bid.portal_reference or bid.reference} \u00b7 {words['eyebrow']}",
                    footer_label=ctx.organisation)


def write_response_pdf(ctx: BidDocumentContext, out: Path) -> Path:
    """Build the response and write it atomically to `out` as PDF; returns `out`."""
    document = build_response(ctx)
    line = _("{commissioner} \u00b7 {reference}").format(commissioner=ctx.bid.commissioner or ctx.organisation,
                                                         reference=ctx.bid.portal_reference or ctx.bid.reference)
    return write_record_pdf(document, ctx.organisation, line, out)


def write_response_docx(ctx: BidDocumentContext, out: Path) -> Path:
    """The same response as a Word file, written atomically to `out`; returns `out`."""
    return write_record_docx(build_response(ctx), ctx.organisation, out)
