"""The policy rules engine against the real rules file: every rule on both sides of its thresholds and dates."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from sv_desktop.model import rules
from sv_desktop.model.rules import (
    SEVERITIES,
    Finding,
    check_report,
    evaluate,
    is_compliant,
    load_rules,
    supplier_requirements,
)
from sv_desktop.model.tender import (
    STEPS,
    Kpi,
    LotsDecision,
    ModernSlaveryAssessment,
    Question,
    StepRecord,
    Tender,
    ThemeChoice,
)

TODAY = dt.date(2026, 12, 1)
MODEL_DIR = Path(rules.__file__).parent  # the rules package


def clean(**changes) -> Tender:
    """A tender that breaks no rule: only the always-on requirement and advice findings remain."""
    tender = Tender(
        reference="LPT-TEST-001",
        title="Test tender",
        category="goods_services",
        value_excl_vat_gbp=D("1000000"),
        vat_rate_pct=D(20),
        duration_months=12,
        route="open",
        tender_notice_date=dt.date(2026, 6, 1),
        contract_start_date=dt.date(2026, 9, 1),
        social_value_weighting_pct=D(10),
        themes=[ThemeChoice("fighting_climate_change", D(10))],
        kpis=[Kpi(name="Zero-emission fleet share")],
        lots=LotsDecision(divided=False, reasons="Single integrated service"),
        think_local=StepRecord(considered=True),
        spec_refresh=StepRecord(considered=True),
        modern_slavery_risk_assessment=ModernSlaveryAssessment(completed_on=dt.date(2026, 5, 20), risk="low"),
        confidentiality_reviewed=True,
    )
    for name, value in changes.items():
        setattr(tender, name, value)
    return tender


def kpis(n: int, publish: bool = True) -> list[Kpi]:
    return [Kpi(name=f"KPI {i + 1}", publish=publish) for i in range(n)]


def msra(completed_on: dt.date | None, risk: str | None = "low") -> ModernSlaveryAssessment:
    return ModernSlaveryAssessment(completed_on=completed_on, risk=risk)


def of_rule(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule_id]


OVER = {"vat_rate_pct": D(0), "value_excl_vat_gbp": D("5000000.01")}  # whole-life incl. VAT a penny over £5m
THREE = {"kpis": kpis(3)}
PSR_ROUTES = ("psr_direct_award", "psr_most_suitable_provider", "psr_competitive")

# (case id, changes to the clean tender, rule, expected severities of that rule's findings in order)
CASES: list[tuple[str, dict, str, list[str]]] = [
    # SV-MIN-WEIGHT: at least 10%
    ("weight-10", {}, "SV-MIN-WEIGHT", []),
    ("weight-9.99", {"social_value_weighting_pct": D("9.99"),
                     "themes": [ThemeChoice("fighting_climate_change", D("9.99"))]}, "SV-MIN-WEIGHT", ["blocker"]),
    ("weight-0", {"social_value_weighting_pct": D(0), "themes": [ThemeChoice("fighting_climate_change")]},
     "SV-MIN-WEIGHT", ["blocker"]),
    # SV-CLIMATE
    ("climate-chosen", {}, "SV-CLIMATE", []),
    ("climate-missing", {"themes": [ThemeChoice("wellbeing", D(10))]}, "SV-CLIMATE", ["blocker"]),
    ("climate-no-themes", {"themes": []}, "SV-CLIMATE", ["blocker"]),
    # SV-THEME-WEIGHTS: exact Decimal sum when split; all zero is not split
    ("split-exact", {"themes": [ThemeChoice("fighting_climate_change", D("5.5")), ThemeChoice("wellbeing", D("4.50"))]},
     "SV-THEME-WEIGHTS", []),
    ("split-short", {"themes": [ThemeChoice("fighting_climate_change", D(5)), ThemeChoice("wellbeing", D("4.99"))]},
     "SV-THEME-WEIGHTS", ["blocker"]),
    ("split-over", {"themes": [ThemeChoice("fighting_climate_change", D(6)), ThemeChoice("wellbeing", D(5))]},
     "SV-THEME-WEIGHTS", ["blocker"]),
    ("not-split", {"themes": [ThemeChoice("fighting_climate_change"), ThemeChoice("wellbeing")]},
     "SV-THEME-WEIGHTS", []),
    # SV-KPI: over £5m whole-life incl. VAT, or over 15% weighting; blocker without a KPI
    ("kpi-5m-exact-vat0", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D(5000000), "kpis": []}, "SV-KPI", []),
    ("kpi-penny-over-vat0", {**OVER, "kpis": []}, "SV-KPI", ["blocker"]),
    ("kpi-5m-exact-vat20", {"value_excl_vat_gbp": D("4166666.67"), "kpis": []}, "SV-KPI", []),
    ("kpi-over-vat20", {"value_excl_vat_gbp": D("4166666.68"), "kpis": []}, "SV-KPI", ["blocker"]),
    ("kpi-over-with-kpi", {**OVER}, "SV-KPI", []),
    ("kpi-weight-15", {"social_value_weighting_pct": D(15), "themes": [ThemeChoice("fighting_climate_change")],
                       "kpis": []}, "SV-KPI", []),
    ("kpi-weight-15.01", {"social_value_weighting_pct": D("15.01"), "themes": [ThemeChoice("fighting_climate_change")],
                          "kpis": []}, "SV-KPI", ["blocker"]),
    ("kpi-weight-15.01-with-kpi", {"social_value_weighting_pct": D("15.01"),
                                   "themes": [ThemeChoice("fighting_climate_change")]}, "SV-KPI", []),
    # PA23-KPI-3: over £5m, notice on/after 24 Feb 2025, not exempt, fewer than 3 KPIs
    ("pa23-5m-exact", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D(5000000)}, "PA23-KPI-3", []),
    ("pa23-penny-over", {**OVER}, "PA23-KPI-3", ["blocker"]),
    ("pa23-vat20-over", {"value_excl_vat_gbp": D("4166666.68")}, "PA23-KPI-3", ["blocker"]),
    ("pa23-three-kpis", {**OVER, **THREE}, "PA23-KPI-3", []),
    ("pa23-two-kpis", {**OVER, "kpis": kpis(2)}, "PA23-KPI-3", ["blocker"]),
    ("pa23-before-act", {**OVER, "tender_notice_date": dt.date(2025, 2, 23)}, "PA23-KPI-3", []),
    ("pa23-act-day", {**OVER, "tender_notice_date": dt.date(2025, 2, 24)}, "PA23-KPI-3", ["blocker"]),
    ("pa23-light-touch", {**OVER, "route": "light_touch"}, "PA23-KPI-3", []),
    ("pa23-framework-agreement", {**OVER, "route": "framework_agreement"}, "PA23-KPI-3", []),
    ("pa23-is-framework", {**OVER, "is_framework": True}, "PA23-KPI-3", []),
    *[(f"pa23-{route}", {**OVER, "route": route}, "PA23-KPI-3", []) for route in PSR_ROUTES],
    ("pa23-call-off", {**OVER, "route": "framework_call_off"}, "PA23-KPI-3", ["blocker"]),
    ("pa23-direct-award", {**OVER, "route": "direct_award"}, "PA23-KPI-3", ["blocker"]),
    ("pa23-flexible", {**OVER, "route": "competitive_flexible"}, "PA23-KPI-3", ["blocker"]),
    ("pa23-exemption", {**OVER, "kpi_exemption_reason": "One-off delivery of goods"}, "PA23-KPI-3", ["advice"]),
    ("pa23-exemption-small", {"kpi_exemption_reason": "One-off delivery"}, "PA23-KPI-3", []),
    # PA23-KPI-PUBLISH: over £5m, confidentiality not reviewed or a KPI not published
    ("publish-reviewed", {**OVER}, "PA23-KPI-PUBLISH", []),
    ("publish-not-reviewed", {**OVER, "confidentiality_reviewed": False}, "PA23-KPI-PUBLISH", ["warning"]),
    ("publish-kpi-private", {**OVER, "kpis": kpis(3, publish=False)}, "PA23-KPI-PUBLISH", ["warning"]),
    ("publish-both", {**OVER, "confidentiality_reviewed": False, "kpis": kpis(1, publish=False)},
     "PA23-KPI-PUBLISH", ["warning", "warning"]),
    ("publish-5m-exact", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D(5000000), "confidentiality_reviewed": False},
     "PA23-KPI-PUBLISH", []),
    # SV-KPI-PUBLISH-SMALL: £5m or less
    ("small-5m-exact", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D(5000000)}, "SV-KPI-PUBLISH-SMALL", ["advice"]),
    ("small-penny-over", {**OVER}, "SV-KPI-PUBLISH-SMALL", []),
    # NZ-CRP: annual excl. VAT £5m or more (>=), notice on/after 1 Apr 2023; new frameworks from 1 Apr 2024
    ("crp-annual-5m", {"value_excl_vat_gbp": D(5000000)}, "NZ-CRP", ["requirement"]),
    ("crp-annual-penny-under", {"value_excl_vat_gbp": D("4999999.99")}, "NZ-CRP", []),
    ("crp-annual-over-term", {"value_excl_vat_gbp": D(10000000), "duration_months": 24}, "NZ-CRP", ["requirement"]),
    ("crp-short-term", {"value_excl_vat_gbp": D(5000000), "duration_months": 6}, "NZ-CRP", ["requirement"]),
    ("crp-2023-03-31", {"value_excl_vat_gbp": D(6000000), "tender_notice_date": dt.date(2023, 3, 31)}, "NZ-CRP", []),
    ("crp-2023-04-01", {"value_excl_vat_gbp": D(6000000), "tender_notice_date": dt.date(2023, 4, 1)},
     "NZ-CRP", ["requirement"]),
    ("crp-framework-2024-03-31", {"route": "framework_agreement", "tender_notice_date": dt.date(2024, 3, 31)},
     "NZ-CRP", []),
    ("crp-framework-2024-04-01", {"route": "framework_agreement", "tender_notice_date": dt.date(2024, 4, 1)},
     "NZ-CRP", ["requirement"]),
    ("crp-is-framework", {"is_framework": True, "value_excl_vat_gbp": D(1000)}, "NZ-CRP", ["requirement"]),
    ("crp-call-off-small", {"route": "framework_call_off"}, "NZ-CRP", []),
    # NZ-NZC: over £10k and under £5m a year, notice on/after 1 Apr 2024; until 31 Mar 2026 above threshold only
    ("nzc-10k", {"value_excl_vat_gbp": D(10000)}, "NZ-NZC", []),
    ("nzc-10k-penny-over", {"value_excl_vat_gbp": D("10000.01")}, "NZ-NZC", ["requirement"]),
    ("nzc-penny-under-5m", {"value_excl_vat_gbp": D("4999999.99")}, "NZ-NZC", ["requirement"]),
    ("nzc-5m-is-crp", {"value_excl_vat_gbp": D(5000000)}, "NZ-NZC", []),
    ("nzc-2024-03-31", {"tender_notice_date": dt.date(2024, 3, 31)}, "NZ-NZC", []),
    ("nzc-2024-04-01", {"tender_notice_date": dt.date(2024, 4, 1)}, "NZ-NZC", ["requirement"]),
    ("nzc-below-2026-03-31", {"value_excl_vat_gbp": D(20000), "tender_notice_date": dt.date(2026, 3, 31)},
     "NZ-NZC", []),
    ("nzc-below-2026-04-01", {"value_excl_vat_gbp": D(20000), "tender_notice_date": dt.date(2026, 4, 1)},
     "NZ-NZC", ["requirement"]),
    ("nzc-at-threshold-2026", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D(207720),
                               "tender_notice_date": dt.date(2026, 3, 1)}, "NZ-NZC", ["requirement"]),
    ("nzc-under-threshold-2026", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D("207719.99"),
                                  "tender_notice_date": dt.date(2026, 3, 1)}, "NZ-NZC", []),
    ("nzc-at-threshold-2025", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D(214904),
                               "tender_notice_date": dt.date(2025, 12, 31)}, "NZ-NZC", ["requirement"]),
    ("nzc-under-threshold-2025", {"vat_rate_pct": D(0), "value_excl_vat_gbp": D("214903.99"),
                                  "tender_notice_date": dt.date(2025, 12, 31)}, "NZ-NZC", []),
    ("nzc-framework-is-crp", {"route": "framework_agreement"}, "NZ-NZC", []),
    # NZ-ROADMAP: one advice per milestone the contract end date reaches
    ("roadmap-end-2027-03-31", {"contract_start_date": dt.date(2026, 4, 1)}, "NZ-ROADMAP", []),
    ("roadmap-end-2027-04-01", {"contract_start_date": dt.date(2026, 4, 2)}, "NZ-ROADMAP", ["advice"]),
    ("roadmap-end-2028-03-31", {"contract_start_date": dt.date(2027, 4, 1)}, "NZ-ROADMAP", ["advice"]),
    ("roadmap-end-2028-04-01", {"contract_start_date": dt.date(2027, 4, 2)}, "NZ-ROADMAP", ["advice"] * 2),
    ("roadmap-end-2029-12-31", {"contract_start_date": dt.date(2029, 1, 1)}, "NZ-ROADMAP", ["advice"] * 2),
    ("roadmap-end-2030-01-01", {"contract_start_date": dt.date(2029, 1, 2)}, "NZ-ROADMAP", ["advice"] * 3),
    ("roadmap-long-term", {"contract_start_date": dt.date(2025, 1, 1), "duration_months": 120},
     "NZ-ROADMAP", ["advice"] * 3),
    ("roadmap-no-start", {"contract_start_date": None}, "NZ-ROADMAP", ["advice"]),
    # NZ-EVERGREEN and MS-STATEMENT: always
    ("evergreen", {}, "NZ-EVERGREEN", ["advice"]),
    ("ms-statement", {}, "MS-STATEMENT", ["requirement"]),
    # MS-RISK: from 17 May 2026, by route
    ("ms-2026-05-16-missing", {"tender_notice_date": dt.date(2026, 5, 16), "modern_slavery_risk_assessment": msra(None)},
     "MS-RISK", ["advice"]),
    ("ms-2026-05-16-done", {"tender_notice_date": dt.date(2026, 5, 16)}, "MS-RISK", []),
    ("ms-2026-05-17-missing", {"tender_notice_date": dt.date(2026, 5, 17), "modern_slavery_risk_assessment": msra(None)},
     "MS-RISK", ["blocker"]),
    ("ms-same-day", {"tender_notice_date": dt.date(2026, 5, 20)}, "MS-RISK", []),
    ("ms-after-notice", {"tender_notice_date": dt.date(2026, 5, 19)}, "MS-RISK", ["blocker"]),
    ("ms-no-risk-level", {"modern_slavery_risk_assessment": msra(dt.date(2026, 5, 20), None)}, "MS-RISK", ["blocker"]),
    *[(f"ms-{route}-missing", {"route": route, "modern_slavery_risk_assessment": msra(None)}, "MS-RISK", ["blocker"])
      for route in ("open", "competitive_flexible", "framework_agreement", "light_touch", "below_threshold",
                    "psr_competitive")],
    *[(f"ms-{route}-late", {"route": route, "modern_slavery_risk_assessment": msra(dt.date(2026, 7, 1))},
       "MS-RISK", ["blocker"]) for route in ("open", "light_touch", "psr_competitive")],
    *[(f"ms-{route}-missing", {"route": route, "modern_slavery_risk_assessment": msra(None)}, "MS-RISK", ["blocker"])
      for route in ("direct_award", "psr_direct_award", "psr_most_suitable_provider")],
    *[(f"ms-{route}-after-notice-ok", {"route": route, "modern_slavery_risk_assessment": msra(dt.date(2026, 7, 1))},
       "MS-RISK", []) for route in ("direct_award", "psr_direct_award", "psr_most_suitable_provider")],
    ("ms-call-off", {"route": "framework_call_off", "modern_slavery_risk_assessment": msra(None)},
     "MS-RISK", ["advice"]),
    ("ms-high-risk", {"modern_slavery_risk_assessment": msra(dt.date(2026, 5, 20), "high")}, "MS-RISK", ["warning"]),
    ("ms-high-risk-late", {"modern_slavery_risk_assessment": msra(dt.date(2026, 7, 1), "high")},
     "MS-RISK", ["blocker", "warning"]),
    ("ms-high-risk-before-force", {"tender_notice_date": dt.date(2026, 1, 5),
                                   "modern_slavery_risk_assessment": msra(dt.date(2026, 1, 1), "high")},
     "MS-RISK", ["warning"]),
    # PSR-ROUTE
    ("psr-clinical", {"category": "clinical_services"}, "PSR-ROUTE", ["advice"]),
    ("psr-clinical-2023", {"category": "clinical_services", "tender_notice_date": dt.date(2023, 12, 31)},
     "PSR-ROUTE", []),
    *[(f"psr-route-{route}", {"route": route}, "PSR-ROUTE", ["advice"]) for route in PSR_ROUTES],
    ("psr-not-clinical", {}, "PSR-ROUTE", []),
    # PA23-LOTS, LOCAL-SME, SPEC-REFRESH
    ("lots-undecided", {"lots": LotsDecision(divided=None)}, "PA23-LOTS", ["warning"]),
    ("lots-no-reasons", {"lots": LotsDecision(divided=False, reasons="   ")}, "PA23-LOTS", ["warning"]),
    ("lots-reasons", {}, "PA23-LOTS", []),
    ("lots-divided", {"lots": LotsDecision(divided=True, lot_count=3)}, "PA23-LOTS", []),
    ("lots-one-lot", {"lots": LotsDecision(divided=True, lot_count=1)}, "PA23-LOTS", ["warning"]),
    ("lots-two-lots", {"lots": LotsDecision(divided=True, lot_count=2)}, "PA23-LOTS", []),
    ("local-not-considered", {"think_local": StepRecord()}, "LOCAL-SME", ["warning"]),
    ("local-considered", {}, "LOCAL-SME", []),
    ("spec-not-considered", {"spec_refresh": StepRecord()}, "SPEC-REFRESH", ["warning"]),
    ("spec-considered", {}, "SPEC-REFRESH", []),
    # SV-THEME-KPI: a weighted theme with questions and no KPI of its own
    ("theme-kpi-missing", {"questions": [Question("fighting_climate_change", "Q")],
                           "kpis": [Kpi(name="Wellbeing KPI", theme="wellbeing")]}, "SV-THEME-KPI", ["warning"]),
    ("theme-kpi-set", {"questions": [Question("fighting_climate_change", "Q")]}, "SV-THEME-KPI", []),
    ("theme-kpi-no-questions", {"kpis": []}, "SV-THEME-KPI", []),
    # SV-PROPORTION: under 2.5% a question, over 350 words a point, over 1,500 words up to £1m
    ("proportion-fine", {"questions": [Question("fighting_climate_change", "Q", word_limit=750)] * 2},
     "SV-PROPORTION", []),
    ("proportion-2.5-each", {"questions": [Question("fighting_climate_change", "Q", word_limit=100)] * 4},
     "SV-PROPORTION", []),
    ("proportion-many-questions", {"questions": [Question("fighting_climate_change", "Q", word_limit=100)] * 5},
     "SV-PROPORTION", ["advice"]),
    ("proportion-3500-words", {"questions": [Question("fighting_climate_change", "Q", word_limit=3500)]},
     "SV-PROPORTION", []),
    ("proportion-3501-words", {"questions": [Question("fighting_climate_change", "Q", word_limit=3501)]},
     "SV-PROPORTION", ["advice"]),
    ("proportion-small-contract", {"value_excl_vat_gbp": D(500000),
                                   "questions": [Question("fighting_climate_change", "Q", word_limit=1501)]},
     "SV-PROPORTION", ["advice"]),
]


@pytest.mark.parametrize(("changes", "rule_id", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_table(changes, rule_id, expected):
    findings = evaluate(clean(**changes), today=TODAY)
    assert [f.severity for f in of_rule(findings, rule_id)] == expected


def test_every_rule_is_covered_by_the_table_on_both_sides():
    ruleset = load_rules()
    fired = {c[2] for c in CASES if c[3]}
    quiet = {c[2] for c in CASES if not c[3]}
    always = {"NZ-EVERGREEN", "MS-STATEMENT"}
    assert fired == {r.id for r in ruleset.rules} - {"SCOPE-MEDICINES"}
    assert quiet | always == fired


def test_clean_tender_has_only_the_standing_requests():
    findings = evaluate(clean(), today=TODAY)
    assert [(f.rule, f.severity) for f in findings] == [
        ("NZ-NZC", "requirement"), ("MS-STATEMENT", "requirement"),
        ("SV-KPI-PUBLISH-SMALL", "advice"), ("NZ-ROADMAP", "advice"), ("NZ-EVERGREEN", "advice")]
    assert is_compliant(findings)


# ---------------------------------------------------------------- messages


def message(changes: dict, rule_id: str, today: dt.date = TODAY) -> str:
    found = of_rule(evaluate(clean(**changes), today=today), rule_id)
    assert found, f"{rule_id} did not fire"
    return " ".join(f.message for f in found)


def test_messages_quote_the_value_compared_and_the_limit():
    assert message({"value_excl_vat_gbp": D(5000000), "kpis": []}, "SV-KPI") == (
        "Whole-life value incl. VAT £6,000,000 is over £5,000,000: a KPI measuring social value delivery is "
        "required, and none is recorded.")
    text = message({"social_value_weighting_pct": D("9.99"),
                    "themes": [ThemeChoice("fighting_climate_change", D("9.99"))]}, "SV-MIN-WEIGHT")
    assert "9.99%" in text and "10%" in text
    text = message({"social_value_weighting_pct": D("15.01"), "themes": [ThemeChoice("fighting_climate_change")],
                    "kpis": []}, "SV-KPI")
    assert "15.01% is over 15%" in text and "£1,200,000" in text and "£1,200,000.00" not in text
    text = message({"themes": [ThemeChoice("fighting_climate_change", D(5)), ThemeChoice("wellbeing", D("4.99"))]},
                   "SV-THEME-WEIGHTS")
    assert "9.99%" in text and "10%" in text
    assert "£5,000,000" in message({"value_excl_vat_gbp": D(5000000)}, "NZ-CRP")
    text = message({"value_excl_vat_gbp": D("12345.67"), "vat_rate_pct": D(0)}, "NZ-NZC")
    assert "£12,345.67" in text and "over £10,000" in text
    assert "£36,000,000" in message({}, "MS-STATEMENT")
    assert "Fighting climate change" in message({"themes": []}, "SV-CLIMATE")


def test_pa23_messages_say_which_route_and_quote_the_exemption():
    assert "call-off" in message({**OVER, "route": "framework_call_off"}, "PA23-KPI-3")
    assert "KPIs recorded: 1" in message({**OVER}, "PA23-KPI-3")
    assert '"One-off delivery of goods"' in message({**OVER, "kpi_exemption_reason": " One-off delivery of goods "},
                                                   "PA23-KPI-3")
    assert "does not apply" in message({"route": "psr_direct_award"}, "PSR-ROUTE")


def test_nzc_before_april_2026_names_the_threshold_and_is_marked_verify():
    changes = {"vat_rate_pct": D(0), "value_excl_vat_gbp": D(207720), "tender_notice_date": dt.date(2026, 3, 1)}
    found = of_rule(evaluate(clean(**changes), today=TODAY), "NZ-NZC")
    assert "£207,720" in found[0].message and "sub-central" in found[0].message
    assert found[0].confidence == "verify"
    later = of_rule(evaluate(clean(value_excl_vat_gbp=D(20000)), today=TODAY), "NZ-NZC")
    assert later[0].confidence == "source" and "1 April 2026" in later[0].message


def test_ms_risk_messages_say_when_it_must_be_done():
    assert "before the tender notice" in message({"modern_slavery_risk_assessment": msra(None)}, "MS-RISK")
    for route in ("psr_competitive", "psr_direct_award", "psr_most_suitable_provider"):
        psr = message({"route": route, "modern_slavery_risk_assessment": msra(None)}, "MS-RISK")
        assert "tender notice" not in psr and "process starting on" in psr, route
    late = message({"route": "psr_competitive", "modern_slavery_risk_assessment": msra(dt.date(2026, 7, 1))},
                   "MS-RISK")
    assert "after the process started" in late and "tender notice" not in late
    assert "before award" in message({"route": "direct_award", "modern_slavery_risk_assessment": msra(None)},
                                     "MS-RISK")
    assert "1 July 2026" in message({"modern_slavery_risk_assessment": msra(dt.date(2026, 7, 1))}, "MS-RISK")
    assert "reasonable" in message({"modern_slavery_risk_assessment": msra(dt.date(2026, 5, 1), "high")}, "MS-RISK")


def test_roadmap_names_the_contract_end_and_each_milestone():
    found = of_rule(evaluate(clean(contract_start_date=dt.date(2029, 1, 2)), today=TODAY), "NZ-ROADMAP")
    assert all("1 January 2030" in f.message for f in found)
    assert ["April 2027" in found[0].message, "April 2028" in found[1].message, "2030 (1 January 2030)" in
            found[2].message] == [True, True, True]
    assert "No contract start date" in message({"contract_start_date": None}, "NZ-ROADMAP")


# ---------------------------------------------------------------- dates: the tender's own, or today when missing


def test_without_a_notice_date_today_is_used_and_said():
    tender = clean(tender_notice_date=None, **OVER)
    findings = evaluate(tender, today=dt.date(2025, 2, 24))
    pa23 = of_rule(findings, "PA23-KPI-3")
    assert pa23 and "No tender notice date is recorded, so today's date (24 February 2025) was used." in pa23[0].message
    assert not of_rule(evaluate(tender, today=dt.date(2025, 2, 23)), "PA23-KPI-3")
    for finding in findings:
        date_dependent = load_rules().rule(finding.rule).date_dependent
        assert ("No tender notice date" in finding.message) == date_dependent, finding


def test_without_a_notice_date_the_default_today_is_the_real_today():
    findings = evaluate(clean(tender_notice_date=None))
    ms = of_rule(findings, "MS-STATEMENT")
    assert ms and "No tender notice date" not in ms[0].message
    nzc = of_rule(findings, "NZ-NZC")
    today = dt.date.today()
    assert nzc and f"{today.day} " in nzc[0].message and str(today.year) in nzc[0].message


def test_a_tender_planned_for_2027_gets_the_2027_rules_whatever_today_is():
    tender = clean(tender_notice_date=dt.date(2027, 3, 1), modern_slavery_risk_assessment=msra(None))
    for today in (dt.date(2024, 1, 1), dt.date(2030, 1, 1)):
        assert [f.severity for f in of_rule(evaluate(tender, today=today), "MS-RISK")] == ["blocker"]


# ---------------------------------------------------------------- medicines, order, compliance


def test_medicines_gets_only_the_scope_blocker():
    tender = clean(category="medicines", themes=[], kpis=[], social_value_weighting_pct=D(0), **OVER)
    findings = evaluate(tender, today=TODAY)
    assert [(f.rule, f.severity) for f in findings] == [("SCOPE-MEDICINES", "blocker")]
    assert "out of scope" in findings[0].message
    assert supplier_requirements(tender, today=TODAY) == []
    assert not is_compliant(findings)


def test_findings_are_ordered_by_severity_then_file_order_and_carry_step_and_source():
    ruleset = load_rules()
    tender = clean(social_value_weighting_pct=D(20), themes=[ThemeChoice("wellbeing", D(5))], kpis=[],
                   lots=LotsDecision(), think_local=StepRecord(), spec_refresh=StepRecord(),
                   modern_slavery_risk_assessment=msra(None), confidentiality_reviewed=False,
                   category="clinical_services", route="framework_call_off", **OVER)
    findings = evaluate(tender, today=TODAY)
    position = {r.id: i for i, r in enumerate(ruleset.rules)}
    keys = [(SEVERITIES.index(f.severity), position[f.rule]) for f in findings]
    assert keys == sorted(keys)
    assert {f.severity for f in findings} == set(SEVERITIES)
    for f in findings:
        rule = ruleset.rule(f.rule)
        assert f.step == rule.step and f.step in STEPS
        assert f.source == rule.source and f.source
        assert f.confidence in ("policy", "source", "verify")


def test_is_compliant_means_no_blocker():
    assert is_compliant([])
    advice = Finding("NZ-EVERGREEN", "advice", "m", "s", "requirements", "policy")
    blocker = Finding("SV-CLIMATE", "blocker", "m", "s", "themes", "policy")
    assert is_compliant([advice, Finding("MS-STATEMENT", "requirement", "m", "s", "requirements", "source")])
    assert not is_compliant([advice, blocker])


# ---------------------------------------------------------------- check --json


def test_check_report_has_exactly_the_documented_shape():
    tender = clean(social_value_weighting_pct=D(5), themes=[ThemeChoice("fighting_climate_change", D(5))])
    findings = evaluate(tender, today=TODAY)
    report = check_report(tender, findings)
    assert set(report) == {"reference", "compliant", "findings", "date_basis"}
    assert report["reference"] == "LPT-TEST-001"
    assert report["compliant"] is False
    assert all(set(f) == {"rule", "severity", "message", "source"} for f in report["findings"])
    assert report["findings"][0] == {"rule": "SV-MIN-WEIGHT", "severity": "blocker",
                                     "message": findings[0].message, "source": findings[0].source}
    assert report["date_basis"] == {"tender_notice_date": "2026-06-01", "notice_date_from": "tender",
                                    "contract_end_date": "2027-08-31"}
    assert json.loads(json.dumps(report, ensure_ascii=False)) == report


def test_check_report_of_a_compliant_tender_without_dates():
    tender = clean(tender_notice_date=None, contract_start_date=None)
    report = check_report(tender, evaluate(tender, today=dt.date(2026, 1, 10)))
    assert report["compliant"] is True
    assert report["date_basis"] == {"tender_notice_date": None, "notice_date_from": "today",
                                    "contract_end_date": None}
    assert check_report(tender, [])["findings"] == []


# ---------------------------------------------------------------- requests to bidders


def requests(**changes):
    return {r.id: r for r in supplier_requirements(clean(**changes), today=TODAY)}


def test_crp_request_is_worded_for_the_annual_value_or_the_framework():
    by_value = requests(value_excl_vat_gbp=D(12000000), duration_months=24)
    crp = by_value["carbon-reduction-plan"]
    assert crp.rule == "NZ-CRP" and crp.title.startswith("Carbon Reduction Plan")
    assert "£6,000,000 excluding VAT" in crp.text and "pass/fail" in crp.text and "2050" in crp.text
    assert "net-zero-commitment" not in by_value
    framework = requests(route="framework_agreement", tender_notice_date=dt.date(2024, 4, 1))
    text = framework["carbon-reduction-plan"].text
    assert "new framework agreement" in text and "1 April 2024" in text
    assert "\n\n" in text and "{" not in text


def test_nzc_request_mentions_the_threshold_the_grace_period_and_2045():
    text = requests(vat_rate_pct=D(0), value_excl_vat_gbp=D(300000),
                    tender_notice_date=dt.date(2025, 6, 1))["net-zero-commitment"].text
    assert "£214,904" in text and "board" in text and "2045" in text and "grace period" in text
    later = requests(value_excl_vat_gbp=D(20000))["net-zero-commitment"].text
    assert "1 April 2026" in later and "£214,904" not in later


def test_roadmap_request_lists_only_the_milestones_the_contract_reaches():
    text = requests(contract_start_date=dt.date(2027, 4, 2))["net-zero-supplier-roadmap"].text
    assert "31 March 2028" not in text and "1 April 2028" in text
    assert "From April 2027" in text and "From April 2028" in text and "From 2030" not in text
    assert "net-zero-supplier-roadmap" not in requests(contract_start_date=dt.date(2026, 4, 1))
    assert "net-zero-supplier-roadmap" not in requests(contract_start_date=None)


def test_requests_follow_the_requirements_file_order_and_every_requirement_has_one():
    got = supplier_requirements(clean(contract_start_date=dt.date(2029, 6, 1), route="framework_agreement"),
                                today=TODAY)
    assert [r.id for r in got] == ["carbon-reduction-plan", "net-zero-supplier-roadmap", "evergreen",
                                   "modern-slavery-statement"]
    assert "£36,000,000" in got[-1].text and "MSAT" in got[-1].text
    assert "level 1 to level 4" in got[2].text


# ---------------------------------------------------------------- loading


def test_load_rules_reads_once_per_folder(tmp_path):
    assert load_rules() is load_rules()
    folder = tmp_path / "resources"
    (folder / "rules").mkdir(parents=True)
    for name in ("rules.yaml", "requirements.yaml"):
        (folder / "rules" / name).write_bytes((Path(rules.rules_files()[0]).parent / name).read_bytes())
    copy = load_rules(folder)
    assert copy is not load_rules() and copy is load_rules(folder)
    assert [r.id for r in copy.rules] == [r.id for r in load_rules().rules]


def test_rules_file_has_every_documented_rule_and_figure():
    ruleset = load_rules()
    assert {r.id for r in ruleset.rules} == {
        "SV-MIN-WEIGHT", "SV-CLIMATE", "SV-THEME-WEIGHTS", "SV-KPI", "PA23-KPI-3", "PA23-KPI-PUBLISH",
        "SV-KPI-PUBLISH-SMALL", "NZ-CRP", "NZ-NZC", "NZ-ROADMAP", "NZ-EVERGREEN", "MS-RISK", "MS-STATEMENT",
        "SCOPE-MEDICINES", "PSR-ROUTE", "PA23-LOTS", "LOCAL-SME", "SPEC-REFRESH", "SV-THEME-KPI", "SV-PROPORTION"}
    assert ruleset.applicable_threshold == "sub_central"
    assert ruleset.figures.pa23_confidence == "verify"
    assert ruleset.threshold_on(dt.date(2026, 1, 1))[0] == D(207720)
    assert ruleset.threshold_on(dt.date(2025, 12, 31))[0] == D(214904)
    assert ruleset.threshold_on(dt.date(2026, 6, 1), "works")[0] == D(5193000)
    assert ruleset.threshold_on(dt.date(2023, 12, 31)) is None
    assert ruleset.figures.modern_slavery_turnover == D(36000000)
    assert [name for name, _ in ruleset.figures.performance_ratings] == [
        "Good", "Approaching target", "Requires improvement", "Inadequate", "Other"]


def test_no_thresholds_or_dates_are_written_into_the_engine():
    pattern = re.compile(r"\b(5_?000_?000|10_?000|36_?000_?000|20[2-3]\d|207_?720|135_?018)\b")
    for name in ("__init__.py", "checks.py", "loader.py", "schema.py", "text.py",
                 "requirements.py"):
        source = (MODEL_DIR / name).read_text(encoding="utf-8")
        assert not pattern.findall(source), name


def test_a_contract_ending_beyond_the_calendar_runs_past_every_milestone():
    tender = clean(contract_start_date=dt.date(9999, 1, 1), duration_months=1200)
    findings = evaluate(tender, today=TODAY)
    assert [f.severity for f in of_rule(findings, "NZ-ROADMAP")] == ["advice"] * 3
    assert check_report(tender, findings)["date_basis"]["contract_end_date"] == "9999-12-31"


# ---------------------------------------------------------------- a risk assessment dated in the future


def test_a_future_risk_assessment_does_not_clear_the_blocker_on_either_side_of_today():
    tender = clean(tender_notice_date=dt.date(2027, 3, 1),
                   modern_slavery_risk_assessment=msra(dt.date(2027, 1, 15)))
    before = of_rule(evaluate(tender, today=dt.date(2027, 1, 14)), "MS-RISK")
    assert [f.severity for f in before] == ["blocker"]
    assert "after today (14 January 2027)" in before[0].message and "15 January 2027" in before[0].message
    assert not is_compliant(evaluate(tender, today=dt.date(2027, 1, 14)))
    on_the_day = of_rule(evaluate(tender, today=dt.date(2027, 1, 15)), "MS-RISK")
    assert on_the_day == [] and is_compliant(evaluate(tender, today=dt.date(2027, 1, 15)))
    direct = clean(route="direct_award", tender_notice_date=dt.date(2027, 3, 1),
                   modern_slavery_risk_assessment=msra(dt.date(2027, 1, 15)))
    assert [f.severity for f in of_rule(evaluate(direct, today=dt.date(2027, 1, 14)), "MS-RISK")] == ["blocker"]
    assert of_rule(evaluate(direct, today=dt.date(2027, 1, 16)), "MS-RISK") == []
