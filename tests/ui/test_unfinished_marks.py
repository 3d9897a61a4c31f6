"""An unfinished entry shows on its field, on its step in the sidebar and in the tender list, and an
export says which entry is unfinished and which value the document uses; all through the real service."""

from __future__ import annotations

from decimal import Decimal

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from sv_desktop.ui.tender_table import COL_TITLE
from sv_desktop.ui.wizard.page_ids import PageId

from .conftest import answer
from .test_focus_chain import demo_tender
from .test_review_export import save_as


def test_unfinished_value_is_marked_everywhere_and_the_pack_uses_the_kept_value(
        qtbot, real_service, open_main, monkeypatch, tmp_path):
    tender = demo_tender(real_service)
    tender.value_excl_vat_gbp = Decimal(250000)
    tender = real_service.save(tender)
    window = open_main(real_service)
    wizard = window.open_wizard(tender)
    field = wizard.page(PageId.DETAILS).value
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "2.5 millio")
    wizard.run_check()
    assert "Until then £250,000.00 is kept." in field.problem()
    assert wizard.sidebar.state_text(PageId.DETAILS) == "Unfinished entry"
    assert wizard.sidebar.state_text(PageId.SPEC) != "Unfinished entry"
    row = window.model.row_of(tender.reference)
    tip = window.model.value(row, COL_TITLE, Qt.ItemDataRole.ToolTipRole)
    assert "Unfinished entry in the open tender window: Value excl. VAT" in tip
    assert window.model.value(row, COL_TITLE, Qt.ItemDataRole.DecorationRole) is not None

    target = tmp_path / "pack.pdf"
    save_as(monkeypatch, target)
    asked = answer(monkeypatch, "question", QMessageBox.StandardButton.No)
    assert wizard.exporter.export("pdf") is None and not target.exists()
    assert ("Value excl. VAT (£): '2.5 millio' is not finished; £250,000.00 is used until it is corrected."
            in asked[0])
    answer(monkeypatch, "question", QMessageBox.StandardButton.Yes)
    assert wizard.exporter.export("pdf") == target
    qtbot.waitUntil(lambda: wizard.exporter.running == 0, timeout=10000)  # written off the UI thread
    assert "1 unfinished entry: earlier values used." in wizard.statusBar().currentMessage()
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "250,000" in text and "2,500,000" not in text
    assert real_service.get(tender.reference).value_excl_vat_gbp == Decimal(250000)

    qtbot.keyClicks(field.edit, "n")
    wizard.run_check()
    wizard.autosaver.flush()
    assert field.understood.text() == "= £2,500,000.00" and field.understood.isVisible()
    assert wizard.sidebar.state_text(PageId.DETAILS) != "Unfinished entry"
    row = window.model.row_of(tender.reference)
    assert window.model.value(row, COL_TITLE, Qt.ItemDataRole.DecorationRole) is None
    assert real_service.get(tender.reference).value_excl_vat_gbp == Decimal(2500000)
