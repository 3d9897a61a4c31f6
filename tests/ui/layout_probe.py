"""Shows every window on a screen of a given size and scale factor and reports every control that is cut
off: outside the window, clipped by its parent, or inside a scroll area that cannot scroll to it.

    QT_SCALE_FACTOR=1.25 python -m tests.ui.layout_probe 1366 768 [WINDOW_WIDTH WINDOW_HEIGHT]

The first size is the screen in physical pixels: the offscreen platform is given a screen of that size,
and the scale factor leaves the logical size the windows get. The optional second size resizes the main
window and the wizard (a window made smaller than the screen). Prints one JSON list of problems; run in a
fresh process per scale factor, because Qt reads the factor once, when the application starts.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

CONTROLS = ("QLineEdit", "QAbstractSpinBox", "QComboBox", "QAbstractButton", "QAbstractItemView",
            "QTextEdit", "QPlainTextEdit")
INSIDE_A_CONTROL = ("QComboBox", "QAbstractSpinBox", "QLineEdit", "QAbstractItemView", "QTabBar",
                    "QTextEdit", "QPlainTextEdit", "QCalendarWidget", "QScrollBar", "QToolBar", "QMenu")
SLACK = 1


def _is(widget, names: tuple[str, ...]) -> bool:
    return any(widget.inherits(name) for name in names)


def _describe(widget) -> str:
    name = widget.accessibleName() or getattr(widget, "text", lambda: "")() or widget.objectName()
    return f"{type(widget).__name__} '{str(name)[:50]}'"


def cut_off(control, window) -> str | None:
    """Why `control` cannot be seen whole, or None when it can (at once or by scrolling)."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QScrollArea

    rect = QRect(0, 0, control.width(), control.height())
    if rect.width() < min(control.minimumSizeHint().width(), 24) or rect.height() < 8:
        return f"squeezed to {rect.width()}x{rect.height()}"
    widget = control
    while widget is not window:
        parent = widget.parentWidget()
        if parent is None:
            return "not inside the window"
        area = parent.parentWidget()
        if isinstance(area, QScrollArea) and area.viewport() is parent and area.widget() is widget:
            inner = QRect(0, 0, widget.width(), widget.height()).adjusted(-SLACK, -SLACK, SLACK, SLACK)
            if not inner.contains(rect):
                return f"outside its scrolling content ({rect.x()},{rect.y()} {rect.width()}x{rect.height()})"
            viewport = parent
            off = area.horizontalScrollBarPolicy().name.endswith("AlwaysOff")
            if off and widget.width() > viewport.width() + SLACK and rect.right() > viewport.width():
                return f"past the right edge of a scroll area that cannot scroll sideways (x {rect.right()})"
            off = area.verticalScrollBarPolicy().name.endswith("AlwaysOff")
            if off and widget.height() > viewport.height() + SLACK and rect.bottom() > viewport.height():
                return "below a scroll area that cannot scroll down"
            rect = viewport.geometry()
            widget = area
            continue
        rect = rect.translated(widget.pos())
        bounds = QRect(0, 0, parent.width(), parent.height()).adjusted(-SLACK, -SLACK, SLACK, SLACK)
        if not bounds.contains(rect):
            return (f"clipped by {type(parent).__name__} {parent.width()}x{parent.height()} "
                    f"at ({rect.x()},{rect.y()} {rect.width()}x{rect.height()})")
        widget = parent
    return None


def _controls(window):
    from PySide6.QtWidgets import QWidget

    for widget in window.findChildren(QWidget):
        if not _is(widget, CONTROLS) or not widget.isVisibleTo(window):
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not window:
            if _is(parent, INSIDE_A_CONTROL):
                inside = True
                break
            parent = parent.parentWidget()
        if not inside:
            yield widget


def _elided_tabs(window) -> list[str]:
    from PySide6.QtWidgets import QTabBar

    problems = []
    for bar in window.findChildren(QTabBar):
        if not bar.isVisibleTo(window):
            continue
        metrics = bar.fontMetrics()
        for index in range(bar.count()):
            text = bar.tabText(index).replace("&", "")
            room = bar.tabRect(index).width()
            if metrics.horizontalAdvance(text) + 8 > room and not bar.tabToolTip(index):
                problems.append(f"tab '{text}' is shortened and has no tooltip")
    return problems


def _columns(model) -> int:
    from PySide6.QtCore import QAbstractListModel

    return 1 if isinstance(model, QAbstractListModel) else model.columnCount()


def _cut_cells(window, rows: int = 60) -> list[str]:
    """Cells whose text does not fit their column and that offer neither a tooltip nor a wrapped row."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem

    problems = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisibleTo(window) or view.parentWidget() is None:
            continue
        metrics = view.fontMetrics()
        for row in range(min(model.rowCount(), rows)):
            for column in range(_columns(model)):
                index = model.index(row, column)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                cell = view.visualRect(index)
                if not isinstance(text, str) or not text or cell.width() <= 0:
                    continue
                option = QStyleOptionViewItem()
                option.initFrom(view)
                option.font = view.font()
                option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
                if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
                room = cell.width()
                if "\n" not in text and view.itemDelegateForIndex(index).sizeHint(option, index).width() <= room + 1:
                    continue
                if index.data(Qt.ItemDataRole.ToolTipRole):
                    continue
                wrap = getattr(view, "wordWrap", lambda: False)()
                flags = int(Qt.TextFlag.TextWordWrap)
                needed = metrics.boundingRect(QRect(0, 0, max(room, 1), 10000), flags, text).height()
                if wrap and needed <= cell.height():
                    continue
                problems.append(f"{type(view).__name__} '{view.accessibleName()[:40]}' cuts off the cell "
                                f"'{text[:40]}' (row {row}, column {column}) without a tooltip")
    return problems


def check(name: str, window, screen: tuple[int, int]) -> list[str]:
    from PySide6.QtWidgets import QApplication, QTabWidget

    problems = []
    if window.width() > screen[0] + SLACK or window.height() > screen[1] + SLACK:
        problems.append(f"{name}: the window needs {window.width()}x{window.height()}, the screen has "
                        f"{screen[0]}x{screen[1]}")
    tabs = [t for t in window.findChildren(QTabWidget) if t.isVisibleTo(window)]
    rounds = [(tab, index) for tab in tabs for index in range(tab.count())] or [(None, 0)]
    seen: set[str] = set()
    for tab, index in rounds:
        if tab is not None:
            tab.setCurrentIndex(index)
            for _ in range(3):
                QApplication.processEvents()
        for control in _controls(window):
            why = cut_off(control, window)
            if why:
                line = f"{name}: {_describe(control)} {why}"
                if line not in seen:
                    seen.add(line)
                    problems.append(line)
        for problem in _elided_tabs(window) + _cut_cells(window):
            if f"{name}: {problem}" not in seen:
                seen.add(f"{name}: {problem}")
                problems.append(f"{name}: {problem}")
    return problems


def run(physical: tuple[int, int], window_size: tuple[int, int] | None) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="sv-layout-") as tmp:
        config = Path(tmp) / "screen.json"
        config.write_text(json.dumps({"screens": [{
            "name": "laptop", "x": 0, "y": 0, "width": physical[0], "height": physical[1],
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
        if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
            os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        from PySide6.QtWidgets import QApplication

        from sv_desktop.services.tender_service import open_service
        from sv_desktop.ui.app import application

        from .windows import every_window

        app = application([])
        app.setStyle("Fusion")
        available = app.primaryScreen().availableGeometry()
        screen = (available.width(), available.height())
        problems: list[str] = []
        service = open_service(data_dir=Path(tmp) / "data")
        try:
            for name, window in every_window(service, window_size):
                problems += check(name, window, screen)
        finally:
            from sv_desktop.ui.worker import wait_for_all

            wait_for_all()  # reminders looked up in the background end before the database closes
            service.close()
        QApplication.processEvents()
    return problems


def main() -> int:
    numbers = [int(v) for v in sys.argv[1:]]
    window = (numbers[2], numbers[3]) if len(numbers) >= 4 else None
    print(json.dumps(run((numbers[0], numbers[1]), window), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
