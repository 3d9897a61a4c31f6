"""The audit trail: every change records who, when and what changed, on SQLite and on PostgreSQL; any version
can be read back and restored; a purge takes the history with the tender."""

from __future__ import annotations

import getpass
import json

import pytest
from sqlalchemy import text
from store_helpers import full_tender

from sv_desktop.model.tender import new_tender
from sv_desktop.model.tender_file import parse_tender_json
from sv_desktop.store import ConflictError, TenderStore


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request, paths, clock):
    if request.param == "sqlite":
        opened = TenderStore.open(paths, now=clock)
    else:
        opened = TenderStore.open(paths, request.getfixturevalue("pg_url"), now=clock)
    yield opened
    opened.close()


def expected_user(store: TenderStore) -> str:
    if store.is_sqlite:
        return getpass.getuser()
    with store.engine.connect() as connection:
        return connection.execute(text("SELECT current_user")).scalar_one()


def test_every_change_records_who_when_and_what(any_store, clock):
    store = any_store
    created = store.create(new_tender("H-1", "Laundry"))
    clock.advance(minutes=1)
    created.title = "Laundry services"
    saved = store.save(created)
    clock.advance(minutes=30)  # a later session: a new version, not an extension of the last
    saved.kpis = full_tender("H-1").kpis
    saved = store.save(saved)
    clock.advance(minutes=1)
    store.delete("H-1")
    clock.advance(minutes=1)
    store.restore_from_bin("H-1")

    entries = store.history("H-1")
    assert [e.action for e in entries] == ["undeleted", "deleted", "saved", "saved", "created"]
    user = expected_user(store)
    assert user and all(e.changed_by == user for e in entries)
    assert entries[-1].changed_at == created.updated_at
    assert entries[2].changed_at == saved.updated_at and entries[2].version == saved.version
    assert entries[3].changes == ("title",)
    assert entries[2].changes == ("KPIs",)
    assert entries[1].has_snapshot is False and entries[1].changes_text == ""
    old = parse_tender_json(store.version_snapshot("H-1", entries[3].id))
    assert old.title == "Laundry services" and old.kpis == []


def test_autosaves_of_one_person_are_one_version(any_store, clock):
    store = any_store
    tender = store.create(new_tender("H-2", "A"))
    for letter in "bcdef":
        clock.advance(seconds=20)
        tender.title += letter
        tender = store.save(tender)
    entries = store.history("H-2")
    assert [e.action for e in entries] == ["saved", "created"]
    assert entries[0].version == tender.version
    assert json.loads(store.version_snapshot("H-2", entries[0].id))["title"] == "Abcdef"


def test_tender_stored_before_the_history_gets_its_earlier_state_kept(any_store, clock):
    store = any_store
    tender = store.create(new_tender("H-3", "Before"))
    with store.engine.begin() as connection:  # as a database upgraded from 0002 holds it: no history yet
        connection.execute(text("DELETE FROM tender_history"))
    clock.advance(minutes=1)
    tender.title = "After"
    store.save(tender)
    entries = store.history("H-3")
    assert [e.action for e in entries] == ["saved", "before_history"]
    assert parse_tender_json(store.version_snapshot("H-3", entries[1].id)).title == "Before"
    assert entries[0].changes == ("title",)


def test_purge_removes_the_history_with_the_tender(any_store, clock):
    store = any_store
    store.create(new_tender("H-4", "Gone"))
    store.delete("H-4")
    store.purge("H-4")
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM tender_history")).scalar_one() == 0


def test_import_over_a_tender_changed_since_the_export_is_refused_unless_forced(any_store, clock):
    store = any_store
    mine = store.create(new_tender("H-5", "Exported at version 1"))
    exported_version = mine.version
    clock.advance(minutes=1)
    mine.title = "A colleague's acknowledged save"
    store.save(mine)

    from_file = new_tender("H-5", "From the file")
    from_file.version = exported_version
    with pytest.raises(ConflictError, match=r"H-5 was changed by .+ after this file was exported \(the file "
                                            r"holds version 1; the database holds version 2\)"):
        store.upsert(from_file)
    assert store.get("H-5").title == "A colleague's acknowledged save"

    stored, created = store.upsert(from_file, force=True)
    assert not created and store.get("H-5").title == "From the file"
    entries = store.history("H-5")
    assert entries[0].action == "imported"
    replaced = parse_tender_json(store.version_snapshot("H-5", entries[1].id))
    assert replaced.title == "A colleague's acknowledged save"  # the overwritten save is kept

    current = new_tender("H-5", "Exported at the current version")
    current.version = stored.version
    assert store.upsert(current)[0].version == stored.version + 1  # no change since export: no question


def test_autosave_writes_no_copy_until_a_new_version_starts(any_store, clock):
    store = any_store
    tender = store.create(new_tender("H-6", "One"))
    for word in ("Two", "Three"):
        clock.advance(seconds=30)
        tender.title = word
        tender = store.save(tender)

    def copies() -> list:
        with store.engine.connect() as connection:
            return [row[0] for row in connection.execute(text(
                "SELECT snapshot FROM tender_history ORDER BY id"))]

    stored = copies()
    assert stored[-1] is None  # the current version's copy is the tender itself
    assert json.loads(stored[0])["title"] == "One"
    assert parse_tender_json(store.version_snapshot("H-6", store.history("H-6")[0].id)).title == "Three"
    clock.advance(minutes=30)
    tender.title = "Four"
    store.save(tender)
    stored = copies()
    assert json.loads(stored[1])["title"] == "Three" and stored[2] is None
    assert [e.changes for e in store.history("H-6")][:2] == [("title",), ("title",)]
