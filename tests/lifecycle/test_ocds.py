"""Open Contracting Data Standard 1.1 release packages, validated against the published schemas (shipped
with the tests, see tests/data/ocds/README.md) with no network."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from sv_desktop.cli import main
from sv_desktop.demo import load_demo
from sv_desktop.model.lifecycle import KpiResult, Supplier
from sv_desktop.services.errors import ServiceError

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "ocds"


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


RELEASE = _schema("release-schema.json")
PACKAGE = _schema("release-package-schema.json")
REGISTRY = Registry().with_resource(RELEASE["id"], Resource.from_contents(RELEASE, default_specification=DRAFT4))


def problems(package: dict) -> list[str]:
    validator = Draft4Validator(PACKAGE, registry=REGISTRY, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(package)]


def test_the_validator_catches_a_broken_package():
    assert problems({"uri": "x", "version": "1.1", "publishedDate": "2026-01-01T00:00:00Z",
                     "publisher": {"name": "A"}, "releases": [{"ocid": "o", "id": "1", "date": "yesterday",
                                                                "tag": ["nope"], "initiationType": "tender"}]})


@pytest.fixture
def stages(service):
    """A planned, an awarded and an in-delivery tender from the worked examples."""
    load_demo(service)
    planned = service.get("LPT-2027-021")
    planned.stage = "pre_market"
    planned = service.save(planned)
    awarded = service.get("LPT-2027-033")
    awarded.stage = "awarded"
    awarded.cpv_code = "72000000-5"
    awarded.award.supplier = Supplier("Hosting Co & Sons <Ltd>", "le1 7rh", sme=True, vcse=False)
    awarded.award.awarded_on = dt.date(2026, 5, 20)
    awarded.award.awarded_value_gbp = Decimal("1750000")
    awarded = service.save(awarded)
    delivered = service.get("LPT-2027-014")
    delivered.stage = "awarded"
    delivered.award.supplier = Supplier("Green Wheels CIC", "LE2 1AA", sme=True, vcse=True)
    delivered.award.awarded_on = dt.date(2027, 6, 1)
    delivered.award.awarded_value_gbp = Decimal("9800000")
    delivered.kpi_results.append(KpiResult(delivered.kpis[0].name, dt.date(2027, 9, 1), dt.date(2027, 11, 30),
                                           rating="Good", result="18%", reported_on=dt.date(2027, 12, 10)))
    delivered = service.save(delivered)
    return planned, awarded, delivered


def test_planned_awarded_and_delivery_releases_are_valid(service, stages, tmp_path):
    service.settings.organisation_identifier = "GB-NHS-RT5"
    out, count = service.export_ocds(tmp_path / "p.json", [t.reference for t in stages])
    package = json.loads(out.read_text(encoding="utf-8"))
    assert count == 3
    assert problems(package) == []
    releases = {r["tender"]["id"]: r for r in package["releases"]}
    planned = releases["LPT-2027-021"]
    assert planned["tag"] == ["planning"] and planned["tender"]["status"] == "planning"
    assert planned["buyer"] == {"id": "GB-NHS-RT5", "name": service.settings.organisation}
    awarded = releases["LPT-2027-033"]
    assert awarded["tag"] == ["award", "contract"]
    assert awarded["awards"][0]["value"] == {"amount": 1750000.0, "currency": "GBP", "amountGross": 2100000.0}
    assert awarded["tender"]["items"][0]["classification"] == {"scheme": "CPV", "id": "72000000"}
    supplier = next(p for p in awarded["parties"] if "supplier" in p["roles"])
    assert supplier["name"] == "Hosting Co & Sons <Ltd>"
    assert supplier["details"] == {"scale": "sme", "vcse": False}
    assert supplier["address"]["postalCode"] == "LE1 7RH"
    delivered = releases["LPT-2027-014"]
    assert "Social value 10% of the total evaluation score" in delivered["tender"]["awardCriteriaDetails"]
    metrics = delivered["contracts"][0]["agreedMetrics"]
    assert [m["title"] for m in metrics] == [k.name for k in stages[2].kpis]
    results = [o for o in metrics[0]["observations"] if o["id"].startswith("result")]
    assert results == [{"id": "result-1", "notes": "Result, rated Good", "measure": "18%",
                        "period": {"startDate": "2027-09-01T00:00:00Z", "endDate": "2027-11-30T00:00:00Z"}}]
    assert package["extensions"]


def test_no_internal_notes_reach_the_open_data(service, stages, tmp_path):
    delivered = stages[2]
    delivered.think_local.notes = "INTERNAL-MARKER-1 met two suppliers"
    delivered.award.renewal_requirements = "INTERNAL-MARKER-2"
    delivered.kpi_results[0].notes = "INTERNAL-MARKER-3"
    service.save(delivered)
    out, _ = service.export_ocds(tmp_path / "p.json", [delivered.reference])
    assert "INTERNAL-MARKER" not in out.read_text(encoding="utf-8")


def test_pipeline_notice_contracts_as_planning_releases(service, stages, tmp_path):
    out, count = service.export_ocds(tmp_path / "n.json", pipeline_year=2026)
    package = json.loads(out.read_text(encoding="utf-8"))
    assert problems(package) == []
    assert count == len(package["releases"]) == 1  # only the pre-market estates tender is still planned
    assert package["releases"][0]["tender"]["id"] == "LPT-2027-021"


def test_refusals(service, tmp_path):
    with pytest.raises(ServiceError, match=r"\.json"):
        service.export_ocds(tmp_path / "x.xml", ["A"])
    with pytest.raises(ServiceError, match="Name the tenders"):
        service.export_ocds(tmp_path / "x.json")


def test_cli_ocds(data_dir, tmp_path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "o.json"
    assert main(["ocds", "LPT-2027-014", "--out", str(out)]) == 0
    assert "1 release, OCDS 1.1" in capsys.readouterr().out
    assert problems(json.loads(out.read_text(encoding="utf-8"))) == []
    assert main(["ocds", "--out", str(out)]) == 2
    assert "one or the other" in capsys.readouterr().err
