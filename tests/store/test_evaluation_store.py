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


def test_round_trip_on_sqlite(store):
    _round_trip(store)


@pytest.mark.postgres
def test_round_trip_on_postgres(paths, pg_url):
    with TenderStore.open(paths, pg_url) as store:
        _round_trip(store)


def test_purging_a_tender_removes_its_evaluation(store):
    tender = store.create(full_tender("EVAL-2"))
    store.save_evaluation(tender.reference, sample())
    store.delete(tender.reference)
    store.purge(tender.reference)
    with store.engine.connect() as connection:
        from sqlalchemy import text
        assert connection.execute(text("SELECT count(*) FROM eval_score")).scalar_one() == 0
