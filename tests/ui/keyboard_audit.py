"""Every key a window answers to, and the keys two things in it both claim.

Alt+letter mnemonics come from visible labels with a buddy, buttons, group boxes, tab labels and the menu
bar; shortcuts from every enabled action and shortcut of the window (a key that works only in one widget,
such as Del in a table, meets only the window's own keys). Within one menu, its items'
mnemonics are checked against each other. Qt treats a key claimed twice as ambiguous and does nothing
(or, for mnemonics, cycles focus): a collision is a key that does not work.
"""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QMenuBar, QTabBar, QWidget


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).upper() if match else None


def _visible(widget: QWidget, window: QWidget) -> bool:
    """Shown in the window now; a disabled control counts too, as it claims its key once enabled."""
    return widget.isVisibleTo(window)


def _name(widget) -> str:
    text = getattr(widget, "text", lambda: "")() if not isinstance(widget, QGroupBox) else widget.title()
    return f"{type(widget).__name__} '{str(text).replace('&', '')[:40]}'"


def claims(window: QWidget) -> dict[str, list[tuple[int, str]]]:
    """Key (as Qt writes it, e.g. "Alt+N", "Ctrl+D") -> what claims it in the window as it is now."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for label in window.findChildren(QLabel):
        letter = mnemonic(label.text()) if label.buddy() is not None else None
        if letter and _visible(label, window) and _visible(label.buddy(), window):
            found[f"Alt+{letter}"].append((id(label), _name(label)))
    for button in window.findChildren(QAbstractButton):
        if type(button).__name__ == "QToolButton" and isinstance(button.parentWidget(), QTabBar):
            continue
        letter = mnemonic(button.text())
        if letter and _visible(button, window):
            found[f"Alt+{letter}"].append((id(button), _name(button)))
        if not button.shortcut().isEmpty() and _visible(button, window) and not letter:
            found[button.shortcut().toString()].append((id(button), _name(button)))
    for box in window.findChildren(QGroupBox):
        letter = mnemonic(box.title())
        if letter and box.isCheckable() and _visible(box, window):
            found[f"Alt+{letter}"].append((id(box), _name(box)))
    for bar in window.findChildren(QTabBar):
        if not _visible(bar, window):
            continue
        for index in range(bar.count()):
            letter = mnemonic(bar.tabText(index))
            if letter and bar.isTabEnabled(index):
                found[f"Alt+{letter}"].append((id(bar) + index, f"tab '{bar.tabText(index).replace('&', '')}'"))
    for bar in window.findChildren(QMenuBar):
        if bar.isVisibleTo(window) or bar.actions():
            for action in bar.actions():
                letter = mnemonic(action.text())
                if letter and action.isVisible():
                    found[f"Alt+{letter}"].append((id(action), f"menu '{action.text().replace('&', '')}'"))
    actions = set(window.actions()) | set(window.findChildren(QAction))
    for action in actions:
        if not action.isEnabled() or not action.isVisible():
            continue
        scope = _scope(action.shortcutContext(), [w for w in action.associatedObjects()
                                                  if isinstance(w, QWidget) and not isinstance(w, QMenu)])
        if scope is False or (scope is not None and not scope.isVisibleTo(window)):
            continue
        for sequence in action.shortcuts():
            found[_scoped(sequence, scope)].append((id(action), f"action '{action.text().replace('&', '')}'"))
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        scope = _scope(shortcut.context(), [owner])
        if shortcut.isEnabled() and scope is not False and (owner is window or owner.isVisibleTo(window)):
            for sequence in shortcut.keys():  # noqa: SIM118 - a QShortcut, not a dict
                found[_scoped(sequence, scope)].append((id(shortcut), "shortcut"))
    return found


def _scope(context: Qt.ShortcutContext, widgets: list[QWidget]):
    """None for a key of the whole window; the widget for a key that works only in that widget."""
    if context in (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut):
        return widgets[0] if widgets else False
    return None


def _scoped(sequence: QKeySequence, scope) -> str:
    return sequence.toString() + (f" in {id(scope)}" if scope is not None else "")


def collisions(window: QWidget, where: str = "") -> list[str]:
    problems = []
    found = claims(window)
    for key, owners in found.items():
        unique = dict(owners)
        if " in " in key:  # a key of one widget also meets the window's own keys while that widget has focus
            unique.update(found.get(key.split(" in ")[0], []))
        if len(unique) > 1:
            problems.append(f"{where}{key.split(' in ')[0]} is claimed by {', '.join(sorted(unique.values()))}")
    for menu in window.findChildren(QMenu):
        letters: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            letter = mnemonic(action.text())
            if letter and action.isVisible():
                letters[letter].append(action.text().replace("&", ""))
        problems += [f"{where}menu '{menu.title().replace('&', '')}': Alt+{letter} is {', '.join(items)}"
                     for letter, items in letters.items() if len(items) > 1]
    return problems

