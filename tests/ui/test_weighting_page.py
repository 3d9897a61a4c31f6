"""Weighting: the split must add up (said as typed), and questions from the bank or of one's own."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from sv_desktop.model.tender import ThemeChoice
from sv_desktop.ui.wizard.bank_picker import BankPicker
from sv_desktop.ui.wizard.page_ids import PageId
from sv_desktop.ui.wizard.weighting_page import even_split, split_message


def retype(qtbot, field, text):
    field.edit.selectAll()
    field.edit.del_()
    qtbot.keyClicks(field.edit, text)


def two_theme_tender(service):
    tender = service.new_tender()
    tender.category = "transport"
    tender.themes.append(ThemeChoice("wellbeing", Decimal(0)))
    return tender


def test_split_message_and_even_split():
    assert split_message(Decimal(10), [Decimal(5), Decimal(5)]) == ""
    assert "add 1%" in split_message(Decimal(10), [Decimal(5), Decimal(4)])
    assert "take 2%" in split_message(Decimal(10), [Decimal(7), Decimal(5)])
    assert even_split(Decimal(10), 3) == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]
    assert sum(even_split(Decimal(15), 4)) == Decimal(15)


def test_split_must_add_up_live(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, two_theme_tender(fake_service))
    wizard.go_to(PageId.WEIGHTING)
    page = wizard.page(PageId.WEIGHTING)
    assert page.split_fields["wellbeing"].isVisibleTo(page)
    assert not page.split_fields["equal_opportunity"].isVisibleTo(page)
    assert "add 0%" not in page.sum_message.text()
    retype(qtbot, page.split_fields["fighting_climate_change"], "6")
    assert "adds up to 6%" in page.sum_message.text() and "add 4%" in page.sum_message.text()
    retype(qtbot, page.split_fields["wellbeing"], "4")
    assert page.sum_message.isHidden()
    assert wizard.tender.theme_weighting_total == Decimal(10)
    retype(qtbot, page.weighting, "20")
    assert "add 10%" in page.sum_message.text()
    qtbot.mouseClick(page.even_button, Qt.MouseButton.LeftButton)
    assert page.sum_message.isHidden()
    assert [c.weighting_pct for c in wizard.tender.themes] == [Decimal(10), Decimal(10)]


def test_questions_from_the_bank_edit_and_remove_with_undo(qtbot, fake_service, open_wizard, monkeypatch):
    tender = two_theme_tender(fake_service)
    wizard = open_wizard(fake_service, tender)
    wizard.go_to(PageId.WEIGHTING)
    editor = wizard.page(PageId.WEIGHTING).questions
    bank = fake_service.bank
    chosen = [bank.questions_for("transport", "fighting_climate_change")[0],
              bank.questions_for("transport", "wellbeing")[0]]
    monkeypatch.setattr(BankPicker, "choose_questions", staticmethod(lambda *a: chosen))
    qtbot.mouseClick(editor.bank_button, Qt.MouseButton.LeftButton)
    assert [q.source_id for q in wizard.tender.questions] == [q.id for q in chosen]
    assert editor.table.rowCount() == 2
    editor.table.setCurrentCell(0, 0)
    assert editor.text.toPlainText() == chosen[0].text
    retype(qtbot, editor.word_limit, "20")
    assert "between 50 and 10,000" in editor.word_limit.message.text()
    retype(qtbot, editor.word_limit, "500")
    assert wizard.tender.questions[0].word_limit == 500
    editor.scale.setCurrentIndex(editor.scale.findData("0-100"))
    assert wizard.tender.questions[0].scoring_scale == "0-100"
    editor.text.selectAll()
    qtbot.keyClicks(editor.text, "How will you cut fleet emissions?")
    assert wizard.tender.questions[0].text == "How will you cut fleet emissions?"
    first = wizard.tender.questions[0]
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert len(wizard.tender.questions) == 1
    assert editor.undo_button.isEnabled()
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert wizard.tender.questions[0] is first
    assert not editor.undo_button.isEnabled()


def test_own_question_uses_the_settings_defaults_and_asks_for_text(qtbot, fake_service, open_wizard):
    fake_service.settings.default_word_limit = 400
    fake_service.settings.default_scoring_scale = "0-100"
    wizard = open_wizard(fake_service, two_theme_tender(fake_service))
    wizard.go_to(PageId.WEIGHTING)
    editor = wizard.page(PageId.WEIGHTING).questions
    qtbot.mouseClick(editor.own_button, Qt.MouseButton.LeftButton)
    question = wizard.tender.questions[-1]
    assert (question.word_limit, question.scoring_scale) == (400, "0-100")
    assert "Write the question" in editor.text_message.text()
    qtbot.keyClicks(editor.text, "Describe your apprenticeships.")
    assert editor.text_message.isHidden()
    assert question.text == "Describe your apprenticeships."


def test_bank_picker_lists_the_cells_and_marks_what_is_taken(qtbot, fake_service):
    tender = two_theme_tender(fake_service)
    bank = fake_service.bank
    taken = bank.questions_for("transport", "wellbeing")[0]
    tender.questions.append(bank.to_question(taken))
    groups = []
    for theme in tender.theme_ids:
        groups.append((theme, [(q.id, q.title, q.text, q.id == taken.id)
                               for q in bank.questions_for("transport", theme)]))
    picker = BankPicker("Add questions", "Tick", groups)
    qtbot.addWidget(picker)
    items = picker.items()
    assert len(items) == sum(len(e) for _, e in groups)
    taken_item = next(i for i in items if "already in this tender" in i.text(0))
    assert taken_item.checkState(0) == Qt.CheckState.Checked
    assert not taken_item.flags() & Qt.ItemFlag.ItemIsEnabled
    items[0].setCheckState(0, Qt.CheckState.Checked)
    assert picker.chosen() == [items[0].data(0, Qt.ItemDataRole.UserRole + 1)]
