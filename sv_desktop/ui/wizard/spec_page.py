"""Step 2, Refresh the specification: the toolkit's prompts as a checklist, then what was changed.

The rules only ask that the step was considered and recorded (SPEC-REFRESH), so the "considered" box
and the notes are what count; the ticked prompts show the thinking behind them in the pack.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout

from ...i18n import _
from ...model.tender import Tender
from ..widgets.checklist import WrappingCheckBox, prompts_group
from ..widgets.fields import add_row, supplier_text_area, text_area
from .base_page import WizardPage
from .page_ids import PageId


class SpecPage(WizardPage):
    page_id = PageId.SPEC

    def build(self, layout: QVBoxLayout) -> None:
        columns = QHBoxLayout()
        columns.setSpacing(16)
        self.prompts_category: str | None = None
        prompts_box, self.prompts = prompts_group(self.content.spec_prompts)
        columns.addWidget(prompts_box, 3)

        record_box = QGroupBox(_("What you decided"))
        form = QFormLayout(record_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.notes = text_area(_("Changes to the specification"),
                               _("Note what you changed in the specification, and why."))
        self.notes.setMinimumHeight(120)
        add_row(form, _("Notes: changes to the s&pecification (internal):"), self.notes,
                _("Internal notes: never printed in the pack or the brief."))
        self.supplier_text = supplier_text_area(
            _("What we tell suppliers about the specification"),
            _("Printed in the pre-market brief for suppliers. Write it for them; leave it empty to say "
              "nothing."))
        add_row(form, _("What we &tell suppliers (printed in the brief):"), self.supplier_text)
        self.considered = WrappingCheckBox(_("I have &considered how the specification can cut carbon"))
        self.considered.setAccessibleDescription(_("Tick when the specification refresh has been considered "
                                                 "and the changes are recorded in the notes."))
        form.addRow(self.considered)
        columns.addWidget(record_box, 2)
        layout.addLayout(columns)
        layout.addStretch(1)

        self.prompts.toggled.connect(self.edited)
        self.notes.textChanged.connect(self.edited)
        self.supplier_text.textChanged.connect(self.edited)
        self.considered.toggled.connect(self.edited)

    def fill(self, tender: Tender) -> None:
        record = tender.spec_refresh
        if tender.category != self.prompts_category:
            # Only the prompts that fit the category (no clinical prompts for a laundry contract); ticks
            # of prompts not shown stay in the tender.
            self.prompts_category = tender.category
            self.prompts.show_only(p.id for p in self.content.spec_prompts if p.fits(tender.category))
        self.prompts.set_checked(record.prompts_done)
        if self.notes.toPlainText() != record.notes:
            self.notes.setPlainText(record.notes)
        if self.supplier_text.toPlainText() != tender.supplier_text.spec:
            self.supplier_text.setPlainText(tender.supplier_text.spec)
        self.considered.setChecked(record.considered)

    def apply(self, tender: Tender) -> None:
        record = tender.spec_refresh
        known = set(self.prompts.boxes)
        kept_unknown = [p for p in record.prompts_done if p not in known]
        record.prompts_done = kept_unknown + self.prompts.checked()
        record.notes = self.notes.toPlainText()
        tender.supplier_text.spec = self.supplier_text.toPlainText()
        record.considered = self.considered.isChecked()
