"""The moderation record and the assessment summaries read back from real PDF and Word files, for a fixture
computed by hand: three bidders, one disqualified below a published minimum, scores on a 0-5 and a 0-100
scale, and a tie for first place that only the award can settle."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from pdf_fonts import pdf_fonts
from pypdf import PdfReader

from sv_desktop.export.assessment_summary import write_summary_docx, write_summary_pdf
from sv_desktop.export.context import ScaleLevel
from sv_desktop.export.evaluation_records import EvaluationRecordContext
from sv_desktop.export.moderation_record import write_moderation_record
from sv_desktop.model.assessment import issue_problem, score_band
from sv_desktop.model.evaluation import (
    Bidder,
    Evaluation,
    IndividualScore,
    IssuedQuestion,
    PanelMember,
    results,
)
from sv_desktop.model.question_bank import load_question_bank

REF = "LPT-2027-099"
THEMES = {"fighting_climate_change": "Fighting climate change",
          "tackling_economic_inequality": "Tackling economic inequality"}
Q1 = IssuedQuestion("SV1", "fighting_climate_change", "Fleet emissions", "Describe...", Decimal("5"), 5,
                    minimum_score=2, disqualify_below_minimum=True)
Q2 = IssuedQuestion("SV2", "tackling_economic_inequality", "Local jobs", "Describe...", Decimal("3"), 5)
Q3 = IssuedQuestion("SV3", "tackling_economic_inequality", "Local spend", "Describe...", Decimal("2"), 100, "0-100")
PANEL = ("Ann Smith", "Bob Jones", "Cat Lee")
# Hand-computed: weighted mark = weight x score / maximum.
AGREED = {
    ("Alpha Ltd", "SV1"): 4, ("Alpha Ltd", "SV2"): 3, ("Alpha Ltd", "SV3"): 60,    # 4.00 + 1.80 + 1.20 = 7.00
    ("Beta CIC", "SV1"): 3, ("Beta CIC", "SV2"): 5, ("Beta CIC", "SV3"): 70,       # 3.00 + 3.00 + 1.40 = 7.40
    ("Gamma plc", "SV1"): 1, ("Gamma plc", "SV2"): 5, ("Gamma plc", "SV3"): 100,   # disqualified: SV1 below 2
}


def make_evaluation(agreed=AGREED, close: bool = True) -> Evaluation:
    ev = Evaluation(
        questions=[Q1, Q2, Q3], pack_version="2", social_value_weight_pct=Decimal(10),
        bidders=[Bidder("Alpha Ltd", "1 High Street, Leicester", "01234567", "LE1 1AA", sme=True),
                 Bidder("Beta CIC", "2 Mill Lane, Loughborough", "CIC 0987", vcse=True), Bidder("Gamma plc")],
        panel=[PanelMember("Ann Smith", "Chair", dt.date(2027, 5, 3)),
               PanelMember("Bob Jones", "Fleet manager", dt.date(2027, 5, 4), "Ran the fleet 10 years"),
               PanelMember("Cat Lee", "Social value lead", dt.date(2027, 5, 5))])
    for (bidder, question), score in agreed.items():
        for offset, evaluator in zip((-1, 0, 1), PANEL, strict=True):
            step = 10 if question == "SV3" else 1
            value = min(max(score + offset * step, 0), ev.question(question).scale_max)
            ev.record_score(IndividualScore(evaluator, bidder, question, value,
                                            f"EVALNOTE {evaluator} {bidder} {question} section 2.{offset + 1}"))
    ev.open_moderation()
    for (bidder, question), score in agreed.items():
        ev.agree(bidder, question, score, f"REASON {bidder} {question}: see section 4 of the bid.",
                 commitment=f"COMMIT {bidder} {question}: 12 apprenticeships by March 2029")
    if close:
        ev.close_moderation()
    return ev


def scales() -> dict[str, tuple[ScaleLevel, ...]]:
    bank = load_question_bank()
    return {sid: tuple(ScaleLevel(str(level.label), level.name, level.descriptor) for level in scale.levels)
            for sid, scale in bank.scales.items()}


def context(ev: Evaluation, regime: str = "pa23_competitive", act: str = "pa23",
            awarded_to: str = "") -> EvaluationRecordContext:
    return EvaluationRecordContext(REF, "Patient transport", "Leicestershire Partnership NHS Trust",
                                   "Open procedure", regime, act, ev, tuple(results(ev)), dt.date(2027, 7, 1),
                                   THEMES, scales(), awarded_to)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_moderation_record_lists_every_score_reason_result_and_the_panel(tmp_path):
    out = write_moderation_record(context(make_evaluation()), tmp_path / "moderation.pdf")
    reader = PdfReader(out)
    assert reader.metadata.title == f"Moderation record: {REF} Patient transport"
    text = pdf_text(out)
    for evaluator in PANEL:
        for (bidder, question) in AGREED:
            assert f"EVALNOTE {evaluator} {bidder} {question}" in text
    for bidder, question in AGREED:
        assert f"REASON {bidder} {question}" in text
    assert "1 July 2027" in text and "3 May 2027" in text and "Fleet manager" in text
    # SV3 individual scores 60-10, 60, 60+10: spread 20 of 100 is within 40%; every question here is.
    assert "Spread: flagged for discussion" not in text
    assert "Spread: within the threshold" in text
    assert "Consensus 4 REASON Alpha Ltd SV1" in text
    # Results against the hand-computed totals, ranks and the disqualification.
    assert re.search(r"1 Beta CIC 7\.40%", text)
    assert re.search(r"2 Alpha Ltd 7\.00%", text)
    assert "Gamma plc 6.00%" in text
    assert "SV1 scored 1, below the published minimum of 2" in text
    assert "Sub-total: Tackling economic inequality 4.40%" in text
    assert text.count("rounded once") == 1
    assert re.search(r"Page 1 of \d", text)


def test_a_spread_over_the_threshold_is_flagged(tmp_path):
    ev = make_evaluation(close=False)
    ev.status = "scoring"
    ev.record_score(IndividualScore("Ann Smith", "Alpha Ltd", "SV1", 1))  # 1, 4, 5: spread 4 of 5 > 40%
    out = write_moderation_record(context(ev), tmp_path / "moderation.pdf")
    text = pdf_text(out)
    assert "Spread: flagged for discussion" in text
    assert "Individual scoring (moderation not yet open)" in text


def test_unsuccessful_summary_carries_its_scores_and_the_winners(tmp_path):
    ctx = context(make_evaluation())
    pdf = write_summary_pdf(ctx, "Alpha Ltd", tmp_path / "alpha.pdf")
    word = write_summary_docx(ctx, "Alpha Ltd", tmp_path / "alpha.docx")
    for text in (pdf_text(pdf), docx_text(word)):
        assert "section 50" in text and "regulation 31" in text
        assert "not the most advantageous tender" in text
        assert "01234567" in text and "1 High Street, Leicester, LE1 1AA" in text
        # The criteria: title, relative importance and scores available.
        assert "SV1 Fleet emissions" in text and "0 to 100" in text and "5%" in text
        # Its own scores, marks, reasons, commitments, the band met and the band above.
        assert "4 out of 5" in text and "4.00% of 5%" in text and "1.20% of 2%" in text
        assert "REASON Alpha Ltd SV2" in text
        assert "\u201cCOMMIT Alpha Ltd SV1: 12 apprenticeships by March 2029\u201d" in text
        assert "A score of 5 (Excellent) needed" in text
        assert "A score of 61-80 (Good) needed" in text
        assert "Total social value mark 7.00% 10%" in text
        # The winner's scores and reasons, and nothing internal.
        assert "submitted by Beta CIC" in text and "REASON Beta CIC SV2" in text and "7.40%" in text
        assert "COMMIT Beta CIC" not in text
        assert "EVALNOTE" not in text and "Ann Smith" not in text and "Gamma plc" not in text
        assert "Flagged" not in text and "Ran the fleet" not in text
    assert PdfReader(pdf).metadata.title == f"Assessment summary: Alpha Ltd \u00b7 {REF}"


def test_the_winners_summary_has_no_other_bidder_in_it(tmp_path):
    ctx = context(make_evaluation())
    for text in (pdf_text(write_summary_pdf(ctx, "Beta CIC", tmp_path / "b.pdf")),
                 docx_text(write_summary_docx(ctx, "Beta CIC", tmp_path / "b.docx"))):
        assert "Your tender is the most advantageous tender" in text
        assert "Total social value mark 7.40% 10%" in text
        assert "This is the highest score available." in text  # SV2 scored 5 of 5
        assert "Alpha" not in text and "Gamma" not in text and "most advantageous tender was submitted" not in text


def test_a_disqualified_bidder_is_told_why(tmp_path):
    ctx = context(make_evaluation())
    text = pdf_text(write_summary_pdf(ctx, "Gamma plc", tmp_path / "g.pdf"))
    assert "disqualified" in text and "SV1 scored 1, below the published minimum of 2" in text
    assert "submitted by Beta CIC" in text
    assert "not recorded" in text  # no address or identifier on file


def test_under_the_provider_selection_regime_the_letter_gives_reasons_and_decision_makers(tmp_path):
    ctx = context(make_evaluation(), regime="psr_competitive", act="psr")
    for text in (pdf_text(write_summary_pdf(ctx, "Alpha Ltd", tmp_path / "a.pdf")),
                 docx_text(write_summary_docx(ctx, "Alpha Ltd", tmp_path / "a.docx"))):
        assert "Provider Selection Regime" in text and "key criteria" in text
        assert "Procurement Act" not in text and "regulation 31" not in text and "assessment summary" not in text
        assert "Ann Smith Chair 3 May 2027" in text
        assert "EVALNOTE" not in text
        assert "eighth working day" in text


def test_issuing_is_refused_while_a_reason_is_missing_or_a_tie_is_unresolved():
    ev = make_evaluation(close=False)
    ev.consensus_for("Beta CIC", "SV2").reason = ""
    assert issue_problem(ev, results(ev)) == ("The assessment summaries cannot be issued: the consensus score for "
                                              "SV2 of Beta CIC has no reason recorded.")
    ev.consensus_for("Beta CIC", "SV2").reason = "Agreed."
    assert "until moderation is closed" in issue_problem(ev, results(ev))
    tied = dict(AGREED)
    tied[("Alpha Ltd", "SV3")] = 80  # 4.00 + 1.80 + 1.60 = 7.40, level with Beta CIC
    ev = make_evaluation(tied)
    assert [r.rank for r in results(ev)][:2] == [1, 1]
    assert issue_problem(ev, results(ev)) == ("Alpha Ltd and Beta CIC tie for first place: record the award to "
                                              "one of them before issuing the assessment summaries.")
    assert issue_problem(ev, results(ev), awarded_to="Beta CIC") == ""


def test_a_tie_settled_by_the_award(tmp_path):
    tied = dict(AGREED)
    tied[("Alpha Ltd", "SV3")] = 80
    ctx = context(make_evaluation(tied), awarded_to="Beta CIC")
    text = pdf_text(write_summary_pdf(ctx, "Alpha Ltd", tmp_path / "a.pdf"))
    assert "not the most advantageous tender" in text and "submitted by Beta CIC" in text
    assert "Total social value mark 7.40% 10%" in text


@pytest.mark.parametrize(("score", "band", "higher"), [(0, "Unacceptable", "1-20"), (60, "Satisfactory", "61-80"),
                                                       (100, "Excellent", None)])
def test_score_bands_in_any_order(score, band, higher):
    levels = [(level.label, level.name, level.descriptor) for level in scales()["0-100"]]
    for ordered in (levels, levels[::-1]):
        found = score_band(ordered, score)
        assert found is not None and found.name == band
        assert (found.higher[0] if found.higher else None) == higher


def test_text_typed_by_people_prints_as_typed_with_embedded_fonts(tmp_path):
    hostile = 'O<Brien & <b>Sons</b> <img src="/etc/passwd"/> \u0141\u00f3d\u017a'
    ev = make_evaluation()
    ev.bidders[0].name = hostile
    for entry in ev.consensus + ev.scores:
        if entry.bidder == "Alpha Ltd":
            entry.bidder = hostile
    ev.consensus_for(hostile, "SV1").reason = f"Reason for {hostile}"
    ctx = context(ev)
    for out in (write_moderation_record(ctx, tmp_path / "m.pdf"), write_summary_pdf(ctx, hostile, tmp_path / "s.pdf")):
        assert f"Reason for {hostile}" in pdf_text(out)
        fonts = pdf_fonts(out)
        assert fonts and all(fonts.values()), fonts
        assert not any("Helvetica" in name for name in fonts)
    assert f"Reason for {hostile}" in docx_text(write_summary_docx(ctx, hostile, tmp_path / "s.docx"))
