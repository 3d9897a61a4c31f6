"""Individual scores: one evaluator at a time, a grid of bidders by questions, and beside the chosen cell the
question's scale with its descriptors, the score and the rationale citing the bid. Evaluator workbooks are
written to a folder and filled ones imported back (all or nothing)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...model.evaluation import Evaluation, IndividualScore, IssuedQuestion, TeamView
from ..parsing import parse_whole
from ..prompts import replace_file_allowed
from ..widgets.fields import ValidatedField, add_row, text_area
from .state import EvaluationState, cell, message_line, read_only_table, show_message, wrapped_label

if TYPE_CHECKING:
    from .dialog import EvaluationDialog


def descriptors(dialog: EvaluationDialog, question: IssuedQuestion) -> str:
    """The scale's levels with their descriptors, as the bidders read them in the pack."""
    scale = dialog.service.bank.scales.get(question.scale_id)
    if scale is None:
        return _("Scored from 0 to {top}.").format(top=question.scale_max)
    return "\n".join(_("{label} {name}: {descriptor}").format(label=level.label, name=level.name,
                                                             descriptor=level.descriptor) for level in scale.levels)


def score_field(name: str, top: Callable[[], int]) -> ValidatedField:
    """A score typed key by key: whole, on the question's scale, or not stored (the field says why)."""
    field = ValidatedField(lambda text: parse_whole(text, 0, top(), _("a score"), "3"))
    field.set_narrow()
    field.edit.setAccessibleName(name)
    return field


def team_note(view: TeamView) -> str:
    """On a team database before moderation: whose scores are shown, and each evaluator's progress."""
    progress = "; ".join(_("{name} {count} of {expected}").format(name=name, count=count, expected=view.expected)
                         for name, count in view.entered)
    if view.evaluator:
        who = _("Team database: you see and enter only your own scores, as {evaluator}, until moderation "
                "opens.").format(evaluator=view.evaluator)
    else:
        who = _("Team database: you are not on the panel, so the evaluators' scores stay hidden until "
                "moderation opens.")
    return who + " " + _("Scores entered: {progress}.").format(progress=progress)


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


class ScoresTab(QWidget):
    def __init__(self, dialog: EvaluationDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.evaluation: Evaluation | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.evaluator = QComboBox()
        label = QLabel(_("E&valuator:"))
        label.setBuddy(self.evaluator)
        self.evaluator.setAccessibleName(_("Evaluator"))
        self.evaluator.currentIndexChanged.connect(self._show_grid)
        top.addWidget(label)
        top.addWidget(self.evaluator, 1)
        self.write_button = QPushButton(_("Write evaluator workbooks\u2026"))
        self.import_button = QPushButton(_("Import filled workbooks\u2026"))
        for button in (self.write_button, self.import_button):
            button.setAutoDefault(False)
            top.addWidget(button)
        self.write_button.clicked.connect(self.write_workbooks)
        self.import_button.clicked.connect(self.import_workbooks)
        layout.addLayout(top)
        self.lock_note = wrapped_label()
        layout.addWidget(self.lock_note)
        self.team_note = wrapped_label()
        self.team_note.hide()
        layout.addWidget(self.team_note)
        self.message = message_line()
        layout.addWidget(self.message)
        body = QHBoxLayout()
        self.grid = read_only_table(_("Scores by bidder and question"), [])
        self.grid.setSelectionBehavior(self.grid.SelectionBehavior.SelectItems)
        self.grid.setMinimumHeight(160)
        self.grid.currentCellChanged.connect(lambda *_a: self._cell_picked())
        body.addWidget(self.grid, 3)
        side = QVBoxLayout()
        self.question = wrapped_label()
        side.addWidget(self.question)
        self.scale = wrapped_label()
        self.scale.setAccessibleName(_("Scoring descriptors"))
        side.addWidget(self.scale)
        form = QFormLayout()
        self.score = score_field(_("Score"), self._top)
        add_row(form, _("&Score:"), self.score)
        self.rationale = text_area(_("Rationale"), _("Why this score, citing the bid (document, page or "
                                                     "paragraph)"), 110)
        add_row(form, _("&Rationale:"), self.rationale)
        side.addLayout(form)
        self.save_button = QPushButton(_("Save score"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_score)
        self.score.edit.returnPressed.connect(self.save_score)
        side.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        body.addLayout(side, 2)
        layout.addLayout(body, 1)

    # ---- showing

    def show_state(self, state: EvaluationState) -> None:
        self.evaluation = evaluation = state.evaluation
        if evaluation is None:
            return
        chosen = self.evaluator.currentText()
        view = evaluation.team_view
        shown = [m.name for m in evaluation.panel] if view is None else [view.evaluator] if view.evaluator else []
        self.evaluator.blockSignals(True)
        self.evaluator.clear()
        self.evaluator.addItems(shown)
        if chosen in shown:
            self.evaluator.setCurrentText(chosen)
        self.evaluator.blockSignals(False)
        scoring = evaluation.status == "scoring"
        self.lock_note.setText(_("Each evaluator scores alone. Choose a cell, type the score and the rationale, "
                                 "and save.") if scoring else
                               _("Individual scores are locked: moderation has opened."))
        self.team_note.setText("" if view is None else team_note(view))
        self.team_note.setVisible(view is not None)
        for widget in (self.score, self.rationale, self.save_button, self.import_button):
            widget.setEnabled(scoring and bool(shown))
        self._show_grid()

    def _show_grid(self) -> None:
        evaluation = self.evaluation
        if evaluation is None:
            return
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        self.grid.setColumnCount(len(evaluation.questions))
        self.grid.setRowCount(len(evaluation.bidders))
        self.grid.setHorizontalHeaderLabels([q.reference for q in evaluation.questions])
        self.grid.setVerticalHeaderLabels([b.name for b in evaluation.bidders])
        self.grid.verticalHeader().show()
        evaluator = self.evaluator.currentText()
        mine = {(s.bidder, s.question): s for s in evaluation.scores if s.evaluator == evaluator}
        for r, bidder in enumerate(evaluation.bidders):
            for c, question in enumerate(evaluation.questions):
                score = mine.get((bidder.name, question.reference))
                text = "" if score is None else str(score.score)
                self.grid.setItem(r, c, cell(text, _("{bidder} on {question}: {score}").format(
                    bidder=bidder.name, question=question.reference, score=text or _("not scored"))))
        if row >= 0 and column >= 0:
            self.grid.setCurrentCell(row, column)
        self._cell_picked()

    def _top(self) -> int:
        question = self._question()
        return 0 if question is None else question.scale_max

    def _question(self) -> IssuedQuestion | None:
        column = self.grid.currentColumn()
        if self.evaluation is None or not 0 <= column < len(self.evaluation.questions):
            return None
        return self.evaluation.questions[column]

    def _bidder(self) -> str | None:
        row = self.grid.currentRow()
        if self.evaluation is None or not 0 <= row < len(self.evaluation.bidders):
            return None
        return self.evaluation.bidders[row].name

    def _cell_picked(self) -> None:
        question, bidder = self._question(), self._bidder()
        if question is None or bidder is None or self.evaluation is None:
            self.question.setText(_("Choose a bidder's answer in the grid to score it."))
            self.scale.setText("")
            return
        self.question.setText(_("{bidder} \u2013 {reference} {title} (weight {weight}%, scored 0 to {top})\n"
                                "{text}").format(bidder=bidder, reference=question.reference,
                                                 title=question.title, weight=f"{question.weight_pct:f}",
                                                 top=question.scale_max, text=question.text))
        self.scale.setText(descriptors(self.dialog, question))
        existing = next((s for s in self.evaluation.scores if (s.evaluator, s.bidder, s.question) ==
                         (self.evaluator.currentText(), bidder, question.reference)), None)
        self.score.set_value(None if existing is None else existing.score)
        self.rationale.setPlainText("" if existing is None else existing.rationale)

    # ---- changes

    def save_score(self) -> None:
        question, bidder, evaluator = self._question(), self._bidder(), self.evaluator.currentText()
        if question is None or bidder is None or not evaluator:
            show_message(self.message, _("Choose an evaluator and a cell in the grid first."))
            return
        if self.score.is_unfinished() or not self.score.text().strip():
            problem = self.score.problem() or _("Type a score from 0 to {top}.").format(top=question.scale_max)
            show_message(self.message, _("The score is not saved: {problem}").format(problem=problem))
            return
        score = IndividualScore(evaluator, bidder, question.reference, self.score.value(),
                                self.rationale.toPlainText().strip())
        self.dialog.change(lambda ev: ev.record_score(score), _("Saved {evaluator}'s score of {score} for {bidder} "
                           "on {question}.").format(evaluator=evaluator, score=score.score, bidder=bidder,
                                                   question=question.reference), self.message)

    def write_workbooks(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the evaluator workbooks"),
                                                  str(documents_folder()))
        if folder:
            self.write_to(Path(folder))

    def write_to(self, folder: Path) -> None:
        service, reference = self.dialog.service, self.dialog.reference
        for path in service.evaluator_workbook_files(reference, folder):
            if not replace_file_allowed(self, service, path):
                return
        self.dialog.run(lambda: service.write_evaluator_workbooks(reference, folder),
                        lambda paths: show_message(self.message, ngettext(
                            "Wrote {count} evaluator workbook in {folder}.",
                            "Wrote {count} evaluator workbooks in {folder}.", len(paths)).format(
                            count=len(paths), folder=folder)), self.message)

    def import_workbooks(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(self, _("Filled evaluator workbooks"),
                                                       str(documents_folder()),
                                                       _("Excel workbooks") + " (*.xlsx)")
        if chosen:
            self.import_from([Path(p) for p in chosen])

    def import_from(self, paths: list[Path]) -> None:
        service, reference = self.dialog.service, self.dialog.reference

        def imported(count: int) -> None:
            self.dialog.after_change(ngettext("Imported {count} score.", "Imported {count} scores.", count).format(
                count=count), self.message)
        self.dialog.run(lambda: service.import_evaluator_workbooks(reference, paths), imported, self.message)
