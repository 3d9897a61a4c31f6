"""The use-cases of sv-desktop: the one object the UI and the CLI talk to.

It takes and returns plain domain objects (`Tender`, `TenderSummary`, `Finding`), never ORM rows or
widgets, and turns storage and export failures into `ServiceError`s with plain messages.

The tenders, the policy check, files and backups are its own; the use-cases after the ITT, the audit
trail, the evaluation and its records are parts it composes (`LifecycleUseCases`, `HistoryUseCases`,
`EvaluationUseCases`, `EvaluationDocuments`), each given what it needs in its constructor. Their methods
are forwarded here one by one, so the UI's `UiService` and the command line see one object.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..i18n import _
from ..masking import mask_secrets
from ..model import compliance, rules
from ..model.bid import Bid, BidOutcome, BidSummary, Lesson
from ..model.bid_content import BidContent, load_bid_content
from ..model.commitment import Commitment
from ..model.content import Content, load_content
from ..model.evaluation import BidderResult, Evaluation, IssuedQuestion
from ..model.history import HistoryEntry
from ..model.kpi_reminders import KpiReminder
from ..model.lifecycle import Award
from ..model.pipeline import PIPELINE_MONTHS
from ..model.question_bank import QuestionBank, load_question_bank
from ..model.standstill import Standstill, with_standstill
from ..model.tender import Tender, TenderSummary, new_tender
from ..paths import AppPaths, app_paths, database_url_from_env
from ..settings import Settings, load_settings
from .backups import BackupFile, backup_file
from .bid_service import BidUseCases
from .errors import (
    ConflictError,
    DatabaseInUse,
    DatabaseProblem,
    ImportConflictError,
    NotFoundError,
    ServiceError,
)
from .evaluation_documents import EvaluationDocuments
from .evaluation_service import EvaluationUseCases
from .guard import plain_errors
from .history_service import HistoryUseCases
from .lifecycle_service import LifecycleUseCases
from .tender_files import TenderFiles, within_limits

if TYPE_CHECKING:
    from ..export.context import PackContext
    from ..model.performance_notice import AssessmentYear
    from ..model.pipeline_notice import PipelineNotice

BIN_DAYS = 30
"""Days a deleted tender or bid stays in the bin before it is removed for good."""

class TenderService:
    def __init__(self, tender_store: store.TenderStore, settings: Settings, *,
                 content: Content | None = None, bank: QuestionBank | None = None,
                 clock: Callable[[], dt.date] = dt.date.today) -> None:
        self._store = tender_store
        self.settings = settings
        self.content = content or load_content()
        self.bank = bank or load_question_bank()
        self.rules = rules.load_rules()
        self._today = clock
        self._compose()

    def _compose(self) -> None:
        """Make the parts over the open store (again after a restore reopens it)."""
        self._files = TenderFiles(self._store, self.settings, self.content, self._store.paths.data_dir, self._today)
        self._lifecycle = LifecycleUseCases(self._store, self.settings, self.content, self.rules, self._today,
                                            is_compliant=self.is_compliant)
        self._history = HistoryUseCases(self._store, is_compliant=self.is_compliant)
        self._evaluations = EvaluationUseCases(self._store, self._today, get=self.get, save=self.save,
                                               pack_context=self._files.pack_context)
        self._evaluation_documents = EvaluationDocuments(self._evaluations, self._today, get=self.get,
                                                         pack_context=self._files.pack_context)
        self._bids = BidUseCases(self._store, self.settings, self._today, save_tender=self.save,
                                 theme_labels={key: theme.label for key, theme in self.content.themes.items()})

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

    def today(self) -> dt.date:
        return self._today()

    def close(self) -> None:
        self._store.close()

    # ---------------------------------------------------------------- tenders

    def list_tenders(self, text: str = "") -> list[TenderSummary]:
        """The list rows, those with an award notice date given their standstill."""
        with plain_errors():
            return with_standstill(self._store.list_summaries(text))

    def suggest_reference(self) -> str:
        """The next free reference of the form PREFIX-YEAR-NNN."""
        prefix = f"{self.settings.reference_prefix or 'SV'}-{self._today().year}-"
        with plain_errors():
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
        with plain_errors():
            return self._store.exists(reference)

    def get(self, reference: str) -> Tender:
        with plain_errors():
            return self._store.get(reference)

    def create(self, tender: Tender) -> Tender:
        within_limits(tender)
        with plain_errors():
            return self._store.create(tender, compliant=self.is_compliant(tender))

    def save(self, tender: Tender, previous_reference: str | None = None) -> Tender:
        """Save (autosave calls this); the stored compliance state follows the policy check."""
        if not tender.reference.strip():
            raise ServiceError(_("A tender needs a reference before it can be saved."))
        within_limits(tender)
        with plain_errors():
            if tender.version == 0:
                saved = self._store.create(tender, compliant=self.is_compliant(tender))
            else:
                saved = self._store.save(tender, compliant=self.is_compliant(tender),
                                         previous_reference=previous_reference)
        return saved

    def remember_step(self, reference: str, step: str) -> bool:
        """The wizard step the manager is on, kept without counting as a change to the tender."""
        with plain_errors():
            return self._store.remember_step(reference, step)

    def duplicate(self, reference: str) -> Tender:
        """A copy under a new reference, saved at once, starting again at the first step."""
        original = self.get(reference)
        twin = copy.deepcopy(original)
        twin.reference = self.suggest_reference()
        twin.title = _("Copy of {title}").format(title=original.title).strip()
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
        with plain_errors():
            self._store.delete(reference)

    def list_bin(self) -> list[TenderSummary]:
        with plain_errors():
            return self._store.list_bin()

    def bin_removal_dates(self, days: int = BIN_DAYS) -> dict[str, dt.datetime]:
        """When each tender in the bin will be removed for good (`days` after it was deleted)."""
        with plain_errors():
            return {reference: deleted + dt.timedelta(days=days)
                    for reference, deleted in self._store.bin_deleted_at().items()}

    def restore_from_bin(self, reference: str) -> None:
        with plain_errors():
            self._store.restore_from_bin(reference)

    def empty_bin(self, older_than_days: int = BIN_DAYS) -> int:
        """Removes for good the tenders and bids deleted more than `older_than_days` ago; returns how many."""
        with plain_errors():
            tenders = self._store.purge_bin(older_than_days)
        return tenders + self._bids.empty_bid_bin(older_than_days)

    # ---------------------------------------------------------------- a tender's history (HistoryUseCases)

    def history(self, reference: str) -> list[HistoryEntry]:
        """Every recorded version of the tender, newest first."""
        return self._history.history(reference)

    def tender_at(self, reference: str, entry_id: int) -> Tender:
        """The tender as it stood at one version of its history."""
        return self._history.tender_at(reference, entry_id)

    def restore_version(self, reference: str, entry_id: int) -> Tender:
        """Make an earlier version the current one (a new version: the history keeps everything). The
        tender must not be open with unsaved changes; the current version is checked as any save is."""
        return self._history.restore_version(reference, entry_id)


    # ---------------------------------------------------------------- policy

    def check(self, tender: Tender) -> list[rules.Finding]:
        return rules.evaluate(tender, self.rules, today=self._today())

    def is_compliant(self, tender: Tender) -> bool:
        return rules.is_compliant(self.check(tender))

    def requirements(self, tender: Tender) -> list[rules.SupplierRequirement]:
        return rules.supplier_requirements(tender, self.rules, today=self._today())

    def check_report(self, tender: Tender) -> dict:
        return rules.check_report(tender, self.check(tender))

    # ---------------------------------------------------------------- files (TenderFiles)

    def _pack_context(self, tender: Tender) -> PackContext:
        return self._files.pack_context(tender)

    def supplier_texts(self, tender: Tender, document: str = "") -> list[tuple[str, str]]:
        """Every text the manager wrote that the pack or brief ("pack", "brief", "" for both) prints, for the
        preview before export."""
        return self._files.supplier_texts(tender, document)

    def export_pdf(self, tender: Tender, out: Path) -> Path:
        return self._files.export_pdf(tender, out)

    def export_docx(self, tender: Tender, out: Path) -> Path:
        return self._files.export_docx(tender, out)

    def export_brief(self, tender: Tender, out: Path) -> Path:
        return self._files.export_brief(tender, out)

    def export_brief_docx(self, tender: Tender, out: Path) -> Path:
        return self._files.export_brief_docx(tender, out)

    def portal_profiles(self) -> dict[str, str]:
        """The portal profiles (bundled, then the Trust's own in the data folder), id -> name."""
        return self._files.portal_profiles()

    def export_portal(self, tender: Tender, out: Path, profile: str = "neutral") -> tuple[Path, list[str]]:
        """The questions as a portal import workbook (.xlsx or .csv) in the profile's layout.

        Returns the file written and a sentence for each value shortened to the portal's length.
        """
        return self._files.export_portal(tender, out, profile)

    def export_file(self, tender: Tender, out: Path) -> Path:
        """Write the tender as a .svtender.json file, atomically."""
        if tender.evaluation is None:
            tender = copy.copy(tender)
            tender.evaluation = self._stored_evaluation(tender.reference)
        return self._files.export_file(tender, out)

    def _stored_evaluation(self, reference: str) -> Evaluation | None:
        """The evaluation stored for a tender (carried by its file), None for none or a tender not stored."""
        try:
            with plain_errors():
                return self._evaluations.get_evaluation(reference)  # a team member's own scores only
        except NotFoundError:
            return None

    def allow_replacing(self, out: Path) -> None:
        """The manager agreed to replace the read-only file `out`: the next export to it may (once)."""
        return self._files.allow_replacing(out)

    def read_file(self, path: Path) -> Tender:
        return self._files.read_file(path)
    def import_file(self, path: Path, *, force: bool = False) -> tuple[Tender, bool]:
        """Import a tender file; an existing reference is updated. Backs the database up first."""
        return self.import_tender(self.read_file(path), force=force)

    def import_tender(self, tender: Tender, *, force: bool = False) -> tuple[Tender, bool]:
        """Store a tender read from elsewhere: created if new, replacing the stored one if not.

        A stored tender changed since the file was exported (the file's `version`) is replaced only with
        `force`, else ImportConflictError. The database is backed up first (SQLite), and the version
        replaced is kept in the tender's history (both modes).
        """
        within_limits(tender)
        self._backup_quietly("import")
        try:
            with plain_errors():
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
        with plain_errors():
            return self._store.backup("manual")

    def backup_if_changed(self, reason: str = "periodic") -> Path | None:
        if not self._store.is_sqlite:
            return None
        with plain_errors():
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
            with plain_errors():
                return store.restore_backup(paths, Path(backup_file))
        finally:
            # Reopen whatever is there now: the restored file, or the untouched original on failure.
            with plain_errors():
                self._store = store.TenderStore.open(paths)
            self._compose()

    def list_backups(self) -> list[BackupFile]:
        with plain_errors():
            return [backup_file(info) for info in self._store.list_backups()]

    def doctor(self) -> list[str]:
        with plain_errors():
            return [mask_secrets(line) for line in self._store.doctor().lines()]

    # ---------------------------------------------------------------- after the ITT (LifecycleUseCases)

    def performance_ratings(self) -> list[tuple[str, str]]:
        """(rating, meaning) of the Procurement Act contract performance ratings, from the rules file."""
        return self._lifecycle.performance_ratings()

    def is_local_postcode(self, postcode: str) -> bool:
        return self._lifecycle.is_local_postcode(postcode)

    def pipeline(self, months: int = PIPELINE_MONTHS) -> list[TenderSummary]:
        """Tenders with a notice date in the next `months` months, soonest first."""
        return self._lifecycle.pipeline(months)

    def export_pipeline(self, out: Path, rows: Sequence[TenderSummary] | None = None, *,
                        months: int = PIPELINE_MONTHS) -> Path:
        """Write `rows` (default: the next `months` months of the pipeline) as .csv or .xlsx."""
        return self._lifecycle.export_pipeline(out, rows, months=months)

    def pipeline_notice(self, year: int | None = None) -> PipelineNotice:
        """The Procurement Act 2023 s.93 pipeline notice for the financial year starting 1 April `year`
        (default: the next 1 April on or after today)."""
        return self._lifecycle.pipeline_notice(year)

    def export_pipeline_notice(self, out: Path, year: int | None = None) -> tuple[Path, PipelineNotice]:
        """Write the pipeline notice as .xlsx (to check and publish from) or .json; returns (file, notice)."""
        return self._lifecycle.export_pipeline_notice(out, year)

    def export_ocds(self, out: Path, references: Sequence[str] = (), *,
                    pipeline_year: int | None = None) -> tuple[Path, int]:
        """Write an OCDS 1.1 release package (.json) of the tenders named, or of the contracts the pipeline
        notice for `pipeline_year` lists; returns (file, number of releases)."""
        return self._lifecycle.export_ocds(out, references, pipeline_year=pipeline_year)

    def performance_notices(self, today: dt.date | None = None) -> list[AssessmentYear]:
        """Every ended 12-month assessment year of the contracts in delivery whose KPIs the Procurement Act
        required (s.71), with each KPI's recorded rating."""
        return self._lifecycle.performance_notices(today)

    def export_performance_notices(self, out: Path) -> tuple[Path, list[AssessmentYear]]:
        """Write the contract performance notice data as .xlsx or .json; returns (file, assessment years)."""
        return self._lifecycle.export_performance_notices(out)

    def kpi_reminders(self, today: dt.date | None = None) -> list[KpiReminder]:
        """KPI reports due in the next fortnight or overdue, for every contract in delivery."""
        return self._lifecycle.kpi_reminders(today)

    def compliance_report(self, start: dt.date | None = None,
                          end: dt.date | None = None) -> compliance.ComplianceReport:
        """The Appendix Two measures for [start, end], both ends included, with the period of the same
        length before as the benchmark. Without an end, today; without a start, two years before the end."""
        return self._lifecycle.compliance_report(start, end)

    def report_measures(self, figures: compliance.PeriodFigures) -> list[tuple[str, str]]:
        """(measure, figure as printed) of one period, worded as in the exported report."""
        return self._lifecycle.report_measures(figures)

    def report_measure_notes(self) -> dict[str, str]:
        """How each summary measure is worked out, in a sentence (the report's own wording)."""
        return self._lifecycle.report_measure_notes()

    def report_method_notes(self, report: compliance.ComplianceReport) -> list[str]:
        """How the figures of the period were worked out and what was left out, as the report says it."""
        return self._lifecycle.report_method_notes(report)

    def report_period_text(self, figures: compliance.PeriodFigures) -> str:
        """The period of `figures` as the exported report prints it."""
        return self._lifecycle.report_period_text(figures)

    def export_report(self, start: dt.date | None, end: dt.date | None, out: Path) -> Path:
        """Write the compliance report for [start, end] as .pdf (committee) or .xlsx (analysts)."""
        return self._lifecycle.export_report(start, end, out)

    def bulk_create(self, tenders: Sequence[Tender]) -> int:
        """Store many new tenders in one transaction (all or none), each with its policy check."""
        return self._lifecycle.bulk_create(tenders)


    # ---------------------------------------------------------------- evaluation (EvaluationUseCases)

    def issued_questions(self, tender: Tender) -> list[IssuedQuestion]:
        """The pack's questions with their references, weights and scales, as bidders read them."""
        return self._evaluations.issued_questions(tender)

    def get_evaluation(self, reference: str) -> Evaluation | None:
        return self._evaluations.get_evaluation(reference)

    def start_evaluation(self, reference: str, pack_version: str = "") -> Evaluation:
        """Freeze the questions as issued and open individual scoring; the tender moves to Evaluation."""
        return self._evaluations.start_evaluation(reference, pack_version)

    def save_evaluation(self, reference: str, evaluation: Evaluation) -> Evaluation:
        return self._evaluations.save_evaluation(reference, evaluation)

    def change_evaluation(self, reference: str, change: Callable[[Evaluation], None]) -> Evaluation:
        """Read, change and save in one step; the model's refusals become plain ServiceErrors."""
        return self._evaluations.change_evaluation(reference, change)

    def evaluation_results(self, reference: str) -> list[BidderResult]:
        return self._evaluations.evaluation_results(reference)

    def standstill(self, reference: str) -> Standstill | None:
        """The standstill for the tender's regime from the award (or intention) notice date, if recorded."""
        return self._evaluations.standstill(reference)

    def award_to(self, reference: str, bidder_name: str, value_gbp: Decimal, *,
                 awarded_on: dt.date | None = None) -> Tender:
        """Record the award to a bidder ranked first and turn its scored commitments into the contract's KPIs
        (one per question whose consensus records a commitment; the manager edits them afterwards)."""
        return self._evaluations.award_to(reference, bidder_name, value_gbp, awarded_on=awarded_on)

    def write_evaluator_workbooks(self, reference: str, folder: Path) -> list[Path]:
        """One workbook per panel member in `folder` (created if needed), named after the evaluator."""
        return self._evaluations.write_evaluator_workbooks(reference, folder)

    def evaluator_workbook_files(self, reference: str, folder: Path) -> list[Path]:
        """Where `write_evaluator_workbooks` puts each panel member's workbook, in panel order."""
        return self._evaluations.evaluator_workbook_files(reference, folder)

    def import_evaluator_workbooks(self, reference: str, paths: Sequence[Path]) -> int:
        """Read every workbook first; only when all are sound are their scores recorded (all or none)."""
        return self._evaluations.import_evaluator_workbooks(reference, paths)

    def records_kept_until(self, reference: str) -> dt.date | None:
        """Procurement Act 2023 s.98: 3 years from the contract date (the contract start, else the award)."""
        return self._evaluations.records_kept_until(reference)


    # ---------------------------------------------------------------- evaluation records (EvaluationDocuments)

    def export_moderation_record(self, reference: str, out: Path) -> Path:
        """The panel's moderation record as a PDF (any time after the evaluation started)."""
        return self._evaluation_documents.export_moderation_record(reference, out)

    def assessment_summary_problem(self, reference: str) -> str:
        """Why the summaries cannot be issued yet, in one sentence; "" when they can."""
        return self._evaluation_documents.assessment_summary_problem(reference)

    def assessment_summary_files(self, reference: str, folder: Path) -> list[tuple[str, Path, Path]]:
        """(bidder, PDF path, Word path) of each bidder's summary in `folder`."""
        return self._evaluation_documents.assessment_summary_files(reference, folder)

    def write_assessment_summaries(self, reference: str, folder: Path, *, replace: bool = True) -> list[Path]:
        """Every bidder's summary, PDF and Word, in `folder` (created if needed). Refused whole, before
        anything is written, while it cannot be issued or (with `replace` False) when a file is there."""
        return self._evaluation_documents.write_assessment_summaries(reference, folder, replace=replace)

    def record_summaries_sent(self, reference: str, sent_on: dt.date | None = None,
                              bidders: Sequence[str] | None = None) -> Evaluation:
        """Record the day the summaries were sent (Procurement Act 2023 s.50), to every bidder or those named;
        refused while the summaries cannot be issued, or for a day after today."""
        return self._evaluation_documents.record_summaries_sent(reference, sent_on, bidders)

    # ---------------------------------------------------------------- the Trust's own bids (BidUseCases)

    def bid_content(self) -> BidContent:
        """The Trust's vision, principles, Charter commitments, THRIVE ambitions and the strong-answer checklist."""
        return load_bid_content()

    def list_bids(self, text: str = "") -> list[BidSummary]:
        return self._bids.list_bids(text)

    def new_bid(self, title: str = "") -> Bid:
        return self._bids.new_bid(title)

    def get_bid(self, reference: str) -> Bid:
        return self._bids.get_bid(reference)

    def save_bid(self, bid: Bid, previous_reference: str | None = None) -> Bid:
        return self._bids.save_bid(bid, previous_reference)

    def delete_bid(self, reference: str) -> None:
        """Moves the bid to the bin, where it stays 30 days (like a tender)."""
        self._bids.delete_bid(reference)

    def binned_bids(self) -> list[BidSummary]:
        """The bids in the bin, most recently deleted first."""
        return self._bids.binned_bids()

    def bid_bin_removal_dates(self, days: int = BIN_DAYS) -> dict[str, dt.datetime]:
        """When each bid in the bin will be removed for good (`days` after it was deleted)."""
        return self._bids.bid_bin_removal_dates(days)

    def restore_bid(self, reference: str) -> None:
        """Brings the bid back from the bin as it was when deleted."""
        self._bids.restore_bid(reference)

    def bid_findings(self, bid: Bid) -> list[rules.Finding]:
        return self._bids.bid_findings(bid)

    def stage_blockers(self, bid: Bid, stage: str) -> list[rules.Finding]:
        return self._bids.stage_blockers(bid, stage)

    def move_bid(self, bid: Bid, stage: str) -> Bid:
        return self._bids.move_bid(bid, stage)

    def win_bid(self, bid: Bid, *, decided_on: dt.date | None = None, contract_start: dt.date | None = None,
                value_gbp: Decimal | None = None, feedback: str = "", lessons: str = "") -> tuple[Bid, Tender]:
        return self._bids.win_bid(bid, decided_on=decided_on, contract_start=contract_start, value_gbp=value_gbp,
                                  feedback=feedback, lessons=lessons)

    def lose_bid(self, bid: Bid, outcome: BidOutcome,
                 scores: dict[str, tuple[str, str]] | None = None) -> Bid:
        return self._bids.lose_bid(bid, outcome, scores)

    def similar_lessons(self, question_text: str, *, except_reference: str = "") -> list[Lesson]:
        return self._bids.similar_lessons(question_text, except_reference=except_reference)

    def export_bid_file(self, reference: str, out: Path) -> Path:
        return self._bids.export_bid_file(reference, out)

    def import_bid_file(self, path: Path) -> Bid:
        return self._bids.import_bid_file(path)

    def export_bid_response(self, reference: str, out: Path) -> Path:
        """Write the response to the commissioner's questions (one section per question in their numbering,
        ready to paste into the portal) as .docx or .pdf, chosen by the name's suffix."""
        return self._bids.export_bid_response(reference, out)

    def export_bid_approval(self, reference: str, out: Path) -> Path:
        """Write the one-page internal approval summary (commitments, cost, owners, risks) as .pdf."""
        return self._bids.export_bid_approval(reference, out)

    def export_bid_pipeline(self, out: Path) -> Path:
        """Write every bid (commissioner, service, value, deadline, stage, Bid Lead, approver) as .csv or .xlsx."""
        return self._bids.export_bid_pipeline(out)

    def list_commitments(self) -> list[Commitment]:
        return self._bids.list_commitments()

    def save_commitment(self, commitment: Commitment) -> Commitment:
        return self._bids.save_commitment(commitment)

    def delete_commitment(self, commitment_id: str) -> None:
        self._bids.delete_commitment(commitment_id)


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
