"""Award and delivery: the awarded supplier with its local/SME/VCSE flags and value, KPI results rated
with the Procurement Act ratings from the rules file, reports due with a clock the test sets, case
studies and renewal requirements, all saved to the real store."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox

from sv_desktop.model.lifecycle import KpiResult
from sv_desktop.ui.lifecycle.delivery import TAB_AWARD, TAB_CASES, TAB_RESULTS, DeliveryDialog

from .conftest import answer, contract, settle_dialog


def open_dialog(qtbot, service, tender):
    dialog = DeliveryDialog(service, tender)
    qtbot.addWidget(dialog, before_close_func=settle_dialog)
    dialog.show()
    return dialog


def type_into(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_the_award_is_recorded_and_moves_the_stage(qtbot, service):
    stored = service.create(contract(stage="evaluation"))
    dialog = open_dialog(qtbot, service, stored)
    form = dialog.award
    type_into(qtbot, form.name, "Green Couriers CIC")
    type_into(qtbot, form.postcode.edit, "nn4 8aa")
    assert form.local_note.text().startswith("Local")
    type_into(qtbot, form.postcode.edit, "CV1 2AB")
    assert form.local_note.text().startswith("Not local")
    form.sme.setChecked(True)
    type_into(qtbot, form.awarded_on.edit, "30/06/2026")
    assert form.stage.currentData() == "awarded"
    type_into(qtbot, form.value.edit, "1,250,000.50")
    form.renewal.setPlainText("Electric vans from day one")
    with qtbot.waitSignal(dialog.saved):
        pass  # saved as typed, once the typing pauses: no Save button
    assert dialog.save_status.text().startswith("Saved ")
    again = service.get(stored.reference)
    assert again.stage == "awarded"
    award = again.award
    assert (award.supplier.name, award.supplier.postcode, award.supplier.sme, award.supplier.vcse) == (
        "Green Couriers CIC", "CV1 2AB", True, False)
    assert (award.awarded_on, award.awarded_value_gbp, award.renewal_requirements) == (
        dt.date(2026, 6, 30), Decimal("1250000.50"), "Electric vans from day one")


def test_a_wrong_value_is_not_saved_and_the_rest_is(qtbot, service):
    stored = service.create(contract())
    dialog = open_dialog(qtbot, service, stored)
    type_into(qtbot, dialog.award.value.edit, "900000")
    qtbot.keyClick(dialog.award.value.edit, Qt.Key.Key_Return)  # the entry is finished
    assert dialog.save() and dialog.isVisible()
    type_into(qtbot, dialog.award.value.edit, "lots")
    type_into(qtbot, dialog.award.name, "Green Couriers CIC")
    assert dialog.save() is False
    assert dialog.status.text().startswith("The awarded value is not saved yet:") and dialog.isVisible()
    again = service.get(stored.reference)
    assert again.award.awarded_value_gbp == Decimal(900_000)  # the value stored before the bad entry
    assert again.award.supplier.name == "Green Couriers CIC"
    type_into(qtbot, dialog.award.value.edit, "950000")
    assert dialog.save() and dialog.status.text() == ""


def test_reports_due_and_a_result_rated_with_the_rules_file_ratings(qtbot, service, day_clock):
    day_clock.day = dt.date(2026, 10, 12)  # Q3 (Jul-Sep 2026) ended twelve days ago
    stored = service.create(contract())
    dialog = open_dialog(qtbot, service, stored)
    assert "Electric vans: the report for 01/07/2026 to 30/09/2026 is overdue by 12 days." in dialog.due.text()
    assert dialog.tabs.tabText(TAB_RESULTS) == "KPI results (0), 1 due"
    results = dialog.results
    ratings = [results.rating.itemText(i) for i in range(results.rating.count())]
    assert ratings == ["Not rated yet"] + [name for name, _meaning in service.rules.figures.performance_ratings]
    assert ratings[1:] == ["Good", "Approaching target", "Requires improvement", "Inadequate", "Other"]

    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    qtbot.mouseClick(results.add_button, Qt.MouseButton.LeftButton)
    assert (results.kpi.currentText(), results.period_start.text(), results.period_end.text()) == (
        "Electric vans", "01/07/2026", "30/09/2026")
    assert results.rating.currentData() == "" and results.rating.currentText() == "Not rated yet"
    assert "Choose the rating" in results.meaning.text()
    results.rating.setCurrentIndex(results.rating.findData("Approaching target"))
    assert "close to meeting" in results.meaning.text()
    type_into(qtbot, results.result, "41%")
    assert dialog.due.text() == "No KPI report is due in the next two weeks."

    dialog.tabs.setCurrentIndex(TAB_CASES)
    qtbot.mouseClick(dialog.cases.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.cases.title, "First electric route")
    dialog.cases.theme.setCurrentIndex(dialog.cases.theme.findData("fighting_climate_change"))
    dialog.cases.text.setPlainText("Two vans replaced diesel on the Hinckley route.")
    assert dialog.tabs.tabText(TAB_CASES) == "Case studies (1)"
    with qtbot.waitSignal(dialog.saved):
        pass

    again = service.get(stored.reference)
    assert again.kpi_results == [KpiResult(kpi="Electric vans", period_start=dt.date(2026, 7, 1),
                                           period_end=dt.date(2026, 9, 30), rating="Approaching target",
                                           result="41%", reported_on=dt.date(2026, 10, 12))]
    assert [(c.title, c.theme, c.written_on) for c in again.case_studies] == [
        ("First electric route", "fighting_climate_change", dt.date(2026, 10, 12))]
    assert service.kpi_reminders() == []


def test_a_result_without_a_period_end_is_kept_and_flagged(qtbot, service, monkeypatch):
    stored = service.create(contract(contract_start_date=None))
    dialog = open_dialog(qtbot, service, stored)  # not awarded, no start: nothing is due
    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    dialog.results.add_result()
    assert dialog.results.period_end.text() == ""
    assert dialog.save() is False
    assert "last day of its reporting period" in dialog.status.text()
    assert len(service.get(stored.reference).kpi_results) == 1  # kept while it is being filled in
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    dialog.close_button.click()
    assert "last day of its reporting period" in asked[0] and dialog.isVisible()
    type_into(qtbot, dialog.results.period_end.edit, "30/09/2026")
    assert dialog.save()
    dialog.close_button.click()
    assert len(asked) == 1 and not dialog.isVisible()


def test_mnemonics_are_unique_on_each_tab_and_inputs_named(qtbot, service):
    tender = contract()
    tender.kpi_results = [KpiResult("Electric vans", dt.date(2026, 7, 1), dt.date(2026, 9, 30))]
    dialog = open_dialog(qtbot, service, service.create(tender))
    for tab in (TAB_AWARD, TAB_RESULTS, TAB_CASES):
        dialog.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        letters: dict[str, str] = {}
        for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
            text = widget.text().replace("&&", "")
            if not widget.isVisible() or "&" not in text or (isinstance(widget, QLabel) and widget.buddy() is None):
                continue
            letter = text[text.index("&") + 1].lower()
            assert letter not in letters, f"tab {tab}: Alt+{letter}: {letters[letter]!r} and {text!r}"
            letters[letter] = text
    form = dialog.award
    for field in (form.stage, form.name, form.postcode.edit, form.awarded_on.edit, form.value.edit, form.renewal,
                  dialog.results.kpi, dialog.results.rating, dialog.results.result, dialog.cases.title):
        assert field.accessibleName(), field


def test_a_new_result_has_no_rating_until_the_manager_chooses_one(qtbot, service, day_clock, tmp_path):
    from sv_desktop.model.tender_file import read_tender_file, tender_to_json

    day_clock.day = dt.date(2026, 10, 12)
    stored = service.create(contract())
    dialog = open_dialog(qtbot, service, stored)
    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    qtbot.mouseClick(dialog.results.add_button, Qt.MouseButton.LeftButton)
    assert dialog.results.table.item(0, 2).text() == "Not rated yet"
    type_into(qtbot, dialog.results.result, "38%")
    dialog.save()  # the result still needs its period end, but what is typed is stored
    result = service.get(stored.reference).kpi_results[0]
    assert result.rating == "" and not result.is_rated and result.result == "38%"
    path = tmp_path / "unrated.svtender.json"
    path.write_text(tender_to_json(service.get(stored.reference)), encoding="utf-8")
    assert read_tender_file(path).kpi_results[0].rating == "", "the file keeps 'not rated yet'"


def test_the_awarded_supplier_postcode_is_checked(qtbot, service, monkeypatch):
    stored = service.create(contract(stage="evaluation"))
    dialog = open_dialog(qtbot, service, stored)
    type_into(qtbot, dialog.award.postcode.edit, "LEE 7RH")
    assert "'LEE 7RH' is not a UK postcode" in dialog.award.postcode.problem()
    assert dialog.award.local_note.text().startswith("Enter a UK postcode")
    assert dialog.save() is False
    assert "postcode" in dialog.status.text()
    type_into(qtbot, dialog.award.postcode.edit, "le1 7rh")
    assert dialog.award.problem() is None and dialog.award.local_note.text().startswith("Local")
