"""How far each step of a tender has got, for the sidebar: worked out from the tender and its findings.

Qt-free. "Needs attention" wins over everything: a step that holds the fix for a blocker must stand out
even if the manager has filled it in, because the pack would otherwise be marked not policy-compliant.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from ...i18n import N_, _
from ...model.tender import MANDATORY_THEME, STEPS, Tender

if TYPE_CHECKING:
    from ...model.rules import Finding


class StepState(Enum):
    NOT_STARTED = (N_("Not started"), "step-not-started")
    IN_PROGRESS = (N_("In progress"), "step-in-progress")
    DONE = (N_("Done"), "step-done")
    NEEDS_ATTENTION = (N_("Needs attention"), "step-attention")
    UNFINISHED = (N_("Unfinished entry"), "field-error")

    @property
    def label(self) -> str:
        """The state's name in the language in use."""
        return _(self.value[0])

    @property
    def icon(self) -> str:
        return self.value[1]


def _details(t: Tender) -> tuple[bool, bool]:
    filled = [bool(t.title.strip()), t.value_excl_vat_gbp > 0, t.tender_notice_date is not None,
              t.contract_start_date is not None]
    return all(filled), any(filled) or any(v.strip() for v in t.leads.values())


def _spec(t: Tender) -> tuple[bool, bool]:
    record = t.spec_refresh
    return record.considered, bool(record.notes.strip() or record.prompts_done)


def _local(t: Tender) -> tuple[bool, bool]:
    record, lots = t.think_local, t.lots
    lots_recorded = lots.divided is True or (lots.divided is False and bool(lots.reasons.strip()))
    started = bool(record.notes.strip() or record.prompts_done or lots.divided is not None
                   or lots.reasons.strip() or lots.head_contract_local_pct is not None)
    return record.considered and lots_recorded, started


def _themes(t: Tender) -> tuple[bool, bool]:
    has_actions = [bool(c.actions or c.own_actions) for c in t.themes]
    started = any(has_actions) or any(c.theme != MANDATORY_THEME for c in t.themes)
    return bool(t.themes) and all(has_actions), started


def _weighting(t: Tender) -> tuple[bool, bool]:
    adds_up = t.theme_weighting_total == t.social_value_weighting_pct
    asked = {q.theme for q in t.questions}
    every_theme_asked = bool(t.themes) and all(c.theme in asked for c in t.themes)
    started = bool(t.questions or t.kpis) or t.social_value_weighting_pct != Decimal(10)
    return adds_up and every_theme_asked, started


def _requirements(t: Tender) -> tuple[bool, bool]:
    assessment = t.modern_slavery_risk_assessment
    done = assessment.completed_on is not None and assessment.risk is not None
    started = bool(assessment.completed_on or assessment.risk or assessment.notes.strip()
                   or t.confidentiality_reviewed or t.kpi_exemption_reason.strip() or t.is_framework)
    return done, started


_PROGRESS = {
    "details": _details,
    "spec": _spec,
    "local": _local,
    "themes": _themes,
    "weighting": _weighting,
    "requirements": _requirements,
}


def blocker_steps(findings: Iterable[Finding]) -> set[str]:
    """Steps that hold the fix for at least one blocker."""
    return {getattr(f, "step", None) or "review" for f in findings if getattr(f, "severity", "") == "blocker"}


def step_states(tender: Tender, findings: Iterable[Finding],
                unfinished: Iterable[str] = ()) -> dict[str, StepState]:
    """The state of every step of STEPS, in order; `unfinished` steps hold an entry not yet finished."""
    findings = list(findings)
    attention = blocker_steps(findings)
    unfinished_steps = set(unfinished)
    states: dict[str, StepState] = {}
    for step in STEPS:
        if step in unfinished_steps:
            states[step] = StepState.UNFINISHED
            continue
        if step in attention:
            states[step] = StepState.NEEDS_ATTENTION
            continue
        if step == "review":
            others = list(states.values())
            if others and all(s is StepState.DONE for s in others):
                states[step] = StepState.DONE
            elif any(s is not StepState.NOT_STARTED for s in others):
                states[step] = StepState.IN_PROGRESS
            else:
                states[step] = StepState.NOT_STARTED
            continue
        done, started = _PROGRESS[step](tender)
        states[step] = StepState.DONE if done else StepState.IN_PROGRESS if started else StepState.NOT_STARTED
    return states
