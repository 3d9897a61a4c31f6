"""A calm first impression and a page that holds still: a new tender says what is still to do, findings
are short until asked for, the save status never contradicts itself, the step's "to do" line keeps its
height as findings come and go, and the findings panel can be hidden (remembered) but never floats."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QDockWidget

from sv_desktop.ui.window_state import ui_settings
from sv_desktop.ui.wizard.attention import short_message
from sv_desktop.ui.wizard.page_ids import PageId

from .test_details_page import retype


def _blockers(wizard):
    return [f for f in wizard.findings if getattr(f, "severity", "") == "blocker"]


def test_a_new_tender_opens_with_what_is_still_to_do(qtbot, real_service, open_wizard):
    wizard = open_wizard(real_service, real_service.new_tender())
    QApplication.processEvents()
    assert _blockers(wizard), "a blank tender has things to do"
    summary = wizard.findings_panel.summary.text()
    assert summary.startswith("New tender: ") and "still to do" in summary
    assert "Not policy-compliant" not in summary
    shown = wizard.findings_panel.list.text()
    assert "http" not in shown and "Source:" not in shown, "sources wait until the manager asks for them"
    assert shown.count("More") >= len(wizard.findings) - 1
    for finding in wizard.findings:
        assert len(short_message(finding.message)) <= 141
    # Not saved yet, and the icon says so: no green tick beside "Not saved yet".
    assert wizard.save_label.text().startswith("Not saved yet")
    assert wizard.save_state == "new"


def test_more_shows_the_source_and_link_of_one_finding(qtbot, real_service, open_wizard):
    wizard = open_wizard(real_service, real_service.new_tender())
    findings = wizard.findings_panel.list
    before = findings.text()
    findings.anchorClicked.emit(QUrl("more:0"))
    after = findings.text()
    assert "Source:" in after and "Go to:" in after and after.count("Source:") == 1
    assert len(after) > len(before)
    findings.anchorClicked.emit(QUrl("less:0"))
    assert findings.text() == before
    wizard.findings_view.concise_action.setChecked(False)
    assert findings.text().count("Source:") >= len(_blockers(wizard))


def test_fields_do_not_move_as_the_steps_findings_change(qtbot, real_service, open_wizard):
    tender = real_service.new_tender("Laundry", "goods_services")
    wizard = open_wizard(real_service, tender)
    wizard.go_to(PageId.WEIGHTING)
    page = wizard.page(PageId.WEIGHTING)

    def field_top() -> QPoint:
        QApplication.processEvents()
        return page.weighting.edit.mapTo(wizard, QPoint(0, 0))

    retype(qtbot, page.weighting, "9")
    wizard.run_check()
    with_blocker = field_top()
    assert any("at least 10%" in m for m in page.attention.messages)
    retype(qtbot, page.weighting, "10")
    retype(qtbot, page.split_fields["fighting_climate_change"], "10")
    wizard.run_check()
    assert not any("at least 10%" in m for m in page.attention.messages)
    assert field_top() == with_blocker
    height = page.attention.height()
    page.attention.set_findings([type("F", (), {"message": "x " * 400})()] * 12)
    QApplication.processEvents()
    assert page.attention.height() == height and field_top() == with_blocker


def test_the_findings_panel_hides_with_its_shortcut_and_stays_hidden(qtbot, real_service, open_wizard):
    tender = real_service.new_tender("Laundry", "goods_services")
    wizard = open_wizard(real_service, tender)
    dock = wizard.findings_dock
    assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetFloatable
    assert not dock.isFloating() and dock.isVisible()
    qtbot.keyClick(wizard, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dock.isHidden() and not wizard.findings_view.show_action.isChecked()
    wizard.go_to(PageId.SPEC)
    assert dock.isHidden(), "moving to another step does not bring it back"
    settings = ui_settings(real_service)
    assert settings.value("findings/visible") in (False, "false")

    again = open_wizard(real_service, real_service.new_tender("Catering", "goods_services"))
    assert again.findings_dock.isHidden()
    again.findings_view.show_action.trigger()
    assert again.findings_dock.isVisible()
    again.go_to(PageId.REVIEW)
    assert again.findings_dock.isHidden(), "the review page lists the findings itself"
    again.go_to(PageId.SPEC)
    assert again.findings_dock.isVisible()


def test_short_message_keeps_the_first_sentence():
    assert short_message("Set the weighting. It must be at least 10%.") == "Set the weighting."
    long = "word " * 60
    short = short_message(long)
    assert short.endswith("…") and len(short) <= 141
    assert short_message("Short and whole") == "Short and whole"
    assert short_message("Average annual value excl. VAT is £2m. Check it.") == "Average annual value excl. VAT is £2m."
    assert short_message("Give the s.54 statement, e.g. Acme Ltd. This matters.") == (
        "Give the s.54 statement, e.g. Acme Ltd. This matters.")


def test_the_findings_panel_leaves_most_of_a_small_window_to_the_page(qtbot, real_service, open_wizard):
    from sv_desktop.ui.wizard.wizard_window import TenderWizard

    wizard = TenderWizard(real_service, real_service.new_tender())
    qtbot.addWidget(wizard)
    wizard.resize(910, 512)  # a 1366 x 768 laptop at 150%
    wizard.show()
    qtbot.waitExposed(wizard)
    QApplication.processEvents()
    assert wizard.findings_dock.width() <= 910 * 26 // 100
    assert wizard.stack.width() > wizard.findings_dock.width()
    wizard.autosaver.timer.stop()
    wizard.check_timer.stop()
