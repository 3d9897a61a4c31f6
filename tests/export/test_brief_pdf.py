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
    "We plan to start the procurement on 1 March 2027.",
    "What the specification will ask for: A zero-emission fleet by the third year.",
    "2 The social value we will evaluate",
    "10% of the total evaluation score",
    "Fighting climate change", "6%",
    "Tackling economic inequality", "4%",
    "3 Measures we want to discuss",
    "developed with suppliers at this stage",
    "Fleet vehicles that are zero-emission",
    "4 What we will ask bidders for",
    "Carbon Reduction Plan:",
    "Modern slavery statement:",
    "5 Who can take part",
    "We plan to let it as a single contract",
    "at least 20% of the contract through local subcontractors",
    "Why we plan to package the contract this way: Single integrated service",
    "Local suppliers, SMEs and VCSEs: Journeys are grouped so that small operators can subcontract.",
    "6 Questions for the market",
    "What targets would be realistic",
    "7 How to respond",
    "Respond by", "15 February 2027",
    "Contact", "the Procurement Lead",
    "quoting reference LPT-2027-014",
]


def supplier_tender(**changes):
    from sv_desktop.model.supplier_text import SupplierText

    return make_tender(supplier_text=SupplierText(
        spec="A zero-emission fleet by the third year.",
        local="Journeys are grouped so that small operators can subcontract.",
        engagement="A market event open to all suppliers."), **changes)


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "brief.pdf"
    assert write_brief_pdf(make_context(supplier_tender()), out) == out
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
    assert squash("We plan to divide the contract into 3 lots") in text
    assert squash("North, city and south areas") in text
    assert squash("Local suppliers, SMEs and VCSEs:") not in text, "no supplier text was written"


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


def test_draft_marking_only_for_what_the_brief_says(tmp_path, brief):
    assert all("DRAFT" not in text for text in pdf_text(brief))
    itt_only = make_context(compliant=False, blocker_messages=("No KPIs are set.",), blocker_rules=("SV-KPI",))
    out = write_brief_pdf(itt_only, tmp_path / "itt.pdf")
    assert all("DRAFT" not in text for text in pdf_text(out)), "KPIs are developed at pre-market stage (4.2b)"
    weight = make_context(compliant=False, blocker_messages=("Social value is under 10%.", "No KPIs."),
                          blocker_rules=("SV-MIN-WEIGHT", "SV-KPI"))
    out = write_brief_pdf(weight, tmp_path / "draft.pdf")
    pages = pdf_text(out)
    assert all("DRAFT \u2013 NOT READY FOR THE MARKET" in text for text in pages)
    assert "Social value is under 10%." in pages[0] and "No KPIs." not in "".join(pages)
