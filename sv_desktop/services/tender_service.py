"""The use-cases of sv-desktop: the one object the UI and the CLI talk to.

It takes and returns plain domain objects (`Tender`, `TenderSummary`, `Finding`), never ORM rows or
widgets, and turns storage and export failures into `ServiceError`s with plain messages.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..i18n import _
from ..masking import mask_secrets
from ..model import rules
from ..model.content import Content, load_content
from ..model.evaluation import Evaluation
from ..model.lifecycle import Award
from ..model.limits import LimitError, check_tender
from ..model.question_bank import QuestionBank, load_question_bank
from ..model.tender import Tender, TenderSummary, new_tender
from ..model.tender_file import TenderFileError, read_tender_file, tender_to_json
from ..paths import AppPaths, app_paths, database_url_from_env
from ..settings import Settings, load_settings
from .backups import BackupFile, backup_file
from .errors import (
    ConflictError,
    DatabaseInUse,
    DatabaseProblem,
    DuplicateReferenceError,
    ImportConflictError,
    InvalidTenderError,
    NotFoundError,
    ServiceError,
    export_error,
)
from .evaluation_documents import EvaluationDocuments
from .evaluation_service import EvaluationUseCases
from .history_service import HistoryUseCases
from .lifecycle_service import LifecycleUseCases

if TYPE_CHECKING:
    from ..export.context import PackContext

BIN_DAYS = 30
"""Days a deleted tender stays in the bin before it is removed for good."""

_STORE_ERRORS = {
    store.NotFoundError: NotFoundError,
    store.DuplicateReferenceError: DuplicateReferenceError,
    store.ConflictError: ConflictError,
    store.DatabaseBusyError: DatabaseInUse,
}


@contextlib.contextmanager
def _plain_errors() -> Iterator[None]:
    """Translate store errors into service errors so callers never see the storage layer."""
    try:
        yield
    except store.StoreError as exc:
        for store_cls, service_cls in _STORE_ERRORS.items():
            if isinstance(exc, store_cls):
                raise service_cls(str(exc)) from exc
        raise ServiceError(str(exc)) from exc


class TenderService(LifecycleUseCases, HistoryUseCases, EvaluationUseCases, EvaluationDocuments):
    def __init__(self, tender_store: store.TenderStore, settings: Settings, *,
                 content: Content | None = None, bank: QuestionBank | None = None,
                 clock: Callable[[], dt.date] = dt.date.today) -> None:
        self._store = tender_store
        self.settings = settings
        self.content = content or load_content()
        self.bank = bank or load_question_bank()
        self.rules = rules.load_rules()
        self._today = clock

    # ---------------------------------------------------------------- where things are

    @property
    def paths(self) -> AppPaths:
        return self._store.paths

    @property
    def data_dir(self) -> Path:
        return self._store.paths.data_dir

    @property
    def database_location(self) -> str:
        """Where the tenders are kept, for the Settings and Doctor screens (no password shown)."""
        if self._store.is_sqlite:
            return str(self._store.paths.database)
        return mask_secrets(self._store.url)

    @property
    def is_team_database(self) -> bool:
        return not self._store.is_sqlite

    def save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            raise ServiceError(_("The settings could not be saved ({value}).").format(
                                 value=exc.strerror or exc)) from exc

    def close(self) -> None:
        self._store.close()

    def _guard(self) -> contextlib.AbstractContextManager[None]:
        return _plain_errors()

    # ---------------------------------------------------------------- tenders

    def list_tenders(self, text: str = "") -> list[TenderSummary]:
        with _plain_errors():
            return self._store.list_summaries(text)

    def suggest_reference(self) -> str:
        """The next free reference of the form PREFIX-YEAR-NNN."""
        prefix = f"{self.settings.reference_prefix or 'SV'}-{self._today().year}-"
        with _plain_errors():
            taken = {s.reference for s in self._store.list_summaries("", include_deleted=True)}
        number = 1
        while f"{prefix}{number:03d}" in taken:
            number += 1
        return f"{prefix}{number:03d}"

    def new_tender(self, title: str = "", category: str = "goods_services") -> Tender:
        """An unsaved tender with the policy's defaults and a free reference."""
        return new_tender(self.suggest_reference(), title, category)

    def reference_taken(self, reference: str, *, except_reference: str | None = None) -> bool:
        if reference == except_reference:
            return False
        with _plain_errors():
            return self._store.exists(reference)

    def get(self, reference: str) -> Tender:
        with _plain_errors():
            return self._store.get(reference)

    def create(self, tender: Tender) -> Tender:
        _within_limits(tender)
        with _plain_errors():
            return self._store.create(tender, compliant=self.is_compliant(tender))

    def save(self, tender: Tender, previous_reference: str | None = None) -> Tender:
        """Save (autosave calls this); the stored compliance state follows the policy check."""
        if not tender.reference.strip():
            raise ServiceError(_("A tender needs a reference before it can be saved."))
        _within_limits(tender)
        with _plain_errors():
            if tender.version == 0:
                saved = self._store.create(tender, compliant=self.is_compliant(tender))
            else:
                saved = self._store.save(tender, compliant=self.is_compliant(tender),
                                         previous_reference=previous_reference)
        return saved

    def remember_step(self, reference: str, step: str) -> bool:
        """The wizard step the manager is on, kept without counting as a change to the tender."""
        with _plain_errors():
            return self._store.remember_step(reference, step)

    def duplicate(self, reference: str) -> Tender:
        """A copy under a new reference, saved at once, starting again at the first step."""
        original = self.get(reference)
        twin = copy.deepcopy(original)
        twin.reference = self.suggest_reference()
        twin.title = f"Copy of {original.title}".strip()
        twin.version = 0
        twin.updated_at = None
        twin.current_step = "details"
        twin.stage = "pipeline"
        # A copy starts a new procurement: the old one's engagement, award and delivery records stay behind.
        twin.engagement, twin.award, twin.kpi_results, twin.case_studies = [], Award(), [], []
        twin.role_checklists = {}
        return self.create(twin)

    def delete(self, reference: str) -> None:
        """Moves the tender to the bin, where it stays 30 days."""
        with _plain_errors():
            self._store.delete(reference)

    def list_bin(self) -> list[TenderSummary]:
        with _plain_errors():
            return self._store.list_bin()

    def bin_removal_dates(self, days: int = BIN_DAYS) -> dict[str, dt.datetime]:
        """When each tender in the bin will be removed for good (`days` after it was deleted)."""
        with _plain_errors():
            return {reference: deleted + dt.timedelta(days=days)
                    for reference, deleted in self._store.bin_deleted_at().items()}

    def restore_from_bin(self, reference: str) -> None:
        with _plain_errors():
            self._store.restore_from_bin(reference)

    def empty_bin(self, older_than_days: int = BIN_DAYS) -> int:
        with _plain_errors():
            return self._store.purge_bin(older_than_days)

    # ---------------------------------------------------------------- policy

    def check(self, tender: Tender) -> list[rules.Finding]:
        return rules.evaluate(tender, self.rules, today=self._today())

    def is_compliant(self, tender: Tender) -> bool:
        return rules.is_compliant(self.check(tender))

    def requirements(self, tender: Tender) -> list[rules.SupplierRequirement]:
        return rules.supplier_requirements(tender, self.rules, today=self._today())

    def check_report(self, tender: Tender) -> dict:
        return rules.check_report(tender, self.check(tender))

    # ---------------------------------------------------------------- files

    def _pack_context(self, tender: Tender) -> PackContext:
        from ..export.context import make_pack_context

        return make_pack_context(tender, organisation=self.settings.organisation, today=self._today(),
                                 contact_email=self.settings.contact_email,
                                 local_areas=tuple(self.settings.local_postcode_areas))

    def _export(self, writer_name: str, tender: Tender, out: Path) -> Path:
        from .. import export
        from .document_issue import issued_context
        from .supplier_documents import document_kind, refuse_named_suppliers

        refuse_named_suppliers(tender)
        writer = getattr(export, writer_name)
        try:
            kind, build, draft = document_kind(writer_name)
            with _plain_errors():
                ctx = self._pack_context(tender)
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

    def _portal_profiles(self):
        from ..model.portal_profiles import TRUST_FOLDER, load_profiles
        from ..model.resource_yaml import ContentError

        try:
            return load_profiles(trust_folder=self.data_dir / TRUST_FOLDER)
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
            theme_id: "NHS priority areas: " + "; ".join(theme.nhs_priority_areas)
            for theme_id, theme in self.content.themes.items() if theme.nhs_priority_areas
        }
        try:
            return write_portal_workbook(self._pack_context(tender), descriptions, profiles[profile], Path(out))
        except ExportError as exc:
            raise ServiceError(str(exc)) from exc

    def export_file(self, tender: Tender, out: Path) -> Path:
        """Write the tender as a .svtender.json file, atomically."""
        from ..export import ExportError, atomic_write

        _within_limits(tender)
        if tender.evaluation is None:
            tender = copy.copy(tender)
            tender.evaluation = self._stored_evaluation(tender.reference)
        text = tender_to_json(tender, stamped=True)
        try:
            return atomic_write(Path(out), lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except ExportError as exc:
            raise export_error(exc) from exc

    def _stored_evaluation(self, reference: str) -> Evaluation | None:
        """The evaluation stored for a tender (carried by its file), None for none or a tender not stored."""
        try:
            with _plain_errors():
                return self._store.get_evaluation(reference)
        except NotFoundError:
            return None

    def allow_replacing(self, out: Path) -> None:
        """The manager agreed to replace the read-only file `out`: the next export to it may (once)."""
        from ..export.atomic import allow_replacing

        allow_replacing(Path(out))

    def read_file(self, path: Path) -> Tender:
        try:
            return read_tender_file(path)
        except TenderFileError as exc:
            raise InvalidTenderError(f"{Path(path).name}: {exc}") from exc

    def import_file(self, path: Path, *, force: bool = False) -> tuple[Tender, bool]:
        """Import a tender file; an existing reference is updated. Backs the database up first."""
        return self.import_tender(self.read_file(path), force=force)

    def import_tender(self, tender: Tender, *, force: bool = False) -> tuple[Tender, bool]:
        """Store a tender read from elsewhere: created if new, replacing the stored one if not.

        A stored tender changed since the file was exported (the file's `version`) is replaced only with
        `force`, else ImportConflictError. The database is backed up first (SQLite), and the version
        replaced is kept in the tender's history (both modes).
        """
        _within_limits(tender)
        self._backup_quietly("import")
        try:
            with _plain_errors():
                return self._store.upsert(tender, compliant=self.is_compliant(tender), force=force)
        except ConflictError as exc:
            raise ImportConflictError(str(exc)) from exc

    # ---------------------------------------------------------------- safety

    def _backup_quietly(self, reason: str) -> None:
        """A backup nobody waits for (before an import): a failure is logged, not shown."""
        if self._store.is_sqlite:
            try:
                self._store.backup_if_changed(reason)
            except (store.StoreError, OSError) as exc:
                from ..logging_setup import log_failure

                log_failure(f"the backup before {reason}", exc)

    def backup(self) -> Path:
        with _plain_errors():
            return self._store.backup("manual")

    def backup_if_changed(self, reason: str = "periodic") -> Path | None:
        if not self._store.is_sqlite:
            return None
        with _plain_errors():
            return self._store.backup_if_changed(reason)

    def restore_backup(self, backup_file: Path) -> Path | None:
        """Replace the local database with a backup; the current one is backed up and kept aside first.

        The store is closed for the swap and reopened on the restored file. Returns where the previous
        database was kept (None when there was none).
        """
        if not self._store.is_sqlite:
            raise ServiceError(_("Restore works on the local database only; a shared database is "
                                 "restored by its server's administrator."))
        paths = self._store.paths
        self._store.close()
        try:
            with _plain_errors():
                return store.restore_backup(paths, Path(backup_file))
        finally:
            # Reopen whatever is there now: the restored file, or the untouched original on failure.
            with _plain_errors():
                self._store = store.TenderStore.open(paths)

    def list_backups(self) -> list[BackupFile]:
        with _plain_errors():
            return [backup_file(info) for info in self._store.list_backups()]

    def doctor(self) -> list[str]:
        with _plain_errors():
            return [mask_secrets(line) for line in self._store.doctor().lines()]


def _within_limits(tender: Tender) -> None:
    """Refuse a tender over the limits of `model.limits`, so whatever is stored can be exported and read back."""
    try:
        check_tender(tender)
    except LimitError as exc:
        raise InvalidTenderError(_("{value} is too large to keep: {exc}.").format(
                                   value=tender.reference or _("This tender"), exc=exc)) from exc


def open_service(data_dir: str | Path | None = None, database_url: str | None = None, *,
                 backup: bool = True) -> TenderService:
    """Open the store for a data folder (SQLite) or a team database URL, with the user's settings.

    Raises DatabaseProblem for a damaged or newer database so the caller can offer a way out.
    `backup=False` leaves the start-up backup (a full copy of the database when it changed since the
    last one) to the caller: the desktop app takes it off the UI thread once its window is filled.
    """
    paths = app_paths(data_dir)
    try:
        paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        store.make_private(paths.data_dir)  # user-only, team mode too: settings.json may hold the address
    except OSError as exc:
        raise ServiceError(_("The data folder {data_dir} cannot be created ({value}).").format(
                             data_dir=paths.data_dir, value=exc.strerror or exc)) from exc
    settings = load_settings(paths)
    url = database_url or database_url_from_env() or settings.database_url or None
    try:
        tender_store = store.TenderStore.open(paths, url)
    except store.DatabaseDamagedError as exc:
        raise DatabaseProblem(str(exc), damaged=True) from exc
    except store.NewerSchemaError as exc:
        raise DatabaseProblem(str(exc), newer=True) from exc
    except store.DatabaseBusyError as exc:
        raise DatabaseInUse(str(exc)) from exc
    except store.StoreError as exc:
        raise ServiceError(str(exc)) from exc
    try:
        service = TenderService(tender_store, settings)
    except ValueError as exc:  # ContentError, BankError, RulesError: a damaged file under resources/
        tender_store.close()
        raise ServiceError(_("The app's own content files are damaged and must be repaired or "
                             "reinstalled: {exc}").format(exc=exc)) from exc
    if backup:
        service._backup_quietly("startup")
    return service
