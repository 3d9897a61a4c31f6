"""A tender's evaluation saved and read back whole, with optimistic locking, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from store_helpers import full_tender

from sv_desktop.model.evaluation import (
    Bidder,
    Consensus,
    Evaluation,
    IndividualScore,
    IssuedQuestion,
    PanelMember,
)
from sv_desktop.store import ConflictError, NotFoundError, StoreError, TenderStore


def sample() -> Evaluation:
    return Evaluation(
        questions=[IssuedQuestion("SV1", "fighting_climate_change", "Fleet \u00e9", "Text", Decimal("6.6667"), 5,
                                  minimum_score=2, disqualify_below_minimum=True),
                   IssuedQuestion("SV2", "wellbeing", "", "Text 2", Decimal("3.3333"), 100, "0-100")],
        pack_version="3", social_value_weight_pct=Decimal(10),
        bidders=[Bidder("Alpha Ltd", "1 High St", "01234567", "LE1 1AA", True, False, 1, dt.date(2027, 5, 2)),
                 Bidder("Beta CIC \u2014 \u00c5", vcse=True, lot=2)],
        panel=[PanelMember("Ann", "Chair", dt.date(2027, 3, 1), "Ten years"), PanelMember("Bob")],
        scores=[IndividualScore("Ann", "Alpha Ltd", "SV1", 4, "Section 2, p.3"),
                IndividualScore("Bob", "Alpha Ltd", "SV1", 2, "")],
        consensus=[Consensus("Alpha Ltd", "SV1", 3, "Agreed after discussion"), Consensus("Alpha Ltd", "SV2")],
        status="moderation", spread_threshold_pct=Decimal("37.5"), award_notice_date=dt.date(2027, 6, 1))


def _round_trip(store: TenderStore) -> None:
    tender = store.create(full_tender("EVAL-1"))
    assert store.get_evaluation(tender.reference) is None
    saved = store.save_evaluation(tender.reference, sample())
    assert saved.version == 1
    found = store.get_evaluation(tender.reference)
    assert found == saved
    found.scores.append(IndividualScore("Bob", "Beta CIC \u2014 \u00c5", "SV2", 55, "x"))
    again = store.save_evaluation(tender.reference, found)
    assert again.version == 2
    assert store.get_evaluation(tender.reference).scores[-1].score == 55
    with pytest.raises(ConflictError):
        store.save_evaluation(tender.reference, found)  # still version 1: someone else saved since
    with pytest.raises(ConflictError):
        store.save_evaluation(tender.reference, sample())  # a new evaluation over an existing one
    assert store.get_evaluation(tender.reference) == again
    twins = store.get_evaluation(tender.reference)
    twins.bidders.append(Bidder("Alpha Ltd"))
    with pytest.raises(StoreError, match="same name"):
        store.save_evaluation(tender.reference, twins)
    assert store.get_evaluation(tender.reference) == again
    with pytest.raises(NotFoundError):
        store.get_evaluation("NOPE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def either_store(request, paths):
    """The store on a SQLite file, then on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("store")
        return
    with TenderStore.open(paths, request.getfixturevalue("pg_url")) as store:
        yield store


def test_round_trip(either_store):
    _round_trip(either_store)


def test_purging_a_tender_removes_its_evaluation(store):
    tender = store.create(full_tender("EVAL-2"))
    store.save_evaluation(tender.reference, sample())
    store.delete(tender.reference)
    store.purge(tender.reference)
    with store.engine.connect() as connection:
        from sqlalchemy import text
        assert connection.execute(text("SELECT count(*) FROM eval_score")).scalar_one() == 0


def test_list_rows_carry_the_award_notice(either_store):
    store = either_store
    for reference in ("LIST-NOTICE", "LIST-SCORING", "LIST-NONE", "LIST-BIN"):
        store.create(full_tender(reference))
    for reference, notice in (("LIST-NOTICE", dt.date(2026, 12, 18)), ("LIST-SCORING", None),
                              ("LIST-BIN", dt.date(2027, 1, 4))):
        store.save_evaluation(reference, Evaluation(questions=[], award_notice_date=notice))
    store.delete("LIST-BIN")
    listed = {row.reference: row.award_notice_date for row in store.list_summaries()}
    assert listed == {"LIST-NOTICE": dt.date(2026, 12, 18), "LIST-SCORING": None, "LIST-NONE": None}
    assert [(row.reference, row.award_notice_date) for row in store.list_summaries("list-notice")] == [
        ("LIST-NOTICE", dt.date(2026, 12, 18))]
    assert [(row.reference, row.award_notice_date) for row in store.list_bin()] == [
        ("LIST-BIN", dt.date(2027, 1, 4))]
    assert all(row.standstill is None for row in store.list_summaries())  # counted by the service, not here
