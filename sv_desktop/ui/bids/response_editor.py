"""The response editor: the Trust's answer to one question, with a live word count against the limit (and
the counting rule in one sentence), the checklist of a strong answer, the warnings the bid rules give for it
(generic, repeats the specification, beyond the owner's capacity, over the limit), the library commitments
the answer uses, and what commissioners said about earlier answers to similar questions.

The findings and lessons are read off the UI thread a moment after the typing pauses."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...model.bid import Bid, BidQuestion
from ...model.word_count import count_words, word_count_rule
from .. import icons
from ..style import error_color, make_heading, make_secondary
from ..widgets.fields import text_area
from ..widgets.scrolling import scrolling
from ..worker import run_in_background

if TYPE_CHECKING:
    from ...model.bid import Lesson
    from ...model.commitment import Commitment
    from ...model.rules import Finding
    from ...services.contract import UiService

QUESTION_RULES = ("BID-OVER-LIMIT", "BID-COMMITMENT-OWNER", "BID-COMMITMENT-MEASURE", "BID-COMMITMENT-UNKNOWN",
                  "BID-GENERIC", "BID-REPEATS-SPEC", "BID-CAPACITY")
"""The findings about one answer (the others are about the whole bid and show on the stage tab)."""
CHECK_DELAY_MS = 400


def count_text(text: str, question: BidQuestion) -> tuple[str, bool]:
    """"120 of 500 words" (or how far over); True when over the limit."""
    count = count_words(text)
    if question.limit is None or question.limit_kind != "words":
        return ngettext("{count} word", "{count} words", count).format(count=count), False
    if count > question.limit:
        return ngettext("{count} words: {over} word over the limit of {limit}",
                        "{count} words: {over} words over the limit of {limit}", count - question.limit).format(
            count=count, over=count - question.limit, limit=question.limit), True
    return ngettext("{count} of {limit} word", "{count} of {limit} words", question.limit).format(
        count=count, limit=question.limit), False


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _heading(text: str) -> QLabel:
    """A heading of the narrow side column: wrapped, so a long one never widens the column past the window."""
    heading = make_heading(QLabel(text), 2)
    heading.setWordWrap(True)
    return heading


class ResponseEditor(QWidget):
    def __init__(self, service: UiService, changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._changed = changed
        self._loading = False
        self.bid: Bid | None = None
        self.library: dict[str, Commitment] = {}
        self.findings: list[Finding] = []
        self.lessons: list[Lesson] = []
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        chooser = QHBoxLayout()
        self.question = QComboBox()
        self.question.setAccessibleName(_("Question to answer"))
        label = QLabel(_("&Question:"))
        label.setBuddy(self.question)
        chooser.addWidget(label)
        chooser.addWidget(self.question, 1)
        left.addLayout(chooser)
        self.question_text = make_secondary(_wrapped())
        left.addWidget(self.question_text)
        answer_label = QLabel(_("A&nswer:"))
        self.answer = text_area(_("Answer"), _("The Trust's answer, ready to paste into the portal"))
        answer_label.setBuddy(self.answer)
        left.addWidget(answer_label)
        left.addWidget(self.answer, 1)
        self.count = _wrapped()
        self.count.setAccessibleName(_("Word count"))
        left.addWidget(self.count)
        self.rule = make_secondary(_wrapped(word_count_rule()))
        left.addWidget(self.rule)
        outer.addLayout(left, 3)

        side = QWidget()
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(_heading(_("A strong answer covers")))
        self.checklist = _wrapped("\n".join(f"• {item}" for item in service.bid_content().checklist.values()))
        right.addWidget(self.checklist)
        right.addWidget(_heading(_("Warnings")))
        self.warnings = _wrapped()
        self.warnings.setAccessibleName(_("Warnings about this answer"))
        right.addWidget(self.warnings)
        right.addWidget(_heading(_("Commitments used")))
        self.commitments = QListWidget()
        self.commitments.setAccessibleName(_("Commitments the answer uses"))
        self.commitments.setMaximumHeight(90)
        right.addWidget(self.commitments)
        pick = QHBoxLayout()
        self.pick = QComboBox()
        self.pick.setAccessibleName(_("Commitment from the library"))
        self.pick.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pick.setMinimumContentsLength(14)
        self.add_commitment = QPushButton(icons.icon("add"), _("&Use"))
        self.add_commitment.setAccessibleName(_("Use the chosen commitment"))
        self.remove_commitment = QPushButton(icons.icon("remove"), _("Remo&ve"))
        self.remove_commitment.setAccessibleName(_("Stop using the selected commitment"))
        right.addWidget(self.pick)  # the buttons below it: the column stays narrow enough at 150%
        for widget in (self.add_commitment, self.remove_commitment):
            pick.addWidget(widget)
        pick.addStretch(1)
        right.addLayout(pick)
        right.addWidget(_heading(_("Lessons from similar questions")))
        self.lessons_text = _wrapped()
        self.lessons_text.setAccessibleName(_("Lessons from similar questions"))
        right.addWidget(self.lessons_text)
        right.addStretch(1)
        outer.addWidget(scrolling(side), 2)

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check)
        self.question.currentIndexChanged.connect(self._chosen)
        self.answer.textChanged.connect(self._edited)
        self.add_commitment.clicked.connect(self._use)
        self.remove_commitment.clicked.connect(self._stop_using)

    # ---- showing

    def load(self, bid: Bid, library: list[Commitment] | None = None) -> None:
        self.bid = bid
        if library is not None:
            self.library = {c.id: c for c in library}
            self.pick.clear()
            for commitment in library:
                self.pick.addItem(commitment.title, commitment.id)
        self._loading = True
        try:
            chosen = max(self.question.currentIndex(), 0)
            self.question.clear()
            for question in bid.questions:
                self.question.addItem(f"{question.number}: {' '.join(question.text.split())[:90]}")
            self.question.setCurrentIndex(min(chosen, len(bid.questions) - 1))
        finally:
            self._loading = False
        self._chosen()

    def current(self) -> BidQuestion | None:
        index = self.question.currentIndex()
        if self.bid is None or not 0 <= index < len(self.bid.questions):
            return None
        return self.bid.questions[index]

    def _chosen(self, *_args) -> None:
        if self._loading:
            return
        question = self.current()
        for widget in (self.answer, self.pick, self.add_commitment, self.remove_commitment):
            widget.setEnabled(question is not None)
        self._loading = True
        try:
            self.answer.setPlainText(question.answer if question else "")
        finally:
            self._loading = False
        self.question_text.setText(question.text if question else _("Add the commissioner's questions first, on "
                                                                      "the Questions tab."))
        self._show_commitments()
        self._show_count()
        self.lessons_text.setText("")
        self.warnings.setText("")
        self.check_timer.start()

    def _show_count(self) -> None:
        question = self.current()
        if question is None:
            self.count.setText("")
            return
        text, over = count_text(self.answer.toPlainText(), question)
        self.count.setText(text)
        self.count.setStyleSheet(f"color: {error_color().name()};" if over else "")

    def _show_commitments(self) -> None:
        question = self.current()
        self.commitments.clear()
        for cid in question.commitment_ids if question else []:
            commitment = self.library.get(cid)
            self.commitments.addItem(commitment.title if commitment else _("{id} (not in the library)").format(id=cid))

    # ---- editing

    def _edited(self) -> None:
        question = self.current()
        if self._loading or question is None:
            return
        question.answer = self.answer.toPlainText()
        self._show_count()
        self._changed()
        self.check_timer.start()

    def _use(self) -> None:
        question, cid = self.current(), self.pick.currentData()
        if question is None or not cid or cid in question.commitment_ids:
            return
        question.commitment_ids.append(cid)
        self._show_commitments()
        self._changed()
        self.check_timer.start()

    def _stop_using(self) -> None:
        question, row = self.current(), self.commitments.currentRow()
        if question is None or not 0 <= row < len(question.commitment_ids):
            return
        del question.commitment_ids[row]
        self._show_commitments()
        self._changed()
        self.check_timer.start()

    # ---- the rules and the lessons, off the UI thread

    def check(self) -> None:
        question = self.current()
        if self.bid is None or question is None:
            return
        alone = copy.deepcopy(self.bid)
        alone.questions = [copy.deepcopy(question)]
        service, text, reference = self.service, question.text, self.bid.reference

        def work() -> tuple[list[Finding], list[Lesson]]:
            findings = [f for f in service.bid_findings(alone) if f.rule in QUESTION_RULES]
            return findings, service.similar_lessons(text, except_reference=reference)

        def done(found: tuple[list[Finding], list[Lesson]]) -> None:
            self._checked(question, found)

        run_in_background(work, done, self._not_checked, context=self)

    def _checked(self, question: BidQuestion, found: tuple[list[Finding], list[Lesson]]) -> None:
        if question is not self.current():
            return  # another question was chosen meanwhile
        self.findings, self.lessons = found
        self.warnings.setText("\n".join(f"• {f.message}" for f in self.findings) or _("None: nothing to put right."))
        self.lessons_text.setText("\n\n".join(
            _("{reference} {number} (score {score}): {feedback} Lessons: {lessons}").format(
                reference=lesson.bid_reference, number=lesson.question_number, score=lesson.score or _("not given"),
                feedback=lesson.feedback or _("no feedback"), lessons=lesson.lessons or _("none recorded"))
            for lesson in self.lessons) or _("No earlier lost bid asked a similar question."))

    def _not_checked(self, error: Exception) -> None:
        self.warnings.setText(_("The answer could not be checked: {error}").format(error=error))
