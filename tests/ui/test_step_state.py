"""The sidebar's step states, worked out from the tender and the findings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sv_desktop.model.tender import STEPS, Question, ThemeChoice, new_tender
from sv_desktop.ui.wizard.step_state import StepState, step_states

from .fake_service import FakeFinding


def test_a_new_tender_has_not_started_anything():
    states = step_states(new_tender("LPT-1"), [])
    assert list(states) == list(STEPS)
    assert set(states.values()) == {StepState.NOT_STARTED}


def test_progress_and_done():
    t = new_tender("LPT-1", "Transport")
    assert step_states(t, [])["details"] is StepState.IN_PROGRESS
    t.value_excl_vat_gbp = Decimal(100)
    t.tender_notice_date = dt.date(2027, 3, 1)
    t.contract_start_date = dt.date(2027, 9, 1)
    t.spec_refresh.notes = "Electric fleet"
    states = step_states(t, [])
    assert states["details"] is StepState.DONE
    assert states["spec"] is StepState.IN_PROGRESS
    t.spec_refresh.considered = True
    t.themes[0].actions = ["Use of electric or low-emission vehicles"]
    t.questions = [Question(theme="fighting_climate_change", text="How?")]
    states = step_states(t, [])
    assert states["spec"] is StepState.DONE
    assert states["themes"] is StepState.DONE
    assert states["weighting"] is StepState.DONE
    assert states["review"] is StepState.IN_PROGRESS


def test_weighting_not_done_while_the_split_does_not_add_up():
    t = new_tender("LPT-1")
    t.themes.append(ThemeChoice("wellbeing", Decimal(1), actions=["x"]))
    t.questions = [Question(theme="fighting_climate_change", text="a"), Question(theme="wellbeing", text="b")]
    assert step_states(t, [])["weighting"] is StepState.IN_PROGRESS


def test_a_blocker_marks_the_step_that_fixes_it():
    t = new_tender("LPT-1")
    blocker = FakeFinding("SV-MIN-WEIGHT", "blocker", "Too low", "P238", "weighting")
    warning = FakeFinding("SPEC-REFRESH", "warning", "Record it", "P238", "spec")
    states = step_states(t, [blocker, warning])
    assert states["weighting"] is StepState.NEEDS_ATTENTION
    assert states["spec"] is StepState.NOT_STARTED
    assert StepState.NEEDS_ATTENTION.label == "Needs attention"
