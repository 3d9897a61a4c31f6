"""The compliance report's figures against a fixture worked out by hand: tenders exactly at 10%, just
under, local and non-local suppliers (LE and NN are local, L is not), SME and VCSE flags, and tenders on,
just inside and just outside the period's boundaries. Then the PDF read back with pypdf and the XLSX
with openpyxl, and the `report` command."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pdf_fonts import pdf_fonts
from pypdf import PdfReader

from sv_desktop.cli import main
from sv_desktop.model.compliance import default_period, previous_period
from sv_desktop.model.lifecycle import Award, Supplier
from sv_desktop.model.tender import Kpi, Tender, ThemeChoice

START, END = dt.date(2025, 4, 1), dt.date(2027, 3, 31)


def tender(reference: str, *, stage: str = "itt", weighting: str = "10", themes=None, value: int = 100_000,
           notice: dt.date | None = None, awarded: dt.date | None = None, awarded_value: str | None = None,
           postcode: str = "", sme: bool = False, vcse: bool = False, kpis: int = 0,
           category: str = "goods_services") -> Tender:
    pct = Decimal(weighting)
    chosen = themes if themes is not None else [("fighting_climate_change", weighting)]
    return Tender(
        reference=reference, title=f"Contract {reference}", category=category, value_excl_vat_gbp=Decimal(value),
        duration_months=36, social_value_weighting_pct=pct,
        themes=[ThemeChoice(theme, Decimal(share)) for theme, share in chosen], tender_notice_date=notice,
        stage=stage, kpis=[Kpi(name=f"KPI {i}") for i in range(kpis)],
        award=Award(supplier=Supplier(name=f"Supplier of {reference}", postcode=postcode, sme=sme, vcse=vcse),
                    awarded_on=awarded, awarded_value_gbp=None if awarded_value is None else Decimal(awarded_value)))


FIXTURE = [
    # Counted in the period (8): A, B, C, D, E, F, M, N.
    tender("A-EXACT-10", notice=START),
    tender("B-BELOW-10", stage="evaluation", weighting="9.99", notice=END),
    tender("C-NO-CLIMATE", stage="awarded", weighting="15", themes=[("wellbeing", "15")],
           notice=dt.date(2025, 1, 10), awarded=dt.date(2026, 1, 15), awarded_value="1000000",
           postcode="le1 7rh", sme=True),
    tender("D-BIG-WITH-KPIS", stage="renewal_due", weighting="20",
           themes=[("fighting_climate_change", "10"), ("equal_opportunity", "10")], value=6_000_000,
           notice=dt.date(2025, 6, 1), awarded=END, awarded_value="6000000", postcode="NN4 8AA", vcse=True,
           kpis=3),
    tender("E-BIG-NO-KPIS", stage="awarded", value=6_000_000, notice=dt.date(2025, 3, 1), awarded=START,
           awarded_value="2500000", postcode="B1 1AA", sme=True, vcse=True),
    tender("F-NO-VALUE", stage="awarded", notice=dt.date(2025, 5, 5), awarded=dt.date(2026, 6, 1),
           postcode="LE2 1AA"),
    tender("M-LIVERPOOL", stage="awarded", weighting="12", notice=dt.date(2026, 1, 1), awarded=dt.date(2026, 7, 7),
           awarded_value="100000.50", postcode="L1 8JQ"),
    tender("N-NO-POSTCODE", stage="awarded", themes=[("tackling_economic_inequality", "10")],
           notice=dt.date(2026, 2, 2), awarded=dt.date(2026, 8, 8), awarded_value="399999.50", sme=True),
    # In the period but not counted.
    tender("G-PIPELINE", stage="pipeline", notice=dt.date(2026, 1, 1)),
    tender("H-PRE-MARKET", stage="pre_market", notice=dt.date(2026, 2, 2)),
    tender("I-MEDICINES", category="medicines", notice=dt.date(2026, 3, 3)),
    # Outside the period.
    tender("J-DAY-AFTER", notice=END + dt.timedelta(days=1)),
    tender("K-AWARDED-AFTER", stage="awarded", notice=dt.date(2026, 1, 1), awarded=END + dt.timedelta(days=1),
           awarded_value="5000000", postcode="LE1 1AA"),
    tender("L-NO-DATES"),
    tender("Z-IN-THE-BIN", notice=dt.date(2026, 5, 5)),
    # The previous period, 1 April 2023 to 31 March 2025 (2).
    tender("P1-PREVIOUS-LAST-DAY", notice=START - dt.timedelta(days=1)),
    tender("P2-PREVIOUS-FIRST-DAY", stage="awarded", weighting="5", notice=dt.date(2023, 1, 1),
           awarded=dt.date(2023, 4, 1), awarded_value="300000", postcode="NN1 1AA", vcse=True),
    tender("P3-BEFORE-PREVIOUS", notice=dt.date(2023, 3, 31)),
]


def pennies(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def share(value, months: int, days: int = 0, of: int = 31) -> Decimal:
    """A 36-month contract's value for `months` whole months and `days` days of an `of`-day month."""
    monthly = Decimal(value) / 36
    return monthly * months + monthly * days / of


@pytest.fixture
def filled(service):
    service.bulk_create(FIXTURE)
    service.delete("Z-IN-THE-BIN")
    return service


def test_the_periods(day_clock):
    assert previous_period(START, END) == (dt.date(2023, 4, 1), dt.date(2025, 3, 31))
    assert default_period(dt.date(2026, 11, 25)) == (dt.date(2024, 11, 26), dt.date(2026, 11, 25))
    assert previous_period(dt.date(2026, 1, 10), dt.date(2026, 1, 19)) == (dt.date(2025, 12, 31),
                                                                          dt.date(2026, 1, 9))


def test_the_figures_match_the_hand_count(filled):
    report = filled.compliance_report(START, END)
    now = report.current
    assert [line.reference for line in now.contracts] == [
        "A-EXACT-10", "E-BIG-NO-KPIS", "C-NO-CLIMATE", "F-NO-VALUE", "M-LIVERPOOL", "N-NO-POSTCODE",
        "B-BELOW-10", "D-BIG-WITH-KPIS"]  # by the date each was counted on
    assert (now.counted, now.meeting_weighting, now.with_climate) == (8, 7, 6)
    assert (now.kpis_required, now.kpis_set_where_required) == (2, 1)
    assert (now.not_issued, now.out_of_scope, now.awarded_without_value, report.undated) == (2, 1, 1, 1)
    # Spend is each contract's value by the months (and days of a month) it runs inside the period: 36-month
    # contracts from their award dates. E runs 24 whole months inside; C 14 months and 17 of 31 days; D one
    # day of 30 (31 March plus a month is 30 April, so its first month ends on 29 April); M 8 months and 25 of 31 days; N 7 months and 24 of 31 days; P2 (awarded in 2023) its last 12
    # months. F has no value; K is awarded after the period.
    spend = {"C": share(1_000_000, 14, 17), "D": share(6_000_000, 0, 1, of=30),
             "E": share(2_500_000, 24), "M": share(Decimal("100000.50"), 8, 25),
             "N": share(Decimal("399999.50"), 7, 24), "P2": share(300_000, 12)}
    assert pennies(spend["E"]) == Decimal("1666666.67") and pennies(spend["P2"]) == Decimal("100000.00")
    assert pennies(spend["D"]) == Decimal("5555.56")
    assert pennies(now.spend()) == pennies(sum(spend.values()))
    assert [pennies(now.spend(which)) for which in ("local", "sme", "vcse")] == [
        pennies(spend["C"] + spend["D"] + spend["P2"]), pennies(spend["C"] + spend["E"] + spend["N"]),
        pennies(spend["D"] + spend["E"] + spend["P2"])]
    assert [now.spend_count(which) for which in ("local", "sme", "vcse")] == [3, 3, 3]
    assert {line.reference for line in now.spend_lines} == {
        "C-NO-CLIMATE", "D-BIG-WITH-KPIS", "E-BIG-NO-KPIS", "M-LIVERPOOL", "N-NO-POSTCODE", "P2-PREVIOUS-FIRST-DAY"}
    assert {line.basis for line in now.spend_lines} == {"estimate"}
    line = {line.reference: line for line in now.contracts}
    assert line["C-NO-CLIMATE"].date_basis == "award" and line["A-EXACT-10"].date_basis == "notice"
    assert line["A-EXACT-10"].meets_weighting and not line["B-BELOW-10"].meets_weighting
    assert not line["M-LIVERPOOL"].local and not line["N-NO-POSTCODE"].local and line["C-NO-CLIMATE"].local

    before = report.previous
    assert (before.start, before.end) == (dt.date(2023, 4, 1), dt.date(2025, 3, 31))
    assert [line.reference for line in before.contracts] == ["P2-PREVIOUS-FIRST-DAY", "P1-PREVIOUS-LAST-DAY"]
    assert (before.meeting_weighting, before.with_climate, before.kpis_required) == (1, 2, 0)
    assert (pennies(before.spend()), before.spend_pct("local"), before.spend_pct("sme")) == (
        Decimal("200000.00"), Decimal(100), Decimal(0))  # P2's first 24 months


def test_local_areas_come_from_the_settings(filled):
    filled.settings.local_postcode_areas = ["B", "L"]
    now = filled.compliance_report(START, END).current
    # E (B1) and M (L1); LE and NN are no longer local.
    assert pennies(now.spend("local")) == pennies(share(2_500_000, 24) + share(Decimal("100000.50"), 8, 25))


def test_the_default_period_is_the_two_years_to_today(filled):
    report = filled.compliance_report()
    assert (report.current.start, report.current.end) == (dt.date(2024, 11, 26), dt.date(2026, 11, 25))
    assert "D-BIG-WITH-KPIS" not in {line.reference for line in report.current.contracts}


def _pdf_text(path) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_pdf_for_the_committee(filled, tmp_path):
    out = filled.export_report(START, END, tmp_path / "report.pdf")
    reader = PdfReader(out)
    text = _pdf_text(out)
    assert reader.metadata.title == "Social value compliance report: 1 April 2025 to 31 March 2027"
    for expected in ("Leicestershire Partnership NHS Trust", "1 April 2025 to 31 March 2027",
                     "1 April 2023 to 31 March 2025", "7 of 8 (87.5%)", "6 of 8 (75.0%)", "1 of 2 (50.0%)",
                     "£2,287,186.39 (6 contracts)", "£509,677.42 (22.3%)", "£2,157,168.35 (94.3%)",
                     "£1,772,222.22 (77.5%)", "1 of 2 (50.0%)", "2 of 2 (100.0%)", "£200,000 (100.0%)",
                     "not the whole-life value of the contracts awarded in it", "For the committee to complete",
                     "Recommendation", "Coming up", "G-PIPELINE", "H-PRE-MARKET",
                     "6 Spend in the period, contract by contract",
                     "LE, NN", "not counted: 2 tenders still in the pipeline or at pre-market engagement; "
                     "1 medicines tender.", "1 contract awarded in the period with no awarded value",
                     "In no period: 1 tender with neither"):
        assert expected in text, expected
    for reference in ("B-BELOW-10", "C-NO-CLIMATE", "N-NO-POSTCODE", "E-BIG-NO-KPIS"):
        assert reference in text
    for absent in ("J-DAY-AFTER", "K-AWARDED-AFTER", "Z-IN-THE-BIN", "P3-BEFORE"):
        assert absent not in text
    assert f"Page 1 of {len(reader.pages)}" in text
    fonts = pdf_fonts(out)
    assert any("LiberationSans" in name for name in fonts) and not any("Helvetica" in name for name in fonts)
    assert all(fonts.values()), fonts


def _rows(sheet) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and isinstance(row[0], str)}


def test_the_xlsx_for_analysts(filled, tmp_path):
    out = filled.export_report(START, END, tmp_path / "report.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Contracts", "Spend", "Coming up"]
    summary = _rows(book["Summary"])
    assert summary["Contracts counted"][:1] == (8,)
    assert summary["Weighting of at least 10%"][:2] == (7, 0.875)
    assert summary["Fighting climate change theme"][:2] == (6, 0.75)
    assert summary["KPIs set where required"][:2] == (1, 0.5)
    assert summary["Spend in the period (contracts running)"][:2] == (6, None)
    assert summary["Spend in the period (contracts running)"][2] == pytest.approx(2_287_186.39, abs=0.01)
    assert summary["Spend with local suppliers"][:2] == (3, pytest.approx(0.2228, abs=1e-4))
    assert summary["Spend with local suppliers"][2] == pytest.approx(509_677.42, abs=0.01)
    assert summary["Spend with SMEs"][2] == pytest.approx(2_157_168.35, abs=0.01)
    assert summary["Spend with VCSEs"][3:6] == (1, 1.0, 200_000)
    spend = {row[1]: row for row in book["Spend"].iter_rows(min_row=2, values_only=True) if row[0] == "This period"}
    assert set(spend) == {"C-NO-CLIMATE", "D-BIG-WITH-KPIS", "E-BIG-NO-KPIS", "M-LIVERPOOL", "N-NO-POSTCODE",
                          "P2-PREVIOUS-FIRST-DAY"}
    assert spend["E-BIG-NO-KPIS"][9:] == (2_500_000, pytest.approx(1_666_666.67, abs=0.01), "Pro-rata estimate")
    coming = [row[0] for row in book["Coming up"].iter_rows(min_row=2, values_only=True)]
    assert coming == ["G-PIPELINE", "H-PRE-MARKET"]
    assert summary["Not counted: not yet issued"][0] == 2
    assert book["Summary"]["C12"].number_format == "0.0%"

    contracts = list(book["Contracts"].iter_rows(values_only=True))
    header, body = contracts[0], contracts[1:]
    assert len(body) == 10
    by_reference = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    d = by_reference["D-BIG-WITH-KPIS"]
    assert (d["Period"], d["Category"], d["Counted by"], d["Local"], d["VCSE"], d["KPIs set"]) == (
        "This period", "General goods and services", "Award date", "Yes", "Yes", "Yes")
    assert d["Date counted"] == dt.datetime(2027, 3, 31) and d["Awarded value (£)"] == 6_000_000
    assert by_reference["P1-PREVIOUS-LAST-DAY"]["Period"] == "Previous period"
    assert by_reference["B-BELOW-10"]["Social value weighting (%)"] == pytest.approx(9.99)


def test_the_report_command(filled, data_dir, tmp_path, capsys):
    filled.close()
    for name in ("cli.pdf", "cli.xlsx"):
        code = main(["report", "--from", "2025-04-01", "--to", "31/03/2027", "--out", str(tmp_path / name)])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "") and f"Wrote {tmp_path / name}" in out
    assert "7 of 8 (87.5%)" in _pdf_text(tmp_path / "cli.pdf")
    assert _rows(load_workbook(tmp_path / "cli.xlsx")["Summary"])["Contracts counted"][0] == 8


@pytest.mark.parametrize("argv, message", [
    (["--out", "r.docx"], "--out must end in .pdf or .xlsx"),
    (["--from", "2025-02-30", "--out", "r.pdf"], "--from '2025-02-30' is not a real date."),
    (["--to", "next week", "--out", "r.pdf"], "--to must be a date written YYYY-MM-DD or DD/MM/YYYY"),
    (["--from", "2027-01-01", "--to", "2026-01-01", "--out", "r.pdf"], "--from (2027-01-01) is after --to"),
])
def test_report_command_errors_are_one_line(data_dir, tmp_path, capsys, argv, message):
    argv = [str(tmp_path / a) if a.startswith("r.") else a for a in argv]
    code = main(["report", *argv])
    _out, err = capsys.readouterr()
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("r.*"))


def test_a_report_into_a_missing_folder_is_a_plain_error(filled, tmp_path):
    from sv_desktop.services.errors import ServiceError

    with pytest.raises(ServiceError, match="does not exist"):
        filled.export_report(START, END, tmp_path / "no such folder" / "report.pdf")
    with pytest.raises(ServiceError, match="starts .* after it ends"):
        filled.compliance_report(END, START)
