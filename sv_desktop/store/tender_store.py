"""`TenderStore`: the one way the rest of the program reads and writes tenders.

It takes and returns the plain `Tender` dataclasses, never rows. Every write is one transaction and bumps a
change counter (so backups are only taken when something changed). Saves use optimistic locking: a tender
carries the version it was read at, and saving over a newer version raises ConflictError.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, Table, and_, delete, func, or_, select, update
from sqlalchemy.engine import CursorResult, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from sv_desktop.masking import mask_secrets
from sv_desktop.model.evaluation import Evaluation
from sv_desktop.model.history import HistoryEntry
from sv_desktop.model.kpi_reminders import DeliveryContract
from sv_desktop.model.tender import Tender, TenderSummary
from sv_desktop.paths import AppPaths

from ..i18n import _
from . import backups as backup_files
from . import history
from .bid_store import BidStore
from .bulk import insert_tenders
from .busy import busy_error, is_busy_error, retry_while_busy
from .delivery_read import delivery_contracts
from .doctor import DoctorReport, run_doctor
from .engine import (
    display_url,
    immediate_transactions,
    is_sqlite_url,
    parse_url,
    server_engine,
    sqlite_engine,
)
from .errors import (
    ConflictError,
    DatabaseDamagedError,
    DuplicateReferenceError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
)
from .evaluation_store import read_evaluation, replace_evaluation, write_evaluation
from .folder import create_empty_file, prepare_folder
from .mapping import check_reference, child_rows, fill_row, summary_from_values, tender_from_row
from .migrate import head_revision, unknown_revisions, upgrade_to_head
from .models import (
    Base,
    EngagementRow,
    EngagementSupplierRow,
    EvaluationRow,
    LeadRow,
    StoreMetaRow,
    TenderRow,
)
from .sqlite_file import LOCK_FILE, inspect_file
from .whole_read import whole_tenders

Clock = Callable[[], dt.datetime]

SUMMARY_COLUMNS = (
    TenderRow.reference, TenderRow.title, TenderRow.category, TenderRow.value_excl_vat_gbp, TenderRow.stage,
    TenderRow.compliant, TenderRow.tender_notice_date, TenderRow.updated_at, LeadRow.name,
    TenderRow.contract_start_date, TenderRow.duration_months, TenderRow.social_value_weighting_pct,
    TenderRow.route, TenderRow.awarded_on, TenderRow.award_supplier_name, EvaluationRow.award_notice_date,
)
"""What a list row holds, in the order `mapping.summary_from_values` takes it (from `summary_query()`)."""


def summary_query():
    """SUMMARY_COLUMNS with the joins they need: the procurement lead and the evaluation's award notice date
    (at most one of each per tender, both found through an index on the tender's id)."""
    return (
        select(*SUMMARY_COLUMNS)
        .outerjoin(LeadRow, and_(LeadRow.tender_id == TenderRow.id, LeadRow.role == "procurement_lead"))
        .outerjoin(EvaluationRow, EvaluationRow.tender_id == TenderRow.id)
    )

FULL_TENDER = (
    selectinload(TenderRow.themes), selectinload(TenderRow.kpis), selectinload(TenderRow.questions),
    selectinload(TenderRow.leads), selectinload(TenderRow.engagement).selectinload(EngagementRow.suppliers),
    selectinload(TenderRow.kpi_results), selectinload(TenderRow.case_studies), selectinload(TenderRow.role_checks),
)
"""Loader options that bring every child of a tender in a fixed number of queries, however many tenders."""


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class TenderStore:
    """Tenders in a SQLite file (the default) or a shared PostgreSQL database (team mode)."""

    def __init__(self, engine: Engine, paths: AppPaths, url: str, now: Clock) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._now = now
        self.paths = paths
        self.url = url
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._backup_lock = threading.Lock()  # one backup at a time (they may run off the UI thread)

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def open(cls, paths: AppPaths, url: str | None = None, *, now: Clock | None = None) -> TenderStore:
        """Open (creating or upgrading) the database.

        SQLite: the folder is created user-only, an existing file is checked (header, quick_check) and
        backed up before any migration; a newer schema is refused without writing to the file.
        """
        clock = now or _utc_now
        if url is not None:
            parse_url(url)  # a malformed address is one sentence, not a traceback
        if url is None or is_sqlite_url(url):
            if url is not None:
                database = Path(make_url(url).database or "")
                if database.name != paths.database.name:
                    raise StoreError(_("sv-desktop keeps its SQLite database as {name} in its data "
                                       "folder; choose the folder with --data-dir instead of a file.").format(
                                       name=paths.database.name))
                paths = dataclasses.replace(paths, data_dir=database.resolve().parent)
            return cls._open_sqlite(paths, clock)
        return cls._open_server(paths, url, clock)

    @classmethod
    def _open_sqlite(cls, paths: AppPaths, clock: Clock) -> TenderStore:
        """A database another program holds is waited for a while, then reported as in use (never as
        damaged); see `busy`."""
        prepare_folder(paths.data_dir)
        return retry_while_busy(lambda: cls._open_sqlite_once(paths, clock))

    @classmethod
    def _open_sqlite_once(cls, paths: AppPaths, clock: Clock) -> TenderStore:
        database = paths.database
        revisions: tuple[str, ...] | None = None
        if database.exists():
            if database.stat().st_size == 0 and backup_files.list_backups(paths):
                raise DatabaseDamagedError(database, _("the file is empty"))
            revisions = inspect_file(database)
            unknown = unknown_revisions(revisions)
            if unknown:
                raise NewerSchemaError(", ".join(unknown), str(database))
            if revisions and revisions != (head_revision(),):
                backup_files.backup_file(paths, f"before-upgrade-from-{revisions[0]}", clock())
        else:
            try:
                create_empty_file(database)
            except OSError as exc:
                raise StoreError(_("sv-desktop cannot create its database {database}: {value}.").format(
                                   database=database, value=exc.strerror or exc)) from None
        engine = sqlite_engine(database)
        try:
            with _translated(database, True), engine.connect():
                pass  # the first connection sets WAL mode: a lock held elsewhere shows here, not mid-save
        except BaseException:
            engine.dispose()
            raise
        if revisions == (head_revision(),):
            return cls(engine, paths, str(engine.url), clock)  # current: no migration to run (nor to import)
        try:
            with _translated(database, True):
                upgrade_to_head(engine, str(database))
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, paths, str(engine.url), clock)

    @classmethod
    def _open_server(cls, paths: AppPaths, url: str, clock: Clock) -> TenderStore:
        engine = server_engine(url)
        where = display_url(url)
        try:
            with _translated(where, False):
                upgrade_to_head(engine, where)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, paths, url, clock)

    def close(self) -> None:
        """Close every connection; on SQLite the last one folds the -wal file back into the database."""
        self._engine.dispose()

    def __enter__(self) -> TenderStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        """Where the data is, fit to show (a file path, or the server URL without its password)."""
        return str(self.paths.database) if self.is_sqlite else display_url(self.url)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def bids(self) -> BidStore:
        """The bids and the commitment library, in the same database and transactions as the tenders."""
        return BidStore(self._read, self._write, self._now)

    # ------------------------------------------------------------ sessions

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        with _translated(self.location, self.is_sqlite), self._sessions() as session:
            yield session

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        with (_translated(self.location, self.is_sqlite), immediate_transactions(),
              self._sessions() as session, session.begin()):
            yield session
            session.execute(update(StoreMetaRow).values(change_count=StoreMetaRow.change_count + 1))

    @staticmethod
    def _row(session: Session, reference: str, *, lock: bool = False) -> TenderRow | None:
        query = select(TenderRow).where(TenderRow.reference == reference)
        if lock:
            query = query.with_for_update()
        return session.scalar(query)

    # ------------------------------------------------------------ reading

    def list_summaries(self, text: str = "", *, include_deleted: bool = False) -> list[TenderSummary]:
        """Tenders whose reference, title, description or lead names contain `text` (any case),
        most recently changed first."""
        query = summary_query().order_by(TenderRow.updated_at.desc(), TenderRow.reference)
        if not include_deleted:
            query = query.where(TenderRow.deleted_at.is_(None))
        if text.strip():
            query = query.where(TenderRow.search_text.contains(text.strip().casefold(), autoescape=True))
        return self._summaries(query)

    def _summaries(self, query) -> list[TenderSummary]:
        """Run a SUMMARY_COLUMNS query on the session's connection: a column query gains nothing from
        the ORM's row loading, which cost a third of the time at ten thousand rows."""
        with self._read() as session:
            return [summary_from_values(*row) for row in session.connection().execute(query).all()]

    def get(self, reference: str) -> Tender:
        with self._read() as session:
            row = session.scalar(select(TenderRow).where(TenderRow.reference == reference).options(*FULL_TENDER))
            if row is None:
                raise NotFoundError(_("There is no tender with the reference {reference}.").format(
                                      reference=reference))
            if row.deleted_at is not None:
                raise NotFoundError(_("{reference} is in the bin. Restore it from the bin to open it.").format(
                                      reference=reference))
            return tender_from_row(row)

    def get_evaluation(self, reference: str) -> Evaluation | None:
        """The tender's evaluation of bids, or None when none has been started."""
        with self._read() as session:
            return read_evaluation(session, reference)

    def database_user(self) -> str | None:
        """Who this connection is on a team database (each member logs in as themselves); None on a SQLite
        file, where whoever opens it sees everything."""
        if self.is_sqlite:
            return None
        with self._read() as session:
            return history.current_user(session)

    def save_evaluation(self, reference: str, evaluation: Evaluation) -> Evaluation:
        """Save the evaluation if nobody saved it since `evaluation.version` was read."""
        with self._write() as session:
            version = write_evaluation(session, reference, evaluation)
        return dataclasses.replace(evaluation, version=version)

    def tenders_dated_between(self, start: dt.date, end: dt.date) -> list[Tender]:
        """Whole live tenders whose award date falls in [start, end]; for tenders with no award date, whose
        tender notice date does (both ends included). The compliance report counts these."""
        dated = or_(TenderRow.awarded_on.between(start, end),
                    and_(TenderRow.awarded_on.is_(None), TenderRow.tender_notice_date.between(start, end)))
        return self._whole_tenders(dated)

    def tenders_awarded_by(self, end: dt.date) -> list[Tender]:
        """Whole live tenders awarded on or before `end`: the contracts that may have spend in a period."""
        return self._whole_tenders(TenderRow.awarded_on <= end)

    def tenders_with_notice_between(self, start: dt.date, end: dt.date) -> list[Tender]:
        """Whole live tenders whose tender notice date falls in [start, end] (the pipeline notice)."""
        return self._whole_tenders(TenderRow.tender_notice_date.between(start, end))

    def delivery_tenders_over(self, stages: Iterable[str], value_incl_vat: Decimal) -> list[Tender]:
        """Whole live tenders at any of `stages` whose whole-life value including VAT is over the figure."""
        including_vat = TenderRow.value_excl_vat_gbp * (1 + TenderRow.vat_rate_pct / 100)
        return self._whole_tenders(and_(TenderRow.stage.in_(list(stages)), including_vat > value_incl_vat))

    def tenders_at_stages(self, stages: Iterable[str]) -> list[Tender]:
        """Whole live tenders at any of `stages` (contracts in delivery, for performance notices)."""
        return self._whole_tenders(TenderRow.stage.in_(list(stages)))

    def delivery_contracts(self, stages: Iterable[str]) -> list[DeliveryContract]:
        """What the KPI report reminders need of each live tender at any of `stages`, by reference."""
        with self._read() as session:
            return delivery_contracts(session.connection(), stages)

    def count_undated(self) -> int:
        """Live tenders with neither an award date nor a tender notice date (in no report period)."""
        query = select(func.count()).select_from(TenderRow).where(
            TenderRow.deleted_at.is_(None), TenderRow.awarded_on.is_(None), TenderRow.tender_notice_date.is_(None))
        with self._read() as session:
            return session.scalar(query) or 0

    def _whole_tenders(self, condition) -> list[Tender]:
        with self._read() as session:
            return whole_tenders(session.connection(), condition)

    def exists(self, reference: str) -> bool:
        """True when the reference is taken, by a live tender or by one in the bin."""
        with self._read() as session:
            return session.scalar(select(TenderRow.id).where(TenderRow.reference == reference)) is not None

    def issue_document(self, reference: str, kind: str, content_hash: str, today: dt.date):
        """Record an issue of the tender's pack or brief (see `pack_issues.record_issue`)."""
        from .pack_issues import record_issue

        with self._write() as session:
            return record_issue(session, reference, kind, content_hash, today)

    # ------------------------------------------------------------ writing

    def create(self, tender: Tender, *, compliant: bool | None = None) -> Tender:
        """Store a new tender at version 1."""
        check_reference(tender.reference)
        now = self._now()
        with self._write() as session:
            existing = self._row(session, tender.reference)
            if existing is not None:
                raise _duplicate(tender.reference, existing)
            row = TenderRow(created_at=now)
            self._fill(session, row, tender, compliant, now)
            session.add(row)
            session.flush()
            version = row.version_id
            history.record(session, row, tender, "created", now)
        return dataclasses.replace(tender, version=version, updated_at=now)

    def save(self, tender: Tender, *, compliant: bool | None = None,
             previous_reference: str | None = None, action: str = "saved") -> Tender:
        """Save over the stored tender if nobody else saved it since `tender.version` was read.

        `compliant` is stored as given: None records that the changed tender has not been checked.
        """
        check_reference(tender.reference)
        looked_up = previous_reference or tender.reference
        now = self._now()
        try:
            with self._write() as session:
                row = self._row(session, looked_up, lock=True)
                if row is None or row.deleted_at is not None:
                    where = "is in the bin" if row is not None else "no longer exists"
                    raise NotFoundError(_("{looked_up} {where}, so your changes could not be saved "
                                          "over it. Export the tender to a file to keep your changes.").format(
                                          looked_up=looked_up, where=where))
                if row.version_id != tender.version:
                    raise ConflictError(looked_up)
                if tender.reference != looked_up:
                    clash = self._row(session, tender.reference)
                    if clash is not None:
                        raise _duplicate(tender.reference, clash)
                history.keep_before(session, row, now, action)
                self._fill(session, row, tender, compliant, now)
                session.flush()
                version = row.version_id
                history.record(session, row, tender, action, now)
        except StaleDataError:
            raise ConflictError(looked_up) from None
        return dataclasses.replace(tender, version=version, updated_at=now)

    def remember_step(self, reference: str, step: str) -> bool:
        """Record the wizard step a tender was left on, and nothing else: neither "last changed" nor the
        version moves, because looking at a tender is not changing it. False when it is not stored."""
        table = TenderRow.__table__
        assert isinstance(table, Table)  # a declarative model's table
        with self._write() as session:
            result = cast(CursorResult, session.execute(update(table).where(
                table.c.reference == reference, table.c.deleted_at.is_(None)).values(current_step=step)))
            return bool(result.rowcount)

    def bulk_create(self, tenders: Sequence[Tender], compliant: Sequence[bool | None] | None = None) -> int:
        """Store many new tenders in one transaction (an import of a whole register, generated data):
        all or none. `compliant` gives each tender's check result, in order. Returns how many."""
        verdicts = list(compliant) if compliant is not None else [None] * len(tenders)
        if len(verdicts) != len(tenders):
            raise StoreError(_("bulk_create needs one compliance result per tender."))
        now = self._now()
        with self._write() as session:
            references = [check_reference(tender.reference) for tender in tenders]
            seen: set[str] = set()
            for reference in references:
                if reference in seen:
                    raise DuplicateReferenceError(_("The reference {reference} appears more than once; "
                                                    "each tender needs its own reference. Nothing was "
                                                    "stored.").format(reference=reference))
                seen.add(reference)
            for chunk in range(0, len(references), 500):
                taken = session.scalar(select(TenderRow.reference).where(
                    TenderRow.reference.in_(references[chunk:chunk + 500])).limit(1))
                if taken is not None:
                    raise DuplicateReferenceError(_("Another tender already has the reference {taken}. "
                                                    "Nothing was stored.").format(taken=taken))
            insert_tenders(session, tenders, verdicts, now)
        return len(tenders)

    def upsert(self, tender: Tender, *, compliant: bool | None = None,
               force: bool = False) -> tuple[Tender, bool]:
        """For imports: create, or overwrite what is stored (bringing it back from the bin).

        `tender.version` is the version the file was exported at (0 when the file does not say): a stored
        tender changed since then is not overwritten unless `force`, and ConflictError says who changed it
        and when. The version replaced is kept in the tender's history either way.
        """
        check_reference(tender.reference)
        now = self._now()
        evaluation, tender = tender.evaluation, dataclasses.replace(tender, evaluation=None)
        with self._write() as session:
            row = self._row(session, tender.reference, lock=True)
            created = row is None
            if row is None:
                row = TenderRow(created_at=now)
                session.add(row)
            else:
                if not force and tender.version and row.version_id != tender.version and row.deleted_at is None:
                    raise ConflictError(tender.reference, _import_conflict(session, row, tender.version))
                history.keep_before(session, row, now, "imported")
            row.deleted_at = None
            self._fill(session, row, tender, compliant, now)
            session.flush()
            version = row.version_id
            history.record(session, row, tender, "imported", now)
            if evaluation is not None:
                replace_evaluation(session, tender.reference, evaluation)
        return dataclasses.replace(tender, version=version, updated_at=now), created

    def _fill(self, session: Session, row: TenderRow, tender: Tender, compliant: bool | None,
              now: dt.datetime) -> None:
        """Copy the tender onto the row and replace its children (old ones are deleted first, because
        (tender, position) is unique).

        The old children are deleted with one DELETE per child table and never loaded: assigning a new
        list to an unloaded collection would first load every old child (a SELECT and ORM objects per
        table) only to delete them one by one, which was most of the time an autosave took.
        """
        fill_row(row, tender)
        children = child_rows(tender)
        row.compliant = compliant
        row.updated_at = now
        if row.id is not None:
            events = EngagementRow.__table__
            session.execute(delete(Base.metadata.tables[EngagementSupplierRow.__tablename__]).where(
                EngagementSupplierRow.event_id.in_(select(events.c.id).where(events.c.tender_id == row.id))))
            for name in children:
                table = Base.metadata.tables[TenderRow.__mapper__.relationships[name].mapper.class_.__tablename__]
                session.execute(delete(table).where(table.c.tender_id == row.id))
                set_committed_value(row, name, [])  # "loaded, and empty": nothing left to delete
        for name, rows in children.items():
            setattr(row, name, rows)

    # ------------------------------------------------------------ the audit trail

    def history(self, reference: str) -> list[HistoryEntry]:
        """Every recorded version of the tender (live or in the bin), newest first."""
        with self._read() as session:
            return history.entries(session, self._tender_id(session, reference))

    def version_snapshot(self, reference: str, entry_id: int) -> str:
        """The file form of the tender as it stood at one version of its history."""
        with self._read() as session:
            found = history.snapshot(session, self._tender_id(session, reference), entry_id)
        if found is None:
            raise NotFoundError(_("That version of {reference} is not in its history (or holds no copy "
                                  "of it).").format(reference=reference))
        return found

    @staticmethod
    def _tender_id(session: Session, reference: str) -> int:
        found = session.scalar(select(TenderRow.id).where(TenderRow.reference == reference))
        if found is None:
            raise NotFoundError(_("There is no tender with the reference {reference}.").format(
                                  reference=reference))
        return found

    # ------------------------------------------------------------ the bin

    def delete(self, reference: str) -> None:
        """Move a tender to the bin; it can be restored until the bin is emptied."""
        with self._write() as session:
            row = self._row(session, reference, lock=True)
            if row is None or row.deleted_at is not None:
                raise NotFoundError(_("There is no tender with the reference {reference} to delete.").format(
                                      reference=reference))
            history.keep_before(session, row, self._now(), "deleted")
            row.deleted_at = self._now()
            history.record(session, row, None, "deleted", self._now())

    def list_bin(self) -> list[TenderSummary]:
        """Tenders in the bin, most recently deleted first."""
        query = (
            summary_query()
            .where(TenderRow.deleted_at.is_not(None))
            .order_by(TenderRow.deleted_at.desc(), TenderRow.reference)
        )
        return self._summaries(query)

    def bin_deleted_at(self) -> dict[str, dt.datetime]:
        """When each tender in the bin was put there (its removal for good counts from then)."""
        query = select(TenderRow.reference, TenderRow.deleted_at).where(TenderRow.deleted_at.is_not(None))
        with self._read() as session:
            return {reference: deleted for reference, deleted in session.execute(query) if deleted is not None}

    def restore_from_bin(self, reference: str) -> None:
        with self._write() as session:
            row = self._row(session, reference, lock=True)
            if row is None or row.deleted_at is None:
                raise NotFoundError(_("{reference} is not in the bin.").format(reference=reference))
            history.keep_before(session, row, self._now(), "undeleted")
            row.deleted_at = None
            history.record(session, row, None, "undeleted", self._now())

    def purge(self, reference: str) -> None:
        """Delete one tender from the bin for good."""
        with self._write() as session:
            row = self._row(session, reference, lock=True)
            if row is None:
                raise NotFoundError(_("There is no tender with the reference {reference}.").format(
                                      reference=reference))
            if row.deleted_at is None:
                raise StoreError(_("{reference} is not in the bin; delete it before removing it for "
                                   "good.").format(reference=reference))
            session.execute(delete(TenderRow).where(TenderRow.id == row.id))

    def purge_bin(self, older_than_days: int = 30) -> int:
        """Empty the bin of tenders deleted more than `older_than_days` ago; returns how many went."""
        cutoff = self._now() - dt.timedelta(days=older_than_days)
        expired = (TenderRow.deleted_at.is_not(None), TenderRow.deleted_at <= cutoff)
        with self._read() as session:
            if not session.scalar(select(func.count()).select_from(TenderRow).where(*expired)):
                return 0  # nothing to do, and no change recorded (so no needless backup)
        with self._write() as session:
            result = cast(CursorResult, session.execute(
                delete(TenderRow).where(*expired),
                execution_options={"synchronize_session": False}))
            return result.rowcount or 0

    # ------------------------------------------------------------ backups and checks

    def _require_sqlite(self) -> None:
        if not self.is_sqlite:
            raise StoreError(_("This sv-desktop uses a shared database server; backing it up is the "
                               "job of the server's administrators, not of sv-desktop."))

    def change_count(self) -> int:
        with self._read() as session:
            return session.scalar(select(StoreMetaRow.change_count)) or 0

    def backup(self, reason: str = "manual") -> Path:
        """A consistent copy in paths.backups (SQLite online backup API), then old backups are thinned."""
        self._require_sqlite()
        now = self._now()
        with self._backup_lock:
            raw = self._engine.raw_connection()
            try:
                assert raw.driver_connection is not None  # an open pooled connection has its driver's
                path = backup_files.write_backup(raw.driver_connection, self.paths, reason, now)
            finally:
                raw.close()
            backup_files.apply_thinning(self.paths, now)
        return path

    def backup_if_changed(self, reason: str) -> Path | None:
        """Back up only if something was saved since the newest backup (compares change counters)."""
        self._require_sqlite()
        current = self.change_count()
        newest = next(iter(backup_files.backup_files(self.paths)), None)
        if newest is None:
            return self.backup(reason) if current else None
        if backup_files.stored_change_count(newest[0]) == current:
            return None
        return self.backup(reason)

    def list_backups(self) -> list[backup_files.BackupInfo]:
        self._require_sqlite()
        return backup_files.list_backups(self.paths)

    def doctor(self) -> DoctorReport:
        """Full integrity and link checks, schema revision, backups and data locations, in plain lines."""
        return run_doctor(self)


def _import_conflict(session: Session, row: TenderRow, exported: int) -> str:
    last = history.latest(session, row.id)
    by = f" by {last.who}" if last is not None and last.changed_by else ""
    when = (row.updated_at or last.changed_at) if last is not None else row.updated_at
    stamp = f" on {when.astimezone():%d %b %Y at %H:%M}" if when else ""
    return (f"{row.reference} was changed{by}{stamp}, after this file was exported (the file holds version "
            f"{exported}; the database holds version {row.version_id}). Nothing was imported.")


def _duplicate(reference: str, row: TenderRow) -> DuplicateReferenceError:
    where = " (it is in the bin)" if row.deleted_at is not None else ""
    return DuplicateReferenceError(_("Another tender already has the reference {reference}{where}. "
                                     "Choose a different reference.").format(
                                     reference=reference, where=where))


@contextlib.contextmanager
def _translated(where: str | Path, sqlite: bool) -> Iterator[None]:
    """Turn database exceptions into sentences; a damaged SQLite file becomes DatabaseDamagedError."""
    try:
        yield
    except (StoreError, StaleDataError):
        raise
    except IntegrityError as exc:
        raise DuplicateReferenceError(
            _("Another tender already has that reference (someone may have just saved one). Choose a "
              "different reference.")) if "reference" in str(exc.orig) else StoreError(
            _("The change was refused by the database: {orig}").format(orig=exc.orig)) from None
    except DBAPIError as exc:
        message = mask_secrets(str(exc.orig))
        lowered = message.lower()
        if sqlite and is_busy_error(exc.orig):
            raise busy_error(Path(where), Path(where).with_name(LOCK_FILE)) from None
        if sqlite and ("malformed" in lowered or "not a database" in lowered):
            raise DatabaseDamagedError(Path(where), message) from None
        if "lock timeout" in lowered or "statement timeout" in lowered:
            raise StoreError(_("The database did not answer in time (someone else's change to the same "
                               "tender may still be in progress). Nothing was changed; try again in a "
                               "moment.")) from None
        if "locked" in lowered or "busy" in lowered:
            raise StoreError(_("The database is busy (another program is using it). Try again in a "
                               "moment; nothing was lost.")) from None
        if "disk is full" in lowered or "no space" in lowered:
            raise StoreError(_("The disk is full, so the change was not saved. Free some space and "
                               "save again.")
                             ) from None
        if not sqlite and ("permission denied" in lowered or "must be owner" in lowered):
            raise StoreError(_("Your role on the team database does not allow this (emptying the bin "
                               "and upgrades are for the database's owner). Nothing was changed; ask "
                               "your database administrator.")) from None
        if "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
            raise StoreError(_("The database at {where} cannot be written (it is read-only). Ask your "
                               "IT team for write access.").format(where=where)) from None
        if exc.connection_invalidated or not sqlite:
            raise StoreError(_("The database server at {where} cannot be reached or refused the "
                               "request: {value}.").format(
                               where=where,
                               value=message.strip().splitlines()[0] if message.strip() else _("no reason given"))
                             ) from None
        raise StoreError(_("The database at {where} could not be read or written: {message}.").format(
                           where=where, message=message)) from None
    except SQLAlchemyError as exc:
        raise StoreError(_("The database at {where} could not be used: {mask_secrets}.").format(
                           where=where, mask_secrets=mask_secrets(str(exc)))) from None
