"""Bids and commitments in the store: written at revision 0011 by the ladder filler and read back whole, saved
with optimistic versions, and questions replaced whole on each save."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from ladder import LADDER_BID, WRITTEN_AT, fill_0011

from sv_desktop.model.bid import BidQuestion
from sv_desktop.store import ConflictError, DuplicateReferenceError, TenderStore
from sv_desktop.store.engine import sqlite_engine
from sv_desktop.store.migrate import upgrade_to_head


def test_a_bid_written_at_0011_is_read_back_whole(paths):
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    engine = sqlite_engine(paths.database)
    upgrade_to_head(engine, str(paths.database), target="0011")
    with engine.begin() as connection:
        fill_0011(connection)
    engine.dispose()
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
