"""`make_pack_context` from the real toolkit content, question bank and rules, and every export from it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import docx
from conftest import body_text, make_tender, pdf_text, squash
from pypdf import PdfReader

from sv_desktop.export import make_pack_context, write_brief_pdf, write_pack_docx, write_pack_pdf
from sv_desktop.model.question_bank import load_question_bank
from sv_desktop.model.tender import ModernSlaveryAssessment, StepRecord

ISSUED = dt.date(2027, 2, 1)


def _ready_tender(**changes):
    return make_tender(modern_slavery_risk_assessment=ModernSlaveryAssessment(dt.date(2027, 1, 20), "medium"),
                       spec_refresh=StepRecord(considered=True, notes="EV fleet in the specification"),
                       **changes)


def test_context_from_the_bundled_resources():
    ctx = make_pack_context(_ready_tender(), today=ISSUED)
    assert ctx.organisation == "Leicestershire Partnership NHS Trust"
    assert ctx.policy_reference == "P238 v4.0 Social Value and Sustainable Procurement Policy"
    assert ctx.category_label == "Transport"
    assert ctx.route_label == "Open procedure"
    assert ctx.theme_labels["fighting_climate_change"] == "Fighting climate change"
    assert ctx.issue_date == ISSUED
    assert ctx.contact_role == "Procurement Lead"
    assert ctx.compliant and ctx.blocker_messages == ()
    assert set(ctx.scales) == {"0-5", "0-100"}
    assert [level.label for level in ctx.scales["0-5"]] == ["0", "1", "2", "3", "4", "5"]
    titles = [title for title, _text in ctx.requirements]
    assert any("Net Zero Commitment" in t for t in titles)
    assert any("Modern slavery statement" in t for t in titles)


def test_blockers_from_the_rules_make_a_draft():
    tender = _ready_tender(social_value_weighting_pct=Decimal(8))
    ctx = make_pack_context(tender, today=ISSUED, organisation="Another NHS Trust")
    assert not ctx.compliant
    assert ctx.blocker_messages
    assert ctx.organisation == "Another NHS Trust"


def test_every_export_from_a_real_context(tmp_path):
    tender = _ready_tender(social_value_weighting_pct=Decimal(8))
    ctx = make_pack_context(tender, today=ISSUED)
    pack = write_pack_pdf(ctx, tmp_path / "pack.pdf")
    pages = pdf_text(pack)
    assert all("DRAFT \u2013 NOT POLICY-COMPLIANT" in text for text in pages)
    early = squash("".join(body_text(pack)[:2]))
    for message in ctx.blocker_messages:
        assert squash(message)[:60] in early
    text = squash("".join(body_text(pack)))
    for title, _text in ctx.requirements:
        assert squash(title) in text
    assert squash(ctx.scales["0-5"][-1].descriptor)[:80] in text
    assert PdfReader(str(pack)).metadata.author == ctx.organisation

    document = docx.Document(str(write_pack_docx(ctx, tmp_path / "pack.docx")))
    assert document.core_properties.author == ctx.organisation
    brief = write_brief_pdf(ctx, tmp_path / "brief.pdf")
    assert 2 <= len(PdfReader(str(brief)).pages) <= 4


def test_a_split_table_never_repeats_its_header_on_the_same_page(tmp_path):
    bank = load_question_bank()
    tender = _ready_tender(questions=[bank.to_question(q) for theme in ("fighting_climate_change",
                                                                        "tackling_economic_inequality")
                                      for q in bank.questions_for("transport", theme)[:2]])
    pages = pdf_text(write_pack_pdf(make_pack_context(tender, today=ISSUED), tmp_path / "pack.pdf"))
    header = "What the evaluators look for"
    assert sum(text.count(header) for text in pages) > len(tender.questions), "no scoring table ran over a page"
    for text in pages:
        # One header per table on the page: the tables that start on it, plus one continued from the page before.
        starts = text.count("Scored on the")
        assert text.count(header) <= starts + 1, text
