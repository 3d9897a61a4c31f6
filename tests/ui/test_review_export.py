"""Review and export: overwrite asks first, failures are explained, print says when it cannot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sv_desktop.model.content import load_content
from sv_desktop.ui.print_document import tender_html
from sv_desktop.ui.wizard.exporting import safe_file_stem
from sv_desktop.ui.wizard.page_ids import PageId

from .conftest import answer


def save_as(monkeypatch, path):
    calls = []

    def dialog(*args, **kwargs):
        calls.append(args)
        return str(path), "PDF documents (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return calls


def test_review_shows_the_verdict_and_jumps_to_the_fixing_step(qtbot, fake_service, open_wizard):
    tender = fake_service.new_tender()
    tender.social_value_weighting_pct = tender.themes[0].weighting_pct = 5
    wizard = open_wizard(fake_service, tender)
    wizard.go_to(PageId.REVIEW)
    page = wizard.page(PageId.REVIEW)
    assert page.status_text.text().startswith("Not policy-compliant")
    assert "DRAFT" in page.status_text.text()
    assert page.findings.rules()[0] == "SV-MIN-WEIGHT"
    page.findings.step_requested.emit("weighting")
    assert wizard.current_page_id() == PageId.WEIGHTING


def test_export_pdf_with_ctrl_e_asks_before_replacing(qtbot, fake_service, open_wizard, monkeypatch, tmp_path):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    target = tmp_path / "pack.pdf"
    save_as(monkeypatch, target)
    qtbot.keyClick(wizard, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "Writing the social value pack" in wizard.statusBar().currentMessage()
    qtbot.waitUntil(lambda: wizard.exporter.running == 0, timeout=5000)  # written off the UI thread
    assert target.read_text() == "pdf export"
    assert "Saved the social value pack" in wizard.statusBar().currentMessage()
    target.write_text("keep me")
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    assert wizard.exporter.export("pdf") is None
    assert asked and "already exists" in asked[0]
    assert target.read_text() == "keep me"
    answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    assert wizard.exporter.export("pdf") == target
    qtbot.waitUntil(lambda: wizard.exporter.running == 0, timeout=5000)
    assert target.read_text() == "pdf export"


def test_word_and_brief_buttons_and_missing_suffix(qtbot, fake_service, open_wizard, monkeypatch, tmp_path,
                                                   supplier_previews):
    tender = fake_service.new_tender()
    tender.supplier_text.local = "Lots for local firms"
    wizard = open_wizard(fake_service, tender)
    wizard.go_to(PageId.REVIEW)
    page = wizard.page(PageId.REVIEW)
    save_as(monkeypatch, tmp_path / "pack")
    qtbot.mouseClick(page.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.exporter.running == 0, timeout=5000)
    assert (tmp_path / "pack.docx").read_text() == "docx export"
    save_as(monkeypatch, tmp_path / "brief.pdf")
    qtbot.mouseClick(page.brief_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.exporter.running == 0, timeout=5000)
    assert (tmp_path / "brief.pdf").read_text() == "brief export"
    assert "brief.pdf" in page.last_export.text()
    save_as(monkeypatch, tmp_path / "brief")
    qtbot.mouseClick(page.brief_word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.exporter.running == 0, timeout=5000)
    assert (tmp_path / "brief.docx").read_text() == "brief docx export"
    previewed = [[text for _label, text in texts] for texts in supplier_previews]
    assert len(previewed) == 3, "every export shows the supplier-facing texts first"
    assert "Lots for local firms" not in previewed[0] and "Lots for local firms" in previewed[1]


def test_unwritable_folder_is_explained_and_cancel_does_nothing(qtbot, fake_service, open_wizard, monkeypatch,
                                                                tmp_path):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    save_as(monkeypatch, tmp_path / "missing" / "pack.pdf")
    warned = answer(monkeypatch, "warning", QMessageBox.StandardButton.Ok)
    assert wizard.exporter.export("pdf") is not None  # asked for; written (or not) in the background
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)
    assert "does not exist" in warned[0]
    save_as(monkeypatch, "")
    assert wizard.exporter.export("pdf") is None
    assert fake_service.exports == []


def test_open_folder_preference_is_remembered(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    page = wizard.page(PageId.REVIEW)
    assert not page.open_folder.isChecked()
    page.open_folder.setChecked(True)
    assert wizard.exporter.open_folder is True
    page.open_folder.setChecked(False)
    assert wizard.exporter.open_folder is False


def test_print_without_a_printer_says_so(qtbot, fake_service, open_wizard, monkeypatch):
    wizard = open_wizard(fake_service, fake_service.new_tender())
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    told = answer(monkeypatch, "information", QMessageBox.StandardButton.Ok)
    qtbot.keyClick(wizard, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert told and "No printer is set up" in told[0]


def test_print_document_escapes_everything(fake_service):
    tender = fake_service.new_tender()
    tender.title = "<img src=x> & <b>bold</b>"
    tender.leads = {"finance_lead": "O'Brien <script>"}
    tender.themes[0].own_actions = ["<i>own</i>"]
    html = tender_html(tender, load_content(), fake_service.check(tender), fake_service.requirements(tender),
                       "Trust")
    assert "<img src=x>" not in html and "&lt;img src=x&gt;" in html
    assert "&lt;script&gt;" in html and "&lt;i&gt;own&lt;/i&gt;" in html


def test_safe_file_stem():
    assert safe_file_stem('LPT/2027:014*"x"') == "LPT-2027-014-x"
    assert safe_file_stem("...") == "tender"


def test_printing_renders_the_tender_through_qprinter(qtbot, real_service, open_wizard, tmp_path):
    """Offscreen there is no printer, so print to a PDF file and read the pages back."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    tender = real_service.new_tender("Courier <services> for O'Brien & Co", "transport")
    wizard = open_wizard(real_service, tender)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    wizard.exporter.print_to(printer)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "Courier <services> for O'Brien & Co" in text
    assert "Fighting climate change" in text and tender.reference in text
