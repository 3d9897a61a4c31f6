"""The wizard as a whole: sidebar and keys, live findings, autosave, conflicts, closing and reopening."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sv_desktop.services.errors import ServiceError
from sv_desktop.ui.wizard.page_ids import PageId
from sv_desktop.ui.wizard.step_state import StepState

from .conftest import answer


def retype(qtbot, field, text):
    field.edit.selectAll()
    field.edit.del_()
    qtbot.keyClicks(field.edit, text)


def test_pages_follow_the_model_steps(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    assert [p.page_id for p in wizard.pages] == list(PageId)
    assert [p.step_id for p in wizard.pages] == ["details", "spec", "local", "themes", "weighting",
                                                 "requirements", "review"]
    for page in wizard.pages:
        assert page.title_label.text() == fake_service.content.steps[page.step_id].title
        assert page.why_label.text() == fake_service.content.steps[page.step_id].why


def test_back_next_sidebar_and_keyboard(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    assert not wizard.back_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.current_page_id() == PageId.SPEC
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.current_page_id() == PageId.DETAILS
    wizard.sidebar.setCurrentRow(PageId.WEIGHTING)
    assert wizard.current_page_id() == PageId.WEIGHTING
    wizard.sidebar.setFocus()
    qtbot.keyClick(wizard.sidebar, Qt.Key.Key_Down)
    assert wizard.current_page_id() == PageId.REQUIREMENTS
    qtbot.keyClick(wizard, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert wizard.current_page_id() == PageId.WEIGHTING
    qtbot.keyClick(wizard, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert wizard.current_page_id() == PageId.REQUIREMENTS
    qtbot.keyClick(wizard, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert wizard.current_page_id() == PageId.LOCAL
    assert wizard.sidebar.currentRow() == PageId.LOCAL
    wizard.go_to(PageId.REVIEW)
    assert not wizard.next_button.isEnabled()


def test_f1_opens_the_help_for_the_step(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    wizard.go_to(PageId.LOCAL)
    assert wizard.help_dock.isHidden()
    qtbot.keyClick(wizard, Qt.Key.Key_F1)
    assert not wizard.help_dock.isHidden()
    text = wizard.help_panel.toPlainText()
    assert fake_service.content.steps["local"].help[0][:60] in text
    wizard.go_to(PageId.THEMES)
    assert fake_service.content.steps["themes"].title in wizard.help_panel.toPlainText()


def test_sidebar_states_in_words_and_attention_on_the_fixing_step(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    assert wizard.sidebar.state_text(PageId.SPEC) == "Not started"
    wizard.go_to(PageId.WEIGHTING)
    page = wizard.page(PageId.WEIGHTING)
    retype(qtbot, page.weighting, "9")
    wizard.run_check()
    assert wizard.sidebar.state_text(PageId.WEIGHTING) == StepState.NEEDS_ATTENTION.label
    assert "Step 5" in wizard.sidebar.item(PageId.WEIGHTING).data(Qt.ItemDataRole.AccessibleTextRole)
    assert any("at least 10%" in m for m in page.attention.messages)
    retype(qtbot, page.weighting, "10")
    wizard.run_check()
    assert wizard.sidebar.state_text(PageId.WEIGHTING) != StepState.NEEDS_ATTENTION.label
    assert page.attention.messages == [] and "Nothing" in page.attention.label.text()


def test_autosave_within_a_second_with_the_time(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    qtbot.keyClicks(wizard.page(PageId.DETAILS).title_field.edit, "Laundry")
    assert wizard.save_label.text() == "Saving…"
    qtbot.waitUntil(lambda: wizard.save_label.text().startswith("Saved "), timeout=1000)
    assert re.fullmatch(r"Saved \d\d:\d\d:\d\d", wizard.save_label.text())
    assert fake_service.get(wizard.tender.reference).title == "Laundry"
    assert fake_service.saves == 1, "typing a word is saved once, after the pause"


def test_a_failed_save_is_explained_and_retried(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    fake_service.fail_next_save = ServiceError("The database is locked by another program.")
    qtbot.keyClicks(wizard.page(PageId.DETAILS).title_field.edit, "L")
    qtbot.waitUntil(lambda: wizard.save_label.text().startswith("Not saved"), timeout=1000)
    assert "locked by another program" in wizard.save_label.text()
    qtbot.keyClicks(wizard.page(PageId.DETAILS).title_field.edit, "aundry")
    qtbot.waitUntil(lambda: wizard.save_label.text().startswith("Saved"), timeout=1000)
    assert fake_service.get(wizard.tender.reference).title == "Laundry"


def test_conflict_offers_reload(qtbot, fake_service, open_wizard):
    stored = fake_service.create(fake_service.new_tender())
    wizard = open_wizard(fake_service, fake_service.get(stored.reference))
    fake_service.touch_elsewhere(stored.reference)
    qtbot.keyClicks(wizard.page(PageId.DETAILS).title_field.edit, "Mine")
    qtbot.waitUntil(lambda: not wizard.reload_button.isHidden(), timeout=1000)
    assert "changed elsewhere" in wizard.save_label.text()
    qtbot.mouseClick(wizard.reload_button, Qt.MouseButton.LeftButton)
    assert wizard.reload_button.isHidden()
    assert wizard.page(PageId.DETAILS).title_field.text() == " (edited elsewhere)"
    qtbot.keyClicks(wizard.page(PageId.DETAILS).title_field.edit, "!")
    assert wizard.autosaver.flush()


def test_closing_with_an_entry_to_correct_asks_first(qtbot, fake_service, open_wizard, monkeypatch):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    retype(qtbot, wizard.page(PageId.DETAILS).value, "lots")
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    assert not wizard.close()
    assert asked and "Value excl. VAT" in asked[0]
    answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    assert wizard.close()


def test_finding_appears_and_clears_as_the_weighting_is_fixed(qtbot, real_service, open_wizard):
    """With the real rules: 9% is a blocker SV-MIN-WEIGHT, 10% is not; the panel follows within 300 ms."""
    tender = real_service.new_tender("Laundry", "goods_services")
    wizard = open_wizard(real_service, tender)
    wizard.go_to(PageId.WEIGHTING)
    page = wizard.page(PageId.WEIGHTING)
    retype(qtbot, page.weighting, "9")
    retype(qtbot, page.split_fields["fighting_climate_change"], "9")
    qtbot.waitUntil(lambda: "SV-MIN-WEIGHT" in wizard.findings_panel.list.rules(), timeout=1500)
    assert wizard.findings_panel.summary.text().startswith("New tender: ")  # before the ITT: still to do
    assert "Blocker:" in wizard.findings_panel.list.text()
    retype(qtbot, page.weighting, "10")
    retype(qtbot, page.split_fields["fighting_climate_change"], "10")
    qtbot.waitUntil(lambda: "SV-MIN-WEIGHT" not in wizard.findings_panel.list.rules(), timeout=1500)
    assert wizard.tender.social_value_weighting_pct == Decimal(10)


def test_reopens_on_the_step_where_it_was_left(qtbot, real_service, open_wizard):
    tender = real_service.new_tender("Laundry", "goods_services")
    wizard = open_wizard(real_service, tender)
    wizard.go_to(PageId.LOCAL)
    qtbot.keyClicks(wizard.page(PageId.LOCAL).notes, "Two local laundries met")
    assert wizard.close()
    stored = real_service.get(tender.reference)
    assert stored.current_step == "local"
    again = open_wizard(real_service, stored)
    assert again.current_page_id() == PageId.LOCAL
    assert again.page(PageId.LOCAL).notes.toPlainText() == "Two local laundries met"
