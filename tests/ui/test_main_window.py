"""The main window: list, search, new/open/duplicate/delete with undo, files, bin, tools, settings, help."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from sv_desktop.ui.bin_dialog import BinDialog
from sv_desktop.ui.help_dialogs import HelpDialog
from sv_desktop.ui.main_window import MainWindow
from sv_desktop.ui.settings_dialog import SettingsDialog
from sv_desktop.ui.tender_table import COL_COMPLIANCE, COL_TITLE, COL_VALUE, REFERENCE_ROLE
from sv_desktop.ui.tools_dialogs import TextReportDialog
from sv_desktop.ui.window_state import STATE_FILE

from .conftest import answer


def add(service, title, value=0, weighting=10):
    tender = service.new_tender()
    tender.title = title
    tender.value_excl_vat_gbp = Decimal(value)
    tender.social_value_weighting_pct = tender.themes[0].weighting_pct = Decimal(weighting)
    return service.create(tender)


def shown_titles(window):
    return [window.proxy.index(r, COL_TITLE).data() for r in range(window.proxy.rowCount())]


def test_list_columns_compliance_by_icon_and_text(qtbot, fake_service, open_main):
    good = add(fake_service, "Laundry", 1250000)
    add(fake_service, "Catering", 300, weighting=5)
    window = open_main(fake_service)
    assert window.stack.currentIndex() == 0
    row = window.model.row_of(good.reference)
    assert window.model.index(row, COL_VALUE).data() == "£1,250,000"
    assert window.model.index(row, COL_COMPLIANCE).data() == "Compliant"
    assert not window.model.index(row, COL_COMPLIANCE).data(Qt.ItemDataRole.DecorationRole).isNull()
    bad = window.model.row_of(fake_service.list_tenders("Catering")[0].reference)
    assert window.model.index(bad, COL_COMPLIANCE).data() == "Not compliant"
    assert window.count_label.text() == "2 tenders"


def test_empty_list_invites_a_new_tender(qtbot, fake_service, open_main):
    window = open_main(fake_service)
    assert window.stack.currentIndex() == 1
    qtbot.mouseClick(window.empty_new, Qt.MouseButton.LeftButton)
    assert len(window.wizards) == 1


def test_search_filters_as_you_type(qtbot, fake_service, open_main):
    add(fake_service, "Patient transport")
    add(fake_service, "Laundry service")
    window = open_main(fake_service)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "laund")
    assert shown_titles(window) == ["Laundry service"]
    assert window.count_label.text() == "1 of 2 tenders shown"
    window.search.clear()
    qtbot.keyClicks(window.search, "zzz")
    assert shown_titles(window) == [] and "No tender matches" in window.no_match.text()
    window.search.clear()
    assert len(shown_titles(window)) == 2


def test_new_with_ctrl_n_then_the_list_shows_it_once_saved(qtbot, fake_service, open_main):
    window = open_main(fake_service)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizards[-1]
    qtbot.keyClicks(wizard.page(0).title_field.edit, "Grounds maintenance")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert shown_titles(window) == ["Grounds maintenance"]


def test_enter_opens_and_a_second_open_raises_the_same_window(qtbot, fake_service, open_main):
    tender = add(fake_service, "Laundry")
    window = open_main(fake_service)
    window.table.setFocus()
    window.select(tender.reference)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    window.open_selected()  # asked twice while the tender is being read: one window
    qtbot.waitUntil(lambda: len(window.wizards) == 1, timeout=5000)  # read off the UI thread
    assert window.wizards[0].tender.title == "Laundry"
    window.open_selected()
    qtbot.wait(50)
    assert len(window.wizards) == 1


def test_delete_asks_moves_to_the_bin_and_undo_brings_it_back(qtbot, fake_service, open_main, monkeypatch):
    tender = add(fake_service, "Laundry")
    window = open_main(fake_service)
    window.select(tender.reference)
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    window.delete_selected()
    assert asked and "bin" in asked[0] and window.model.rowCount() == 1
    answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.model.rowCount() == 0
    assert not window.undo_bar.isHidden() and tender.reference in window.undo_bar.label.text()
    qtbot.mouseClick(window.undo_bar.button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 1 and window.selected_reference() == tender.reference


def test_duplicate(qtbot, fake_service, open_main):
    tender = add(fake_service, "Laundry")
    window = open_main(fake_service)
    window.select(tender.reference)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert sorted(shown_titles(window)) == ["Copy of Laundry", "Laundry"]
    assert window.proxy.index(window.table.currentIndex().row(), COL_TITLE).data() == "Copy of Laundry"


def test_import_error_is_explained_and_export_asks_before_replacing(qtbot, fake_service, open_main, monkeypatch,
                                                                   tmp_path):
    tender = add(fake_service, "Laundry")
    window = open_main(fake_service)
    bad = tmp_path / "bad.svtender.json"
    bad.write_text("{}")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    warned = answer(monkeypatch, "warning", QMessageBox.StandardButton.Ok)
    window.window_actions.import_file()
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)  # the import runs off the UI thread
    assert "bad.svtender.json" in warned[0]

    window.select(tender.reference)
    target = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.window_actions.export_file()
    written = Path(str(target) + ".svtender.json")
    qtbot.waitUntil(written.exists, timeout=5000)  # written off the UI thread
    assert written.read_text() == "file export"
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    written.write_text("keep")
    window.window_actions.export_file()
    assert asked and written.read_text() == "keep"


def test_bin_dialog_restores(qtbot, fake_service):
    tender = add(fake_service, "Laundry")
    fake_service.delete(tender.reference)
    dialog = BinDialog(fake_service)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.selected_reference() == tender.reference
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert fake_service.list_bin() == [] and dialog.model.rowCount() == 0
    assert not dialog.empty.isHidden()


def test_tools_backup_and_doctor(qtbot, fake_service, open_main, monkeypatch):
    window = open_main(fake_service)
    window.window_actions.backup_now()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Backed up "), timeout=5000)
    shown = []
    monkeypatch.setattr(TextReportDialog, "exec", lambda self: shown.append(self.text.toPlainText()) or 0)
    window.window_actions.check_database()
    assert "Database integrity: ok" in shown[0]


def test_settings_dialog_validates_and_saves(qtbot, fake_service):
    dialog = SettingsDialog(fake_service)
    qtbot.addWidget(dialog)
    assert dialog.postcodes.text() == "LE, NN"
    assert dialog.folder.isReadOnly() and dialog.folder.text() == str(fake_service.data_dir)
    dialog.postcodes.edit.clear()
    qtbot.keyClicks(dialog.postcodes.edit, "LE1")
    assert "letters only" in dialog.postcodes.message.text()
    assert not dialog.ok_button.isEnabled()
    dialog.postcodes.edit.clear()
    qtbot.keyClicks(dialog.postcodes.edit, "le, nn, de")
    dialog.word_limit.edit.clear()
    qtbot.keyClicks(dialog.word_limit.edit, "500")
    dialog.organisation.edit.clear()
    qtbot.keyClicks(dialog.organisation.edit, "Northamptonshire Healthcare NHS Foundation Trust")
    dialog.scale.setCurrentIndex(dialog.scale.findData("0-100"))
    qtbot.keyClicks(dialog.contact_email.edit, "procurement at trust")
    assert "email address" in dialog.contact_email.message.text() and not dialog.ok_button.isEnabled()
    dialog.contact_email.edit.clear()
    qtbot.keyClicks(dialog.contact_email.edit, "procurement@trust.nhs.uk")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settings = fake_service.settings
    assert settings.contact_email == "procurement@trust.nhs.uk"
    assert settings.local_postcode_areas == ["LE", "NN", "DE"]
    assert (settings.default_word_limit, settings.default_scoring_scale) == (500, "0-100")
    assert settings.organisation.startswith("Northamptonshire") and settings.saved == 1


def test_help_and_about(qtbot, fake_service, open_main, monkeypatch):
    window = open_main(fake_service)
    opened = []
    monkeypatch.setattr(HelpDialog, "exec", lambda self: opened.append(self.browser.toPlainText()) or 0)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert opened and "The seven steps" in opened[0] and "Ctrl+N" in opened[0]
    about = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda parent, title, text: about.append(text)))
    window.about_action.trigger()
    from sv_desktop import __version__

    assert __version__ in about[0]


def test_window_remembers_its_size_in_the_data_folder(qtbot, fake_service):
    window = MainWindow(fake_service)
    qtbot.addWidget(window)
    window.resize(720, 520)  # within the 800 x 600 offscreen screen
    window.show()
    window.close()
    ini = fake_service.data_dir / STATE_FILE
    assert ini.is_file()
    assert QSettings(str(ini), QSettings.Format.IniFormat).value("main/geometry") is not None
    again = MainWindow(fake_service)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (720, 520)


def test_open_tender_windows_close_with_the_main_window(qtbot, fake_service, open_main):
    tender = add(fake_service, "Laundry")
    window = open_main(fake_service)
    window.select(tender.reference)
    window.open_selected()
    qtbot.waitUntil(lambda: len(window.wizards) == 1, timeout=5000)
    wizard = window.wizards[0]
    title = wizard.page(0).title_field.edit
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " and linen")
    assert window.close()
    assert window.wizards == []
    assert fake_service.get(tender.reference).title == "Laundry and linen", "closing saves what was typed"
    assert window.table.model().index(0, 0).data(REFERENCE_ROLE) == tender.reference


def test_bin_menu_opens_the_dialog(qtbot, fake_service, open_main, monkeypatch):
    window = open_main(fake_service)
    opened = []
    monkeypatch.setattr(BinDialog, "exec", lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    window.bin_action.trigger()
    assert opened


def test_restore_backup_lists_real_backups(qtbot, real_service, open_main, monkeypatch):
    from sv_desktop.ui.tools_dialogs import RestoreBackupDialog

    add(real_service, "Laundry")
    real_service.backup()
    backups = real_service.list_backups()
    dialog = RestoreBackupDialog(backups)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(backups) >= 1
    assert dialog.chosen() == str(backups[-1].path) or dialog.chosen() in {str(b.path) for b in backups}
    window = open_main(real_service)
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window.window_actions.restore_backup()
    assert window.model.rowCount() == 1, "cancelling changes nothing"


def test_restore_backup_from_the_menu_brings_the_list_back(qtbot, real_service, open_main, monkeypatch):
    from sv_desktop.ui.tools_dialogs import RestoreBackupDialog

    add(real_service, "Laundry")
    backup = real_service.backup()
    add(real_service, "Added later")
    window = open_main(real_service)
    assert window.model.rowCount() == 2
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(RestoreBackupDialog, "chosen", lambda self: str(backup))
    window.window_actions.restore_backup()
    assert window.model.rowCount() == 1
    assert "Restored" in window.statusBar().currentMessage()


def test_keys_in_the_search_box_edit_the_search_not_the_list(qtbot, fake_service, open_main, monkeypatch):
    """Delete deletes only in the list: in the search box it edits the search. Enter in the search box opens
    the tender the search highlights (it has no other meaning there)."""
    tender = add(fake_service, "Laundry")
    window = open_main(fake_service)
    window.select(tender.reference)
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    window.search.setFocus()
    window.search.setText("Laund")
    window.search.setCursorPosition(0)
    qtbot.keyClick(window.search, Qt.Key.Key_Delete)
    assert window.search.text() == "aund"
    assert not asked and window.wizards == [] and fake_service.get(tender.reference).title == "Laundry"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.search.text() == "aund"
    qtbot.waitUntil(lambda: bool(window.wizards), timeout=5000)  # the tender is read off the UI thread
    assert [w.tender.reference for w in window.wizards] == [tender.reference]
    assert window.open_action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert window.delete_action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert [s.toString() for s in window.open_action.shortcuts()] == ["Return", "Enter"]


def test_the_first_screen_looks_as_designed(qtbot, tmp_path):
    """What is built before the window first shows (set by key name, see ui/qt_names.py) is as intended."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QLabel

    window = MainWindow(data_dir=tmp_path)
    qtbot.addWidget(window)
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert window.undo_bar.label.textFormat() == Qt.TextFormat.PlainText
    assert window.policy_label.textFormat() == Qt.TextFormat.PlainText
    loading = window.stack.currentWidget().findChildren(QLabel)
    assert [label.text() for label in loading][0] == "Loading tenders…"
    assert all(label.alignment() == Qt.AlignmentFlag.AlignCenter for label in loading)
    assert window.new_action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.New)
    assert window.find_action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Find)
    assert [s.toString() for s in window.duplicate_action.shortcuts()] == ["Ctrl+D"]
    assert [s.toString() for s in window.quit_action.shortcuts()] == ["Ctrl+Q"]
    assert not window.new_action.isEnabled()  # nothing that needs the database before it is open


def test_a_misspelt_enum_name_is_refused_not_ignored(qtbot):
    from PySide6.QtWidgets import QLabel

    from sv_desktop.ui.qt_names import set_by_name

    label = QLabel("x")
    qtbot.addWidget(label)
    set_by_name(label, "alignment", "AlignRight|AlignTop")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    with pytest.raises(ValueError, match="no value 'AlignCentre'"):
        set_by_name(label, "alignment", "AlignCentre")
    with pytest.raises(ValueError, match="no property 'alignement'"):
        set_by_name(label, "alignement", "AlignCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
