"""The Word pack, read back with python-docx: same content and order as the PDF, real structure."""

from __future__ import annotations

import docx
import pytest
from conftest import make_context, squash
from docx.oxml.ns import qn
from docx.shared import Mm

from sv_desktop.export import write_pack_docx
from sv_desktop.export.pack_content import DRAFT_MARK


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "pack.docx"
    assert write_pack_docx(make_context(), out) == out
    return docx.Document(str(out))


def _headings(document, level):
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_sections_use_real_heading_styles_in_order(document):
    assert _headings(document, 1) == [
        "1 Introduction for bidders", "2 Tender details", "3 Social value weighting and evaluation",
        "4 Social value questions", "5 Key performance indicators", "6 Requirements for bidders",
        "7 Response forms",
    ]
    assert _headings(document, 2) == [
        "Why we ask about social value", "How to respond", "About this contract",
        "3.1 Weighting", "3.2 How a score becomes a mark", "3.3 Scoring and moderation",
        "3.4 What scores: commitments beyond the contract's requirements", "3.5 Submitting your response",
        "3.6 Lots", "3.7 Terms used in this pack", "3.8 Clarification questions", "3.9 After the evaluation",
        "3.10 Bidder declaration", "3.11 Confidentiality and Freedom of Information",
        "4.1 Fighting climate change", "4.2 Tackling economic inequality", "The social value schedule",
        "Carbon Reduction Plan", "Modern slavery statement", "Evergreen Sustainable Supplier Assessment",
    ]
    assert _headings(document, 3) == ["Question SV1", "Question SV2", "Question SV3"]


def test_cover_title_and_contents_field(document):
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["Non-emergency patient transport service"]
    instructions = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any("TOC" in text for text in instructions)


def test_data_tables_have_a_repeating_styled_header_row(document):
    headed = []
    for table in document.tables:
        first = table.rows[0]
        marker = first._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
        if marker is None:
            continue
        headed.append([cell.text for cell in first.cells])
        fills = {shd.get(qn("w:fill")) for shd in first._tr.iter(qn("w:shd"))}
        assert fills == {"005EB8"}
    assert ["Theme", "Weighting (% of total score)", "Questions"] in headed
    assert ["Score", "Rating", "What the evaluators look for"] in headed
    assert ["KPI", "Unit", "Baseline", "Target", "Frequency", "Theme", "Published"] in headed
    assert sum(1 for row in headed if row[0].startswith("Response to question SV")) == 3


def test_table_text_matches_the_tender(document):
    cells = squash(" ".join(c.text for t in document.tables for row in t.rows for c in row.cells))
    for text in ("£10,000,000", "£12,000,000", "£2,000,000", "60 months (5 years)", "1 March 2027",
                 "Fleet vehicles that are zero-emission", "Quarterly", "Excellent", "81-100", "Bidder name"):
        assert squash(text) in cells


def test_body_text_in_the_same_order_as_the_pdf(document):
    text = squash("\n".join(p.text for p in document.paragraphs))
    position = 0
    for expected in ("Why we ask about social value", "at least 10% of the total evaluation score",
                     "80% reduction by 2028", "Question SV1", "Your response must describe:",
                     "Word limit: 1,000 words", "Evaluation guidance:", "Question SV3",
                     "Carbon Reduction Plan", "Modern slavery statement"):
        found = text.find(squash(expected), position)
        assert found >= 0, expected
        position = found


def test_core_properties_and_page_setup(document):
    props = document.core_properties
    assert props.author == "Leicestershire Partnership NHS Trust"
    assert props.last_modified_by == "Leicestershire Partnership NHS Trust"
    assert props.title == "Social value question pack: Non-emergency patient transport service"
    assert "LPT-2027-014" in props.subject
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert "LPT-2027-014" in section.header.paragraphs[-1].text
    footer = section.footer._element
    assert {"PAGE", "NUMPAGES"} <= {e.text.strip() for e in footer.iter(qn("w:instrText"))}


def test_fonts_and_colours(document):
    assert document.styles["Normal"].font.name == "Arial"
    assert str(document.styles["Heading 1"].font.color.rgb) == "003087"
    assert str(document.styles["Heading 2"].font.color.rgb) == "005EB8"


def test_draft_marking_in_the_header_only_when_not_compliant(tmp_path, document):
    assert DRAFT_MARK not in "".join(p.text for p in document.sections[0].header.paragraphs)
    out = write_pack_docx(make_context(compliant=False, blocker_messages=("Weighting below 10%.",)),
                          tmp_path / "draft.docx")
    draft = docx.Document(str(out))
    assert draft.sections[0].header.paragraphs[0].text == DRAFT_MARK
    cells = " ".join(c.text for t in draft.tables for row in t.rows for c in row.cells)
    assert "Weighting below 10%." in cells


def test_heading_levels_never_skip(document):
    previous = 0
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading "):
            level = int(paragraph.style.name.split()[-1])
            assert level <= previous + 1, f"{paragraph.text!r} jumps from level {previous} to {level}"
            previous = level


def test_language_is_british_english_everywhere(document):
    styles = document.styles.element
    default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert default is not None and default.get(qn("w:val")) == "en-GB"
    found = [lang.get(qn("w:val")) for part in (styles, document.element) for lang in part.iter(qn("w:lang"))]
    assert found and set(found) == {"en-GB"}
    assert document.core_properties.language == "en-GB"


def test_contents_shows_page_numbers_when_opened(document):
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    dirty = [c for c in document.element.body.iter(qn("w:fldChar")) if c.get(qn("w:dirty")) == "true"]
    assert len(dirty) == 1, "the contents field is updated on opening"


def test_header_cells_never_break_inside_a_word(document):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from sv_desktop.export import fonts

    fonts.register_fonts()
    margins = 2 * 110 / 20  # the cell margins, in points
    checked = 0
    for table in document.tables:
        first = table.rows[0]
        if first._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None or len(first.cells) < 2:
            continue
        grid = [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        for cell, width in zip(first.cells, grid, strict=True):
            for word in cell.text.split():
                assert stringWidth(word, fonts.BOLD, 9.5) + margins <= width, (word, width)
                checked += 1
    assert checked > 20


def test_each_question_has_an_editable_response_area_sized_to_its_word_limit(document):
    controls = list(document.element.body.iter(qn("w:sdt")))
    tags = [sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")) for sdt in controls]
    assert tags == ["Response to SV1", "Response to SV2", "Response to SV3"]
    lines = [len(list(sdt.iter(qn("w:p")))) for sdt in controls]
    assert lines == [84, 42, 63], "one 12-word line per 12 words of the limit (1,000, 500 and 750 words)"
    text = " ".join(p.text for p in document.paragraphs)
    assert "additional pages" not in text


def test_the_scoring_scale_is_printed_once_unless_a_question_uses_another(document):
    scales = [t for t in document.tables if t.rows[0].cells[0].text == "Score"]
    assert [len(t.rows) - 1 for t in scales] == [6, 5], "the 0-5 scale once, then the 0-100 scale at SV2"
    for table in scales:
        assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in table.rows)
