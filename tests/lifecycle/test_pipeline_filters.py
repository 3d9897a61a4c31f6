"""Stage, category, lead, compliance and date filters and the "next 12 months" view, on a real SQLite
store of 10,000 generated tenders, checked against answers worked out directly from the generated data."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest

from sv_desktop.model.pipeline import (
    PipelineFilter,
    filter_rows,
    lead_names,
    next_months_window,
    upcoming,
)
from sv_desktop.model.tender import CATEGORIES, STAGES, Tender, ThemeChoice
from sv_desktop.paths import app_paths
from sv_desktop.store import TenderStore

TODAY = dt.date(2026, 11, 25)
LAST_DAY = dt.date(2027, 11, 24)
"""The last day of the twelve months from TODAY."""
COUNT = 10_000
LEADS = ("Amira Khan", "Ben Jones", "Chloe Patel", "Dev Singh", "ewa  NOWAK")
VERDICTS = (True, False, None)


def notice_of(i: int) -> dt.date | None:
    if i == 1:
        return TODAY
    if i == 2:
        return LAST_DAY
    if i == 3:
        return LAST_DAY + dt.timedelta(days=1)
    if i == 4:
        return TODAY - dt.timedelta(days=1)
    return None if i % 13 == 0 else dt.date(2025, 6, 1) + dt.timedelta(days=(i * 37) % 1100)


def generated(i: int) -> Tender:
    return Tender(
        reference=f"GEN-{i:05d}", title=f"Generated tender {i}", category=CATEGORIES[(i // 6) % 7],
        value_excl_vat_gbp=Decimal(1000 * i), duration_months=24, social_value_weighting_pct=Decimal(10),
        themes=[ThemeChoice("fighting_climate_change", Decimal(10))], tender_notice_date=notice_of(i),
        stage=STAGES[i % 6], leads={"procurement_lead": LEADS[i % 5]} if i % 11 else {})


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    """List rows of a store holding COUNT tenders, written in one transaction."""
    paths = app_paths(tmp_path_factory.mktemp("big") / "data")
    with TenderStore.open(paths) as store:
        started = time.perf_counter()
        store.bulk_create([generated(i) for i in range(COUNT)], [VERDICTS[i % 3] for i in range(COUNT)])
        assert time.perf_counter() - started < 60
        listed = store.list_summaries()
    assert len(listed) == COUNT
    return listed


def refs(found) -> set[str]:
    return {row.reference for row in found}


def expected(keep) -> set[str]:
    return {f"GEN-{i:05d}" for i in range(COUNT) if keep(i)}


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_on_its_own(rows, stage):
    found = filter_rows(rows, PipelineFilter(stages=frozenset({stage})), TODAY)
    assert refs(found) == expected(lambda i: STAGES[i % 6] == stage)
    assert len(found) in (COUNT // 6, COUNT // 6 + 1)


def test_several_stages_together(rows):
    wanted = frozenset({"awarded", "renewal_due"})
    assert refs(filter_rows(rows, PipelineFilter(stages=wanted), TODAY)) == expected(
        lambda i: STAGES[i % 6] in wanted)


def test_the_next_12_months_by_tender_notice_date(rows):
    assert next_months_window(TODAY) == (TODAY, LAST_DAY)
    found = upcoming(rows, TODAY)
    want = expected(lambda i: notice_of(i) is not None and TODAY <= notice_of(i) <= LAST_DAY)
    assert refs(found) == want
    assert {"GEN-00001", "GEN-00002"} <= want and not {"GEN-00003", "GEN-00004"} & want
    notices = [row.tender_notice_date for row in found]
    assert notices == sorted(notices) and notices[0] == TODAY and notices[-1] == LAST_DAY
    assert refs(filter_rows(rows, PipelineFilter(next_months=12), TODAY)) == want


def test_the_12_month_view_moves_with_the_clock(rows):
    later = TODAY + dt.timedelta(days=1)
    assert "GEN-00003" in refs(upcoming(rows, later))
    assert "GEN-00001" not in refs(upcoming(rows, later))


def test_category_lead_compliance_and_dates_combine(rows):
    criteria = PipelineFilter(stages=frozenset({"itt", "evaluation"}), category="transport", lead="EWA nowak",
                              compliance="not_checked", notice_from=dt.date(2026, 1, 1),
                              notice_to=dt.date(2027, 12, 31))

    def keep(i: int) -> bool:
        notice = notice_of(i)
        return (STAGES[i % 6] in ("itt", "evaluation") and CATEGORIES[(i // 6) % 7] == "transport"
                and i % 11 != 0 and i % 5 == 4 and VERDICTS[i % 3] is None and notice is not None
                and dt.date(2026, 1, 1) <= notice <= dt.date(2027, 12, 31))

    found = filter_rows(rows, criteria, TODAY)
    assert refs(found) == expected(keep) and found


def test_dates_and_the_rolling_window_narrow_each_other(rows):
    criteria = PipelineFilter(next_months=12, notice_from=dt.date(2027, 6, 1))
    assert refs(filter_rows(rows, criteria, TODAY)) == expected(
        lambda i: notice_of(i) is not None and dt.date(2027, 6, 1) <= notice_of(i) <= LAST_DAY)


def test_compliance_states_and_leads(rows):
    for state, verdict in (("compliant", True), ("not_compliant", False), ("not_checked", None)):
        found = filter_rows(rows, PipelineFilter(compliance=state), TODAY)
        assert refs(found) == expected(lambda i, v=verdict: VERDICTS[i % 3] is v)
    assert lead_names(rows) == ["Amira Khan", "Ben Jones", "Chloe Patel", "Dev Singh", "ewa NOWAK"]
    assert refs(filter_rows(rows, PipelineFilter(lead=""), TODAY)) == expected(lambda i: i % 11 == 0)


def test_an_empty_filter_keeps_every_row_in_order(rows):
    assert filter_rows(rows, PipelineFilter(), TODAY) == rows


def test_filtering_ten_thousand_rows_is_quick(rows):
    criteria = PipelineFilter(stages=frozenset(STAGES[:4]), next_months=12, compliance="compliant", text="tender 1")
    started = time.perf_counter()
    for _ in range(5):
        filter_rows(rows, criteria, TODAY)
    assert (time.perf_counter() - started) / 5 < 0.25
