"""Evaluator workbooks: made, filled as an evaluator would, read back; tampered, mismatched and off-scale
workbooks refused whole, naming the cell, with nothing imported."""

from __future__ import annotations

import os

import pytest
from openpyxl import load_workbook

from sv_desktop.demo import load_demo
from sv_desktop.model.evaluation import Bidder, PanelMember
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import open_service

REF = "LPT-2027-021"


@pytest.fixture
def service(tmp_path):
    svc = open_service(tmp_path / "data")
    load_demo(svc)
    svc.start_evaluation(REF, pack_version="1")

    def change(ev):
        ev.bidders += [Bidder("Alpha Ltd", lot=None), Bidder("Beta CIC")]
        ev.panel += [PanelMember("Ann"), PanelMember("Bob"), PanelMember("Cat")]
    svc.change_evaluation(REF, change)
    yield svc
    svc.close()


def fill(path, scores):
    """Type scores into a workbook as Excel would save them: {row offset: (score, rationale)}."""
    book = load_workbook(path)
    sheet = book["Scores"]
    for offset, (score, rationale) in scores.items():
        sheet.cell(row=6 + offset, column=6, value=score)
        sheet.cell(row=6 + offset, column=7, value=rationale)
    book.save(path)


def test_round_trip_of_three_evaluators(service, tmp_path):
    files = service.write_evaluator_workbooks(REF, tmp_path / "books")
    assert [f.name for f in files] == [f"{REF} evaluation {n}.xlsx" for n in ("Ann", "Bob", "Cat")]
    book = load_workbook(files[0])
    assert book["Scores"].protection.sheet and book.security.lockStructure
    assert book["About this workbook"].sheet_state == "veryHidden"
    questions = service.get_evaluation(REF).questions
    rows = 2 * len(questions)
    assert book["Scores"].cell(row=6 + rows - 1, column=1).value == "Beta CIC"
    for index, path in enumerate(files):
        fill(path, {i: (min(index + 2, questions[i % len(questions)].scale_max), f"Section {i}, page {index}")
                    for i in range(rows)})
    assert service.import_evaluator_workbooks(REF, files) == 3 * rows
    ev = service.get_evaluation(REF)
    assert {(s.evaluator, s.score) for s in ev.scores if s.bidder == "Alpha Ltd" and s.question == "SV1"} == {
        ("Ann", 2), ("Bob", 3), ("Cat", 4)}
    assert ev.individual("Beta CIC", "SV1")[0].rationale.startswith("Section")
    # Made again, a workbook carries the evaluator's own scores only.
    again = service.write_evaluator_workbooks(REF, tmp_path / "again")
    assert load_workbook(again[1])["Scores"].cell(row=6, column=6).value == 3


@pytest.mark.parametrize(("tamper", "message"), [
    (lambda s: s.cell(row=6, column=6, value=9), r"Scores!F6 holds 9, off the scale of 0 to 5"),
    (lambda s: s.cell(row=7, column=6, value="four"), r"Scores!F7 holds 'four', not a whole number"),
    (lambda s: s.cell(row=6, column=6, value=2.5), r"Scores!F6 holds 2.5"),
    (lambda s: s.cell(row=6, column=1, value="Gamma plc"), r"row 6 should be Alpha Ltd on SV1"),
    (lambda s: setattr(s["F6"], "value", None), r"Scores!F6 has no score but its row has a rationale"),
])
def test_tampered_workbooks_are_refused_whole(service, tmp_path, tamper, message):
    good, bad = service.write_evaluator_workbooks(REF, tmp_path / "books")[:2]
    fill(good, {0: (3, "fine")})
    fill(bad, {0: (3, "fine"), 1: (3, "fine")})
    book = load_workbook(bad)
    tamper(book["Scores"])
    book.save(bad)
    with pytest.raises(ServiceError, match=message):
        service.import_evaluator_workbooks(REF, [good, bad])
    assert service.get_evaluation(REF).scores == []


def test_workbooks_for_another_tender_version_or_evaluator_are_refused(service, tmp_path):
    book_path = service.write_evaluator_workbooks(REF, tmp_path / "books")[0]
    service.change_evaluation(REF, lambda ev: setattr(ev, "pack_version", "2"))
    with pytest.raises(ServiceError, match="another version of the questions"):
        service.import_evaluator_workbooks(REF, [book_path])
    service.change_evaluation(REF, lambda ev: setattr(ev, "pack_version", "1"))
    service.start_evaluation("LPT-2027-014")
    service.change_evaluation("LPT-2027-014", lambda ev: ev.panel.append(PanelMember("Ann")))
    with pytest.raises(ServiceError, match="is for tender LPT-2027-021, not LPT-2027-014"):
        service.import_evaluator_workbooks("LPT-2027-014", [book_path])
    service.change_evaluation(REF, lambda ev: setattr(ev, "panel", [PanelMember("Bob")]))
    with pytest.raises(ServiceError, match="'Ann', who is not on the evaluation panel"):
        service.import_evaluator_workbooks(REF, [book_path])
    with pytest.raises(ServiceError, match="two workbooks are for Bob"):
        bob = service.write_evaluator_workbooks(REF, tmp_path / "bob")[0]
        service.import_evaluator_workbooks(REF, [bob, bob])
    assert service.get_evaluation(REF).scores == []


def test_files_that_are_not_workbooks(service, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    with pytest.raises(ServiceError, match="not an Excel workbook"):
        service.import_evaluator_workbooks(REF, [text])
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(ServiceError, match="not a regular file"):
        service.import_evaluator_workbooks(REF, [fifo])
    huge = tmp_path / "huge.xlsx"
    with open(huge, "wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    with pytest.raises(ServiceError, match="larger than"):
        service.import_evaluator_workbooks(REF, [huge])


def test_scores_lock_when_moderation_opens(service, tmp_path):
    path = service.write_evaluator_workbooks(REF, tmp_path / "books")[0]
    fill(path, {0: (3, "fine")})
    service.change_evaluation(REF, lambda ev: ev.open_moderation())
    with pytest.raises(ServiceError, match="locked"):
        service.import_evaluator_workbooks(REF, [path])


def test_a_zip_bomb_is_refused_before_unpacking(service, tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ServiceError, match="unpacks to more"):
        service.import_evaluator_workbooks(REF, [bomb])


def test_a_workbook_made_in_another_language_is_read_back_in_any(service, tmp_path):
    """Sheet names, headers and instructions are translated; the importer finds the scores sheet by the
    name recorded in the hidden sheet, so a workbook made in the pseudo-locale imports in English too."""
    from sv_desktop import i18n

    before = i18n.install(i18n.PSEUDO)
    try:
        files = service.write_evaluator_workbooks(REF, tmp_path / "pseudo")
    finally:
        i18n.install(before)
    book = load_workbook(files[0])
    scores_name = book.sheetnames[0]
    assert scores_name != "Scores" and "Šćóŕéš" in scores_name
    assert "[" not in "".join(book.sheetnames)  # Excel refuses [ ] : in sheet names
    sheet = book[scores_name]
    assert sheet.cell(row=5, column=1).value.startswith("[Ɓíďďéŕ")
    assert "Éńţéŕ" in sheet.cell(row=3, column=1).value
    questions = service.get_evaluation(REF).questions
    rows = 2 * len(questions)
    for path in files:
        book = load_workbook(path)
        for offset in range(rows):
            book[scores_name].cell(row=6 + offset, column=6, value=1)
            book[scores_name].cell(row=6 + offset, column=7, value="Page 2")
        book.save(path)
    assert service.import_evaluator_workbooks(REF, files[:1]) == rows  # read in English
    i18n.install(i18n.PSEUDO)
    try:
        assert service.import_evaluator_workbooks(REF, files[1:]) == 2 * rows  # and in the pseudo-locale
    finally:
        i18n.install(before)
    assert {s.evaluator for s in service.get_evaluation(REF).scores} == {"Ann", "Bob", "Cat"}
