"""Contract performance notice data (Procurement Act 2023 s.71): which contracts, which years, which ratings."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from openpyxl import load_workbook

from sv_desktop.cli import main
from sv_desktop.model.lifecycle import KpiResult
from sv_desktop.model.performance_notice import assessment_years, performance_notices, s52_applies
from sv_desktop.model.rules import load_rules
from sv_desktop.model.tender import Kpi, new_tender

RULES = load_rules()
TODAY = dt.date(2028, 8, 1)


def contract(value: str = "6000000", route: str = "open", notice: dt.date = dt.date(2025, 6, 1), **changes):
    tender = new_tender("PERF-1", "Patient transport", "transport")
    tender.value_excl_vat_gbp = Decimal(value)
    tender.route = route
    tender.tender_notice_date = notice
    tender.contract_start_date = dt.date(2026, 4, 1)
    tender.duration_months = 36
    tender.stage = "awarded"
    tender.kpis = [Kpi("Zero-emission vehicles", "%"), Kpi("Local apprentices"), Kpi("Local spend", "%")]
    tender.award.supplier.name = "Green Wheels CIC"
    tender.award.awarded_on = dt.date(2026, 2, 1)
    for key, value_ in changes.items():
        setattr(tender, key, value_)
    return tender


def test_the_act_decides_which_contracts_need_notices():
    assert s52_applies(contract(), RULES, TODAY)
    assert not s52_applies(contract(value="4000000"), RULES, TODAY)  # £4.8m incl. VAT: under £5m
    assert not s52_applies(contract(route="light_touch"), RULES, TODAY)
    assert not s52_applies(contract(route="psr_competitive"), RULES, TODAY)
    assert not s52_applies(contract(notice=dt.date(2025, 2, 23)), RULES, TODAY)  # begun before the Act
    assert not s52_applies(contract(kpi_exemption_reason="Performance cannot be measured by KPIs"), RULES, TODAY)


def test_assessment_years_and_the_latest_rating_in_each():
    tender = contract()
    tender.kpi_results = [
        KpiResult("Zero-emission vehicles", dt.date(2026, 4, 1), dt.date(2026, 9, 30), rating="Requires improvement",
                  result="10%"),
        KpiResult("Zero-emission vehicles", dt.date(2026, 10, 1), dt.date(2027, 3, 31), rating="Good", result="22%"),
        KpiResult("local  APPRENTICES", dt.date(2026, 4, 1), dt.date(2027, 3, 31), rating="Approaching target",
                  result="2"),
        KpiResult("Local spend", dt.date(2027, 4, 1), dt.date(2027, 6, 30), rating="Inadequate", result="5%"),
    ]
    years = assessment_years(tender, TODAY)
    assert [(y.start, y.end) for y in years] == [(dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
                                                (dt.date(2027, 4, 1), dt.date(2028, 3, 31))]
    first = {r.kpi: (r.rating, r.result) for r in years[0].ratings}
    assert first == {"Zero-emission vehicles": ("Good", "22%"), "Local apprentices": ("Approaching target", "2"),
                     "Local spend": ("", "")}
    assert years[0].missing == ("Local spend",) and not years[0].complete
    assert {r.kpi: r.rating for r in years[1].ratings}["Local spend"] == "Inadequate"
    assert assessment_years(tender, dt.date(2027, 3, 30)) == []  # the first year has not ended yet


def test_only_contracts_in_delivery_with_s52_kpis_are_listed():
    listed = contract()
    small = contract(value="1000000")
    small.reference = "PERF-2"
    planned = contract(stage="itt")
    planned.reference = "PERF-3"
    years = performance_notices([small, planned, listed], RULES, TODAY)
    assert {y.reference for y in years} == {"PERF-1"}


def test_service_files_and_cli(service, day_clock, data_dir, tmp_path, capsys):
    day_clock.day = TODAY
    tender = contract()
    tender.kpi_results = [KpiResult(k.name, dt.date(2026, 4, 1), dt.date(2027, 3, 31), rating="Good", result="ok")
                          for k in tender.kpis]
    service.create(tender)
    out, years = service.export_performance_notices(tmp_path / "perf.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["period"] for a in data["assessments"]] == [{"from": "2026-04-01", "to": "2027-03-31"},
                                                          {"from": "2027-04-01", "to": "2028-03-31"}]
    assert data["assessments"][0]["ready"] and data["assessments"][0]["missing_ratings"] == []
    assert not data["assessments"][1]["ready"]
    xlsx, _ = service.export_performance_notices(tmp_path / "perf.xlsx")
    rows = list(load_workbook(xlsx).active.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 6
    assert rows[0][:3] == ("PERF-1", "Patient transport", "Green Wheels CIC")
    assert rows[0][6] == "Good" and rows[3][6] == "Not rated yet"
    assert main(["performance", "--out", str(tmp_path / "p.csv")]) == 2
    assert ".xlsx or .json" in capsys.readouterr().err


def test_the_kpi_reminders_cover_the_performance_notice(service, day_clock):
    from sv_desktop.model.performance_notice import NOTICE_REMINDER

    tender = contract()
    tender.kpi_results = [KpiResult(k.name, dt.date(2026, 4, 1), dt.date(2027, 3, 31), rating="Good", result="ok")
                          for k in tender.kpis[:2]]  # the third KPI has no rating for the first year
    service.create(tender)
    small = contract(value="1000000")
    small.reference = "PERF-SMALL"
    service.create(small)
    day_clock.day = dt.date(2027, 3, 20)  # the first assessment year ends on 31 March: within the fortnight
    notices = [r for r in service.kpi_reminders() if r.kpi == NOTICE_REMINDER]
    assert [(r.reference, r.due_on, r.missing) for r in notices] == [("PERF-1", dt.date(2027, 3, 31), 1)]
    day_clock.day = dt.date(2027, 3, 10)  # three weeks before: not yet
    assert not [r for r in service.kpi_reminders() if r.kpi == NOTICE_REMINDER]
    rated = service.get("PERF-1")
    rated.kpi_results.append(KpiResult(rated.kpis[2].name, dt.date(2026, 4, 1), dt.date(2027, 3, 31),
                                       rating="Inadequate", result="0"))
    service.save(rated)
    day_clock.day = dt.date(2027, 4, 20)  # every rating recorded: no reminder, though the year has ended
    assert not [r for r in service.kpi_reminders() if r.kpi == NOTICE_REMINDER]
