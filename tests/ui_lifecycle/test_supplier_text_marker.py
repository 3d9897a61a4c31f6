"""A marker typed into every internal text of the wizard (specification and think-local notes) and of the
lifecycle dialogs (engagement log, award, KPI results, case studies) reaches no supplier document: the pack
(PDF and Word) and the brief (PDF and Word), read back. What the manager wrote for suppliers does, and the
preview before an export lists it."""

from __future__ import annotations

import docx
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from sv_desktop.ui.lifecycle.delivery import TAB_CASES, TAB_RESULTS, DeliveryDialog
from sv_desktop.ui.lifecycle.engagement import EngagementDialog
from sv_desktop.ui.window_state import ui_settings
from sv_desktop.ui.wizard.page_ids import PageId
from sv_desktop.ui.wizard.supplier_preview import SupplierTextPreview
from sv_desktop.ui.wizard.wizard_window import TenderWizard

from .conftest import contract, settle_dialog

MARK = "Zqxmarker"
TOLD = {"spec": "Fleet plans welcome", "local": "Lots sized for small firms", "engagement": "An open market day"}


def type_into(qtbot, edit, text):
    edit = getattr(edit, "edit", edit)  # a validated field types into its line edit
    edit.clear()
    qtbot.keyClicks(edit, text)


def _wizard(qtbot, service, tender):
    wizard = TenderWizard(service, tender, ui_settings(service))

    def settle(w):
        w.autosaver.timer.stop()
        w.check_timer.stop()
        w.autosaver.dirty = False

    qtbot.addWidget(wizard, before_close_func=settle)
    wizard.resize(1366, 768)
    wizard.show()
    return wizard


def _dialog(qtbot, cls, service, tender):
    dialog = cls(service, tender)
    qtbot.addWidget(dialog, before_close_func=settle_dialog)
    dialog.show()
    return dialog


def _type_everything(qtbot, service):
    stored = service.create(contract())
    wizard = _wizard(qtbot, service, stored)
    for page_id, key in ((PageId.SPEC, "spec"), (PageId.LOCAL, "local")):
        wizard.go_to(page_id)
        page = wizard.page(page_id)
        type_into(qtbot, page.notes, f"{MARK} internal {key} note")
        type_into(qtbot, page.supplier_text, TOLD[key])
    assert wizard.autosaver.save_now()
    wizard.close()

    dialog = _dialog(qtbot, EngagementDialog, service, service.get(stored.reference))
    qtbot.mouseClick(dialog.events.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.events.title, f"{MARK} event")
    type_into(qtbot, dialog.events.held_on.edit, "12/01/2026")
    type_into(qtbot, dialog.events.notes, f"{MARK} event notes")
    qtbot.mouseClick(dialog.suppliers.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.suppliers.name, f"{MARK} Couriers Ltd")
    type_into(qtbot, dialog.suppliers.postcode, "LE1 1AA")
    qtbot.mouseClick(dialog.to_think_local, Qt.MouseButton.LeftButton)  # names the supplier in the notes
    type_into(qtbot, dialog.supplier_text, TOLD["engagement"])
    assert dialog.save()  # the dialogs save as the manager types; this saves what is left now

    dialog = _dialog(qtbot, DeliveryDialog, service, service.get(stored.reference))
    type_into(qtbot, dialog.award.name, f"{MARK} Winner Ltd")
    type_into(qtbot, dialog.award.renewal, f"{MARK} renewal")
    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    qtbot.mouseClick(dialog.results.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.results.result, f"{MARK} result")
    type_into(qtbot, dialog.results.notes, f"{MARK} result notes")
    dialog.tabs.setCurrentIndex(TAB_CASES)
    qtbot.mouseClick(dialog.cases.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.cases.title, f"{MARK} case")
    type_into(qtbot, dialog.cases.text, f"{MARK} case text")
    dialog.save()  # the KPI result still lacks its period end: everything typed is stored all the same
    return service.get(stored.reference)


def _pdf(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def _docx(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_a_marker_in_every_internal_text_reaches_no_supplier_document(qtbot, service, tmp_path):
    tender = _type_everything(qtbot, service)
    internal = [tender.spec_refresh.notes, tender.think_local.notes, tender.engagement[0].title,
                tender.engagement[0].notes, tender.engagement[0].suppliers[0].name, tender.award.supplier.name,
                tender.award.renewal_requirements, tender.kpi_results[0].result, tender.kpi_results[0].notes,
                tender.case_studies[0].title, tender.case_studies[0].text]
    assert all(MARK in text for text in internal), "the marker was stored in every internal text"
    assert (tender.supplier_text.spec, tender.supplier_text.local, tender.supplier_text.engagement) == (
        TOLD["spec"], TOLD["local"], TOLD["engagement"])

    documents = {
        "pack.pdf": _pdf(service.export_pdf(tender, tmp_path / "pack.pdf")),
        "pack.docx": _docx(service.export_docx(tender, tmp_path / "pack.docx")),
        "brief.pdf": _pdf(service.export_brief(tender, tmp_path / "brief.pdf")),
        "brief.docx": _docx(service.export_brief_docx(tender, tmp_path / "brief.docx")),
    }
    for name, text in documents.items():
        assert MARK.casefold() not in text.casefold(), name
    for name in ("brief.pdf", "brief.docx"):
        for told in TOLD.values():
            assert told in documents[name], (name, told)


def test_the_preview_lists_what_suppliers_will_read_and_going_back_writes_nothing(qtbot, service, tmp_path,
                                                                                monkeypatch):
    tender = _type_everything(qtbot, service)
    preview = SupplierTextPreview(service.supplier_texts(tender), "pre-market brief")
    qtbot.addWidget(preview)
    preview.show()
    rows = preview.rows()
    assert ("Think local: what we tell suppliers", TOLD["local"]) in rows
    assert ("Pre-market engagement: what we tell suppliers", TOLD["engagement"]) in rows
    assert not any(MARK in text for _label, text in rows)
    assert TOLD["engagement"] in preview.shown_text() and MARK not in preview.shown_text()

    wizard = _wizard(qtbot, service, tender)
    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(SupplierTextPreview, "ask", staticmethod(lambda parent, texts, noun: False))
    assert wizard.exporter.export("brief") is None
    assert not target.exists()
    wizard.close()
