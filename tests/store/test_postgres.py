"""Team mode on a real PostgreSQL server: same models and migrations, optimistic locking between people."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text
from store_helpers import LONG_TEXT, assert_same_tender, full_tender

from sv_desktop.model.tender import new_tender
from sv_desktop.store import (
    ConflictError,
    DuplicateReferenceError,
    NewerSchemaError,
    StoreError,
    TenderStore,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def team(paths, pg_url, clock):
    """Two people's sv-desktops on the same server."""
    first = TenderStore.open(paths, pg_url, now=clock)
    second = TenderStore.open(paths, pg_url, now=clock)
    yield first, second
    first.close()
    second.close()


def test_round_trip_of_every_field(team):
    mine, theirs = team
    assert not mine.is_sqlite
    original = full_tender()
    mine.create(original, compliant=True)
    found = theirs.get(original.reference)
    assert_same_tender(found, original)
    assert found.version == 1 and found.description == LONG_TEXT
    assert str(found.social_value_weighting_pct) == "15.01"
    assert str(found.themes[0].weighting_pct) == "9.99"
    assert [s.reference for s in theirs.list_summaries("ärztliche")] == [original.reference]
    assert theirs.list_summaries()[0].procurement_lead == original.leads["procurement_lead"]


def test_second_save_of_the_same_version_is_a_conflict(team):
    mine, theirs = team
    mine.create(new_tender("TEAM-1", "Original"))
    my_copy, their_copy = mine.get("TEAM-1"), theirs.get("TEAM-1")
    their_copy.title = "Theirs"
    theirs.save(their_copy)
    my_copy.title = "Mine"
    with pytest.raises(ConflictError, match="TEAM-1 was changed by someone else"):
        mine.save(my_copy)
    reloaded = mine.get("TEAM-1")
    assert reloaded.title == "Theirs" and reloaded.version == 2
    reloaded.title = "Mine after reloading"
    assert mine.save(reloaded).version == 3


def test_simultaneous_saves_one_wins_one_conflicts(team):
    """Both read version 1 and save at the same moment: the row lock makes exactly one win."""
    mine, theirs = team
    mine.create(new_tender("RACE", "Start"))
    copies = [mine.get("RACE"), theirs.get("RACE")]
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(store, tender, title):
        tender.title = title
        barrier.wait()
        try:
            store.save(tender)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(s, c, n)) for s, c, n in
               ((mine, copies[0], "A"), (theirs, copies[1], "B"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["conflict", "saved"]
    assert mine.get("RACE").version == 2


def test_duplicate_reference_between_two_people(team):
    mine, theirs = team
    mine.create(new_tender("SAME"))
    with pytest.raises(DuplicateReferenceError):
        theirs.create(new_tender("SAME"))


def test_bin_and_purge_on_the_server(team, clock):
    mine, theirs = team
    mine.create(full_tender("GONE"))
    mine.delete("GONE")
    assert [s.reference for s in theirs.list_bin()] == ["GONE"]
    clock.advance(days=31)
    assert theirs.purge_bin() == 1
    assert not mine.exists("GONE")


def test_backups_are_the_servers_job(team):
    mine, _ = team
    with pytest.raises(StoreError, match="server"):
        mine.backup()
    with pytest.raises(StoreError, match="server"):
        mine.backup_if_changed("close")
    report = mine.doctor()
    assert report.ok, report.lines()
    assert any("PostgreSQL" in line for line in report.lines())


def test_newer_schema_on_the_server_is_refused(paths, pg_url):
    TenderStore.open(paths, pg_url).close()
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_newer'"))
    try:
        with pytest.raises(NewerSchemaError, match="newer version"):
            TenderStore.open(paths, pg_url)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_newer"
    finally:
        engine.dispose()


def test_unreachable_server_gives_a_plain_message_without_the_password(paths):
    with pytest.raises(StoreError, match="cannot be reached") as caught:
        TenderStore.open(paths, "postgresql+psycopg://nobody:secret@/nothing?host=/nonexistent-socket-dir")
    assert "secret" not in str(caught.value) and "nobody:***@" in str(caught.value)
