"""The award: the stage, who won (name, postcode, SME, VCSE), when, for how much, and what the next
contract must do differently (policy P238 §4.3 "define renewal requirements").

The supplier's postcode decides whether the spend counts as local in the compliance report, so the form
says at once whether it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...i18n import _
from ...model.date_checks import award_after_notice, not_in_future
from ...model.lifecycle import Award, Supplier
from ...model.tender import STAGES, Tender
from ..labels import stage_labels
from ..parsing import format_date, format_money, format_number, parse_money, parse_postcode
from ..style import make_secondary
from ..widgets.fields import DateField, ValidatedField, add_row, text_area

DELIVERY_STAGES = ("awarded", "renewal_due")


def tidy_postcode(text: str) -> str:
    """A postcode as stored and as a tender file reads it: capitals, single spaces."""
    return " ".join(text.upper().split())


def parse_optional_money(text: str) -> Decimal | None:
    """Empty: not known yet; otherwise pounds as `parse_money` takes them."""
    return None if not text.strip() else parse_money(text)


def money_field(placeholder: str) -> ValidatedField:
    """An optional amount in pounds, typed as managers type it (`250k`, `1.2m`), shown back to the penny."""
    field = ValidatedField(parse_optional_money, fmt=format_number, placeholder=placeholder)
    field.show_understood(lambda v: _("= {amount}").format(amount=format_money(v, pence=True)))
    return field


class AwardForm(QWidget):
    changed = Signal()

    def __init__(self, is_local, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._notice_date: dt.date | None = None
        self.is_local = is_local
        self._loading = False
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        outer.addStretch(1)
        self.stage = QComboBox()
        for stage in STAGES:
            self.stage.addItem(stage_labels().get(stage, stage), stage)
        add_row(form, _("Sta&ge:"), self.stage, _("Where the tender is in its lifecycle"))
        self.name = QLineEdit()
        self.name.setMaxLength(500)
        add_row(form, _("Supplier &name:"), self.name, _("The supplier the contract was awarded to"))
        self.postcode = ValidatedField(parse_postcode, placeholder=_("For example LE1 7RH"))
        self.postcode.edit.setMaxLength(20)
        add_row(form, _("Post&code:"), self.postcode,
                _("The supplier's postcode; decides whether the spend is local"))
        self.local_note = make_secondary(QLabel())
        form.addRow("", self.local_note)
        self.sme = QCheckBox(_("SME (&fewer than 250 staff and turnover under €50m)"))
        form.addRow("", self.sme)
        self.vcse = QCheckBox(_("VCSE (voluntary, community or social enterp&rise)"))
        form.addRow("", self.vcse)
        self.awarded_on = DateField(_("Date awarded"))
        self.awarded_on.add_check(lambda day: not_in_future(day, today(), _("award date")))
        self.awarded_on.add_check(lambda day: award_after_notice(day, self._notice_date))
        add_row(form, _("Awarded &on:"), self.awarded_on, _("The date of the award; the report counts the contract "
                                                            "in the period this falls in"))
        self.value = money_field(_("Leave empty if not known"))
        self.value.set_narrow(180)
        add_row(form, _("Awarded &value (£):"), self.value, _("Whole-life value as awarded, in pounds excluding VAT"))
        self.term = make_secondary(QLabel())
        self.term.setWordWrap(True)
        form.addRow("", self.term)
        self.renewal = text_area(_("Renewal requirements"), _("What the next contract must do differently"), 140)
        add_row(form, _("Renewa&l requirements:"), self.renewal)

        self.stage.currentIndexChanged.connect(self._edited)
        self.name.textEdited.connect(self._edited)
        self.postcode.edited.connect(self._edited)
        self.postcode.edit.editingFinished.connect(self._tidy_postcode)
        self.sme.toggled.connect(self._edited)
        self.vcse.toggled.connect(self._edited)
        self.awarded_on.edited.connect(self._award_date_edited)
        self.value.edited.connect(self._edited)
        self.renewal.textChanged.connect(self._edited)

    def load(self, tender: Tender) -> None:
        self._loading = True
        try:
            award, supplier = tender.award, tender.award.supplier
            self._notice_date = tender.tender_notice_date
            self.stage.setCurrentIndex(max(self.stage.findData(tender.stage), 0))
            self.name.setText(supplier.name)
            self.postcode.set_value(supplier.postcode)
            self.sme.setChecked(supplier.sme)
            self.vcse.setChecked(supplier.vcse)
            self.awarded_on.set_value(award.awarded_on)
            self.value.set_value(award.awarded_value_gbp)
            self.renewal.setPlainText(award.renewal_requirements)
            if tender.contract_start_date and tender.contract_end_date:
                self.term.setText(_("The contract runs from {start} to {end} (from the tender's details).").format(
                    start=format_date(tender.contract_start_date), end=format_date(tender.contract_end_date)))
            else:
                self.term.setText(_("No contract start date is recorded in the tender's details: KPI reporting "
                                    "periods are counted from the award date."))
        finally:
            self._loading = False
        self._show_local()

    def problem(self) -> str | None:
        for field, message in ((self.postcode, _("The supplier's postcode is not saved yet: {problem}")),
                               (self.awarded_on, _("The award date is not saved yet: {problem}")),
                               (self.value, _("The awarded value is not saved yet: {problem}"))):
            if not field.is_valid():
                return message.format(problem=field.problem())
        return None

    def apply(self, tender: Tender) -> None:
        tender.stage = self.stage.currentData()
        tender.award = Award(
            supplier=Supplier(name=self.name.text() if self.name.text().strip() else "",
                              postcode=self.postcode.value(),
                              sme=self.sme.isChecked(), vcse=self.vcse.isChecked()),
            # An entry that cannot be read yet keeps the value the field held before this edit began (the
            # tender's copy may already hold a prefix typed on the way, such as a space or "1" of "12x").
            awarded_on=self.awarded_on.value(),
            awarded_value_gbp=self.value.value(),
            renewal_requirements=self.renewal.toPlainText(),
            actual_spend=list(tender.award.actual_spend))  # recorded in the actual spend tab

    def _tidy_postcode(self) -> None:
        """Show the postcode as it is stored (capitals, single spaces), so what is seen is what is kept."""
        tidy = tidy_postcode(self.postcode.text())
        if tidy != self.postcode.text() and self.postcode.is_valid():
            self.postcode.edit.setText(tidy)

    def _award_date_edited(self) -> None:
        # An award date on a tender still before award moves it on; the manager sees it and can change it.
        if self.awarded_on.value() is not None and self.stage.currentData() not in DELIVERY_STAGES:
            self.stage.setCurrentIndex(self.stage.findData("awarded"))
        self._edited()

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._show_local()
        self.changed.emit()

    def _show_local(self) -> None:
        postcode = self.postcode.text().strip()
        if not self.postcode.is_valid():
            text = _("Enter a UK postcode to see whether the spend counts as local.")
        elif not postcode:
            text = _("No postcode: the spend cannot count as local.")
        elif self.is_local(postcode):
            text = _("Local: the postcode is in one of the Trust's local postcode areas.")
        else:
            text = _("Not local: the postcode is outside the Trust's local postcode areas.")
        self.local_note.setText(text)
        self.local_note.setTextFormat(Qt.TextFormat.PlainText)
