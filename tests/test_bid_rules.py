"""Each bid rule on both sides, and the capacity warning across two bids and a contract in delivery."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sv_desktop.model.bid import Bid, BidQuestion
from sv_desktop.model.bid_rules import blockers_for, evaluate_bid, load_bid_rules
from sv_desktop.model.commitment import Commitment

RULES = load_bid_rules()
GOOD = ("We will recruit 4 apprentices from the ICB area by March 2028, led by the Head of Workforce "
        "Development, and report progress quarterly.")
APPRENTICES = Commitment(id="app", title="Apprenticeships", quantity=Decimal(4), unit="apprenticeships",
                         owner="Head of Workforce Development", capacity=Decimal(10))


def bid(**changes) -> Bid:
    made = Bid(reference="B-1", title="Community nursing", social_value_weighting_pct=Decimal(10),
               approver="Director of Strategy", approved_on=dt.date(2027, 1, 4),
               questions=[BidQuestion("SV1", "How will you create local jobs?", 250, answer=GOOD,
                                      commitment_ids=["app"])])
    for key, value in changes.items():
        setattr(made, key, value)
    return made


def rules_hit(b: Bid, library=None, elsewhere=None) -> list[str]:
    return [f.rule for f in evaluate_bid(b, library if library is not None else {"app": APPRENTICES}, RULES,
                                         elsewhere)]


def test_a_complete_specific_bid_has_no_findings():
    assert rules_hit(bid()) == []


def test_weighting_below_ten_percent_is_advice_only():
    assert "BID-WEIGHTING" not in rules_hit(bid(social_value_weighting_pct=Decimal(10)))
    findings = evaluate_bid(bid(social_value_weighting_pct=Decimal("9.99")), {"app": APPRENTICES}, RULES)
    [weighting] = [f for f in findings if f.rule == "BID-WEIGHTING"]
    assert weighting.severity == "advice" and "9.99%" in weighting.message
    assert blockers_for(findings, "submitted") == []


def test_missing_answer_blocks_approval_but_not_writing():
    b = bid()
    b.questions[0].answer = "  "
    findings = evaluate_bid(b, {"app": APPRENTICES}, RULES)
    assert [f.rule for f in blockers_for(findings, "approved")] == ["BID-ANSWER-MISSING"]
    assert blockers_for(findings, "writing") == []
    assert blockers_for(findings, "withdrawn") == []


def test_over_the_word_limit_blocks_at_one_word_over_not_at_the_limit():
    words = len(GOOD.split())
    b = bid()
    b.questions[0].limit = words
    assert "BID-OVER-LIMIT" not in rules_hit(b)
    b.questions[0].limit = words - 1
    [over] = [f for f in evaluate_bid(b, {"app": APPRENTICES}, RULES) if f.rule == "BID-OVER-LIMIT"]
    assert "1 over" in over.message and over.step == "approved"


def test_a_commitment_without_owner_or_measure_blocks_approval():
    vague = Commitment(id="app", title="Apprenticeships")
    assert {"BID-COMMITMENT-OWNER", "BID-COMMITMENT-MEASURE"} <= set(rules_hit(bid(), {"app": vague}))
    measured = Commitment(id="app", title="Apprenticeships", owner="Head of Workforce", target="4 a year")
    assert not {"BID-COMMITMENT-OWNER", "BID-COMMITMENT-MEASURE"} & set(rules_hit(bid(), {"app": measured}))
    assert "BID-COMMITMENT-UNKNOWN" in rules_hit(bid(), {})


def test_submission_needs_a_recorded_approval():
    findings = evaluate_bid(bid(approver="", approved_on=None), {"app": APPRENTICES}, RULES)
    assert [f.rule for f in blockers_for(findings, "submitted")] == ["BID-APPROVAL"]
    assert blockers_for(findings, "approved") == []


def test_a_generic_answer_is_warned_of_and_names_what_it_lacks():
    b = bid()
    b.questions[0].answer = "We are committed to social value and to supporting our communities."
    [generic] = [f for f in evaluate_bid(b, {"app": APPRENTICES}, RULES) if f.rule == "BID-GENERIC"]
    assert generic.severity == "warning"
    assert "number" in generic.message and "date" in generic.message and "owner" in generic.message
    assert "BID-GENERIC" not in rules_hit(bid())


def test_an_answer_repeating_the_question_is_warned_of():
    spec = ("The provider will deliver community nursing to housebound adults across the north locality, seven "
            "days a week, with district nurses, wound care, continence care and end of life care at home, "
            "working with primary care networks and social care.")
    b = bid(criteria=spec)
    b.questions[0].answer = spec + " Owned by the Head of Nursing from April 2027, 7 days."
    assert "BID-REPEATS-SPEC" in rules_hit(b)
    assert "BID-REPEATS-SPEC" not in rules_hit(bid(criteria=spec))


def test_capacity_across_two_bids_and_a_contract():
    # capacity 10; 4 here + 4 in another live bid = 8: within it
    within = {"app": [("B-2", Decimal(4))]}
    assert "BID-CAPACITY" not in rules_hit(bid(), elsewhere=within)
    # + 4 in a contract in delivery = 12: beyond it, naming every place it is promised
    beyond = {"app": [("B-2", Decimal(4)), ("LPT-2026-001-C", Decimal(4))]}
    [capacity] = [f for f in evaluate_bid(bid(), {"app": APPRENTICES}, RULES, beyond) if f.rule == "BID-CAPACITY"]
    assert "12 apprenticeships" in capacity.message and "B-1, B-2, LPT-2026-001-C" in capacity.message
    assert capacity.severity == "warning"
