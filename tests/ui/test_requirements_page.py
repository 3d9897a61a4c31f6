"""KPIs and supplier requirements: the KPI table, the risk assessment, and the automatic requests."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from sv_desktop.ui.wizard.bank_picker import BankPicker
from sv_desktop.ui.wizard.page_ids import PageId


def requirements(wizard):
    wizard.go_to(PageId.REQUIREMENTS)
    return wizard.page(PageId.REQUIREMENTS)


def test_kpi_from_library_with_guidance_and_own_kpi(qtbot, fake_service, open_wizard, monkeypatch):
    tender = fake_service.new_tender()
    tender.category = "transport"
    wizard = open_wizard(fake_service, tender)
    page = requirements(wizard)
    library = fake_service.bank.kpis_for("transport", "fighting_climate_change")[0]
    monkeypatch.setattr(BankPicker, "choose_kpis", staticmethod(lambda *a: [library]))
    qtbot.mouseClick(page.kpis.library_button, Qt.MouseButton.LeftButton)
    kpi = wizard.tender.kpis[0]
    assert (kpi.name, kpi.source_id, kpi.target) == (library.name, library.id, "")
    assert library.target_guidance in page.kpis.guidance.text()
    qtbot.keyClicks(page.kpis.target, "60")
    qtbot.keyClicks(page.kpis.toms, "NT-TOMS-REF-1")
    assert (kpi.target, kpi.toms_reference) == ("60", "NT-TOMS-REF-1")
    assert page.kpis.table.item(0, 2).text() == f"60 {library.unit}".strip()

    qtbot.mouseClick(page.kpis.own_button, Qt.MouseButton.LeftButton)
    assert len(wizard.tender.kpis) == 2
    assert "Give the KPI a name" in page.kpis.name_message.text()
    qtbot.keyClicks(page.kpis.name, "Local spend")
    assert wizard.tender.kpis[1].name == "Local spend"
    assert page.kpis.name_message.isHidden()
    page.kpis.publish.setChecked(False)
    assert wizard.tender.kpis[1].publish is False


def test_remove_kpi_with_undo(qtbot, fake_service, open_wizard):
    from sv_desktop.model.tender import Kpi

    tender = fake_service.new_tender()
    tender.kpis = [Kpi(name="A"), Kpi(name="B"), Kpi(name="C")]
    wizard = open_wizard(fake_service, tender)
    page = requirements(wizard)
    page.kpis.table.setCurrentCell(1, 0)
    qtbot.mouseClick(page.kpis.remove_button, Qt.MouseButton.LeftButton)
    assert [k.name for k in wizard.tender.kpis] == ["A", "C"]
    qtbot.mouseClick(page.kpis.undo_button, Qt.MouseButton.LeftButton)
    assert [k.name for k in wizard.tender.kpis] == ["A", "B", "C"]
    page.kpis.table.setFocus()
    page.kpis.table.setCurrentCell(0, 0)
    qtbot.keyClick(page.kpis.table, Qt.Key.Key_Delete)
    assert [k.name for k in wizard.tender.kpis] == ["B", "C"]


def test_risk_assessment_publication_and_automatic_requests(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = requirements(wizard)
    qtbot.keyClicks(page.ms_date.edit, "20/11/2026")
    page.ms_risk.setCurrentIndex(page.ms_risk.findData("medium"))
    page.confidentiality.setChecked(True)
    page.framework.setChecked(True)
    qtbot.keyClicks(page.exemption, "Outcomes cannot be measured in a 6-week contract.")
    assessment = wizard.tender.modern_slavery_risk_assessment
    assert (assessment.completed_on, assessment.risk) == (dt.date(2026, 11, 20), "medium")
    assert wizard.tender.confidentiality_reviewed and wizard.tender.is_framework
    assert wizard.tender.kpi_exemption_reason.startswith("Outcomes")
    shown = page.requirements_view.toPlainText()
    assert "Modern slavery statement" in shown
    assert "Second <b>para</b>." in shown, "request text is shown as written, never as markup"
