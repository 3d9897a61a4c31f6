"""Bids and commitments in the store: written at revision 0011 by the ladder filler and read back whole, saved
with optimistic versions, and questions replaced whole on each save; deleted bids go to the bin (0012), come
back from it, and are removed for good 30 days after they were deleted, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from ladder import LADDER_BID, LADDER_BINNED_BID, WRITTEN_AT, fill_0011, fill_0012

from sv_desktop.model.bid import BidQuestion, new_bid
from sv_desktop.store import ConflictError, DuplicateReferenceError, NotFoundError, TenderStore
from sv_desktop.store.engine import sqlite_engine
from sv_desktop.store.migrate import upgrade_to_head


def _written_at(paths, revision: str, filler) -> None:
    """A SQLite database at `revision`, filled by its ladder filler (opening it upgrades it to the head)."""
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    engine = sqlite_engine(paths.database)
    upgrade_to_head(engine, str(paths.database), target=revision)
    with engine.begin() as connection:
        filler(connection)
    engine.dispose()


def test_a_bid_written_at_0011_is_read_back_whole(paths):
    _written_at(paths, "0011", fill_0011)
    with TenderStore.open(paths) as store:
        bid = store.bids.get_bid(LADDER_BID)
        assert (bid.title, bid.commissioner, bid.value_gbp, bid.social_value_weighting_pct, bid.version) == (
            "Community nursing", "Example ICB", Decimal("1250000.50"), Decimal("12.5"), 2)
        assert bid.updated_at == WRITTEN_AT
        assert bid.questions == [BidQuestion("SV1", "Local jobs?", 250, "words", "", None,
                                             "Four apprentices by 2028.", ["apprenticeships"])]
        [commitment] = store.bids.list_commitments()
        assert (commitment.id, commitment.quantity, commitment.capacity) == ("apprenticeships", Decimal(4),
                                                                            Decimal(10))
        bid.questions = [BidQuestion("SV9", "Carbon?", None, "pages")]
        saved = store.bids.save_bid(bid)
        assert saved.version == 3
        assert [q.number for q in store.bids.get_bid(LADDER_BID).questions] == ["SV9"]
        with pytest.raises(ConflictError):
            store.bids.save_bid(bid)
        renamed = store.bids.save_bid(_renamed(saved), previous_reference=LADDER_BID)
        assert [s.reference for s in store.bids.list_bids()] == [renamed.reference]
        with pytest.raises(DuplicateReferenceError):
            store.bids.save_commitment(dataclass_copy(commitment))



def _renamed(bid):
    return dataclasses.replace(bid, reference="BID-RENAMED",
                               submission_deadline=dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC))


def dataclass_copy(commitment):
    return dataclasses.replace(commitment, version=0)


def test_a_bid_binned_at_0012_is_in_the_bin_with_its_date_and_the_live_one_is_listed(paths):
    _written_at(paths, "0012", fill_0012)
    with TenderStore.open(paths) as store:
        assert [s.reference for s in store.bids.list_bids()] == [LADDER_BID]
        assert [s.reference for s in store.bids.list_bid_bin()] == [LADDER_BINNED_BID]
        assert store.bids.bid_bin_deleted_at() == {LADDER_BINNED_BID: WRITTEN_AT}


def _binned_and_restored_then_purged(store: TenderStore, clock) -> None:
    """What the bin does with bids, the same on either database: the checks both tests below make."""
    bids = store.bids
    kept = bids.save_bid(_with_question(new_bid("BID-KEPT", "Community nursing")))
    bids.save_bid(new_bid("BID-OTHER", "Patient transport"))
    bids.delete_bid("BID-KEPT")
    assert [s.reference for s in bids.list_bids()] == ["BID-OTHER"]
    assert [s.reference for s in bids.list_bid_bin()] == ["BID-KEPT"]
    assert bids.bid_bin_deleted_at() == {"BID-KEPT": clock.now}
    assert "BID-KEPT" not in {b.reference for b in bids.all_bids()}
    with pytest.raises(NotFoundError, match="in the bin"):
        bids.get_bid("BID-KEPT")
    with pytest.raises(NotFoundError, match="in the bin"):
        bids.save_bid(kept)
    with pytest.raises(NotFoundError):
        bids.delete_bid("BID-KEPT")  # already in the bin
    # The reference stays taken while the bid is in the bin, by a new bid or a renamed one.
    with pytest.raises(DuplicateReferenceError, match="in the bin"):
        bids.save_bid(new_bid("BID-KEPT", "Someone else's"))
    with pytest.raises(DuplicateReferenceError, match="in the bin"):
        bids.save_bid(dataclasses.replace(bids.get_bid("BID-OTHER"), reference="BID-KEPT"),
                      previous_reference="BID-OTHER")

    bids.restore_bid("BID-KEPT")
    back = bids.get_bid("BID-KEPT")
    assert (back.title, back.version, [q.answer for q in back.questions]) == (
        "Community nursing", kept.version, ["Four apprentices by 2028."])
    assert bids.list_bid_bin() == []
    with pytest.raises(NotFoundError, match="not in the bin"):
        bids.restore_bid("BID-KEPT")

    bids.delete_bid("BID-KEPT")
    clock.advance(days=29)
    bids.delete_bid("BID-OTHER")
    clock.advance(days=1)
    assert bids.purge_bid_bin(30) == 1  # exactly 30 days after it was deleted, BID-KEPT goes
    assert [s.reference for s in bids.list_bid_bin()] == ["BID-OTHER"]
    assert not bids.bid_exists("BID-KEPT")
    assert bids.purge_bid_bin(30) == 0
    clock.advance(days=30)
    assert bids.purge_bid_bin(30) == 1
    assert bids.list_bid_bin() == [] and bids.list_bids() == []
    assert bids.save_bid(new_bid("BID-KEPT", "A new bid")).version == 1  # its reference is free again


def _with_question(bid):
    bid.questions = [BidQuestion("SV1", "Local jobs?", 250, "words", answer="Four apprentices by 2028.")]
    return bid


def test_deleted_bids_go_to_the_bin_come_back_and_are_purged_after_30_days(store, clock):
    _binned_and_restored_then_purged(store, clock)
    assert store.doctor().ok


@pytest.mark.postgres
def test_the_bid_bin_on_the_server(paths, pg_url, clock):
    with TenderStore.open(paths, pg_url, now=clock) as store:
        _binned_and_restored_then_purged(store, clock)
