"""What every lifecycle dialog shares: it edits its own copy of one tender, saves it through the service
in one step with Save, and never loses typing quietly (Cancel with changes asks first).

A save that finds the tender changed elsewhere (someone else saved it) keeps the dialog open with the
changes, and says so.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
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


class TenderDialog(QDialog):
    saved = Signal(object)
    """The tender as stored after Save."""

    noun = "changes"

    def __init__(self, service, tender: Tender, title: str, intro: str, parent: QWidget | None = None) -> None:
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
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)
        buttons = QHBoxLayout()
        self.status = make_secondary(QLabel())
        self.status.setWordWrap(True)
        buttons.addWidget(self.status, 1)
        self.save_button = QPushButton(icons.icon("saved"), "&Save")
        self.save_button.setAccessibleName("Save and close")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Close without saving")
        self.cancel_button.setAutoDefault(False)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    # ---- for subclasses

    def apply(self, tender: Tender) -> str | None:
        """Copy the form into `tender`; return a sentence when something must be put right first."""
        raise NotImplementedError

    def mark_dirty(self, *_args) -> None:
        self.dirty = True

    # ---- saving and closing

    def save(self) -> bool:
        problem = self.apply(self.tender)
        if problem:
            self.status.setText(problem)
            QMessageBox.warning(self, "Not saved yet", problem)
            return False
        try:
            stored = self.service.save(self.tender)
        except ConflictError as exc:
            QMessageBox.warning(self, "Changed elsewhere", f"{exc} Your {self.noun} are still here: close this "
                                "window, reopen the tender and enter them again.")
            return False
        except ServiceError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
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
