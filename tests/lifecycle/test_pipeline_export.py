"""The pipeline export: CSV and XLSX read back, text that looks like a formula stays text, and the
`pipeline` command with its one-line errors."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sv_desktop.cli import main
from sv_desktop.model.lifecycle import Award, Supplier
from sv_desktop.model.tender import Tender, ThemeChoice
from sv_desktop.services.errors import ServiceError

TODAY = dt.date(2026, 11, 25)


def planned(reference: str, notice: dt.date | None, title: str = "Laundry service", **extra) -> Tender:
    return Tender(reference=reference, title=title, category="estates_facilities",
                  value_excl_vat_gbp=Decimal("250000.50"), duration_months=36,
                  social_value_weighting_pct=Decimal("12.5"),
                  themes=[ThemeChoice("fighting_climate_change", Decimal("12.5"))], tender_notice_date=notice,
                  contract_start_date=dt.date(2027, 4, 1), route="competitive_flexible",
                  leads={"procurement_lead": "Priya Patel"}, **extra)


@pytest.fixture
def pipeline_service(service):
    service.bulk_create([
        planned("P-SOON", dt.date(2026, 12, 1)),
        planned("P-TODAY", TODAY, title="=HYPERLINK(\"http://x\",\"click\")", stage="pre_market"),
        planned("P-LAST-DAY", dt.date(2027, 11, 24), title="Łódź café — «north»\nsecond line"),
        planned("P-TOO-LATE", dt.date(2027, 11, 25)),
        planned("P-PAST", dt.date(2026, 11, 24)),
        planned("P-UNDATED", None),
        planned("P-AWARDED", dt.date(2027, 1, 1), stage="awarded",
                award=Award(supplier=Supplier(name="@Suppliers Ltd"), awarded_on=dt.date(2027, 3, 1))),
    ])
    return service


def test_the_pipeline_is_the_next_twelve_months_soonest_first(pipeline_service):
    assert [row.reference for row in pipeline_service.pipeline()] == [
        "P-TODAY", "P-SOON", "P-AWARDED", "P-LAST-DAY"]
    assert [row.reference for row in pipeline_service.pipeline(1)] == ["P-TODAY", "P-SOON"]
    with pytest.raises(ServiceError, match="1 to 120 months"):
        pipeline_service.pipeline(0)


def test_csv_reads_back_with_formulas_kept_as_text(pipeline_service, tmp_path):
    out = pipeline_service.export_pipeline(tmp_path / "pipeline.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["Reference"] for row in rows] == ["P-TODAY", "P-SOON", "P-AWARDED", "P-LAST-DAY"]
    today = rows[0]
    assert today["Title"] == "'=HYPERLINK(\"http://x\",\"click\")"
    assert (today["Stage"], today["Category"], today["Route"]) == (
        "Pre-market engagement", "Estates & Facilities", pipeline_service.content.route_label("competitive_flexible"))
    assert (today["Tender notice date"], today["Contract end date"], today["Value excl. VAT (£)"]) == (
        "2026-11-25", "2030-03-31", "250000.50")
    assert today["Social value weighting (%)"] == "12.5" and today["Procurement lead"] == "Priya Patel"
    assert rows[2]["Awarded supplier"] == "'@Suppliers Ltd" and rows[2]["Stage"] == "Awarded / in delivery"
    assert rows[3]["Title"] == "Łódź café — «north» second line"


def test_xlsx_reads_back_with_real_dates_and_numbers(pipeline_service, tmp_path):
    rows = [row for row in pipeline_service.list_tenders() if row.reference != "P-UNDATED"]
    out = pipeline_service.export_pipeline(tmp_path / "all.xlsx", rows)
    sheet = load_workbook(out)["Pipeline"]
    assert sheet["A1"].value == "Tender pipeline"
    assert sheet["A2"].value == pipeline_service.settings.organisation
    table = list(sheet.iter_rows(min_row=4, values_only=True))
    header, body = table[0], table[1:]
    assert len(body) == 6
    by_reference = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    today = by_reference["P-TODAY"]
    assert today["Title"] == "=HYPERLINK(\"http://x\",\"click\")"
    assert sheet.cell(row=4 + 1 + [r[0] for r in body].index("P-TODAY"), column=2).data_type == "s"
    assert today["Tender notice date"] == dt.datetime(2026, 11, 25)
    assert today["Value excl. VAT (£)"] == 250000.5 and today["Duration (months)"] == 36
    assert by_reference["P-AWARDED"]["Awarded on"] == dt.datetime(2027, 3, 1)
    assert sheet.freeze_panes == "B5" and sheet.auto_filter.ref == "A4:O10"


def test_only_csv_or_xlsx(pipeline_service, tmp_path):
    with pytest.raises(ServiceError, match=".csv or .xlsx"):
        pipeline_service.export_pipeline(tmp_path / "pipeline.pdf")
    assert not (tmp_path / "pipeline.pdf").exists()


def test_the_pipeline_command(pipeline_service, data_dir, tmp_path, capsys):
    pipeline_service.close()
    out = tmp_path / "cli.csv"
    code = main(["pipeline", "--out", str(out), "--months", "120"])
    printed, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert f"Wrote {out}" in printed and "in the next 120 months" in printed
    assert out.read_text(encoding="utf-8-sig").count("\n") >= 2

    for argv, message in ((["--out", str(tmp_path / "x.pdf")], "--out must end in .csv or .xlsx"),
                          (["--out", str(tmp_path / "x.csv"), "--months", "0"], "--months must be between 1 and 120"),
                          (["--out", str(tmp_path / "missing" / "x.csv")], "does not exist")):
        code = main(["pipeline", *argv])
        _printed, err = capsys.readouterr()
        assert code == 2 and message in err and err.count("\n") == 1
