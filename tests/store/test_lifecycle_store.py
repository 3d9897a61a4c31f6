"""The lifecycle data in the store: saved and read back whole, refused when it cannot be held, found by
the report's date rules, and many tenders stored at once all-or-nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from lifecycle_data import full_lifecycle_tender, with_lifecycle
from store_helpers import assert_same_tender, full_tender

from sv_desktop.model.lifecycle import Award, KpiResult, Supplier
from sv_desktop.model.tender import new_tender
from sv_desktop.store import DuplicateReferenceError, StoreError, TenderStore


def test_every_lifecycle_field_survives_create_save_and_get(store, clock):
    tender = full_lifecycle_tender()
    created = store.create(tender)
    assert_same_tender(store.get(tender.reference), tender)

    changed = store.get(tender.reference)
    changed.engagement[0].suppliers.reverse()
    changed.engagement.pop()
    changed.kpi_results.append(KpiResult(kpi="Apprentices", period_start=dt.date(2025, 3, 1),
                                         period_end=dt.date(2025, 5, 31), rating="Good", result="4"))
    changed.award.awarded_value_gbp = Decimal("0.01")
    changed.role_checklists = {"finance_lead": ["Inputs to the bid or procurement co-production process."]}
    clock.advance(minutes=1)
    store.save(changed)
    again = store.get(tender.reference)
    assert_same_tender(again, changed)
    assert again.version == created.version + 1


def test_a_tender_without_lifecycle_data_reads_back_empty(store):
    store.create(full_tender("PLAIN-1"))
    found = store.get("PLAIN-1")
    assert (found.engagement, found.kpi_results, found.case_studies, found.role_checklists) == ([], [], [], {})
    assert found.award == Award()


def test_deleting_for_good_removes_every_child_row(store):
    store.create(full_lifecycle_tender("GONE-1"))
    store.delete("GONE-1")
    store.purge("GONE-1")
    with store.engine.connect() as connection:
        for table in ("engagement_event", "engagement_supplier", "kpi_result", "case_study", "role_check"):
            assert connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0, table
    assert store.doctor().ok


@pytest.mark.parametrize("change, words", [
    (lambda t: setattr(t.award.supplier, "name", "Nul\x00Ltd"), "NUL"),
    (lambda t: setattr(t.engagement[0], "notes", "a\x00b"), "NUL"),
    (lambda t: setattr(t.award.supplier, "postcode", "X" * 21), "postcode"),
    (lambda t: setattr(t.kpi_results[0], "rating", "R" * 101), "rating"),
    (lambda t: setattr(t.award, "awarded_value_gbp", Decimal("1.005")), "fractions of a penny"),
])
def test_values_the_columns_cannot_hold_are_refused_before_writing(store, change, words):
    tender = full_lifecycle_tender("BAD-1")
    change(tender)
    with pytest.raises(StoreError, match=words):
        store.create(tender)
    assert not store.exists("BAD-1")


def test_list_rows_carry_what_the_filters_and_the_pipeline_export_need(store):
    tender = with_lifecycle(new_tender("ROW-1", "Podiatry", "clinical_services"))
    tender.contract_start_date = dt.date(2026, 4, 1)
    tender.duration_months = 36
    tender.route = "light_touch"
    tender.leads = {"procurement_lead": "Priya Patel"}
    store.create(tender, compliant=False)
    row = store.list_summaries()[0]
    assert (row.contract_start_date, row.duration_months, row.contract_end_date) == (
        dt.date(2026, 4, 1), 36, dt.date(2029, 3, 31))
    assert (row.route, row.social_value_weighting_pct, row.awarded_on, row.supplier_name) == (
        "light_touch", Decimal(10), dt.date(2025, 12, 31), "Zoë's Social Enterprise")
    assert [s.reference for s in store.list_summaries("zoë's social")] == ["ROW-1"]


def _dated(reference: str, notice: dt.date | None, awarded: dt.date | None):
    tender = new_tender(reference)
    tender.tender_notice_date = notice
    tender.award = Award(supplier=Supplier(name="S"), awarded_on=awarded)
    return tender


def test_tenders_dated_between_uses_the_award_date_first_and_includes_both_ends(store):
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    store.bulk_create([
        _dated("NOTICE-FIRST-DAY", start, None),
        _dated("NOTICE-LAST-DAY", end, None),
        _dated("NOTICE-DAY-BEFORE", dt.date(2024, 12, 31), None),
        _dated("AWARD-INSIDE-NOTICE-BEFORE", dt.date(2024, 6, 1), dt.date(2025, 6, 1)),
        _dated("AWARD-AFTER-NOTICE-INSIDE", dt.date(2025, 6, 1), dt.date(2026, 1, 1)),
        _dated("NO-DATES", None, None),
    ])
    store.delete("NOTICE-LAST-DAY")
    found = [t.reference for t in store.tenders_dated_between(start, end)]
    assert found == ["AWARD-INSIDE-NOTICE-BEFORE", "NOTICE-FIRST-DAY"]
    assert found[0] in {contract.reference for contract in store.delivery_contracts(["pipeline"])}
    assert store.count_undated() == 1


def test_bulk_create_is_all_or_nothing(store, clock):
    store.create(new_tender("TAKEN"))
    before = store.change_count()
    batch = [full_lifecycle_tender(f"BULK-{i}") for i in range(3)] + [new_tender("TAKEN")]
    with pytest.raises(DuplicateReferenceError, match="TAKEN"):
        store.bulk_create(batch)
    with pytest.raises(DuplicateReferenceError, match="BULK-1"):
        store.bulk_create([new_tender("BULK-1"), new_tender("BULK-1")])
    with pytest.raises(StoreError, match="NUL"):
        store.bulk_create([new_tender("BULK-9"), dataclasses.replace(new_tender("BULK-10"), title="a\x00")])
    assert [s.reference for s in store.list_summaries()] == ["TAKEN"]
    assert store.change_count() == before

    assert store.bulk_create(batch[:3], [True, False, None]) == 3
    for original in batch[:3]:
        found = store.get(original.reference)
        assert_same_tender(found, original)
        assert found.version == 1
    assert {s.reference: s.compliant for s in store.list_summaries("bulk")} == {
        "BULK-0": True, "BULK-1": False, "BULK-2": None}
    clock.advance(minutes=1)
    saved = store.save(store.get("BULK-2"))  # rows written in bulk save like any other
    assert saved.version == 2
    assert store.doctor().ok


@pytest.mark.postgres
def test_lifecycle_round_trip_and_bulk_create_on_postgres(paths, pg_url):
    with TenderStore.open(paths, pg_url) as store:
        tender = full_lifecycle_tender()
        store.create(tender)
        assert_same_tender(store.get(tender.reference), tender)
        store.bulk_create([full_lifecycle_tender("PG-BULK-1"), full_lifecycle_tender("PG-BULK-2")])
        assert_same_tender(store.get("PG-BULK-2"), full_lifecycle_tender("PG-BULK-2"))
        dated = store.tenders_dated_between(dt.date(2025, 12, 31), dt.date(2025, 12, 31))
        assert len(dated) == 3


def _unrated(reference: str):
    tender = full_lifecycle_tender(reference)
    tender.kpi_results.append(KpiResult(kpi="Apprentices", period_start=None, period_end=dt.date(2025, 8, 31)))
    assert tender.kpi_results[-1].rating == "" and not tender.kpi_results[-1].is_rated
    return tender


def test_a_result_not_rated_yet_is_stored_as_such(store):
    store.create(_unrated("UNRATED-1"))
    assert store.get("UNRATED-1").kpi_results[-1].rating == ""


@pytest.mark.postgres
def test_a_result_not_rated_yet_is_stored_as_such_on_postgres(paths, pg_url):
    with TenderStore.open(paths, pg_url) as store:
        store.create(_unrated("PG-UNRATED-1"))
        assert store.get("PG-UNRATED-1").kpi_results[-1].rating == ""
