"""A long session of typing and signals must not wear out None and True.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every Python override returning None and to
True on every Signal.emit(), aborting the interpreter after a few thousand events; pyproject.toml keeps
that release out. This test fails on any PySide6 that miscounts them again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from sv_desktop.ui.wizard.page_ids import PageId


class Source(QObject):
    ping = Signal(str)


class Resizing(QWidget):
    def resizeEvent(self, event):  # noqa: N802 - a Qt override returning None
        return None


def test_events_and_emits_keep_none_and_true_counted(qtbot):
    source = Source()
    received: list[str] = []
    source.ping.connect(received.append)
    widget = Resizing()
    qtbot.addWidget(widget)
    widget.show()
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(3000):
        source.ping.emit(str(i))
        widget.resize(100 + i % 40, 80)
    assert len(received) == 3000
    # Allow a little drift from objects created meanwhile; a miscount loses thousands.
    assert sys.getrefcount(None) - before_none > -100
    assert sys.getrefcount(True) - before_true > -100


def test_a_long_typing_session_in_the_wizard(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = wizard.page(PageId.SPEC)
    wizard.go_to(PageId.SPEC)
    before = sys.getrefcount(None)
    qtbot.keyClicks(page.notes, "Electric fleet and route planning. " * 20)
    assert wizard.tender.spec_refresh.notes.startswith("Electric fleet")
    assert sys.getrefcount(None) - before > -100
