"""Tender details: validation under each field as it is typed, derived values, medicines refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from sv_desktop.ui.wizard.page_ids import PageId


def details(wizard):
    return wizard.page(PageId.DETAILS)


def retype(qtbot, field, text):
    field.edit.selectAll()
    field.edit.del_()
    if text:
        qtbot.keyClicks(field.edit, text)


def test_money_message_appears_and_clears_and_bad_value_is_not_applied(qtbot, fake_service, open_wizard):
    tender = fake_service.new_tender()
    tender.value_excl_vat_gbp = Decimal(250000)
    wizard = open_wizard(fake_service, tender)
    page = details(wizard)
    retype(qtbot, page.value, "x12")
    assert "digits only" in page.value.message.text()
    assert not page.value.message.isHidden()
    assert page.value.text() == "x12", "what was typed is kept"
    assert wizard.tender.value_excl_vat_gbp == Decimal(250000), "a bad entry never replaces a good value"
    retype(qtbot, page.value, "-5")
    assert "cannot be negative" in page.value.message.text()
    retype(qtbot, page.value, "1,200,000")
    assert page.value.message.isHidden()
    assert wizard.tender.value_excl_vat_gbp == Decimal(1200000)
    assert page.whole_life.text() == "£1,440,000.00"
    assert page.annual.text() == "£1,200,000.00"


def test_percent_duration_and_title_messages(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = details(wizard)
    retype(qtbot, page.vat, "120")
    assert "between 0 and 100" in page.vat.message.text()
    assert wizard.tender.vat_rate_pct == Decimal(20), "the value before this edit, never the prefix 12"
    assert "Until then 20 is kept." in page.vat.message.text()
    retype(qtbot, page.vat, "-")
    assert wizard.tender.vat_rate_pct == Decimal(20)
    retype(qtbot, page.vat, "0")
    assert page.vat.is_valid() and wizard.tender.vat_rate_pct == Decimal(0)
    retype(qtbot, page.duration, "0")
    assert "between 1 and 600" in page.duration.message.text()
    retype(qtbot, page.title_field, "Laundry")
    page.title_field.edit.editingFinished.emit()  # the manager moves on: "Laundry" is the value to keep
    retype(qtbot, page.title_field, "")
    assert "Give the tender a title" in page.title_field.message.text()
    assert wizard.tender.title == "Laundry"
    assert page.problems(), "the page knows it holds entries that are not saved"


def test_contract_start_must_follow_the_notice_and_end_date_is_live(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = details(wizard)
    retype(qtbot, page.notice_date, "01/03/2027")
    retype(qtbot, page.start_date, "01/02/2027")
    assert "must start after the tender notice date (01/03/2027)" in page.start_date.message.text()
    assert wizard.tender.contract_start_date is None
    retype(qtbot, page.duration, "60")
    retype(qtbot, page.start_date, "1/9/2027")
    assert page.start_date.message.isHidden()
    assert wizard.tender.contract_start_date == dt.date(2027, 9, 1)
    assert page.end_date.text() == "31/08/2032"
    retype(qtbot, page.notice_date, "01/10/2027")
    assert not page.start_date.is_valid(), "moving the notice date re-checks the start date"
    retype(qtbot, page.notice_date, "31/02/2027")
    assert "no such day" in page.notice_date.message.text()


def test_duplicate_reference_is_refused_as_typed(qtbot, fake_service, open_wizard):
    other = fake_service.create(fake_service.new_tender())
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = details(wizard)
    original = wizard.tender.reference
    retype(qtbot, page.reference, other.reference)
    assert f"Another tender already uses {other.reference}" in page.reference.message.text()
    assert wizard.tender.reference != other.reference, "a taken reference is never applied"
    assert original.startswith(wizard.tender.reference)
    retype(qtbot, page.reference, "LPT-NEW-1")
    assert page.reference.is_valid() and wizard.tender.reference == "LPT-NEW-1"


def test_medicines_is_refused_with_the_policy_reason_and_next_is_disabled(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = details(wizard)
    assert wizard.next_button.isEnabled()
    page.category.setCurrentIndex(page.category.findData("medicines"))
    assert not page.refusal.isHidden()
    text = page.refusal_text.text()
    assert "3.2" in text and fake_service.content.categories["medicines"].refusal_reason in text
    assert not wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.next()
    wizard.go_to(PageId.THEMES)
    assert wizard.current_page_id() == PageId.DETAILS
    assert not (wizard.sidebar.item(PageId.THEMES).flags() & Qt.ItemFlag.ItemIsEnabled)
    page.category.setCurrentIndex(page.category.findData("transport"))
    assert page.refusal.isHidden() and wizard.next_button.isEnabled()


def test_leads_and_route_description(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = details(wizard)
    qtbot.keyClicks(page.leads["finance_lead"], "A. Finance")
    assert wizard.tender.leads == {"finance_lead": "A. Finance"}
    page.route.setCurrentIndex(page.route.findData("psr_competitive"))
    assert page.route_note.text() == fake_service.content.routes["psr_competitive"].description
    assert wizard.tender.route == "psr_competitive"
