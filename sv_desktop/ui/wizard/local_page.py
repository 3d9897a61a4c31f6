"""Step 3, Think local: could local suppliers, SMEs and VCSEs bid, and is the contract split into lots?

Procurement Act 2023 s.18 wants the reasons when a contract is not divided into lots (PA23-LOTS); the
Trust's own step asks about a head contract with a share of local subcontracting (policy 4.1, 4.4).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from ...i18n import _
from ...model.rules import Finding
from ...model.tender import Tender
from ..parsing import format_number, parse_percent, parse_whole
from ..style import make_secondary
from ..widgets.checklist import WrappingCheckBox, prompts_group
from ..widgets.fields import ValidatedField, add_row, supplier_text_area, text_area
from ..widgets.reflow import mark_reflow
from .base_page import WizardPage
from .page_ids import PageId

DEFINITIONS = ("sme", "vcse")
MAX_LOTS = 100


class LocalPage(WizardPage):
    page_id = PageId.LOCAL

    def build(self, layout: QVBoxLayout) -> None:
        columns = mark_reflow(QHBoxLayout())  # stacks on a narrow or scaled screen
        columns.setSpacing(16)
        prompts_box, self.prompts = prompts_group(self.content.think_local_prompts)
        columns.addWidget(prompts_box, 1)

        right = QVBoxLayout()
        right.addWidget(self._lots_box())
        record_box = QGroupBox(_("Local suppliers, SMEs and VCSEs"))
        form = QFormLayout(record_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.notes = text_area(_("Notes on local suppliers, SMEs and VCSEs"),
                               _("Who could bid locally, and what was done to make it possible for them."))
        self.notes.setMinimumHeight(90)
        self.notes.setMaximumHeight(130)
        add_row(form, _("N&otes on local suppliers, SMEs and VCSEs (internal):"), self.notes,
                _("Internal notes: never printed in the pack or the brief."))
        self.supplier_text = supplier_text_area(
            _("What we tell suppliers about local suppliers, SMEs and VCSEs"),
            _("Printed in the pre-market brief. Never name suppliers you met; leave it empty to say nothing."))
        self.supplier_text.setMaximumHeight(110)
        add_row(form, _("What &we tell suppliers (printed in the brief):"), self.supplier_text)
        self.considered = WrappingCheckBox(_("I have &considered local suppliers, SMEs and VCSEs"))
        form.addRow(self.considered)
        right.addWidget(record_box)
        right.addWidget(self._definitions_box())
        right.addStretch(1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)

        self.prompts.toggled.connect(self.edited)
        self.notes.textChanged.connect(self.edited)
        self.supplier_text.textChanged.connect(self.edited)
        self.considered.toggled.connect(self.edited)

    def _lots_box(self) -> QGroupBox:
        box = QGroupBox(_("Lots"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        choice = QVBoxLayout()
        self.lots_undecided = QRadioButton(_("Not decided &yet"))
        self.lots_divided = QRadioButton(_("&Divided into lots"))
        self.lots_single = QRadioButton(_("&Single contract, not divided (give the reasons below)"))
        self.lots_group = QButtonGroup(box)
        for button in (self.lots_undecided, self.lots_divided, self.lots_single):
            button.setAccessibleName(button.text().replace("&", ""))
            self.lots_group.addButton(button)
            choice.addWidget(button)
        form.addRow(choice)
        self.lot_count = ValidatedField(
            lambda t: None if not t.strip() else parse_whole(t, 1, MAX_LOTS, _("the number of lots"), "3"),
            fmt=format_number)
        self.lot_count.set_narrow()
        add_row(form, _("Number of lo&ts:"), self.lot_count)
        self.lots_note = make_secondary(QLabel())
        self.lots_note.setWordWrap(True)
        self.lots_note.setTextFormat(Qt.TextFormat.PlainText)
        self.lots_note.hide()
        form.addRow(self.lots_note)
        self.reasons = text_area(_("Reasons for the lots decision"),
                                 _("Procurement Act 2023 s.18: a contract not divided into lots must say "
                                   "why."), 80)
        add_row(form, _("&Reasons:"), self.reasons)
        self.head_pct = ValidatedField(
            lambda t: None if not t.strip() else parse_percent(t, _("the share for local subcontractors"), "15"),
            fmt=format_number)
        self.head_pct.set_narrow()
        add_row(form, _("&Head contract: local subcontracting (%):"), self.head_pct,
                _("The share of the contract a head contract requires to go to local subcontractors."))
        self.lots_group.buttonToggled.connect(self._lots_toggled)
        self.lot_count.edited.connect(self.edited)
        self.head_pct.edited.connect(self.edited)
        self.reasons.textChanged.connect(self.edited)
        return box

    def _definitions_box(self) -> QGroupBox:
        box = QGroupBox(_("Definitions (policy Appendix One)"))
        layout = QVBoxLayout(box)
        for definition_id in DEFINITIONS:
            definition = self.content.definitions.get(definition_id)
            if definition is None:
                continue
            term = QLabel(definition.term)
            font = term.font()
            font.setBold(True)
            term.setFont(font)
            text = make_secondary(QLabel(definition.text))
            text.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(term)
            layout.addWidget(text)
        return box

    def show_findings(self, findings: list[Finding]) -> None:
        """The lots decision's own finding (undecided, no reasons, a single "lot") under the lots choice."""
        super().show_findings(findings)
        lots = [f for f in findings if getattr(f, "rule", "") == "PA23-LOTS"]
        text = lots[0].message if lots else ""
        self.lots_note.setText(text)
        self.lots_note.setAccessibleName(text)
        self.lots_note.setVisible(bool(text))

    def _lots_toggled(self, _button, on: bool) -> None:
        if on:
            self.lot_count.setEnabled(self.lots_divided.isChecked())
            self.edited()

    def fill(self, tender: Tender) -> None:
        record, lots = tender.think_local, tender.lots
        self.prompts.set_checked(record.prompts_done)
        if self.notes.toPlainText() != record.notes:
            self.notes.setPlainText(record.notes)
        if self.supplier_text.toPlainText() != tender.supplier_text.local:
            self.supplier_text.setPlainText(tender.supplier_text.local)
        self.considered.setChecked(record.considered)
        {None: self.lots_undecided, True: self.lots_divided, False: self.lots_single}[lots.divided].setChecked(True)
        self.lot_count.setEnabled(lots.divided is True)
        self.lot_count.set_value(lots.lot_count)
        if self.reasons.toPlainText() != lots.reasons:
            self.reasons.setPlainText(lots.reasons)
        self.head_pct.set_value(lots.head_contract_local_pct)

    def apply(self, tender: Tender) -> None:
        record, lots = tender.think_local, tender.lots
        known = set(self.prompts.boxes)
        record.prompts_done = [p for p in record.prompts_done if p not in known] + self.prompts.checked()
        record.notes = self.notes.toPlainText()
        tender.supplier_text.local = self.supplier_text.toPlainText()
        record.considered = self.considered.isChecked()
        lots.divided = True if self.lots_divided.isChecked() else False if self.lots_single.isChecked() else None
        lots.lot_count = self.lot_count.value() if lots.divided else None
        lots.reasons = self.reasons.toPlainText()
        lots.head_contract_local_pct = self.head_pct.value()
