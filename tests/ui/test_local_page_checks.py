"""Think local: a contract "divided into lots" with a single lot is questioned beside the lots choice."""

from __future__ import annotations

from sv_desktop.ui.wizard.page_ids import PageId


def test_one_lot_is_questioned_beside_the_field_and_in_the_findings(qtbot, real_service, open_wizard):
    tender = real_service.create(real_service.new_tender("Laundry", "goods_services"))
    wizard = open_wizard(real_service, tender)
    wizard.go_to(PageId.LOCAL)
    page = wizard.page(PageId.LOCAL)
    page.lots_divided.setChecked(True)
    qtbot.keyClicks(page.lot_count.edit, "1")
    wizard.run_check()
    assert page.lots_note.isVisible() and "only one lot" in page.lots_note.text()
    assert [f.severity for f in wizard.findings if f.rule == "PA23-LOTS"] == ["warning"]
    qtbot.keyClicks(page.lot_count.edit, "2")  # 12 lots
    wizard.run_check()
    assert not page.lots_note.isVisible()
    assert not [f for f in wizard.findings if f.rule == "PA23-LOTS"]
