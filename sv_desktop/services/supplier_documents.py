"""Rules for documents that go to suppliers (the pack and the brief): which document a writer makes, when
it is a DRAFT, and the refusal to print the name of a supplier met at pre-market engagement."""

from __future__ import annotations

from collections.abc import Callable

from ..export.brief_content import brief_blockers, build_brief
from ..export.context import PackContext
from ..export.pack_content import build_pack
from ..i18n import _
from ..model.supplier_text import names_in_supplier_text
from ..model.tender import Tender
from .errors import InvalidTenderError


def _pack_draft(ctx: PackContext) -> bool:
    return not ctx.compliant


def _brief_draft(ctx: PackContext) -> bool:
    return bool(brief_blockers(ctx))


def document_kind(writer_name: str) -> tuple[str, Callable[[PackContext], object], Callable[[PackContext], bool]]:
    """(kind recorded in the store, the builder of its content, whether a context makes it a DRAFT)."""
    if "brief" in writer_name:
        return "brief", build_brief, _brief_draft
    return "pack", build_pack, _pack_draft


def refuse_named_suppliers(tender: Tender) -> None:
    """Supplier documents never name a supplier met: say where the name is, so the manager can remove it."""
    found = names_in_supplier_text(tender)
    if found:
        where, name = found[0]
        raise InvalidTenderError(_("“{where}” names {name}, a supplier met at pre-market engagement; "
                                   "remove the name before exporting, as supplier documents never name "
                                   "them.").format(where=where, name=name))
