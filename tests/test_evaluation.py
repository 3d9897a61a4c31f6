"""Scoring, moderation and results against a fixture computed by hand (three bidders over two lots, a
disqualification, spreads at the threshold and one point over, a tie)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sv_desktop.model.evaluation import (
    Bidder,
    Evaluation,
    EvaluationError,
    IndividualScore,
    IssuedQuestion,
    PanelMember,
    display,
    results,
    weighted_mark,
    winners,
)

Q1 = IssuedQuestion("SV1", "fighting_climate_change", "Fleet", "Describe...", Decimal("5"), 5,
                    minimum_score=2, disqualify_below_minimum=True)
Q2 = IssuedQuestion("SV2", "tackling_economic_inequality", "Local jobs", "Describe...", Decimal("3"), 5)
Q3 = IssuedQuestion("SV3", "tackling_economic_inequality", "Spend", "Describe...", Decimal("2"), 100,
                    "0-100", minimum_score=40, disqualify_below_minimum=False)


def evaluation() -> Evaluation:
    return Evaluation(
        questions=[Q1, Q2, Q3], pack_version="2", social_value_weight_pct=Decimal(10),
        bidders=[Bidder("Alpha Ltd", lot=1), Bidder("Beta CIC", lot=1, vcse=True), Bidder("Gamma plc", lot=2),
                 Bidder("Delta LLP", lot=2)],
        panel=[PanelMember("Ann"), PanelMember("Bob"), PanelMember("Cat")])


def score_all(ev: Evaluation, table: dict[tuple[str, str], tuple[int, int, int]]) -> None:
    for (bidder, question), values in table.items():
        for evaluator, value in zip(("Ann", "Bob", "Cat"), values, strict=True):
            ev.record_score(IndividualScore(evaluator, bidder, question, value, f"Bid p.{value}"))


def test_weighted_mark_is_weight_times_score_over_maximum():
    assert weighted_mark(Q1, 3) == Decimal(3)  # 5% x 3/5
    assert weighted_mark(Q2, 4) == Decimal("2.4")
    assert weighted_mark(Q3, 55) == Decimal("1.1")
    assert display(Decimal(10) / 3) == Decimal("3.33")


def test_spread_flags_only_over_the_threshold():
    ev = evaluation()
    # 40% of a 0-5 scale is 2 points: a spread of 2 is at the threshold (not flagged), 3 is over.
    score_all(ev, {("Alpha Ltd", "SV1"): (2, 3, 4), ("Beta CIC", "SV1"): (1, 3, 4),
                   ("Alpha Ltd", "SV3"): (40, 60, 80), ("Beta CIC", "SV3"): (40, 60, 81)})
    assert not ev.spread_flagged("Alpha Ltd", "SV1")
    assert ev.spread_flagged("Beta CIC", "SV1")
    assert not ev.spread_flagged("Alpha Ltd", "SV3")
    assert ev.spread_flagged("Beta CIC", "SV3")


def test_scores_off_the_scale_or_by_strangers_are_refused():
    ev = evaluation()
    with pytest.raises(EvaluationError, match="from 0 to 5"):
        ev.record_score(IndividualScore("Ann", "Alpha Ltd", "SV1", 6))
    with pytest.raises(EvaluationError, match="not on the evaluation panel"):
        ev.record_score(IndividualScore("Eve", "Alpha Ltd", "SV1", 3))
    with pytest.raises(EvaluationError, match="no question SV9"):
        ev.record_score(IndividualScore("Ann", "Alpha Ltd", "SV9", 3))
    assert ev.scores == []


def test_moderation_locks_scores_starts_empty_and_needs_reasons():
    ev = evaluation()
    score_all(ev, {("Alpha Ltd", "SV1"): (3, 3, 4)})
    ev.open_moderation()
    with pytest.raises(EvaluationError, match="locked"):
        ev.record_score(IndividualScore("Ann", "Alpha Ltd", "SV1", 5))
    assert ev.consensus_for("Alpha Ltd", "SV1").score is None  # never an automatic average
    with pytest.raises(EvaluationError, match="Record why"):
        ev.agree("Alpha Ltd", "SV1", 3, "   ")
    with pytest.raises(EvaluationError, match="still need a score and a reason"):
        ev.close_moderation()


def test_bidders_and_panel_renamed_carry_their_scores_and_lock_once_moderating():
    ev = evaluation()
    score_all(ev, {("Alpha Ltd", "SV1"): (3, 3, 4)})
    ev.put_bidder("Alpha Ltd", Bidder("Alpha Group Ltd", lot=1))
    ev.put_member("Ann", PanelMember("Ann Smith"))
    assert {(s.evaluator, s.bidder) for s in ev.scores} == {("Ann Smith", "Alpha Group Ltd"),
                                                             ("Bob", "Alpha Group Ltd"), ("Cat", "Alpha Group Ltd")}
    with pytest.raises(EvaluationError, match="already a bidder called Beta CIC"):
        ev.put_bidder(None, Bidder("Beta CIC"))
    with pytest.raises(EvaluationError, match="has scores recorded"):
        ev.remove_member("Bob")
    ev.remove_bidder("Delta LLP")
    assert [b.name for b in ev.bidders] == ["Alpha Group Ltd", "Beta CIC", "Gamma plc"]
    ev.open_moderation()
    with pytest.raises(EvaluationError, match="once moderation has opened"):
        ev.put_member(None, PanelMember("Dan"))
    with pytest.raises(EvaluationError, match="once moderation has opened"):
        ev.remove_bidder("Gamma plc")


def full_evaluation() -> Evaluation:
    ev = evaluation()
    ev.open_moderation()
    agreed = {
        # lot 1
        ("Alpha Ltd", "SV1"): 4, ("Alpha Ltd", "SV2"): 3, ("Alpha Ltd", "SV3"): 60,   # 4 + 1.8 + 1.2 = 7.0
        ("Beta CIC", "SV1"): 3, ("Beta CIC", "SV2"): 5, ("Beta CIC", "SV3"): 70,      # 3 + 3 + 1.4 = 7.4
        # lot 2
        ("Gamma plc", "SV1"): 1, ("Gamma plc", "SV2"): 5, ("Gamma plc", "SV3"): 100,  # disqualified: SV1 < 2
        ("Delta LLP", "SV1"): 2, ("Delta LLP", "SV2"): 2, ("Delta LLP", "SV3"): 30,   # 2 + 1.2 + 0.6 = 3.8
    }
    for (bidder, question), score in agreed.items():
        ev.agree(bidder, question, score, f"Panel agreed {score}: see the bid, section 2.")
    ev.close_moderation()
    return ev


def test_results_against_the_hand_computed_fixture():
    ev = full_evaluation()
    assert ev.weights_problem() == ""
    by_bidder = {r.bidder: r for r in results(ev)}
    assert by_bidder["Alpha Ltd"].total == Decimal("7.0")
    assert by_bidder["Beta CIC"].total == Decimal("7.4")
    assert by_bidder["Delta LLP"].total == Decimal("3.8")
    assert (by_bidder["Beta CIC"].rank, by_bidder["Alpha Ltd"].rank) == (1, 2)
    assert by_bidder["Delta LLP"].rank == 1
    assert by_bidder["Gamma plc"].rank is None
    assert by_bidder["Gamma plc"].disqualified == "SV1 scored 1, below the published minimum of 2"
    # SV3's minimum of 40 was not published as disqualifying: Delta's 30 does not disqualify it.
    assert not by_bidder["Delta LLP"].disqualified
    assert dict(by_bidder["Beta CIC"].theme_totals) == {"fighting_climate_change": Decimal(3),
                                                        "tackling_economic_inequality": Decimal("4.4")}
    assert winners(ev) == {1: ["Beta CIC"], 2: ["Delta LLP"]}


def test_a_tie_shares_the_rank():
    ev = evaluation()
    ev.bidders = ev.bidders[:2]
    ev.open_moderation()
    for bidder in ("Alpha Ltd", "Beta CIC"):
        for question, score in (("SV1", 3), ("SV2", 3), ("SV3", 50)):
            ev.agree(bidder, question, score, "Agreed.")
    ev.close_moderation()
    assert [(r.bidder, r.rank) for r in results(ev)] == [("Alpha Ltd", 1), ("Beta CIC", 1)]
    assert winners(ev) == {1: ["Alpha Ltd", "Beta CIC"]}


def test_the_weights_must_match_the_published_weight():
    ev = evaluation()
    ev.social_value_weight_pct = Decimal(12)
    assert "add up to 10%" in ev.weights_problem()


def shared_theme_evaluation() -> Evaluation:
    """Four themes of 2.5% each, three questions per theme sharing it evenly: each printed as 0.83%."""
    themes = ("fighting_climate_change", "wellbeing", "equal_opportunity", "tackling_economic_inequality")
    questions = [IssuedQuestion(f"SV{3 * t + n + 1}", theme, "Q", "Describe...", Decimal("0.83"), 5,
                                shared_pct=Decimal("2.5"), shared_by=3)
                 for t, theme in enumerate(themes) for n in range(3)]
    return Evaluation(questions=questions, social_value_weight_pct=Decimal(10))


def test_even_shares_that_round_match_the_published_weight():
    ev = shared_theme_evaluation()
    assert sum(q.weight_pct for q in ev.questions) == Decimal("9.96")
    assert ev.weights_problem() == ""
    ev.social_value_weight_pct = Decimal("9.96")
    assert "add up to 10%" in ev.weights_problem()


def test_a_share_the_pack_did_not_print_is_refused():
    ev = shared_theme_evaluation()
    ev.questions[1] = IssuedQuestion("SV2", "fighting_climate_change", "Q", "Describe...", Decimal("0.84"), 5,
                                     shared_pct=Decimal("2.5"), shared_by=3)
    assert "SV2 carries 0.84%, but the pack printed 0.83%" in ev.weights_problem()
    ev = shared_theme_evaluation()
    del ev.questions[2]
    assert "shared 2.5% between 3 questions, but 2" in ev.weights_problem()
