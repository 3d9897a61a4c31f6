"""Roles and checklists: each role's responsibilities word for word from the policy, ticked per tender,
named, saved; ticks on wording the content no longer has are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from sv_desktop.model.tender import ROLES
from sv_desktop.ui.lifecycle.roles import RolesDialog

from .conftest import contract, settle_dialog


def open_dialog(qtbot, service, tender):
    dialog = RolesDialog(service, tender)
    qtbot.addWidget(dialog, before_close_func=settle_dialog)
    dialog.show()
    return dialog


def test_checklists_are_the_policy_words_and_save_per_tender(qtbot, service):
    stored = service.create(contract())
    dialog = open_dialog(qtbot, service, stored)
    content = service.content.roles
    assert dialog.editor.count() == len(ROLES)
    page = dialog.editor.pages["contract_management_lead"]
    texts = [box.text() for box in page.checklist.boxes.values()]
    assert texts == list(content["contract_management_lead"].responsibilities)
    assert dialog.editor.pages["procurement_lead"].name.text() == "Priya Patel"

    dialog.editor.setCurrentWidget(page)
    qtbot.mouseClick(page.checklist.boxes["1"].box, Qt.MouseButton.LeftButton)
    page.name.clear()
    qtbot.keyClicks(page.name, "Sam Okafor")
    assert dialog.editor.tabText(ROLES.index("contract_management_lead")).endswith("(1/4)")
    assert page.progress.text() == "1 of 4 responsibilities ticked."
    assert dialog.dirty
    with qtbot.waitSignal(dialog.saved):
        pass  # saved once the typing pauses
    assert not dialog.dirty

    again = service.get(stored.reference)
    assert again.role_checklists == {"contract_management_lead": [content["contract_management_lead"].responsibilities[1]]}
    assert again.leads["contract_management_lead"] == "Sam Okafor"
    assert again.leads["procurement_lead"] == "Priya Patel"
    reopened = open_dialog(qtbot, service, again)
    assert reopened.editor.pages["contract_management_lead"].checklist.checked() == ["1"]


def test_ticks_on_words_no_longer_in_the_policy_are_kept(qtbot, service):
    tender = contract()
    tender.role_checklists = {"bid_lead": ["An older wording of a duty"]}
    stored = service.create(tender)
    dialog = open_dialog(qtbot, service, stored)
    bid = dialog.editor.pages["bid_lead"]
    assert bid.checklist.checked() == []
    bid.checklist.boxes["0"].box.click()
    dialog.save()
    assert service.get(stored.reference).role_checklists["bid_lead"] == [
        service.content.roles["bid_lead"].responsibilities[0], "An older wording of a duty"]


def test_close_saves_what_is_waiting_without_asking(qtbot, service):
    stored = service.create(contract())
    dialog = open_dialog(qtbot, service, stored)
    dialog.editor.pages["finance_lead"].checklist.boxes["0"].box.click()
    assert dialog.autosaver.timer.isActive()
    dialog.close_button.click()  # any question would fail the test
    assert not dialog.isVisible()
    assert service.get(stored.reference).role_checklists == {
        "finance_lead": [service.content.roles["finance_lead"].responsibilities[0]]}


def test_a_tender_changed_elsewhere_is_not_overwritten(qtbot, service, monkeypatch):
    stored = service.create(contract())
    dialog = open_dialog(qtbot, service, stored)
    other = service.get(stored.reference)
    other.title = "Changed by a colleague"
    service.save(other)
    dialog.editor.pages["finance_lead"].checklist.boxes["0"].box.click()
    assert dialog.save() is False
    assert dialog.save_status.state == "conflict" and dialog.save_status.reload_button.isVisible()
    assert "changed" in dialog.save_status.text() and dialog.isVisible()
    assert service.get(stored.reference).title == "Changed by a colleague"


def test_names_and_mnemonics(qtbot, service):
    dialog = open_dialog(qtbot, service, service.create(contract()))
    page = dialog.editor.pages["procurement_lead"]
    assert page.name.accessibleName() == "Name"
    assert [box.box.accessibleName() for box in page.checklist.boxes.values()] == list(
        service.content.roles["procurement_lead"].responsibilities)
    buddied = [label for label in page.findChildren(QLabel) if label.buddy() is not None]
    assert buddied and all("&" in label.text() for label in buddied)
    assert dialog.close_button.accessibleName() and dialog.save_status.reload_button.accessibleName()
