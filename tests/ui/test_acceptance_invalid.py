"""Acceptance: values that cannot be right, typed into the real app over a real SQLite file.

Negative money, 101%, 31/02 dates, a contract starting before its notice, a reference another tender
uses: each is kept on screen with a one-line message under the field (an icon and words, read out by a
screen reader), never saved over the good value, never a crash, and the rest of the tender still saves.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QLabel, QMessageBox

from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.settings_dialog import SettingsDialog
from sv_desktop.ui.wizard.page_ids import PageId

from .acceptance_text import settle
from .conftest import answer
from .test_acceptance_hostile import close_app, open_main
from .test_acceptance_walk import delivery_contract


def type_text(field, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    field.edit.insert(text)
    settle()


def assert_refused(field, text: str, words: str) -> None:
    """The typed text stays, the message says what to do, with its icon, and a screen reader hears it."""
    assert field.text() == text
    assert not field.is_valid() and words in field.problem(), field.problem()
    assert field.message.isVisible() and field.message.text() == field.problem()
    icon = field.message.findChildren(QLabel)[0]
    assert icon.pixmap() is not None and not icon.pixmap().isNull()
    assert field.edit.accessibleDescription() == field.problem()


def test_wrong_values_in_the_wizard_are_explained_kept_on_screen_and_never_saved(qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "data"
    service = open_service(data_dir=folder)
    other = service.create(service.new_tender("Another tender", "transport"))
    window = open_main(qtbot, service)
    window.new_action.trigger()
    wizard = window.wizards[-1]
    details = wizard.page(PageId.DETAILS)
    type_text(details.title_field, "Patient transport")
    type_text(details.notice_date, "01/06/2027")
    qtbot.waitUntil(lambda: not wizard.autosaver.dirty, timeout=10_000)
    reference = wizard.autosaver.stored_reference
    good = service.get(reference)

    cases = [
        (details.value, "-250000", "cannot be negative"),
        (details.vat, "101", "between 0 and 100"),
        (details.duration, "0", "between 1 and 600"),
        (details.start_date, "31/02/2028", "There is no such day"),
        (details.reference, other.reference, "Another tender already uses"),
    ]
    for field, text, words in cases:
        type_text(field, text)
        assert_refused(field, text, words)
    type_text(details.start_date, "01/05/2027")
    assert_refused(details.start_date, "01/05/2027", "must start after the tender notice date (01/06/2027)")

    wizard.go_to(PageId.WEIGHTING)
    weighting = wizard.page(PageId.WEIGHTING)
    type_text(weighting.weighting, "101")
    assert_refused(weighting.weighting, "101", "between 0 and 100")
    wizard.go_to(PageId.REQUIREMENTS)
    requirements = wizard.page(PageId.REQUIREMENTS)
    type_text(requirements.ms_date, "31/02/2027")
    assert_refused(requirements.ms_date, "31/02/2027", "There is no such day")
    requirements.ms_notes.setPlainText("Risk reviewed with the supplier")  # good work meanwhile
    qtbot.waitUntil(lambda: not wizard.autosaver.dirty, timeout=10_000)
    assert wizard.save_label.text().startswith("Saved")

    stored = service.get(reference)
    assert (stored.value_excl_vat_gbp, stored.vat_rate_pct, stored.duration_months) == (
        good.value_excl_vat_gbp, good.vat_rate_pct, good.duration_months)
    assert stored.contract_start_date is None and stored.tender_notice_date == dt.date(2027, 6, 1)
    assert stored.social_value_weighting_pct == good.social_value_weighting_pct
    assert stored.modern_slavery_risk_assessment.completed_on is None
    assert stored.modern_slavery_risk_assessment.notes == "Risk reviewed with the supplier"
    assert stored.title == "Patient transport" and service.get(other.reference).title == "Another tender"

    refused = answer(monkeypatch, "question", reply=QMessageBox.StandardButton.No)
    assert not wizard.close(), "closing with entries still to correct is asked first"
    assert "Value excl. VAT (£)" in refused[0] and "Reference" in refused[0]
    assert wizard.isVisible() and details.value.text() == "-250000", "nothing typed is lost by answering No"
    answer(monkeypatch, "question")
    assert wizard.close()
    close_app(window, service)


def test_wrong_values_in_the_lifecycle_dialogs_are_never_saved(qtbot, monkeypatch, tmp_path):
    service = open_service(data_dir=tmp_path / "data")
    stored = service.create(delivery_contract(service.today()))
    window = open_main(qtbot, service)
    try:
        window.select(stored.reference)
        dialog = window.lifecycle.open_delivery()
        qtbot.waitUntil(dialog.isVisible)
        type_text(dialog.award.value, "-5")
        assert_refused(dialog.award.value, "-5", "cannot be negative")
        dialog.award.renewal.setPlainText("Vans must be electric from day one")
        assert not dialog.save() and dialog.isVisible()
        assert dialog.status.text().startswith("The awarded value is not saved yet:") and dialog.status.isVisible()
        again = service.get(stored.reference)
        assert again.award.renewal_requirements == "Vans must be electric from day one"  # the rest is saved
        assert again.award.awarded_value_gbp == Decimal(780_000)  # the stored value is kept
        dialog.award.value.set_value(Decimal(780_000))
        dialog.show_results()
        type_text(dialog.results.period_end, "31/02/2027")
        assert_refused(dialog.results.period_end, "31/02/2027", "There is no such day")
        assert not dialog.save() and dialog.status.text().startswith("The date is not saved yet:")
        assert service.get(stored.reference).kpi_results == again.kpi_results
        dialog.results.period_end.set_value(dialog.results.period_end.value())
        assert dialog.save() and not dialog.status.isVisible()
        dialog.close_button.click()
        assert not dialog.isVisible()

        report = window.lifecycle.show_report()
        type_text(report.start, "01/01/2027")
        type_text(report.end, "31/12/2026")
        assert "The period ends before it starts (01/01/2027)" in report.status.text()
        assert report.end.message.isVisible() and report.end.problem() in report.status.text()
        assert not report.pdf_button.isEnabled() and not report.xlsx_button.isEnabled()
        report.reject()

        settings = SettingsDialog(service, window)
        qtbot.addWidget(settings)
        settings.show()
        type_text(settings.word_limit, "5")
        assert_refused(settings.word_limit, "5", "between 50 and 10,000")
        assert not settings.ok_button.isEnabled()
        settings.reject()
    finally:
        close_app(window, service)
