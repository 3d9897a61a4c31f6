"""Exports: the ITT social value question pack (PDF and Word) and the pre-market engagement brief (PDF and Word).

Builders read a plain `PackContext` (never widgets) and write through `atomic_write`, so a failed
export never leaves a half-written file or loses the previous one.
"""

from .atomic import ExportError, atomic_write
from .brief_pdf import write_brief_docx, write_brief_pdf
from .context import PackContext, ScaleLevel, make_pack_context
from .pack_docx import write_pack_docx
from .pack_pdf import write_pack_pdf

__all__ = [
    "ExportError",
    "PackContext",
    "ScaleLevel",
    "atomic_write",
    "make_pack_context",
    "write_brief_docx",
    "write_brief_pdf",
    "write_pack_docx",
    "write_pack_pdf",
]
