"""Nothing is cut off at 1366 x 768, the smallest common NHS laptop screen: every page fits its width
(pages scroll down, never sideways) and the main window's table and toolbar fit."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from sv_desktop.ui.wizard.page_ids import PageId

from .test_focus_chain import demo_tender


def test_every_page_fits_the_width_at_1366_by_768(qtbot, real_service, open_wizard):
    wizard = open_wizard(real_service, demo_tender(real_service))
    assert (wizard.width(), wizard.height()) == (1366, 768)
    for page_id in PageId:
        wizard.go_to(page_id)
        page = wizard.page(page_id)
        if page_id == PageId.THEMES:
            page.boxes["wellbeing"].setChecked(True)
        QApplication.processEvents()
        body = page.scroll_area.widget()
        viewport = page.scroll_area.viewport()
        assert body.minimumSizeHint().width() <= viewport.width(), (
            f"{page_id.name}: needs {body.minimumSizeHint().width()} px, has {viewport.width()}")
        assert body.width() <= viewport.width()
        assert viewport.width() >= 700, f"{page_id.name}: the page area is squeezed to {viewport.width()} px"
    navigation = wizard.next_button.mapTo(wizard, wizard.next_button.rect().bottomRight())
    assert navigation.x() < 1366 and navigation.y() < 768


def test_main_window_fits(qtbot, real_service, open_main):
    demo_tender(real_service)
    window = open_main(real_service)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1366
    assert window.toolbar.sizeHint().width() <= 1366
    assert window.search.isVisible()
    header = window.table.horizontalHeader()
    assert header.length() <= window.table.viewport().width() + 1
