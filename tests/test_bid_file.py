"""The bid kind of the .svtender.json family: a round trip keeps every value; hostile values are refused
with their field path."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from sv_desktop.model.bid import Bid, BidOutcome, BidQuestion
from sv_desktop.model.bid_file import bid_file_text, bid_to_dict, parse_bid_json, read_bid_file
from sv_desktop.model.commitment import Commitment, EvidenceLink
from sv_desktop.model.json_fields import TenderFileError

BID = Bid(reference="BID-2027-001", title="Community nursing – North", commissioner="Example ICB",
          portal="Atamis", portal_reference="ICB-0042", value_gbp=Decimal("12500000.01"), duration_months=60,
          submission_deadline=dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC), regime="psr",
          social_value_weighting_pct=Decimal("7.5"), themes=["wellbeing"], criteria="Model award criteria",
          questions=[BidQuestion("4.2.1", "Local jobs?", 500, "words", "0-100", Decimal("2.5"), "Ans “quoted”",
                                 ["app"], "60", "Good")],
          stage="lost", bid_lead="Sam", approver="Dir", approved_on=dt.date(2027, 2, 20),
          submitted_on=dt.date(2027, 2, 28), outcome=BidOutcome(dt.date(2027, 4, 1), "61", "70", "fb", "lesson"))
APP = Commitment(id="app", title="Apprenticeships", quantity=Decimal(4), unit="apprenticeships",
                 cost_gbp=Decimal("12000.50"), capacity=Decimal(10), start_date=dt.date(2027, 4, 1),
                 evidence=[EvidenceLink("LPT-2026-001", "case_study", "Ward apprentices")])


def test_a_round_trip_keeps_every_value(tmp_path):
    path = tmp_path / "bid.svtender.json"
    path.write_text(bid_file_text(BID, [APP]), encoding="utf-8")
    bid, commitments = read_bid_file(path)
    assert bid == BID
    assert commitments == [APP]
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "sv-desktop.bid"


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d.update(format="sv-desktop.tender"), "format"),
    (lambda d: d.update(value_gbp="-1"), "value_gbp"),
    (lambda d: d.update(value_gbp="NaN"), "value_gbp"),
    (lambda d: d.update(stage="sold"), "stage"),
    (lambda d: d.update(themes=["weather"]), "themes[0]"),
    (lambda d: d.update(submission_deadline="2027-03-01T12:00:00"), "submission_deadline"),
    (lambda d: d["questions"][0].update(limit=-5), "questions[0].limit"),
    (lambda d: d["questions"][0].update(answer=["list"]), "questions[0].answer"),
    (lambda d: d["questions"][0].update(number="x" * 41), "questions[0].number"),
    (lambda d: d["commitments"][0]["evidence"][0].update(kind="rumour"), "commitments[0].evidence[0].kind"),
    (lambda d: d["commitments"][0].update(theme=7), "commitments[0].theme"),
])
def test_hostile_values_are_refused_with_the_field_path(change, path):
    data = json.loads(json.dumps(bid_to_dict(BID, [APP])))
    change(data)
    with pytest.raises(TenderFileError) as refused:
        parse_bid_json(json.dumps(data))
    assert refused.value.key == path


def test_not_json_is_refused_plainly():
    with pytest.raises(TenderFileError, match="not valid JSON"):
        parse_bid_json("{nope")
