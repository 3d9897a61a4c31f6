"""The TenderStore API on a real SQLite file: round trip, filtering, the bin, duplicates, conflicts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from store_helpers import LONG_TEXT, assert_same_tender, full_tender

from sv_desktop.model.tender import new_tender
from sv_desktop.store import (
    ConflictError,
    DuplicateReferenceError,
    NotFoundError,
    StoreError,
    TenderStore,
)


def test_every_field_survives_closing_and_reopening(paths, clock):
    original = full_tender()
    store = TenderStore.open(paths, now=clock)
    saved = store.create(original, compliant=False)
    assert saved.version == 1
    assert saved.updated_at == clock.now
    store.close()

    reopened = TenderStore.open(paths, now=clock)
    try:
        found = reopened.get(original.reference)
    finally:
        reopened.close()
    assert_same_tender(found, original)
    assert found.version == 1
    assert found.updated_at == clock.now and found.updated_at.tzinfo is not None
    assert found.description == LONG_TEXT
    assert str(found.social_value_weighting_pct) == "15.01"
    assert str(found.themes[0].weighting_pct) == "9.99"
    assert str(found.themes[1].weighting_pct) == "5.0001"
    assert str(found.questions[0].weighting_pct) == "0.0001"
    assert found.questions[1].weighting_pct is None
    assert found.value_excl_vat_gbp == Decimal("999999999999.99")
    assert found.lots.head_contract_local_pct == 100


def test_largest_allowed_value_and_a_penny(store):
    for reference, value in (("BIG", Decimal("1e12")), ("PENNY", Decimal("0.01")), ("ZERO", Decimal(0))):
        tender = new_tender(reference)
        tender.value_excl_vat_gbp = value
        store.create(tender)
        assert store.get(reference).value_excl_vat_gbp == value


def test_fractions_of_a_penny_are_refused_not_rounded(store):
    tender = new_tender("FRACTION")
    tender.value_excl_vat_gbp = Decimal("10.005")
    with pytest.raises(StoreError, match="penny"):
        store.create(tender)
    assert not store.exists("FRACTION")


def test_nul_in_text_is_refused(store):
    tender = new_tender("NUL")
    tender.title = "bad\x00title"
    with pytest.raises(StoreError, match="NUL"):
        store.create(tender)


def test_empty_default_tender_round_trips(store):
    tender = new_tender("PLAIN", "Plain")
    store.create(tender)
    assert_same_tender(store.get("PLAIN"), tender)


def test_list_summaries_filters_by_text_ignoring_case(store, clock):
    a = new_tender("LPT-1", "Catering for Łódź wards")
    a.leads = {"procurement_lead": "Zoë Brown", "bid_lead": "Sam"}
    store.create(a, compliant=True)
    clock.advance(minutes=1)
    store.create(new_tender("LPT-2", "Laundry 100%_done"))
    clock.advance(minutes=1)
    store.create(new_tender("EST-3", "Estates"))

    everything = store.list_summaries()
    assert [s.reference for s in everything] == ["EST-3", "LPT-2", "LPT-1"]
    assert [s.reference for s in store.list_summaries("lpt")] == ["LPT-2", "LPT-1"]
    assert [s.reference for s in store.list_summaries("ŁÓDŹ")] == ["LPT-1"]
    assert [s.reference for s in store.list_summaries("zoë")] == ["LPT-1"]
    assert [s.reference for s in store.list_summaries("%_")] == ["LPT-2"]
    assert store.list_summaries("nothing like this") == []
    first = next(s for s in everything if s.reference == "LPT-1")
    assert first.procurement_lead == "Zoë Brown"
    assert first.compliant is True
    assert next(s for s in everything if s.reference == "EST-3").compliant is None


def test_duplicate_reference_is_refused(store):
    store.create(new_tender("DUP-1", "First"))
    with pytest.raises(DuplicateReferenceError, match="DUP-1"):
        store.create(new_tender("DUP-1", "Second"))
    assert store.get("DUP-1").title == "First"


def test_save_bumps_the_version_and_replaces_children(store, clock):
    saved = store.create(full_tender("CHILD-1"))
    clock.advance(seconds=5)
    saved.themes = saved.themes[:1]
    saved.kpis = []
    saved.questions.reverse()
    saved.leads = {"finance_lead": "Ann"}
    again = store.save(saved, compliant=True)
    assert again.version == 2 and again.updated_at == clock.now
    found = store.get("CHILD-1")
    assert_same_tender(found, again)
    assert found.version == 2
    assert store.list_summaries("child")[0].compliant is True


def test_saving_a_stale_copy_raises_conflict_and_keeps_the_newer(store):
    store.create(new_tender("CONF-1", "Original"))
    mine, theirs = store.get("CONF-1"), store.get("CONF-1")
    theirs.title = "Theirs"
    store.save(theirs)
    mine.title = "Mine"
    with pytest.raises(ConflictError, match="changed by someone else") as caught:
        store.save(mine)
    assert caught.value.reference == "CONF-1"
    assert store.get("CONF-1").title == "Theirs"


def test_rename_through_previous_reference(store):
    store.create(new_tender("OLD-REF"))
    store.create(new_tender("TAKEN"))
    tender = store.get("OLD-REF")
    tender.reference = "TAKEN"
    with pytest.raises(DuplicateReferenceError, match="TAKEN"):
        store.save(tender, previous_reference="OLD-REF")
    tender.reference = "NEW-REF"
    renamed = store.save(tender, previous_reference="OLD-REF")
    assert renamed.version == 2
    assert not store.exists("OLD-REF")
    assert store.get("NEW-REF").version == 2


def test_saving_a_tender_that_is_gone(store):
    tender = store.create(new_tender("GONE"))
    store.delete("GONE")
    with pytest.raises(NotFoundError, match="bin"):
        store.save(tender)
    with pytest.raises(NotFoundError):
        store.save(new_tender("NEVER-STORED"))


def test_upsert_creates_then_overwrites_regardless_of_version(store):
    tender, created = store.upsert(new_tender("IMP-1", "First import"))
    assert created and tender.version == 1
    stale = dataclasses.replace(new_tender("IMP-1", "Second import"), version=0)
    again, created = store.upsert(stale, compliant=False)
    assert not created and again.version == 2
    assert store.get("IMP-1").title == "Second import"
    store.delete("IMP-1")
    _, created = store.upsert(new_tender("IMP-1", "Third"))
    assert not created and store.get("IMP-1").title == "Third"


def test_bin_delete_restore_purge(store, clock):
    store.create(new_tender("BIN-1", "One"))
    store.create(new_tender("BIN-2", "Two"))
    store.create(new_tender("KEEP", "Kept"))
    store.delete("BIN-1")
    with pytest.raises(NotFoundError, match="in the bin"):
        store.get("BIN-1")
    assert store.exists("BIN-1")
    assert [s.reference for s in store.list_summaries()] == ["BIN-2", "KEEP"]  # same time: by reference
    assert {s.reference for s in store.list_summaries(include_deleted=True)} == {"KEEP", "BIN-1", "BIN-2"}
    assert [s.reference for s in store.list_bin()] == ["BIN-1"]
    with pytest.raises(DuplicateReferenceError, match="in the bin"):
        store.create(new_tender("BIN-1"))

    store.restore_from_bin("BIN-1")
    assert store.get("BIN-1").title == "One"
    with pytest.raises(NotFoundError):
        store.restore_from_bin("BIN-1")

    store.delete("BIN-1")
    clock.advance(days=10)
    store.delete("BIN-2")
    clock.advance(days=25)
    assert store.purge_bin(30) == 1  # BIN-1 was binned 35 days ago, BIN-2 only 25
    assert not store.exists("BIN-1")
    assert [s.reference for s in store.list_bin()] == ["BIN-2"]
    with pytest.raises(StoreError, match="not in the bin"):
        store.purge("KEEP")
    store.purge("BIN-2")
    assert store.list_bin() == [] and not store.exists("BIN-2")
    with pytest.raises(NotFoundError):
        store.delete("BIN-2")
    # Children went with their tenders (ON DELETE CASCADE), nothing dangles.
    report = store.doctor()
    assert report.ok, report.lines()


def test_purged_children_are_gone(store):
    store.create(full_tender("CASCADE"))
    store.delete("CASCADE")
    store.purge("CASCADE")
    with store.engine.connect() as connection:
        for table in ("tender_theme", "kpi", "question", "tender_lead"):
            assert connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0, table


def test_missing_reference_messages(store):
    with pytest.raises(NotFoundError, match="NOPE"):
        store.get("NOPE")
    assert store.exists("NOPE") is False
    with pytest.raises(StoreError, match="reference"):
        store.create(new_tender("   "))


def test_naive_clock_is_not_accepted(paths):
    store = TenderStore.open(paths, now=lambda: dt.datetime(2025, 1, 1))
    try:
        with pytest.raises(StoreError):
            store.create(new_tender("NAIVE"))
        assert not store.exists("NAIVE")
    finally:
        store.close()


def test_sqlite_connections_get_the_safety_pragmas(store):
    with store.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        values = {name: raw.execute(f"PRAGMA {name}").fetchone()[0]
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert values == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_two_stores_on_one_file_see_each_others_saves_and_conflicts(paths):
    with TenderStore.open(paths) as first, TenderStore.open(paths) as second:
        first.create(new_tender("SHARED", "v1"))
        theirs, mine = second.get("SHARED"), first.get("SHARED")
        theirs.title = "by second"
        second.save(theirs)
        mine.title = "by first"
        with pytest.raises(ConflictError):
            first.save(mine)
        assert first.get("SHARED").title == "by second"


def test_a_sqlite_url_must_name_the_data_folders_database(paths):
    with pytest.raises(StoreError, match="--data-dir"):
        TenderStore.open(paths, f"sqlite:///{paths.data_dir / 'elsewhere.db'}")
    other = paths.data_dir / "other"
    with TenderStore.open(paths, f"sqlite:///{other / 'sv-desktop.sqlite3'}") as store:
        store.create(new_tender("VIA-URL"))
        assert store.paths.data_dir == other
    assert (other / "sv-desktop.sqlite3").is_file()
