"""The PDF question pack, read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import body_text, make_context, make_tender, pdf_text, squash
from pdf_fonts import pdf_fonts
from pypdf import PdfReader

from sv_desktop import __version__
from sv_desktop.export import write_pack_pdf
from sv_desktop.export.pack_content import DRAFT_MARK
from sv_desktop.model.tender import Question

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")

SECTIONS_IN_ORDER = [
    "Social value question pack",
    "Non-emergency patient transport service",
    "P238 v4.0 Social Value and Sustainable Procurement Policy",
    "Contents",
    "1 Introduction for bidders",
    "Why we ask about social value",
    "at least 10% of the total evaluation score",
    "Fighting climate change",
    "net zero by 2040",
    "2045",
    "How to respond",
    "About this contract",
    "2 Tender details",
    "Estimated value (excluding VAT)",
    "£10,000,000",
    "Whole-life value (including VAT at 20%)",
    "£12,000,000",
    "Average annual value (excluding VAT)",
    "£2,000,000",
    "60 months (5 years)",
    "1 March 2027",
    "1 September 2027",
    "31 August 2032",
    "3 Social value weighting and evaluation",
    "Theme",
    "Total",
    "4 Social value questions",
    "each response is scored on the 0-5 scale",
    "Excellent",
    "4.1 Fighting climate change",
    "Question SV1",
    "Describe how you will reduce the greenhouse gas emissions",
    "Your response must describe:",
    "Sub-criteria (weighted as shown):",
    "Word limit: 1,000 words",
    "Scored on the 0-5 scale shown at the start of section 4",
    "Evaluation guidance:",
    "Question SV2",
    "This question is scored on the 0-100 scale",
    "81-100",
    "4.2 Tackling economic inequality",
    "Question SV3",
    "5 Key performance indicators",
    "Fleet vehicles that are zero-emission",
    "Quarterly",
    "6 Requirements for bidders",
    "Carbon Reduction Plan",
    "Modern slavery statement",
    "7 Response forms",
    "Response to question SV1",
    "Bidder name",
    "Response to question SV2",
    "Response to question SV3",
]


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "pack.pdf"
    assert write_pack_pdf(make_context(), out) == out
    return out


@pytest.fixture(scope="module")
def draft_pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("draft") / "pack.pdf"
    ctx = make_context(compliant=False, blocker_messages=(
        "Social value weighting is 8%: policy P238 requires at least 10% of the total evaluation score.",
        "A modern slavery risk assessment must be completed before the tender notice.",
    ))
    write_pack_pdf(ctx, out)
    return out


def test_every_section_appears_in_order(pack):
    text = squash("".join(body_text(pack)))
    position = 0
    for section in SECTIONS_IN_ORDER:
        found = text.find(squash(section), position)
        assert found >= 0, f"{section!r} missing or out of order"
        position = found + 1


def test_contents_lists_sections_with_page_numbers(pack):
    contents = pdf_text(pack)[1]
    assert "Contents" in contents
    for heading in ("1 Introduction for bidders", "4.1 Fighting climate change", "7 Response forms"):
        assert heading in contents
    assert "Placeholder" not in contents
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", contents, re.M)]
    assert numbers and numbers == sorted(numbers) and numbers[0] >= 3


def test_header_and_footer_on_every_page(pack):
    pages = pdf_text(pack)
    assert len(pages) >= 8
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "LPT-2027-014" in text


def test_response_form_per_question_starting_on_its_own_page(pack):
    pages = pdf_text(pack)
    for ref in ("SV1", "SV2", "SV3"):
        numbers = [n for n, p in enumerate(pages) if f"Response to question {ref}" in p]
        assert numbers == list(range(numbers[0], numbers[-1] + 1)), "a form's pages follow each other"
        assert "Word limit" in pages[numbers[0]] and "Bidder name" in pages[numbers[0]]
        assert not any(f"Response to question {other}" in pages[numbers[0]]
                       for other in ("SV1", "SV2", "SV3") if other != ref)


def test_fonts_are_all_embedded_truetype_and_none_base14(pack, draft_pack):
    for path in (pack, draft_pack):
        reader = PdfReader(str(path))
        names = set()
        for page in reader.pages:
            fonts = page["/Resources"].get_object().get("/Font", {})
            for ref in fonts.values():
                font = ref.get_object()
                name = str(font["/BaseFont"])
                names.add(name)
                assert not any(base in name for base in BASE14), name
                descriptor = font["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert any("LiberationSans" in n for n in names)
        assert any("LiberationSans-Bold" in n for n in names)


def test_every_font_on_every_page_and_form_is_embedded(pack):
    fonts = pdf_fonts(pack)
    assert fonts
    for name, embedded in fonts.items():
        assert embedded, name
        assert not any(base in name for base in BASE14), name


def test_metadata(pack):
    info = PdfReader(str(pack)).metadata
    assert info.author == "Leicestershire Partnership NHS Trust"
    assert info.title == "Social value question pack: Non-emergency patient transport service"
    assert "LPT-2027-014" in info.subject and "P238" in info.subject
    assert "social value" in info["/Keywords"] and "Fighting climate change" in info["/Keywords"]
    assert info.creator == f"sv-desktop {__version__}"


def test_author_is_the_organisation_not_the_login(tmp_path, monkeypatch):
    monkeypatch.setenv("USER", "jbloggs")
    monkeypatch.setenv("USERNAME", "jbloggs")
    out = tmp_path / "pack.pdf"
    write_pack_pdf(make_context(organisation="Northamptonshire Healthcare NHS Foundation Trust"), out)
    assert PdfReader(str(out)).metadata.author == "Northamptonshire Healthcare NHS Foundation Trust"
    assert b"jbloggs" not in out.read_bytes()


def test_compliant_pack_has_no_draft_marking(pack):
    for text in pdf_text(pack):
        assert "DRAFT" not in text and "NOT POLICY-COMPLIANT" not in text


def test_draft_marking_on_every_page_and_blockers_listed_early(draft_pack):
    pages = pdf_text(draft_pack)
    for text in pages:
        assert text.count(DRAFT_MARK) >= 1, "the header band, readable on every page"
    early = squash("".join(body_text(draft_pack)[:2]))
    assert squash("policy P238 requires at least 10% of the total evaluation score") in early
    assert squash("A modern slavery risk assessment must be completed") in early


def test_watermark_is_drawn_as_outlines_out_of_the_text_layer(draft_pack, pack):
    """pdftotext and pypdf read a rotated text watermark as two-letter lines ("NT", "IA") in the text."""
    reader = PdfReader(str(draft_pack))
    for page in reader.pages:
        rotated = []

        def visit(text, cm, tm, _font, _size, rotated=rotated):
            if text.strip() and (tm[1] or tm[2] or cm[1] or cm[2]):
                rotated.append(text)

        text = page.extract_text(visitor_text=visit)
        assert not rotated, f"rotated text in the text layer: {rotated[:3]}"
        for line in text.splitlines():
            assert line.strip() not in {"NT", "IA", "PL", "OM", "AF", "DR", "Y-", "PO", "OT", "\u2013N"}
        assert not page.images, "no picture: the frozen app has no imaging library"
    layout = subprocess.run(["pdftotext", "-layout", str(draft_pack), "-"], capture_output=True, text=True,
                            check=True).stdout if shutil.which("pdftotext") else ""
    assert not re.search(r"^\s*(NT|IA|DR|AF)\s*$", layout, re.MULTILINE)
    # The outlines are there: a rotated, curved drawing the compliant pack's page lacks.
    drawn = reader.pages[3].get_contents().get_data()
    clean = PdfReader(str(pack)).pages[3].get_contents().get_data()
    assert drawn.count(b" c ") > clean.count(b" c ") + 50 and b"\nf\n" in drawn


def test_theme_without_questions_and_no_kpis_say_so(tmp_path):
    tender = make_tender(questions=[q for q in make_tender().questions if q.theme == "fighting_climate_change"],
                         kpis=[])
    out = write_pack_pdf(make_context(tender), tmp_path / "pack.pdf")
    text = squash("".join(pdf_text(out)))
    assert squash("No question has been set for this theme.") in text
    assert squash("The Trust has not set social value KPIs in advance of the tender.") in text


def test_question_weights_share_the_theme_weighting(tmp_path):
    tender = make_tender(questions=[
        Question("fighting_climate_change", "First"), Question("fighting_climate_change", "Second"),
        Question("fighting_climate_change", "Third", weighting_pct=Decimal(3)),
        Question("tackling_economic_inequality", "Fourth"),
    ])
    out = write_pack_pdf(make_context(tender), tmp_path / "pack.pdf")
    text = squash("".join(body_text(out)))
    # 6% theme: SV3 has 3%, SV1 and SV2 share the other 3%; SV4 has the whole 4% of its theme.
    for expected in ("SV1Fightingclimatechange1.5%", "SV2Fightingclimatechange1.5%",
                     "SV3Fightingclimatechange3%", "SV4Tacklingeconomicinequality4%"):
        assert expected in text


def test_many_questions_and_a_huge_theme_list_still_build(tmp_path):
    questions = [replace(make_tender().questions[0], text=f"Question number {n}") for n in range(30)]
    out = write_pack_pdf(make_context(make_tender(questions=questions)), tmp_path / "pack.pdf")
    pages = pdf_text(out)
    assert len({re.search(r"Response to question (SV\d+)", p)[1] for p in pages if "Response to question" in p}) == 30
    assert "Response to question SV30" in "".join(pages)


def test_response_forms_fit_the_word_limit_and_ask_for_the_lot(tmp_path):
    from sv_desktop.model.tender import LotsDecision

    lotted = make_tender(lots=LotsDecision(divided=True, lot_count=3, reasons="Three areas"))
    pages = body_text(write_pack_pdf(make_context(lotted), tmp_path / "lots.pdf"))
    forms = squash("".join(pages[[i for i, p in enumerate(pages) if squash("7 Response forms") in squash(p)][-1]:]))
    assert forms.count(squash("Lot or lots (1 to 3) this response is for")) == 3
    assert "additionalpages" not in forms and "attach" not in forms
    single = squash("".join(body_text(write_pack_pdf(make_context(), tmp_path / "single.pdf"))))
    assert squash("Lot or lots") not in single

    def form_pages(limit):
        tender = make_tender(questions=[replace(q, word_limit=limit) for q in make_tender().questions[:1]])
        return len(PdfReader(str(write_pack_pdf(make_context(tender), tmp_path / f"{limit}.pdf"))).pages)

    assert form_pages(2000) >= form_pages(250) + 2, "a longer word limit gets more room to answer"


def test_scoring_scale_once_and_never_split(pack):
    pages = body_text(pack)
    text = squash("".join(pages))
    assert text.count(squash("Whattheevaluatorslookfor")) == 2, "0-5 once, 0-100 once at SV2"
    assert squash("Scored on the 0-5 scale shown at the start of section 4.") in text
    for first, last in (("5Excellent", "0Unacceptable"), ("81-100Excellent", "0-20Poor")):
        assert any(first in squash(p) and last in squash(p) for p in pages), (first, last)


def test_header_words_are_never_broken(pack):
    from pypdf import PdfReader as Reader

    kpi_page = next(p for p in Reader(str(pack)).pages if "Key performance indicators" in p.extract_text()
                    and "Published" in p.extract_text())
    lines = kpi_page.extract_text().splitlines()
    for word in ("Baseline", "Frequency", "Published"):
        assert any(word in line for line in lines), word
        assert not any(line.strip() == word[:-1] for line in lines), f"{word} broken"
