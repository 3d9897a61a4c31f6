"""The ITT social value question pack as an editable Word document, for users who need to adapt it or
need an accessible copy (open-source reportlab cannot tag a PDF for screen readers)."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _
from .atomic import atomic_write
from .context import PackContext
from .docx_render import build_docx
from .pack_content import DRAFT_MARK, build_pack


def write_pack_docx(ctx: PackContext, out: Path) -> Path:
    """Build the pack and write it atomically to `out`; returns `out`."""
    document = build_pack(ctx)
    draft = None if ctx.compliant else _(DRAFT_MARK)
    return atomic_write(out, lambda temp: build_docx(document, ctx.organisation, draft, temp))
