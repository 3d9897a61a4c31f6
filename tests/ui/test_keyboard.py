"""Every key works: in the main window, on every step of the wizard and in every dialog, no two things
claim the same Alt+letter or shortcut (Qt would then do nothing, or only move the focus)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from .keyboard_audit import collisions
from .windows import every_window


def test_no_window_has_two_things_on_one_key(qtbot, real_service):
    problems = []
    names = []
    for name, window in every_window(real_service, (1366, 768)):
        names.append(name)
        problems += collisions(window, f"{name}: ")
    assert "main window" in names and "wizard step 7 (review)" in names and "compliance report" in names
    assert problems == [], "\n".join(problems)


def test_the_audit_finds_a_collision(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("Tender &notice date", window)
    label.setBuddy(QLineEdit(window))
    QPushButton("&Next", window)
    window.show()
    assert any("Alt+N" in p for p in collisions(window))


def test_no_standard_key_that_is_two_keys_on_linux():
    """QKeySequence.StandardKey.Delete is Del and also Ctrl+D on Linux desktops (Duplicate's key there);
    offscreen it is only Del, so the audit above cannot see it: write the key out instead."""
    sources = Path(__file__).resolve().parents[2] / "sv_desktop" / "ui"
    users = [str(p.relative_to(sources)) for p in sources.rglob("*.py") if "StandardKey.Delete" in p.read_text()]
    assert users == []


def test_alt_n_and_alt_b_move_between_steps(qtbot, real_service, open_wizard):
    from PySide6.QtCore import Qt

    from sv_desktop.ui.wizard.page_ids import PageId

    from .test_focus_chain import demo_tender

    wizard = open_wizard(real_service, demo_tender(real_service))
    wizard.go_to(PageId.DETAILS)
    wizard.page(PageId.DETAILS).title_field.edit.setFocus()
    # A mnemonic "animates" its button's click: the step changes a moment after the key.
    qtbot.keyClick(wizard.page(PageId.DETAILS).title_field.edit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.SPEC, timeout=1000)
    qtbot.keyClick(wizard, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.current_page_id() == PageId.DETAILS, timeout=1000)


def test_escape_closes_a_lifecycle_dialog_and_saves_what_is_waiting(qtbot, real_service):
    """The lifecycle dialogs save as the manager types; leaving one from the keyboard saves the rest."""
    from PySide6.QtCore import Qt

    from sv_desktop.ui.lifecycle.roles import RolesDialog

    from .test_focus_chain import demo_tender

    tender = real_service.save(demo_tender(real_service))
    dialog = RolesDialog(real_service, tender)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.mark_dirty()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not dialog.dirty
