"""Requests to bidders say how they are assessed; modern slavery asks follow the recorded risk level; grace
periods are quoted only while they apply on the tender's dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sv_desktop.model.rules import supplier_requirements
from sv_desktop.model.tender import ModernSlaveryAssessment, Tender, ThemeChoice


def tender(notice: dt.date, risk: str | None = "low", annual: int = 1_000_000) -> Tender:
    return Tender(reference="REQ-1", title="Test", category="goods_services",
                  value_excl_vat_gbp=Decimal(annual * 2), duration_months=24,
                  social_value_weighting_pct=Decimal(10),
                  themes=[ThemeChoice("fighting_climate_change", Decimal(10))],
                  tender_notice_date=notice, contract_start_date=notice + dt.timedelta(days=120),
                  modern_slavery_risk_assessment=ModernSlaveryAssessment(notice - dt.timedelta(days=30), risk))


def by_id(t: Tender):
    return {r.id: r for r in supplier_requirements(t)}


def test_every_request_says_how_it_is_assessed_and_how_to_respond():
    for request in by_id(tender(dt.date(2027, 3, 1))).values():
        assert request.assessment in {"pass_fail", "scored", "not_scored", "contract"}, request.id
        assert request.respond, request.id
        assert "at selection" not in request.text and "selection" not in request.title.lower(), request.id


@pytest.mark.parametrize(("risk", "says", "not_says"), [
    ("low", "records a low risk", "map of the supply chain"),
    ("medium", "records a medium risk", "map of the supply chain"),
    ("high", "map of the supply chain", "records a low risk"),
    (None, "Modern Slavery Act 2015", "risk assessment for this contract records"),
])
def test_modern_slavery_ask_scales_with_the_risk(risk, says, not_says):
    text = by_id(tender(dt.date(2027, 3, 1), risk))["modern-slavery-statement"].text
    assert says in text and not_says not in text


def test_nzc_grace_period_quoted_only_until_it_ends():
    grace = "grace period, until 31 March 2026"
    assert grace in by_id(tender(dt.date(2026, 3, 31)))["net-zero-commitment"].text
    assert grace not in by_id(tender(dt.date(2026, 4, 1)))["net-zero-commitment"].text


def test_roadmap_grace_period_quoted_only_until_it_ends():
    grace = "until 31 March 2029"
    assert grace in by_id(tender(dt.date(2027, 3, 1)))["net-zero-supplier-roadmap"].text
    later = by_id(tender(dt.date(2029, 4, 1)))
    assert "net-zero-supplier-roadmap" not in later or grace not in later["net-zero-supplier-roadmap"].text
