"""The Bid Lead's walk through the bid screens on a real SQLite data folder: a bid typed from opportunity
to submitted (a move refused over the word limit on the way, then put right, and an approval recorded),
read back through a fresh service; a win making a contract in delivery with KPIs; the list's
tenders / bids / both filter."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from PySide6.QtCore import Qt

from sv_desktop.model.commitment import Commitment
from sv_desktop.ui.worker import wait_for_all

from .conftest import answer

ANSWER = ("The Trust will offer 4 apprenticeships a year from April 2027 for local young people, led by "
          "the Head of Workforce, reported quarterly to the commissioner with numbers started and completed, "
          "beyond the core service")


def _apprenticeships(service) -> None:
    service.save_commitment(Commitment(
        id="apprenticeships", title="Apprenticeships for local young people", theme="fighting_climate_change", quantity=Decimal(4), unit="apprenticeships a year",
        target="4 a year", owner="Head of Workforce", capacity=Decimal(10)))


def _main(qtbot, service):
    from sv_desktop.ui.main_window import MainWindow

    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    return window


def _settle(qtbot, bid_window) -> None:
    wait_for_all()
    qtbot.waitUntil(lambda: not bid_window.autosaver.saving, timeout=5000)


def _move(qtbot, bid_window, stage: str) -> None:
    bid_window.tabs.setCurrentIndex(3)
    before = bid_window.bid.stage
    qtbot.mouseClick(bid_window.stage.move_buttons[stage], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bid_window.bid.stage != before or bid_window.stage.blockers.isVisible(), timeout=5000)


def test_a_bid_from_opportunity_to_submitted_then_won(qtbot, real_service, monkeypatch, tmp_path):
    _apprenticeships(real_service)
    window = _main(qtbot, real_service)
    assert window.bids is not None
    window.bids.new_action.trigger()
    bid_window = window.bids.windows[-1]
    reference = bid_window.bid.reference
    page = bid_window.opportunity
    qtbot.keyClicks(page.title, "Community nursing, North locality")
    qtbot.keyClicks(page.commissioner, "North ICB")
    qtbot.keyClicks(page.value.edit, "2.4m")
    qtbot.keyClicks(page.duration.edit, "36")
    qtbot.keyClicks(page.weighting.edit, "10")
    qtbot.keyClicks(page.deadline.edit, "30/04/2027")
    page.themes[next(iter(page.themes))].setChecked(True)
    bid_window.tabs.setCurrentIndex(1)
    qtbot.mouseClick(bid_window.questions.add_button, Qt.MouseButton.LeftButton)
    questions = bid_window.questions
    questions.number.clear()
    qtbot.keyClicks(questions.number, "SV1")
    qtbot.keyClicks(questions.text, "How will you create local employment and apprenticeships?")
    questions.limit.edit.clear()
    qtbot.keyClicks(questions.limit.edit, "20")
    bid_window.tabs.setCurrentIndex(2)
    editor = bid_window.responses
    qtbot.waitUntil(lambda: editor.pick.count() == 1, timeout=5000)
    qtbot.keyClicks(editor.answer, ANSWER)
    assert "over the limit of 20" in editor.count.text()  # the live count
    assert "hyphenated words" in editor.rule.text()
    qtbot.mouseClick(editor.add_commitment, Qt.MouseButton.LeftButton)
    assert editor.commitments.count() == 1
    _settle(qtbot, bid_window)

    _move(qtbot, bid_window, "go_no_go")
    _move(qtbot, bid_window, "writing")
    qtbot.keyClicks(bid_window.stage.bid_lead, "Sam Patel")
    _move(qtbot, bid_window, "approved")
    assert bid_window.bid.stage == "writing"
    refusal = bid_window.stage.blockers.text()
    assert "SV1" in refusal and "limit" in refusal and "Traceback" not in refusal

    bid_window.tabs.setCurrentIndex(2)
    editor.answer.selectAll()
    editor.answer.clear()
    qtbot.keyClicks(editor.answer, "4 apprenticeships a year from April 2027, led by the Head of Workforce, "
                                   "reported quarterly.")
    assert "of 20 words" in editor.count.text()
    bid_window.tabs.setCurrentIndex(3)
    qtbot.keyClicks(bid_window.stage.approver, "Director of Finance")
    qtbot.keyClicks(bid_window.stage.approved_on.edit, "01/03/2027")
    _move(qtbot, bid_window, "approved")
    assert bid_window.bid.stage == "approved", bid_window.stage.blockers.text()
    assert not bid_window.stage.blockers.isVisible()
    _move(qtbot, bid_window, "submitted")
    assert bid_window.bid.stage == "submitted"
    _settle(qtbot, bid_window)

    from sv_desktop.services.tender_service import open_service

    fresh = open_service(data_dir=tmp_path / "data")
    try:
        stored = fresh.get_bid(reference)
    finally:
        fresh.close()
    assert stored.stage == "submitted" and stored.title == "Community nursing, North locality"
    assert stored.commissioner == "North ICB" and stored.value_gbp == Decimal(2_400_000)
    assert stored.duration_months == 36 and stored.social_value_weighting_pct == Decimal(10)
    assert stored.approver == "Director of Finance" and stored.approved_on is not None
    assert stored.bid_lead == "Sam Patel" and stored.submission_deadline.date().isoformat() == "2027-04-30"
    assert [(q.number, q.limit, q.commitment_ids) for q in stored.questions] == [("SV1", 20, ["apprenticeships"])]
    assert stored.questions[0].answer.startswith("4 apprenticeships")

    asked = answer(monkeypatch, "question")
    contracts = []
    bid_window.contract_made.connect(contracts.append)
    qtbot.mouseClick(bid_window.stage.won_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(contracts), timeout=5000)
    assert asked and "KPIs" in asked[0]
    assert bid_window.bid.stage == "won"
    contract = real_service.get(contracts[0])
    assert contract.stage == "awarded"
    assert [k.name for k in contract.kpis] == ["Apprenticeships for local young people"]
    qtbot.waitUntil(lambda: window.model is not None and window.model.row_of(contracts[0]) >= 0, timeout=5000)
    bid_window.close()


def test_the_list_shows_tenders_bids_or_both(qtbot, real_service):
    tender = real_service.new_tender("Wheelchair services")
    real_service.save(tender)
    bid = real_service.new_bid("Community nursing")
    real_service.save_bid(bid)
    window = _main(qtbot, real_service)
    assert window.bids is not None and window.proxy is not None

    def shown() -> set[str]:
        proxy = window.proxy
        return {proxy.index(row, 0).data() for row in range(proxy.rowCount())}

    assert shown() == {tender.reference, bid.reference}
    window.bids.kind.setCurrentIndex(window.bids.kind.findData("bid"))
    assert shown() == {bid.reference}
    assert not window.duplicate_action.isEnabled() or window.selected_reference() != bid.reference
    window.bids.kind.setCurrentIndex(window.bids.kind.findData("tender"))
    assert shown() == {tender.reference}
    window.bids.kind.setCurrentIndex(0)
    assert window.select(bid.reference)
    assert window.open_action.isEnabled() and not window.duplicate_action.isEnabled()
    stage_column = 4
    row = window.proxy.mapFromSource(window.model.index(window.model.row_of(bid.reference), stage_column))
    assert row.data() == "Opportunity"
    window.open_selected()
    qtbot.waitUntil(lambda: bool(window.bids.windows), timeout=5000)
    assert window.bids.windows[0].bid.reference == bid.reference
    window.bids.windows[0].close()


def test_the_bids_documents_and_pipeline_are_written_from_the_screens(qtbot, real_service, monkeypatch, tmp_path):
    """The worked example bid: its response document (Word, then PDF), its approval summary and the bid
    pipeline, each chosen in a save dialog and written off the UI thread, read back as the bidder and the
    approver would."""
    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from sv_desktop.demo import load_demo_bids

    reference = load_demo_bids(real_service)[0].reference
    window = _main(qtbot, real_service)
    bid_window = window.bids.show_bid(real_service.get_bid(reference))
    chosen: list[tuple[str, str]] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: chosen.pop(0)))

    def write(kind: str, target, file_type: str):
        chosen.append((str(target), file_type))
        bid_window.tabs.setCurrentIndex(3)
        qtbot.mouseClick(bid_window.stage.document_buttons[kind], Qt.MouseButton.LeftButton)
        wait_for_all()
        qtbot.waitUntil(lambda: "Saved" in bid_window.notice.text(), timeout=10_000)

    word = tmp_path / "response"  # no suffix typed: the chosen type adds it
    write("response", word, "Word document (*.docx)")
    text = "\n".join(p.text for p in Document(str(word.with_suffix(".docx"))).paragraphs)
    questions = [q.number for q in real_service.get_bid(reference).questions]
    assert all(f"Question {number}" in text for number in questions)
    bid_window.show_notice("")
    write("response", tmp_path / "response.pdf", "PDF document (*.pdf)")
    pdf = "".join(page.extract_text() for page in PdfReader(tmp_path / "response.pdf").pages)
    assert f"Question {questions[0]}" in pdf
    bid_window.show_notice("")
    write("approval", tmp_path / "approval.pdf", "PDF document (*.pdf)")
    assert len(PdfReader(tmp_path / "approval.pdf").pages) == 1

    chosen.append((str(tmp_path / "bids.xlsx"), "Excel workbooks (*.xlsx)"))
    window.bids.pipeline_action.trigger()
    wait_for_all()
    qtbot.waitUntil(lambda: (tmp_path / "bids.xlsx").exists(), timeout=10_000)
    cells = {cell for row in load_workbook(tmp_path / "bids.xlsx").active.iter_rows(values_only=True) for cell in row}
    assert reference in cells
    bid_window.close()


def test_a_lost_bid_is_recorded_and_its_lessons_shown_on_the_next_similar_question(qtbot, real_service):
    """The worked example bid, submitted and lost: the Bid Lead types the commissioner's scores, feedback and
    the lessons into the loss dialog; they are stored, and a later bid asked a similar question shows them."""
    from sv_desktop.demo import load_demo_bids

    example = load_demo_bids(real_service)[0]
    real_service.move_bid(real_service.get_bid(example.reference), "submitted")
    window = _main(qtbot, real_service)
    bid_window = window.bids.show_bid(real_service.get_bid(example.reference))
    bid_window.tabs.setCurrentIndex(3)
    qtbot.mouseClick(bid_window.stage.lost_button, Qt.MouseButton.LeftButton)
    dialog = bid_window.stage.lost_dialog
    first = example.questions[0].number
    qtbot.keyClicks(dialog.decided_on.edit, "15/06/2027")
    qtbot.keyClicks(dialog.total_score, "61")
    qtbot.keyClicks(dialog.winner_score, "74")
    qtbot.keyClicks(dialog.feedback, "Strong local partnerships but thin evidence of delivery")
    qtbot.keyClicks(dialog.lessons, "Quote last year's apprenticeship completions as evidence")
    qtbot.keyClicks(dialog.scores[first][0], "6/10")
    qtbot.keyClicks(dialog.scores[first][1], "Targets lacked a baseline for year one")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_for_all()
    qtbot.waitUntil(lambda: bid_window.bid.stage == "lost", timeout=10_000)

    stored = real_service.get_bid(example.reference)
    assert stored.stage == "lost" and stored.outcome.total_score == "61" and stored.outcome.winner_score == "74"
    assert stored.outcome.lessons == "Quote last year's apprenticeship completions as evidence"
    assert (stored.questions[0].score, stored.questions[0].feedback) == ("6/10", "Targets lacked a baseline for "
                                                                                  "year one")
    bid_window.close()

    later = real_service.new_bid("Community nursing, South locality")
    later.questions = [dataclasses.replace(example.questions[0], answer="")]
    real_service.save_bid(later)
    later_window = window.bids.show_bid(real_service.get_bid(later.reference))
    later_window.tabs.setCurrentIndex(2)
    later_window.responses.check_timer.stop()
    later_window.responses.check()
    wait_for_all()
    qtbot.waitUntil(lambda: "apprenticeship completions" in later_window.responses.lessons_text.text(),
                    timeout=10_000)
    assert "Targets lacked a baseline" in later_window.responses.lessons_text.text()
    later_window.close()


def test_a_bid_counts_down_to_its_submission_deadline_in_the_list(qtbot, real_service):
    import datetime as dt

    from sv_desktop.ui.tender_table import COL_DAYS

    bid = real_service.new_bid("Community nursing")
    bid.submission_deadline = dt.datetime.combine(real_service.today() + dt.timedelta(days=10), dt.time(12),
                                                  tzinfo=dt.UTC)
    real_service.save_bid(bid)
    window = _main(qtbot, real_service)
    row = window.model.row_of(bid.reference)
    cell = window.model.index(row, COL_DAYS)
    assert cell.data() == "10"
    deadline = (real_service.today() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    assert f"Bid to be submitted by {deadline}" in cell.data(Qt.ItemDataRole.ToolTipRole)
