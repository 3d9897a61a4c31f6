"""The bid window's questions tab: each social value question as the commissioner issued it (number, text,
word or page limit, scoring scale, weight), added, edited and removed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...model.bid import LIMIT_KINDS, Bid, BidQuestion
from .. import icons
from ..parsing import format_number, parse_percent, parse_whole
from ..widgets.fields import ValidatedField, add_row, text_area


def limit_kind_labels() -> dict[str, str]:
    return {"words": _("words"), "pages": _("pages")}


def limit_text(question: BidQuestion) -> str:
    if question.limit is None:
        return _("no limit")
    return _("{limit} {kind}").format(limit=question.limit, kind=limit_kind_labels()[question.limit_kind])


class QuestionsTab(QWidget):
    def __init__(self, changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changed = changed
        self._loading = False
        self.bid: Bid | None = None
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Number"), _("Question"), _("Limit"), _("Scale"), _("Weight (%)")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, self.table.horizontalHeader().ResizeMode.Stretch)
        self.table.setAccessibleName(_("The questions as issued"))
        self.table.setMaximumHeight(170)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(icons.icon("add"), _("&Add question"))
        self.remove_button = QPushButton(icons.icon("remove"), _("Re&move question"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.number = QLineEdit()
        self.number.setMaximumWidth(160)
        self.text = text_area(_("Question text"), _("The question word for word as the commissioner issued it"), 120)
        self.limit = ValidatedField(lambda t: parse_whole(t, 1, 100_000, _("the limit"), "500") if t.strip() else None)
        self.limit.set_narrow()
        self.limit_kind = QComboBox()
        for kind in LIMIT_KINDS:
            self.limit_kind.addItem(limit_kind_labels()[kind], kind)
        limit_row = QWidget()
        row = QHBoxLayout(limit_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.limit)
        row.addWidget(self.limit_kind)
        row.addStretch(1)
        self.limit_kind.setAccessibleName(_("Words or pages"))
        self.scale = QLineEdit()
        self.scale.setPlaceholderText(_("for example 0-5"))
        self.scale.setMaximumWidth(240)
        self.weight = ValidatedField(lambda t: parse_percent(t, _("the question's weight"), "5") if t.strip() else None,
                                     fmt=format_number)
        self.weight.set_narrow()
        add_row(form, _("N&umber:"), self.number, _("As the commissioner numbers it, for example SV1"))
        add_row(form, _("&Text:"), self.text)
        add_row(form, _("&Limit:"), limit_row)
        self.limit.edit.setAccessibleName(_("Limit"))
        add_row(form, _("Scoring s&cale:"), self.scale)
        add_row(form, _("W&eight (%):"), self.weight, _("The question's share of the total score"))
        layout.addWidget(self.form_box, 1)
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_question)
        self.table.currentCellChanged.connect(self._chosen)
        self.number.textEdited.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        self.limit.edited.connect(self._edited)
        self.limit_kind.currentIndexChanged.connect(self._edited)
        self.scale.textEdited.connect(self._edited)
        self.weight.edited.connect(self._edited)

    # ---- the list

    def load(self, bid: Bid) -> None:
        self.bid = bid
        self._fill(min(max(self.table.currentRow(), 0), len(bid.questions) - 1))

    def _fill(self, current: int) -> None:
        assert self.bid is not None
        self._loading = True
        try:
            self.table.setRowCount(len(self.bid.questions))
            for row, question in enumerate(self.bid.questions):
                self._show_row(row, question)
            if current >= 0:
                self.table.setCurrentCell(current, 0)
        finally:
            self._loading = False
        self._chosen(current)

    def _show_row(self, row: int, question: BidQuestion) -> None:
        texts = (question.number, " ".join(question.text.split())[:200], limit_text(question), question.scoring_scale,
                 format_number(question.weight_pct))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(question.text[:500] if column == 1 else text)
            self.table.setItem(row, column, item)

    def current(self) -> BidQuestion | None:
        row = self.table.currentRow()
        if self.bid is None or not 0 <= row < len(self.bid.questions):
            return None
        return self.bid.questions[row]

    def _chosen(self, *_args) -> None:
        if self._loading:
            return
        question = self.current()
        self.form_box.setEnabled(question is not None)
        self.remove_button.setEnabled(question is not None)
        self._loading = True
        try:
            self.number.setText(question.number if question else "")
            self.text.setPlainText(question.text if question else "")
            self.limit.set_value(question.limit if question else None)
            self.limit_kind.setCurrentIndex(max(0, self.limit_kind.findData(question.limit_kind if question else "")))
            self.scale.setText(question.scoring_scale if question else "")
            self.weight.set_value(question.weight_pct if question else None)
        finally:
            self._loading = False

    def add_question(self) -> None:
        assert self.bid is not None
        numbers = {q.number for q in self.bid.questions}
        n = len(self.bid.questions) + 1
        while f"SV{n}" in numbers:
            n += 1
        self.bid.questions.append(BidQuestion(number=f"SV{n}", limit=500))
        self._fill(len(self.bid.questions) - 1)
        self._changed()
        self.number.setFocus()
        self.number.selectAll()

    def remove_question(self) -> None:
        row = self.table.currentRow()
        if self.bid is None or not 0 <= row < len(self.bid.questions):
            return
        del self.bid.questions[row]
        self._fill(min(row, len(self.bid.questions) - 1))
        self._changed()

    # ---- editing

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        question = self.current()
        if question is None:
            return
        question.number = self.number.text().strip()
        question.text = self.text.toPlainText()
        question.limit = self.limit.value()
        question.limit_kind = self.limit_kind.currentData() or "words"
        question.scoring_scale = self.scale.text()
        question.weight_pct = self.weight.value()
        self._show_row(self.table.currentRow(), question)
        self._changed()

    def problem(self) -> str | None:
        for field in (self.limit, self.weight):
            if field.problem():
                return field.problem()
        return None

