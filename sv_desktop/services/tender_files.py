"""The tender's files: the supplier documents (the question pack and the pre-market brief, PDF and Word,
numbered by issue), the portal workbook, and the tender as a .svtender.json file written or read.

Given the store (which records each issue), settings, content, the data folder and a clock in its
constructor, so it works on its own; `TenderService` makes one and forwards to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..i18n import _
from ..model.content import Content
from ..model.limits import LimitError, check_tender
from ..model.tender import Tender
from ..model.tender_file import TenderFileError, read_tender_file, tender_to_json
from ..settings import Settings
from .errors import InvalidTenderError, ServiceError, export_error
from .guard import plain_errors

if TYPE_CHECKING:
    from ..export.context import PackContext
    from ..model.portal_profiles import PortalProfile


class TenderFiles:
    """Files made from a tender and read into one. Supplier documents are dated `clock()`, signed by the
    organisation in `settings`, and numbered by the issues `tender_store` records."""

    def __init__(self, tender_store: store.TenderStore, settings: Settings, content: Content, data_dir: Path,
                 clock: Callable[[], dt.date]) -> None:
        self._store = tender_store
        self._settings = settings
        self._content = content
        self._data_dir = data_dir
        self._today = clock

    def pack_context(self, tender: Tender) -> PackContext:
        """The context supplier documents (and the evaluation of their answers) are made from, as of today."""
        from ..export.context import make_pack_context

        return make_pack_context(tender, organisation=self._settings.organisation, today=self._today(),
                                 contact_email=self._settings.contact_email,
                                 local_areas=tuple(self._settings.local_postcode_areas))

    def _export(self, writer_name: str, tender: Tender, out: Path) -> Path:
        from .. import export
        from .document_issue import issued_context
        from .supplier_documents import document_kind, refuse_named_suppliers

        refuse_named_suppliers(tender)
        writer = getattr(export, writer_name)
        try:
            kind, build, draft = document_kind(writer_name)
            with plain_errors():
                ctx = self.pack_context(tender)
                ctx = issued_context(self._store, ctx, kind, build, draft(ctx))
            return writer(ctx, Path(out))
        except export.ExportError as exc:
            raise export_error(exc) from exc

    def supplier_texts(self, tender: Tender, document: str = "") -> list[tuple[str, str]]:
        """Every text the manager wrote that the pack or brief ("pack", "brief", "" for both) prints, for the
        preview before export."""
        from ..model.supplier_text import supplier_facing_texts

        return supplier_facing_texts(tender, document)

    def export_pdf(self, tender: Tender, out: Path) -> Path:
        return self._export("write_pack_pdf", tender, out)

    def export_docx(self, tender: Tender, out: Path) -> Path:
        return self._export("write_pack_docx", tender, out)

    def export_brief(self, tender: Tender, out: Path) -> Path:
        return self._export("write_brief_pdf", tender, out)

    def export_brief_docx(self, tender: Tender, out: Path) -> Path:
        return self._export("write_brief_docx", tender, out)

    def portal_profiles(self) -> dict[str, str]:
        """The portal profiles (bundled, then the Trust's own in the data folder), id -> name."""
        return {key: profile.name for key, profile in self._portal_profiles().items()}

    def _portal_profiles(self) -> dict[str, PortalProfile]:
        from ..model.portal_profiles import TRUST_FOLDER, load_profiles
        from ..model.resource_yaml import ContentError

        try:
            return load_profiles(trust_folder=self._data_dir / TRUST_FOLDER)
        except ContentError as exc:
            raise ServiceError(_("A portal profile cannot be used: {exc}").format(exc=exc)) from exc

    def export_portal(self, tender: Tender, out: Path, profile: str = "neutral") -> tuple[Path, list[str]]:
        """The questions as a portal import workbook (.xlsx or .csv) in the profile's layout.

        Returns the file written and a sentence for each value shortened to the portal's length.
        """
        from ..export import ExportError
        from ..export.portal_workbook import write_portal_workbook

        profiles = self._portal_profiles()
        if profile not in profiles:
            raise ServiceError(_("There is no portal profile {profile!r}; the profiles are {sorted}.").format(
                                 profile=profile, sorted=', '.join(sorted(profiles))))
        if Path(out).suffix.lower() not in (".xlsx", ".csv"):
            raise ServiceError(_("A portal workbook is written as .xlsx or .csv, not {name!r}.").format(
                                 name=Path(out).name))
        descriptions = {
            theme_id: _("NHS priority areas: {areas}").format(areas="; ".join(theme.nhs_priority_areas))
            for theme_id, theme in self._content.themes.items() if theme.nhs_priority_areas
        }
        try:
            return write_portal_workbook(self.pack_context(tender), descriptions, profiles[profile], Path(out))
        except ExportError as exc:
            raise ServiceError(str(exc)) from exc

    def export_file(self, tender: Tender, out: Path) -> Path:
        """Write the tender as a .svtender.json file, atomically."""
        from ..export import ExportError, atomic_write

        within_limits(tender)
        text = tender_to_json(tender, stamped=True)
        try:
            return atomic_write(Path(out), lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except ExportError as exc:
            raise export_error(exc) from exc

    def allow_replacing(self, out: Path) -> None:
        """The manager agreed to replace the read-only file `out`: the next export to it may (once)."""
        from ..export.atomic import allow_replacing

        allow_replacing(Path(out))

    def read_file(self, path: Path) -> Tender:
        try:
            return read_tender_file(path)
        except TenderFileError as exc:
            raise InvalidTenderError(f"{Path(path).name}: {exc}") from exc


def within_limits(tender: Tender) -> None:
    """Refuse a tender over the limits of `model.limits`, so whatever is stored can be exported and read back."""
    try:
        check_tender(tender)
    except LimitError as exc:
        raise InvalidTenderError(_("{value} is too large to keep: {exc}.").format(
                                   value=tender.reference or _("This tender"), exc=exc)) from exc
