"""The filter bar and the list's filter, on the rows of a real store of 10,000 generated tenders: the
stage filter and the next-12-months view give the same rows the model does, worked out off the UI thread."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLabel

from sv_desktop.model.pipeline import PipelineFilter, filter_rows, next_months_window, upcoming
from sv_desktop.model.tender import CATEGORIES, STAGES, Tender, ThemeChoice
from sv_desktop.paths import app_paths
from sv_desktop.store import TenderStore
from sv_desktop.ui.lifecycle.filter_bar import NO_LEAD, FilterBar
from sv_desktop.ui.lifecycle.filtering import LifecycleFilter
from sv_desktop.ui.tender_table import TenderTableModel

COUNT = 10_000
TODAY = dt.date(2026, 11, 25)


def generated(i: int) -> Tender:
    return Tender(reference=f"UI-{i:05d}", title=f"Tender number {i}", category=CATEGORIES[i % 7],
                  value_excl_vat_gbp=Decimal(i), duration_months=12, social_value_weighting_pct=Decimal(10),
                  themes=[ThemeChoice("fighting_climate_change", Decimal(10))],
                  tender_notice_date=None if i % 9 == 0 else dt.date(2025, 1, 1) + dt.timedelta(days=i % 1200),
                  stage=STAGES[(i // 7) % 6], leads={"procurement_lead": f"Lead {i % 4}"})


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    with TenderStore.open(app_paths(tmp_path_factory.mktemp("ui-big") / "data")) as store:
        store.bulk_create([generated(i) for i in range(COUNT)])
        return store.list_summaries()


@pytest.fixture
def table(qtbot, rows):
    model = TenderTableModel({key: key for key in CATEGORIES})
    proxy = LifecycleFilter(today=lambda: TODAY)
    proxy.setSourceModel(model)
    model.set_rows(rows)
    bar = FilterBar({key: key.replace("_", " ") for key in CATEGORIES}, today=lambda: TODAY)
    qtbot.addWidget(bar)
    bar.changed.connect(proxy.set_criteria)
    bar.show()
    return bar, proxy, model


def shown(proxy) -> set[str]:
    model = proxy.sourceModel()
    return {model.summary(proxy.mapToSource(proxy.index(r, 0)).row()).reference for r in range(proxy.rowCount())}


def choose(qtbot, proxy, change) -> float:
    """Make a change in the bar; returns how long the UI thread was busy with it."""
    with qtbot.waitSignal(proxy.filtered, timeout=10_000):
        started = time.perf_counter()
        change()
        busy = time.perf_counter() - started
    return busy


def test_stage_filter_on_ten_thousand_rows(qtbot, table, rows):
    bar, proxy, _model = table
    assert proxy.rowCount() == COUNT
    busy = choose(qtbot, proxy, lambda: bar.stage.setCurrentIndex(bar.stage.findData("evaluation")))
    want = {r.reference for r in filter_rows(rows, PipelineFilter(stages=frozenset({"evaluation"})), TODAY)}
    assert shown(proxy) == want and 1500 < len(want) < 1800
    assert busy < 0.5  # the rows are sorted out in the background
    choose(qtbot, proxy, lambda: bar.stage.setCurrentIndex(0))
    assert proxy.rowCount() == COUNT


def test_next_12_months_toggle_matches_the_pipeline(qtbot, table, rows):
    bar, proxy, _model = table
    choose(qtbot, proxy, lambda: bar.next_months.click())
    assert bar.next_months.isChecked()
    assert shown(proxy) == {r.reference for r in upcoming(rows, TODAY)}
    choose(qtbot, proxy, lambda: bar.stage.setCurrentIndex(bar.stage.findData("itt")))
    both = PipelineFilter(stages=frozenset({"itt"}), next_months=12)
    assert shown(proxy) == {r.reference for r in filter_rows(rows, both, TODAY)}
    choose(qtbot, proxy, bar.clear_button.click)
    assert proxy.rowCount() == COUNT and not bar.next_months.isChecked()


def test_next_12_months_shows_its_dates_in_the_date_boxes(qtbot, table, rows):
    bar, proxy, _model = table
    start, end = next_months_window(TODAY)
    choose(qtbot, proxy, lambda: bar.next_months.click())
    assert (bar.notice_from.value(), bar.notice_to.value()) == (start, end)
    assert bar.notice_from.edit.text() == start.strftime("%d/%m/%Y")
    assert shown(proxy) == {r.reference for r in upcoming(rows, TODAY)}
    assert bar.describe() == "next 12 months"
    choose(qtbot, proxy, lambda: bar.next_months.click())  # off again: the boxes empty, every row is back
    assert bar.notice_from.value() is None and bar.notice_to.value() is None and proxy.rowCount() == COUNT

    choose(qtbot, proxy, lambda: bar.next_months.click())
    bar.notice_to.edit.setText("31/12/2027")  # a date typed by hand replaces the 12-month window
    choose(qtbot, proxy, lambda: bar.notice_to._on_edited(bar.notice_to.edit.text()))
    assert not bar.next_months.isChecked() and bar.notice_from.value() == start
    want = filter_rows(rows, PipelineFilter(notice_from=start, notice_to=dt.date(2027, 12, 31)), TODAY)
    assert shown(proxy) == {r.reference for r in want}


def test_category_lead_compliance_dates_and_search_combine(qtbot, table, rows):
    bar, proxy, _model = table
    bar.set_leads(["Lead 0", "Lead 1", "Lead 2", "Lead 3"])
    choose(qtbot, proxy, lambda: bar.category.setCurrentIndex(bar.category.findData("ddat")))
    choose(qtbot, proxy, lambda: bar.lead.setCurrentIndex(bar.lead.findData("Lead 2")))
    choose(qtbot, proxy, lambda: bar.compliance.setCurrentIndex(bar.compliance.findData("not_checked")))
    bar.notice_from.edit.setText("01/01/2026")
    choose(qtbot, proxy, lambda: bar.notice_from._on_edited(bar.notice_from.edit.text()))
    want = filter_rows(rows, PipelineFilter(category="ddat", lead="Lead 2", compliance="not_checked",
                                            notice_from=dt.date(2026, 1, 1)), TODAY)
    assert shown(proxy) == {r.reference for r in want} and want
    proxy.set_text(want[0].reference)  # the search box still narrows further
    assert shown(proxy) == {want[0].reference}
    choose(qtbot, proxy, lambda: bar.lead.setCurrentIndex(bar.lead.findData(NO_LEAD)))
    assert proxy.rowCount() == 0


def test_the_filter_follows_new_rows(qtbot, table, rows):
    bar, proxy, model = table
    choose(qtbot, proxy, lambda: bar.stage.setCurrentIndex(bar.stage.findData("renewal_due")))
    before = proxy.rowCount()
    with qtbot.waitSignal(proxy.filtered, timeout=10_000):
        model.set_rows(rows[: COUNT // 2])
    assert 0 < proxy.rowCount() < before
    assert all(r.startswith("UI-") for r in shown(proxy))


def test_a_bad_date_is_explained_and_ignored(qtbot, table):
    bar, proxy, _model = table
    bar.notice_to.edit.setText("31/02/2027")
    bar.notice_to._on_edited(bar.notice_to.edit.text())
    assert "no such day" in bar.notice_to.problem().lower()
    assert bar.criteria().notice_to is None


def test_every_input_is_named_and_every_label_has_a_mnemonic(table):
    bar, _proxy, _model = table
    for widget in (bar.stage, bar.category, bar.lead, bar.compliance, bar.notice_from.edit, bar.notice_to.edit,
                   bar.notice_from.button, bar.next_months, bar.clear_button):
        assert widget.accessibleName(), widget
    labels = [label for label in bar.findChildren(QLabel) if label.buddy() is not None]
    assert len(labels) == 6
    letters = [label.text()[label.text().index("&") + 1].lower() for label in labels]
    assert len(set(letters)) == 6
    assert bar.describe() == ""
