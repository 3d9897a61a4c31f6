"""The Procurement Act 2023 s.93 pipeline notice: which contracts it lists, its dates, and its files."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sv_desktop.cli import main
from sv_desktop.model.pipeline_notice import notice_window, pipeline_notice, publish_by
from sv_desktop.model.rules import load_rules
from sv_desktop.model.tender import new_tender
from sv_desktop.services.errors import ServiceError

FIGURES = load_rules().figures.pipeline_notice


def planned(reference: str, value: str, notice: dt.date | None, *, vat: str = "0", route: str = "open",
            stage: str = "pipeline", award: dt.date | None = dt.date(2028, 1, 31)):
    tender = new_tender(reference, f"Contract {reference}", "goods_services")
    tender.value_excl_vat_gbp = Decimal(value)
    tender.vat_rate_pct = Decimal(vat)
    tender.tender_notice_date = notice
    tender.route = route
    tender.stage = stage
    tender.estimated_award_date = award
    tender.description = "Supply of something the Trust needs."
    return tender


def listed(*tenders, year: int = 2027) -> list[str]:
    notice = pipeline_notice(tenders, year, FIGURES, {}, {})
    return [c.reference for c in notice.contracts]


def test_the_window_is_18_months_from_1_april_and_the_deadline_56_days():
    assert notice_window(2027, FIGURES) == (dt.date(2027, 4, 1), dt.date(2028, 9, 30))
    assert publish_by(2027, FIGURES) == dt.date(2027, 5, 26)
    assert notice_window(2028, FIGURES) == (dt.date(2028, 4, 1), dt.date(2029, 9, 30))


def test_value_over_two_million_including_vat():
    notice = dt.date(2027, 6, 1)
    assert listed(planned("AT", "2000000", notice)) == []
    assert listed(planned("OVER", "2000000.01", notice)) == ["OVER"]
    # £1,666,667 excl. VAT at 20% is £2,000,000.40 including VAT: over the threshold.
    assert listed(planned("VAT", "1666667", notice, vat="20")) == ["VAT"]
    assert listed(planned("VAT-UNDER", "1666666.66", notice, vat="20")) == []


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2027, 3, 31), False), (dt.date(2027, 4, 1), True), (dt.date(2028, 9, 30), True),
    (dt.date(2028, 10, 1), False), (None, False),
])
def test_notice_dates_on_the_edges_of_the_window(day, expected):
    assert listed(planned("EDGE", "5000000", day)) == (["EDGE"] if expected else [])


def test_only_planned_procurements_under_the_act_are_listed():
    notice = dt.date(2027, 9, 1)
    assert listed(planned("AWARDED", "5000000", notice, stage="awarded")) == []
    assert listed(planned("EVAL", "5000000", notice, stage="evaluation")) == []
    assert listed(planned("ITT", "5000000", notice, stage="itt")) == ["ITT"]
    assert listed(planned("PSR", "5000000", notice, route="psr_competitive")) == []
    result = pipeline_notice([planned("CALL", "5000000", notice, route="framework_call_off")], 2027, FIGURES,
                             {}, {})
    assert [c.reference for c in result.contracts] == ["CALL"]
    assert "encouraged" in result.contracts[0].notes[0]


def test_missing_fields_are_named_and_the_list_is_soonest_first():
    late = planned("LATE", "3000000", dt.date(2028, 2, 1), award=None)
    soon = planned("SOON", "3000000", dt.date(2027, 5, 1))
    soon.description = ""
    result = pipeline_notice([late, soon], 2027, FIGURES, {"goods_services": "Goods and services"}, {})
    assert [c.reference for c in result.contracts] == ["SOON", "LATE"]
    assert result.contracts[0].subject_matter == "Goods and services"
    assert "No description of the subject matter" in result.contracts[0].notes[0]
    assert result.contracts[1].notes == ("No estimated award date is recorded.",)
    assert result.year_label == "2027/28"


def test_files_carry_the_notice_fields(service, day_clock, tmp_path):
    day_clock.day = dt.date(2027, 2, 10)
    kept = planned("LPT-N-1", "2500000", dt.date(2027, 7, 1), award=dt.date(2027, 12, 1))
    kept.cpv_code = "60130000-8"
    service.create(kept)
    service.create(planned("LPT-N-2", "900000", dt.date(2027, 7, 1)))
    service.settings.organisation_identifier = "GB-NHS-RT5"
    out, notice = service.export_pipeline_notice(tmp_path / "notice.json")
    assert notice.financial_year == 2027  # today is 10 February 2027: the next 1 April
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["organisation"] == {"name": service.settings.organisation, "identifier": "GB-NHS-RT5"}
    assert data["period"] == {"from": "2027-04-01", "to": "2028-09-30"}
    assert data["publish_by"] == "2027-05-26"
    [contract] = data["contracts"]
    assert contract == {
        "reference": "LPT-N-1", "title": "Contract LPT-N-1", "subject_matter": "Supply of something the Trust needs.",
        "cpv_code": "60130000-8", "estimated_tender_notice_date": "2027-07-01",
        "estimated_award_date": "2027-12-01", "estimated_value_incl_vat_gbp": "2500000.00",
        "procedure": "Open procedure", "notes": [],
    }
    xlsx, _ = service.export_pipeline_notice(tmp_path / "notice.xlsx", 2027)
    sheet = load_workbook(xlsx).active
    rows = [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
    header = next(i for i, row in enumerate(rows) if row[0] == "Reference")
    assert rows[header + 1][:4] == ("LPT-N-1", "Contract LPT-N-1", "Supply of something the Trust needs.",
                                    "60130000-8")
    assert rows[header + 1][4] == dt.datetime(2027, 7, 1)
    assert ("Publish the notice by", dt.datetime(2027, 5, 26)) in [row[:2] for row in rows]
    with pytest.raises(ServiceError, match=r"\.xlsx or \.json"):
        service.export_pipeline_notice(tmp_path / "notice.csv")


def test_cli_pipeline_notice(data_dir, tmp_path, capsys):
    out = tmp_path / "n.json"
    assert main(["pipeline", "--notice", "--year", "2027", "--out", str(out)]) == 0
    assert "pipeline notice 2027/28, 0 contracts; publish it by 26 May 2027" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["contracts"] == []
    assert main(["pipeline", "--notice", "--out", str(tmp_path / "n.csv")]) == 2
    assert "--out must end in .xlsx or .json" in capsys.readouterr().err
    assert main(["pipeline", "--year", "2027", "--out", str(tmp_path / "p.csv")]) == 2
    assert "--year is used with --notice only" in capsys.readouterr().err


def test_notice_fields_travel_in_the_tender_file_and_bad_cpv_codes_are_named():
    from sv_desktop.model.tender_file import TenderFileError, tender_from_dict, tender_to_dict

    tender = planned("FILE-1", "3000000", dt.date(2027, 6, 1), award=dt.date(2027, 11, 30))
    tender.cpv_code = "85140000-2"
    back = tender_from_dict(tender_to_dict(tender))
    assert (back.cpv_code, back.estimated_award_date) == ("85140000-2", dt.date(2027, 11, 30))
    data = tender_to_dict(tender)
    for bad in ("8514000-2", "85140000", "85140000-22", "abc"):
        data["cpv_code"] = bad
        with pytest.raises(TenderFileError, match="cpv_code"):
            tender_from_dict(data)
    data["cpv_code"], data["estimated_award_date"] = "", "2027-02-30"
    with pytest.raises(TenderFileError, match="estimated_award_date"):
        tender_from_dict(data)
