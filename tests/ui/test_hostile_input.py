"""Whatever is typed into any text field - markup, emoji, 20,000 characters - is kept, saved and shown
back as typed; number and date fields keep it on screen and explain, without saving it or crashing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QCalendarWidget, QLineEdit, QPlainTextEdit

from sv_desktop.ui.widgets.fields import ValidatedField
from sv_desktop.ui.wizard.page_ids import PageId

HOSTILE = "<b>bold</b> <img src=x> \U0001F691\U0001F331 Łódź O'Brien & Co \"q\" %s {title} \\n " + "x" * 20_000
NOT_STORED = {"New action for Fighting climate change", "New action for Wellbeing",
              "New action for Equal opportunity", "New action for Tackling economic inequality"}


def text_inputs(wizard, page_id):
    """Free-text inputs of a page (not the numeric/date fields, not the 'new action' boxes)."""
    page = wizard.page(page_id)
    found = []
    for widget in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit):
        parent = widget.parentWidget()
        if any(calendar.isAncestorOf(widget) for calendar in page.findChildren(QCalendarWidget)):
            continue
        if isinstance(parent, ValidatedField) and page_id != PageId.DETAILS:
            continue
        if not widget.isEnabled() or (isinstance(widget, QLineEdit) and widget.isReadOnly()):
            continue
        if widget.accessibleName() in NOT_STORED or "calendar" in widget.accessibleName().lower():
            continue
        if isinstance(parent, ValidatedField) and parent not in (page.reference, page.title_field):
            continue
        found.append(widget)
    return found


def qt_truncate(text: str, units: int) -> str:
    """What a QLineEdit with maxLength `units` keeps: Qt counts UTF-16 code units (an emoji is two)."""
    kept, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            break
        kept.append(ch)
    return "".join(kept)


def expected(widget) -> str:
    if isinstance(widget, QLineEdit) and widget.maxLength() < len(HOSTILE):
        return qt_truncate(HOSTILE, widget.maxLength())
    return HOSTILE


def type_into(widget) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(HOSTILE)
        widget.textEdited.emit(widget.text())
    else:
        widget.setPlainText(HOSTILE)


def prepare(wizard):
    wizard.go_to(PageId.THEMES)
    wizard.page(PageId.THEMES).boxes["wellbeing"].setChecked(True)
    wizard.go_to(PageId.WEIGHTING)
    wizard.page(PageId.WEIGHTING).questions.add_own()
    wizard.go_to(PageId.REQUIREMENTS)
    wizard.page(PageId.REQUIREMENTS).kpis.add_own()


def test_hostile_text_everywhere_is_kept_and_saved(qtbot, real_service, open_wizard):
    tender = real_service.new_tender("Start", "transport")
    wizard = open_wizard(real_service, tender)
    prepare(wizard)
    typed: dict[PageId, int] = {}
    for page_id in PageId:
        wizard.go_to(page_id)
        inputs = text_inputs(wizard, page_id)
        for widget in inputs:
            type_into(widget)
        typed[page_id] = len(inputs)
        QApplication.processEvents()
    themes = wizard.page(PageId.THEMES).guides["wellbeing"]
    themes.new_action.setText(HOSTILE)
    themes.add_own()
    assert typed[PageId.DETAILS] >= 9 and typed[PageId.REQUIREMENTS] >= 8
    assert wizard.autosaver.flush(), wizard.save_label.text()
    wizard.run_check()

    stored = real_service.get(wizard.tender.reference)
    assert stored.title == qt_truncate(HOSTILE, 1000)  # the longest title a tender file carries
    assert stored.description == HOSTILE
    assert set(stored.leads.values()) == {HOSTILE}
    assert stored.spec_refresh.notes == stored.think_local.notes == stored.lots.reasons == HOSTILE
    assert stored.theme("wellbeing").own_actions == [HOSTILE]
    assert stored.questions[-1].text == HOSTILE
    kpi = stored.kpis[-1]
    assert kpi.baseline == kpi.target == kpi.evidence == HOSTILE
    assert kpi.name == qt_truncate(HOSTILE, 2000)  # the file limits of KPI names and units
    assert kpi.unit == kpi.toms_reference == qt_truncate(HOSTILE, 200)
    assert stored.modern_slavery_risk_assessment.notes == stored.kpi_exemption_reason == HOSTILE

    again = open_wizard(real_service, stored)
    prepare_free = {PageId.WEIGHTING, PageId.REQUIREMENTS}
    for page_id in PageId:
        again.go_to(page_id)
        for widget in text_inputs(again, page_id):
            shown = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            assert shown == expected(widget), f"{page_id.name}: {widget.accessibleName()}"
        if page_id in prepare_free:
            assert text_inputs(again, page_id)


def test_hostile_text_in_number_and_date_fields_is_kept_on_screen_not_saved(qtbot, real_service, open_wizard):
    tender = real_service.new_tender("Laundry", "goods_services")
    wizard = open_wizard(real_service, tender)
    details = wizard.page(PageId.DETAILS)
    for field in (details.value, details.vat, details.duration, details.notice_date, details.start_date):
        field.edit.setText(HOSTILE[:500])
        field.edit.textEdited.emit(field.edit.text())
        assert field.text() == HOSTILE[:500]
        assert field.problem() and not field.message.isHidden()
    assert wizard.autosaver.flush()
    stored = real_service.get(tender.reference)
    assert stored.duration_months == 12 and stored.tender_notice_date is None
