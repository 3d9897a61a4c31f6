"""What every lifecycle dialog shares: it edits its own copy of one tender and saves it as the manager
types, as the tender window does (its `Autosaver`, here saving in the background so the UI never waits
on the database; the same save status; the same Reload when someone else saved the tender first). There
is no Save button: Close saves anything still waiting.

An entry that cannot be read yet (a half-typed date) is not saved: the stored tender keeps the value it
had, the line under the fields says what to put right, and Close asks before leaving it behind.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import N_, _
from ...model.tender import Tender
from ...services.errors import ServiceError
from .. import icons
from ..save_status import SaveStatus
from ..style import make_heading, make_secondary
from ..widgets.scrolling import fit_to_screen, scrolling
from ..widgets.text_guard import TextGuard
from ..wizard.autosave import Autosaver

READY_TEXT = N_("Changes are saved as you type.")


if TYPE_CHECKING:
    from ...services.contract import UiService


class TenderDialog(QDialog):
    saved = Signal(object)
    """The tender as stored, after each save."""

    noun = N_("changes")

    def __init__(self, service: UiService, tender: Tender, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tender = copy.deepcopy(tender)
        self.setWindowTitle(_("{title} \u2013 {reference}").format(title=title, reference=tender.reference))
        self.setWindowIcon(icons.icon("app"))
        layout = QVBoxLayout(self)
        heading = make_heading(QLabel(_("{title}: {reference}").format(
            title=title, reference=tender.reference)))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        subtitle = make_secondary(QLabel(" ".join(tender.title.split())[:200] or _("Untitled tender")))
        subtitle.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(subtitle)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            layout.addWidget(note)
        # The body scrolls (both ways) when the screen is smaller than the dialog wants, so the save status
        # and Close below it always stay in view.
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body_area = scrolling(body)
        layout.addWidget(self.body_area, 1)
        self.status = make_secondary(QLabel())
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it repeats names the manager typed
        self.status.hide()  # shown only when there is something to say
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.save_status = SaveStatus()
        self.save_status.show_state("saved", _(READY_TEXT))
        buttons.addWidget(self.save_status, 1)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAccessibleName(_("Close (everything typed is saved)"))
        self.close_button.setAutoDefault(False)
        # Close joins the row when the dialog is first shown, after the body the subclass builds: a widget
        # joins the end of the Tab order when it is placed, so it comes last, as on screen.
        self._button_row = buttons
        layout.addLayout(buttons)
        self.close_button.clicked.connect(self.accept)
        self.text_guard = TextGuard(self)  # a pasted NUL is taken out, not a reason to refuse the save
        self.text_guard.notice.connect(self.show_notice)
        self.autosaver = Autosaver(service, lambda: self.tender, parent=self)
        self.autosaver.status_changed.connect(self.save_status.show_state)
        self.autosaver.saved.connect(self._stored)
        self.save_status.reload_button.clicked.connect(self.reload)
        self.problem: str | None = None
        self._keyboard_ready = False

    # ---- for subclasses

    def apply(self, tender: Tender) -> str | None:
        """Copy what the form holds into `tender` (an entry that cannot be read is left as it was); return
        a sentence when something on screen still has to be put right."""
        raise NotImplementedError

    def show_tender(self, tender: Tender) -> None:
        """Fill the form again from `tender` (after Reload)."""
        raise NotImplementedError

    def mark_dirty(self, *_args) -> None:
        """Something was edited: copy it into the tender and save once the manager pauses."""
        self._apply()
        self.autosaver.schedule()

    @property
    def dirty(self) -> bool:
        """Edits not saved yet."""
        return self.autosaver.dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        """False drops what is waiting (tests settling a dialog before it is closed)."""
        if value:
            self.autosaver.dirty = True
        else:
            self.autosaver.discard()

    # ---- keyboard

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not self._keyboard_ready:
            self._keyboard_ready = True
            self._finish_keyboard()
            fit_to_screen(self)
        super().showEvent(event)

    def _finish_keyboard(self) -> None:
        """The body is built by now: Close goes in last, so Tab reaches it after the body, and every text
        input the body holds is guarded."""
        self.text_guard.watch(self)
        self._button_row.addWidget(self.close_button)

    # ---- saving

    def _apply(self) -> str | None:
        self.problem = self.apply(self.tender)
        self.show_notice(self.problem or "")
        return self.problem

    def show_notice(self, text: str) -> None:
        """The line above the save status: what is still to put right, or what was just done."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def save(self) -> bool:
        """Save now whatever is waiting; True when everything on screen is stored."""
        problem = self._apply()
        if not self.autosaver.dirty and not self.autosaver.conflicted:
            return problem is None
        return self.autosaver.flush() and problem is None

    def _stored(self, stored: Tender) -> None:
        self.saved.emit(stored)

    def reload(self) -> None:
        """Someone else saved the tender: show theirs, and save as the manager types again."""
        try:
            fresh = self.service.get(self.autosaver.stored_reference or self.tender.reference)
        except ServiceError as exc:
            QMessageBox.warning(self, _("Cannot reload"), _("The saved tender could not be read: {exc}").format(
                exc=exc))
            return
        self.tender = fresh
        self.autosaver.reset(fresh)
        self.show_tender(fresh)
        self._apply()
        self.autosaver.dirty = False  # what is on screen is what was just read

    # ---- closing

    def done(self, result: int) -> None:
        """Close, Escape and the window's close box all end here: save what is waiting, and ask before
        leaving behind an entry that could not be saved."""
        problem = self._apply()
        saved = self.autosaver.flush()
        if problem:
            answer = QMessageBox.question(
                self, _("An entry needs putting right"),
                _("Still to put right:\n\n{problem}\n\nClose anyway? Everything else is saved.").format(
                    problem=problem),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        if not saved:
            answer = QMessageBox.question(
                self, _("Latest changes not saved"),
                _("Your latest {noun} could not be saved.\n{last_error}\n\nClose anyway and lose them?").format(
                    noun=_(self.noun), last_error=self.autosaver.last_error),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.autosaver.discard()
        super().done(result)
