"""The app cannot exceed the per-tender limits: at the limit the Add buttons are disabled and say why, and a
tender over a limit (built elsewhere) is not saved but explained, without a retry loop hiding it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sv_desktop.model.limits import MAX_ITEMS
from sv_desktop.model.tender import Kpi
from sv_desktop.ui.wizard.page_ids import PageId


def test_kpi_add_buttons_disabled_at_the_limit(qtbot, real_service, open_wizard):
    tender = real_service.new_tender("Full of KPIs")
    tender.kpis = [Kpi(name=f"KPI {i}") for i in range(MAX_ITEMS["kpis"] - 1)]
    tender = real_service.create(tender)
    wizard = open_wizard(real_service, real_service.get(tender.reference))
    editor = wizard.page(PageId.REQUIREMENTS).kpis
    assert editor.own_button.isEnabled() and editor.library_button.isEnabled()
    qtbot.mouseClick(editor.own_button, Qt.MouseButton.LeftButton)
    assert len(editor.records) == MAX_ITEMS["kpis"]
    assert not editor.own_button.isEnabled() and not editor.library_button.isEnabled()
    assert "at most 200 KPIs" in editor.own_button.toolTip()
    assert "holds the most KPIs one tender can (200)" in editor.empty_note.text()
    editor.add(Kpi(name="One too many"))
    assert len(editor.records) == MAX_ITEMS["kpis"]
    assert wizard.autosaver.flush(), wizard.save_label.text()
    assert len(real_service.get(tender.reference).kpis) == MAX_ITEMS["kpis"]
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.own_button.isEnabled() and editor.own_button.toolTip() == ""


def test_an_over_limit_tender_is_explained_not_retried(qtbot, real_service, open_wizard):
    tender = real_service.create(real_service.new_tender("Grown elsewhere"))
    wizard = open_wizard(real_service, real_service.get(tender.reference))
    wizard.tender.kpis = [Kpi(name=f"KPI {i}") for i in range(MAX_ITEMS["kpis"] + 1)]
    wizard.autosaver.schedule()
    qtbot.waitUntil(lambda: wizard.save_label.text().startswith("Not saved"), timeout=5000)
    assert "holds 201 KPIs; a tender may have at most 200" in wizard.save_label.text()
    assert not wizard.autosaver.retry_timer.isActive()
