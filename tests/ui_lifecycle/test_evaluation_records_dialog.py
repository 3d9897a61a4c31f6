"""The evaluation screens' remaining buttons on a real SQLite data folder, only the file dialogs answered:
evaluator workbooks written to a folder and a filled one imported (a tampered one refused whole, the cell named),
a panel member renamed with their scores, the moderation record and the assessment summaries written and read
back, the award notice date and the day the summaries were sent recorded; then a team reader's scores tab."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from sv_desktop.demo import load_demo
from sv_desktop.model.evaluation import Bidder, PanelMember, TeamView
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import TenderService
from sv_desktop.settings import load_settings
from sv_desktop.store import TenderStore
from sv_desktop.ui.evaluation.dialog import TAB_RESULTS, TAB_SCORES, EvaluationDialog
from sv_desktop.ui.evaluation.scores_tab import team_note

from .test_evaluation_dialog import click, settle, type_into

SCORING = "LPT-2027-014"
EVALUATED = "LPT-2026-017"  # the community equipment example: evaluated, moderation closed


def open_dialog(qtbot, service, reference):
    dialog = EvaluationDialog(service, reference, service.get(reference).title)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)
    return dialog


def read_back(data_dir, reference):
    """The evaluation as a fresh service, on the same data folder, reads it."""
    paths = app_paths(data_dir)
    fresh = TenderService(TenderStore.open(paths), load_settings(paths))
    try:
        return fresh.get_evaluation(reference)
    finally:
        fresh.close()


def choose_folder(monkeypatch, folder):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))


def choose_files(monkeypatch, *paths):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in paths], "")))


def fill(path, score, row_score=None):
    """Score every row of a workbook's Scores sheet (row_score: {row: value} overrides)."""
    book = load_workbook(path)
    sheet = book["Scores"]
    row = 6
    while sheet.cell(row=row, column=1).value:
        sheet.cell(row=row, column=6, value=(row_score or {}).get(row, score))
        sheet.cell(row=row, column=7, value=f"Method statement p.{row}")
        row += 1
    book.save(path)
    return row - 6


@pytest.fixture
def scoring(qtbot, service):
    load_demo(service)
    service.start_evaluation(SCORING, pack_version="2")

    def panel(ev):
        ev.bidders += [Bidder("Alpha Ltd"), Bidder("Beta CIC")]
        ev.panel += [PanelMember("Ann Smith", "Chair"), PanelMember("Bob Jones", "Fleet manager")]
    service.change_evaluation(SCORING, panel)
    return open_dialog(qtbot, service, SCORING)


def test_workbooks_out_and_back_a_tampered_one_refused_and_a_renamed_member_keeps_the_scores(
        qtbot, monkeypatch, service, scoring, data_dir, tmp_path):
    dialog = scoring
    dialog.tabs.setCurrentIndex(TAB_SCORES)
    tab = dialog.scores_tab
    folder = tmp_path / "workbooks"
    choose_folder(monkeypatch, folder)
    click(qtbot, dialog, tab.write_button)
    ann, bob = service.evaluator_workbook_files(SCORING, folder)
    assert ann.is_file() and bob.is_file()
    assert "Wrote 2 evaluator workbooks" in tab.message.text()

    rows = fill(ann, 1)
    choose_files(monkeypatch, ann)
    click(qtbot, dialog, tab.import_button)
    assert tab.message.text() == f"Imported {rows} scores."
    stored = read_back(data_dir, SCORING)
    assert len(stored.scores) == rows and {s.evaluator for s in stored.scores} == {"Ann Smith"}
    assert {s.score for s in stored.scores} == {1}
    tab.evaluator.setCurrentText("Ann Smith")
    assert tab.grid.item(0, 0).text() == "1"

    fill(bob, 2, {7: 99})  # the second row off every scale
    choose_files(monkeypatch, bob)
    click(qtbot, dialog, tab.import_button)
    shown = tab.message.text()
    assert shown.startswith("Nothing was imported") and "Scores!F7" in shown and "99" in shown
    assert {s.evaluator for s in read_back(data_dir, SCORING).scores} == {"Ann Smith"}

    # Ann renamed on the panel tab: her scores are hers under the new name.
    panel = dialog.panel_tab
    dialog.tabs.setCurrentIndex(0)
    panel.members.selectRow(0)
    assert panel.member_name.text() == "Ann Smith"
    type_into(qtbot, panel.member_name, "Ann Smith-Khan")
    click(qtbot, dialog, panel.save_member)
    stored = read_back(data_dir, SCORING)
    assert [m.name for m in stored.panel] == ["Ann Smith-Khan", "Bob Jones"]
    assert len(stored.scores) == rows and {s.evaluator for s in stored.scores} == {"Ann Smith-Khan"}
    assert tab.evaluator.findText("Ann Smith-Khan") >= 0 and tab.evaluator.findText("Ann Smith") < 0


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def word_text(path) -> str:
    document = docx.Document(path)
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])


def test_records_written_and_the_dates_recorded(qtbot, monkeypatch, service, data_dir, tmp_path):
    load_demo(service)
    dialog = open_dialog(qtbot, service, EVALUATED)
    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    tab = dialog.results_tab
    evaluation = service.get_evaluation(EVALUATED)

    record = tmp_path / "records" / "moderation"
    record.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(record), "")))
    click(qtbot, dialog, tab.moderation_button)
    written = record.with_suffix(".pdf")
    assert tab.message.text() == f"Saved the moderation record as {written}."
    text = pdf_text(written)
    assert EVALUATED in text
    assert all(member.name in text for member in evaluation.panel)

    folder = tmp_path / "summaries"
    choose_folder(monkeypatch, folder)
    click(qtbot, dialog, tab.summaries_button)
    files = service.assessment_summary_files(EVALUATED, folder)
    assert tab.message.text() == f"Wrote {2 * len(files)} files in {folder}."
    for bidder, pdf, word in files:
        assert bidder in pdf_text(pdf) and bidder in word_text(word)

    type_into(qtbot, tab.notice_date.edit, "02/11/2026")
    click(qtbot, dialog, tab.notice_button)
    assert tab.message.text() == "Recorded the award notice date."
    assert "published 02/11/2026" in tab.standstill.text()  # was 14/10/2026
    type_into(qtbot, tab.sent_on.edit, "20/11/2026")
    click(qtbot, dialog, tab.sent_button)
    assert tab.message.text() == "Recorded the day the summaries were sent."
    assert tab.sent_state.text() == "Sent to 3 bidders, last on 20/11/2026."  # was 13/10/2026
    stored = read_back(data_dir, EVALUATED)
    assert stored.award_notice_date == dt.date(2026, 11, 2)
    assert {b.summary_sent_on for b in stored.bidders} == {dt.date(2026, 11, 20)}


def test_a_team_reader_sees_only_their_own_column(qtbot, service, scoring):
    dialog = scoring
    tab = dialog.scores_tab
    state = dialog.state
    view = TeamView("Bob Jones", (("Ann Smith", 4), ("Bob Jones", 0)), 8)
    state.evaluation.team_view = view
    tab.show_state(state)
    assert [tab.evaluator.itemText(i) for i in range(tab.evaluator.count())] == ["Bob Jones"]
    assert tab.team_note.isVisibleTo(tab) and tab.team_note.text() == team_note(view)
    assert "as Bob Jones" in tab.team_note.text() and "Ann Smith 4 of 8" in tab.team_note.text()
    assert tab.save_button.isEnabled()

    lead = TeamView("", view.entered, 8)
    state.evaluation.team_view = lead
    tab.show_state(state)
    assert tab.evaluator.count() == 0 and not tab.save_button.isEnabled()
    assert "not on the panel" in tab.team_note.text()
