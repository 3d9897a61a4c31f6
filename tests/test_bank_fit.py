"""The bank's questions fit the service and agree with their KPIs; no leftover wording."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from sv_desktop.demo import demo_files, with_bank_questions
from sv_desktop.model.question_bank import load_question_bank
from sv_desktop.model.tender import new_tender
from sv_desktop.model.tender_file import read_tender_file


@pytest.fixture(scope="module")
def bank():
    return load_question_bank()


def _all_text(bank) -> list[tuple[str, str]]:
    out = []
    for q in bank.questions:
        out += [(q.id, t) for t in (q.title, q.text, q.evaluation_guidance, *q.must_describe, *q.sub_criteria)]
    for k in bank.kpis.values():
        out += [(k.id, t) for t in (k.name, k.baseline_guidance, k.target_guidance, k.evidence)]
    return out


def test_no_undefined_local_area_or_2015_selection_wording(bank):
    for owner, text in _all_text(bank):
        assert "as defined in the tender documents" not in text, owner
        assert not re.search(r"\bat selection\b", text), owner


def test_inhalers_question_is_offered_last_and_never_picked_for_talking_therapies(bank):
    therapies = next(p for p in demo_files() if "talking" in p.name)
    tender = read_tender_file(therapies)
    ordered = bank.questions_for_tender(tender, "fighting_climate_change")
    assert ordered[-1].id == "cs-fcc-2" and ordered[-1].suits(tender) is False
    chosen = with_bank_questions(read_tender_file(therapies), bank)
    assert "cs-fcc-2" not in {q.source_id for q in chosen.questions}
    assert not any("inhaler" in q.text for q in chosen.questions)


def test_a_service_named_in_the_tender_brings_its_questions_first(bank):
    tender = new_tender("T-1", "Inpatient respiratory ward service", "clinical_services")
    ordered = bank.questions_for_tender(tender, "fighting_climate_change")
    assert ordered[0].id == "cs-fcc-2" and ordered[0].suits(tender) is True
    general = [q for q in ordered if q.suits(tender) is None]
    assert general, "questions without services suit every service"


# (phrase in a question's guidance that marks something down, KPI name words, what each such KPI must say)
MARKED_DOWN = (
    ("offsetting", "emissions", "offsets"),
    ("passed through to large providers", "subcontracted", "passed through"),
    ("mandatory training requirements in the specification", "trained", "beyond the mandatory training"),
    ("cleanliness standards is core", "agreed indoor air quality", "above the statutory and specification"),
)


@pytest.mark.parametrize(("guidance", "kpi_words", "kpi_says"), MARKED_DOWN)
def test_no_kpi_rewards_what_its_question_marks_down(bank, guidance, kpi_words, kpi_says):
    pairs = 0
    for q in bank.questions:
        if guidance not in q.evaluation_guidance:
            continue
        for kpi_id in q.kpi_ids:
            kpi = bank.kpi(kpi_id)
            if kpi_words in kpi.name:
                pairs += 1
                text = " ".join((kpi.name, kpi.baseline_guidance, kpi.target_guidance, kpi.evidence))
                assert kpi_says.casefold() in text.casefold(), f"{q.id} marks down {guidance!r} but KPI {kpi.id} does not say {kpi_says!r}"
    assert pairs, f"no question-KPI pair for {guidance!r}: the check would prove nothing"


def test_talking_therapies_example_is_lighter(bank):
    therapies = next(p for p in demo_files() if "talking" in p.name)
    tender = with_bank_questions(read_tender_file(therapies), bank)
    assert len(tender.questions) == 5
    assert sum(q.word_limit for q in tender.questions) < 4750
    assert tender.social_value_weighting_pct == Decimal(12)
