"""Step 5, Social value weighting: the share of the evaluation score, its split by theme, and the questions.

The split must add up to the total (SV-THEME-WEIGHTS); the page says so as the manager types, with the
difference to fix, rather than waiting for the review. A weighting under the 10% minimum is allowed to be
saved (the tender may be a draft) but shows as a blocker at once.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ...i18n import _
from ...model.tender import THEMES, Tender
from .. import icons
from ..parsing import format_number, parse_percent
from ..style import make_secondary
from ..widgets.fields import FieldMessage, ValidatedField, add_row
from ..widgets.reflow import mark_reflow
from .base_page import WizardPage
from .page_ids import PageId
from .questions_editor import QuestionsEditor


def split_labels() -> dict[str, str]:
    """The split's field labels, each theme with its own mnemonic."""
    return {"fighting_climate_change": _("&Fighting climate change (%):"), "wellbeing": _("&Wellbeing (%):"),
            "equal_opportunity": _("&Equal opportunity (%):"),
            "tackling_economic_inequality": _("&Tackling economic inequality (%):")}


def percent_text(value: Decimal) -> str:
    return f"{format_number(value)}%"


def split_message(total: Decimal, parts: list[Decimal]) -> str:
    """'' when the split adds up, else what is wrong and how to fix it."""
    split = sum(parts, Decimal(0))
    if split == total:
        return ""
    gap = total - split
    if gap > 0:
        return _("The split by theme adds up to {split}, but the social value weighting is {total}: add {gap} to "
                 "one or more themes.").format(split=percent_text(split), total=percent_text(total),
                                               gap=percent_text(gap))
    return _("The split by theme adds up to {split}, more than the social value weighting of {total}: take {gap} "
             "off one or more themes.").format(split=percent_text(split), total=percent_text(total),
                                               gap=percent_text(-gap))


def even_split(total: Decimal, count: int) -> list[Decimal]:
    """Equal shares to two decimal places; any remainder goes to the first theme (climate)."""
    if count <= 0:
        return []
    share = (total / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    parts = [share] * count
    parts[0] += total - share * count
    return [p.normalize() if p == p.to_integral() else p for p in parts]


class WeightingPage(WizardPage):
    page_id = PageId.WEIGHTING

    def build(self, layout: QVBoxLayout) -> None:
        top = mark_reflow(QHBoxLayout())  # stacks on a narrow or scaled screen
        top.setSpacing(16)
        weight_box = QGroupBox(_("Social value weighting"))
        form = QFormLayout(weight_box)
        self.weighting = ValidatedField(
            lambda t: parse_percent(t, _("the social value weighting"), "10"), fmt=format_number)
        self.weighting.set_narrow()
        add_row(form, _("&Social value weighting (% of the total score):"), self.weighting,
                _("At least 10% of the total evaluation score (policy P238 section 1.1.1)."))
        minimum = make_secondary(QLabel(
            _("The policy asks for at least 10% of the total evaluation score in every new contract the Trust "
            "commissions or bids for (section 1.1.1). Below that, the pack is marked not policy-compliant.")))
        form.addRow(minimum)
        top.addWidget(weight_box, 1)

        self.split_box = QGroupBox(_("Split by theme"))
        split_layout = QVBoxLayout(self.split_box)
        self.split_form = QFormLayout()
        split_layout.addLayout(self.split_form)
        self.split_fields: dict[str, ValidatedField] = {}
        self.split_labels: dict[str, QLabel] = {}
        for theme in THEMES:
            def parse_share(text: str, theme: str = theme) -> Decimal:
                return parse_percent(text, _("the share for {theme_label}").format(
                    theme_label=self.content.theme_label(theme)), "5")

            field = ValidatedField(
                parse_share,
                fmt=format_number)
            field.set_narrow()
            field.edited.connect(self._split_edited)
            label = add_row(self.split_form, split_labels()[theme], field)
            self.split_fields[theme] = field
            self.split_labels[theme] = label
        self.sum_label = QLabel()
        self.sum_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sum_message = FieldMessage()
        split_layout.addWidget(self.sum_label)
        split_layout.addWidget(self.sum_message)
        self.even_button = QPushButton(icons.icon("edit"), _("S&plit evenly"))
        self.even_button.setAccessibleName(_("Split the weighting evenly between the chosen themes"))
        self.even_button.clicked.connect(self.split_evenly)
        split_layout.addWidget(self.even_button, 0, Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.split_box, 1)
        layout.addLayout(top)

        questions_box = QGroupBox(_("Questions to bidders"))
        questions_layout = QVBoxLayout(questions_box)
        questions_layout.addWidget(make_secondary(QLabel(
            _("Each chosen theme needs at least one question. Questions from the bank can be edited here "
            "without changing the bank."))))
        self.questions = QuestionsEditor(self.service)
        questions_layout.addWidget(self.questions)
        layout.addWidget(questions_box, 1)

        self.weighting.edited.connect(self._weighting_edited)
        self.questions.changed.connect(self.edited)

    # ---- live checks

    def _weighting_edited(self) -> None:
        self.edited()
        self._show_sum()

    def _split_edited(self) -> None:
        self.edited()
        self._show_sum()

    def _chosen(self) -> list[str]:
        # A theme this version does not know (written into the database elsewhere) has no field here.
        return [t for t in self.tender.theme_ids if t in self.split_fields] if self.tender is not None else []

    def _show_sum(self) -> None:
        chosen = self._chosen()
        total = self.weighting.value() if self.weighting.value() is not None else Decimal(0)
        parts = [self.split_fields[t].value() or Decimal(0) for t in chosen]
        shown = " + ".join(percent_text(p) for p in parts) or "0%"
        self.sum_label.setText(_("Split: {parts} = {sum} of {total}").format(
            parts=shown, sum=percent_text(sum(parts, Decimal(0))), total=percent_text(total)))
        message = split_message(total, parts)
        self.sum_message.show_message(message)
        self.sum_label.setAccessibleName(_("{sum}. {message}").format(
            sum=self.sum_label.text(), message=message)
                                         if message else _("{sum}, adds up.").format(
                                             sum=self.sum_label.text()))

    def split_evenly(self) -> None:
        chosen = self._chosen()
        total = self.weighting.value() or Decimal(0)
        for theme, part in zip(chosen, even_split(total, len(chosen)), strict=True):
            self.split_fields[theme].set_value(part)
        self.edited()
        self._show_sum()

    # ---- load / apply

    def fill(self, tender: Tender) -> None:
        self.weighting.set_value(tender.social_value_weighting_pct)
        chosen = set(tender.theme_ids)
        for theme in THEMES:
            visible = theme in chosen
            field, label = self.split_fields[theme], self.split_labels[theme]
            choice = tender.theme(theme)
            field.set_value(choice.weighting_pct if choice else Decimal(0))
            field.setVisible(visible)
            label.setVisible(visible)
        self.even_button.setEnabled(len(chosen) > 1)
        self.questions.tender = tender
        self.questions.set_records(tender.questions)
        self._show_sum()

    def apply(self, tender: Tender) -> None:
        if self.weighting.value() is not None:
            tender.social_value_weighting_pct = self.weighting.value()
        for choice in tender.themes:
            field = self.split_fields[choice.theme]
            if field.value() is not None:
                choice.weighting_pct = field.value()
