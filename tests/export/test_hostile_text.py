"""Whatever a manager types prints exactly as typed: never read as markup, never a crash, never lost.

A fixed corpus of known troublemakers plus hypothesis-generated text go into every kind of field of
a pack; each PDF must build and the text must come back out of it (whitespace ignored). Right-to-left
text is compared by its letters (extractors reorder it by their own rules).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace

import docx
import pytest
from conftest import body_text, make_context, make_tender, pdf_text, squash
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from sv_desktop.export import write_brief_pdf, write_pack_docx, write_pack_pdf
from sv_desktop.export.fonts import REPLACEMENT
from sv_desktop.export.markup import clean_text, para_markup, printed_text
from sv_desktop.model.tender import Kpi

CORPUS = [
    "O<Brien",
    "a & b",
    "<b>not bold</b> and <i>not italic</i>",
    "</para><para>",
    '<font name="Courier">not Courier</font>',
    "&amp; &lt; &#169; &nbsp;",
    "Welsh: Caerdydd, ŵyr, ŷ, Ŵ",
    "Polish: Łódź, Żółć",
    "Price €1,000 — £2,000 – done",
    "Emoji 😀 👍🏽 🚑 ✓",
    "Hebrew: שלום עולם",
    "Arabic: مرحبا بالعالم",
    "Control\x00\x01\x07\x1b\x7f\x9f characters",
    "tab\there\r\nwindows\rold mac\x0bvt\x0cff\u2028ls",
    "CJK 中文 漢字 and Korean 한국어",
    "\ufeffbyte order mark",
    "lone \ud800 surrogate",
    "e\u0301 combining accent",
    "zero\u200bwidth\u200d joiner\u00adsoft hyphen",
    "line one\n\nline two",
    "  leading and trailing spaces  ",
    "\ufffe\uffff non-characters",
]

LONG_TEXTS = ["x" * 20_000, "word " * 4_000, ("Sentence with a comma, and more. " * 650)[:20_000]]


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _letters(text: str) -> str:
    return "".join(c for c in text if unicodedata.bidirectional(c) == "L")


def assert_comes_back(typed: str, document: str, times: int = 1) -> None:
    """`typed` is printed (at least `times` times) in `document`, whitespace ignored."""
    want = squash(printed_text(typed))
    shown = repr(typed[:60]) + ("..." if len(typed) > 60 else "")
    if _rtl(want):
        # Order of right-to-left runs is the extractor's choice: compare letters and the RTL multiset.
        if _letters(want) not in _letters(document):
            pytest.fail(f"left-to-right letters of {shown} not printed in order")
        rtl = Counter(c for c in want if unicodedata.bidirectional(c) in ("R", "AL"))
        if rtl - Counter(document):
            pytest.fail(f"right-to-left characters lost from {shown}")
    elif document.count(want) < times:
        pytest.fail(f"{shown} printed {document.count(want)} times as typed, expected at least {times}")


def hostile_context(text: str, **changes):
    """Every user-typed field of a pack set to `text`."""
    base = make_tender()
    questions = [replace(base.questions[0], text=text, must_describe=[text], sub_criteria=[text],
                         evaluation_guidance=text), *base.questions[1:]]
    tender = make_tender(title=text, description=text, questions=questions,
                         kpis=[Kpi(text, unit=text, baseline=text, target=text), *base.kpis],
                         kpi_exemption_reason=text)
    return make_context(tender, requirements=((text, text), *make_context().requirements),
                        compliant=False, blocker_messages=(text,), **changes)


PLACEMENTS = 8
"""Contiguous copies in a hostile pack: title (details), description, question text (twice),
must-describe, guidance, requirement text, blocker message."""


@pytest.mark.parametrize("text", CORPUS, ids=[f"corpus{i}" for i in range(len(CORPUS))])
def test_corpus_prints_as_typed_in_pdf(tmp_path, text):
    out = write_pack_pdf(hostile_context(text), tmp_path / "pack.pdf")
    assert_comes_back(text, squash("".join(body_text(out))), PLACEMENTS)


def test_20000_character_text_in_every_field_flows_across_pages(tmp_path):
    text = LONG_TEXTS[1]
    out = write_pack_pdf(hostile_context(text), tmp_path / "pack.pdf")
    pages = body_text(out)
    assert len(pages) > 50
    assert_comes_back(text, squash("".join(pages)), 3)
    brief = write_brief_pdf(hostile_context(text), tmp_path / "brief.pdf")
    assert_comes_back(text, squash("".join(body_text(brief))))
    document = docx.Document(str(write_pack_docx(hostile_context(text), tmp_path / "pack.docx")))
    assert_comes_back(text, squash("".join(p.text for p in document.paragraphs)), 3)


@pytest.mark.parametrize("text", [LONG_TEXTS[0], LONG_TEXTS[2]], ids=["no-spaces", "sentences"])
def test_20000_character_paragraph_and_table_cell(tmp_path, text):
    """One huge description, question and KPI name (a single 20,000-character word is the slowest case)."""
    base = make_tender()
    tender = make_tender(description=text, questions=[replace(base.questions[0], text=text)],
                         kpis=[Kpi(text)])
    out = write_pack_pdf(make_context(tender), tmp_path / "pack.pdf")
    pages = body_text(out)
    assert len(pages) > 20
    document = squash("".join(pages))
    # Table header rows repeat on each page a row runs over, and the row's short cells print after the
    # first part of the long one; without them each long cell reads on.
    for repeated in ("KPI Unit Baseline Target Frequency Theme Published", "Quarterly Fighting climate change Yes",
                     "Response to question SV1 \u00b7 Fighting climate change"):
        assert squash(repeated) in document
        document = document.replace(squash(repeated), "")
    assert_comes_back(text, document, 4)  # description, question box, KPI table, response form


def test_huge_reference_and_organisation_still_build(tmp_path):
    ctx = make_context(make_tender(reference="R" * 20_000), organisation="Trust " * 4_000)
    for writer, name in ((write_pack_pdf, "pack.pdf"), (write_brief_pdf, "brief.pdf"),
                         (write_pack_docx, "pack.docx")):
        assert writer(ctx, tmp_path / name).stat().st_size > 0
    text = squash("".join(body_text(tmp_path / "pack.pdf")))
    assert "R" * 20_000 in text  # in full in the tender details; cut on the cover band and in the header


def test_markup_in_user_text_never_opens_a_file(tmp_path):
    picture = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (255, 0, 0)).save(picture)
    typed = f'<img src="{picture}" width="200" height="200"/> and <a href="file://{picture}">link</a>'
    out = write_pack_pdf(hostile_context(typed), tmp_path / "pack.pdf")
    reader = PdfReader(str(out))
    assert all(not page.images for page in reader.pages)
    assert b"/Subtype /Image" not in out.read_bytes()
    assert_comes_back(typed, squash("".join(body_text(out))), PLACEMENTS)


def test_characters_no_font_has_are_replaced_visibly():
    assert printed_text("a\U0010FFFDb\uE000c") == f"a{REPLACEMENT}b{REPLACEMENT}c"  # private use
    assert printed_text("中") == REPLACEMENT
    assert printed_text("ŵ Ł € — 😀") == "ŵ Ł € — 😀"
    assert printed_text("\u2764\ufe0f") == "\u2764"  # the emoji-style selector is invisible, not a square


def test_fallback_font_only_where_liberation_lacks_the_glyph():
    assert para_markup("Łódź") == "Łódź"
    assert para_markup("ok ✓") == 'ok <font name="DejaVuSans">✓</font>'
    assert "DejaVuSansBook" in para_markup("مرحبا")  # DejaVu's bold face has no Arabic
    assert para_markup("a<b>&c\nd") == "a&lt;b&gt;&amp;c<br/>d"


def test_clean_text_removes_controls_and_keeps_line_breaks():
    assert clean_text("a\x00b\tc\r\nd\x85e\u2029f\u00a0g") == "ab c\nd\ne\nf g"
    assert clean_text("\ud800") == "\ufffd"
    assert clean_text(None) == ""


def test_fallback_glyphs_are_embedded(tmp_path):
    out = write_pack_pdf(hostile_context("✓ 😀 مرحبا"), tmp_path / "pack.pdf")
    names = {str(font.get_object()["/BaseFont"]) for page in PdfReader(str(out)).pages
             for font in page["/Resources"].get_object().get("/Font", {}).values()}
    assert any("DejaVuSans" in name for name in names)
    text = "".join(pdf_text(out))
    assert "✓" in text and "😀" in text


def test_hostile_docx_reads_back(tmp_path):
    text = "O<Brien & <b>x</b> \x07 ŵ 😀\nnext line \ufffe"
    out = write_pack_docx(hostile_context(text), tmp_path / "pack.docx")
    document = docx.Document(str(out))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert squash(clean_text(text)) in squash(body)
    assert squash(clean_text(text)) in squash(cells)


SNIPPETS = st.sampled_from(["<", ">", "&", "<b>", "</i>", "<img src='x'>", "&amp;", "\n", "\t", "\x00",
                            "ŵ", "Ł", "€", "—", "😀", "שלום", "مرحبا", "中", "\u0301", "\ud800"])
HOSTILE_TEXT = st.lists(st.one_of(st.text(st.characters(exclude_categories=()), max_size=40), SNIPPETS),
                        max_size=8).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(text=HOSTILE_TEXT)
def test_any_text_builds_and_comes_back_out(tmp_path, text):
    out = write_pack_pdf(hostile_context(text), tmp_path / "pack.pdf")
    assert_comes_back(text, squash("".join(body_text(out))), PLACEMENTS)


def _clean_text_one_by_one(text: str) -> str:
    """The cleaning rules written out character by character, as the docstring of clean_text says them."""
    from sv_desktop.export.markup import _LINE_BREAKS, _invisible

    out = []
    for char in unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text)):
        category = unicodedata.category(char)
        if char == "\n":
            out.append(char)
        elif category == "Zs" or char == "\t":
            out.append(" ")
        elif category in ("Cc", "Cf") or _invisible(char):
            continue
        elif category == "Cs" or char in "\ufffe\uffff":
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=60) | st.sampled_from(CORPUS))
def test_clean_text_follows_its_rules_for_any_character(text):
    assert clean_text(text) == _clean_text_one_by_one(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80))
def test_an_ascii_line_is_escaped_as_the_character_by_character_runs_would(line):
    from sv_desktop.export.markup import _font_runs, _runs

    assert _runs(line) == _font_runs(line)
