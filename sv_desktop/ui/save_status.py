"""The save status a window shows beside its buttons: an icon, "Saving…" / "Saved 10:42:07" / why it was
not saved, and a Reload button that appears when someone else saved the same tender first.

It only shows what an `Autosaver` reports (its `status_changed(state, text)`), so every window that saves
as the manager types says the same things in the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..i18n import _
from . import icons

STATE_ICONS = {"saving": "saving", "saved": "saved"}
"""Any other state (error, conflict) shows the save-error icon."""


class SaveStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ""
        self.icon = QLabel()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # an error can quote what the manager typed
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Save status"))
        self.reload_button = QPushButton(icons.icon("reload"), _("Reload"))
        self.reload_button.setAccessibleName(_("Reload the tender as saved by someone else"))
        self.reload_button.setAutoDefault(False)
        self.reload_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_state(self, state: str, text: str) -> None:
        self.state = state
        self.icon.setPixmap(icons.pixmap(STATE_ICONS.get(state, "save-error"), 16))
        self.label.setText(text)
        self.label.setAccessibleName(_("Save status: {text}").format(text=text))
        self.reload_button.setVisible(state == "conflict")

    def text(self) -> str:
        return self.label.text()
