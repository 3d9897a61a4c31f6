"""The pre-market engagement log: events, suppliers met (name, postcode, SME, VCSE, local from the
settings' postcode areas), notes, and the summary that feeds the think-local step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from sv_desktop.model.engagement import think_local_note
from sv_desktop.model.lifecycle import EngagementEvent, Supplier
from sv_desktop.ui.lifecycle.engagement import EngagementDialog

from .conftest import contract, settle_dialog


def open_dialog(qtbot, service, tender):
    dialog = EngagementDialog(service, tender)
    qtbot.addWidget(dialog, before_close_func=settle_dialog)
    dialog.show()
    return dialog


def type_into(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_events_and_suppliers_are_recorded_and_saved(qtbot, service):
    stored = service.create(contract(stage="pre_market"))
    dialog = open_dialog(qtbot, service, stored)
    assert not dialog.suppliers.isEnabled() and not dialog.to_think_local.isEnabled()

    qtbot.mouseClick(dialog.events.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.events.title, "Market day at Loughborough")
    type_into(qtbot, dialog.events.held_on.edit, "12/01/2027")
    dialog.events.notes.setPlainText("Two local couriers keen; lots too large for them")
    assert dialog.suppliers.isEnabled()

    for name, postcode, sme, vcse in (("Green Couriers CIC", "le11 3tu", True, True), ("Bigco plc", "B1 1AA", False, False)):
        qtbot.mouseClick(dialog.suppliers.add_button, Qt.MouseButton.LeftButton)
        type_into(qtbot, dialog.suppliers.name, name)
        type_into(qtbot, dialog.suppliers.postcode.edit, postcode)
        dialog.suppliers.sme.setChecked(sme)
        dialog.suppliers.vcse.setChecked(vcse)
    assert dialog.suppliers.local_note.text().startswith("Not local")
    assert dialog.suppliers.table.item(0, 2).text() == "Yes"  # LE11 is local with the default LE, NN areas
    assert dialog.events.table.item(0, 2).text() == "2"
    assert dialog.summary.text() == "1 event; 2 suppliers met: 1 local, 1 SME, 1 VCSE."

    qtbot.mouseClick(dialog.to_think_local, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.saved):
        pass  # saved once the typing pauses

    again = service.get(stored.reference)
    assert again.engagement == [EngagementEvent(
        title="Market day at Loughborough", held_on=dt.date(2027, 1, 12),
        notes="Two local couriers keen; lots too large for them",
        suppliers=[Supplier("Green Couriers CIC", "LE11 3TU", True, True), Supplier("Bigco plc", "B1 1AA")])]
    assert again.think_local.notes == think_local_note(again.engagement, service.is_local_postcode)
    assert "Green Couriers CIC (local, SME, VCSE); Bigco plc." in again.think_local.notes


def test_suppliers_follow_the_selected_event(qtbot, service):
    tender = contract()
    tender.engagement = [EngagementEvent("First", suppliers=[Supplier("A Ltd")]),
                         EngagementEvent("Second", suppliers=[Supplier("B Ltd"), Supplier("C Ltd")])]
    dialog = open_dialog(qtbot, service, service.create(tender))
    assert dialog.suppliers.records is dialog.tender.engagement[0].suppliers
    dialog.events.table.setCurrentCell(1, 1)
    assert [s.name for s in dialog.suppliers.records] == ["B Ltd", "C Ltd"]
    dialog.events.remove_current()
    assert [s.name for s in dialog.suppliers.records] == ["A Ltd"]
    dialog.events.undo_remove()
    assert [e.title for e in dialog.tender.engagement] == ["First", "Second"]


def test_labels_have_unique_mnemonics_and_inputs_are_named(qtbot, service):
    tender = contract()
    tender.engagement = [EngagementEvent("First", suppliers=[Supplier("A Ltd")])]
    dialog = open_dialog(qtbot, service, service.create(tender))
    QApplication.processEvents()
    letters: dict[str, str] = {}
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        text = widget.text().replace("&&", "")
        if not widget.isVisible() or "&" not in text or (isinstance(widget, QLabel) and widget.buddy() is None):
            continue
        letter = text[text.index("&") + 1].lower()
        assert letter not in letters, f"Alt+{letter}: {letters[letter]!r} and {text!r}"
        letters[letter] = text
    for field in (dialog.events.title, dialog.events.held_on.edit, dialog.events.notes, dialog.suppliers.name,
                  dialog.suppliers.postcode.edit):
        assert field.accessibleName(), field


def test_a_supplier_postcode_in_the_wrong_format_is_explained_and_holds_save_back(qtbot, service, monkeypatch):

    stored = service.create(contract(stage="pre_market"))
    dialog = open_dialog(qtbot, service, stored)
    qtbot.mouseClick(dialog.events.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.events.title, "Market day")
    qtbot.mouseClick(dialog.suppliers.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.suppliers.postcode.edit, "LE1 7R")
    assert "'LE1 7R' is not a UK postcode" in dialog.suppliers.postcode.problem()
    assert dialog.suppliers.postcode.message.isVisible()
    assert dialog.save() is False  # everything else is saved; the postcode still needs putting right
    assert "is not a UK postcode" in dialog.status.text()
    assert service.get(stored.reference).engagement[0].suppliers[0].postcode == ""
    type_into(qtbot, dialog.suppliers.postcode.edit, "LE1 7RH")
    assert not dialog.suppliers.postcode.message.isVisible()
    assert dialog.save() is True
    assert service.get(stored.reference).engagement[0].suppliers[0].postcode == "LE1 7RH"
