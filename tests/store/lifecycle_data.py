"""Lifecycle data with awkward values (Unicode, long text, edge dates and money) for the storage tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from store_helpers import LONG_TEXT, full_tender

from sv_desktop.model.lifecycle import Award, CaseStudy, EngagementEvent, KpiResult, Supplier
from sv_desktop.model.tender import Tender


def with_lifecycle(tender: Tender) -> Tender:
    """`tender` with every lifecycle field set away from its default."""
    tender.engagement = [
        EngagementEvent(title="Market day at Loughborough — «VCSE» forum", held_on=dt.date(2024, 2, 29),
                        notes=LONG_TEXT, suppliers=[
                            Supplier(name="Łódź Logistics Ltd", postcode="LE11 3TU", sme=True, vcse=False),
                            Supplier(name="Café Co-op CIC", postcode="NN1 1AA", sme=True, vcse=True),
                            Supplier(name="Bigco plc", postcode="", sme=False, vcse=False),
                        ]),
        EngagementEvent(title="Questionnaire", held_on=None, notes="", suppliers=[]),
    ]
    tender.award = Award(supplier=Supplier(name="Zoë's Social Enterprise", postcode="LE1 7RH", sme=True, vcse=True),
                         awarded_on=dt.date(2025, 12, 31), awarded_value_gbp=Decimal("999999999999.99"),
                         renewal_requirements="Electric fleet from day one — ½ of routes")
    tender.kpi_results = [
        KpiResult(kpi="Tonnes CO₂e avoided", period_start=dt.date(2024, 2, 29), period_end=dt.date(2024, 5, 28),
                  rating="Approaching target", result="11.9 tCO₂e", notes=LONG_TEXT, reported_on=dt.date(2024, 6, 1)),
        KpiResult(kpi="Apprentices", period_start=None, period_end=dt.date(2025, 2, 28), rating="Other",
                  result="", notes="", reported_on=None),
    ]
    tender.case_studies = [
        CaseStudy(title="Ward garden «growing together»", text=LONG_TEXT, theme="wellbeing",
                  written_on=dt.date(2025, 1, 1)),
        CaseStudy(title="No theme", text="", theme=None, written_on=None),
    ]
    tender.role_checklists = {
        "social_value_lead": ["Supports Social Value and Sustainable Procurement Policy development"],
        "procurement_lead": ["Issues tender documentation and applies the tendering process.", "Ünïcode ✓"],
    }
    return tender


def full_lifecycle_tender(reference: str = "LIFE-2025/001 Ärztliche") -> Tender:
    return with_lifecycle(full_tender(reference))
