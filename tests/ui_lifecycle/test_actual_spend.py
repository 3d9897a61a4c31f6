"""Actual spend per financial year in the award and delivery dialog: typed key by key as money, saved as
the manager types, read back from the real SQLite file by a service opened afresh; a half-typed amount
keeps the figure stored, clearing a year removes it, a figure for a year the contract no longer runs in
stays until it is cleared, and the compliance report uses the figure instead of its pro-rata estimate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from sv_desktop.model.lifecycle import ActualSpend, Award, Supplier
from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.lifecycle.delivery import TAB_SPEND, DeliveryDialog
from sv_desktop.ui.lifecycle.spend_form import contract_years, year_label
from sv_desktop.ui.wizard.autosave import DELAY_MS
from tests.ui.keyboard_audit import claims

from .conftest import contract, settle_dialog

AWARDED = Award(Supplier("Green Couriers CIC", "LE11 3TU", sme=True), awarded_on=dt.date(2026, 6, 1),
                awarded_value_gbp=Decimal(800_000))
"""£800,000 over the 24 months from 1 July 2026: £300,000 falls in 2026/27 (July to March)."""


def awarded(**changes):
    return contract(award=Award(**{**AWARDED.__dict__, **changes}))


def pennies(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def open_dialog(qtbot, service, tender):
    dialog = DeliveryDialog(service, tender)
    qtbot.addWidget(dialog, before_close_func=settle_dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(TAB_SPEND)
    return dialog


def type_into(qtbot, edit, text):
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def stored_spend(data_dir, reference="LPT-2026-001") -> dict[int, Decimal]:
    """The actual spend as the database file holds it, read by a service opened afresh."""
    fresh = open_service(data_dir=data_dir, backup=False)
    try:
        return {entry.financial_year: entry.amount_gbp for entry in fresh.get(reference).award.actual_spend}
    finally:
        fresh.close()


def test_the_years_of_the_contract_are_offered_with_the_estimate_beside_each():
    years = contract_years(awarded())
    assert [(span.year, span.first, span.last) for span in years] == [
        (2026, dt.date(2026, 7, 1), dt.date(2027, 3, 31)),
        (2027, dt.date(2027, 4, 1), dt.date(2028, 3, 31)),
        (2028, dt.date(2028, 4, 1), dt.date(2028, 6, 30))]
    assert [year_label(span.year) for span in years] == ["2026/27", "2027/28", "2028/29"]
    assert contract_years(contract(contract_start_date=None)) == []  # no start, no award date: no years
    assert contract_years(contract(duration_months=0)) == []


def test_amounts_typed_key_by_key_are_saved_for_their_years(qtbot, service, data_dir):
    stored = service.create(awarded())
    dialog = open_dialog(qtbot, service, stored)
    rows = dialog.spend.rows
    assert sorted(rows) == [2026, 2027, 2028]
    assert [rows[y].label.text() for y in sorted(rows)] == [
        "2026/2&7 (from 01/07/2026):", "2027/2&8:", "2028/2&9 (to 30/06/2028):"]  # Alt+7, 8, 9
    assert rows[2026].note.text() == "Estimate if empty: £300,000"
    assert "Years left empty are estimated pro rata from the contract value." in dialog.spend.intro.text()

    type_into(qtbot, rows[2026].field.edit, "250k")
    assert rows[2026].field.understood.text() == "= £250,000.00"
    with qtbot.waitSignal(dialog.saved, timeout=DELAY_MS * 4):
        pass  # saved once the typing pauses
    assert stored_spend(data_dir) == {2026: Decimal(250_000)}

    type_into(qtbot, rows[2027].field.edit, "1,200,000.00")
    type_into(qtbot, rows[2028].field.edit, "1.2m")
    with qtbot.waitSignal(dialog.saved, timeout=DELAY_MS * 4):
        pass
    assert stored_spend(data_dir) == {2026: Decimal(250_000), 2027: Decimal(1_200_000), 2028: Decimal(1_200_000)}
    assert dialog.tabs.tabText(TAB_SPEND) == "Actual spend (3 of 3 years)"


def test_a_half_typed_amount_keeps_the_figure_stored(qtbot, service, data_dir):
    stored = service.create(awarded(actual_spend=[ActualSpend(2026, Decimal(250_000))]))
    dialog = open_dialog(qtbot, service, stored)
    field = dialog.spend.rows[2026].field
    assert field.text() == "250000"
    for unfinished in ("1,2OO", "2.5 mill"):  # a letter O for a zero; a word not finished
        type_into(qtbot, field.edit, unfinished)
        assert dialog.save() is False  # everything else is saved; this entry is not
        assert dialog.status.text().startswith("The actual spend for 2026/27 is not saved yet:")
        assert "Until then £250,000.00 is kept." in field.message.text()
        assert stored_spend(data_dir) == {2026: Decimal(250_000)}  # never 1 or 2.5, the prefixes typed
    type_into(qtbot, field.edit, "2.5 million")
    assert dialog.save() and dialog.status.text() == ""
    assert stored_spend(data_dir) == {2026: Decimal(2_500_000)}


def test_clearing_a_year_removes_its_figure(qtbot, service, data_dir):
    stored = service.create(awarded(actual_spend=[ActualSpend(2026, Decimal(250_000)),
                                                  ActualSpend(2027, Decimal(610_000))]))
    dialog = open_dialog(qtbot, service, stored)
    edit = dialog.spend.rows[2026].field.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.text() == "" and dialog.save()
    assert stored_spend(data_dir) == {2027: Decimal(610_000)}
    assert sorted(dialog.spend.rows) == [2026, 2027, 2028]  # the year is still offered, empty


def test_a_figure_for_a_year_outside_the_contract_is_shown_until_cleared(qtbot, service, data_dir):
    """The contract was shortened to nine months after finance recorded 2027/28: the figure is not dropped."""
    stored = service.create(awarded(actual_spend=[ActualSpend(2027, Decimal(610_000))]))
    stored.duration_months = 9  # 1 July 2026 to 31 March 2027: 2026/27 only
    stored = service.save(stored)
    dialog = open_dialog(qtbot, service, stored)
    rows = dialog.spend.rows
    assert sorted(rows) == [2026, 2027]
    assert rows[2027].label.text() == "2027/2&8 (outside the contract):"
    assert rows[2027].field.edit.accessibleName() == "Actual spend in 2027/28, outside the contract's dates (£)"
    assert rows[2027].note.text().startswith("The contract does not run in this year now")

    type_into(qtbot, dialog.award.name, "Green Couriers Ltd")  # an edit elsewhere keeps the figure
    assert dialog.save()
    assert stored_spend(data_dir) == {2027: Decimal(610_000)}
    assert sorted(rows) == [2026, 2027]

    rows[2027].field.edit.setFocus()
    rows[2027].field.edit.selectAll()
    qtbot.keyClick(rows[2027].field.edit, Qt.Key.Key_Backspace)
    assert dialog.save()
    assert stored_spend(data_dir) == {}
    type_into(qtbot, dialog.award.name, "Green Couriers")  # the next change of the award drops the empty year
    assert sorted(dialog.spend.rows) == [2026]


def test_the_years_follow_the_award_date_when_no_start_date_is_recorded(qtbot, service):
    stored = service.create(contract(contract_start_date=None, stage="evaluation"))
    dialog = open_dialog(qtbot, service, stored)
    assert dialog.spend.rows == {}
    assert dialog.spend.term.text().startswith("Record the award date here")
    assert dialog.tabs.tabText(TAB_SPEND) == "Actual spend"
    type_into(qtbot, dialog.award.awarded_on.edit, "01/10/2026")  # 24 months: October 2026 to September 2028
    assert sorted(dialog.spend.rows) == [2026, 2027, 2028]
    assert dialog.spend.term.text().startswith("The contract runs from 01/10/2026 to 30/09/2028: 3 financial years.")
    assert "once the award date and awarded value are recorded" in dialog.spend.term.text()  # no value yet
    dialog.tabs.setCurrentIndex(TAB_SPEND)
    qtbot.waitUntil(lambda: dialog.spend.rows[2028].field.edit.isVisible())  # new rows show once events run
    # Rows made after the dialog opened are reached by Tab in order, after the tabs and before Close.
    order, widget = [], dialog.tabs.tabBar()
    while widget is not dialog.close_button and len(order) < 400:
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
    years = [row.field.edit for _year, row in sorted(dialog.spend.rows.items())]
    assert order == [dialog.tabs.tabBar(), *years] and widget is dialog.close_button


def test_every_year_is_named_for_screen_readers_and_keys_never_clash(qtbot, service):
    dialog = open_dialog(qtbot, service, service.create(awarded()))
    for year, row in dialog.spend.rows.items():
        name = QAccessible.queryAccessibleInterface(row.field.edit).text(QAccessible.Text.Name)
        assert name == f"Actual spend in {year_label(year)} (£)"
        assert row.label.buddy() is row.field.edit
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.spend.rows[2027].field.edit

    # Twelve years: the years' last digits repeat, so only the first ten take Alt and a digit.
    dialog = open_dialog(qtbot, service, service.create(contract("LPT-2026-002", duration_months=144)))
    rows = dialog.spend.rows
    assert len(rows) == 13 and all(row.field.edit.accessibleName() for row in rows.values())
    keyed = [year for year, row in sorted(rows.items()) if row.label.buddy() is not None]
    assert keyed == sorted(rows)[:10] and all("&" not in rows[y].label.text() for y in sorted(rows)[10:])
    assert claims(dialog).get("Alt+7", []) and not [k for k, v in claims(dialog).items() if len(v) > 1]


def test_the_compliance_report_uses_the_actual_figure_for_its_year(qtbot, service, data_dir):
    stored = service.create(awarded())
    year = (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    [line] = service.compliance_report(*year).current.spend_lines
    assert (pennies(line.spend_gbp), line.basis) == (Decimal(300_000), "estimate")  # 9 months of £800,000 / 24
    dialog = open_dialog(qtbot, service, stored)
    type_into(qtbot, dialog.spend.rows[2026].field.edit, "250k")
    assert dialog.save()
    fresh = open_service(data_dir=data_dir, backup=False)
    try:
        [line] = fresh.compliance_report(*year).current.spend_lines
        assert (line.spend_gbp, line.basis) == (Decimal(250_000), "actual")
        # 2027/28 has no figure: the estimate (twelve months, £400,000) still applies to it.
        [both] = fresh.compliance_report(dt.date(2026, 4, 1), dt.date(2028, 3, 31)).current.spend_lines
        assert pennies(both.spend_gbp) == Decimal(650_000) and both.basis == "actual and estimate"
    finally:
        fresh.close()
