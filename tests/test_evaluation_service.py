"""The evaluation use-cases on a real SQLite file: start from the pack, score, moderate, results, award."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from sv_desktop.demo import load_demo
from sv_desktop.export.pack_content import question_weights
from sv_desktop.model.evaluation import Bidder, IndividualScore, PanelMember
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import open_service


@pytest.fixture
def service(tmp_path):
    svc = open_service(tmp_path / "data")
    load_demo(svc)
    yield svc
    svc.close()


REF = "LPT-2027-014"


def setup_panel(service):
    def change(ev):
        ev.bidders += [Bidder("Alpha Ltd", postcode="LE1 1AA", sme=True), Bidder("Beta CIC", vcse=True)]
        ev.panel += [PanelMember("Ann", "Chair"), PanelMember("Bob", "Fleet manager")]
    return service.change_evaluation(REF, change)


def test_start_freezes_the_questions_as_issued(service):
    tender = service.get(REF)
    evaluation = service.start_evaluation(REF, pack_version="2")
    assert [q.reference for q in evaluation.questions] == [f"SV{i}" for i in range(1, len(tender.questions) + 1)]
    assert sum(q.weight_pct for q in evaluation.questions) == sum(w for w in question_weights(tender) if w)
    assert evaluation.social_value_weight_pct == tender.social_value_weighting_pct
    assert {q.scale_max for q in evaluation.questions} <= {5, 100}
    assert service.get(REF).stage == "evaluation"
    with pytest.raises(ServiceError, match="already started"):
        service.start_evaluation(REF)
    # Later edits to the tender's questions do not change the questions bidders answered.
    tender = service.get(REF)
    tender.questions[0].text = "Changed after issue"
    service.save(tender)
    assert service.get_evaluation(REF).questions[0].text != "Changed after issue"


def test_scoring_moderation_award_and_kpis(service):
    service.start_evaluation(REF)
    setup_panel(service)
    questions = [q.reference for q in service.get_evaluation(REF).questions]

    def score(ev):
        for question in ev.questions:
            for evaluator, alpha, beta in (("Ann", 4, 2), ("Bob", 3, 2)):
                top = question.scale_max
                ev.record_score(IndividualScore(evaluator, "Alpha Ltd", question.reference, alpha * top // 5, "p.1"))
                ev.record_score(IndividualScore(evaluator, "Beta CIC", question.reference, beta * top // 5, "p.2"))
    service.change_evaluation(REF, score)
    with pytest.raises(ServiceError, match="from 0 to"):
        service.change_evaluation(REF, lambda ev: ev.record_score(IndividualScore("Ann", "Alpha Ltd", "SV1", 999)))
    service.change_evaluation(REF, lambda ev: ev.open_moderation())
    with pytest.raises(ServiceError, match="Close moderation"):
        service.award_to(REF, "Alpha Ltd", Decimal("9800000"))

    def agree(ev):
        for question in ev.questions:
            top = question.scale_max
            ev.agree("Alpha Ltd", question.reference, 4 * top // 5, "Specific, timed commitments",
                     commitment=f"Commitment for {question.reference}")
            ev.agree("Beta CIC", question.reference, 2 * top // 5, "Generic policy statements")
        ev.close_moderation()
    service.change_evaluation(REF, agree)
    marks = service.evaluation_results(REF)
    assert [(r.bidder, r.rank) for r in marks] == [("Alpha Ltd", 1), ("Beta CIC", 2)]
    assert marks[0].total == sum(q.weight_pct for q in service.get_evaluation(REF).questions) * 4 / 5
    with pytest.raises(ServiceError, match="not ranked first"):
        service.award_to(REF, "Beta CIC", Decimal("9800000"))
    before = len(service.get(REF).kpis)
    tender = service.award_to(REF, "Alpha Ltd", Decimal("9800000"), awarded_on=dt.date(2027, 7, 1))
    assert tender.stage == "awarded"
    assert (tender.award.supplier.name, tender.award.supplier.sme) == ("Alpha Ltd", True)
    assert tender.award.awarded_value_gbp == Decimal("9800000")
    new = tender.kpis[before:]
    assert [k.target for k in new] == [f"Commitment for {q}" for q in questions]
    assert service.records_kept_until(REF) == dt.date(2030, 9, 1)  # contract start 1 Sep 2027 + 3 years


def test_standstill_follows_the_regime(service):
    service.start_evaluation(REF)
    assert service.standstill(REF) is None
    service.change_evaluation(REF, lambda ev: setattr(ev, "award_notice_date", dt.date(2027, 8, 27)))
    assert service.standstill(REF).ends_on == dt.date(2027, 9, 8)  # PA23: Fri 27 Aug is day 1
    psr = "LPT-2027-040"
    service.start_evaluation(psr)
    service.change_evaluation(psr, lambda ev: setattr(ev, "award_notice_date", dt.date(2027, 8, 27)))
    assert service.standstill(psr).regime == "psr"
    assert service.standstill(psr).ends_on == dt.date(2027, 9, 9)


def test_even_shares_that_round_give_results(service):
    """Three questions sharing a 2.5% theme weighting are printed as 0.83% each; the evaluation still matches
    the published social value weight and gives results."""
    tender = service.get(REF)
    theme = tender.themes[0]
    extra = [q for q in tender.questions if q.theme == theme.theme][0]
    tender.questions = [q for q in tender.questions if q.theme != theme.theme]
    for number in range(3):
        tender.questions.append(dataclasses.replace(extra, weighting_pct=None, title=f"Share {number}"))
    rest = tender.social_value_weighting_pct - Decimal("2.5")
    for choice in tender.themes:
        choice.weighting_pct = Decimal("2.5") if choice is theme else Decimal(0)
    tender.themes[-1].weighting_pct += rest
    for question in tender.questions:
        if question.theme != theme.theme:
            question.weighting_pct = None
    service.save(tender)
    evaluation = service.start_evaluation(REF)
    shared = [q for q in evaluation.questions if q.theme == theme.theme]
    assert [q.weight_pct for q in shared] == [Decimal("0.83")] * 3
    assert sum(q.weight_pct for q in evaluation.questions) != evaluation.social_value_weight_pct
    assert evaluation.weights_problem() == ""
    setup_panel(service)

    def agree_all(ev):
        ev.open_moderation()
        for bidder in ev.bidders:
            for question in ev.questions:
                ev.agree(bidder.name, question.reference, question.scale_max, "Agreed: see the bid, section 1.")
    service.change_evaluation(REF, agree_all)
    by_bidder = {r.bidder: r for r in service.evaluation_results(REF)}
    assert by_bidder["Alpha Ltd"].total == sum(q.weight_pct for q in evaluation.questions)
