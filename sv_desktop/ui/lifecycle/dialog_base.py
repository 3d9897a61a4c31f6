"""What every lifecycle dialog shares: it edits its own copy of one tender, saves it through the service
in one step with Save, and never loses typing quietly (Cancel with changes asks first).

A save that finds the tender changed elsewhere (someone else saved it) keeps the dialog open with the
changes, and says so.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...model.tender import Tender
from ...services.errors import ConflictError, ServiceError
from .. import icons
from ..style import make_heading, make_secondary
from ..widgets.scrolling import fit_to_screen, scrolling
from ..widgets.text_guard import TextGuard

if TYPE_CHECKING:
    from ...services.contract import UiService


class TenderDialog(QDialog):
    saved = Signal(object)
    """The tender as stored after Save."""

    noun = "changes"

    def __init__(self, service: UiService, tender: Tender, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tender = copy.deepcopy(tender)
        self.dirty = False
        self.setWindowTitle(f"{title} \u2013 {tender.reference}")
        self.setWindowIcon(icons.icon("app"))
        layout = QVBoxLayout(self)
        heading = make_heading(QLabel(f"{title}: {tender.reference}"))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        subtitle = make_secondary(QLabel(" ".join(tender.title.split())[:200] or "Untitled tender"))
        subtitle.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(subtitle)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            layout.addWidget(note)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(body), 1)  # on a small or scaled screen the body scrolls, Save stays
        buttons = QHBoxLayout()
        self.status = make_secondary(QLabel())
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it repeats names the manager typed
        buttons.addWidget(self.status, 1)
        self.save_button = QPushButton(icons.icon("saved"), "&Save")
        self.save_button.setAccessibleName("Save and close")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        # Ctrl+S through an action of its own: a button's shortcut would replace its Alt+S mnemonic.
        self.save_shortcut = QAction("Save", self)
        self.save_shortcut.setShortcut(QKeySequence.StandardKey.Save)
        self.save_shortcut.triggered.connect(self.save_button.click)
        self.addAction(self.save_shortcut)
        self.save_button.setToolTip("Save and close (Alt+S or Ctrl+S)")
        self.cancel_button = QPushButton("Cancel")  # Esc
        self.cancel_button.setAccessibleName("Close without saving")
        self.cancel_button.setAutoDefault(False)
        # Save and Cancel join the row when the dialog is first shown, after the body the subclass builds:
        # a widget joins the end of the Tab order when it is placed, so they come last, as on screen.
        self._button_row = buttons
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.text_guard = TextGuard(self)  # a pasted NUL is taken out, not a reason to refuse the save
        self.text_guard.notice.connect(self.status.setText)
        self._keyboard_ready = False

    # ---- for subclasses

    def apply(self, tender: Tender) -> str | None:
        """Copy the form into `tender`; return a sentence when something must be put right first."""
        raise NotImplementedError

    def mark_dirty(self, *_args) -> None:
        self.dirty = True

    # ---- keyboard

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not self._keyboard_ready:
            self._keyboard_ready = True
            self._finish_keyboard()
            fit_to_screen(self)
        super().showEvent(event)

    def _finish_keyboard(self) -> None:
        """The body is built by now: Save and Cancel go in last, so Tab reaches them after the body, and
        every text input the body holds is guarded."""
        self.text_guard.watch(self)
        self._button_row.addWidget(self.save_button)
        self._button_row.addWidget(self.cancel_button)

    # ---- saving and closing

    def save(self) -> bool:
        # Messages open with words of our own: Qt reads a first line holding something like a tag as
        # markup, and a KPI name or reference typed as "<b>x</b>" must show as typed.
        problem = self.apply(self.tender)
        if problem:
            self.status.setText(problem)
            QMessageBox.warning(self, "Not saved yet", f"Nothing is lost: your {self.noun} are still here.\n\n"
                                f"{problem}")
            return False
        try:
            stored = self.service.save(self.tender)
        except ConflictError as exc:
            QMessageBox.warning(self, "Changed elsewhere", f"Your {self.noun} are still here: close this "
                                f"window, reopen the tender and enter them again.\n\n{exc}")
            return False
        except ServiceError as exc:
            QMessageBox.warning(self, "Not saved", f"Your {self.noun} are still here.\n\n{exc}")
            return False
        self.tender = stored
        self.dirty = False
        self.saved.emit(stored)
        self.accept()
        return True

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self, "Discard your changes?", f"Close without saving your {self.noun}?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.dirty = False
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.dirty:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
