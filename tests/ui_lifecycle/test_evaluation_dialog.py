"""The evaluation screens on a real SQLite data folder: bidders and panel, scores typed key by key, moderation
(a consensus without its reason refused), results equal to the service's, and the award creating the KPIs,
read back through a fresh service."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from sv_desktop.demo import load_demo
from sv_desktop.model.evaluation import display
from sv_desktop.paths import app_paths
from sv_desktop.services.tender_service import TenderService
from sv_desktop.settings import load_settings
from sv_desktop.store import TenderStore
from sv_desktop.ui.evaluation.dialog import TAB_MODERATION, TAB_RESULTS, TAB_SCORES, EvaluationDialog

REF = "LPT-2027-014"


@pytest.fixture
def dialog(qtbot, service):
    load_demo(service)
    opened = EvaluationDialog(service, REF, service.get(REF).title)
    qtbot.addWidget(opened)
    opened.show()
    settle(qtbot, opened)
    return opened


def settle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.pending == 0, timeout=20_000)


def click(qtbot, dialog, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog)


def type_into(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def add_bidder(qtbot, dialog, name, postcode, *, sme=False, vcse=False):
    tab = dialog.panel_tab
    type_into(qtbot, tab.bidder_name, name)
    type_into(qtbot, tab.postcode, postcode)
    type_into(qtbot, tab.identifier, "01234567")
    tab.sme.setChecked(sme)
    tab.vcse.setChecked(vcse)
    click(qtbot, dialog, tab.add_bidder)


def add_member(qtbot, dialog, name, role, declared):
    tab = dialog.panel_tab
    type_into(qtbot, tab.member_name, name)
    type_into(qtbot, tab.role, role)
    type_into(qtbot, tab.declared.edit, declared)
    click(qtbot, dialog, tab.add_member)


def test_the_walk_from_bidders_to_award(qtbot, service, dialog, data_dir):
    assert not dialog.tabs.isTabEnabled(TAB_SCORES)
    click(qtbot, dialog, dialog.panel_tab.start_button)
    assert service.get(REF).stage == "evaluation"
    assert dialog.tabs.isTabEnabled(TAB_SCORES)
    add_bidder(qtbot, dialog, "Alpha Ltd", "LE1 1AA", sme=True)
    add_bidder(qtbot, dialog, "Beta CIC", "LE2 2BB", vcse=True)
    add_member(qtbot, dialog, "Ann Smith", "Chair", "02/11/2026")
    add_member(qtbot, dialog, "Bob Jones", "Fleet manager", "03/11/2026")
    stored = service.get_evaluation(REF)
    assert [(b.name, b.sme, b.vcse) for b in stored.bidders] == [("Alpha Ltd", True, False),
                                                                  ("Beta CIC", False, True)]
    assert [m.conflict_declared_on.day for m in stored.panel] == [2, 3]
    assert dialog.panel_tab.bidders.rowCount() == 2

    # Scores typed key by key; off the scale is not stored and the field says why.
    dialog.tabs.setCurrentIndex(TAB_SCORES)
    scores = dialog.scores_tab
    questions = stored.questions
    scores.grid.setCurrentCell(0, 0)
    assert "0" in scores.scale.text() and scores.scale.text().strip()
    type_into(qtbot, scores.score.edit, str(questions[0].scale_max + 1))
    assert scores.score.is_unfinished() and "between 0 and" in scores.score.problem()
    click(qtbot, dialog, scores.save_button)
    assert "not saved" in scores.message.text()
    assert service.get_evaluation(REF).scores == []
    for evaluator, (alpha, beta) in (("Ann Smith", (4, 2)), ("Bob Jones", (3, 2))):
        scores.evaluator.setCurrentText(evaluator)
        for column, question in enumerate(questions):
            for row, value in enumerate((alpha, beta)):
                scores.grid.setCurrentCell(row, column)
                type_into(qtbot, scores.score.edit, str(value * question.scale_max // 5))
                scores.rationale.setPlainText(f"Method statement p.{column + 1}")
                click(qtbot, dialog, scores.save_button)
    assert len(service.get_evaluation(REF).scores) == 4 * len(questions)
    assert scores.grid.item(0, 0).text() == str(3 * questions[0].scale_max // 5)

    # Moderation locks the scores; a consensus without its reason is refused, nothing stored.
    dialog.tabs.setCurrentIndex(TAB_MODERATION)
    moderation = dialog.moderation_tab
    click(qtbot, dialog, moderation.open_button)
    assert not scores.save_button.isEnabled()
    assert moderation.table.item(0, 4).text() == ""  # the consensus starts empty, never an average
    moderation.table.setCurrentCell(0, 0)
    bidder, question = moderation.table.item(0, 1).text(), moderation.table.item(0, 0).text()
    type_into(qtbot, moderation.score.edit, "3")
    moderation.reason.setPlainText("")
    click(qtbot, dialog, moderation.agree_button)
    assert "Record why" in moderation.message.text()
    assert service.get_evaluation(REF).consensus_for(bidder, question).score is None
    dialog.results_tab.write_summaries()
    assert dialog.results_tab.message.text() == dialog.state.summary_problem != ""
    click(qtbot, dialog, moderation.close_button)
    assert "consensus score" in moderation.message.text()
    for row in range(moderation.table.rowCount()):
        moderation.table.setCurrentCell(row, 0)
        name, reference = moderation.table.item(row, 1).text(), moderation.table.item(row, 0).text()
        top = next(q.scale_max for q in questions if q.reference == reference)
        type_into(qtbot, moderation.score.edit, str((4 if name == "Alpha Ltd" else 2) * top // 5))
        moderation.reason.setPlainText("Specific, timed commitments" if name == "Alpha Ltd" else "Generic policy")
        moderation.commitment.setPlainText(f"Commitment for {reference}" if name == "Alpha Ltd" else "")
        click(qtbot, dialog, moderation.agree_button)
    click(qtbot, dialog, moderation.close_button)
    assert service.get_evaluation(REF).status == "complete"

    # Results as the service works them out.
    dialog.tabs.setCurrentIndex(TAB_RESULTS)
    results_tab = dialog.results_tab
    expected = service.evaluation_results(REF)
    table = results_tab.ranking
    shown = [(table.item(r, 1).text(), table.item(r, 2).text(), table.item(r, table.columnCount() - 2).text())
             for r in range(table.rowCount())]
    assert shown == [(str(r.rank), r.bidder, f"{display(r.total):f}") for r in expected]
    assert results_tab.winner.currentText() == "Alpha Ltd"

    # The award records the supplier and turns the scored commitments into KPIs.
    kpis_before = len(service.get(REF).kpis)
    type_into(qtbot, results_tab.value.edit, "9.8m")
    click(qtbot, dialog, results_tab.award_button)
    assert "Awarded to Alpha Ltd" in results_tab.message.text()
    assert "Records kept until" in results_tab.kept.text()

    paths = app_paths(data_dir)
    fresh = TenderService(TenderStore.open(paths), load_settings(paths))
    try:
        tender = fresh.get(REF)
        assert tender.stage == "awarded"
        assert (tender.award.supplier.name, tender.award.supplier.sme) == ("Alpha Ltd", True)
        assert tender.award.awarded_value_gbp == Decimal("9800000")
        assert [k.target for k in tender.kpis[kpis_before:]] == [f"Commitment for {q.reference}" for q in questions]
        assert fresh.get_evaluation(REF).consensus_for("Beta CIC", questions[0].reference).reason == "Generic policy"
    finally:
        fresh.close()


def test_a_bidder_needs_a_name_and_a_lot_that_reads(qtbot, service, dialog):
    click(qtbot, dialog, dialog.panel_tab.start_button)
    tab = dialog.panel_tab
    click(qtbot, dialog, tab.add_bidder)
    assert tab.message.text() == "Give the bidder's name."
    type_into(qtbot, tab.bidder_name, "Gamma Ltd")
    type_into(qtbot, tab.lot.edit, "1x")
    click(qtbot, dialog, tab.add_bidder)
    assert "not saved" in tab.message.text()
    assert service.get_evaluation(REF).bidders == []
