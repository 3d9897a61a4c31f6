"""Step 7, Review and produce the pack: is the tender policy-compliant, what is left, and the exports.

A tender with blockers can still be exported (colleagues need drafts), but the page says first that the
pack will be marked DRAFT / NOT POLICY-COMPLIANT, and each finding leads to the step that fixes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ...i18n import _, ngettext
from ...model.tender import Tender
from .. import icons
from ..parsing import format_money
from ..style import make_secondary
from .base_page import WizardPage
from .findings_panel import FindingsList, summary_text
from .page_ids import PageId
from .portal_export import export_portal

if TYPE_CHECKING:
    from ...model.rules import Finding


class ReviewPage(WizardPage):
    page_id = PageId.REVIEW

    def build(self, layout: QVBoxLayout) -> None:
        self.exporter = None
        self._findings: list[Finding] = []
        summary = QGroupBox(_("This tender"))
        grid = QGridLayout(summary)
        self.status_icon = QLabel()
        self.status_text = QLabel()
        self.status_text.setWordWrap(True)
        self.status_text.setTextFormat(Qt.TextFormat.PlainText)
        font = self.status_text.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.status_text.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.status_icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.status_text, 0, 1)
        grid.addWidget(self.facts, 1, 1)
        grid.setColumnStretch(1, 1)
        layout.addWidget(summary)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        findings_box = QGroupBox(_("Findings"))
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.addWidget(make_secondary(QLabel(
            _("Each finding links to the step that fixes it: click the link, or Tab to it and press Enter."))))
        self.findings = FindingsList()
        self.findings.setAccessibleName(_("All findings for this tender"))
        self.findings.setMinimumHeight(260)
        findings_layout.addWidget(self.findings, 1)
        columns.addWidget(findings_box, 3)

        export_box = QGroupBox(_("Produce"))
        export_layout = QVBoxLayout(export_box)
        self.pdf_button = QPushButton(icons.icon("pdf"), _("Export &PDF pack…"))
        self.pdf_button.setAccessibleName(_("Export the pack as PDF"))
        self.pdf_button.setToolTip(_("Ctrl+E"))
        self.word_button = QPushButton(icons.icon("word"), _("Export for &Word…"))
        self.word_button.setAccessibleName(_("Export the pack as a Word document"))
        self.brief_button = QPushButton(icons.icon("brief"), _("Pre-&market brief…"))
        self.brief_button.setAccessibleName(_("Export the pre-market engagement brief"))
        self.brief_word_button = QPushButton(icons.icon("word"), _("Brief as a Word &file…"))
        self.brief_word_button.setAccessibleName(_("Export the pre-market engagement brief as a Word "
                                                   "document"))
        self.portal_button = QPushButton(icons.icon("export"), _("Portal wor&kbook…"))
        self.portal_button.setAccessibleName(_("Export the questions as an e-tendering portal workbook"))
        self.portal_button.setToolTip(_("The questions, weights and word limits in the layout your e-tendering "
                                      "portal imports (Excel or CSV)"))
        self.print_button = QPushButton(icons.icon("print"), _("P&rint…"))
        self.print_button.setAccessibleName(_("Print the tender"))
        self.print_button.setToolTip(_("Ctrl+P"))
        for button in (self.pdf_button, self.word_button, self.brief_button, self.brief_word_button,
                       self.portal_button,
                       self.print_button):
            button.setStyleSheet("text-align: left; padding: 6px 10px;")
            export_layout.addWidget(button)
        self.open_folder = QCheckBox(_("&Open the folder after exporting"))
        self.open_folder.setAccessibleName(_("Open the folder after exporting"))
        export_layout.addWidget(self.open_folder)
        self.last_export = make_secondary(QLabel())
        self.last_export.setTextFormat(Qt.TextFormat.PlainText)
        export_layout.addWidget(self.last_export)
        export_layout.addStretch(1)
        columns.addWidget(export_box, 2)
        layout.addLayout(columns, 1)

    def attach(self, exporter) -> None:
        """Connect the buttons to the wizard's exporter (shared with the Ctrl+E / Ctrl+P shortcuts)."""
        self.exporter = exporter
        self.pdf_button.clicked.connect(exporter.export_pdf)
        self.word_button.clicked.connect(exporter.export_docx)
        self.brief_button.clicked.connect(exporter.export_brief)
        self.brief_word_button.clicked.connect(exporter.export_brief_docx)
        self.portal_button.clicked.connect(lambda: export_portal(exporter))
        self.print_button.clicked.connect(exporter.print_slot)
        self.open_folder.setChecked(exporter.open_folder)
        self.open_folder.toggled.connect(self._open_folder_toggled)
        exporter.done.connect(self.last_export.setText)

    def _open_folder_toggled(self, on: bool) -> None:
        if self.exporter is not None:
            self.exporter.open_folder = on

    def fill(self, tender: Tender) -> None:
        self._show_summary(tender)

    def apply(self, tender: Tender) -> None:
        """Nothing on this page edits the tender."""

    def show_findings(self, findings: list[Finding]) -> None:
        super().show_findings(findings)
        self._findings = list(findings)
        titles = {step: info.title for step, info in self.content.steps.items()}
        self.findings.set_findings(self._findings, titles)
        if self.tender is not None:
            self._show_summary(self.tender)

    def _show_summary(self, tender: Tender) -> None:
        blockers = [f for f in self._findings if getattr(f, "severity", "") == "blocker"]
        self.status_icon.setPixmap(icons.pixmap("not-compliant" if blockers else "compliant", 32))
        verdict = summary_text(self._findings)
        if blockers:
            verdict += " " + _("The pack will be marked DRAFT – NOT POLICY-COMPLIANT until the blockers are "
                               "fixed.")
        self.status_text.setText(verdict)
        self.status_text.setAccessibleName(verdict)
        self.facts.setText(
            _("{reference}: {title}\n{category} · {value} excl. VAT · {months} months · {themes}, {questions}, "
              "{kpis}").format(
                reference=tender.reference, title=tender.title or _("untitled"),
                category=self.content.category_label(tender.category), value=format_money(tender.value_excl_vat_gbp),
                months=tender.duration_months,
                themes=ngettext("{n} theme", "{n} themes", len(tender.themes)).format(n=len(tender.themes)),
                questions=ngettext("{n} question", "{n} questions", len(tender.questions)).format(
                    n=len(tender.questions)),
                kpis=ngettext("{n} KPI", "{n} KPIs", len(tender.kpis)).format(n=len(tender.kpis))))
