"""Typing hostile text into every text input of a window, found generically, and checking it came back.

`type_everywhere` pastes a different hostile text (markup, emoji, right-to-left, control characters, a
NUL, 20,000 characters) into each editable QLineEdit / QPlainTextEdit / QTextEdit it finds, tab by tab,
and records what the field shows afterwards. A field either keeps the text (minus the NUL, cut at its
length limit, both announced) or refuses it with a message under the field; nothing else is allowed.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from sv_desktop.export.markup import printed_text
from sv_desktop.ui.widgets.fields import ValidatedField
from sv_desktop.ui.widgets.text_guard import utf16_length

LENGTH = 20_000


def hostile(tag: str, length: int = LENGTH) -> str:
    """A tagged hostile text of about `length` characters, with a NUL near the start."""
    core = (f"[{tag}] O<Brien a & b <b>x</b> <img src=\"x\"> \U0001F691\U0001F331 שלום עולם مرحبا "
            "ctl\x07\x1b nul\x00here end")
    return core + " lorem" * max(0, (length - len(core)) // 6)


@dataclass
class Typed:
    key: tuple
    name: str
    typed: str
    shown: str
    refused: str = ""
    """The message under the field when it refused the text."""
    added: bool = False
    """An "add" box: Enter moved its text into a list and emptied it."""


def text_of(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def _inside(widget: QWidget, kinds) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def text_inputs(root: QWidget) -> list[QWidget]:
    """Every editable, visible text input under `root`, in creation order (not combo or date pickers)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            continue
        if not widget.isVisible() or not widget.isEnabled() or widget.isReadOnly():
            continue
        if _inside(widget, (QComboBox, QAbstractSpinBox, QCalendarWidget)):
            continue
        found.append(widget)
    return found


def field_of(widget: QWidget) -> ValidatedField | None:
    parent = widget.parentWidget()
    return parent if isinstance(parent, ValidatedField) and parent.edit is widget else None


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def places(root: QWidget):
    """Show each tab of each tab widget in `root` in turn (just once when there are none); yields where."""
    tab_widgets = [t for t in root.findChildren(QTabWidget) if t.isVisible()]
    if not tab_widgets:
        yield (0, 0)
        return
    for number, tabs in enumerate(tab_widgets):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            yield (number, index)
        tabs.setCurrentIndex(0)
        settle()


def type_into(widget: QWidget, text: str) -> None:
    """As a paste: select all, insert, then Enter where Enter adds, then Tab away (editing finished)."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    if isinstance(widget, QLineEdit):
        widget.selectAll()
        widget.insert(text)
        if widget.receivers(SIGNAL("returnPressed()")) > 0:
            QTest.keyClick(widget, Qt.Key.Key_Return)
    else:
        widget.selectAll()
        widget.insertPlainText(text)
    QTest.keyClick(widget, Qt.Key.Key_Tab)
    settle()


def type_everywhere(root: QWidget, prefix: str, notices: list[str], length: int = LENGTH) -> list[Typed]:
    """Type into every input of `root`, each tab of each tab widget in turn; what each field did."""
    records: list[Typed] = []
    seen: set[int] = set()
    for place in places(root):
        for widget in text_inputs(root):
            if id(widget) in seen:
                continue
            seen.add(id(widget))
            key = (prefix, place, len(records))
            name = widget.accessibleName() or "unnamed"
            text = hostile(f"{prefix}{len(records)}", length)
            before = len(notices)
            type_into(widget, text)
            shown = text_of(widget)
            field = field_of(widget)
            record = Typed(key, name, text, shown, refused=field.problem() if field is not None else "",
                           added=isinstance(widget, QLineEdit) and not shown and bool(text))
            check_typed(widget, record, notices[before:])
            records.append(record)
    return records


def check_typed(widget: QWidget, record: Typed, notices: list[str]) -> None:
    """What the field shows is the text, minus the NUL, cut only at an announced limit, or refused."""
    assert "\x00" not in record.shown, f"{record.name}: the NUL is still in the field"
    if record.refused:
        field = field_of(widget)
        assert field.message.isVisible() and field.message.text() == record.refused, record.name
        assert widget.accessibleDescription() == record.refused, f"{record.name}: the reader is not told"
        return
    if record.added:
        return
    kept = record.typed  # what the field took in, NUL and all
    if isinstance(widget, QLineEdit) and utf16_length(kept) > widget.maxLength():
        kept = cut_utf16(kept, widget.maxLength())
        assert any("at most" in n for n in notices), f"{record.name}: cut at {widget.maxLength()} without a word"
    expected = kept.replace("\x00", "")
    if "Postcode" in record.name:
        expected = " ".join(expected.upper().split())  # shown as stored: capitals, single spaces
    assert record.shown == expected, f"{record.name}: shows {record.shown[:80]!r}, typed {kept[:80]!r}"
    if "\x00" in kept:
        assert any("NUL" in n for n in notices), f"{record.name}: the NUL was removed without a word"


def cut_utf16(text: str, units: int) -> str:
    """What a QLineEdit with maxLength `units` keeps: Qt counts UTF-16 code units (an emoji is two)."""
    kept, used = [], 0
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            break
        kept.append(char)
    return "".join(kept)


def stored_strings(value) -> set[str]:
    """Every string held anywhere in a tender (dataclasses, lists, dicts)."""
    found: set[str] = set()
    if isinstance(value, str):
        found.add(value)
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            found |= stored_strings(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            found |= stored_strings(key) | stored_strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            found |= stored_strings(item)
    return found


def assert_stored(records: list[Typed], tender) -> None:
    strings = stored_strings(tender)
    for record in records:
        if record.refused:
            assert not any(s.startswith(record.typed[:20]) for s in strings), f"{record.name}: refused, yet saved"
        elif record.added:
            assert record.typed.replace("\x00", "").strip() in strings, f"{record.name}: the added text is lost"
        else:
            assert record.shown in strings, f"{record.name}: {record.shown[:60]!r}... did not come back"


def assert_shown_again(records: list[Typed], root: QWidget, prefix: str) -> None:
    """After reopening, each field shows what it showed when typed into (refused ones show what is stored)."""
    by_key = {r.key: r for r in records}
    seen: set[int] = set()
    count = 0
    lists = []
    for place in places(root):
        lists += [w for w in root.findChildren(QListWidget) if w.isVisible()]
        for widget in text_inputs(root):
            if id(widget) in seen:
                continue
            seen.add(id(widget))
            key = (prefix, place, count)
            count += 1
            record = by_key.get(key)
            assert record is not None, f"{key}: a field that was not there before"
            if record.refused:
                assert text_of(widget) != record.shown or not record.shown, f"{record.name}: refused text shown"
            elif record.added:
                items = {lw.item(i).text() for lw in lists for i in range(lw.count())}
                assert record.typed.replace("\x00", "").strip() in items, f"{record.name}: not in its list"
            else:
                assert text_of(widget) == record.shown, f"{record.name}: {text_of(widget)[:60]!r}"
    assert count == len(records), f"{prefix}: {count} fields now, {len(records)} before"


# ---- reading the exports


def pdf_body(path) -> str:
    """The text of the pages' bodies, whitespace removed: no running header or footer, no diagonal DRAFT
    mark, so text that runs over a page break reads on."""
    from pypdf import PdfReader

    from sv_desktop.export.styles import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT

    parts: list[str] = []

    def visit(text, cm, tm, _font, _size):
        if not text or tm[1] or tm[2] or cm[1] or cm[2]:
            return  # rotated: the watermark
        if MARGIN_BOTTOM - 2 <= tm[5] * cm[3] + cm[5] <= PAGE_HEIGHT - MARGIN_TOP + 2:
            parts.append(text)

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return squash("".join(parts))


def core(text: str) -> str:
    """The hostile opening of a typed text, before its filler."""
    return text.split(" lorem", 1)[0]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def printed_in(typed: str, document: str) -> bool:
    """`typed` prints in `document` (whitespace ignored; right-to-left runs compared by their letters,
    since each extractor orders them its own way)."""
    want = squash(printed_text(typed))
    if not any(_rtl(c) for c in want):
        return want in document
    letters = "".join(c for c in want if unicodedata.bidirectional(c) == "L")
    shown = "".join(c for c in document if unicodedata.bidirectional(c) == "L")
    return letters in shown and not (Counter(c for c in want if _rtl(c)) - Counter(document))
