"""The evaluation records through the service and `sv-desktop evaluation` on a real SQLite data folder:
evaluator workbooks out and back in, the moderation record, every bidder's summary as PDF and Word, the
refusal while a consensus reason is missing, the date sent, and files never replaced without --force."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sv_desktop.cli import main
from sv_desktop.demo import load_demo
from sv_desktop.model.evaluation import Bidder, PanelMember
from sv_desktop.services.errors import ServiceError
from sv_desktop.services.tender_service import open_service

REF = "LPT-2027-014"
BIDDERS = ("Alpha Ltd", "Beta CIC", "Gamma plc")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def started(data_dir):
    """The demo tender in evaluation, with three bidders and a panel of two."""
    service = open_service(data_dir)
    load_demo(service)
    service.start_evaluation(REF, pack_version="1")

    def change(ev):
        ev.bidders += [Bidder("Alpha Ltd", "1 High Street", "01234567", "LE1 1AA"), Bidder("Beta CIC"),
                       Bidder("Gamma plc")]
        ev.panel += [PanelMember("Ann", "Chair", dt.date(2027, 5, 3)), PanelMember("Bob", "Fleet manager")]
    service.change_evaluation(REF, change)
    yield service
    service.close()


def fill(path, score_for):
    book = load_workbook(path)
    sheet = book["Scores"]
    row = 6
    while sheet.cell(row=row, column=1).value:
        bidder, question = sheet.cell(row=row, column=1).value, sheet.cell(row=row, column=3).value
        sheet.cell(row=row, column=6, value=score_for(bidder, question))
        sheet.cell(row=row, column=7, value=f"NOTE {bidder} {question} p.{row}")
        row += 1
    book.save(path)


def agree_all(service, skip_reason_for: tuple[str, str] | None = None):
    def change(ev):
        ev.open_moderation()
        for bidder, share in zip(BIDDERS, (4, 3, 2), strict=True):
            for question in ev.questions:
                ev.agree(bidder, question.reference, share * question.scale_max // 5,
                         f"REASON {bidder} {question.reference}")
        if skip_reason_for:
            ev.consensus_for(*skip_reason_for).reason = ""
        else:
            ev.close_moderation()
    service.change_evaluation(REF, change)


def test_the_evaluation_command_end_to_end(started, tmp_path, capsys):
    books = tmp_path / "books"
    code, out, err = run(capsys, "evaluation", REF, "--workbooks", str(books))
    assert code == 0, err
    files = sorted(books.glob("*.xlsx"))
    assert [f.name for f in files] == [f"{REF} evaluation Ann.xlsx", f"{REF} evaluation Bob.xlsx"]
    code, _, err = run(capsys, "evaluation", REF, "--workbooks", str(books))
    assert code == 2 and "already there" in err and "--force" in err
    assert run(capsys, "evaluation", REF, "--workbooks", str(books), "--force")[0] == 0

    questions = started.get_evaluation(REF).questions
    fill(files[0], lambda bidder, q: 3)
    fill(files[1], lambda bidder, q: 999)  # off the scale: both refused, nothing imported
    code, _, err = run(capsys, "evaluation", REF, "--import", *map(str, files))
    assert code == 2 and "Nothing was imported" in err and "F6" in err
    assert started.get_evaluation(REF).scores == []
    fill(files[1], lambda bidder, q: 2)
    code, out, err = run(capsys, "evaluation", REF, "--import", *map(str, files))
    assert code == 0, err
    assert f"Imported {2 * 3 * len(questions)} scores." in out

    agree_all(started, skip_reason_for=("Beta CIC", "SV2"))
    summaries = tmp_path / "summaries"
    code, _, err = run(capsys, "evaluation", REF, "--summaries", str(summaries))
    assert code == 2
    assert err.strip() == ("sv-desktop: The assessment summaries cannot be issued: the consensus score for SV2 "
                           "of Beta CIC has no reason recorded.")
    assert not summaries.exists()

    started.change_evaluation(REF, lambda ev: (ev.agree("Beta CIC", "SV2", 3, "REASON Beta CIC SV2"),
                                               ev.close_moderation()))
    moderation = tmp_path / "moderation.pdf"
    code, out, err = run(capsys, "evaluation", REF, "--moderation", str(moderation))
    assert code == 0, err
    text = " ".join(page.extract_text() for page in PdfReader(moderation).pages)
    assert "NOTE Alpha Ltd SV1" in text and "REASON Gamma plc SV1" in text and "Moderation closed" in text
    code, _, err = run(capsys, "evaluation", REF, "--moderation", str(moderation))
    assert code == 2 and "already there" in err

    code, _, err = run(capsys, "evaluation", REF, "--summaries", str(summaries), "--sent", "2999-01-01")
    assert code == 2 and "after today" in err and not summaries.exists()
    today = dt.date.today()
    code, out, err = run(capsys, "evaluation", REF, "--summaries", str(summaries), "--sent", today.isoformat())
    assert code == 0, err
    assert f"Recorded the summaries as sent on {today:%d/%m/%Y}." in out
    written = sorted(p.name for p in summaries.iterdir())
    assert written == sorted(f"{REF} assessment summary {b}.{ext}" for b in BIDDERS for ext in ("pdf", "docx"))
    beta = docx.Document(str(summaries / f"{REF} assessment summary Beta CIC.docx"))
    beta_text = " ".join(p.text for p in beta.paragraphs) + " ".join(
        c.text for t in beta.tables for r in t.rows for c in r.cells)
    assert "REASON Beta CIC SV2" in beta_text and "REASON Alpha Ltd SV1" in beta_text  # Alpha won
    assert "NOTE" not in beta_text
    assert {b.summary_sent_on for b in started.get_evaluation(REF).bidders} == {today}
    code, _, err = run(capsys, "evaluation", REF, "--summaries", str(summaries))
    assert code == 2 and "already there" in err and "nothing was written" in err


def test_usage_errors_are_one_line(started, tmp_path, capsys):
    code, _, err = run(capsys, "evaluation", REF)
    assert code == 2 and "--moderation OUT.pdf" in err
    code, _, err = run(capsys, "evaluation", REF, "--moderation", str(tmp_path / "m.docx"))
    assert code == 2 and "must end in .pdf" in err
    code, _, err = run(capsys, "evaluation", REF, "--summaries", str(tmp_path), "--sent", "31/02/2027")
    assert code == 2 and "not a real date" in err
    code, _, err = run(capsys, "evaluation", "NO-SUCH-REF", "--moderation", str(tmp_path / "m.pdf"))
    assert code == 2 and "NO-SUCH-REF" in err and "Traceback" not in err


def test_date_sent_is_refused_before_the_summaries_can_be_issued(started):
    agree_all(started, skip_reason_for=("Gamma plc", "SV1"))
    with pytest.raises(ServiceError, match="SV1 of Gamma plc has no reason"):
        started.record_summaries_sent(REF)
    assert all(b.summary_sent_on is None for b in started.get_evaluation(REF).bidders)
