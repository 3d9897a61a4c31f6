"""'Last changed' means changed by the manager: moving between the steps of a stored tender keeps the
step it reopens on, but neither its "last changed" time nor its version moves."""

from __future__ import annotations

from sv_desktop.ui.wizard.page_ids import PageId
from sv_desktop.ui.worker import wait_for_all

from .test_focus_chain import demo_tender


def test_changing_steps_is_not_a_change(qtbot, real_service, open_wizard):
    stored = demo_tender(real_service)
    before = {s.reference: s.updated_at for s in real_service.list_tenders()}[stored.reference]
    version = stored.version  # the wizard edits `stored` itself
    wizard = open_wizard(real_service, stored)
    saves = []
    wizard.saved.connect(saves.append)
    for page_id in (PageId.SPEC, PageId.THEMES, PageId.REQUIREMENTS):
        wizard.go_to(page_id)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: not wizard.autosaver.timer.isActive(), timeout=2000)
    wait_for_all()
    qtbot.waitUntil(lambda: real_service.get(stored.reference).current_step == "requirements", timeout=3000)
    again = real_service.get(stored.reference)
    assert again.version == version and again.updated_at == before
    assert {s.reference: s.updated_at for s in real_service.list_tenders()}[stored.reference] == before
    assert saves == [] and not wizard.autosaver.dirty

    # A real edit still saves, with the step, and moves "last changed".
    page = wizard.page(PageId.REQUIREMENTS)
    wizard.go_to(PageId.SPEC)
    qtbot.keyClicks(wizard.page(PageId.SPEC).notes, " Remove single-use plastics.")
    assert wizard.autosaver.dirty and wizard.autosaver.flush()
    changed = real_service.get(stored.reference)
    assert changed.current_step == "spec" and changed.version == version + 1
    assert changed.updated_at > before and page is not None


def test_a_step_change_never_makes_a_later_save_conflict(qtbot, real_service, open_wizard):
    stored = demo_tender(real_service)
    wizard = open_wizard(real_service, stored)
    wizard.go_to(PageId.LOCAL)
    wait_for_all()
    qtbot.waitUntil(lambda: real_service.get(stored.reference).current_step == "local", timeout=3000)
    qtbot.keyClicks(wizard.page(PageId.LOCAL).notes, " Two local laundries met.")
    assert wizard.autosaver.dirty and wizard.autosaver.flush() and not wizard.autosaver.conflicted
