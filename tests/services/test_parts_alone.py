"""Each part `TenderService` is composed of works on its own: made with a real SQLite store, real settings,
content and rules, a fixed clock and plain callables for the few service operations it uses, no
`TenderService` anywhere. The callables record their calls, so each test also shows what the part asks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from sv_desktop.demo import with_bank_questions
from sv_desktop.export.context import make_pack_context
from sv_desktop.model.content import load_content
from sv_desktop.model.question_bank import load_question_bank
from sv_desktop.model.rules import load_rules
from sv_desktop.model.tender import Tender, new_tender
from sv_desktop.model.tender_file import read_tender_file
from sv_desktop.paths import app_paths
from sv_desktop.services.errors import InvalidTenderError, NotFoundError, ServiceError
from sv_desktop.services.evaluation_documents import EvaluationDocuments
from sv_desktop.services.evaluation_service import EvaluationUseCases
from sv_desktop.services.history_service import HistoryUseCases
from sv_desktop.services.lifecycle_service import LifecycleUseCases
from sv_desktop.services.tender_files import TenderFiles
from sv_desktop.settings import load_settings
from sv_desktop.store import TenderStore

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
TODAY = dt.date(2027, 1, 4)
REF = "LPT-2027-014"


@pytest.fixture
def paths(data_dir):
    return app_paths(data_dir)


@pytest.fixture
def tender_store(paths):
    opened = TenderStore.open(paths)
    yield opened
    opened.close()


def verdicts(answer: bool, seen: list[str]):
    """A policy check that answers `answer` and notes which tenders it was asked about."""
    def is_compliant(tender: Tender) -> bool:
        seen.append(tender.reference)
        return answer
    return is_compliant


def test_the_history_restores_a_version_with_the_check_it_is_given(tender_store):
    first = tender_store.create(new_tender("HIS-1", "Laundry"), compliant=True)
    first.title = "Laundry and linen"
    tender_store.save(first, compliant=True)
    seen: list[str] = []
    history = HistoryUseCases(tender_store, is_compliant=verdicts(False, seen))
    entries = history.history("HIS-1")
    assert len(entries) == 2
    oldest = entries[-1]
    assert history.tender_at("HIS-1", oldest.id).title == "Laundry"
    restored = history.restore_version("HIS-1", oldest.id)
    assert restored.title == "Laundry" and tender_store.get("HIS-1").title == "Laundry"
    assert seen == ["HIS-1"]
    assert tender_store.list_summaries("HIS-1")[0].compliant is False
    with pytest.raises(NotFoundError):
        history.restore_version("NOPE-1", oldest.id)  # store errors come out as service errors


def test_the_lifecycle_reads_the_store_on_its_own_clock(tender_store, paths):
    soon = new_tender("LIF-1", "Catering")
    soon.tender_notice_date = TODAY + dt.timedelta(days=40)
    late = new_tender("LIF-2", "Waste")
    late.tender_notice_date = TODAY + dt.timedelta(days=800)
    seen: list[str] = []
    lifecycle = LifecycleUseCases(tender_store, load_settings(paths), load_content(), load_rules(), lambda: TODAY,
                                  is_compliant=verdicts(True, seen))
    assert lifecycle.bulk_create([soon, late]) == 2
    assert seen == ["LIF-1", "LIF-2"]
    assert [s.reference for s in lifecycle.pipeline(12)] == ["LIF-1"]
    report = lifecycle.compliance_report()
    assert report.generated_on == TODAY
    assert {s.reference for s in report.coming_up} == {"LIF-1", "LIF-2"}
    with pytest.raises(ServiceError, match="1 to 120 months"):
        lifecycle.pipeline(0)


def _stored_example(tender_store) -> Tender:
    example = with_bank_questions(read_tender_file(DEMO / "01-patient-transport.svtender.json"), load_question_bank())
    return tender_store.create(example, compliant=True)


def _evaluation_parts(tender_store, paths, saved: list[str]):
    settings = load_settings(paths)

    def save(tender: Tender) -> Tender:
        saved.append(tender.stage)
        return tender_store.save(tender, compliant=True)

    def pack_context(tender: Tender):
        return make_pack_context(tender, organisation="Test Trust", today=TODAY,
                                 local_areas=tuple(settings.local_postcode_areas))

    evaluations = EvaluationUseCases(tender_store, lambda: TODAY, get=tender_store.get, save=save,
                                     pack_context=pack_context)
    documents = EvaluationDocuments(evaluations, lambda: TODAY, get=tender_store.get, pack_context=pack_context)
    return evaluations, documents


def test_the_evaluation_starts_from_the_pack_and_saves_through_the_callable(tender_store, paths):
    tender = _stored_example(tender_store)
    assert tender.reference == REF
    saved: list[str] = []
    evaluations, _documents = _evaluation_parts(tender_store, paths, saved)
    evaluation = evaluations.start_evaluation(REF)
    assert evaluation.pack_version == "as at 04/01/2027"
    assert [q.reference for q in evaluation.questions][:1] == ["SV1"]
    assert saved == ["evaluation"] and tender_store.get(REF).stage == "evaluation"
    with pytest.raises(ServiceError, match="already started"):
        evaluations.start_evaluation(REF)
    with pytest.raises(ServiceError, match="Close moderation"):
        evaluations.award_to(REF, "Nobody Ltd", Decimal("1"))


def test_the_evaluation_records_are_written_from_the_parts_alone(tender_store, paths, tmp_path):
    _stored_example(tender_store)
    evaluations, documents = _evaluation_parts(tender_store, paths, [])
    with pytest.raises(ServiceError, match="has not started"):
        documents.assessment_summary_problem(REF)
    evaluations.start_evaluation(REF)
    assert documents.assessment_summary_problem(REF)  # nothing scored: not yet issuable, and said why
    with pytest.raises(ServiceError):
        documents.record_summaries_sent(REF)
    record = documents.export_moderation_record(REF, tmp_path / "moderation.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(str(record)).pages)
    assert REF in text and "Test Trust" in text


def test_the_files_are_numbered_by_the_store_and_dated_by_the_clock(tender_store, paths, tmp_path):
    tender = _stored_example(tender_store)
    tender.leads["procurement_lead"] = "Sam Patel"
    tender = tender_store.save(tender, compliant=True)
    files = TenderFiles(tender_store, load_settings(paths), load_content(), paths.data_dir, lambda: TODAY)
    assert "neutral" in files.portal_profiles()
    cover = PdfReader(str(files.export_brief(tender, tmp_path / "brief.pdf"))).pages[0].extract_text()
    assert tender.title.split()[0] in cover and "4 January 2027" in " ".join(cover.split())
    written = files.export_file(tender, tmp_path / "copy.svtender.json")
    assert files.read_file(written).title == tender.title
    (tmp_path / "bad.svtender.json").write_text("{", encoding="utf-8")
    with pytest.raises(InvalidTenderError, match="bad.svtender.json"):
        files.read_file(tmp_path / "bad.svtender.json")
