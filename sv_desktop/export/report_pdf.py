"""The compliance report as an A4 PDF for the committee: the pack's look (NHS colours, Liberation Sans,
running header, "Page X of Y"), with charts between the tables.

It reuses the pack's renderer: blocks become flowables through `pdf_render.render`, charts are reportlab
Drawings, and the whole story goes to `build_pdf` after the title block, as the brief's does.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, Spacer

from ..i18n import _
from ..model.compliance import ComplianceReport
from .atomic import ExportError, atomic_write
from .blocks import Document, Heading, Para, Table
from .pdf_render import build_pdf, cover_flowables, render
from .report_charts import percent_bars
from .report_content import AUDIENCE, Chart, Part, build_report
from .styles import PageFurniture

KEEP_ROWS = 12
"""Tables up to this many rows are never split across pages."""


def _lead_in(blocks: list) -> list:
    """The heading and paragraphs at the end of `blocks` that introduce what comes next."""
    for index in range(len(blocks) - 1, -1, -1):
        if isinstance(blocks[index], Heading):
            return blocks[index:]
        if not isinstance(blocks[index], Para):
            return []
    return []


def _story(document: Document, parts: list[Part], report: ComplianceReport) -> list[Flowable]:
    reference_line = _("For the {audience}").format(audience=_(AUDIENCE))
    story: list[Flowable] = [*cover_flowables(document, reference_line, large=False), NextPageTemplate("body")]
    blocks: list = []

    def flush() -> None:
        story.extend(render(Document(cover=document.cover, body=tuple(blocks), title=document.title,
                                     subject=document.subject), key_prefix=f"part{len(story)}-"))
        blocks.clear()

    for part in parts:
        if isinstance(part, Chart):
            flush()
            story.append(KeepTogether([percent_bars(part.title, list(part.rows), _("This period"),
                                                    _("Previous period")), Spacer(1, 6)]))
        elif isinstance(part, Table) and len(part.rows) <= KEEP_ROWS:
            # A short table moves to the next page whole, with the heading and text that lead into it,
            # rather than leave a heading or a sliver of a row at the foot of a page.
            lead = _lead_in(blocks)
            del blocks[len(blocks) - len(lead):]
            flush()
            blocks.extend([*lead, part])
            start = len(story)
            flush()
            story[start:] = [KeepTogether(story[start:])]
        else:
            blocks.append(part)
    flush()
    return story


def write_report_pdf(report: ComplianceReport, out: Path) -> Path:
    """Build the report and write it atomically to `out`; returns `out`."""
    document, parts = build_report(report)
    furniture = PageFurniture(running_head=document.running_head, footer_label=document.footer_label,
                              organisation=report.organisation, draft_mark=None)

    def write(temp: Path) -> None:
        try:
            # The whole story rides in as the opening flowables; the document's own body is empty.
            build_pdf(document, furniture, report.organisation, temp, _story(document, parts, report))
        except FileNotFoundError as error:
            raise ExportError(_("Cannot build the PDF: {error} Reinstall sv-desktop to restore it.").format(
                                error=error)) from error

    return atomic_write(Path(out), write)
