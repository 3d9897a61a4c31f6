"""The text guard: a NUL is taken out of any text input the moment it arrives, listeners only ever see the
clean text, the manager is told in one line, and pasting past a field's limit is announced."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextBrowser, QVBoxLayout, QWidget

from sv_desktop.ui.widgets.text_guard import TextGuard, utf16_length


@pytest.fixture
def guarded(qtbot):
    """A window with a line, a note and a read-only browser, guarded; (line, note, browser, notices)."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    line, area, browser = QLineEdit(), QPlainTextEdit(), QTextBrowser()
    line.setAccessibleName("Supplier name")
    area.setAccessibleName("Notes")
    for widget in (line, area, browser):
        layout.addWidget(widget)
    guard = TextGuard(window)
    notices: list[str] = []
    guard.notice.connect(notices.append)
    assert guard.watch(window) == 2 and guard.watch(window) == 0  # the browser is read-only; once each
    yield line, area, browser, notices


def test_a_nul_typed_into_a_line_is_removed_and_listeners_see_the_clean_text(guarded):
    line, _area, _browser, notices = guarded
    edited: list[str] = []
    line.textEdited.connect(edited.append)
    line.setText("O<Brien")
    line.setCursorPosition(7)
    line.insert("\x00 & \U0001F691\x00Co")
    assert line.text() == "O<Brien & \U0001F691Co"
    assert line.cursorPosition() == utf16_length(line.text())
    assert edited and edited[-1] == line.text() and "\x00" not in "".join(edited[-1:])
    assert notices == ["Removed an invisible NUL character from Supplier name: it cannot be stored. "
                       "The rest of the text is kept."]


def test_every_nul_in_a_note_goes_with_one_message(guarded):
    _line, area, _browser, notices = guarded
    seen: list[str] = []
    area.textChanged.connect(lambda: seen.append(area.toPlainText()))
    area.setPlainText("line one\x00\nשלום\x00 <b>x</b>\x00")
    assert area.toPlainText() == "line one\nשלום <b>x</b>"
    assert seen[-1] == area.toPlainText()
    assert len(notices) == 1 and "Notes" in notices[0]
    area.insertPlainText(" more")
    assert len(notices) == 1, "clean text says nothing"


def test_pasting_past_the_limit_is_announced_but_typing_up_to_it_is_not(guarded):
    line, _area, _browser, notices = guarded
    line.setMaxLength(10)
    line.insert("a" * 9)
    assert notices == []
    line.insert("b")  # one keystroke that fills the field exactly: nothing was cut
    assert line.text() == "a" * 9 + "b" and notices == []
    line.clear()
    line.insert("c" * 25)
    assert line.text() == "c" * 10
    assert notices == ["Supplier name holds at most 10 characters: anything after that was not kept."]
    line.clear()
    line.insert("\x00" + "d" * 25)
    assert line.text() == "d" * 9
    assert len(notices) == 2 and "NUL" in notices[1] and "at most 10" in notices[1]
