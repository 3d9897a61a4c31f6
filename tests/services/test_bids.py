"""The bid use-cases over a real SQLite store: save and read back, stage changes refused with the blockers'
sentences, the commitment library, a win making a contract in delivery with KPIs, a loss's lessons, and a
deleted bid kept in the bin until it is restored (or imported over)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sv_desktop.model.bid import Bid, BidOutcome, BidQuestion
from sv_desktop.model.commitment import Commitment
from sv_desktop.paths import app_paths
from sv_desktop.services.bid_service import BidUseCases, StageRefused
from sv_desktop.services.errors import ConflictError, NotFoundError
from sv_desktop.services.tender_service import TenderService
from sv_desktop.settings import load_settings
from sv_desktop.store import TenderStore

TODAY = dt.date(2027, 1, 4)

APPRENTICES = Commitment(id="apprenticeships", title="Apprenticeships for local young people",
                         theme="tackling_economic_inequality", charter_commitment="good_local_employer",
                         quantity=Decimal(4), unit="apprenticeships", target="4 apprenticeships a year",
                         owner="Head of Workforce Development", capacity=Decimal(10))

GOOD_ANSWER = ("We will recruit 4 apprentices from the ICB area by March 2028, led by the Head of Workforce "
               "Development, reported quarterly to the commissioner.")


@pytest.fixture
def service(data_dir):
    paths = app_paths(data_dir)
    opened = TenderStore.open(paths)
    made = TenderService(opened, load_settings(paths), clock=lambda: TODAY)
    yield made
    made.close()


def answered_bid(service: TenderService, reference: str = "BID-2027-001") -> Bid:
    bid = Bid(reference=reference, title="Community nursing, North locality", commissioner="Example ICB",
              value_gbp=Decimal("12500000.00"), duration_months=60, regime="psr",
              social_value_weighting_pct=Decimal(10), stage="writing", bid_lead="Sam Patel",
              questions=[BidQuestion("SV1", "How will you create local jobs?", 250, answer=GOOD_ANSWER,
                                     commitment_ids=["apprenticeships"])])
    return service.save_bid(bid)


def test_a_bid_and_its_questions_are_stored_and_read_back(service):
    service.save_commitment(APPRENTICES)
    saved = answered_bid(service)
    assert saved.version == 1
    again = service.get_bid("BID-2027-001")
    assert again.questions[0].answer == GOOD_ANSWER
    assert again.questions[0].commitment_ids == ["apprenticeships"]
    assert again.value_gbp == Decimal("12500000.00") and again.regime == "psr"
    assert [s.reference for s in service.list_bids("nursing")] == ["BID-2027-001"]
    assert service.list_bids("nothing like it") == []
    with pytest.raises(ConflictError):
        service.save_bid(Bid(reference="BID-2027-001", title="stale", version=5))
    assert service.new_bid().reference == "BID-2027-002"
    service.delete_bid("BID-2027-001")
    with pytest.raises(NotFoundError):
        service.get_bid("BID-2027-001")


def test_approval_is_refused_with_the_blockers_sentences_then_allowed(service):
    service.save_commitment(APPRENTICES)
    bid = answered_bid(service)
    bid.questions.append(BidQuestion("SV2", "How will you reduce carbon?", 100))
    bid = service.save_bid(bid)
    with pytest.raises(StageRefused) as refused:
        service.move_bid(bid, "approved")
    assert "Question SV2 has no answer yet." in str(refused.value)
    bid.questions[1].answer = "We will cut travel emissions by 20% by 2029, owned by our Fleet Manager."
    bid = service.save_bid(bid)
    approved = service.move_bid(bid, "approved")
    assert approved.stage == "approved"
    with pytest.raises(StageRefused, match="approval"):
        service.move_bid(approved, "submitted")
    approved.approver, approved.approved_on = "Director of Strategy", TODAY
    submitted = service.move_bid(service.save_bid(approved), "submitted")
    assert submitted.stage == "submitted" and submitted.submitted_on == TODAY


def test_a_won_bid_becomes_a_contract_in_delivery_with_its_commitments_as_kpis(service):
    service.save_commitment(APPRENTICES)
    bid = answered_bid(service)
    bid.stage = "submitted"
    bid = service.save_bid(bid)
    won, contract = service.win_bid(bid, decided_on=dt.date(2027, 3, 1), contract_start=dt.date(2027, 4, 1))
    assert won.stage == "won" and won.outcome.contract_reference == contract.reference
    stored = service.get(contract.reference)
    assert stored.stage == "awarded" and stored.award.awarded_on == dt.date(2027, 3, 1)
    assert [(k.name, k.target, k.source_id) for k in stored.kpis] == [
        ("Apprenticeships for local young people", "4 apprenticeships a year", "commitment:apprenticeships")]
    assert stored.route == "psr_competitive"


def test_a_lost_bids_feedback_is_found_for_a_similar_question(service):
    bid = answered_bid(service)
    bid.stage = "submitted"
    bid = service.save_bid(bid)
    service.lose_bid(bid, BidOutcome(feedback="Too general.", lessons="Name the cohort and the dates."),
                     {"SV1": ("2/5", "No baseline for local recruitment.")})
    lessons = service.similar_lessons("How will you create jobs for local people?")
    assert [(x.bid_reference, x.question_number, x.feedback, x.lessons) for x in lessons] == [
        ("BID-2027-001", "SV1", "No baseline for local recruitment.", "Name the cohort and the dates.")]
    assert service.similar_lessons("What is your approach to fleet emissions?") == []


def test_the_part_works_on_its_own(data_dir):
    paths = app_paths(data_dir)
    with TenderStore.open(paths) as opened:
        saved: list[str] = []
        part = BidUseCases(opened, load_settings(paths), lambda: TODAY,
                           save_tender=lambda t: saved.append(t.reference) or t)
        part.save_commitment(APPRENTICES)
        assert [c.id for c in part.list_commitments()] == ["apprenticeships"]
        with pytest.raises(StageRefused):
            part.move_bid(Bid(reference="B-1", title="x", stage="opportunity"), "submitted")
        assert saved == []


def test_the_capacity_warning_counts_another_live_bid_and_a_won_contract(service):
    service.save_commitment(APPRENTICES)  # 4 per contract, capacity 10
    first = answered_bid(service, "BID-2027-001")
    first.stage = "submitted"
    service.win_bid(service.save_bid(first))  # a contract in delivery promising 4
    second = answered_bid(service, "BID-2027-002")  # a live bid promising 4
    assert "BID-CAPACITY" not in [f.rule for f in service.bid_findings(second)]  # 4 + 4 = 8
    third = answered_bid(service, "BID-2027-003")
    [capacity] = [f for f in service.bid_findings(third) if f.rule == "BID-CAPACITY"]
    assert "12 apprenticeships" in capacity.message
    assert "BID-2027-002" in capacity.message and "BID-2027-001-C" in capacity.message


def test_a_deleted_bid_waits_in_the_bin_and_comes_back_whole(service):
    service.save_commitment(APPRENTICES)
    answered_bid(service)
    service.delete_bid("BID-2027-001")
    assert service.list_bids() == []
    assert [s.reference for s in service.binned_bids()] == ["BID-2027-001"]
    [removal] = service.bid_bin_removal_dates().values()
    assert removal - dt.timedelta(days=30) <= dt.datetime.now(dt.UTC) <= removal
    assert service.new_bid().reference == "BID-2027-002"  # the binned bid keeps its reference
    service.restore_bid("BID-2027-001")
    back = service.get_bid("BID-2027-001")
    assert back.questions[0].answer == GOOD_ANSWER and back.version == 1
    assert service.binned_bids() == []
    with pytest.raises(NotFoundError, match="not in the bin"):
        service.restore_bid("BID-2027-001")


def test_importing_a_bid_file_over_a_binned_bid_brings_it_back(service, tmp_path):
    answered_bid(service)
    path = service.export_bid_file("BID-2027-001", tmp_path / "bid.svtender.json")
    service.delete_bid("BID-2027-001")
    imported = service.import_bid_file(path)
    assert imported.reference == "BID-2027-001" and imported.version == 2
    assert [s.reference for s in service.list_bids()] == ["BID-2027-001"] and service.binned_bids() == []
