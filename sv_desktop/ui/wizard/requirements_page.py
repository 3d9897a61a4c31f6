"""Step 6, KPIs and supplier requirements: the KPIs, the modern slavery risk assessment, publication, and
what the pack will ask of bidders without being told (carbon reduction plan, net zero commitment, ...).

The automatic requests come from the rules file through the service, so the page shows exactly what the
pack will contain for this tender's value and dates.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
)

from ...i18n import _
from ...model.date_checks import not_in_future
from ...model.tender import RISK_LEVELS, Tender
from ..labels import risk_labels
from ..style import make_secondary
from ..widgets.checklist import WrappingCheckBox
from ..widgets.fields import DateField, add_row, text_area
from ..widgets.reflow import mark_reflow
from .base_page import WizardPage
from .kpi_editor import KpiEditor
from .page_ids import PageId

if TYPE_CHECKING:
    from ...model.rules import Finding


class RequirementsPage(WizardPage):
    page_id = PageId.REQUIREMENTS

    def build(self, layout: QVBoxLayout) -> None:
        kpi_box = QGroupBox(_("KPIs"))
        kpi_layout = QVBoxLayout(kpi_box)
        kpi_layout.addWidget(make_secondary(QLabel(
            _("A KPI measuring social value delivery is needed in contracts over £5m, and in smaller contracts "
            "whose social value weighting is over 15% (policy 4.2a). Contracts over £5m set at least three "
            "KPIs and publish them (Procurement Act 2023 s.52)."))))
        self.kpis = KpiEditor(self.service)
        kpi_layout.addWidget(self.kpis)
        layout.addWidget(kpi_box)

        columns = mark_reflow(QHBoxLayout())  # stacks on a narrow or scaled screen
        columns.setSpacing(16)
        left = QVBoxLayout()
        ms_box = QGroupBox(_("Modern slavery risk assessment"))
        ms_form = QFormLayout(ms_box)
        self.ms_date = DateField(_("Assessment date"))
        self.ms_date.add_check(lambda day: not_in_future(day, self.service.today(), _("assessment date")))
        add_row(ms_form, _("Assessment &date:"), self.ms_date,
                _("The date the modern slavery risk assessment was completed."))
        self.ms_risk = QComboBox()
        self.ms_risk.addItem(_("Not assessed yet"), None)
        for risk in RISK_LEVELS:
            self.ms_risk.addItem(risk_labels()[risk], risk)
        add_row(ms_form, _("Ris&k level:"), self.ms_risk)
        self.ms_notes = text_area(_("Assessment notes"), _("Risks found and the reasonable steps that follow."), 70)
        add_row(ms_form, _("Assessment n&otes:"), self.ms_notes)
        left.addWidget(ms_box)

        publish_box = QGroupBox(_("Publication and exemptions"))
        publish_form = QFormLayout(publish_box)
        publish_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.confidentiality = WrappingCheckBox(_("&Confidentiality clauses reviewed so KPIs can be "
                                                  "published"))
        publish_form.addRow(self.confidentiality)
        self.minimums = WrappingCheckBox(_("The KPI targets are minimum re&quirements: only commitments beyond "
                                         "them score"))
        self.minimums.setAccessibleDescription(
            _("Not ticked: the targets are indicative and bidders propose their own; the pack says which."))
        publish_form.addRow(self.minimums)
        self.framework = WrappingCheckBox(_("This procurement sets up a new fr&amework agreement"))
        self.framework.setAccessibleDescription(_("All new frameworks need a Carbon Reduction Plan from "
                                                  "bidders."))
        publish_form.addRow(self.framework)
        self.exemption = text_area(
            _("KPI exemption reason"),
            _("Only if the Trust decides performance cannot appropriately be assessed by KPIs "
            "(Procurement Act 2023 s.52): say why."), 70)
        add_row(publish_form, _("KPI e&xemption reason (leave empty if KPIs are set):"), self.exemption)
        left.addWidget(publish_box)
        left.addStretch(1)
        columns.addLayout(left, 1)

        auto_box = QGroupBox(_("What the pack asks bidders for automatically"))
        auto_layout = QVBoxLayout(auto_box)
        self.requirements_view = QTextBrowser()
        self.requirements_view.setOpenLinks(False)
        self.requirements_view.setAccessibleName(_("Requirements the pack adds automatically"))
        self.requirements_view.setMinimumHeight(220)
        auto_layout.addWidget(self.requirements_view)
        columns.addWidget(auto_box, 1)
        layout.addLayout(columns)

        self.kpis.changed.connect(self.edited)
        self.ms_date.edited.connect(self.edited)
        self.ms_risk.currentIndexChanged.connect(self.edited)
        self.ms_notes.textChanged.connect(self.edited)
        self.confidentiality.toggled.connect(self.edited)
        self.framework.toggled.connect(self.edited)
        self.minimums.toggled.connect(self.edited)
        self.exemption.textChanged.connect(self.edited)

    def fill(self, tender: Tender) -> None:
        self.kpis.tender = tender
        self.kpis.set_records(tender.kpis)
        assessment = tender.modern_slavery_risk_assessment
        self.ms_date.set_value(assessment.completed_on)
        self.ms_risk.setCurrentIndex(max(self.ms_risk.findData(assessment.risk), 0))
        if self.ms_notes.toPlainText() != assessment.notes:
            self.ms_notes.setPlainText(assessment.notes)
        self.confidentiality.setChecked(tender.confidentiality_reviewed)
        self.framework.setChecked(tender.is_framework)
        self.minimums.setChecked(tender.kpi_targets_are_minimums)
        if self.exemption.toPlainText() != tender.kpi_exemption_reason:
            self.exemption.setPlainText(tender.kpi_exemption_reason)
        self.show_requirements(tender)

    def apply(self, tender: Tender) -> None:
        assessment = tender.modern_slavery_risk_assessment
        assessment.completed_on = self.ms_date.value()
        assessment.risk = self.ms_risk.currentData()
        assessment.notes = self.ms_notes.toPlainText()
        tender.confidentiality_reviewed = self.confidentiality.isChecked()
        tender.is_framework = self.framework.isChecked()
        tender.kpi_targets_are_minimums = self.minimums.isChecked()
        tender.kpi_exemption_reason = self.exemption.toPlainText()

    def show_findings(self, findings: list[Finding]) -> None:
        super().show_findings(findings)
        if self.tender is not None:
            self.show_requirements(self.tender)

    def show_requirements(self, tender: Tender) -> None:
        """The requests to bidders the rules add for this tender, as the pack will word them."""
        try:
            requirements = self.service.requirements(tender)
        except Exception as exc:  # noqa: BLE001 - a rules problem must not stop the manager working
            self.requirements_view.setPlainText(_("The automatic requirements cannot be shown: {exc}").format(
                exc=exc))
            return
        if not requirements:
            self.requirements_view.setPlainText(_("None for this tender as it stands."))
            return
        parts = []
        for requirement in requirements:
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in requirement.text.split("\n\n") if p.strip())
            parts.append(f"<h4>{escape(requirement.title)}</h4>{paragraphs}")
        self.requirements_view.setHtml("".join(parts))
        self.requirements_view.document().setDocumentMargin(6)

