"""The bid window: one bid, saved as the Bid Lead types (the wizard's `Autosaver`, in the background), in
four tabs: the opportunity, the questions as issued, the responses, and the stage with the Bid Lead, the
approver and the moves (a refused move shows the blockers' sentences beside the buttons), the win and the
loss, and the bid's documents.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ...i18n import _
from ...model.bid import Bid
from .. import icons
from ..lifecycle.dialog_base import READY_TEXT
from ..save_status import SaveStatus
from ..style import make_heading, make_secondary
from ..widgets.scrolling import fit_to_screen, scrolling
from ..widgets.text_guard import TextGuard
from ..wizard.autosave import Autosaver
from ..worker import run_in_background
from .opportunity import OpportunityTab
from .questions import QuestionsTab
from .response_editor import ResponseEditor
from .stage_tab import StageTab

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QShowEvent

    from ...model.commitment import Commitment
    from ...model.tender import Tender
    from ...services.contract import UiService


class _BidSaving:
    """What the `Autosaver` calls, saving a bid: `save` is the service's `save_bid`."""

    def __init__(self, service: UiService) -> None:
        self._service = service

    def save(self, bid: Bid, previous_reference: str | None = None) -> Bid:
        return self._service.save_bid(bid, previous_reference)

    def remember_step(self, _reference: str, _step: str) -> bool:
        return False


TAB_OPPORTUNITY, TAB_QUESTIONS, TAB_RESPONSES, TAB_STAGE = range(4)


class BidWindow(QDialog):
    saved = Signal(object)
    """The bid as stored, after each save or move."""
    contract_made = Signal(str)
    """The reference of the contract in delivery a win made."""

    def __init__(self, service: UiService, bid: Bid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.service = service
        self.bid = copy.deepcopy(bid)
        self.setWindowTitle(_("Bid \u2013 {reference}").format(reference=bid.reference))
        self.setWindowIcon(icons.icon("app"))
        layout = QVBoxLayout(self)
        self.heading = make_heading(QLabel())
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.opportunity = OpportunityTab(service, self.changed)
        self.questions = QuestionsTab(self.changed)
        self.responses = ResponseEditor(service, self.changed)
        self.stage = StageTab(self)
        self.tabs.addTab(scrolling(self.opportunity), _("&1 Opportunity"))
        self.tabs.addTab(scrolling(self.questions), _("&2 Questions"))
        self.tabs.addTab(self.responses, _("&3 Responses"))
        self.tabs.addTab(scrolling(self.stage), _("&4 Stage and approval"))
        layout.addWidget(self.tabs, 1)
        self.notice = make_secondary(QLabel())
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        layout.addWidget(self.notice)
        buttons = QHBoxLayout()
        self.save_status = SaveStatus()
        self.save_status.show_state("saved", _(READY_TEXT))
        buttons.addWidget(self.save_status, 1)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAccessibleName(_("Close (everything typed is saved)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.text_guard = TextGuard(self)
        self.text_guard.notice.connect(self.show_notice)
        self.autosaver = Autosaver(cast("UiService", _BidSaving(service)), cast("Callable[[], Tender]", lambda: self.bid),
                                   parent=self)
        self.autosaver.status_changed.connect(self.save_status.show_state)
        self.autosaver.saved.connect(self._stored)
        self.save_status.reload_button.clicked.connect(self.reload)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._shown = False
        self.show_bid(self.bid)
        run_in_background(service.list_commitments, self._library, lambda _error: None, context=self)
        self.resize(1240, 720)

    # ---- showing

    def show_bid(self, bid: Bid) -> None:
        self.bid = bid
        self.heading.setText(_("Bid {reference}: {title}").format(reference=bid.reference,
                                                                  title=" ".join(bid.title.split())[:120]))
        self.opportunity.load(bid)
        self.questions.load(bid)
        self.responses.load(bid)
        self.stage.load(bid)

    def _library(self, library: list[Commitment]) -> None:
        self.responses.load(self.bid, library)

    def _tab_changed(self, index: int) -> None:
        if index == TAB_RESPONSES:
            self.responses.load(self.bid)
        elif index == TAB_QUESTIONS:
            self.questions.load(self.bid)
        elif index == TAB_STAGE:
            self.stage.load(self.bid)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not self._shown:
            self._shown = True
            self.text_guard.watch(self)
            fit_to_screen(self)
        super().showEvent(event)

    # ---- saving

    def changed(self) -> None:
        """Something was edited: copy the forms into the bid and save once the Bid Lead pauses."""
        problem = self.opportunity.apply(self.bid) or self.questions.problem() or self.stage.apply(self.bid)
        self.show_notice(problem or "")
        self.heading.setText(_("Bid {reference}: {title}").format(reference=self.bid.reference,
                                                                  title=" ".join(self.bid.title.split())[:120]))
        self.autosaver.schedule()

    def _stored(self, stored: Bid) -> None:
        self.saved.emit(stored)

    def replace(self, stored: Bid) -> None:
        """A move, win or loss stored the bid: show it as stored."""
        self.autosaver.reset(cast("Tender", stored))
        self.save_status.show_state("saved", _(READY_TEXT))
        self.show_bid(stored)
        self.saved.emit(stored)

    def reload(self) -> None:
        run_in_background(lambda: self.service.get_bid(self.autosaver.stored_reference or self.bid.reference),
                          self.replace, lambda error: self.show_notice(str(error)), context=self)

    # ---- closing

    def done(self, result: int) -> None:
        self.changed() if self.autosaver.dirty else None
        if not self.autosaver.flush():
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self, _("Latest changes not saved"),
                _("Your latest changes to the bid could not be saved.\n{last_error}\n\nClose anyway and lose "
                  "them?").format(last_error=self.autosaver.last_error),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.autosaver.discard()
        super().done(result)
