"""The worked examples (resources/demo): every one imports, is policy-checked as the Trust expects, and
the lifecycle examples (one awarded, one in delivery with KPI results and case studies) have dates that
make sense against each other and against the demo's pipeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sv_desktop.cli import main
from sv_desktop.demo import demo_files, load_demo
from sv_desktop.model.kpi_reminders import delivery_end, delivery_start
from sv_desktop.model.tender_file import read_tender_file

TODAY = dt.date(2026, 11, 25)  # the clock of the service fixture (tests/lifecycle/conftest.py)

EXPECTED = {
    # reference: (stage, meets the policy)
    "LPT-2027-014": ("pre_market", True),
    "LPT-2027-021": ("pipeline", True),
    "LPT-2027-033": ("pipeline", True),
    "LPT-2027-040": ("pipeline", False),  # the worked example of a blocker: a PSR tender missing its KPIs
    "LPT-2025-008": ("awarded", True),  # in delivery: KPI results and case studies
    "LPT-2026-017": ("awarded", True),  # awarded, the contract starts in January 2027
}
DELIVERY, AWARDED = "LPT-2025-008", "LPT-2026-017"


def test_every_example_imports_and_is_checked_as_expected(service):
    results = load_demo(service)
    assert sorted(tender.reference for tender, created in results if created) == sorted(EXPECTED)
    for reference, (stage, compliant) in EXPECTED.items():
        stored = service.get(reference)
        assert stored.stage == stage, reference
        assert service.is_compliant(stored) is compliant, (reference, service.check(stored))
    assert {row.reference: row.compliant for row in service.list_tenders()} == {
        reference: compliant for reference, (_stage, compliant) in EXPECTED.items()}
    again = load_demo(service)  # loading twice refreshes, never duplicates
    assert not any(created for _tender, created in again) and len(service.list_tenders()) == len(EXPECTED)


def test_the_demo_command_loads_the_lifecycle_examples(data_dir, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert f"Added {DELIVERY}: Linen and laundry service" in out
    assert f"Added {AWARDED}: Community equipment loan service" in out


def test_the_example_in_delivery_has_results_case_studies_and_no_report_overdue(service):
    load_demo(service)
    tender = service.get(DELIVERY)
    start, end = delivery_start(tender), delivery_end(tender)
    assert (start, end) == (dt.date(2025, 10, 1), dt.date(2029, 9, 30))
    kpi_names = {kpi.name for kpi in tender.kpis}
    ratings = {name for name, _meaning in service.performance_ratings()}
    assert len(tender.kpi_results) >= 6 and len(tender.case_studies) >= 1
    for result in tender.kpi_results:
        assert result.kpi in kpi_names, result
        assert result.rating in ratings, result
        assert start <= result.period_start <= result.period_end < TODAY, result
        assert result.period_end < result.reported_on <= result.period_end + dt.timedelta(days=30), result
    for study in tender.case_studies:
        assert start < study.written_on < TODAY and study.text.strip() and study.theme, study
    assert [r for r in service.kpi_reminders(TODAY) if r.reference == DELIVERY] == []  # every report is in
    award = tender.award
    assert service.is_local_postcode(award.supplier.postcode) and award.supplier.sme
    assert award.awarded_value_gbp == Decimal(2_356_000) and award.renewal_requirements


def test_dates_make_sense_in_every_example():
    for path in demo_files():
        tender = read_tender_file(path)
        notice = tender.tender_notice_date
        assessed = tender.modern_slavery_risk_assessment.completed_on
        assert notice and tender.contract_start_date and notice < tender.contract_start_date, path.name
        assert assessed is None or assessed <= notice, path.name
        for event in tender.engagement:
            assert event.held_on and event.held_on < notice, (path.name, event.title)
        awarded = tender.award.awarded_on
        if awarded is not None:
            assert notice < awarded < tender.contract_start_date and awarded <= TODAY, path.name
            assert tender.award.awarded_value_gbp <= tender.value_excl_vat_gbp, path.name
        else:
            assert tender.stage in ("pipeline", "pre_market") and notice > TODAY, path.name


def test_the_awarded_example_starts_after_the_demo_today_with_no_results_yet(service):
    load_demo(service)
    tender = service.get(AWARDED)
    assert tender.award.awarded_on < TODAY < tender.contract_start_date
    assert tender.kpi_results == [] and len(tender.kpis) >= 3
    assert not service.is_local_postcode(tender.award.supplier.postcode)


def test_the_awarded_example_carries_its_evaluation(data_dir, tmp_path, capsys):
    """The community equipment example was evaluated: three bidders, a panel of three, a spread flagged and
    moderated, a bidder below the published minimum, and the winner the contract was awarded to."""
    assert main(["demo"]) == 0
    out = tmp_path / "moderation.pdf"
    assert main(["evaluation", AWARDED, "--moderation", str(out), "--summaries", str(tmp_path / "summaries")]) == 0
    capsys.readouterr()
    from pypdf import PdfReader

    from sv_desktop.services.tender_service import open_service

    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Flagged for spread (2 to 5)" in " ".join(text.split())
    service = open_service(data_dir)
    try:
        tender, evaluation = service.get(AWARDED), service.get_evaluation(AWARDED)
        assert evaluation is not None and evaluation.status == "complete"
        assert len(evaluation.bidders) == 3 and len(evaluation.panel) == 3
        assert all(s.rationale.strip() for s in evaluation.scores)
        assert len(evaluation.scores) == 3 * 3 * len(evaluation.questions)
        assert all(member.conflict_declared_on < evaluation.award_notice_date for member in evaluation.panel)
        assert evaluation.award_notice_date < tender.award.awarded_on
        ranked = {r.bidder: r for r in service.evaluation_results(AWARDED)}
        assert ranked[tender.award.supplier.name].rank == 1
        assert [r.disqualified for r in ranked.values() if r.rank is None] == [
            "SV1 scored 1, below the published minimum of 2"]
        assert any(evaluation.spread_flagged(b.name, q.reference) for b in evaluation.bidders
                   for q in evaluation.questions)
        assert service.assessment_summary_problem(AWARDED) == ""
        assert len(list((tmp_path / "summaries").glob("*.pdf"))) == 3
    finally:
        service.close()
