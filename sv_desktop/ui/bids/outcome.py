"""Recording a lost bid: the commissioner's overall scores, feedback per question and the lessons learned
(P238 §5.2), shown next time a similar question is answered."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ...i18n import _
from ...model.bid import Bid, BidOutcome
from ..widgets.fields import DateField, add_row, text_area


class LostDialog(QDialog):
    recorded = Signal(object, object)
    """(BidOutcome, {question number: (score, feedback)}) when the Bid Lead records the loss."""

    def __init__(self, bid: Bid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record the loss \u2013 {reference}").format(reference=bid.reference))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.decided_on = DateField(_("Decision date"))
        self.total_score = QLineEdit(bid.outcome.total_score)
        self.winner_score = QLineEdit(bid.outcome.winner_score)
        self.feedback = text_area(_("The commissioner's feedback"), "", 90)
        self.lessons = text_area(_("Lessons learned"), _("Shown next time a similar question is answered"), 90)
        add_row(form, _("&Decided on:"), self.decided_on)
        add_row(form, _("The Trust's &score:"), self.total_score)
        add_row(form, _("The &winner's score:"), self.winner_score)
        add_row(form, _("&Feedback:"), self.feedback)
        add_row(form, _("&Lessons learned:"), self.lessons)
        self.scores: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        for question in bid.questions:
            score, feedback = QLineEdit(question.score), QLineEdit(question.feedback)
            score.setMaximumWidth(90)
            score.setAccessibleName(_("Score for {number}").format(number=question.number))
            feedback.setAccessibleName(_("Feedback on {number}").format(number=question.number))
            row = QWidget()
            pair = QFormLayout(row)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.addRow(_("Score:"), score)
            pair.addRow(_("Feedback:"), feedback)
            form.addRow(question.number, row)
            self.scores[question.number] = (score, feedback)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Record the loss"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.decided_on.problem():
            return
        outcome = BidOutcome(decided_on=self.decided_on.value(), total_score=self.total_score.text().strip(),
                             winner_score=self.winner_score.text().strip(), feedback=self.feedback.toPlainText(),
                             lessons=self.lessons.toPlainText())
        scores = {number: (score.text().strip(), feedback.text().strip())
                  for number, (score, feedback) in self.scores.items()}
        self.recorded.emit(outcome, scores)
        super().accept()
