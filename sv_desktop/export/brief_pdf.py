"""The pre-market engagement brief as a PDF and as a Word file; `brief_content` says what it contains."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from . import formatting as fmt
from .atomic import ExportError, atomic_write
from .brief_content import BRIEF_DRAFT_MARK, BRIEF_NAME, brief_blockers, build_brief
from .context import PackContext
from .docx_render import build_docx
from .pdf_render import build_pdf, cover_flowables
from .styles import PageFurniture

__all__ = ["BRIEF_NAME", "build_brief", "write_brief_docx", "write_brief_pdf"]


def _draft_mark(ctx: PackContext) -> str | None:
    return _(BRIEF_DRAFT_MARK) if brief_blockers(ctx) else None


def write_brief_pdf(ctx: PackContext, out: Path) -> Path:
    """Build the brief and write it atomically to `out`; returns `out`."""
    document = build_brief(ctx)
    furniture = PageFurniture(running_head=document.running_head, footer_label=document.footer_label,
                              organisation=ctx.organisation, draft_mark=_draft_mark(ctx))
    reference_line = _("Reference {reference} \u00b7 Version {version} \u00b7 Issued {issued}").format(
        reference=ctx.tender.reference, version=ctx.version_label, issued=fmt.long_date(ctx.issue_date))

    def write(temp: Path) -> None:
        try:
            build_pdf(document, furniture, ctx.organisation, temp,
                      cover_flowables(document, reference_line, large=False))
        except FileNotFoundError as error:
            raise ExportError(_("Cannot build the PDF: {error} Reinstall sv-desktop to restore it.").format(
                                error=error)) from error

    return atomic_write(out, write)


def write_brief_docx(ctx: PackContext, out: Path) -> Path:
    """The same brief as an editable Word file, written atomically to `out`; returns `out`."""
    document = build_brief(ctx)
    return atomic_write(out, lambda temp: build_docx(document, ctx.organisation, _draft_mark(ctx), temp))
