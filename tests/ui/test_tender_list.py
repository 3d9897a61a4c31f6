"""The tender list's own model and filter: words filter as they did through Qt's proxy, sorting keeps the
chosen tender chosen, the lifecycle criteria apply in the same pass, and the fitted columns are as wide
as Qt's own ResizeToContents would make them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from sv_desktop.model.content import load_content
from sv_desktop.model.pipeline import PipelineFilter
from sv_desktop.model.tender import TenderSummary
from sv_desktop.ui.lifecycle.filtering import LifecycleFilter
from sv_desktop.ui.tender_table import (
    CATEGORY_CHARACTERS,
    COL_CATEGORY,
    COL_REFERENCE,
    COL_TITLE,
    COL_UPDATED,
    COL_VALUE,
    COLUMN_COUNT,
    SEARCH_ROLE,
    FilteredTenderModel,
    TenderTableModel,
    fit_columns,
    headers,
)

STAGES = ("pipeline", "itt", "awarded", "renewal_due")
CATEGORIES = ("estates_facilities", "transport", "goods_services", "digital_it")
PLACES = ("Leicester", "Rutland", "Loughborough", "Market Harborough", "Hinckley")


def summaries(count: int = 60) -> list[TenderSummary]:
    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
    rows = []
    for n in range(count):
        rows.append(TenderSummary(
            reference=f"LPT-2026-{n:03d}" + ("-LOT-EXTENDED-REFERENCE" if n == 17 else ""),
            title=f"{['Laundry', 'Catering', 'Patient transport', 'Grounds'][n % 4]} service, {PLACES[n % 5]}",
            category=CATEGORIES[n % 4], value_excl_vat_gbp=Decimal(n * 10_000 + (n % 3) * 7) / (1 if n % 2 else 100),
            stage=STAGES[n % 4], compliant=(None, True, False)[n % 3],
            tender_notice_date=dt.date(2026, 1 + n % 12, 1), updated_at=start + dt.timedelta(hours=n * 7 % 50),
            procurement_lead=("Priya Patel", "Ben Jones", "")[n % 3]))
    return rows


@pytest.fixture
def labels():
    return {key: guide.label for key, guide in load_content().categories.items()}


@pytest.fixture
def listed(qtbot, labels):
    model = TenderTableModel(labels)
    proxy = LifecycleFilter(today=lambda: dt.date(2026, 3, 1))
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSortingEnabled(True)
    model.set_rows(summaries())
    view.resize(1200, 600)
    view.show()
    return model, proxy, view


def shown(proxy) -> list[str]:
    return [proxy.index(row, COL_REFERENCE).data() for row in range(proxy.rowCount())]


def test_every_word_typed_must_appear_in_a_row(listed):
    model, proxy, _view = listed
    proxy.set_text("LAUNDRY  leicester")
    expected = [model.summary(r).reference for r in range(model.rowCount())
                if all(word in model.index(r, 0).data(SEARCH_ROLE) for word in ("laundry", "leicester"))]
    assert expected and sorted(shown(proxy)) == sorted(expected)
    proxy.set_text("priya rutland")  # the lead's name is searched too
    assert shown(proxy) and all(model.summary(model.row_of(ref)).procurement_lead == "Priya Patel"
                                and "Rutland" in model.summary(model.row_of(ref)).title for ref in shown(proxy))
    proxy.set_text("")
    assert len(shown(proxy)) == model.rowCount()


def test_sorting_orders_the_rows_and_keeps_the_chosen_tender(listed):
    model, proxy, view = listed
    view.sortByColumn(COL_VALUE, Qt.SortOrder.DescendingOrder)
    values = [model.summary(model.row_of(ref)).value_excl_vat_gbp for ref in shown(proxy)]
    assert values == sorted(values, reverse=True)
    view.selectRow(5)
    chosen = view.currentIndex().siblingAtColumn(COL_REFERENCE).data()
    view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [proxy.index(row, COL_TITLE).data().lower() for row in range(proxy.rowCount())]
    assert titles == sorted(titles)
    assert view.currentIndex().siblingAtColumn(COL_REFERENCE).data() == chosen
    assert view.selectionModel().isRowSelected(view.currentIndex().row())
    view.sortByColumn(COL_UPDATED, Qt.SortOrder.DescendingOrder)
    times = [model.summary(model.row_of(ref)).updated_at for ref in shown(proxy)]
    assert times == sorted(times, reverse=True)


def test_mapping_between_the_list_and_its_rows(listed):
    model, proxy, view = listed
    view.sortByColumn(COL_CATEGORY, Qt.SortOrder.AscendingOrder)
    proxy.set_text("catering")
    for row in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(row, COL_TITLE))
        assert source.data() == proxy.index(row, COL_TITLE).data()
        assert proxy.mapFromSource(source).row() == row
    hidden = next(r for r in range(model.rowCount()) if "Catering" not in model.summary(r).title)
    assert not proxy.mapFromSource(model.index(hidden, 0)).isValid()


def test_lifecycle_criteria_and_words_apply_together(qtbot, listed):
    model, proxy, _view = listed
    with qtbot.waitSignal(proxy.filtered, timeout=10_000):
        proxy.set_criteria(PipelineFilter(stages=frozenset({"awarded"})))
    assert shown(proxy) and all(model.summary(model.row_of(ref)).stage == "awarded" for ref in shown(proxy))
    proxy.set_text("rutland")
    awarded_in_rutland = shown(proxy)
    assert awarded_in_rutland and all("Rutland" in model.summary(model.row_of(ref)).title
                                      and model.summary(model.row_of(ref)).stage == "awarded"
                                      for ref in awarded_in_rutland)
    model.set_rows(summaries()[:20])  # new rows: the criteria are applied again
    qtbot.waitUntil(lambda: not proxy.busy, timeout=10_000)
    assert all(model.row_of(ref) < 20 for ref in shown(proxy))


def test_a_plain_filter_without_lifecycle_criteria(qtbot, labels):
    model = TenderTableModel(labels)
    proxy = FilteredTenderModel()
    proxy.setSourceModel(model)
    model.set_rows(summaries(8))
    proxy.set_text("transport")  # the title, or the category's label
    assert [proxy.index(r, COL_TITLE).data() for r in range(proxy.rowCount())] == [
        s.title for s in summaries(8) if "transport" in s.title.lower() or s.category == "transport"]


def test_fitted_columns_are_as_wide_as_resize_to_contents(qtbot, listed, labels):
    model, proxy, view = listed
    fit_columns(view, model)
    reference = QTableView()
    qtbot.addWidget(reference)
    other = FilteredTenderModel()
    other_model = TenderTableModel(labels)
    other.setSourceModel(other_model)
    reference.setModel(other)
    reference.setSortingEnabled(True)  # as the list's: the headings then leave room for the sort arrow
    other_model.set_rows(summaries())
    reference.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    reference.resize(1200, 600)
    reference.show()
    qtbot.waitUntil(lambda: reference.horizontalHeader().sectionSize(COL_REFERENCE) > 0)
    for column in range(COLUMN_COUNT):
        if column == COL_TITLE:
            continue
        wanted = reference.horizontalHeader().sectionSize(column)
        if column == COL_CATEGORY:  # capped, so the titles keep room; the full name is in its tooltip
            wanted = min(wanted, view.fontMetrics().horizontalAdvance("n" * CATEGORY_CHARACTERS))
            assert proxy.index(0, column).data(Qt.ItemDataRole.ToolTipRole) == proxy.index(0, column).data()
        assert view.horizontalHeader().sectionSize(column) == wanted, headers()[column]
