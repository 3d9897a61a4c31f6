"""An in-memory stand-in for TenderService, for unit tests of single pages and dialogs only.

It uses the real toolkit content and question bank, keeps tenders in a dict with the same optimistic
locking (a stale version raises ConflictError) and a small, fixed set of findings so page tests do not
depend on the whole rules file. The end-to-end test uses the real service on a real SQLite file.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sv_desktop.model.bid import Bid, BidOutcome, BidSummary, Lesson, can_move, new_bid, similarity
from sv_desktop.model.bid_content import BidContent, load_bid_content
from sv_desktop.model.bid_rules import blockers_for, evaluate_bid, load_bid_rules
from sv_desktop.model.commitment import Commitment
from sv_desktop.model.compliance import ComplianceReport, PeriodFigures
from sv_desktop.model.content import load_content
from sv_desktop.model.evaluation import (
    BidderResult,
    Evaluation,
    EvaluationError,
    IssuedQuestion,
    results,
    winners,
)
from sv_desktop.model.history import HistoryEntry
from sv_desktop.model.kpi_reminders import KpiReminder
from sv_desktop.model.lifecycle import Supplier
from sv_desktop.model.question_bank import load_question_bank
from sv_desktop.model.rules import Finding, SupplierRequirement
from sv_desktop.model.standstill import Standstill, records_kept_until, standstill_for_route
from sv_desktop.model.tender import MANDATORY_THEME, Kpi, Tender, TenderSummary, new_tender
from sv_desktop.services.backups import BackupFile
from sv_desktop.services.errors import ConflictError, DuplicateReferenceError, NotFoundError, ServiceError
from sv_desktop.settings import Settings


@dataclass(frozen=True)
class FakeFinding(Finding):
    confidence: str = "policy"


FakeRequirement = SupplierRequirement


@dataclass
class FakeSettings(Settings):
    saved: int = 0


class FakeService:
    def __init__(self, data_dir: Path) -> None:
        self.content = load_content()
        self.bank = load_question_bank()
        self.settings = FakeSettings()
        self.data_dir = Path(data_dir)
        self._tenders: dict[str, Tender] = {}
        self._bin: dict[str, Tender] = {}
        self.saves = 0
        self.fail_next_save: ServiceError | None = None
        self.exports: list[tuple[str, Path]] = []
        self.replace_allowed: list[Path] = []
        self.closed = False
        self._evaluations: dict[str, Evaluation] = {}
        self._bids: dict[str, Bid] = {}
        self._bid_bin: dict[str, tuple[Bid, dt.datetime]] = {}
        self._commitments: dict[str, Commitment] = {}

    @property
    def database_location(self) -> str:
        return str(self.data_dir / "tenders.sqlite3")

    # ---- settings
    def save_settings(self) -> None:
        self.settings.saved += 1

    # ---- tenders
    def _summary(self, t: Tender) -> TenderSummary:
        evaluation = self._evaluations.get(t.reference)
        notice = evaluation.award_notice_date if evaluation is not None else None
        return TenderSummary(reference=t.reference, title=t.title, category=t.category,
                             value_excl_vat_gbp=t.value_excl_vat_gbp, stage=t.stage,
                             compliant=not any(f.severity == "blocker" for f in self.check(t)),
                             tender_notice_date=t.tender_notice_date, updated_at=t.updated_at,
                             procurement_lead=t.leads.get("procurement_lead", ""), route=t.route,
                             award_notice_date=notice,
                             standstill=None if notice is None else standstill_for_route(t.route, notice))

    def list_tenders(self, text: str = "") -> list[TenderSummary]:
        needle = text.lower()
        return [self._summary(t) for t in self._tenders.values()
                if needle in t.reference.lower() or needle in t.title.lower()]

    def new_tender(self, title: str = "", category: str = "goods_services") -> Tender:
        number = 1
        while f"LPT-2027-{number:03d}" in self._tenders or f"LPT-2027-{number:03d}" in self._bin:
            number += 1
        return new_tender(f"LPT-2027-{number:03d}", title, category)

    def reference_taken(self, reference: str, *, except_reference: str | None = None) -> bool:
        return reference != except_reference and (reference in self._tenders or reference in self._bin)

    def get(self, reference: str) -> Tender:
        if reference not in self._tenders:
            raise NotFoundError(f"There is no tender {reference}.")
        return copy.deepcopy(self._tenders[reference])

    def create(self, tender: Tender) -> Tender:
        if self.reference_taken(tender.reference):
            raise DuplicateReferenceError(f"Another tender already uses {tender.reference}.")
        stored = copy.deepcopy(tender)
        stored.version = 1
        stored.updated_at = dt.datetime.now()
        self._tenders[stored.reference] = stored
        return copy.deepcopy(stored)

    def save(self, tender: Tender, previous_reference: str | None = None) -> Tender:
        if self.fail_next_save is not None:
            error, self.fail_next_save = self.fail_next_save, None
            raise error
        self.saves += 1
        if tender.version == 0:
            return self.create(tender)
        key = previous_reference or tender.reference
        current = self._tenders.get(key)
        if current is None:
            raise NotFoundError(f"There is no tender {key}.")
        if current.version != tender.version:
            raise ConflictError(f"{key} was changed elsewhere since you opened it.")
        if tender.reference != key and self.reference_taken(tender.reference):
            raise DuplicateReferenceError(f"Another tender already uses {tender.reference}.")
        stored = copy.deepcopy(tender)
        stored.version = current.version + 1
        stored.updated_at = dt.datetime.now()
        del self._tenders[key]
        self._tenders[stored.reference] = stored
        return copy.deepcopy(stored)

    def remember_step(self, reference: str, step: str) -> bool:
        if reference not in self._tenders:
            return False
        self._tenders[reference].current_step = step
        return True

    def touch_elsewhere(self, reference: str) -> None:
        """Simulate a colleague saving the same tender."""
        self._tenders[reference].version += 1
        self._tenders[reference].title += " (edited elsewhere)"

    def duplicate(self, reference: str) -> Tender:
        twin = self.get(reference)
        twin.reference = self.new_tender().reference
        twin.title = f"Copy of {twin.title}"
        twin.version = 0
        return self.create(twin)

    def delete(self, reference: str) -> None:
        self._bin[reference] = self._tenders.pop(reference)

    def list_bin(self) -> list[TenderSummary]:
        return [self._summary(t) for t in self._bin.values()]

    def bin_removal_dates(self, days: int = 30) -> dict[str, dt.datetime]:
        return {}

    def restore_from_bin(self, reference: str) -> None:
        self._tenders[reference] = self._bin.pop(reference)

    # ---- history: the page tests' service keeps none
    def history(self, reference: str) -> list[HistoryEntry]:
        self.get(reference)
        return []

    def restore_version(self, reference: str, entry_id: int) -> Tender:
        raise NotFoundError(f"{reference} has no version {entry_id}.")

    # ---- policy: a few fixed rules, enough to exercise the screens
    def check(self, tender: Tender) -> list[Finding]:
        findings: list[Finding] = []
        if tender.category == "medicines":
            findings.append(FakeFinding("SCOPE-MEDICINES", "blocker", "Medicines are out of scope.",
                                        "P238 3.2", "details"))
        if tender.social_value_weighting_pct < Decimal(10):
            findings.append(FakeFinding("SV-MIN-WEIGHT", "blocker",
                                        "The social value weighting must be at least 10%.",
                                        "P238 1.1.1", "weighting"))
        if MANDATORY_THEME not in tender.theme_ids:
            findings.append(FakeFinding("SV-CLIMATE", "blocker", "Fighting climate change is missing.",
                                        "P238 1.1.1", "themes"))
        if tender.theme_weighting_total != tender.social_value_weighting_pct:
            findings.append(FakeFinding("SV-THEME-WEIGHTS", "blocker", "The split does not add up.",
                                        "internal", "weighting"))
        if not tender.spec_refresh.considered:
            findings.append(FakeFinding("SPEC-REFRESH", "warning", "Record the specification refresh.",
                                        "P238 4.4", "spec"))
        return findings

    def requirements(self, tender: Tender) -> list[SupplierRequirement]:
        return [FakeRequirement("ms-statement", "MS-STATEMENT", "Modern slavery statement",
                                "Bidders with turnover of 36m or more give their statement.\n\nSecond <b>para</b>.")]

    # ---- files
    def _write(self, kind: str, path: Path) -> Path:
        path = Path(path)
        if not path.parent.is_dir():
            raise ServiceError(f"The folder {path.parent} does not exist.")
        path.write_text(f"{kind} export", encoding="utf-8")
        self.exports.append((kind, path))
        return path

    def export_pdf(self, tender: Tender, path: Path) -> Path:
        return self._write("pdf", path)

    def export_docx(self, tender: Tender, path: Path) -> Path:
        return self._write("docx", path)

    def export_brief(self, tender: Tender, path: Path) -> Path:
        return self._write("brief", path)

    def export_brief_docx(self, tender: Tender, path: Path) -> Path:
        return self._write("brief docx", path)

    def supplier_texts(self, tender: Tender, document: str = "") -> list[tuple[str, str]]:
        from sv_desktop.model.supplier_text import supplier_facing_texts

        return supplier_facing_texts(tender, document)

    def portal_profiles(self) -> dict[str, str]:
        return {"neutral": "Neutral"}

    def export_portal(self, tender: Tender, out: Path, profile: str = "neutral") -> tuple[Path, list[str]]:
        if profile not in self.portal_profiles():
            raise ServiceError(f"There is no portal profile {profile!r}.")
        return self._write("portal", out), []

    def export_file(self, tender: Tender, path: Path) -> Path:
        return self._write("file", path)

    def allow_replacing(self, out: Path) -> None:
        self.replace_allowed.append(Path(out))

    def import_file(self, path: Path, *, force: bool = False) -> tuple[Tender, bool]:
        raise ServiceError(f"{Path(path).name} is not a tender file.")

    def backup(self) -> Path:
        target = self.data_dir / "backups" / "backup-manual.sqlite3"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("backup", encoding="utf-8")
        return target

    def list_backups(self) -> list[BackupFile]:
        return []

    def restore_backup(self, backup_file: Path) -> Path | None:
        raise ServiceError("The page tests' service has no database to restore.")

    def doctor(self) -> list[str]:
        return ["Database integrity: ok", f"Tenders: {len(self._tenders)}"]

    def close(self) -> None:
        self.closed = True

    # ---- after the ITT: enough for the screens that show them; the real service is tested in tests/lifecycle
    def today(self) -> dt.date:
        return dt.date(2027, 1, 15)

    def performance_ratings(self) -> list[tuple[str, str]]:
        return [("Good", "Meets the KPI"), ("Inadequate", "Far below the KPI")]

    def is_local_postcode(self, postcode: str) -> bool:
        return self.settings.is_local_postcode(postcode)

    def kpi_reminders(self, today: dt.date | None = None) -> list[KpiReminder]:
        return []

    def compliance_report(self, start: dt.date | None = None, end: dt.date | None = None) -> ComplianceReport:
        raise ServiceError("The page tests' service makes no compliance report.")

    def report_measures(self, figures: PeriodFigures) -> list[tuple[str, str]]:
        return [("Contracts counted", f"{figures.counted:,}")]

    def report_period_text(self, figures: PeriodFigures) -> str:
        return f"{figures.start} to {figures.end}"

    def report_measure_notes(self) -> dict[str, str]:
        return {"Contracts counted": "Tenders issued to the market dated in the period."}

    def report_method_notes(self, report: ComplianceReport) -> list[str]:
        return [f"Contracts counted: {report.current.counted:,}."]

    def export_report(self, start: dt.date | None, end: dt.date | None, out: Path) -> Path:
        return self._write("report", out)

    def export_pipeline(self, out: Path, rows: Sequence[TenderSummary] | None = None, *,
                        months: int = 12) -> Path:
        return self._write("pipeline", out)

    # ---- the evaluation of bids: the model's own rules over a dict; the real use-cases are tested in tests/
    def get_evaluation(self, reference: str) -> Evaluation | None:
        return copy.deepcopy(self._evaluations.get(reference))

    def start_evaluation(self, reference: str, pack_version: str = "") -> Evaluation:
        tender = self.get(reference)
        if reference in self._evaluations:
            raise ServiceError(f"The evaluation of {reference} has already started.")
        count = len(tender.questions)
        if not count:
            raise ServiceError(f"{reference} has no questions to evaluate: set them in the wizard first.")
        share = tender.social_value_weighting_pct / count
        questions = [IssuedQuestion(f"SV{i}", q.theme, q.title, q.text, share, 5)
                     for i, q in enumerate(tender.questions, start=1)]
        self._evaluations[reference] = Evaluation(questions, pack_version or "1",
                                                  sum((q.weight_pct for q in questions), Decimal(0)), version=1)
        return self.get_evaluation(reference)  # type: ignore[return-value]

    def _evaluation(self, reference: str) -> Evaluation:
        if reference not in self._evaluations:
            raise ServiceError(f"The evaluation of {reference} has not started.")
        return copy.deepcopy(self._evaluations[reference])

    def change_evaluation(self, reference: str, change: Callable[[Evaluation], None]) -> Evaluation:
        evaluation = self._evaluation(reference)
        try:
            change(evaluation)
        except EvaluationError as exc:
            raise ServiceError(str(exc)) from exc
        evaluation.version += 1
        self._evaluations[reference] = evaluation
        return copy.deepcopy(evaluation)

    def evaluation_results(self, reference: str) -> list[BidderResult]:
        return results(self._evaluation(reference))

    def standstill(self, reference: str) -> Standstill | None:
        day = self._evaluation(reference).award_notice_date
        return None if day is None else standstill_for_route(self.get(reference).route, day)

    def award_to(self, reference: str, bidder_name: str, value_gbp: Decimal, *,
                 awarded_on: dt.date | None = None) -> Tender:
        evaluation = self._evaluation(reference)
        bidder = evaluation.bidder(bidder_name)
        if bidder_name not in winners(evaluation).get(bidder.lot, []):
            raise ServiceError(f"{bidder_name} is not ranked first.")
        tender = self.get(reference)
        tender.award.supplier = Supplier(bidder.name, bidder.postcode, bidder.sme, bidder.vcse)
        tender.award.awarded_on, tender.award.awarded_value_gbp = awarded_on or self.today(), value_gbp
        tender.stage = "awarded"
        tender.kpis += [Kpi(name=c.commitment, target=c.commitment) for c in evaluation.consensus
                        if c.bidder == bidder_name and c.commitment]
        return self.save(tender)

    def records_kept_until(self, reference: str) -> dt.date | None:
        tender = self.get(reference)
        day = tender.contract_start_date or tender.award.awarded_on
        return None if day is None else records_kept_until(day)

    def evaluator_workbook_files(self, reference: str, folder: Path) -> list[Path]:
        return [Path(folder) / f"{reference} evaluation {m.name}.xlsx" for m in self._evaluation(reference).panel]

    def write_evaluator_workbooks(self, reference: str, folder: Path) -> list[Path]:
        return [self._write("workbook", path) for path in self.evaluator_workbook_files(reference, folder)]

    def import_evaluator_workbooks(self, reference: str, paths: Sequence[Path]) -> int:
        raise ServiceError(f"Nothing was imported: {Path(paths[0]).name} is not an evaluator workbook.")

    def export_moderation_record(self, reference: str, out: Path) -> Path:
        return self._write("moderation record", out)

    def assessment_summary_problem(self, reference: str) -> str:
        missing = self._evaluation(reference).missing_consensus()
        return f"{missing[0][0]} on {missing[0][1]} has no consensus reason." if missing else ""

    def assessment_summary_files(self, reference: str, folder: Path) -> list[tuple[str, Path, Path]]:
        return [(b.name, Path(folder) / f"{b.name}.pdf", Path(folder) / f"{b.name}.docx")
                for b in self._evaluation(reference).bidders]

    def write_assessment_summaries(self, reference: str, folder: Path, *, replace: bool = True) -> list[Path]:
        problem = self.assessment_summary_problem(reference)
        if problem:
            raise ServiceError(problem)
        return [self._write("summary", path) for _name, *paths in self.assessment_summary_files(reference, folder)
                for path in paths]

    def record_summaries_sent(self, reference: str, sent_on: dt.date | None = None,
                              bidders: Sequence[str] | None = None) -> Evaluation:
        def mark(evaluation: Evaluation) -> None:
            for bidder in evaluation.bidders:
                if bidders is None or bidder.name in bidders:
                    bidder.summary_sent_on = sent_on or self.today()
        return self.change_evaluation(reference, mark)

    # ---- the Trust's own bids: kept in memory; the real bid rules (pure model) give the findings
    def bid_content(self) -> BidContent:
        return load_bid_content()

    def list_bids(self, text: str = "") -> list[BidSummary]:
        needle = text.lower()
        return [_bid_summary(b) for b in self._bids.values()
                if needle in b.reference.lower() or needle in b.title.lower()]

    def new_bid(self, title: str = "") -> Bid:
        number = 1
        while f"BID-2027-{number:03d}" in self._bids or f"BID-2027-{number:03d}" in self._bid_bin:
            number += 1
        return new_bid(f"BID-2027-{number:03d}", title)

    def get_bid(self, reference: str) -> Bid:
        if reference not in self._bids:
            raise NotFoundError(f"There is no bid {reference}.")
        return copy.deepcopy(self._bids[reference])

    def save_bid(self, bid: Bid, previous_reference: str | None = None) -> Bid:
        key = previous_reference or bid.reference
        current = self._bids.get(key)
        if bid.version == 0 and (bid.reference in self._bids or bid.reference in self._bid_bin):
            raise DuplicateReferenceError(f"Another bid already uses {bid.reference}.")
        if bid.version and (current is None or current.version != bid.version):
            raise ConflictError(f"{key} was changed elsewhere since you opened it.")
        stored = copy.deepcopy(bid)
        stored.version = bid.version + 1
        stored.updated_at = dt.datetime.now(dt.UTC)
        self._bids.pop(key, None)
        self._bids[stored.reference] = stored
        return copy.deepcopy(stored)

    def delete_bid(self, reference: str) -> None:
        self.get_bid(reference)
        self._bid_bin[reference] = (self._bids.pop(reference), dt.datetime.now(dt.UTC))

    def binned_bids(self) -> list[BidSummary]:
        return [_bid_summary(b) for b, _deleted in self._bid_bin.values()]

    def bid_bin_removal_dates(self, days: int = 30) -> dict[str, dt.datetime]:
        return {reference: deleted + dt.timedelta(days=days) for reference, (_b, deleted) in self._bid_bin.items()}

    def restore_bid(self, reference: str) -> None:
        if reference not in self._bid_bin:
            raise NotFoundError(f"The bid {reference} is not in the bin.")
        self._bids[reference] = self._bid_bin.pop(reference)[0]

    def bid_findings(self, bid: Bid) -> list[Finding]:
        return evaluate_bid(bid, self._commitments, load_bid_rules())

    def stage_blockers(self, bid: Bid, stage: str) -> list[Finding]:
        return blockers_for(self.bid_findings(bid), stage)

    def move_bid(self, bid: Bid, stage: str) -> Bid:
        blockers = self.stage_blockers(bid, stage)
        if not can_move(bid.stage, stage) or blockers:
            raise ServiceError("\n".join(f.message for f in blockers) or f"A bid cannot move to {stage}.")
        moved = copy.deepcopy(bid)
        moved.stage = stage
        return self.save_bid(moved)

    def win_bid(self, bid: Bid, *, decided_on: dt.date | None = None, contract_start: dt.date | None = None,
                value_gbp: Decimal | None = None, feedback: str = "", lessons: str = "") -> tuple[Bid, Tender]:
        contract = new_tender(f"{bid.reference}-C", bid.title, "clinical_services")
        contract.stage = "awarded"
        contract.kpis = [Kpi(name=self._commitments[cid].title, source_id=f"commitment:{cid}")
                         for cid in bid.commitment_ids if cid in self._commitments]
        contract = self.create(contract)
        won = copy.deepcopy(bid)
        won.stage = "won"
        won.outcome = BidOutcome(decided_on=decided_on or self.today(), feedback=feedback, lessons=lessons,
                                 contract_reference=contract.reference)
        return self.save_bid(won), contract

    def lose_bid(self, bid: Bid, outcome: BidOutcome,
                 scores: dict[str, tuple[str, str]] | None = None) -> Bid:
        lost = copy.deepcopy(bid)
        lost.stage = "lost"
        lost.outcome = copy.deepcopy(outcome)
        for question in lost.questions:
            if scores and question.number in scores:
                question.score, question.feedback = scores[question.number]
        return self.save_bid(lost)

    def similar_lessons(self, question_text: str, *, except_reference: str = "") -> list[Lesson]:
        return [Lesson(b.reference, b.title, q.number, q.text, q.score, q.feedback, b.outcome.lessons,
                       similarity(question_text, q.text))
                for b in self._bids.values() if b.stage == "lost" and b.reference != except_reference
                for q in b.questions if similarity(question_text, q.text) >= Decimal("0.2")]

    def list_commitments(self) -> list[Commitment]:
        return [copy.deepcopy(c) for _key, c in sorted(self._commitments.items())]

    def save_commitment(self, commitment: Commitment) -> Commitment:
        stored = copy.deepcopy(commitment)
        stored.version += 1
        self._commitments[stored.id] = stored
        return copy.deepcopy(stored)

    def delete_commitment(self, commitment_id: str) -> None:
        if self._commitments.pop(commitment_id, None) is None:
            raise NotFoundError(f"There is no commitment {commitment_id}.")

    def export_bid_response(self, reference: str, out: Path) -> Path:
        self.get_bid(reference)
        if Path(out).suffix.lower() not in (".docx", ".pdf"):
            raise ServiceError(f"The response is written as .docx or .pdf, not {Path(out).name!r}.")
        return self._write("bid response", out)

    def export_bid_approval(self, reference: str, out: Path) -> Path:
        self.get_bid(reference)
        if Path(out).suffix.lower() != ".pdf":
            raise ServiceError(f"The approval summary is written as .pdf, not {Path(out).name!r}.")
        return self._write("bid approval", out)

    def export_bid_pipeline(self, out: Path) -> Path:
        if Path(out).suffix.lower() not in (".csv", ".xlsx"):
            raise ServiceError(f"The bid pipeline is exported as .csv or .xlsx, not {Path(out).name!r}.")
        return self._write("bid pipeline", out)


if TYPE_CHECKING:
    from sv_desktop.services.contract import UiService

    _the_fake_service: type[UiService] = FakeService  # mypy checks the fake against the contract


def _bid_summary(b: Bid) -> BidSummary:
    return BidSummary(b.reference, b.title, b.commissioner, b.value_gbp, b.stage, b.submission_deadline,
                      b.updated_at, b.bid_lead, b.regime, b.social_value_weighting_pct)
