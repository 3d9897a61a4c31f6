"""A modern slavery risk assessment dated in the future is caught beside its field and never stored."""

from __future__ import annotations

import datetime as dt

from sv_desktop.ui.wizard.page_ids import PageId

from .test_focus_chain import demo_tender


def test_a_future_assessment_date_is_refused_beside_the_field(qtbot, real_service, open_wizard):
    tender = demo_tender(real_service)
    before = tender.modern_slavery_risk_assessment.completed_on
    assert before is not None and before <= dt.date.today()
    wizard = open_wizard(real_service, tender)
    wizard.go_to(PageId.REQUIREMENTS)
    field = wizard.page(PageId.REQUIREMENTS).ms_date
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "01/01/2099")
    assert "The assessment date is after today" in field.problem() and field.message.isVisible()
    assert "leave it empty until then" in field.problem()
    wizard.autosaver.flush()
    assert real_service.get(tender.reference).modern_slavery_risk_assessment.completed_on == before
    assert not [f for f in real_service.check(wizard.tender) if f.rule == "MS-RISK" and f.severity == "blocker"]
