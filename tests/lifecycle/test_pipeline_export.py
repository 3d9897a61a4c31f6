"""The pipeline export: CSV and XLSX read back, text that looks like a formula stays text, and the
`pipeline` command with its one-line errors."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sv_desktop.cli import main
from sv_desktop.model.evaluation import Evaluation
from sv_desktop.model.lifecycle import Award, Supplier
from sv_desktop.model.tender import Tender, ThemeChoice
from sv_desktop.services.errors import ServiceError

TODAY = dt.date(2026, 11, 25)


def planned(reference: str, notice: dt.date | None, title: str = "Laundry service",
            route: str = "competitive_flexible", **extra) -> Tender:
    return Tender(reference=reference, title=title, category="estates_facilities",
                  value_excl_vat_gbp=Decimal("250000.50"), duration_months=36,
                  social_value_weighting_pct=Decimal("12.5"),
                  themes=[ThemeChoice("fighting_climate_change", Decimal("12.5"))], tender_notice_date=notice,
                  contract_start_date=dt.date(2027, 4, 1), route=route,
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
    assert sheet.freeze_panes == "B5" and sheet.auto_filter.ref == "A4:Q10"


AWARD_NOTICE = dt.date(2026, 12, 18)


@pytest.fixture
def standstill_service(pipeline_service):
    """Two tenders in the pipeline whose award notice is published on Friday 18/12/2026, one under the Act and
    one under the Provider Selection Regime, and one whose evaluation has no award notice yet."""
    pipeline_service.bulk_create([
        planned("P-ACT", dt.date(2026, 12, 2), stage="evaluation"),
        planned("P-PSR", dt.date(2026, 12, 3), stage="evaluation", route="psr_competitive"),
        planned("P-SCORING", dt.date(2026, 12, 4), stage="evaluation"),
    ])
    for reference, notice in (("P-ACT", AWARD_NOTICE), ("P-PSR", AWARD_NOTICE), ("P-SCORING", None)):
        pipeline_service.save_evaluation(reference, Evaluation(questions=[], award_notice_date=notice))
    return pipeline_service


def test_xlsx_shows_the_standstill_across_christmas_and_new_year(standstill_service, tmp_path):
    """Bank holidays of England and Wales: Friday 25/12/2026 (Christmas), Monday 28/12/2026 (Boxing Day falls on
    a Saturday, so the substitute day) and Friday 1/1/2027 (New Year's Day).

    Act (s.51, 8 working days beginning with the day of publication): Fri 18 (1), Mon 21 (2), Tue 22 (3),
    Wed 23 (4), Thu 24 (5), [Fri 25, Sat 26, Sun 27, Mon 28 skipped], Tue 29 (6), Wed 30 (7), Thu 31/12/2026 (8).

    PSR (8 working days from the day after): [Sat 19, Sun 20], Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4),
    [Fri 25 to Mon 28], Tue 29 (5), Wed 30 (6), Thu 31 (7), [Fri 1/1, Sat 2, Sun 3], Mon 4/1/2027 (8).
    """
    out = standstill_service.export_pipeline(tmp_path / "pipeline.xlsx")
    table = list(load_workbook(out)["Pipeline"].iter_rows(min_row=4, values_only=True))
    header, body = table[0], table[1:]
    assert header[-2:] == ("Award notice", "Standstill ends")
    by_reference = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    dates = {reference: (row["Award notice"], row["Standstill ends"]) for reference, row in by_reference.items()}
    assert dates["P-ACT"] == (dt.datetime(2026, 12, 18), dt.datetime(2026, 12, 31))
    assert dates["P-PSR"] == (dt.datetime(2026, 12, 18), dt.datetime(2027, 1, 4))
    assert dates["P-SCORING"] == dates["P-SOON"] == (None, None)


def test_csv_carries_the_standstill_dates_and_leaves_the_rest_empty(standstill_service, tmp_path):
    rows = [row for row in standstill_service.list_tenders() if row.reference in ("P-ACT", "P-PSR", "P-PAST")]
    assert [(row.reference, row.standstill and (row.standstill.regime, row.standstill.award_from))
            for row in sorted(rows, key=lambda row: row.reference)] == [
        ("P-ACT", ("pa23", dt.date(2027, 1, 1))), ("P-PAST", None), ("P-PSR", ("psr", dt.date(2027, 1, 5)))]
    out = standstill_service.export_pipeline(tmp_path / "chosen.csv", rows)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        found = {row["Reference"]: (row["Award notice"], row["Standstill ends"]) for row in csv.DictReader(handle)}
    assert found == {"P-ACT": ("2026-12-18", "2026-12-31"), "P-PSR": ("2026-12-18", "2027-01-04"),
                     "P-PAST": ("", "")}


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
