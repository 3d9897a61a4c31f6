"""Team mode of the evaluation on a real PostgreSQL server: each evaluator logs in as themselves, scores alone
and cannot see or change another's scores until moderation opens; the procurement lead, not on the panel, sees
how many each has entered but none of the scores. On a SQLite file nothing is hidden."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from test_team_roles import roles, run_script  # noqa: F401 - the fixture is used by name

from sv_desktop.demo import load_demo
from sv_desktop.model.evaluation import Bidder, IndividualScore, PanelMember
from sv_desktop.paths import app_paths
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import open_service
from sv_desktop.store import TenderStore

REF = "LPT-2027-014"


@pytest.fixture
def team(roles, tmp_path):  # noqa: F811 - the imported fixture
    """Three people on the team database: a lead, not on the panel, and two evaluators, each their own
    service as on their own laptops."""
    admin, names, _person, url_for = roles
    run_script(admin, names)
    with TenderStore.open(app_paths(tmp_path / "owner"), url_for(names["owner"])):
        pass
    run_script(admin, names)
    tag = uuid.uuid4().hex[:8]
    people = {"lead": f"lead_{tag}@TRUST.NHS.UK", "ann": f"ann.smith@T{tag}.NHS.UK",
              "bob": f"bob.jones@T{tag}.NHS.UK"}
    with admin.connect() as connection:
        for person in people.values():
            connection.execute(text(f'CREATE ROLE "{person}" LOGIN IN ROLE "{names["member"]}"'))
    services = {key: open_service(tmp_path / key, url_for(person)) for key, person in people.items()}
    try:
        yield services, people
    finally:
        for service in services.values():
            service.close()
        with admin.connect() as connection:
            for person in people.values():
                connection.execute(text(f'DROP OWNED BY "{person}"'))
                connection.execute(text(f'DROP ROLE "{person}"'))


def scores_by(service, evaluator):
    questions = service.get_evaluation(REF).questions
    return lambda ev: [ev.record_score(IndividualScore(evaluator, bidder, q.reference, 1 + i % 3, "p.2"))
                       for bidder in ("Alpha Ltd", "Beta CIC") for i, q in enumerate(questions)]


@pytest.mark.postgres
def test_evaluators_score_alone_until_moderation_opens(team):
    services, people = team
    lead, ann, bob = services["lead"], services["ann"], services["bob"]
    load_demo(lead)
    lead.start_evaluation(REF)

    def panel(ev):
        ev.bidders += [Bidder("Alpha Ltd"), Bidder("Beta CIC")]
        ev.panel += [PanelMember("Ann Smith", "Chair"), PanelMember("Bob Jones", "Fleet manager")]
    lead.change_evaluation(REF, panel)
    count = 2 * len(lead.get_evaluation(REF).questions)

    ann.change_evaluation(REF, scores_by(ann, "Ann Smith"))
    bob.change_evaluation(REF, scores_by(bob, "Bob Jones"))
    seen_by_ann = ann.get_evaluation(REF)
    assert {s.evaluator for s in seen_by_ann.scores} == {"Ann Smith"} and len(seen_by_ann.scores) == count
    assert seen_by_ann.team_view.evaluator == "Ann Smith"
    assert {s.evaluator for s in bob.get_evaluation(REF).scores} == {"Bob Jones"}

    # Ann can neither write Bob's score nor overwrite it; nothing of Bob's changes.
    question = seen_by_ann.questions[0].reference
    with pytest.raises(ServiceError, match="only your own scores \\(Ann Smith\\): Bob Jones's"):
        ann.change_evaluation(REF, lambda ev: ev.record_score(IndividualScore("Bob Jones", "Alpha Ltd", question,
                                                                              0, "overruled")))
    bobs = {(s.bidder, s.question): s.score for s in bob.get_evaluation(REF).scores}
    assert bobs[("Alpha Ltd", question)] == 1 and len(bobs) == count

    # The lead, not on the panel, sees every evaluator's progress but no score, and cannot enter one.
    seen_by_lead = lead.get_evaluation(REF)
    assert seen_by_lead.scores == []
    assert seen_by_lead.team_view.evaluator == ""
    assert seen_by_lead.team_view.entered == (("Ann Smith", count), ("Bob Jones", count))
    with pytest.raises(ServiceError, match=f"you \\({people['lead']}\\) are not on the panel"):
        lead.change_evaluation(REF, lambda ev: ev.record_score(IndividualScore("Ann Smith", "Beta CIC", question,
                                                                               5, "")))
    # Removing an evaluator whose scores the lead cannot see is refused; editing the panel keeps them.
    with pytest.raises(ServiceError, match="Bob Jones has scores recorded"):
        lead.change_evaluation(REF, lambda ev: setattr(ev, "panel", ev.panel[:1]))

    def describe(ev):
        ev.panel[1].role = "Fleet lead"
    lead.change_evaluation(REF, describe)
    assert len(bob.get_evaluation(REF).scores) == count

    # Once moderation opens, everyone on the panel (and the lead) sees every score.
    lead.change_evaluation(REF, lambda ev: ev.open_moderation())
    for service in (lead, ann, bob):
        evaluation = service.get_evaluation(REF)
        assert evaluation.team_view is None
        assert len(evaluation.scores) == 2 * count
        assert {s.evaluator for s in evaluation.scores} == {"Ann Smith", "Bob Jones"}


def test_on_a_sqlite_file_the_single_user_sees_every_score(tmp_path):
    service = open_service(tmp_path / "data")
    try:
        load_demo(service)
        service.start_evaluation(REF)

        def panel(ev):
            ev.bidders += [Bidder("Alpha Ltd"), Bidder("Beta CIC")]
            ev.panel += [PanelMember("Ann Smith"), PanelMember("Bob Jones")]
        service.change_evaluation(REF, panel)
        service.change_evaluation(REF, scores_by(service, "Ann Smith"))
        service.change_evaluation(REF, scores_by(service, "Bob Jones"))  # the lead keys in both, from paper
        evaluation = service.get_evaluation(REF)
        assert evaluation.team_view is None
        assert {s.evaluator for s in evaluation.scores} == {"Ann Smith", "Bob Jones"}
        assert len(evaluation.scores) == 4 * len(evaluation.questions)
    finally:
        service.close()
