"""Step 2 shows only the prompts that fit the tender's category: no clinical prompts for a laundry contract."""

from __future__ import annotations

from sv_desktop.ui.wizard.page_ids import PageId


def shown_texts(page) -> list[str]:
    return [box.text() for box in page.prompts.boxes.values() if not box.isHidden()]


def test_laundry_sees_no_clinical_prompts_and_ticks_survive_a_category_change(qtbot, fake_service, open_wizard):
    tender = fake_service.new_tender("Linen and laundry", "clinical_services")
    wizard = open_wizard(fake_service, tender)
    wizard.go_to(PageId.SPEC)
    page = wizard.page(PageId.SPEC)
    assert any("clinical" in text.lower() for text in shown_texts(page))
    page.prompts.boxes["care_closer_to_home"].setChecked(True)
    page.prompts.boxes["avoid_plastics"].setChecked(True)
    wizard.go_to(PageId.DETAILS)
    details = wizard.page(PageId.DETAILS)
    details.category.setCurrentIndex(details.category.findData("goods_services"))
    wizard.go_to(PageId.SPEC)
    assert not [t for t in shown_texts(page) if "clinical" in t.lower() or "closer to home" in t.lower()]
    assert page.prompts.boxes["avoid_plastics"].isChecked()
    assert set(wizard.tender.spec_refresh.prompts_done) == {"care_closer_to_home", "avoid_plastics"}
    page.prompts.boxes["avoid_plastics"].setChecked(False)
    assert wizard.tender.spec_refresh.prompts_done == ["care_closer_to_home"], "the hidden tick is kept"
