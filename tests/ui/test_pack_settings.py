"""The pack's settings in the wizard: each question's minimum score and whether failing it disqualifies;
the tender's VAT treatment and clarification deadline; bank questions for other services offered last."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from sv_desktop.ui.wizard.bank_picker import _suited_title
from sv_desktop.ui.wizard.page_ids import PageId


def retype(qtbot, field, text):
    field.edit.selectAll()
    field.edit.del_()
    qtbot.keyClicks(field.edit, text)


def _editor_with_a_question(qtbot, fake_service, open_wizard):
    tender = fake_service.new_tender()
    tender.category = "transport"
    tender.questions.append(fake_service.bank.to_question(
        fake_service.bank.questions_for("transport", "fighting_climate_change")[0]))
    wizard = open_wizard(fake_service, tender)
    wizard.go_to(PageId.WEIGHTING)
    editor = wizard.page(PageId.WEIGHTING).questions
    editor.table.setCurrentCell(0, 0)
    return wizard, editor


def test_minimum_score_is_checked_against_the_scale_and_stored(qtbot, fake_service, open_wizard):
    wizard, editor = _editor_with_a_question(qtbot, fake_service, open_wizard)
    question = wizard.tender.questions[0]
    assert editor.min_score.text() == "" and question.min_score is None
    retype(qtbot, editor.min_score, "6")
    assert "between 0 and 5" in editor.min_score.message.text()
    assert question.min_score is None, "a bad value is never stored"
    retype(qtbot, editor.min_score, "2")
    assert editor.min_score.is_valid() and question.min_score == Decimal(2)
    assert not question.min_score_disqualifies
    qtbot.mouseClick(editor.disqualifies, Qt.MouseButton.LeftButton)
    assert question.min_score_disqualifies
    editor.scale.setCurrentIndex(editor.scale.findData("0-100"))
    retype(qtbot, editor.min_score, "40")
    assert question.min_score == Decimal(40)
    retype(qtbot, editor.min_score, "")
    assert question.min_score is None


def test_vat_treatment_and_clarification_deadline_on_the_details_page(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = wizard.page(PageId.DETAILS)
    assert page.vat.isEnabled()
    page.vat_treatment.setCurrentIndex(page.vat_treatment.findData("exempt"))
    assert wizard.tender.vat_treatment == "exempt"
    assert not page.vat.isEnabled(), "the VAT rate does not apply to an exempt contract"
    page.notice_date.set_value(dt.date(2027, 3, 1))
    qtbot.keyClicks(page.clarification.edit, "01/02/2027")
    assert "after the tender notice" in page.clarification.message.text()
    assert wizard.tender.clarification_deadline != dt.date(2027, 2, 1), "a bad date is never stored"
    retype(qtbot, page.clarification, "12/03/2027")
    assert wizard.tender.clarification_deadline == dt.date(2027, 3, 12)
    page.vat_treatment.setCurrentIndex(page.vat_treatment.findData("standard"))
    assert page.vat.isEnabled() and wizard.tender.vat_treatment == "standard"


def test_questions_for_other_services_are_listed_last_and_say_so(fake_service):
    tender = fake_service.new_tender("Community talking therapies", "clinical_services")
    bank = fake_service.bank
    ordered = bank.questions_for_tender(tender, "fighting_climate_change")
    titles = [_suited_title(q, tender) for q in ordered]
    assert titles[-1].startswith("(For other services)")
    assert not any(t.startswith("(For other services)") for t in titles[:-1])


def test_kpi_targets_minimum_choice_on_the_requirements_page(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    wizard.go_to(PageId.REQUIREMENTS)
    page = wizard.page(PageId.REQUIREMENTS)
    assert page.minimums.isChecked() and wizard.tender.kpi_targets_are_minimums
    page.minimums.setChecked(False)
    assert not wizard.tender.kpi_targets_are_minimums


def test_question_weighting_is_settable_and_empty_shares_the_theme(qtbot, fake_service, open_wizard):
    wizard, editor = _editor_with_a_question(qtbot, fake_service, open_wizard)
    question = wizard.tender.questions[0]
    assert editor.weight.text() == "" and question.weighting_pct is None
    retype(qtbot, editor.weight, "101")
    assert "between 0 and 100" in editor.weight.message.text()
    assert question.weighting_pct != Decimal(101), "a bad value is never stored"
    retype(qtbot, editor.weight, "2.5")
    assert question.weighting_pct == Decimal("2.5")
    retype(qtbot, editor.weight, "")
    assert question.weighting_pct is None
