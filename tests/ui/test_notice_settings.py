"""The settings the notices and the committee report read: organisation identifier, open contracting prefix
and report author, typed key by key and saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sv_desktop.ui.settings_dialog import SettingsDialog


def test_notice_and_report_settings_are_typed_and_saved(qtbot, fake_service):
    dialog = SettingsDialog(fake_service)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.identifier.edit, "GB-NHS-RT5")
    qtbot.keyClicks(dialog.ocid_prefix.edit, "ocds-12")
    assert "Open Contracting Partnership" in dialog.ocid_prefix.message.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.ocid_prefix.edit, "3abc")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.report_author.edit, "Head of Procurement")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settings = fake_service.settings
    assert (settings.organisation_identifier, settings.ocid_prefix, settings.report_author) == (
        "GB-NHS-RT5", "ocds-123abc", "Head of Procurement")
