"""Tenders for the storage tests: one with every field filled with awkward values, and a quick comparer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sv_desktop.model.tender import (
    ROLES,
    Kpi,
    LotsDecision,
    ModernSlaveryAssessment,
    Question,
    StepRecord,
    Tender,
    ThemeChoice,
)

LONG_TEXT = ("Łódź café — naïve résumé 😀 «quoted» 'single' \"double\" <b>not bold</b> & ; DROP TABLE tender; --\n"
             * 250)[:20_000] + "∎"
assert len(LONG_TEXT) > 20_000


def full_tender(reference: str = "LPT-2025/001 Ärztliche") -> Tender:
    """Every field set away from its default, with Unicode, long text and Decimal edge values."""
    return Tender(
        reference=reference,
        title="Estates refurbishment — Zoë's «ward» 北京 ₤",
        category="estates_facilities",
        value_excl_vat_gbp=Decimal("999999999999.99"),
        duration_months=1200,
        social_value_weighting_pct=Decimal("15.01"),
        themes=[
            ThemeChoice(theme="fighting_climate_change", weighting_pct=Decimal("9.99"),
                        actions=["Fleet to zero emission", "Ünïcode action", ""], own_actions=[LONG_TEXT]),
            ThemeChoice(theme="wellbeing", weighting_pct=Decimal("5.0001"), actions=[], own_actions=["Mind"]),
            ThemeChoice(theme="equal_opportunity", weighting_pct=Decimal(0)),
        ],
        vat_rate_pct=Decimal("17.5"),
        route="psr_competitive",
        tender_notice_date=dt.date(2025, 2, 28),
        contract_start_date=dt.date(2024, 2, 29),
        kpis=[
            Kpi(name="Tonnes CO₂e avoided", unit="tCO₂e", baseline="0", target="12.5", frequency="monthly",
                theme="fighting_climate_change", publish=False, evidence=LONG_TEXT, toms_reference="NT44",
                source_id="kpi.carbon.1"),
            Kpi(name="Apprentices", unit="people", baseline="", target="3", frequency="annually",
                theme="equal_opportunity", publish=True, evidence="", toms_reference="", source_id=""),
        ],
        questions=[
            Question(theme="fighting_climate_change", title="Net zero « plan » ŵ", text="Describe your net zero plan. " + LONG_TEXT,
                     must_describe=["Scope 1", "Scope 2 — ½"], sub_criteria=["Credibility", "Pace"],
                     word_limit=10000, scoring_scale="0-100", evaluation_guidance="Score 5 when…",
                     weighting_pct=Decimal("0.0001"), source_id="q.climate.1"),
            Question(theme="wellbeing", text="How will you support staff wellbeing?", weighting_pct=None),
        ],
        lots=LotsDecision(divided=False, lot_count=7, reasons="Single site — ünïque",
                          head_contract_local_pct=Decimal("100")),
        think_local=StepRecord(considered=True, notes="Met the VCSE forum", prompts_done=["tl.1", "tl.3"]),
        spec_refresh=StepRecord(considered=True, notes="", prompts_done=["sr.2"]),
        modern_slavery_risk_assessment=ModernSlaveryAssessment(completed_on=dt.date(2025, 1, 1), risk="high",
                                                               notes="Textiles in the supply chain"),
        confidentiality_reviewed=True,
        kpi_exemption_reason="Not applicable — we use KPIs",
        is_framework=True,
        leads={role: f"Person {i} Ñúñez" for i, role in enumerate(reversed(ROLES))},
        description=LONG_TEXT,
        stage="evaluation",
        current_step="review",
    )


def without_store_fields(tender: Tender) -> Tender:
    return dataclasses.replace(tender, version=0, updated_at=None)


def assert_same_tender(found: Tender, expected: Tender) -> None:
    """Every field equal (the store's version and time aside), lists in order, Decimals equal by value."""
    for field in dataclasses.fields(Tender):
        if field.name in ("version", "updated_at"):
            continue
        assert getattr(found, field.name) == getattr(expected, field.name), field.name
    assert list(found.leads) == list(expected.leads), "order of leads"
