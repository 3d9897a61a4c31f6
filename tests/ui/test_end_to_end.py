"""A manager's whole journey on the real service and a real SQLite file: from the main window, a new
tender typed in, themes and actions chosen, weightings set, questions and a KPI added, every page walked
with Next, the PDF exported and read back, then everything found again after reopening the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from sv_desktop.services.tender_service import open_service
from sv_desktop.ui.wizard.bank_picker import BankPicker
from sv_desktop.ui.wizard.page_ids import PageId


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot, field, text):
    field.edit.selectAll()
    field.edit.del_()
    qtbot.keyClicks(field.edit, text)


def test_new_tender_to_pdf_and_back_again(qtbot, tmp_path, open_main, monkeypatch):
    data = tmp_path / "data"
    service = open_service(data_dir=data)
    window = open_main(service)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizards[-1]
    reference = wizard.tender.reference

    # 1 Tender details
    details = wizard.page(PageId.DETAILS)
    qtbot.keyClicks(details.title_field.edit, "Non-emergency patient transport")
    details.category.setCurrentIndex(details.category.findData("transport"))
    retype(qtbot, details.value, "6000000")
    retype(qtbot, details.duration, "60")
    qtbot.keyClicks(details.notice_date.edit, "01/03/2027")
    qtbot.keyClicks(details.start_date.edit, "01/09/2027")
    qtbot.keyClicks(details.leads["procurement_lead"], "Sam Patel")
    assert details.whole_life.text() == "£7,200,000.00"
    click(qtbot, wizard.next_button)

    # 2 Refresh the specification
    spec = wizard.page(PageId.SPEC)
    first_prompt = next(iter(spec.prompts.boxes))
    spec.prompts.boxes[first_prompt].setChecked(True)
    qtbot.keyClicks(spec.notes, "Electric vehicles and route optimisation in the specification.")
    spec.considered.setChecked(True)
    click(qtbot, wizard.next_button)

    # 3 Think local
    local = wizard.page(PageId.LOCAL)
    local.lots_single.setChecked(True)
    qtbot.keyClicks(local.reasons, "One integrated booking service is needed for patient safety.")
    retype(qtbot, local.head_pct, "15")
    qtbot.keyClicks(local.notes, "Two local SME operators met at the market event.")
    local.considered.setChecked(True)
    click(qtbot, wizard.next_button)

    # 4 Themes: climate is there; add tackling economic inequality and tick example actions
    themes = wizard.page(PageId.THEMES)
    assert wizard.current_page_id() == PageId.THEMES
    themes.boxes["tackling_economic_inequality"].setChecked(True)
    climate_action = next(iter(themes.guides["fighting_climate_change"].examples.boxes))
    themes.guides["fighting_climate_change"].examples.boxes[climate_action].setChecked(True)
    tei = themes.guides["tackling_economic_inequality"]
    tei_action = next(iter(tei.examples.boxes))
    tei.examples.boxes[tei_action].setChecked(True)
    qtbot.keyClicks(tei.new_action, "Apprenticeships for local young people")
    click(qtbot, tei.add_button)
    click(qtbot, wizard.next_button)

    # 5 Weighting and questions
    weighting = wizard.page(PageId.WEIGHTING)
    retype(qtbot, weighting.weighting, "12")
    retype(qtbot, weighting.split_fields["fighting_climate_change"], "7")
    retype(qtbot, weighting.split_fields["tackling_economic_inequality"], "5")
    assert weighting.sum_message.isHidden()
    bank = service.bank
    picked = [bank.questions_for("transport", "fighting_climate_change")[0],
              bank.questions_for("transport", "tackling_economic_inequality")[0]]
    monkeypatch.setattr(BankPicker, "choose_questions", staticmethod(lambda *a: picked))
    click(qtbot, weighting.questions.bank_button)
    click(qtbot, weighting.questions.own_button)
    qtbot.keyClicks(weighting.questions.text, "How will you reduce empty running of vehicles?")
    click(qtbot, wizard.next_button)

    # 6 KPIs and supplier requirements
    requirements = wizard.page(PageId.REQUIREMENTS)
    click(qtbot, requirements.kpis.own_button)
    qtbot.keyClicks(requirements.kpis.name, "Zero-emission fleet share")
    qtbot.keyClicks(requirements.kpis.unit, "%")
    qtbot.keyClicks(requirements.kpis.target, "60")
    qtbot.keyClicks(requirements.kpis.toms, "NT-ENV-1")
    qtbot.keyClicks(requirements.ms_date.edit, "20/11/2026")
    requirements.ms_risk.setCurrentIndex(requirements.ms_risk.findData("medium"))
    requirements.confidentiality.setChecked(True)
    click(qtbot, wizard.next_button)

    # 7 Review and export the PDF
    assert wizard.current_page_id() == PageId.REVIEW
    review = wizard.page(PageId.REVIEW)
    wizard.run_check()
    pdf = tmp_path / "exports" / "pack.pdf"
    pdf.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    click(qtbot, review.pdf_button)
    qtbot.waitUntil(lambda: wizard.exporter.running == 0, timeout=60_000)  # written off the UI thread
    assert pdf.is_file() and "Saved the social value pack" in review.last_export.text()
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    flat = " ".join(text.split())
    assert "Non-emergency patient transport" in flat
    for theme in ("Fighting climate change", "Tackling economic inequality"):
        assert theme in flat
    for question in picked:
        assert " ".join(question.text.split())[:60] in flat
    assert "How will you reduce empty running of vehicles?" in flat

    # Close everything, then reopen the database as a new session would.
    tender_on_screen = wizard.tender
    assert window.close()
    service.close()

    again = open_service(data_dir=data)
    try:
        stored = again.get(reference)
        assert stored.title == "Non-emergency patient transport"
        assert stored.category == "transport"
        assert stored.value_excl_vat_gbp == Decimal(6000000)
        assert stored.duration_months == 60
        assert stored.tender_notice_date == dt.date(2027, 3, 1)
        assert stored.contract_start_date == dt.date(2027, 9, 1)
        assert stored.leads["procurement_lead"] == "Sam Patel"
        assert stored.spec_refresh.considered and first_prompt in stored.spec_refresh.prompts_done
        assert stored.lots.divided is False and stored.lots.head_contract_local_pct == Decimal(15)
        assert stored.think_local.considered
        assert stored.theme_ids == ["fighting_climate_change", "tackling_economic_inequality"]
        assert stored.theme("fighting_climate_change").actions == [climate_action]
        assert stored.theme("tackling_economic_inequality").actions == [tei_action]
        assert stored.theme("tackling_economic_inequality").own_actions == ["Apprenticeships for local young people"]
        assert stored.social_value_weighting_pct == Decimal(12)
        assert [c.weighting_pct for c in stored.themes] == [Decimal(7), Decimal(5)]
        assert [q.source_id for q in stored.questions[:2]] == [q.id for q in picked]
        assert stored.questions[2].text == "How will you reduce empty running of vehicles?"
        assert [(k.name, k.unit, k.target, k.toms_reference) for k in stored.kpis] == [
            ("Zero-emission fleet share", "%", "60", "NT-ENV-1")]
        assert stored.modern_slavery_risk_assessment.completed_on == dt.date(2026, 11, 20)
        assert stored.modern_slavery_risk_assessment.risk == "medium"
        assert stored.confidentiality_reviewed
        assert stored.current_step == "review"
        assert stored.questions == tender_on_screen.questions and stored.kpis == tender_on_screen.kpis

        reopened = open_main(again)
        reopened.select(reference)
        reopened.open_selected()
        qtbot.waitUntil(lambda: bool(reopened.wizards), timeout=10_000)  # read off the UI thread
        wizard_again = reopened.wizards[-1]
        assert wizard_again.current_page_id() == PageId.REVIEW, "it reopens on the step where it was left"
        assert wizard_again.page(PageId.DETAILS).title_field.text() == "Non-emergency patient transport"
        assert reopened.close()
    finally:
        again.close()
