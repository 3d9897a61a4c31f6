"""The bin says when each tender goes for good and holds deleted bids beside tenders (a bid deleted from the main
list is restored from it); the list shows the pipeline's dates and keeps the chosen tender chosen, and in view,
across saves and re-sorts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from sv_desktop.model.evaluation import Evaluation
from sv_desktop.model.tender import new_tender
from sv_desktop.ui.bin_dialog import COL_KIND, COL_REMOVED, BinDialog
from sv_desktop.ui.tender_table import COL_DAYS, COL_NOTICE, COL_TITLE, COL_UPDATED, TenderTableModel, headers

from .conftest import answer


def test_the_bin_shows_the_day_each_tender_is_removed(qtbot, real_service):
    real_service.create(new_tender("BIN-1", "Laundry"))
    real_service.delete("BIN-1")
    deleted = real_service._store.bin_deleted_at()["BIN-1"]
    dialog = BinDialog(real_service)
    qtbot.addWidget(dialog)
    assert dialog.model.headerData(COL_REMOVED, Qt.Orientation.Horizontal) == "Removed for good on"
    removed = dialog.model.index(0, COL_REMOVED).data()
    assert removed == (deleted + dt.timedelta(days=30)).astimezone().strftime("%d/%m/%Y")
    assert dialog.view.isColumnHidden(COL_DAYS) and not dialog.view.isColumnHidden(COL_REMOVED)


def test_a_bid_deleted_from_the_main_list_goes_to_the_bin_and_is_restored_from_it(qtbot, real_service, open_main,
                                                                                    monkeypatch):
    real_service.create(new_tender("BIN-1", "Laundry"))
    real_service.delete("BIN-1")
    bid = real_service.save_bid(real_service.new_bid("Community nursing"))
    window = open_main(real_service)
    assert window.select(bid.reference)
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert asked and "bin" in asked[0] and "30 days" in asked[0] and bid.reference in asked[0]
    assert window.model.row_of(bid.reference) == -1  # gone from the main list
    assert [s.reference for s in real_service.binned_bids()] == [bid.reference]
    assert not window.undo_bar.isHidden() and bid.reference in window.undo_bar.label.text()

    dialog = BinDialog(real_service, window)
    qtbot.addWidget(dialog)
    dialog.restored.connect(lambda reference: window.refresh(select=reference))
    rows = {dialog.model.index(r, 0).data(): r for r in range(dialog.model.rowCount())}
    assert set(rows) == {"BIN-1", bid.reference}
    assert dialog.model.headerData(COL_KIND, Qt.Orientation.Horizontal) == "Kind"
    assert dialog.model.index(rows[bid.reference], COL_KIND).data() == "Bid"
    assert dialog.model.index(rows["BIN-1"], COL_KIND).data() == "Tender"
    deleted = real_service.bid_bin_removal_dates()[bid.reference]
    assert dialog.model.index(rows[bid.reference], COL_REMOVED).data() == deleted.astimezone().strftime("%d/%m/%Y")
    dialog.view.selectRow(rows[bid.reference])
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert real_service.binned_bids() == []
    assert [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())] == ["BIN-1"]
    assert real_service.get_bid(bid.reference).title == "Community nursing"
    assert window.selected_reference() == bid.reference


def test_undo_after_deleting_a_bid_brings_the_bid_back(qtbot, real_service, open_main, monkeypatch):
    bid = real_service.save_bid(real_service.new_bid("Community nursing"))
    window = open_main(real_service)
    assert window.select(bid.reference)
    answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    window.delete_selected()
    assert real_service.list_bids() == []
    qtbot.mouseClick(window.undo_bar.button, Qt.MouseButton.LeftButton)
    assert [s.reference for s in real_service.list_bids()] == [bid.reference]
    assert window.selected_reference() == bid.reference


def _summaries(service, today):
    for number, days in enumerate((40, 0, -3, None)):
        tender = new_tender(f"PIPE-{number}", f"Tender {number}")
        tender.tender_notice_date = today + dt.timedelta(days=days) if days is not None else None
        service.create(tender)
    return service.list_tenders()


def test_notice_date_and_days_to_go_columns(qtbot, real_service):
    today = dt.date(2027, 3, 1)
    rows = _summaries(real_service, today)
    model = TenderTableModel({}, today=lambda: today)
    model.set_rows(rows)
    assert headers()[COL_NOTICE] == "Tender notice" and headers()[COL_DAYS] == "Days to go"
    cells = {model.cells(r)[0]: (model.cells(r)[COL_NOTICE], model.cells(r)[COL_DAYS]) for r in range(4)}
    assert cells == {"PIPE-0": ("10/04/2027", "40"), "PIPE-1": ("01/03/2027", "Today"),
                     "PIPE-2": ("26/02/2027", "Passed"), "PIPE-3": ("", "")}
    order = sorted(range(4), key=model.sort_keys(COL_DAYS).__getitem__)
    assert [model.cells(r)[0] for r in order] == ["PIPE-2", "PIPE-1", "PIPE-0", "PIPE-3"]


def _awarded(service, reference: str, route: str, published: dt.date) -> None:
    tender = new_tender(reference, f"Standstill {reference}")
    tender.route, tender.stage, tender.tender_notice_date = route, "evaluation", dt.date(2026, 10, 1)
    service.create(tender)
    service.save_evaluation(reference, Evaluation(questions=[], award_notice_date=published))


def test_the_days_column_shows_the_standstill_while_it_runs(qtbot, real_service):
    """Award notices published Friday 18/12/2026: the Act's standstill ends Thursday 31/12/2026, the PSR's
    representations on Monday 4/1/2027 (the dates worked out in tests/lifecycle/test_pipeline_export.py)."""
    _awarded(real_service, "SS-ACT", "competitive_flexible", dt.date(2026, 12, 18))
    _awarded(real_service, "SS-PSR", "psr_competitive", dt.date(2026, 12, 18))
    real_service.create(new_tender("SS-NONE", "No evaluation"))
    day = [dt.date(2026, 12, 20)]
    model = TenderTableModel({}, today=lambda: day[0])
    model.set_rows(real_service.list_tenders())

    def days(reference: str) -> str:
        return model.cells(model.row_of(reference))[COL_DAYS]

    assert (days("SS-ACT"), days("SS-PSR"), days("SS-NONE")) == (
        "Standstill ends 31/12/2026", "Standstill ends 04/01/2027", "")
    act = model.value(model.row_of("SS-ACT"), COL_DAYS, Qt.ItemDataRole.ToolTipRole)
    assert act.splitlines() == ["Tender notice on 01/10/2026", "Contract award notice published 18/12/2026: "
                                "standstill until the end of 31/12/2026 (Procurement Act 2023 s.51). The contract "
                                "may be entered into from 01/01/2027."]
    psr = model.value(model.row_of("SS-PSR"), COL_DAYS, Qt.ItemDataRole.ToolTipRole)
    assert "representations until the end of 04/01/2027" in psr and "5 more working days" in psr
    order = sorted(range(3), key=model.sort_keys(COL_DAYS).__getitem__)
    assert [model.summary(r).reference for r in order] == ["SS-ACT", "SS-PSR", "SS-NONE"]

    day[0] = dt.date(2027, 1, 1)  # the Act's standstill is over: back to the tender notice, which has passed
    model.set_rows(real_service.list_tenders())
    assert (days("SS-ACT"), days("SS-PSR")) == ("Passed", "Standstill ends 04/01/2027")
    assert "01/01/2027" in model.value(model.row_of("SS-ACT"), COL_DAYS, Qt.ItemDataRole.ToolTipRole)


def test_the_main_list_fits_the_standstill_date(qtbot, real_service, open_main):
    today = dt.date.today()
    _awarded(real_service, "SS-NOW", "competitive_flexible", today)
    for number in range(5):
        real_service.create(new_tender(f"ROW-{number}", f"Tender {number}"))
    window = open_main(real_service)
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: window.model is not None and window.model.row_of("SS-NOW") >= 0)
    window.refresh()
    qtbot.waitUntil(lambda: window.model.row_of("SS-NOW") >= 0)
    text = window.model.cells(window.model.row_of("SS-NOW"))[COL_DAYS]
    assert text.startswith("Standstill ends ")
    needed = window.table.fontMetrics().horizontalAdvance(text)
    assert window.table.horizontalHeader().sectionSize(COL_DAYS) > needed  # shown whole, not elided
    assert window.table.horizontalHeader().sectionSize(COL_TITLE) > 200  # and the titles keep room


def test_the_chosen_tender_stays_chosen_and_in_view_across_saves(qtbot, real_service, open_main):
    for number in range(60):
        real_service.create(new_tender(f"ROW-{number:02}", f"Tender {number:02}"))
    window = open_main(real_service)
    window.resize(1024, 500)
    window.select("ROW-05")  # an old one: far down the list, which is newest first
    QApplication.processEvents()
    chosen = real_service.get("ROW-05")
    chosen.title = "Tender 05, renamed"
    stored = real_service.save(chosen)  # it moves to the top of "Last changed"
    window.refresh(select=None)
    assert window.selected_reference() == "ROW-05"
    index = window.table.currentIndex()
    assert window.table.viewport().rect().intersects(window.table.visualRect(index)), "it stays in view"

    window.table.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    window.select("ROW-50")
    window.table.sortByColumn(COL_UPDATED, Qt.SortOrder.AscendingOrder)  # a re-sort
    QApplication.processEvents()
    assert window.selected_reference() == "ROW-50"
    assert window.table.viewport().rect().intersects(window.table.visualRect(window.table.currentIndex()))
    window._wizard_saved(stored)  # what a wizard's autosave of another tender does
    assert window.selected_reference() == "ROW-50", "an autosave elsewhere does not move the selection"
