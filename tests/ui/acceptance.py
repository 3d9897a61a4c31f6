"""What a screen reader and keyboard user needs from any window, checked generically.

`audit(window)` walks the window the way such a user does: everything Tab reaches has a name, Tab and
Shift+Tab go round and come back (no trap, nothing typed into a field by the Tab key), Tab follows the
visual order, every field's label has a buddy and a mnemonic that no other control in the window uses,
every input is labelled, and no caption, button or column heading is cut off.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QTextEdit,
    QToolButton,
    QWidget,
)

TOLERANCE = 6
MAX_PRESSES_ON_ONE_WIDGET = 60
"""A text browser takes one Tab per link before moving on; more than this is a trap."""


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} {accessible_name(widget)[:60]!r}"


def settle(rounds: int = 3) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def tabbable(widget: QWidget, window: QWidget) -> bool:
    # A widget with a focus proxy (a tab widget and its tab bar) is reached as its proxy.
    return ((widget.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and widget.isVisible() and widget.isEnabled() and widget.window() is window)


def focus_chain(window: QWidget) -> list[QWidget]:
    """Widgets Tab reaches, in order, starting from the window."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    seen = set()
    while widget is not window and id(widget) not in seen:
        seen.add(id(widget))
        if tabbable(widget, window):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _skipped_by_tab(widget: QWidget) -> bool:
    """Qt lets Tab land on the checked button of an exclusive radio group only (arrows move within it)."""
    if not isinstance(widget, QRadioButton) or widget.isChecked():
        return False
    group: QButtonGroup | None = widget.group()
    siblings = group.buttons() if group is not None else [
        b for b in widget.parentWidget().findChildren(QRadioButton) if b.parentWidget() is widget.parentWidget()]
    return widget.autoExclusive() and any(b.isChecked() for b in siblings)


def _text_of(widget: QWidget) -> str | None:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    return None


# ---- the checks


def unnamed(widgets: Iterable[QWidget]) -> list[str]:
    return [describe(w) for w in widgets if not accessible_name(w).strip()]


def tab_walk(window: QWidget, backwards: bool = False) -> list[QWidget]:
    """Press Tab (or Shift+Tab) from the first widget until the focus comes back to it; the widgets it
    visited in order. Fails on a trap: focus that never comes back, or a field that took the key."""
    chain = [w for w in focus_chain(window) if not _skipped_by_tab(w)]
    assert chain, "nothing can be reached with Tab"
    start = chain[0]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    settle(1)
    assert QApplication.focusWidget() is start, f"cannot focus {describe(start)}"
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    visited = [start]
    same = 0
    for _ in range(len(chain) * MAX_PRESSES_ON_ONE_WIDGET):
        current = QApplication.focusWidget()
        before = _text_of(current)
        QTest.keyClick(current, key, modifier)
        settle(1)
        now = QApplication.focusWidget()
        assert now is not None and now.window() is window, (
            f"Tab from {describe(current)} left the window (focus on {now and describe(now)})")
        if now is current:
            assert _text_of(current) == before, f"Tab was typed into {describe(current)}"
            if len(chain) == 1:
                return visited
            same += 1
            assert same < MAX_PRESSES_ON_ONE_WIDGET, f"focus trap: Tab never leaves {describe(current)}"
            continue
        same = 0
        if now is start:
            return visited
        visited.append(now)
    raise AssertionError(f"focus never came back to {describe(start)} after visiting "
                         f"{[describe(w) for w in visited[-5:]]}")


def _scroll_areas(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas whose content holds `widget`, innermost first."""
    found, parent = [], widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(widget):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def _placed(before: QWidget, after: QWidget, origin: QWidget) -> tuple[QPoint, QPoint, int]:
    """Where the two are in the layout, as the manager reads it: inside the same scrolling content, by their
    place in that content (scrolled or not); otherwise a widget inside a scroll area counts as the area."""
    outer_before, outer_after = _scroll_areas(before), _scroll_areas(after)
    common = next((area for area in outer_before if area in outer_after), None)
    frame = common.widget() if common is not None else origin

    def stand_in(widget: QWidget, areas: list[QScrollArea]) -> QWidget:
        for area in areas:
            if area is common:
                break
            widget = area
        return widget

    first, second = stand_in(before, outer_before), stand_in(after, outer_after)
    return first.mapTo(frame, QPoint(0, 0)), second.mapTo(frame, QPoint(0, 0)), first.width()


def visual_order_problems(widgets: list[QWidget], origin: QWidget) -> list[str]:
    """Each next widget is below, or beside it to the right on the same row, or starts a column to its right."""
    problems = []
    for before, after in zip(widgets, widgets[1:], strict=False):
        a, b, width = _placed(before, after, origin)
        same_row = abs(a.y() - b.y()) <= TOLERANCE
        downward = b.y() > a.y() + TOLERANCE
        new_column = b.x() >= a.x() + width - TOLERANCE
        if not ((same_row and b.x() >= a.x() - TOLERANCE) or (downward and not same_row) or new_column):
            problems.append(f"Tab goes from {describe(before)} at {a.toTuple()} back to {describe(after)} "
                            f"at {b.toTuple()}")
    return problems


def _focus_target(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def mnemonic(text: str) -> str | None:
    cleaned = text.replace("&&", "")
    index = cleaned.find("&")
    return cleaned[index + 1].lower() if 0 <= index < len(cleaned) - 1 else None


def visible_in(window: QWidget, kind) -> list:
    return [w for w in window.findChildren(kind) if w.isVisible() and w.window() is window]


def label_problems(window: QWidget) -> list[str]:
    """Field labels have buddies and mnemonics; mnemonics are unique; every input is labelled or named."""
    problems = []
    labels = visible_in(window, QLabel)
    buddied: set[int] = set()
    for label in labels:
        buddy = label.buddy()
        if buddy is not None:
            buddied.add(id(_focus_target(buddy)))
            if mnemonic(label.text()) is None:
                problems.append(f"label {label.text()!r} has a buddy but no mnemonic")
            if not buddy.isVisible():
                problems.append(f"label {label.text()!r} is the buddy of a hidden widget")
    for label in labels:
        if label.buddy() is None and label.text().strip().endswith(":"):
            problems.append(f"caption {label.text()!r} reads as a field label but has no buddy")
    for form in window.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.isVisible() and label.text().strip() and label.buddy() is None:
                problems.append(f"form label {label.text()!r} has no buddy")
    letters: dict[str, str] = {}
    for widget in [*labels, *visible_in(window, QAbstractButton)]:
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        letter = mnemonic(widget.text())
        if letter is None or not widget.isEnabled() and isinstance(widget, QAbstractButton):
            continue
        if letter in letters:
            problems.append(f"Alt+{letter} is both {letters[letter]!r} and {widget.text()!r}")
        letters[letter] = widget.text()
    inputs = [w for w in (*visible_in(window, QLineEdit), *visible_in(window, QPlainTextEdit),
                          *visible_in(window, QComboBox), *visible_in(window, QAbstractSpinBox))
              if not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]
    for widget in inputs:
        read_only = getattr(widget, "isReadOnly", lambda: False)()
        if id(widget) not in buddied and not read_only and not widget.accessibleName().strip():
            problems.append(f"input {describe(widget)} has neither a label nor a name of its own")
    return problems


def clipping_problems(window: QWidget) -> list[str]:
    """Captions, buttons and column headings that are narrower than their text."""
    problems = []
    for label in visible_in(window, QLabel):
        if label.wordWrap() or not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if label.width() + 1 < label.minimumSizeHint().width():
            problems.append(f"label {label.text()[:40]!r} is {label.width()} px wide, needs "
                            f"{label.minimumSizeHint().width()}")
    for button in visible_in(window, QAbstractButton):
        if not button.text() or isinstance(button, QToolButton) and button.parentWidget() is not None \
                and button.parentWidget().inherits("QTabBar"):
            continue
        if button.width() + 1 < button.minimumSizeHint().width():
            problems.append(f"button {button.text()!r} is {button.width()} px wide, needs "
                            f"{button.minimumSizeHint().width()}")
    for view in visible_in(window, QAbstractItemView):
        header = getattr(view, "horizontalHeader", lambda: None)()
        if header is None or not header.isVisible() or view.model() is None:
            continue
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            text = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
            needed = header.fontMetrics().horizontalAdvance(text) + 4  # the text and the least margin
            if header.sectionSize(column) < needed:
                problems.append(f"{describe(view)}: column {text!r} is {header.sectionSize(column)} px, "
                                f"needs {needed}")
    return problems


def tab_bar_problems(window: QWidget) -> list[str]:
    """Tabs that do not all fit (scroll arrows hide some of them)."""
    problems = []
    for bar in visible_in(window, QWidget):
        if not bar.inherits("QTabBar"):
            continue
        arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
        if arrows:
            problems.append(f"tab bar {describe(bar)} needs scroll arrows: some tabs are hidden")
    return problems


def audit(window: QWidget, *, order: list[QWidget] | None = None, origin: QWidget | None = None) -> list[QWidget]:
    """Every check above on a shown, active window; `order` is the part whose Tab order must follow the
    visual order (default: the whole focus chain). Returns the focus chain."""
    settle()
    chain = focus_chain(window)
    problems = unnamed(chain)
    problems += visual_order_problems(order if order is not None else chain, origin or window)
    problems += label_problems(window)
    problems += clipping_problems(window)
    problems += tab_bar_problems(window)
    assert not problems, f"{window.windowTitle()}:\n  " + "\n  ".join(problems)
    forwards = tab_walk(window)
    backwards = tab_walk(window, backwards=True)
    assert {id(w) for w in forwards} == {id(w) for w in backwards}, "Shift+Tab does not reach what Tab reaches"
    reachable = [w for w in chain if not _skipped_by_tab(w)]
    missed = [describe(w) for w in reachable if all(w is not v for v in forwards)]
    assert not missed, f"{window.windowTitle()}: Tab never reaches {missed}"
    return chain
