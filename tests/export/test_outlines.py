"""Every PDF's outline (bookmarks) is its headings, in order, each nested under the heading it belongs to
and opening the page that shows it: the pack, the brief and the compliance report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import make_context, make_tender
from pypdf import PdfReader

from sv_desktop.export import write_brief_pdf, write_pack_pdf
from sv_desktop.export.blocks import Heading, nested_level
from sv_desktop.export.brief_content import build_brief
from sv_desktop.export.pack_content import build_pack
from sv_desktop.model.tender_file import read_tender_file

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(depth from 1, title, page number from 1) of every bookmark, in order."""
    reader = PdfReader(str(path))
    found: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


def expected(headings: list[Heading]) -> list[tuple[int, str]]:
    stack: list[int] = []
    return [(nested_level(stack, heading.level), " ".join(heading.text.split())) for heading in headings]


def check(path: Path, headings: list[Heading]) -> None:
    marks = outline(path)
    assert [(depth, title) for depth, title, _page in marks] == expected(headings)
    pages = PdfReader(str(path)).pages
    for _depth, title, page in marks:
        assert "".join(title.split()) in "".join(pages[page - 1].extract_text().split()), (title, page)


def test_the_outline_nests_under_the_right_heading():
    levels = [1, 2, 3, 3, 1, 3, 3, 2, 1]
    stack: list[int] = []
    assert [nested_level(stack, level) for level in levels] == [1, 2, 3, 3, 1, 2, 2, 2, 1]


@pytest.mark.parametrize("name", sorted(p.name for p in DEMO.glob("*.svtender.json")))
def test_pack_and_brief_outlines_are_their_headings(tmp_path, name):
    tender = read_tender_file(DEMO / name)
    ctx = make_context(tender, compliant=False, blocker_messages=("x",), blocker_rules=("SV-MIN-WEIGHT",))
    pack = [b for b in build_pack(ctx).body if isinstance(b, Heading)]
    check(write_pack_pdf(ctx, tmp_path / "pack.pdf"), pack)
    brief = [b for b in build_brief(ctx).body if isinstance(b, Heading)]
    check(write_brief_pdf(ctx, tmp_path / "brief.pdf"), brief)


def test_requirements_are_bookmarked_side_by_side_under_their_section(tmp_path):
    marks = outline(write_pack_pdf(make_context(make_tender()), tmp_path / "pack.pdf"))
    titles = [(depth, title) for depth, title, _page in marks]
    section = titles.index((1, "6 Requirements for bidders"))
    assert titles[section + 1:section + 4] == [(2, "Carbon Reduction Plan"), (2, "Modern slavery statement"),
                                               (2, "Evergreen Sustainable Supplier Assessment")]


def test_report_outline_has_each_heading_once(tmp_path):
    from sv_desktop.export.report_content import build_report
    from sv_desktop.services.tender_service import open_service

    service = open_service(tmp_path / "data", backup=False)
    try:
        for path in sorted(DEMO.glob("*.svtender.json")):
            service.import_tender(read_tender_file(path))
        start, end = dt.date(2026, 1, 1), dt.date(2028, 12, 31)
        out = service.export_report(start, end, tmp_path / "report.pdf")
        _document, parts = build_report(service.compliance_report(start, end))
    finally:
        service.close()
    headings = [part for part in parts if isinstance(part, Heading)]
    assert len({h.text for h in headings}) == len(headings) > 2
    check(out, headings)
