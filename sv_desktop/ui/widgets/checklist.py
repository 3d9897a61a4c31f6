"""Check boxes whose text wraps (a QCheckBox never wraps, so long prompts would force a wide window),
and a column of them with hints underneath, read as one group by screen readers.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...i18n import _
from ..style import make_secondary


class _ClickableLabel(QLabel):
    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.toggle()
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class WrappingCheckBox(QWidget):
    """A check box with a wrapping label; `&` in the text is a mnemonic as on a QCheckBox."""

    toggled = Signal(bool)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.box = QCheckBox()
        self.label = _ClickableLabel(text, self.box)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if "&" in text.replace("&&", ""):
            self.label.setBuddy(self.box)  # the mnemonic letter ticks the box
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.label.setSizePolicy(policy)
        plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        self.box.setAccessibleName(plain)
        box_column = QVBoxLayout()
        box_column.setContentsMargins(0, 2, 0, 0)
        box_column.addWidget(self.box)
        box_column.addStretch(1)
        layout.addLayout(box_column)
        layout.addWidget(self.label, 1)
        # No focus proxy: Qt would make this container a Tab stop of its own wherever it sits in the focus
        # chain, so boxes rebuilt later (a theme's examples) would be reached out of order.
        self.box.toggled.connect(self.toggled)

    def isChecked(self) -> bool:  # noqa: N802 - mirrors QCheckBox
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:  # noqa: N802 - mirrors QCheckBox
        self.box.setChecked(on)

    def text(self) -> str:
        return self.box.accessibleName()

    def setFocus(self, *args) -> None:  # noqa: N802 - mirrors QWidget
        self.box.setFocus(*args)

    def setAccessibleDescription(self, text: str) -> None:  # noqa: N802 - mirrors QWidget
        self.box.setAccessibleDescription(text)


class CheckList(QWidget):
    """Check boxes keyed by id; `toggled` fires only when the user (not `set_checked`) changes one."""

    toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.boxes: dict[str, WrappingCheckBox] = {}
        self._hints: list[QLabel] = []
        self._hint_of: dict[str, QLabel] = {}
        self._quiet = False

    def set_items(self, items: Iterable[tuple[str, str, str]]) -> None:
        """(id, text, hint) per item; the hint becomes the box's accessible description too."""
        for widget in [*self.boxes.values(), *self._hints]:
            widget.setParent(None)
            widget.deleteLater()
        self.boxes, self._hints, self._hint_of = {}, [], {}
        for item_id, text, hint in items:
            box = WrappingCheckBox(text.replace("&", "&&"))
            box.toggled.connect(self._on_toggled)
            self._layout.addWidget(box)
            self.boxes[item_id] = box
            if hint:
                box.setAccessibleDescription(hint)
                label = make_secondary(QLabel(hint))
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setContentsMargins(24, 0, 0, 4)
                self._layout.addWidget(label)
                self._hints.append(label)
                self._hint_of[item_id] = label

    def show_only(self, ids: Iterable[str]) -> None:
        """Show the boxes (and hints) of `ids` only; hidden boxes keep their ticks and their place."""
        shown = set(ids)
        for item_id, box in self.boxes.items():
            box.setHidden(item_id not in shown)
            if item_id in self._hint_of:
                self._hint_of[item_id].setHidden(item_id not in shown)

    def checked(self) -> list[str]:
        return [item_id for item_id, box in self.boxes.items() if box.isChecked()]

    def set_checked(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        self._quiet = True
        try:
            for item_id, box in self.boxes.items():
                box.setChecked(item_id in wanted)
        finally:
            self._quiet = False

    def _on_toggled(self, _on: bool) -> None:
        if not self._quiet:
            self.toggled.emit()


def prompts_group(prompts: Iterable) -> tuple[QGroupBox, CheckList]:
    """A "Prompts to consider" box of a toolkit step: each prompt (id, text, hint) as a check box."""
    box = QGroupBox(_("Prompts to consider"))
    box_layout = QVBoxLayout(box)
    checklist = CheckList()
    checklist.set_items((p.id, p.text, p.hint) for p in prompts)
    checklist.setAccessibleName(_("Prompts to consider"))
    box_layout.addWidget(checklist)
    box_layout.addStretch(1)
    return box, checklist
