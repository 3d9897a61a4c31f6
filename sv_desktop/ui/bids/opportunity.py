"""The bid window's first tab: the opportunity as the commissioner publishes it (commissioner, portal and
reference, service, value, duration, submission deadline, regime), its social value weighting, themes and
criteria."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from ...i18n import _
from ...model.bid import BID_REGIMES, Bid
from ...model.tender import THEMES
from ..parsing import format_money, format_number, parse_money, parse_percent, parse_whole
from ..widgets.fields import DateField, ValidatedField, add_row, text_area

if TYPE_CHECKING:
    from ...services.contract import UiService


def regime_labels() -> dict[str, str]:
    return {"procurement_act": _("Procurement Act 2023"), "psr": _("Provider Selection Regime (PSR)")}


def _optional(parse: Callable[[str], object]) -> Callable[[str], object]:
    return lambda text: parse(text) if text.strip() else None


class OpportunityTab(QWidget):
    def __init__(self, service: UiService, changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changed = changed
        self._loading = False
        form = QFormLayout(self)
        self.title = QLineEdit()
        self.commissioner = QLineEdit()
        self.portal = QLineEdit()
        self.portal_reference = QLineEdit()
        self.value = ValidatedField(_optional(parse_money), fmt=format_number, placeholder=_("for example 2.4m"))
        self.value.show_understood(lambda v: "= " + format_money(v))
        self.duration = ValidatedField(_optional(lambda t: parse_whole(t, 1, 600, _("the duration in months"), "36")),
                                       fmt=str)
        self.duration.set_narrow()
        self.deadline = DateField(_("Submission deadline"))
        self.regime = QComboBox()
        for regime in BID_REGIMES:
            self.regime.addItem(regime_labels()[regime], regime)
        self.weighting = ValidatedField(_optional(lambda t: parse_percent(t, _("the social value weighting"), "10")),
                                        fmt=format_number)
        self.weighting.set_narrow()
        themes = QWidget()
        row = QHBoxLayout(themes)
        row.setContentsMargins(0, 0, 0, 0)
        self.themes: dict[str, QCheckBox] = {}
        for theme in THEMES:
            box = QCheckBox(service.content.theme_label(theme))
            self.themes[theme] = box
            row.addWidget(box)
        row.addStretch(1)
        self.criteria = text_area(_("Social value criteria"), _("The commissioner's criteria or model outcomes, as "
                                                                  "published"), 110)
        add_row(form, _("S&ervice:"), self.title, _("The service the Trust bids to provide"))
        add_row(form, _("Co&mmissioner:"), self.commissioner)
        add_row(form, _("Po&rtal:"), self.portal, _("The commissioner's e-tendering portal"))
        add_row(form, _("Portal re&ference:"), self.portal_reference)
        add_row(form, _("&Value excl. VAT (£):"), self.value)
        add_row(form, _("D&uration (months):"), self.duration)
        add_row(form, _("Submission &deadline:"), self.deadline)
        add_row(form, _("Re&gime:"), self.regime)
        add_row(form, _("Social value &weighting (%):"), self.weighting,
                _("The commissioner's social value share of the total score"))
        add_row(form, _("T&hemes asked about:"), themes)
        add_row(form, _("&Criteria:"), self.criteria)
        for edit in (self.title, self.commissioner, self.portal, self.portal_reference):
            edit.textEdited.connect(self._edited)
        for field in (self.value, self.duration, self.deadline, self.weighting):
            field.edited.connect(self._edited)
        self.regime.currentIndexChanged.connect(self._edited)
        for box in self.themes.values():
            box.toggled.connect(self._edited)
        self.criteria.textChanged.connect(self._edited)

    def _edited(self, *_args) -> None:
        if not self._loading:
            self._changed()

    def load(self, bid: Bid) -> None:
        self._loading = True
        try:
            self.title.setText(bid.title)
            self.commissioner.setText(bid.commissioner)
            self.portal.setText(bid.portal)
            self.portal_reference.setText(bid.portal_reference)
            self.value.set_value(bid.value_gbp)
            self.duration.set_value(bid.duration_months)
            self.deadline.set_value(bid.submission_deadline.date() if bid.submission_deadline else None)
            self.regime.setCurrentIndex(max(0, self.regime.findData(bid.regime)))
            self.weighting.set_value(bid.social_value_weighting_pct)
            for theme, box in self.themes.items():
                box.setChecked(theme in bid.themes)
            self.criteria.setPlainText(bid.criteria)
        finally:
            self._loading = False

    def apply(self, bid: Bid) -> str | None:
        """Copy the form into `bid` (an entry not readable yet keeps the value before); the first problem."""
        bid.title = self.title.text()
        bid.commissioner = self.commissioner.text()
        bid.portal = self.portal.text()
        bid.portal_reference = self.portal_reference.text()
        bid.value_gbp = self.value.value()
        bid.duration_months = self.duration.value()
        day = self.deadline.value()
        old = bid.submission_deadline
        if day is None:
            bid.submission_deadline = None
        elif old is None or old.date() != day:
            bid.submission_deadline = dt.datetime.combine(day, dt.time(12, 0)).astimezone()  # noon, local time
        bid.regime = self.regime.currentData() or "procurement_act"
        bid.social_value_weighting_pct = self.weighting.value()
        bid.themes = [theme for theme, box in self.themes.items() if box.isChecked()]
        bid.criteria = self.criteria.toPlainText()
        problems = [f.problem() for f in (self.value, self.duration, self.deadline, self.weighting) if f.problem()]
        return problems[0] if problems else None
