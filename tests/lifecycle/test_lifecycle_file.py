"""The extended .svtender.json: lifecycle keys round-trip exactly, files written before them (format 1
with none of the new keys) still import, and every bad lifecycle value is refused naming its key."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from sv_desktop.cli import main
from sv_desktop.model.lifecycle import Award, CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.model.tender import Kpi, ThemeChoice, new_tender
from sv_desktop.model.tender_file import (
    TenderFileError,
    parse_tender_json,
    read_tender_file,
    tender_from_dict,
    tender_to_dict,
    tender_to_json,
)
from sv_desktop.paths import resources_dir

FORMAT_1_BEFORE_LIFECYCLE = {
    "format": "sv-desktop.tender",
    "format_version": 1,
    "reference": "OLD-2025-001",
    "title": "Grounds maintenance",
    "category": "estates_facilities",
    "value_excl_vat_gbp": 400000,
    "duration_months": 36,
    "social_value_weighting_pct": 10,
    "themes": [{"theme": "fighting_climate_change", "weighting_pct": 10}],
    "kpis": [{"name": "Electric mowers", "frequency": "quarterly"}],
    "leads": {"procurement_lead": "Ben Jones"},
    "stage": "awarded",
}


def lifecycle_tender():
    tender = new_tender("LIFE-1", "Patient transport — «north»", "transport")
    tender.themes = [ThemeChoice("fighting_climate_change", Decimal("10.5"))]
    tender.social_value_weighting_pct = Decimal("10.5")
    tender.kpis = [Kpi(name="Zero-emission vehicles", frequency="monthly")]
    tender.engagement = [
        EngagementEvent(title="Market day", held_on=dt.date(2024, 2, 29),
                        notes="Łódź café\nsecond line", suppliers=[
                            Supplier(name="Green Cabs CIC", postcode="LE1 7RH", sme=True, vcse=True),
                            Supplier(name="Bigco", postcode="", sme=False, vcse=False)]),
        EngagementEvent(title="Questionnaire"),
    ]
    tender.award = Award(supplier=Supplier(name="Green Cabs CIC", postcode="LE1 7RH", sme=True, vcse=True),
                         awarded_on=dt.date(2026, 3, 31), awarded_value_gbp=Decimal("1234567.89"),
                         renewal_requirements="All-electric fleet")
    tender.kpi_results = [KpiResult(kpi="Zero-emission vehicles", period_start=dt.date(2026, 4, 1),
                                    period_end=dt.date(2026, 4, 30), rating="Approaching target", result="41%",
                                    notes="Two vans late", reported_on=dt.date(2026, 5, 3))]
    tender.case_studies = [CaseStudy(title="First electric route", text="Story", theme="fighting_climate_change",
                                     written_on=dt.date(2026, 6, 1)),
                           CaseStudy(title="No theme yet")]
    tender.role_checklists = {"contract_management_lead": [
        "Works with suppliers through relationship management to ensure delivery of contract performance and "
        "outcomes."]}
    tender.stage = "awarded"
    return tender


def test_lifecycle_data_round_trips_through_the_file():
    tender = lifecycle_tender()
    text = tender_to_json(tender)
    data = json.loads(text)
    assert data["format_version"] == 1
    assert data["award"]["awarded_value_gbp"] == 1234567.89
    assert data["engagement"][0]["suppliers"][0] == {"name": "Green Cabs CIC", "postcode": "LE1 7RH",
                                                     "sme": True, "vcse": True}
    assert data["kpi_results"][0]["period_end"] == "2026-04-30"
    back = parse_tender_json(text)
    assert back == tender
    assert tender_to_json(back) == text


def test_a_format_1_file_from_before_the_lifecycle_keys_still_reads(tmp_path):
    path = tmp_path / "old.svtender.json"
    path.write_text(json.dumps(FORMAT_1_BEFORE_LIFECYCLE), encoding="utf-8")
    tender = read_tender_file(path)
    assert (tender.reference, tender.stage, tender.leads) == ("OLD-2025-001", "awarded", {"procurement_lead": "Ben Jones"})
    assert (tender.engagement, tender.kpi_results, tender.case_studies, tender.role_checklists) == ([], [], [], {})
    assert tender.award == Award()
    examples = sorted((resources_dir() / "demo").glob("*.svtender.json"))
    before_lifecycle = [demo for demo in examples if "award" not in json.loads(demo.read_text(encoding="utf-8"))]
    assert len(before_lifecycle) >= 4
    for demo in before_lifecycle:
        assert read_tender_file(demo).award == Award()


def test_import_of_a_format_1_file_then_export_adds_the_new_keys(data_dir, tmp_path, capsys):
    source = tmp_path / "old.svtender.json"
    source.write_text(json.dumps(FORMAT_1_BEFORE_LIFECYCLE), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    target = tmp_path / "new.svtender.json"
    assert main(["export", "OLD-2025-001", "--out", str(target)]) == 0
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["award"]["awarded_on"] is None and written["kpi_results"] == []
    capsys.readouterr()


def test_lifecycle_data_survives_import_and_export_through_the_store(data_dir, tmp_path, capsys):
    tender = lifecycle_tender()
    source = tmp_path / "in.svtender.json"
    source.write_text(tender_to_json(tender), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    target = tmp_path / "out.svtender.json"
    assert main(["export", tender.reference, "--out", str(target)]) == 0
    back = read_tender_file(target)
    assert back.version == 1  # the export records the version it was taken at
    back.version = 0
    assert back == tender
    capsys.readouterr()


def _with(change) -> dict:
    data = tender_to_dict(lifecycle_tender())
    data = json.loads(json.dumps(data))
    change(data)
    return data


@pytest.mark.parametrize("change, key, words", [
    (lambda d: d.update(engagement="x"), "engagement", "must be a list"),
    (lambda d: d["engagement"][0].update(title="  "), "engagement[0].title", "must not be empty"),
    (lambda d: d["engagement"][0].update(held_on="2026-02-30"), "engagement[0].held_on", "real date"),
    (lambda d: d["engagement"][0]["suppliers"].append("Acme"), "engagement[0].suppliers[2]", "must be an object"),
    (lambda d: d["engagement"][0]["suppliers"][0].update(sme="yes"), "engagement[0].suppliers[0].sme",
     "true or false"),
    (lambda d: d["engagement"][0]["suppliers"][1].update(name=""), "engagement[0].suppliers[1].name", "empty"),
    (lambda d: d["award"].update(awarded_value_gbp=-1), "award.awarded_value_gbp", "at least 0"),
    (lambda d: d["award"]["supplier"].update(postcode="X" * 21), "award.supplier.postcode", "too long"),
    (lambda d: d["award"].update(supplier=[]), "award.supplier", "must be an object"),
    (lambda d: d["kpi_results"][0].pop("period_end"), "kpi_results[0].period_end", "is required"),
    (lambda d: d["kpi_results"][0].update(period_start="2026-05-01"), "kpi_results[0].period_start",
     "must not be after period_end"),
    (lambda d: d["kpi_results"][0].update(kpi=""), "kpi_results[0].kpi", "must not be empty"),
    (lambda d: d["case_studies"][0].update(theme="kindness"), "case_studies[0].theme", "must be one of"),
    (lambda d: d["role_checklists"].update(chief_executive=["x"]), "role_checklists.chief_executive",
     "is not a role"),
    (lambda d: d["role_checklists"].update(bid_lead=[1]), "role_checklists.bid_lead[0]", "must be text"),
])
def test_bad_lifecycle_values_are_refused_naming_the_key(change, key, words):
    with pytest.raises(TenderFileError) as caught:
        tender_from_dict(_with(change))
    assert caught.value.key == key
    assert words in str(caught.value)


def test_missing_optional_parts_take_their_defaults():
    data = copy.deepcopy(FORMAT_1_BEFORE_LIFECYCLE)
    data["kpi_results"] = [{"kpi": "Electric mowers", "period_end": "2026-03-31"}]
    data["award"] = {"awarded_on": "2026-01-05"}
    data["role_checklists"] = {"bid_lead": []}
    tender = tender_from_dict(data)
    assert tender.kpi_results[0].rating == "" and tender.kpi_results[0].period_start is None  # not rated yet
    assert tender.award.supplier == Supplier() and tender.award.awarded_value_gbp is None
    assert tender.role_checklists == {}


def test_the_format_document_lists_every_new_key():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "tender-format.md").read_text(encoding="utf-8")
    for key in ("engagement", "award", "kpi_results", "case_studies", "role_checklists", "awarded_value_gbp",
                "renewal_requirements", "period_end", "rating"):
        assert f"`{key}`" in doc, key
