"""Moderation: opening it locks the individual scores; for each bidder and question the panel sees every
individual score and whether their spread needs discussion, and records one consensus score (empty to
start, never an average) with its reason and the bidder's commitment. Disqualifications are shown with
their reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...i18n import _
from ...model.evaluation import Evaluation
from ..widgets.fields import add_row, text_area
from .scores_tab import score_field
from .state import EvaluationState, fill, message_line, read_only_table, show_message, wrapped_label

if TYPE_CHECKING:
    from .dialog import EvaluationDialog


def pairs(evaluation: Evaluation) -> list[tuple[str, str]]:
    """(bidder, question) in the order the table lists them: question by question, bidders in turn."""
    return [(b.name, q.reference) for q in evaluation.questions for b in evaluation.bidders]


class ModerationTab(QWidget):
    def __init__(self, dialog: EvaluationDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.evaluation: Evaluation | None = None
        self.message = message_line()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.note = wrapped_label()
        top.addWidget(self.note, 1)
        self.open_button = QPushButton(_("Open moderation"))
        self.close_button = QPushButton(_("Close moderation"))
        for button in (self.open_button, self.close_button):
            button.setAutoDefault(False)
            top.addWidget(button)
        self.open_button.setToolTip(_("Lock every individual score and start agreeing consensus scores"))
        self.open_button.clicked.connect(lambda: self.dialog.change(
            lambda ev: ev.open_moderation(), _("Moderation is open: individual scores are locked."), self.message))
        self.close_button.clicked.connect(lambda: self.dialog.change(
            lambda ev: ev.close_moderation(), _("Moderation is closed: the results are final."), self.message))
        layout.addLayout(top)
        self.disqualified = wrapped_label()
        layout.addWidget(self.disqualified)
        layout.addWidget(self.message)
        self.table = read_only_table(_("Moderation by bidder and question"), [
            _("Question"), _("Bidder"), _("Individual scores"), _("Spread"), _("Consensus"), _("Reason")])
        self.table.setMinimumHeight(170)
        self.table.currentCellChanged.connect(lambda *_a: self._row_picked())
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.picked = wrapped_label()
        form.addRow(self.picked)
        self.score = score_field(_("Consensus score"), self._top)
        add_row(form, _("Consensus &score:"), self.score)
        self.reason = text_area(_("Reason for the consensus score"), _("Why the panel agreed this score, by "
                                                                        "reference to the bid"), 80)
        add_row(form, _("&Reason:"), self.reason)
        self.commitment = text_area(_("The bidder's commitment"), _("The commitment scored, in the bidder's own "
                                                                    "words: it becomes a KPI if the bidder wins"), 60)
        add_row(form, _("Co&mmitment:"), self.commitment)
        layout.addLayout(form)
        self.agree_button = QPushButton(_("Agree consensus score"))
        self.agree_button.setAutoDefault(False)
        self.agree_button.clicked.connect(self.agree)
        layout.addWidget(self.agree_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _top(self) -> int:
        picked = self._picked()
        return self.evaluation.question(picked[1]).scale_max if picked and self.evaluation else 0

    def show_state(self, state: EvaluationState) -> None:
        self.evaluation = evaluation = state.evaluation
        if evaluation is None:
            return
        status = evaluation.status
        threshold = f"{evaluation.spread_threshold_pct:f}"
        self.note.setText({
            "scoring": _("Opening moderation locks every individual score. A question is flagged for discussion "
                         "when the highest and lowest scores differ by more than {pct}% of the scale."),
            "moderation": _("Agree one consensus score for each bidder and question, with the reason. Flagged: "
                            "the scores differ by more than {pct}% of the scale."),
            "complete": _("Moderation is closed: the consensus scores are final.")}[status].format(pct=threshold))
        self.open_button.setEnabled(status == "scoring")
        self.close_button.setEnabled(status == "moderation")
        for widget in (self.score, self.reason, self.commitment, self.agree_button):
            widget.setEnabled(status == "moderation")
        out = [_("{bidder} is disqualified: {reason}.").format(bidder=r.bidder, reason=r.disqualified)
               for r in state.results if r.disqualified]
        self.disqualified.setText("\n".join(out))
        self.disqualified.setVisible(bool(out))
        rows = []
        for bidder, question in pairs(evaluation):
            scores = evaluation.individual(bidder, question)
            entry = evaluation.consensus_for(bidder, question)
            rows.append([question, bidder, ", ".join(f"{s.evaluator} {s.score}" for s in scores) or _("none"),
                         _("Discuss") if evaluation.spread_flagged(bidder, question) else "",
                         "" if entry is None or entry.score is None else str(entry.score),
                         "" if entry is None else entry.reason])
        fill(self.table, rows)
        self._row_picked()

    def _picked(self) -> tuple[str, str] | None:
        row = self.table.currentRow()
        if self.evaluation is None or not 0 <= row < len(pairs(self.evaluation)):
            return None
        return pairs(self.evaluation)[row]

    def _row_picked(self) -> None:
        picked = self._picked()
        if picked is None or self.evaluation is None:
            self.picked.setText(_("Choose a bidder and question in the list."))
            return
        bidder, question = picked
        lines = [_("{bidder} on {question}:").format(bidder=bidder, question=question)]
        lines += [_("{evaluator} scored {score}: {rationale}").format(evaluator=s.evaluator, score=s.score,
                                                                    rationale=s.rationale or _("no rationale"))
                  for s in self.evaluation.individual(bidder, question)]
        self.picked.setText("\n".join(lines))
        entry = self.evaluation.consensus_for(bidder, question)
        self.score.set_value(None if entry is None else entry.score)
        self.reason.setPlainText("" if entry is None else entry.reason)
        self.commitment.setPlainText("" if entry is None else entry.commitment)

    def agree(self) -> None:
        picked = self._picked()
        if picked is None:
            show_message(self.message, _("Choose a bidder and question in the list first."))
            return
        if self.score.is_unfinished() or not self.score.text().strip():
            problem = self.score.problem() or _("Type the consensus score.")
            show_message(self.message, _("The consensus score is not saved: {problem}").format(problem=problem))
            return
        bidder, question = picked
        score, reason, commitment = self.score.value(), self.reason.toPlainText(), self.commitment.toPlainText()
        self.dialog.change(lambda ev: ev.agree(bidder, question, score, reason, commitment),
                           _("Agreed {score} for {bidder} on {question}.").format(
                               score=score, bidder=bidder, question=question), self.message)
