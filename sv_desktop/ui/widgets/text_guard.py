"""Free-text inputs that never hold what cannot be stored, and say so.

A NUL character (pasted from a binary file or a damaged document) is refused by the store, on SQLite as on
PostgreSQL, for the whole tender: one stray NUL would stop every other change from being saved. The guard
takes it out the moment it arrives, keeps the rest of the text and the cursor where they were, and says so
in one line. It also says when pasted text was cut at a field's length limit, rather than dropping the rest
without a word.

Inputs are found generically (every editable QLineEdit, QPlainTextEdit and QTextEdit under a window), so
a field added later is guarded as soon as `watch` runs again.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ...i18n import _

NUL = "\x00"
GUARDED = "svTextGuard"


def utf16_length(text: str) -> int:
    """Length as Qt counts it (maxLength, cursor positions): characters beyond U+FFFF count twice."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def field_name(widget: QWidget) -> str:
    """What a screen reader calls the field, for the message."""
    name = widget.accessibleName()
    if not name:
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    name = " ".join(name.split())
    return name[:60] or _("this field")


def nul_message(widget: QWidget) -> str:
    return _("Removed an invisible NUL character from {field}: it cannot be stored. "
             "The rest of the text is kept.").format(field=field_name(widget))


def limit_message(widget: QLineEdit) -> str:
    return _("{field} holds at most {limit:,} characters: anything after that was not kept.").format(
        field=field_name(widget), limit=widget.maxLength())


def descendants(root: QWidget) -> Iterator[QWidget]:
    """`root` and every widget under it, parents first.

    Walked through `children()`, not `root.findChildren()`: PySide ties each widget `findChildren` returns
    to `root`'s Python object, so when Python collects a closed window it also deletes the widgets Qt made
    itself (a splitter's handles, a spin box's line edit), which Qt then deletes a second time: a crash.
    """
    stack = [root]
    while stack:
        widget = stack.pop()
        yield widget
        stack.extend(child for child in reversed(widget.children()) if isinstance(child, QWidget))


class TextGuard(QObject):
    notice = Signal(str)
    """A one-line message for the manager (NUL removed, text cut at the limit)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self._lengths: dict[int, int] = {}

    def watch(self, root: QWidget) -> int:
        """Guard every editable text input in `root` (and `root` itself) not guarded yet; how many were new."""
        added = 0
        for widget in descendants(root):
            if widget.property(GUARDED):
                continue
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(lambda _text, w=widget: self._line_changed(w))
                self._lengths[id(widget)] = utf16_length(widget.text())
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
                widget.textChanged.connect(lambda w=widget: self._document_changed(w))
            else:
                continue
            widget.setProperty(GUARDED, True)
            added += 1
        return added

    # ---- one-line inputs

    def _line_changed(self, edit: QLineEdit) -> None:
        if self._busy:
            return
        text = edit.text()
        length = utf16_length(text)
        previous = self._lengths.get(id(edit), 0)
        # Reached the limit in one go (a paste, not a keystroke): whatever came after it was cut off.
        cut = length >= edit.maxLength() > previous and length - previous > 1
        messages = [limit_message(edit)] if cut else []
        if NUL in text:
            self._busy = True
            try:
                position = edit.cursorPosition()
                before = text.encode("utf-16-le", "surrogatepass")[: position * 2].decode(
                    "utf-16-le", "surrogatepass").count(NUL)
                text = text.replace(NUL, "")
                edit.setText(text)
                edit.setCursorPosition(max(0, position - before))
            finally:
                self._busy = False
            length = utf16_length(text)
            messages.insert(0, nul_message(edit))
            edit.textEdited.emit(text)  # whoever listens for edits reads the clean text
        self._lengths[id(edit)] = length
        if messages:
            self.notice.emit(" ".join(messages))

    # ---- multi-line inputs

    def _document_changed(self, edit: QPlainTextEdit | QTextEdit) -> None:
        if self._busy:
            return
        document = edit.document()
        found = document.find(NUL)
        if found.isNull():
            return
        self._busy = True
        try:
            block = QTextCursor(document)
            block.beginEditBlock()
            while not found.isNull():
                found.removeSelectedText()
                found = document.find(NUL, found)
            block.endEditBlock()  # one more textChanged: every listener reads the clean text
        finally:
            self._busy = False
        self.notice.emit(nul_message(edit))
