"""The tender's questions to bidders: added from the bank or written by hand, each editable here."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...i18n import N_, _
from ...model.tender import THEMES, Question, Tender
from .. import icons
from ..parsing import FieldError, format_number, parse_percent, parse_whole
from ..widgets.fields import FieldMessage, ValidatedField, add_row, text_area
from ..widgets.record_editor import RecordEditor
from .bank_picker import BankPicker

if TYPE_CHECKING:
    from ...services.contract import UiService

WORD_LIMITS = (50, 10_000)
HEADING_LIMIT = 500
"""The longest question heading a tender file carries."""


class QuestionsEditor(RecordEditor):
    columns = (N_("Question"), N_("Theme"), N_("Words"), N_("Scale"))
    noun = N_("question")
    plural = N_("questions")
    limit_key = "questions"

    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        self.service = service
        self.content = service.content
        self.bank = service.bank
        self.tender: Tender | None = None
        super().__init__(parent)

    def add_buttons(self, row: QHBoxLayout) -> None:
        self.bank_button = QPushButton(icons.icon("library"), _("Add from ban&k…"))
        self.bank_button.setAccessibleName(_("Add questions from the question bank"))
        self.own_button = QPushButton(icons.icon("add"), _("Add &own question"))
        self.own_button.setAccessibleName(_("Add a question of your own"))
        row.addWidget(self.bank_button)
        row.addWidget(self.own_button)
        self.bank_button.clicked.connect(self.add_from_bank)
        self.own_button.clicked.connect(self.add_own)

    def build_form(self, form: QFormLayout) -> None:
        self.theme = QComboBox()
        self.theme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.theme.setMinimumContentsLength(14)
        for theme in THEMES:
            self.theme.addItem(self.content.theme_label(theme), theme)
        add_row(form, _("T&heme:"), self.theme)
        self.heading = QLineEdit()
        self.heading.setMaxLength(HEADING_LIMIT)
        self.heading.setPlaceholderText(_("for example Zero-emission fleet"))
        add_row(form, _("Headin&g (short title):"), self.heading, _("Shown above the question in the pack."))
        self.text = text_area(_("Question text"), _("The question exactly as bidders will read it."))
        self.text.setMinimumHeight(110)
        add_row(form, _("&Question text:"), self.text)
        self.text_message = FieldMessage()
        form.addRow(self.text_message)
        low, high = WORD_LIMITS
        self.word_limit = ValidatedField(lambda t: parse_whole(t, low, high, _("the word limit"), "750"),
                                         fmt=format_number)
        self.word_limit.set_narrow()
        add_row(form, _("Word &limit:"), self.word_limit)
        self.scale = QComboBox()
        self.scale.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scale.setMinimumContentsLength(14)
        for scale_id, scale in self.bank.scales.items():
            self.scale.addItem(f"{scale.name} ({scale_id})", scale_id)
        add_row(form, _("S&coring scale:"), self.scale)
        self.weight = ValidatedField(self._parse_weight, fmt=format_number, placeholder=_("shared"))
        self.weight.set_narrow()
        add_row(form, _("Question weighting (% of tot&al score):"), self.weight,
                _("Optional: this question's own share of the total score. Leave empty to share the theme's "
                "weighting evenly with its other questions."))
        self.min_score = ValidatedField(self._parse_min_score, fmt=format_number, placeholder=_("none"))
        self.min_score.set_narrow()
        add_row(form, _("Min&imum score:"), self.min_score,
                _("Optional, on the question's scale; published in the pack. Leave empty for none."))
        self.disqualifies = QCheckBox(_("A tender scoring below the minimum is &disqualified"))
        self.disqualifies.setAccessibleDescription(
            _("Ticked: a tender below the minimum is disqualified. Not ticked: it earns no marks for this "
              "question."))
        form.addRow("", self.disqualifies)
        self.theme.currentIndexChanged.connect(self.form_edited)
        self.heading.textEdited.connect(self.form_edited)
        self.text.textChanged.connect(self.form_edited)
        self.word_limit.edited.connect(self.form_edited)
        self.scale.currentIndexChanged.connect(self.form_edited)
        self.scale.currentIndexChanged.connect(self.min_score.revalidate)
        self.min_score.edited.connect(self.form_edited)
        self.weight.edited.connect(self.form_edited)
        self.disqualifies.toggled.connect(self.form_edited)

    @staticmethod
    def _parse_weight(text: str) -> Decimal | None:
        return None if not text.strip() else parse_percent(text, _("the question's weighting"), "2.5")

    def _scale_maximum(self) -> Decimal:
        scale = self.bank.scales.get(self.scale.currentData())
        labels = [n for level in scale.levels for n in re.findall(r"\d+", level.label)] if scale else []
        return max((Decimal(n) for n in labels), default=Decimal(5))

    def _parse_min_score(self, text: str) -> Decimal | None:
        """Empty for no minimum, else a score from 0 to the scale's maximum."""
        if not text.strip():
            return None
        value = parse_percent(text, _("the minimum score"), "2")
        maximum = self._scale_maximum()
        if value > maximum:
            raise FieldError(_("The minimum score must be between 0 and {maximum}, the top of this "
                               "question's scale.").format(maximum=format_number(maximum)))
        return value

    def stretch_column(self) -> int:
        return 0

    def cells(self, q: Question) -> tuple[str, ...]:
        theme = self.content.theme_label(q.theme)
        if self.tender is not None and q.theme not in self.tender.theme_ids:
            theme = _("{theme} (theme not chosen)").format(theme=theme)
        text = q.text or _("(empty: write the question)")
        return (f"{q.title} – {text}" if q.title else text), theme, str(q.word_limit), q.scoring_scale

    def empty_text(self) -> str:
        return _("No questions yet: add them from the bank, or write your own.")

    def show_record(self, q: Question) -> None:
        self.theme.setCurrentIndex(max(self.theme.findData(q.theme), 0))
        self.heading.setText(q.title)
        self.heading.setCursorPosition(0)
        if self.text.toPlainText() != q.text:
            self.text.setPlainText(q.text)
        self._check_text(q.text)
        self.word_limit.set_value(q.word_limit)
        index = self.scale.findData(q.scoring_scale)
        if index < 0:
            self.scale.addItem(q.scoring_scale, q.scoring_scale)
            index = self.scale.count() - 1
        self.scale.setCurrentIndex(index)
        self.min_score.set_value(q.min_score)
        self.weight.set_value(q.weighting_pct)
        self.disqualifies.setChecked(q.min_score_disqualifies)

    def store_record(self, q: Question) -> None:
        q.theme = self.theme.currentData()
        q.title = self.heading.text()
        q.text = self.text.toPlainText()
        self._check_text(q.text)
        if self.word_limit.value() is not None:
            q.word_limit = self.word_limit.value()
        q.scoring_scale = self.scale.currentData()
        # A field holding text not yet finished gives the value from before that edit began.
        q.min_score = self.min_score.value()
        q.weighting_pct = self.weight.value()
        q.min_score_disqualifies = self.disqualifies.isChecked()

    def _check_text(self, text: str) -> None:
        self.text_message.show_message(
            "" if text.strip() else _("Write the question bidders will answer: it is empty."))

    # ---- adding

    def _defaults(self) -> tuple[int, str]:
        settings = self.service.settings
        limit = getattr(settings, "default_word_limit", None) or self.bank.default_word_limit
        scale = getattr(settings, "default_scoring_scale", None) or self.bank.default_scale
        if scale not in self.bank.scales:
            scale = self.bank.default_scale
        return limit, scale

    def add_from_bank(self) -> None:
        if self.tender is None:
            return
        _limit, scale = self._defaults()
        chosen = BankPicker.choose_questions(self, self.bank, self.content, self.tender)[:self.room()]
        for bank_question in chosen:
            self.records.append(self.bank.to_question(bank_question, scale=scale))
        if chosen:
            self.refresh(len(self.records) - 1)
            self.changed.emit()

    def add_own(self) -> None:
        if self.tender is None:
            return
        limit, scale = self._defaults()
        current = self.current()
        theme = current.theme if current is not None else (self.tender.theme_ids or [THEMES[0]])[-1]
        self.add(Question(theme=theme, text="", word_limit=limit, scoring_scale=scale))
        self.text.setFocus()
