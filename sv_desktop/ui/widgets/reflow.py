"""Side-by-side columns that stack when the window is too narrow for them (a laptop at 125% or 150%, a
window beside another): the fields stay readable and no sideways scrolling is needed.

A layout takes part by being marked `mark_reflow(layout)`; `Reflow` watches a scroll area's viewport and
turns each marked `QBoxLayout` from left-to-right to top-to-bottom when the viewport is narrower than the
columns need, and back when there is room again (with a little slack, so it never flickers).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QBoxLayout, QWidget

PROPERTY = "sv_reflow"
SLACK = 24


def mark_reflow(layout: QBoxLayout, comfortable: int = 0) -> QBoxLayout:
    """Let `layout` stack its items when narrow: below the width they need side by side, or below
    `comfortable` pixels (a list beside a form needs room to be readable, not just to fit)."""
    layout.setProperty(PROPERTY, max(int(comfortable), 1))
    return layout


def side_by_side_width(layout: QBoxLayout, content: QWidget) -> int:
    """The width the layout's items need side by side, plus its distance from the content's edges."""
    widths = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None and widget.isHidden():
            continue
        if item.spacerItem() is not None:
            continue
        widths.append(item.minimumSize().width())
    margins = layout.contentsMargins()
    spacing = max(layout.spacing(), 0)
    need = sum(widths) + spacing * max(len(widths) - 1, 0) + margins.left() + margins.right()
    owner = layout.parentWidget()
    if owner is not None and owner is not content and content.isAncestorOf(owner):
        need += 2 * owner.mapTo(content, QPoint(0, 0)).x()
    elif owner is content:
        outer_layout = content.layout()
        if outer_layout is not None and outer_layout is not layout:
            outer = outer_layout.contentsMargins()
            need += outer.left() + outer.right()
    return need


class Reflow(QObject):
    """Keeps the marked layouts inside `content` (the widget of a scroll area) fitting `viewport`."""

    def __init__(self, viewport: QWidget, content: QWidget) -> None:
        super().__init__(viewport)
        self.viewport = viewport
        self.content = content
        viewport.installEventFilter(self)

    @property
    def layouts(self) -> list[QBoxLayout]:
        """Found when needed: a dialog builds its body after its scroll area exists."""
        return [layout for layout in self.content.findChildren(QBoxLayout) if layout.property(PROPERTY)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.viewport and event.type() == QEvent.Type.Resize:
            self.update()
        return False

    def update(self) -> None:
        width = self.viewport.width()
        for layout in self.layouts:
            need = max(side_by_side_width(layout, self.content), int(layout.property(PROPERTY)))
            across = layout.direction() == QBoxLayout.Direction.LeftToRight
            if across and width < need:
                layout.setDirection(QBoxLayout.Direction.TopToBottom)
            elif not across and width >= need + SLACK:
                layout.setDirection(QBoxLayout.Direction.LeftToRight)
