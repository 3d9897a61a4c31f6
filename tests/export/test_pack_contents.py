"""The pack's contents page, laid out in the same single pass as the rest: each page number is the page
its heading is printed on, and each entry, like each outline entry, opens that page."""

from __future__ import annotations

import re

import pytest
from conftest import body_text, make_context, make_tender, pdf_text, squash
from pypdf import PdfReader

from sv_desktop.export import write_pack_pdf
from sv_desktop.export.blocks import Heading
from sv_desktop.export.pack_content import build_pack
from sv_desktop.model.tender import Question


@pytest.fixture(scope="module")
def long_pack(tmp_path_factory):
    """Many long questions, so the sections start on many different pages."""
    base = make_tender()
    questions = [Question(theme=q.theme, title=f"{q.title} ({n})", text=(q.text + " ") * 12,
                          weighting_pct=None, word_limit=500)
                 for n, q in enumerate(base.questions * 4, start=1)]
    ctx = make_context(make_tender(questions=questions))
    out = tmp_path_factory.mktemp("contents") / "pack.pdf"
    write_pack_pdf(ctx, out)
    listed = [block.text for block in build_pack(ctx).body
              if isinstance(block, Heading) and block.toc and block.level <= 2]
    return out, listed


def _page_numbers(reader: PdfReader) -> dict[int, int]:
    return {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, start=1)}


def test_every_number_is_the_page_its_heading_is_printed_on(long_pack):
    out, listed = long_pack
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", pdf_text(out)[1], re.M)]
    assert len(numbers) == len(listed) > 8
    assert len(set(numbers)) > 4, "the sections should start on several different pages"
    pages = body_text(out)
    for heading, number in zip(listed, numbers, strict=True):
        assert squash(heading) in squash(pages[number - 1]), f"{heading!r} is not on page {number}"
        earlier = [n for n in range(3, number) if squash(heading) in squash(pages[n - 1])]
        assert not earlier, f"{heading!r} is listed on page {number} but printed on page {earlier[0]}"


def test_entries_and_outline_open_the_heading_page(long_pack):
    out, listed = long_pack
    reader = PdfReader(str(out))
    page_of = _page_numbers(reader)
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", pdf_text(out)[1], re.M)]
    links = [annotation.get_object() for annotation in reader.pages[1]["/Annots"]]
    targets = [page_of[link["/Dest"][0].idnum] for link in links if link.get("/Subtype") == "/Link"]
    assert targets == [n for n in numbers for _ in (1, 2)], "the entry's text and its number both link there"
    outline: dict[str, int] = {}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline.setdefault(item.title, reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    assert outline["Contents"] == 2
    for heading, number in zip(listed, numbers, strict=True):
        assert outline[heading] == number, heading
