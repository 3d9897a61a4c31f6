"""Qt enum properties set by their key names, for what is built before the main window first shows.

PySide6 creates the Python enums of the whole `Qt` namespace (93 enum classes, Qt.Key alone has hundreds of
members) the first time any `Qt.` name is read, and an empty window never reads one: 15-25 ms, the largest
single part of what sv-desktop adds to a bare PySide6 window's start-up (see docs/performance.md). The
widgets of the first screen therefore set their few Qt enum properties through Qt's property system, by key
name: `set_by_name(label, "alignment", "AlignCenter")` is `label.setAlignment(Qt.AlignmentFlag.AlignCenter)`,
converted by the same meta-enum Qt's own C++ uses. Everything built later uses `Qt.` as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_by_name(target: QObject, prop: str, key: str) -> None:
    """Set the enum or flags property `prop` of `target` to `key` (a key name, or names joined by "|").

    Raises ValueError when the property does not exist or has no such key, so a misspelt name is found at
    once rather than leaving the widget as it was.
    """
    meta = target.metaObject()
    if meta.indexOfProperty(prop) < 0:
        raise ValueError(f"{meta.className()} has no property {prop!r}")
    if not target.setProperty(prop, key):
        raise ValueError(f"{meta.className()}.{prop} has no value {key!r}")
