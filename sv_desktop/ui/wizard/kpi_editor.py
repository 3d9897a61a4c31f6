"""The tender's KPIs: from the Trust's library or the manager's own, with the TOMs reference as free text.

Library KPIs arrive without baseline and target (they belong to this contract); the library's guidance
on setting them is shown beside the fields while that KPI is selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...i18n import N_, _
from ...model.tender import KPI_FREQUENCIES, THEMES, Kpi, Tender
from .. import icons
from ..labels import frequency_labels
from ..style import make_secondary
from ..widgets.fields import FieldMessage, add_row, text_area
from ..widgets.record_editor import RecordEditor
from .bank_picker import BankPicker

if TYPE_CHECKING:
    from ...services.contract import UiService

TEXT_LIMIT = 100_000
SHORT_LIMIT = 200
"""The longest unit or TOMs reference a tender file carries."""
NAME_LIMIT = 2000
"""KPI results name their KPI, and a tender file carries at most this much of that name."""


class KpiEditor(RecordEditor):
    columns = (N_("KPI"), N_("Theme"), N_("Target"), N_("How often"))
    noun = N_("KPI")
    limit_key = "kpis"
    plural = N_("KPIs")
    wrap_rows = QFormLayout.RowWrapPolicy.DontWrapRows

    def __init__(self, service: UiService, parent: QWidget | None = None) -> None:
        self.service = service
        self.content = service.content
        self.bank = service.bank
        self.tender: Tender | None = None
        super().__init__(parent)
        self.remove_button.setText(_("Remove &this KPI"))  # Alt+M is the KPI's name on this step

    def stretch_column(self) -> int:
        return 0

    def add_buttons(self, row: QHBoxLayout) -> None:
        self.library_button = QPushButton(icons.icon("library"), _("Add from &library…"))
        self.library_button.setAccessibleName(_("Add KPIs from the KPI library"))
        self.own_button = QPushButton(icons.icon("add"), _("Add your o&wn KPI"))
        self.own_button.setAccessibleName(_("Add a KPI of your own"))
        row.addWidget(self.library_button)
        row.addWidget(self.own_button)
        self.library_button.clicked.connect(self.add_from_library)
        self.own_button.clicked.connect(self.add_own)

    def _line(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(TEXT_LIMIT)
        edit.textEdited.connect(self.form_edited)
        return edit

    def build_form(self, form: QFormLayout) -> None:
        self.name = self._line()
        self.name.setMaxLength(NAME_LIMIT)
        add_row(form, _("Na&me:"), self.name)
        self.name_message = FieldMessage()
        form.addRow(self.name_message)
        self.theme = QComboBox()
        self.theme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.theme.setMinimumContentsLength(14)
        for theme in THEMES:
            self.theme.addItem(self.content.theme_label(theme), theme)
        add_row(form, _("T&heme:"), self.theme)
        self.unit = self._line()
        self.unit.setMaxLength(SHORT_LIMIT)  # what a tender file carries
        add_row(form, _("Un&it:"), self.unit, _("For example %, tonnes CO2e, number of people."))
        self.baseline = self._line()
        add_row(form, _("Bas&eline:"), self.baseline)
        self.target = self._line()
        add_row(form, _("Tar&get:"), self.target)
        self.guidance = make_secondary(QLabel())
        form.addRow(self.guidance)
        self.frequency = QComboBox()
        for frequency in KPI_FREQUENCIES:
            self.frequency.addItem(frequency_labels()[frequency], frequency)
        add_row(form, _("&Frequency:"), self.frequency)
        self.publish = QCheckBox(_("&Publish this KPI"))
        self.publish.setAccessibleName(_("Publish this KPI"))
        self.publish.setAccessibleDescription(_("Contracts over £5m publish their KPIs (Procurement Act "
                                                "2023)."))
        form.addRow(self.publish)
        self.evidence = text_area(_("Evidence"), _("What the supplier sends to show the KPI was met."), 64)
        add_row(form, _("Evidence the &supplier sends:"), self.evidence)
        self.toms = self._line()
        self.toms.setMaxLength(SHORT_LIMIT)
        add_row(form, _("TOMs &reference:"), self.toms,
                _("From the Trust's own licensed copy of the National TOMs; nothing of the TOMs is bundled."))
        self.theme.currentIndexChanged.connect(self.form_edited)
        self.frequency.currentIndexChanged.connect(self.form_edited)
        self.publish.toggled.connect(self.form_edited)
        self.evidence.textChanged.connect(self.form_edited)

    def cells(self, k: Kpi) -> tuple[str, ...]:
        target = f"{k.target} {k.unit}".strip() if k.target else _("Not set")
        return (k.name or _("(empty: name the KPI)"), self.content.theme_label(k.theme), target,
                frequency_labels().get(k.frequency, k.frequency))

    def empty_text(self) -> str:
        return _("No KPIs yet: add them from the library, or write your own.")

    def show_record(self, k: Kpi) -> None:
        self.name.setText(k.name)
        self.theme.setCurrentIndex(max(self.theme.findData(k.theme), 0))
        self.unit.setText(k.unit)
        self.baseline.setText(k.baseline)
        self.target.setText(k.target)
        self.frequency.setCurrentIndex(max(self.frequency.findData(k.frequency), 0))
        self.publish.setChecked(k.publish)
        if self.evidence.toPlainText() != k.evidence:
            self.evidence.setPlainText(k.evidence)
        self.toms.setText(k.toms_reference)
        for line in (self.name, self.unit, self.baseline, self.target, self.toms):
            line.setCursorPosition(0)
        self._show_guidance(k)
        self._check_name(k.name)

    def store_record(self, k: Kpi) -> None:
        k.name = self.name.text()
        k.theme = self.theme.currentData()
        k.unit = self.unit.text()
        k.baseline = self.baseline.text()
        k.target = self.target.text()
        k.frequency = self.frequency.currentData()
        k.publish = self.publish.isChecked()
        k.evidence = self.evidence.toPlainText()
        k.toms_reference = self.toms.text()
        self._check_name(k.name)

    def _check_name(self, name: str) -> None:
        self.name_message.show_message("" if name.strip() else _("Give the KPI a name, for example "
                                       "'Fleet vehicles that are zero-emission'."))

    def _show_guidance(self, k: Kpi) -> None:
        library = self.bank.kpis.get(k.source_id) if k.source_id else None
        if library is None:
            self.guidance.setText("")
            self.guidance.hide()
            return
        self.guidance.setText(_("Library guidance. Baseline: {baseline_guidance} Target: {target_guidance}").format(
            baseline_guidance=library.baseline_guidance, target_guidance=library.target_guidance))
        self.guidance.show()

    # ---- adding

    def add_from_library(self) -> None:
        if self.tender is None:
            return
        chosen = BankPicker.choose_kpis(self, self.bank, self.content, self.tender)[:self.room()]
        for library_kpi in chosen:
            self.records.append(self.bank.to_kpi(library_kpi))
        if chosen:
            self.refresh(len(self.records) - 1)
            self.changed.emit()

    def add_own(self) -> None:
        if self.tender is None:
            return
        current = self.current()
        theme = current.theme if current is not None else (self.tender.theme_ids or [THEMES[0]])[0]
        self.add(Kpi(name="", theme=theme))
        self.name.setFocus()
