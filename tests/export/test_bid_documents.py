"""The bid documents read back: the response (Word and PDF) in the commissioner's numbering with its limits
and word counts and nothing internal; the one-page approval summary; the bid pipeline (CSV and XLSX)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sv_desktop.demo import demo_bid_files
from sv_desktop.export.bid_approval import write_approval_pdf
from sv_desktop.export.bid_pipeline_export import headers, write_bid_pipeline_csv, write_bid_pipeline_xlsx
from sv_desktop.export.bid_response import BidDocumentContext, write_response_docx, write_response_pdf
from sv_desktop.model.bid import Bid, BidOutcome, BidQuestion
from sv_desktop.model.bid_file import read_bid_file
from sv_desktop.model.bid_rules import evaluate_bid, load_bid_rules
from sv_desktop.model.commitment import Commitment, EvidenceLink
from sv_desktop.model.word_count import count_words
from tests.pdf_fonts import pdf_fonts

MARKER = "ZQXINTERNAL"
HOSTILE = 'O<Brien & <b>bold</b> <img src="/etc/passwd"/> \u0141\u00f3d\u017a'
DEADLINE = dt.datetime(2027, 3, 5, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _commitment(cid: str, cost: str, capacity: str | None = None) -> Commitment:
    return Commitment(id=cid, title=f"Commitment {cid}", owner=f"Owner of {cid}", quantity=Decimal(4),
                      unit="apprenticeships", target="4 starts by March 2028", cost_gbp=Decimal(cost),
                      start_date=dt.date(2027, 4, 1), end_date=dt.date(2029, 3, 31),
                      approved_by=f"{MARKER} approver", approved_on=dt.date(2026, 11, 1),
                      capacity=Decimal(capacity) if capacity else None, notes=f"{MARKER} note",
                      evidence=[EvidenceLink("LPT-2020-001", "case_study", f"{MARKER} evidence")])


def _bid() -> Bid:
    """Every internal text field carries MARKER; the answers carry hostile text."""
    questions = [
        BidQuestion("7.1", "How will you create local jobs?", 500, "words", "0-5", Decimal(4),
                    "We will create 4 apprenticeships by March 2028.\n\nOwner: Head of Nursing Education. " + HOSTILE,
                    ["apps"], score=f"{MARKER} score", feedback=f"{MARKER} feedback"),
        BidQuestion("7.2", "How will you cut carbon?", 10, "words", "", None,
                    "one two three four five six seven eight nine ten eleven twelve", ["ev"]),
        BidQuestion("SV3", "Attach your plan.", 2, "pages", "", None, "See the plan attached (2 pages)."),
    ]
    return Bid(reference="BID-2027-009", title="Community nursing \u2013 North", commissioner="Example ICB",
               portal="Atamis", portal_reference="ICB-77", value_gbp=Decimal("1250000.50"), duration_months=60,
               submission_deadline=DEADLINE, regime="psr", social_value_weighting_pct=Decimal("10.0000"),
               criteria=f"{MARKER} criteria", questions=questions, stage="writing", bid_lead=f"{MARKER} lead",
               approver=f"{MARKER} approver", approved_on=dt.date(2027, 2, 1),
               go_decision_notes=f"{MARKER} go notes",
               outcome=BidOutcome(feedback=f"{MARKER} fb", lessons=f"{MARKER} lessons", total_score=f"{MARKER}"))


def _ctx(bid: Bid, library: dict[str, Commitment], findings=()) -> BidDocumentContext:
    return BidDocumentContext(bid=bid, organisation="Leicestershire Partnership NHS Trust",
                              issue_date=dt.date(2027, 2, 2), commitments=library, findings=tuple(findings))


LIBRARY = {"apps": _commitment("apps", "38000"), "ev": _commitment("ev", "54000.50")}


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _docx_paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_response_in_the_commissioners_numbering_with_limits_and_counts(tmp_path):
    bid = _bid()
    pdf, word = write_response_pdf(_ctx(bid, LIBRARY), tmp_path / "r.pdf"), write_response_docx(
        _ctx(bid, LIBRARY), tmp_path / "r.docx")
    pdf_text, paragraphs = _pdf_text(pdf), _docx_paragraphs(word)
    word_text = "\n".join(paragraphs)
    for text in (pdf_text, word_text):
        assert text.index("Question 7.1") < text.index("Question 7.2") < text.index("Question SV3")
        assert "500 words" in text and "10 words" in text and "2 pages" in text
        counted = count_words(bid.questions[0].answer)
        assert f"{counted} words of 500: within the limit" in text
        assert "12 words: 2 over the limit of 10" in text
        assert MARKER not in text
        assert "\u00a3" not in text  # no cost of any commitment
    assert "O<Brien & <b>bold</b>" in word_text and "\u0141\u00f3d\u017a" in word_text
    assert "O<Brien & <b>bold</b>" in pdf_text
    # The answer is plain paragraphs, not a table: each paragraph of it is a paragraph of the document.
    assert "We will create 4 apprenticeships by March 2028." in paragraphs
    document = docx.Document(str(word))
    assert all("apprenticeships by March" not in cell.text for table in document.tables
               for row in table.rows for cell in row.cells)
    assert all(embedded for embedded in pdf_fonts(pdf).values())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Question 7.1", "Answer to question 7.1"]


def test_a_huge_answer_builds_in_both_formats(tmp_path):
    bid = _bid()
    bid.questions[0].answer = ("word " * 4000)[:20_000]
    pdf = write_response_pdf(_ctx(bid, LIBRARY), tmp_path / "big.pdf")
    word = write_response_docx(_ctx(bid, LIBRARY), tmp_path / "big.docx")
    assert len(PdfReader(pdf).pages) >= 5
    assert "4,000 words: 3,500 over the limit of 500" in _pdf_text(pdf)
    assert "4,000 words: 3,500 over the limit of 500" in "\n".join(_docx_paragraphs(word))


def test_the_approval_summary_names_costs_owners_and_risks(tmp_path):
    bid = _bid()
    library = {"apps": _commitment("apps", "38000", capacity="5"), "ev": _commitment("ev", "54000.50")}
    findings = evaluate_bid(bid, library, load_bid_rules(), {"apps": [("BID-2027-002", Decimal(4))]})
    out = write_approval_pdf(_ctx(bid, library, findings), tmp_path / "a.pdf")
    text = " ".join(_pdf_text(out).split())
    assert "\u00a392,000.50" in text and "\u00a338,000" in text  # the total and one cost
    assert "Owner of apps" in text and "Owner of ev" in text
    assert "Warning:" in text and "BID-2027-002" in text  # the capacity warning names the other bid
    assert "Blocker:" in text and "12 words" in text  # 7.2 over its limit
    assert all(embedded for embedded in pdf_fonts(out).values())


def test_the_worked_example_bid_passes_the_approved_rules_and_summarises_on_one_page(tmp_path):
    [path] = [p for p in demo_bid_files() if "community-nursing" in p.name]
    bid, commitments = read_bid_file(path)
    library = {c.id: c for c in commitments}
    findings = evaluate_bid(bid, library, load_bid_rules())
    assert bid.stage == "approved" and not [f for f in findings if f.severity in ("blocker", "warning")]
    assert [q.number for q in bid.questions] == ["7.1", "7.2", "7.3"]
    for question in bid.questions:
        assert question.limit is not None and 0 < count_words(question.answer) <= question.limit
    summary = write_approval_pdf(_ctx(bid, library, findings), tmp_path / "a.pdf")
    assert len(PdfReader(summary).pages) == 1
    response = write_response_docx(_ctx(bid, library), tmp_path / "r.docx")
    cover = docx.Document(str(response)).tables[0]  # the cover's facts
    text = "\n".join([*_docx_paragraphs(response), *(cell.text for row in cover.rows for cell in row.cells)])
    assert "Leicester, Leicestershire and Rutland Integrated Care Board" in text
    assert not any(c.notes and c.notes in text for c in commitments)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_bid_pipeline_has_every_bid(tmp_path, suffix):
    late = _bid()
    early = Bid(reference="=BID-1", title="+Podiatry", commissioner="@ICB", stage="opportunity",
                submission_deadline=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC))
    none = Bid(reference="BID-3", title="No deadline yet")
    out = tmp_path / f"p{suffix}"
    if suffix == ".csv":
        write_bid_pipeline_csv([late, none, early], out)
        with open(out, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    else:
        write_bid_pipeline_xlsx([late, none, early], out, organisation="LPT")
        sheet = load_workbook(out).active
        rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert list(rows[0]) == headers()
    assert [r[0] for r in rows[1:]] == ["'=BID-1", "BID-2027-009", "BID-3"] if suffix == ".csv" else \
        [r[0] for r in rows[1:]] == ["=BID-1", "BID-2027-009", "BID-3"]
    row = rows[2]
    assert row[2] == "Example ICB" and row[9] == "Writing" and row[10] == f"{MARKER} lead"
    assert row[11] == f"{MARKER} approver"
    if suffix == ".csv":
        assert row[4] == "1250000.50" and row[6] == "2027-03-05T12:00" and row[8] == "10"
    else:
        assert row[4] == pytest.approx(1250000.50) and row[6] == dt.datetime(2027, 3, 5, 12, 0) and row[8] == 10
