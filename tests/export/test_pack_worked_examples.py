"""The evaluation method, the baselines and the KPI schedule, checked on the worked examples
(resources/demo) and on hand-made tenders whose numbers the test computes itself."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import body_text, make_context, make_tender, squash
from docx import Document as WordDocument

from sv_desktop.demo import demo_files, with_bank_questions
from sv_desktop.export import write_brief_pdf, write_pack_docx, write_pack_pdf
from sv_desktop.export.blocks import Para
from sv_desktop.export.context import make_pack_context
from sv_desktop.export.pack_content import build_pack, question_weights
from sv_desktop.export.pack_evaluation import weighted_mark
from sv_desktop.model.question_bank import load_question_bank
from sv_desktop.model.tender import Question
from sv_desktop.model.tender_file import read_tender_file

ISSUED = dt.date(2027, 2, 1)
LOCAL_SHARE = "the main contractor must deliver at least 15% of the contract through local subcontractors"


def demo(name: str):
    path = next(p for p in demo_files() if p.name.startswith(name))
    return with_bank_questions(read_tender_file(path), load_question_bank())


def text_of(document) -> str:
    from test_pack_regimes import model_text

    return squash(model_text(document))


def _number(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def test_worked_example_is_computed_from_the_first_question():
    tender = make_tender()
    weight = question_weights(tender)[0]
    assert weight == Decimal(4)  # 6% theme, the other question fixed at 2%
    mark = weight * 3 / 5
    sentence = (f"question SV1 carries {_number(weight)}% of the total evaluation score and is scored out of 5. "
                f"A score of 3 earns {_number(weight)}% × 3 ÷ 5 = {_number(mark)}% of the total evaluation score")
    assert squash(sentence) in text_of(build_pack(make_context(tender)))


def test_worked_example_on_the_0_100_scale_and_another_weight():
    tender = make_tender()
    tender.questions[0].scoring_scale = "0-100"
    tender.questions[0].weighting_pct = Decimal("2.5")
    text = text_of(build_pack(make_context(tender)))
    assert squash("A score of 60 earns 2.5% × 60 ÷ 100 = 1.5% of the total evaluation score") in text
    assert weighted_mark(Decimal("2.5"), Decimal(3), Decimal(5)) == Decimal("1.50")


def test_minimum_scores_are_published_with_their_consequence(tmp_path):
    tender = make_tender()
    tender.questions[0].min_score = Decimal(2)
    tender.questions[0].min_score_disqualifies = True
    tender.questions[2].min_score = Decimal(1)
    out = write_pack_pdf(make_context(tender), tmp_path / "pack.pdf")
    text = squash(" ".join(body_text(out)))
    assert squash("A tender scoring below 2 out of 5 on SV1 is disqualified.") in text
    assert squash("A response scoring below 1 out of 5 on SV3 earns no marks for that question") in text
    assert squash("will not lower or waive a published minimum score") in text
    assert squash("No question has a minimum score") not in text
    plain = text_of(build_pack(make_context(make_tender())))
    assert squash("No question has a minimum score") in plain


def test_transport_local_share_is_worded_the_same_in_pack_pdf_word_and_brief(tmp_path):
    tender = demo("01-")
    ctx = make_pack_context(tender, today=ISSUED, local_areas=("LE", "NN"))
    pdf = squash(" ".join(body_text(write_pack_pdf(ctx, tmp_path / "pack.pdf"))))
    document = WordDocument(str(write_pack_docx(ctx, tmp_path / "pack.docx")))
    word = squash(" ".join([p.text for p in document.paragraphs]
                           + [c.text for t in document.tables for r in t.rows for c in r.cells]))
    brief = squash(" ".join(body_text(write_brief_pdf(ctx, tmp_path / "brief.pdf"))))
    baseline = squash(f"Baseline: {LOCAL_SHARE}")
    for name, text in (("pdf", pdf), ("word", word)):
        assert baseline in text, name
        assert squash("Only commitments beyond this baseline score") in text, name
        assert squash(f"Not divided into lots; {LOCAL_SHARE}") in text, name
        assert "15%localsubcontracting" not in text, name
    assert squash(LOCAL_SHARE) in brief.replace("Themain", "themain")


def test_transport_baseline_only_on_the_questions_about_local_subcontracting():
    tender = demo("01-")
    document = build_pack(make_pack_context(tender, today=ISSUED))
    baselines = [b.text for b in document.body if isinstance(b, Para) and b.label == "Baseline: "]
    assert sum(LOCAL_SHARE in b for b in baselines) == 1
    assert any("Fleet vehicles that are zero-emission: 60%" in b for b in baselines)


def test_transport_kpi_schedule_and_s71():
    tender = demo("01-")
    ctx = make_pack_context(tender, today=ISSUED)
    assert ctx.s52_applies
    text = text_of(build_pack(ctx))
    for phrase in ("Their targets are minimum requirements of the contract",
                   "scored commitments become the contract's social value schedule",
                   "baseline, target, reporting frequency, the evidence required and the remedy",
                   "Remedy: where a KPI target is missed",
                   "at least once every 12 months", "contract performance notice (section 71)",
                   "Fleet register with vehicle registration"):
        assert squash(phrase) in text, phrase


def test_talking_therapies_is_worded_for_the_provider_selection_regime():
    tender = demo("04-")
    assert tender.vat_treatment == "exempt"
    ctx = make_pack_context(tender, today=ISSUED)
    assert not ctx.s52_applies
    text = text_of(build_pack(ctx))
    for phrase in ("The Trust has not set social value KPIs in advance of the tender",
                   "scored commitments become the contract's social value schedule",
                   "intention to award", "key criteria", "exempt from VAT"):
        assert squash(phrase) in text, phrase
    assert not ctx.compliant, "the example is a draft, so its notes to the Trust are printed too"
    for phrase in ("section 52", "section 71", "Procurement Act 2023 requires", "VAT at 0%",
                   "key performance indicators in section 5", "tender notice"):
        assert squash(phrase) not in text, phrase


@pytest.mark.parametrize("scale", ["0-5", "0-100"])
def test_leftover_bank_wording_is_not_printed(scale):
    guidance = ("A response must state a percentage of contract value to score more than 2 on the 0-5 scale (more "
                "than 40 on the 0-100 scale). Work for people in the Trust's local area (as defined in the tender "
                "documents) counts.")
    question = Question("tackling_economic_inequality", "Describe your local spend.", scoring_scale=scale,
                        evaluation_guidance=guidance)
    text = text_of(build_pack(make_context(make_tender(questions=[question]))))
    assert squash("(as defined in the tender documents)") not in text
    if scale == "0-5":
        assert squash("more than 2 on the 0-5 scale.") in text and "0-100scale)" not in text
    else:
        assert squash("to score more than 40 on the 0-100 scale.") in text and "0-5scale" not in text


def test_indicative_kpi_targets_are_no_baseline():
    tender = demo("01-")
    tender.kpi_targets_are_minimums = False
    document = build_pack(make_pack_context(tender, today=ISSUED))
    text = text_of(document)
    assert squash("Their targets are indicative, not minimum requirements") in text
    assert squash("Their targets are minimum requirements") not in text
    assert squash("The Trust's own KPI targets in section 5 are part of that baseline") not in text
    baselines = [b.text for b in document.body if isinstance(b, Para) and b.label == "Baseline: "]
    assert baselines and all("minimum target" not in b for b in baselines)


def test_brief_uses_the_regime_words_for_pass_fail_requests(tmp_path):
    tender = demo("04-")
    ctx = make_pack_context(tender, today=ISSUED)
    texts = " ".join(text for _title, text in ctx.requirements)
    assert "condition of participation" not in texts
    assert "against the basic selection criteria" in texts
    brief = squash(" ".join(body_text(write_brief_pdf(ctx, tmp_path / "brief.pdf"))))
    assert "conditionofparticipation" not in brief


def test_clarification_route_and_deadline_are_published():
    text = text_of(build_pack(make_pack_context(demo("01-"), today=ISSUED)))
    assert squash("through the e-tendering portal named in the invitation to tender by 22 March 2027") in text
    undated = make_tender(clarification_deadline=None)
    assert squash("by the clarification deadline in the invitation to tender's timetable") in text_of(
        build_pack(make_context(undated)))
