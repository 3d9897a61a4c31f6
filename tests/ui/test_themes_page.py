"""Choose themes: climate always on with its reason; the category guide's actions; the manager's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sv_desktop.model.tender import MANDATORY_THEME
from sv_desktop.ui.wizard.page_ids import PageId


def themes_page(wizard):
    wizard.go_to(PageId.THEMES)
    return wizard.page(PageId.THEMES)


def transport_tender(service):
    tender = service.new_tender()
    tender.category = "transport"
    return tender


def test_climate_is_always_chosen_and_says_why(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, transport_tender(fake_service))
    page = themes_page(wizard)
    box = page.boxes[MANDATORY_THEME]
    assert box.isChecked() and not box.isEnabled()
    reason = fake_service.content.themes[MANDATORY_THEME].mandatory_reason
    assert reason in box.accessibleDescription()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    assert MANDATORY_THEME in wizard.tender.theme_ids


def test_guide_shows_why_it_fits_and_examples_of_the_category(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, transport_tender(fake_service))
    page = themes_page(wizard)
    guide = fake_service.content.categories["transport"].themes["wellbeing"]
    tab = page.guides["wellbeing"]
    assert tab.why.text() == guide.why_it_fits
    assert [b.text() for b in tab.examples.boxes.values()] == list(guide.examples)
    assert not tab.examples.isEnabled(), "actions wait until the theme is chosen"
    page.boxes["wellbeing"].setChecked(True)
    assert page.tabs.currentWidget() is tab
    assert tab.examples.isEnabled()
    first = guide.examples[0]
    tab.examples.boxes[first].setChecked(True)
    assert wizard.tender.theme("wellbeing").actions == [first]


def test_own_actions_and_untick_keeps_them_for_a_retick(qtbot, fake_service, open_wizard):
    wizard = open_wizard(fake_service, transport_tender(fake_service))
    page = themes_page(wizard)
    page.boxes["equal_opportunity"].setChecked(True)
    tab = page.guides["equal_opportunity"]
    qtbot.keyClicks(tab.new_action, "Guaranteed interviews for care leavers")
    qtbot.keyClick(tab.new_action, Qt.Key.Key_Return)
    assert wizard.tender.theme("equal_opportunity").own_actions == ["Guaranteed interviews for care leavers"]
    assert tab.new_action.text() == ""
    page.boxes["equal_opportunity"].setChecked(False)
    assert "equal_opportunity" not in wizard.tender.theme_ids
    page.boxes["equal_opportunity"].setChecked(True)
    assert wizard.tender.theme("equal_opportunity").own_actions == ["Guaranteed interviews for care leavers"]
    tab.own.setCurrentRow(0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert wizard.tender.theme("equal_opportunity").own_actions == []


def test_actions_from_another_category_are_kept_and_shown(qtbot, fake_service, open_wizard):
    tender = transport_tender(fake_service)
    tender.themes[0].actions = ["An action from the estates guide"]
    wizard = open_wizard(fake_service, tender)
    page = themes_page(wizard)
    box = page.guides[MANDATORY_THEME].examples.boxes["An action from the estates guide"]
    assert box.isChecked()
    assert "another category" in box.box.accessibleDescription()
