"""Keyboard and screen readers: every focusable widget has an accessible name, and Tab follows the
visual order of each page (down a column, then on to the column to its right).

Documented exceptions to the order: the step sidebar comes first and the Help / Back / Next / Close
buttons and the findings and help panels come after the page, as in any wizard; they are still named.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from sv_desktop.demo import demo_files, with_bank_questions
from sv_desktop.model.tender_file import read_tender_file
from sv_desktop.ui.bin_dialog import BinDialog
from sv_desktop.ui.settings_dialog import SettingsDialog
from sv_desktop.ui.wizard.page_ids import PageId

TOLERANCE = 6


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def focus_chain(window: QWidget) -> list[QWidget]:
    """Widgets Tab reaches, in order, starting from the window."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    seen = set()
    while widget is not window and id(widget) not in seen:
        seen.add(id(widget))
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus \
                and widget.isVisible() and widget.isEnabled() and widget.window() is window:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} {accessible_name(widget)!r}"


def assert_named(widgets: list[QWidget]) -> None:
    unnamed = [describe(w) for w in widgets if not accessible_name(w).strip()]
    assert not unnamed, f"focusable widgets without an accessible name: {unnamed}"


def assert_visual_order(widgets: list[QWidget], origin: QWidget) -> None:
    """Each next widget is below (or beside, to the right on the same row), or starts a column to the right."""
    for before, after in zip(widgets, widgets[1:], strict=False):
        a = before.mapTo(origin, QPoint(0, 0))
        b = after.mapTo(origin, QPoint(0, 0))
        same_row = abs(a.y() - b.y()) <= TOLERANCE
        downward = b.y() > a.y() + TOLERANCE
        new_column = b.x() >= a.x() + before.width() - TOLERANCE
        ok = (same_row and b.x() >= a.x() - TOLERANCE) or (downward and not same_row) or new_column
        assert ok, f"Tab goes from {describe(before)} at {a.toTuple()} back to {describe(after)} at {b.toTuple()}"


def demo_tender(service):
    path = next(p for p in demo_files() if "transport" in p.name)
    tender, _created = service.import_tender(with_bank_questions(read_tender_file(path), service.bank))
    return service.get(tender.reference)


def test_every_wizard_page_is_named_and_in_visual_order(qtbot, real_service, open_wizard):
    wizard = open_wizard(real_service, demo_tender(real_service))
    for page_id in PageId:
        wizard.go_to(page_id)
        page = wizard.page(page_id)
        if page_id == PageId.THEMES:
            page.boxes["wellbeing"].setChecked(True)  # show a guide with enabled actions
        QApplication.processEvents()
        chain = focus_chain(wizard)
        assert_named(chain)
        on_page = [w for w in chain if page.isAncestorOf(w)]
        assert len(on_page) >= 3, f"{page_id.name}: too few focusable widgets found"
        page.scroll_area.widget().resize(page.scroll_area.widget().sizeHint())
        assert_visual_order(on_page, page)
        outside = [w for w in chain if not page.isAncestorOf(w)]
        assert wizard.sidebar in outside and wizard.close_button in outside


def test_the_sidebar_comes_first_and_the_buttons_after_the_page(qtbot, real_service, open_wizard):
    wizard = open_wizard(real_service, demo_tender(real_service))
    chain = focus_chain(wizard)
    page = wizard.current_page()
    first_page_widget = next(i for i, w in enumerate(chain) if page.isAncestorOf(w))
    assert chain.index(wizard.sidebar) < first_page_widget
    assert chain.index(wizard.next_button) > max(i for i, w in enumerate(chain) if page.isAncestorOf(w))


def test_labels_have_mnemonics_and_buddies(qtbot, real_service, open_wizard):
    from PySide6.QtWidgets import QLabel

    wizard = open_wizard(real_service, demo_tender(real_service))
    for page_id in (PageId.DETAILS, PageId.LOCAL, PageId.WEIGHTING, PageId.REQUIREMENTS):
        page = wizard.page(page_id)
        buddied = [label for label in page.findChildren(QLabel) if label.buddy() is not None]
        assert buddied, page_id.name
        for label in buddied:
            assert "&" in label.text(), f"{page_id.name}: {label.text()!r} has a buddy but no mnemonic"


def test_main_window_and_dialogs_are_named(qtbot, real_service, open_main):
    demo_tender(real_service)
    window = open_main(real_service)
    assert_named(focus_chain(window))
    for dialog in (SettingsDialog(real_service), BinDialog(real_service)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert_named(focus_chain(dialog))


def test_mnemonics_move_the_focus(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    details = wizard.page(PageId.DETAILS)
    qtbot.keyClick(wizard, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert details.title_field.edit.hasFocus()
    qtbot.keyClick(wizard, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # Alt+V opens the View menu
    assert details.value.edit.hasFocus()
    wizard.go_to(PageId.SPEC)
    qtbot.keyClick(wizard, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    spec = wizard.page(PageId.SPEC)
    assert spec.considered.box.hasFocus()
    qtbot.keyClick(wizard, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # Alt+N is Next
    assert spec.notes.hasFocus()


def mnemonic(text: str) -> str | None:
    cleaned = text.replace("&&", "")
    index = cleaned.find("&")
    return cleaned[index + 1].lower() if 0 <= index < len(cleaned) - 1 else None


def test_no_two_visible_mnemonics_clash_on_any_page(qtbot, real_service, open_wizard):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    wizard = open_wizard(real_service, demo_tender(real_service))
    for page_id in PageId:
        wizard.go_to(page_id)
        QApplication.processEvents()
        letters: dict[str, str] = {}
        for widget in wizard.findChildren(QLabel) + wizard.findChildren(QAbstractButton):
            if not widget.isVisible():
                continue
            letter = mnemonic(widget.text())
            if letter is None or (isinstance(widget, QLabel) and widget.buddy() is None):
                continue
            assert letter not in letters, f"{page_id.name}: Alt+{letter} is both {letters[letter]!r} and {widget.text()!r}"
            letters[letter] = widget.text()
