"""The evaluation of one tender's bids, in four tabs as the panel meets them: bidders and panel, individual
scores, moderation, results and award.

Every change goes through the service's `change_evaluation` (or its use-cases) off the UI thread; after each
one the dialog reads the evaluation again, so what the tabs show is always what is stored. A refusal is shown
whole on the tab it concerns; nothing is stored by it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ...i18n import _
from ...model.evaluation import Evaluation
from ...services.errors import ServiceError
from .. import icons
from ..style import make_heading, make_secondary
from ..widgets.scrolling import resize_within_screen, scrolling
from ..worker import run_in_background
from .moderation_tab import ModerationTab
from .panel_tab import PanelTab
from .results_tab import ResultsTab
from .scores_tab import ScoresTab
from .state import EvaluationState, load_state, show_message

if TYPE_CHECKING:
    from ...services.contract import UiService

TAB_PANEL, TAB_SCORES, TAB_MODERATION, TAB_RESULTS = range(4)


def failure_text(error: Exception) -> str:
    """A refusal's own sentence; anything unexpected is logged and named plainly."""
    if isinstance(error, ServiceError):
        return str(error)
    from ...logging_setup import log_failure

    log_failure("evaluation", error)
    return _("Something went wrong and nothing was changed; the details are in the log.")


class EvaluationDialog(QDialog):
    changed = Signal(str)
    """The tender's reference, after the evaluation (or the tender, on award) was stored."""

    def __init__(self, service: UiService, reference: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.reference = reference
        self.state: EvaluationState | None = None
        self.pending = 0
        """Background reads and changes not finished yet (tests wait for 0)."""
        self.setWindowTitle(_("Evaluation \u2013 {reference}").format(reference=reference))
        self.setWindowIcon(icons.icon("app"))
        layout = QVBoxLayout(self)
        heading = make_heading(QLabel(_("Evaluation of bids: {reference}").format(reference=reference)))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        self.subtitle = make_secondary(QLabel(" ".join(title.split())[:200]))
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.subtitle)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Evaluation of bids"))
        self.panel_tab = PanelTab(self)
        self.scores_tab = ScoresTab(self)
        self.moderation_tab = ModerationTab(self)
        self.results_tab = ResultsTab(self)
        for tab, label in ((self.panel_tab, _("Bidders and panel")), (self.scores_tab, _("Scores")),
                           (self.moderation_tab, _("Moderation")), (self.results_tab, _("Results and award"))):
            self.tabs.addTab(scrolling(tab), label)
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.status = make_secondary(QLabel(_("Reading the evaluation\u2026")))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAccessibleName(_("Close (every change is already saved)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        for index in (TAB_SCORES, TAB_MODERATION, TAB_RESULTS):
            self.tabs.setTabEnabled(index, False)
        resize_within_screen(self, 1180, 740)
        self.refresh()

    # ---- background work

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None], message: QLabel) -> None:
        """`work()` off the UI thread; `on_done(result)` after, or the refusal shown whole in `message`."""
        self.pending += 1
        self.status.setText(_("Working\u2026"))

        def done(value: Any) -> None:
            self.pending -= 1
            on_done(value)

        def failed(error: Exception) -> None:
            self.pending -= 1
            self.status.setText("")
            show_message(message, failure_text(error))

        run_in_background(work, done, failed, context=self)

    def change(self, change: Callable[[Evaluation], None], done_text: str, message: QLabel) -> None:
        """Change the stored evaluation (read fresh, changed and saved by the service in one step)."""
        self.run(lambda: self.service.change_evaluation(self.reference, change),
                 lambda _stored: self.after_change(done_text, message), message)

    def after_change(self, done_text: str, message: QLabel) -> None:
        show_message(message, done_text)
        self.changed.emit(self.reference)
        self.refresh()

    def refresh(self) -> None:
        self.run(lambda: load_state(self.service, self.reference), self.show_state, self.panel_tab.message)

    def show_state(self, state: EvaluationState) -> None:
        self.state = state
        self.subtitle.setText(" ".join(state.tender.title.split())[:200] or _("Untitled tender"))
        started = state.evaluation is not None
        for index in (TAB_SCORES, TAB_MODERATION, TAB_RESULTS):
            self.tabs.setTabEnabled(index, started)
        for tab in (self.panel_tab, self.scores_tab, self.moderation_tab, self.results_tab):
            tab.show_state(state)
        self.status.setText(_("Every change is saved when it is made.") if started else
                            _("Start the evaluation to record bidders, the panel and scores."))
