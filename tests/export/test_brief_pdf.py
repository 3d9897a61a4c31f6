"""The pre-market engagement brief: supplier-facing, two to four pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import body_text, make_context, make_tender, pdf_text, squash
from pypdf import PdfReader

from sv_desktop.export import write_brief_pdf
from sv_desktop.model.tender import Kpi, LotsDecision, StepRecord, ThemeChoice, new_tender

IN_ORDER = [
    "Pre-market engagement brief",
    "Non-emergency patient transport service",
    "Reference LPT-2027-014",
    "1 What we plan to buy and when",
    "Non-emergency transport for patients",
    "Category", "Transport",
    "Estimated value (whole life, excluding VAT)", "£5 million to £10 million",
    "60 months (5 years)",
    "Planned tender notice", "1 March 2027",
    "Planned contract start", "1 September 2027",
    "2 The social value we will evaluate",
    "10% of the total evaluation score",
    "Fighting climate change", "6%",
    "Tackling economic inequality", "4%",
    "Fleet vehicles that are zero-emission",
    "3 What we will ask bidders for",
    "Carbon Reduction Plan:",
    "Modern slavery statement:",
    "4 How SMEs, VCSEs and local firms can take part",
    "let as a single contract",
    "at least 20% of the contract through local subcontractors",
    "Why we have packaged the contract this way: Single integrated service",
    "What we have done so far: Two local SME operators met at the market event.",
    "5 Next steps and contact",
    "contact the Procurement Lead at Leicestershire Partnership NHS Trust, quoting reference LPT-2027-014",
]


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "brief.pdf"
    assert write_brief_pdf(make_context(), out) == out
    return out


def test_content_in_order(brief):
    text = squash("".join(body_text(brief)))
    position = 0
    for expected in IN_ORDER:
        found = text.find(squash(expected), position)
        assert found >= 0, f"{expected!r} missing or out of order"
        position = found + 1


def test_two_to_four_pages_with_page_numbers(brief):
    pages = pdf_text(brief)
    assert 2 <= len(pages) <= 4
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


@pytest.mark.parametrize("tender", [
    new_tender("X-1", "Window cleaning"),
    make_tender(kpis=[Kpi(f"Indicator {n}") for n in range(12)],
                themes=[ThemeChoice(t, Decimal(5)) for t in ("fighting_climate_change", "wellbeing",
                                                             "equal_opportunity",
                                                             "tackling_economic_inequality")],
                social_value_weighting_pct=Decimal(20)),
], ids=["minimal", "everything"])
def test_page_count_stays_between_two_and_four(tmp_path, tender):
    out = write_brief_pdf(make_context(tender), tmp_path / "brief.pdf")
    assert 2 <= len(PdfReader(str(out)).pages) <= 4


def test_lots_and_local_supply(tmp_path):
    tender = make_tender(lots=LotsDecision(divided=True, lot_count=3, reasons="North, city and south areas"),
                         think_local=StepRecord(considered=False))
    text = squash("".join(body_text(write_brief_pdf(make_context(tender), tmp_path / "brief.pdf"))))
    assert squash("The contract will be divided into 3 lots") in text
    assert squash("North, city and south areas") in text
    assert squash("through local subcontractors") not in text
    assert squash("What we have done so far") not in text


def test_value_band_not_exact_value(brief):
    text = "".join(pdf_text(brief))
    assert "£10,000,000" not in text  # suppliers see a band before the tender
    assert "£5 million to £10 million" in text


def test_metadata_and_fonts(brief):
    reader = PdfReader(str(brief))
    assert reader.metadata.author == "Leicestershire Partnership NHS Trust"
    assert reader.metadata.title == "Pre-market engagement brief: Non-emergency patient transport service"
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_draft_marking_follows_compliance(tmp_path, brief):
    assert all("DRAFT" not in text for text in pdf_text(brief))
    out = write_brief_pdf(make_context(compliant=False, blocker_messages=("x",)), tmp_path / "draft.pdf")
    assert all("DRAFT \u2013 NOT POLICY-COMPLIANT" in text for text in pdf_text(out))
