"""`sv-desktop demo` loads the worked example bid; `sv-desktop bid response|approval|pipeline` write it from a
real SQLite data folder, with one-line errors and the usual exit codes."""

from __future__ import annotations

import csv

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from sv_desktop.cli import main
from sv_desktop.services.tender_service import open_service

REF = "BID-2027-001"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_bid_then_every_bid_document(data_dir, tmp_path, capsys):
    code, out, _err = run(capsys, "demo")
    assert code == 0 and f"Loaded bid {REF}: Adult community nursing service, Melton and Rutland" in out
    service = open_service(str(data_dir), None)
    try:
        bid = service.get_bid(REF)
        assert bid.stage == "approved" and service.stage_blockers(bid, "submitted") == []
        assert len(service.list_tenders()) == 6  # the bid is not a tender
    finally:
        service.close()

    word, pdf = tmp_path / "response.docx", tmp_path / "response.pdf"
    assert run(capsys, "bid", "response", REF, "--out", str(word))[:2] == (0, f"Wrote {word}\n")
    assert run(capsys, "bid", "response", REF, "--out", str(pdf))[0] == 0
    headings = [p.text for p in docx.Document(str(word)).paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Question 7.1", "Question 7.2", "Question 7.3"]
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Limit: 300 words" in text and "of 500: within the limit" in text and "\u00a3" not in text

    approval = tmp_path / "approval.pdf"
    assert run(capsys, "bid", "approval", REF, "--out", str(approval))[0] == 0
    assert len(PdfReader(approval).pages) == 1
    assert "Total cost" in PdfReader(approval).pages[0].extract_text()

    for name in ("pipeline.csv", "pipeline.xlsx"):
        assert run(capsys, "bid", "pipeline", "--out", str(tmp_path / name))[0] == 0
    with open(tmp_path / "pipeline.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == REF and rows[1][10] == "Bid Lead, Community Health Services"
    sheet = load_workbook(tmp_path / "pipeline.xlsx").active
    assert sheet.cell(5, 1).value == REF and sheet.cell(5, 12).value == "Director of Finance"


def test_bid_documents_refuse_in_one_line(data_dir, tmp_path, capsys):
    run(capsys, "demo")
    for argv in (("response", REF, "--out", str(tmp_path / "r.txt")), ("approval", REF, "--out",
                 str(tmp_path / "a.docx")), ("pipeline", "--out", str(tmp_path / "p.json"))):
        code, _out, err = run(capsys, "bid", *argv)
        assert code == 2 and "--out must end in" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run(capsys, "bid", "approval", "NOPE-1", "--out", str(tmp_path / "a.pdf"))
    assert code == 2 and "NOPE-1" in err and "Traceback" not in err
    code, _out, err = run(capsys, "bid", "response", REF, "--out", str(tmp_path / "missing" / "r.pdf"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "a.pdf").exists()
