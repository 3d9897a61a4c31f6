"""Keeping the wizard step is not a change: neither "last changed" nor the version moves, on SQLite and
on PostgreSQL (where another person's save must not conflict because of it)."""

from __future__ import annotations

import pytest

from sv_desktop.model.tender import new_tender
from sv_desktop.store import TenderStore


def _check(store: TenderStore, clock) -> None:
    created = store.create(new_tender("STEP-1", "Laundry"))
    clock.advance(hours=3)
    assert store.remember_step("STEP-1", "themes")
    again = store.get("STEP-1")
    assert again.current_step == "themes"
    assert again.version == created.version and again.updated_at == created.updated_at
    assert [s.updated_at for s in store.list_summaries()] == [created.updated_at]
    saved = store.save(again)  # a save from the version read before the step change is not a conflict
    assert saved.version == created.version + 1 and saved.updated_at > created.updated_at
    assert not store.remember_step("NO-SUCH", "themes")
    store.delete("STEP-1")
    assert not store.remember_step("STEP-1", "spec"), "a tender in the bin is left alone"


def test_remember_step_on_sqlite(store, clock):
    _check(store, clock)


@pytest.mark.postgres
def test_remember_step_on_postgres(paths, pg_url, clock):
    store = TenderStore.open(paths, pg_url, now=clock)
    try:
        _check(store, clock)
    finally:
        store.close()
