"""Acceptance: hostile text in every text input of the lifecycle dialogs (roles, engagement, award and
delivery) and of Settings, on the real app over a real SQLite file, saved, the app started again, and
every field showing exactly what it showed before. A date that cannot be read is not saved and says
so, and nothing else typed is lost meanwhile.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from sv_desktop.services.tender_service import open_service
from sv_desktop.settings import load_settings
from sv_desktop.ui.settings_dialog import SettingsDialog
from sv_desktop.ui.widgets.fields import ValidatedField

from .acceptance_text import assert_shown_again, assert_stored, hostile, settle, type_everywhere
from .test_acceptance_hostile import close_app, open_main
from .test_acceptance_walk import delivery_contract

REFERENCE = "LPT-DEL-001"
DIALOGS = ("open_roles", "open_engagement", "open_delivery")


def put_refused_right(dialog) -> int:
    """Show the last good value again in every field that refused its text; how many there were."""
    fields = [f for f in dialog.findChildren(ValidatedField) if not f.is_valid()]
    for field in fields:
        field.set_value(field.value())
    return len(fields)


def test_hostile_text_in_every_lifecycle_dialog_is_kept_after_a_restart(qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "data"
    service = open_service(data_dir=folder)
    service.create(delivery_contract(service.today()))
    window = open_main(qtbot, service)
    window.select(REFERENCE)
    typed = {}
    for opener in DIALOGS:
        dialog = getattr(window.lifecycle, opener)()
        qtbot.waitUntil(dialog.isVisible)
        notices: list[str] = []
        dialog.text_guard.notice.connect(notices.append)
        typed[opener] = type_everywhere(dialog, opener, notices)
        assert typed[opener], opener
        refused = [r for r in typed[opener] if r.refused]
        if refused:
            assert not dialog.save() and dialog.isVisible(), f"{opener}: saved with a date it could not read"
            assert "not saved yet" in dialog.status.text()
            assert put_refused_right(dialog) == len(refused)
        assert dialog.save()
        dialog.close_button.click()
        assert not dialog.isVisible()
        settle()
    names = {r.name for records in typed.values() for r in records}
    assert {"Name", "Event", "Notes", "Supplier name", "Postcode", "Renewal requirements", "Result",
            "Title", "The case study"} <= names
    close_app(window, service)

    service = open_service(data_dir=folder)
    try:
        stored = service.get(REFERENCE)
        for records in typed.values():
            assert_stored(records, stored)
        window = open_main(qtbot, service)
        window.select(REFERENCE)
        for opener in DIALOGS:
            dialog = getattr(window.lifecycle, opener)()
            qtbot.waitUntil(dialog.isVisible)
            assert_shown_again(typed[opener], dialog, opener)
            assert not dialog.dirty, f"{opener}: showing the stored text counted as a change"
            dialog.reject()
    finally:
        close_app(window, service)


def test_settings_keep_hostile_organisation_names_and_refuse_the_rest(qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "data"
    service = open_service(data_dir=folder)
    try:
        dialog = SettingsDialog(service)
        qtbot.addWidget(dialog)
        dialog.show()
        notices: list[str] = []
        dialog.text_guard.notice.connect(notices.append)
        records = type_everywhere(dialog, "s", notices, length=300)
        refused = {r.name for r in records if r.refused}
        # 300 characters are more than an identifier (100) or an author (200) may have; a prefix has a format.
        assert refused == {"Local postcode areas", "Default word limit", "Contact email for suppliers",
                           "Organisation identifier", "Open contracting prefix", "Compliance report author"}
        assert not dialog.ok_button.isEnabled()
        put_refused_right(dialog)
        dialog._update_ok()
        assert dialog.ok_button.isEnabled()
        organisation = next(r for r in records if r.name == "Organisation")
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert load_settings(service.paths).organisation == organisation.shown.strip()
        assert "\x00" not in organisation.shown and "NUL" in " ".join(notices)
        too_long = SettingsDialog(service)
        qtbot.addWidget(too_long)
        too_long.organisation.edit.setText(hostile("long"))
        too_long.organisation.edit.textEdited.emit(too_long.organisation.edit.text())
        too_long._update_ok()
        assert too_long.organisation.problem() and not too_long.ok_button.isEnabled()
    finally:
        service.close()


def test_roles_dialog_never_rewrites_names_it_was_not_asked_to_change(qtbot, tmp_path):
    """Leads typed in the wizard (up to 100,000 characters, any spacing) survive a save of the roles
    dialog that only ticked a box: the name field's 500-character limit and tidying apply to typing only."""
    from sv_desktop.ui.lifecycle.roles import RolesDialog

    service = open_service(data_dir=tmp_path / "data")
    try:
        tender = delivery_contract(service.today())
        tender.leads = {"procurement_lead": hostile("lead").replace("\x00", ""),
                        "bid_lead": "  Ama\tOkafor  (interim) "}
        stored = service.create(tender)
        dialog = RolesDialog(service, stored)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.editor.pages["finance_lead"].checklist.boxes["0"].box.click()
        with qtbot.waitSignal(dialog.saved):
            assert dialog.save()
        again = service.get(stored.reference)
        assert again.leads == stored.leads
        assert again.role_checklists["finance_lead"]
    finally:
        service.close()
