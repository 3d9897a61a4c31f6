"""The ITT social value question pack as a print-ready A4 PDF."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from .atomic import ExportError, atomic_write
from .context import PackContext
from .pack_content import DRAFT_MARK, build_pack
from .pdf_render import build_pdf, cover_flowables
from .styles import PageFurniture


def furniture_for(ctx: PackContext, running_head: str, footer_label: str) -> PageFurniture:
    return PageFurniture(running_head=running_head, footer_label=footer_label, organisation=ctx.organisation,
                         draft_mark=None if ctx.compliant else _(DRAFT_MARK))


def write_pack_pdf(ctx: PackContext, out: Path) -> Path:
    """Build the pack and write it atomically to `out`; returns `out`."""
    document = build_pack(ctx)
    furniture = furniture_for(ctx, document.running_head, document.footer_label)

    def write(temp: Path) -> None:
        try:
            build_pdf(document, furniture, ctx.organisation, temp,
                      cover_flowables(document, _("Tender reference {reference}").format(reference=ctx.tender.reference)))
        except FileNotFoundError as error:
            raise ExportError(_("Cannot build the PDF: {error} Reinstall sv-desktop to restore it.").format(
                                error=error)) from error

    return atomic_write(out, write)
