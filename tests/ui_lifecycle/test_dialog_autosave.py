"""One saving model: the lifecycle dialogs save as the manager types, like the tender window, with the same
save status, the same conflict handling (Reload) and nothing stored when nothing was changed."""

from __future__ import annotations

import datetime as dt
import gc
import re
import threading
import weakref

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from sv_desktop.ui.lifecycle.delivery import TAB_RESULTS, DeliveryDialog
from sv_desktop.ui.lifecycle.engagement import EngagementDialog
from sv_desktop.ui.lifecycle.roles import RolesDialog
from sv_desktop.ui.wizard.autosave import DELAY_MS

from .conftest import answer, contract, settle_dialog

DIALOGS = (RolesDialog, EngagementDialog, DeliveryDialog)


def open_dialog(qtbot, kind, service, tender):
    dialog = kind(service, tender)
    qtbot.addWidget(dialog, before_close_func=settle_dialog)
    dialog.show()
    return dialog


def type_into(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_typing_is_saved_after_a_pause_with_the_time_and_no_save_button(qtbot, service):
    stored = service.create(contract(stage="pre_market"))
    dialog = open_dialog(qtbot, EngagementDialog, service, stored)
    assert not hasattr(dialog, "save_button")
    assert dialog.close_button.text() == "Close"
    dialog.events.add_button.click()
    type_into(qtbot, dialog.events.title, "Supplier day at Leicester")
    assert dialog.save_status.state == "saving" and dialog.save_status.text() == "Saving\u2026"
    assert service.get(stored.reference).engagement == []  # not before the pause
    with qtbot.waitSignal(dialog.saved, timeout=DELAY_MS * 4):
        pass
    assert re.fullmatch(r"Saved \d\d:\d\d:\d\d", dialog.save_status.text())
    again = service.get(stored.reference)
    assert [event.title for event in again.engagement] == ["Supplier day at Leicester"]
    assert again.version == stored.version + 1 and not dialog.dirty


@pytest.mark.parametrize("kind", DIALOGS)
def test_opening_and_closing_without_a_change_stores_nothing(qtbot, service, kind):
    stored = service.create(contract())
    dialog = open_dialog(qtbot, kind, service, stored)
    qtbot.wait(DELAY_MS * 2)
    assert not dialog.dirty and not dialog.autosaver.timer.isActive()
    dialog.close_button.click()
    again = service.get(stored.reference)
    assert (again.version, again.updated_at) == (stored.version, stored.updated_at)


def test_someone_else_saved_first_then_reload_shows_theirs_and_saving_resumes(qtbot, service):
    stored = service.create(contract())
    dialog = open_dialog(qtbot, DeliveryDialog, service, stored)
    colleague = service.get(stored.reference)
    colleague.award.renewal_requirements = "Written by a colleague"
    service.save(colleague)

    type_into(qtbot, dialog.award.name, "Green Couriers CIC")
    with qtbot.waitSignal(dialog.autosaver.status_changed, timeout=DELAY_MS * 4,
                          check_params_cb=lambda state, _text: state == "conflict"):
        pass
    assert "Reload" in dialog.save_status.text() and dialog.save_status.reload_button.isVisible()
    assert service.get(stored.reference).award.supplier.name == ""  # the colleague's save is not overwritten
    type_into(qtbot, dialog.award.postcode.edit, "LE1 7RH")
    assert not dialog.autosaver.timer.isActive(), "no retry until the manager has seen the other changes"

    dialog.save_status.reload_button.click()
    assert dialog.award.renewal.toPlainText() == "Written by a colleague"
    assert dialog.award.name.text() == "" and not dialog.save_status.reload_button.isVisible()
    type_into(qtbot, dialog.award.name, "Green Couriers CIC")
    with qtbot.waitSignal(dialog.saved, timeout=DELAY_MS * 4):
        pass
    again = service.get(stored.reference)
    assert (again.award.supplier.name, again.award.renewal_requirements) == (
        "Green Couriers CIC", "Written by a colleague")


def test_closing_in_a_conflict_asks_before_losing_the_edits(qtbot, service, monkeypatch):
    stored = service.create(contract())
    dialog = open_dialog(qtbot, RolesDialog, service, stored)
    service.save(service.get(stored.reference))
    dialog.editor.pages["finance_lead"].checklist.boxes["0"].box.click()
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    dialog.close_button.click()
    assert len(asked) == 1 and "could not be saved" in asked[0] and dialog.isVisible()
    answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    dialog.reject()  # Escape
    assert not dialog.isVisible()


def test_an_unreadable_date_keeps_the_stored_date_and_close_asks(qtbot, service, monkeypatch, day_clock):
    day_clock.day = dt.date(2026, 10, 12)
    stored = service.create(contract())
    dialog = open_dialog(qtbot, DeliveryDialog, service, stored)
    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    dialog.results.add_result()  # the overdue Jul-Sep report
    type_into(qtbot, dialog.results.result, "41%")
    type_into(qtbot, dialog.results.reported_on.edit, "31/02/2026")
    with qtbot.waitSignal(dialog.saved, timeout=DELAY_MS * 4):
        pass
    assert dialog.status.text().startswith("The date is not saved yet:")
    (result,) = service.get(stored.reference).kpi_results
    assert (result.result, result.reported_on) == ("41%", dt.date(2026, 10, 12))

    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    dialog.close_button.click()
    assert asked and "not saved yet" in asked[0] and dialog.isVisible()
    type_into(qtbot, dialog.results.reported_on.edit, "01/10/2026")
    dialog.close_button.click()
    assert len(asked) == 1 and not dialog.isVisible()
    assert service.get(stored.reference).kpi_results[0].reported_on == dt.date(2026, 10, 1)


@pytest.mark.parametrize("kind", DIALOGS)
def test_on_a_small_screen_the_body_scrolls_and_close_stays_in_view(qtbot, service, kind):
    """A 1366x768 laptop at 125% offers 1093x614: the dialog shrinks to it and its body scrolls, so the save
    status and Close are never pushed off the bottom."""
    dialog = open_dialog(qtbot, kind, service, service.create(contract()))
    dialog.resize(1077, 566)
    qtbot.waitUntil(lambda: dialog.height() == 566 and dialog.close_button.isVisible())
    inside = dialog.rect()
    for widget in (dialog.close_button, dialog.save_status.label):
        area = widget.rect().translated(widget.mapTo(dialog, widget.rect().topLeft()))
        assert widget.isVisible() and inside.contains(area), (kind.__name__, widget, area, inside)
    assert dialog.minimumSizeHint().height() <= 566



@pytest.mark.parametrize("kind", DIALOGS)
def test_a_closed_dialog_collected_by_python_crashes_nothing(qtbot, service, kind):
    """A closed window Python collects (as the main window's closed tender windows are) deletes only what is
    its own: not the application's screen (fitting the dialog to it), nor widgets Qt made and deletes
    itself (a splitter's handles, found when guarding the text inputs). Either crashed Qt, one dialog
    after the other."""
    screen = QGuiApplication.primaryScreen()
    dialog = kind(service, service.create(contract()))
    dialog.show()  # fits itself to the screen it opens on
    settle_dialog(dialog)
    dialog.close()
    gone = weakref.ref(dialog)
    del dialog
    gc.collect()
    assert gone() is None, "the closed dialog was collected"
    assert shiboken6.isValid(screen) and QGuiApplication.primaryScreen() is not None

def test_the_save_runs_off_the_ui_thread_and_typing_during_it_is_saved_next(qtbot, service, monkeypatch):
    """The real store, with the save held back on its worker thread: the dialog keeps taking keys meanwhile,
    and what was typed during the save is stored by the next one."""
    stored = service.create(contract())
    dialog = open_dialog(qtbot, DeliveryDialog, service, stored)
    threads: list[threading.Thread] = []
    release = threading.Event()
    real_save = service.save

    def held_save(tender, **kwargs):
        threads.append(threading.current_thread())
        release.wait(10)
        return real_save(tender, **kwargs)

    monkeypatch.setattr(service, "save", held_save)
    type_into(qtbot, dialog.award.name, "Green Couriers")
    qtbot.waitUntil(lambda: dialog.autosaver.saving, timeout=DELAY_MS * 4)
    type_into(qtbot, dialog.award.postcode.edit, "LE1 7RH")  # the UI is not waiting on the save
    assert dialog.award.postcode.text() == "LE1 7RH" and dialog.save_status.state == "saving"
    release.set()
    qtbot.waitUntil(lambda: dialog.save_status.state == "saved" and not dialog.dirty, timeout=DELAY_MS * 8)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    again = service.get(stored.reference)
    assert (again.award.supplier.name, again.award.supplier.postcode) == ("Green Couriers", "LE1 7RH")
    assert again.version == dialog.tender.version
