"""The evaluation carried by the .svtender.json file: export and import round trip through the service and the
command line, older files without it, and bad values refused with their path and nothing imported."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest

from sv_desktop.cli import main
from sv_desktop.demo import demo_files, load_demo
from sv_desktop.model.evaluation import Bidder, IndividualScore, PanelMember
from sv_desktop.model.tender_file import TenderFileError, parse_tender_json, read_tender_file
from sv_desktop.services.tender_service import open_service

REF = "LPT-2027-014"


def evaluated(service):
    """The patient transport example in moderation: two bidders, two evaluators, scores and one consensus."""
    service.start_evaluation(REF, pack_version="2")

    def fill(ev):
        ev.bidders += [Bidder("Alpha Ltd", "1 High St, Leicester", "01234567", "LE1 1AA", sme=True, lot=None),
                       Bidder("Beta CIC", vcse=True)]
        ev.panel += [PanelMember("Ann Lee", "Chair"), PanelMember("Bob Ray", "Fleet manager")]
        for question in ev.questions:
            for evaluator, value in (("Ann Lee", 3), ("Bob Ray", 4)):
                for bidder in ("Alpha Ltd", "Beta CIC"):
                    ev.record_score(IndividualScore(evaluator, bidder, question.reference,
                                                    min(value, question.scale_max), "Bid s.2 p.4 \u2014 \u00a3 fleet"))
        ev.open_moderation()
        first = ev.questions[0]
        ev.agree("Alpha Ltd", first.reference, 3, "Met band 3: bid s.2", "Twelve electric vehicles by 2028")
    return service.change_evaluation(REF, fill)


@pytest.fixture
def service(tmp_path):
    svc = open_service(tmp_path / "one")
    load_demo(svc)
    yield svc
    svc.close()


def test_service_export_import_round_trip(service, tmp_path):
    before = evaluated(service)
    out = service.export_file(service.get(REF), tmp_path / "t.svtender.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    assert data["evaluation"]["status"] == "moderation"
    assert data["evaluation"]["consensus"][0]["reason"] == "Met band 3: bid s.2"
    other = open_service(tmp_path / "two")
    try:
        tender, created = other.import_file(out)
        assert created and tender.reference == REF
        after = other.get_evaluation(REF)
        assert after is not None
        assert dataclasses.replace(after, version=0) == dataclasses.replace(before, version=0)
        # importing again replaces the stored evaluation whole, whatever its version
        other.change_evaluation(REF, lambda ev: ev.bidders.append(Bidder("Gamma plc")))
        other.import_file(out, force=True)
        assert [b.name for b in other.get_evaluation(REF).bidders] == ["Alpha Ltd", "Beta CIC"]
    finally:
        other.close()


def test_command_line_export_and_import(service, tmp_path, capsys):
    evaluated(service)
    service.close()
    out = tmp_path / "cli.svtender.json"
    assert main(["--data-dir", str(tmp_path / "one"), "export", REF, "--out", str(out)]) == 0
    assert main(["--data-dir", str(tmp_path / "three"), "import", str(out)]) == 0
    capsys.readouterr()
    again = open_service(tmp_path / "three")
    try:
        evaluation = again.get_evaluation(REF)
        assert evaluation is not None and len(evaluation.scores) == 2 * 2 * len(evaluation.questions)
        assert evaluation.consensus_for("Alpha Ltd", evaluation.questions[0].reference).commitment == \
            "Twelve electric vehicles by 2028"
    finally:
        again.close()


def test_files_without_an_evaluation_still_read():
    for path in demo_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        tender = read_tender_file(path)
        assert (tender.evaluation is None) == ("evaluation" not in data)


def base_file(service, tmp_path) -> dict:
    evaluated(service)
    out = service.export_file(service.get(REF), tmp_path / "base.svtender.json")
    return json.loads(out.read_text(encoding="utf-8"))


def _set(path: str, value):
    def change(data):
        target = data["evaluation"]
        *parents, last = path.split(".")
        for part in parents:
            name, _, index = part.partition("[")
            target = target[name][int(index[:-1])] if index else target[name]
        name, _, index = last.partition("[")
        if index:
            target[name][int(index[:-1])] = value
        else:
            target[name] = value
    return change


BAD = [
    ("evaluation", lambda d: d.update(evaluation=[1]), "evaluation: must be an object"),
    ("score off the scale", _set("scores[0].score", 99), "evaluation.scores[0].score: must be from 0 to"),
    ("negative score", _set("scores[0].score", -1), "evaluation.scores[0].score"),
    ("fractional score", _set("scores[0].score", 2.5), "evaluation.scores[0].score"),
    ("score as text", _set("scores[0].score", "4"), "evaluation.scores[0].score: must be a number"),
    ("unknown evaluator", _set("scores[0].evaluator", "Mallory"), "evaluation.scores[0].evaluator: 'Mallory'"),
    ("unknown bidder", _set("consensus[0].bidder", "Nobody"), "evaluation.consensus[0].bidder"),
    ("unknown question", _set("scores[1].question", "SV99"), "evaluation.scores[1].question"),
    ("twice the same bidder", _set("bidders[1].name", "Alpha Ltd"), "evaluation.bidders[1]: 'Alpha Ltd' is listed twice"),
    ("empty panel name", _set("panel[0].name", "  "), "evaluation.panel[0].name: must not be empty"),
    ("bad status", _set("status", "open"), "evaluation.status"),
    ("complete without reasons", _set("status", "complete"), "evaluation.status: cannot be complete"),
    ("bad date", _set("award_notice_date", "2027-02-30"), "evaluation.award_notice_date"),
    ("NUL in a rationale", _set("scores[0].rationale", "a\x00b"), "evaluation.scores[0].rationale"),
    ("weight over 100", _set("questions[0].weight_pct", 101), "evaluation.questions[0].weight_pct"),
    ("scale of zero", _set("questions[0].scale_max", 0), "evaluation.questions[0].scale_max"),
    ("bidders not a list", _set("bidders", {"name": "x"}), "evaluation.bidders: must be a list"),
    ("panel member a string", _set("panel[1]", "Bob"), "evaluation.panel[1]: must be an object"),
    ("lot as true", _set("bidders[0].lot", True), "evaluation.bidders[0].lot"),
]


@pytest.mark.parametrize(("change", "message"), [(c, m) for _n, c, m in BAD], ids=[n for n, _c, _m in BAD])
def test_bad_values_are_refused_with_their_path(service, tmp_path, change, message):
    data = base_file(service, tmp_path)
    change(data)
    with pytest.raises(TenderFileError) as caught:
        parse_tender_json(json.dumps(data))
    assert message in str(caught.value)


def test_a_refused_file_imports_nothing(service, tmp_path, capsys):
    data = base_file(service, tmp_path)
    data["reference"] = "NEW-2027-001"
    data["evaluation"]["scores"][3]["score"] = 1000
    path = tmp_path / "bad.svtender.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    service.close()
    code = main(["--data-dir", str(tmp_path / "one"), "import", str(path)])
    err = capsys.readouterr().err
    assert code != 0 and "evaluation.scores[3].score" in err
    again = open_service(tmp_path / "one")
    try:
        assert "NEW-2027-001" not in {row.reference for row in again.list_tenders()}
    finally:
        again.close()


def test_weights_round_trip_exactly(service, tmp_path):
    data = base_file(service, tmp_path)
    data["evaluation"]["questions"][0]["weight_pct"] = 0.83
    tender = parse_tender_json(json.dumps(data))
    assert tender.evaluation is not None and tender.evaluation.questions[0].weight_pct == Decimal("0.83")
