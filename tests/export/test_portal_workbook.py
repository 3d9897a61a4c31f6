"""Portal import workbooks read back with openpyxl (and csv) and compared with the pack they come from."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from sv_desktop.cli import main
from sv_desktop.demo import load_demo
from sv_desktop.export.pack_content import ordered_questions, question_weights
from sv_desktop.export.portal_workbook import share_of_100
from sv_desktop.model.portal_profiles import TRUST_FOLDER, load_profiles
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import open_service

PROFILES = ("neutral", "proactis-webprocure", "award-atamis")


@pytest.fixture(scope="module")
def demo_service(tmp_path_factory):
    service = open_service(tmp_path_factory.mktemp("portal") / "data")
    load_demo(service)
    yield service
    service.close()


def _sheet(path):
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return book, sheet, rows[0], rows[1:]


def _column(headers, rows, name):
    index = headers.index(name)
    return [row[index] for row in rows]


def _pack_items(service, tender):
    ctx = service._pack_context(tender)
    return [(ref, question, share) for _theme, items in ordered_questions(ctx) for ref, question, share in items]


def test_bundled_profiles_load():
    profiles = load_profiles()
    assert set(PROFILES) <= set(profiles)
    assert [c.header for c in profiles["proactis-webprocure"].columns][:4] == [
        "Section", "Section Description", "Section Weight", "Section Buyer-Only"]
    assert [c.header for c in profiles["award-atamis"].columns] == [
        "Question", "Code", "Lot", "Name", "Type", "Description", "Instruction", "Question Path"]


def test_neutral_workbook_agrees_with_the_pack(demo_service, tmp_path):
    for summary in demo_service.list_tenders():
        tender = demo_service.get(summary.reference)
        items = _pack_items(demo_service, tender)
        out, notes = demo_service.export_portal(tender, tmp_path / f"{tender.reference}.xlsx", "neutral")
        _book, sheet, headers, rows = _sheet(out)
        assert sheet.title == "Questions"
        assert _column(headers, rows, "Question reference") == [ref for ref, _q, _s in items]
        assert _column(headers, rows, "Question") == [" ".join(q.text.split()) for _r, q, _s in items]
        assert _column(headers, rows, "Word limit") == [q.word_limit for _r, q, _s in items]
        weights = [Decimal(str(w)) for w in _column(headers, rows, "Question weight (% of total score)")]
        assert weights == [s for _r, _q, s in items]
        pack_total = sum((w for w in question_weights(tender) if w is not None), Decimal(0))
        assert sum(weights, Decimal(0)) == pack_total
        # Every weighted theme of the demo tenders has questions, so the workbook totals the SV weighting.
        assert abs(pack_total - tender.social_value_weighting_pct) <= Decimal("0.01") * len(items)
        scale_max = {"0-5": 5, "0-100": 100}
        assert _column(headers, rows, "Score maximum") == [scale_max[q.scoring_scale] for _r, q, _s in items]
        assert set(_column(headers, rows, "Score minimum")) == {0}
        assert notes == []


def test_proactis_sections_total_100_and_keep_the_pack_proportions(demo_service, tmp_path):
    tender = demo_service.get("LPT-2027-014")
    out, _notes = demo_service.export_portal(tender, tmp_path / "p.xlsx", "proactis-webprocure")
    _book, _ws, headers, rows = _sheet(out)
    sections = dict(zip(_column(headers, rows, "Section"), _column(headers, rows, "Section Weight"), strict=True))
    assert sum(Decimal(str(v)) for v in sections.values()) == 100
    themes = {demo_service.content.themes[c.theme].label: c.weighting_pct for c in tender.themes}
    total = sum(themes[name] for name in sections)
    for name, weight in sections.items():
        assert abs(Decimal(str(weight)) - themes[name] * 100 / total) < Decimal("0.01")
    assert set(_column(headers, rows, "Question Type")) == {"Text"}
    assert set(_column(headers, rows, "Required")) == {"Yes"}
    assert set(_column(headers, rows, "Section Buyer-Only")) == {"No"}
    assert all(_column(headers, rows, "Section Description"))


def test_award_items_are_plain_single_line_text_within_250_characters(demo_service, tmp_path):
    tender = demo_service.get("LPT-2027-040")
    tender.questions[0].title = "A very long title " * 30
    tender.questions[0].text = "Line one\n\n<b>bold</b> =SUM(A1:A2)\nline three"
    out, notes = demo_service.export_portal(tender, tmp_path / "a.xlsx", "award-atamis")
    _book, sheet, headers, rows = _sheet(out)
    for row in rows:
        for value in row:
            if isinstance(value, str):
                assert "\n" not in value
    for name in ("Code", "Name", "Question Path"):
        assert all(len(value) <= 250 for value in _column(headers, rows, name))
    assert _column(headers, rows, "Code") == [ref for ref, _q, _s in _pack_items(demo_service, tender)]
    assert set(_column(headers, rows, "Type")) == {"TEXT"}
    assert _column(headers, rows, "Name")[0].endswith("\u2026")
    assert notes == ["SV1: Name shortened to 250 characters, as the portal keeps no more."]
    # Text that looks like markup or a formula stays text, exactly as typed.
    first = sheet.cell(row=2, column=1)
    assert first.value == "Line one <b>bold</b> =SUM(A1:A2) line three"
    assert first.data_type == "s"


def test_lots_are_named_where_the_tender_is_divided(demo_service, tmp_path):
    tender = demo_service.get("LPT-2027-014")
    tender.lots.divided, tender.lots.lot_count = True, 3
    out, _notes = demo_service.export_portal(tender, tmp_path / "l.xlsx", "award-atamis")
    _book, _ws, headers, rows = _sheet(out)
    assert set(_column(headers, rows, "Lot")) == {"All lots"}
    tender.lots.divided = False
    out, _notes = demo_service.export_portal(tender, tmp_path / "l2.xlsx", "award-atamis")
    _book, _ws, headers, rows = _sheet(out)
    assert set(_column(headers, rows, "Lot")) == {None}


def test_csv_holds_the_same_rows_as_the_workbook(demo_service, tmp_path):
    tender = demo_service.get("LPT-2027-021")
    xlsx, _ = demo_service.export_portal(tender, tmp_path / "n.xlsx", "neutral")
    table, _ = demo_service.export_portal(tender, tmp_path / "n.csv", "neutral")
    _book, _ws, headers, rows = _sheet(xlsx)
    with open(table, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert tuple(lines[0]) == headers
    assert len(lines) - 1 == len(rows)
    refs = _column(headers, rows, "Question reference")
    assert [line[headers.index("Question reference")] for line in lines[1:]] == refs
    assert [line[headers.index("Guidance for bidders")] for line in lines[1:]] == _column(
        headers, rows, "Guidance for bidders")


def test_about_sheet_names_the_tender_and_the_profile(demo_service, tmp_path):
    tender = demo_service.get("LPT-2027-033")
    out, _ = demo_service.export_portal(tender, tmp_path / "n.xlsx", "neutral")
    book = load_workbook(out)
    assert book.sheetnames == ["Questions", "About"]
    about = [row for row in book["About"].iter_rows(values_only=True) if any(row)]
    assert about[0][0].startswith("LPT-2027-033")
    assert ("Portal profile", "Neutral question table") in [tuple(row[:2]) for row in about]
    out, _ = demo_service.export_portal(tender, tmp_path / "p.xlsx", "proactis-webprocure")
    assert load_workbook(out).sheetnames == ["Questionnaire"]


TRUST_PROFILE = """\
name: Our portal
description: The Trust's own template.
source: The Trust's e-tendering team.
response_types:
  text: Free text
columns:
  - {header: Ref, field: question_reference}
  - {header: Weight, field: question_weight_of_section}
  - {header: Ask, field: question_text}
  - {header: Owner, fixed: Procurement}
"""


def test_a_trust_profile_in_the_data_folder_is_picked_up(demo_service, tmp_path):
    folder = demo_service.data_dir / TRUST_FOLDER
    folder.mkdir(exist_ok=True)
    (folder / "our-portal.yaml").write_text(TRUST_PROFILE, encoding="utf-8")
    try:
        assert demo_service.portal_profiles()["our-portal"] == "Our portal"
        tender = demo_service.get("LPT-2027-014")
        out, _ = demo_service.export_portal(tender, tmp_path / "o.xlsx", "our-portal")
        _book, _ws, headers, rows = _sheet(out)
        assert headers == ("Ref", "Weight", "Ask", "Owner")
        assert set(_column(headers, rows, "Owner")) == {"Procurement"}
        by_section: dict[str, Decimal] = {}
        for (_ref, question, _share), weight in zip(_pack_items(demo_service, tender),
                                                   _column(headers, rows, "Weight"), strict=True):
            by_section[question.theme] = by_section.get(question.theme, Decimal(0)) + Decimal(str(weight))
        assert set(by_section.values()) == {Decimal(100)}
        (folder / "our-portal.yaml").write_text(TRUST_PROFILE.replace("question_text", "question_txt"),
                                                encoding="utf-8")
        with pytest.raises(ServiceError, match=r"our-portal\.yaml: columns\[2\]\.field: is not a known field"):
            demo_service.export_portal(tender, tmp_path / "bad.xlsx", "our-portal")
    finally:
        (folder / "our-portal.yaml").unlink()


def test_unknown_profile_and_format_are_refused_with_nothing_written(demo_service, tmp_path):
    tender = demo_service.get("LPT-2027-014")
    with pytest.raises(ServiceError, match="no portal profile 'jaggaer'"):
        demo_service.export_portal(tender, tmp_path / "x.xlsx", "jaggaer")
    with pytest.raises(ServiceError, match=r"\.xlsx or \.csv"):
        demo_service.export_portal(tender, tmp_path / "x.pdf", "neutral")
    assert list(tmp_path.iterdir()) == []


def test_cli_portal_command(data_dir, tmp_path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "award.xlsx"
    assert main(["portal", "LPT-2027-014", "--out", str(out), "--profile", "award-atamis"]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out}"
    _book, _ws, headers, rows = _sheet(out)
    assert headers[:2] == ("Question", "Code") and rows
    assert main(["portal", "LPT-2027-014", "--out", str(tmp_path / "x.xlsx"), "--profile", "nope"]) == 2
    assert "no portal profile 'nope'" in capsys.readouterr().err


@given(st.lists(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2), min_size=1,
                max_size=12))
def test_shares_of_100_always_total_exactly_100(weights):
    shares = share_of_100(weights)
    assert sum(shares, Decimal(0)) == 100
    total = sum(weights, Decimal(0))
    for weight, share in zip(weights, shares, strict=True):
        assert abs(share - weight * 100 / total) < Decimal("0.01")


def test_the_documentation_lists_every_field_and_bundled_profile():
    from pathlib import Path

    from sv_desktop.model.portal_profiles import FIELDS

    text = (Path(__file__).resolve().parents[2] / "docs" / "portal-profiles.md").read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"| `{name}` |" in text
    for profile_id in load_profiles():
        assert f"`{profile_id}`" in text
