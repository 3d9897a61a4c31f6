"""Supplier documents carry only what the manager wrote for suppliers: a marker typed into every internal
text (step notes, the engagement log, the award, delivery) appears in no pack or brief, PDF or Word; the
brief fits the route, follows the dates and says how to respond."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from conftest import body_text, make_context, make_tender, pdf_text, squash

from sv_desktop.export import write_brief_docx, write_brief_pdf, write_pack_docx, write_pack_pdf
from sv_desktop.model.lifecycle import Award, CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.model.supplier_text import SupplierText, names_in_supplier_text, supplier_facing_texts
from sv_desktop.model.tender import ModernSlaveryAssessment, StepRecord

MARK = "Zqxmarker"


def marked_tender():
    """Every internal text holds the marker; the supplier-facing texts hold plain words."""
    return make_tender(
        spec_refresh=StepRecord(True, f"{MARK} spec note"),
        think_local=StepRecord(True, f"{MARK} local note"),
        modern_slavery_risk_assessment=ModernSlaveryAssessment(dt.date(2027, 1, 5), "low", f"{MARK} msra"),
        engagement=[EngagementEvent(f"{MARK} event title", dt.date(2027, 1, 12),
                                    [Supplier(f"{MARK} Transport Ltd", "LE1 1AA", sme=True)], f"{MARK} event note")],
        award=Award(Supplier(f"{MARK} Winner Ltd", "LE2 2BB"), dt.date(2027, 6, 1), None,
                    f"{MARK} renewal requirements"),
        kpi_results=[KpiResult("Fleet vehicles that are zero-emission", dt.date(2027, 9, 1), dt.date(2027, 11, 30),
                               "Good", f"{MARK} result", f"{MARK} result note")],
        case_studies=[CaseStudy(f"{MARK} case title", f"{MARK} case text", "wellbeing")],
        supplier_text=SupplierText(spec="Fleet to be zero-emission.", local="Lots for local operators.",
                                   engagement="An open market event."),
    )


def docx_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize("writer", [write_pack_pdf, write_pack_docx, write_brief_pdf, write_brief_docx],
                         ids=["pack-pdf", "pack-docx", "brief-pdf", "brief-docx"])
def test_no_internal_text_reaches_a_supplier_document(tmp_path, writer):
    suffix = ".docx" if "docx" in writer.__name__ else ".pdf"
    out = writer(make_context(marked_tender()), tmp_path / f"doc{suffix}")
    text = docx_text(out) if suffix == ".docx" else "".join(pdf_text(out))
    assert MARK.casefold() not in text.casefold()
    if "brief" in writer.__name__:
        assert "Lots for local operators." in text and "An open market event." in text


def test_preview_lists_the_supplier_texts_and_no_internal_ones():
    texts = supplier_facing_texts(marked_tender())
    joined = " ".join(text for _label, text in texts)
    assert MARK not in joined
    labels = [label for label, _text in texts]
    assert "Think local: what we tell suppliers" in labels and "Contract description" in labels


def test_a_supplier_met_named_in_supplier_text_is_found():
    tender = marked_tender()
    tender.engagement[0].suppliers.append(Supplier("Acme Coaches"))
    assert names_in_supplier_text(tender) == []
    tender.supplier_text.local = "We met acme coaches at the event."
    assert names_in_supplier_text(tender) == [("Think local: what we tell suppliers", "Acme Coaches")]
    tender.supplier_text.local = "Acme Coachesville depot."
    assert names_in_supplier_text(tender) == [], "a name is matched whole"


def _brief(tmp_path, **changes) -> str:
    return squash("".join(body_text(write_brief_pdf(make_context(make_tender(**changes)),
                                                    tmp_path / "b.pdf"))))


def test_call_off_brief_speaks_to_framework_suppliers(tmp_path):
    text = _brief(tmp_path, route="framework_call_off")
    assert squash("only the framework's suppliers can be awarded it") in text
    assert squash("to be able to bid for this contract") not in text
    assert squash("Planned call-off") in text and squash("Planned tender notice") not in text
    assert squash("to be able to bid for this contract") in _brief(tmp_path, route="open")


def test_psr_brief_uses_the_regime_of_the_route(tmp_path):
    text = _brief(tmp_path, route="psr_competitive")
    assert squash("competitive process under the Provider Selection Regime") in text
    assert squash("tender notice") not in text
    assert squash("4 What we will ask providers for") in text and squash("ask bidders") not in text


def test_tense_follows_the_issue_date(tmp_path):
    events = [EngagementEvent("x", dt.date(2027, 1, 12)), EngagementEvent("y", dt.date(2027, 2, 20))]
    text = _brief(tmp_path, engagement=events)  # issued 1 February 2027
    assert squash("We met interested suppliers on 12 January 2027.") in text
    assert squash("We will meet interested suppliers on 20 February 2027") in text
    late = squash("".join(body_text(write_brief_pdf(
        make_context(make_tender(engagement=events), issue_date=dt.date(2027, 3, 2)), tmp_path / "late.pdf"))))
    assert squash("We met interested suppliers on 12 January 2027 and 20 February 2027.") in late
    assert squash("The procurement started on 1 March 2027.") in late


def test_named_contact_and_deadline(tmp_path):
    from sv_desktop.export import make_pack_context

    tender = make_tender(leads={"procurement_lead": "  Sam   Patel "})
    ctx = make_pack_context(tender, today=dt.date(2027, 2, 1), contact_email="sv@trust.nhs.uk")
    assert (ctx.contact_name, ctx.contact_email) == ("Sam Patel", "sv@trust.nhs.uk")
    text = squash("".join(body_text(write_brief_pdf(ctx, tmp_path / "b.pdf"))))
    assert squash("Sam Patel, Procurement Lead (sv@trust.nhs.uk)") in text
    assert squash("by 15 February 2027") in text


def test_brief_is_available_in_word(tmp_path):
    out = write_brief_docx(make_context(make_tender()), tmp_path / "brief.docx")
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "1 What we plan to buy and when"
    assert "7 How to respond" in headings


def test_the_contact_never_repeats_the_role():
    assert make_context(contact_name="Sam Patel").contact == "Sam Patel, Procurement Lead"
    assert make_context(contact_name="Procurement Lead, Transport").contact == "Procurement Lead, Transport"
    assert make_context(contact_email="a@b.nhs.uk").contact == "the Procurement Lead (a@b.nhs.uk)"


def test_the_preview_of_each_document_lists_what_it_prints():
    tender = marked_tender()
    tender.themes[0].own_actions = ["Cargo bikes for city-centre deliveries"]
    brief = [label for label, _text in supplier_facing_texts(tender, "brief")]
    pack = [label for label, _text in supplier_facing_texts(tender, "pack")]
    assert "Think local: what we tell suppliers" in brief and "Think local: what we tell suppliers" not in pack
    assert "Question SV1: question" in pack and "Question SV1: question" not in brief
    assert any(label.startswith("Own action") for label in brief)
