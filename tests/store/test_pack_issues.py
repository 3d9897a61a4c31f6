"""Supplier-facing text is stored beside the internal notes, and each issue of a pack or brief is recorded:
the version goes up only when the content changed, and keeps the date of the issue that made it."""

from __future__ import annotations

import datetime as dt

import pytest
from store_helpers import full_tender

from sv_desktop.model.supplier_text import SupplierText
from sv_desktop.store import NotFoundError, TenderStore

DAY1, DAY2, DAY3 = dt.date(2027, 2, 1), dt.date(2027, 2, 8), dt.date(2027, 3, 1)


def test_supplier_text_is_stored_apart_from_the_notes(store):
    tender = full_tender("ST-1")
    tender.think_local.notes = "Internal: invite Acme Transport Ltd."
    tender.supplier_text = SupplierText(spec="Zero-emission fleet.", local="Lots sized for local operators.",
                                        engagement="A market event, open to all, on 3 May 2027.")
    store.create(tender)
    found = store.get("ST-1")
    assert found.supplier_text == tender.supplier_text
    assert found.think_local.notes == "Internal: invite Acme Transport Ltd."


def test_version_rises_only_when_the_content_changes(store):
    store.create(full_tender("ST-2"))
    first = store.issue_document("ST-2", "pack", "a" * 64, DAY1)
    again = store.issue_document("ST-2", "pack", "a" * 64, DAY2)
    changed = store.issue_document("ST-2", "pack", "b" * 64, DAY3)
    assert (first.version, first.issued_on) == (1, DAY1)
    assert (again.version, again.issued_on) == (1, DAY1), "same content: same version and issue date"
    assert (changed.version, changed.issued_on) == (2, DAY3)
    brief = store.issue_document("ST-2", "brief", "a" * 64, DAY3)
    assert brief.version == 1, "the brief keeps its own versions"


def test_issues_survive_reopening_and_an_unknown_tender_is_refused(paths, store):
    store.create(full_tender("ST-3"))
    store.issue_document("ST-3", "pack", "a" * 64, DAY1)
    store.close()
    with TenderStore.open(paths) as reopened:
        assert reopened.issue_document("ST-3", "pack", "c" * 64, DAY2).version == 2
        with pytest.raises(NotFoundError):
            reopened.issue_document("NOPE", "pack", "a" * 64, DAY1)
