"""A realistic tender and pack context, built by hand so the export tests need nothing else."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from pypdf import PdfReader

from sv_desktop.export.context import POLICY_REFERENCE, PackContext, ScaleLevel
from sv_desktop.model.tender import Kpi, LotsDecision, Question, StepRecord, Tender, ThemeChoice

THEME_LABELS = {
    "fighting_climate_change": "Fighting climate change",
    "wellbeing": "Wellbeing",
    "equal_opportunity": "Equal opportunity",
    "tackling_economic_inequality": "Tackling economic inequality",
}

SCALES = {
    "0-5": (
        ScaleLevel("5", "Excellent", "Specific, measurable commitments for this contract, with dates, named "
                                     "resources and evidence of delivering the same elsewhere."),
        ScaleLevel("4", "Good", "Specific commitments with most of the detail needed; minor gaps in evidence."),
        ScaleLevel("3", "Satisfactory", "Commitments that meet the requirement, described in general terms."),
        ScaleLevel("2", "Weak", "Commitments that partly meet the requirement; important detail is missing."),
        ScaleLevel("1", "Poor", "Little that relates to this contract; mostly statements of general policy."),
        ScaleLevel("0", "Unacceptable", "No response, or a response that does not address the question."),
    ),
    "0-100": (
        ScaleLevel("81-100", "Excellent", "Comprehensive, specific and evidenced commitments."),
        ScaleLevel("61-80", "Good", "Specific commitments with minor gaps."),
        ScaleLevel("41-60", "Satisfactory", "Meets the requirement in general terms."),
        ScaleLevel("21-40", "Weak", "Partly meets the requirement."),
        ScaleLevel("0-20", "Poor", "Does not address the requirement."),
    ),
}

REQUIREMENTS = (
    ("Carbon Reduction Plan", "Provide a Carbon Reduction Plan that meets NHS England's requirements, "
                              "confirming your commitment to net zero by 2045 at the latest. This is assessed "
                              "pass/fail at selection."),
    ("Modern slavery statement", "If your annual turnover is £36 million or more, provide your modern slavery "
                                 "statement under section 54 of the Modern Slavery Act 2015. We encourage all "
                                 "bidders to complete the Modern Slavery Assessment Tool."),
    ("Evergreen Sustainable Supplier Assessment", "We encourage you to complete NHS England's voluntary "
                                                  "Evergreen Sustainable Supplier Assessment."),
)


def make_tender(**changes) -> Tender:
    tender = Tender(
        reference="LPT-2027-014",
        title="Non-emergency patient transport service",
        category="transport",
        value_excl_vat_gbp=Decimal("10000000"),
        duration_months=60,
        social_value_weighting_pct=Decimal(10),
        themes=[ThemeChoice("fighting_climate_change", Decimal(6)),
                ThemeChoice("tackling_economic_inequality", Decimal(4))],
        route="open",
        tender_notice_date=dt.date(2027, 3, 1),
        contract_start_date=dt.date(2027, 9, 1),
        description="Non-emergency transport for patients of the Trust's community and mental health services "
                    "across Leicester, Leicestershire and Rutland, including journeys to day services.",
        kpis=[
            Kpi("Fleet vehicles that are zero-emission", "%", "0", "60", "quarterly", "fighting_climate_change"),
            Kpi("Journeys completed by zero-emission vehicles", "%", "0", "50", "monthly",
                "fighting_climate_change"),
            Kpi("New hires living in the Trust's area", "number", "0", "25", "annually",
                "tackling_economic_inequality", publish=False),
        ],
        questions=[
            Question("fighting_climate_change",
                     "Describe how you will reduce the greenhouse gas emissions of delivering this contract over "
                     "its term, including your fleet, premises and supply chain.",
                     must_describe=["Your plan to move the fleet to zero-emission vehicles, with dates",
                                    "How you will measure and report emissions for this contract",
                                    "How route planning will cut mileage"],
                     sub_criteria=["Fleet decarbonisation (50%)", "Measurement and reporting (30%)",
                                   "Supply chain (20%)"],
                     word_limit=1000,
                     evaluation_guidance="Higher scores go to dated, measurable commitments specific to this "
                                         "contract, backed by evidence such as an existing fleet plan."),
            Question("fighting_climate_change",
                     "Describe how you will cut air pollution around our sites and in the communities the "
                     "service travels through.",
                     must_describe=["Measures to cut idling and nitrogen dioxide emissions"],
                     word_limit=500, scoring_scale="0-100", weighting_pct=Decimal(2),
                     evaluation_guidance="Evaluators look for practical measures with a way to check them."),
            Question("tackling_economic_inequality",
                     "Describe how you will create employment and training opportunities for people from "
                     "the areas of highest deprivation the Trust serves.",
                     must_describe=["Number of local hires and apprenticeships over the contract",
                                    "How you will reach people furthest from work"],
                     sub_criteria=["Local employment", "Skills and training"],
                     word_limit=750,
                     evaluation_guidance="Evaluators look for targets they can monitor through the KPIs."),
        ],
        lots=LotsDecision(divided=False, reasons="Single integrated service",
                          head_contract_local_pct=Decimal(20)),
        think_local=StepRecord(considered=True, notes="Two local SME operators met at the market event."),
    )
    return replace(tender, **changes)


def make_context(tender: Tender | None = None, **changes) -> PackContext:
    ctx = PackContext(
        tender=tender or make_tender(),
        organisation="Leicestershire Partnership NHS Trust",
        policy_reference=POLICY_REFERENCE,
        category_label="Transport",
        route_label="Open procedure",
        theme_labels=THEME_LABELS,
        compliant=True,
        blocker_messages=(),
        requirements=REQUIREMENTS,
        scales=SCALES,
        issue_date=dt.date(2027, 2, 1),
    )
    return replace(ctx, **changes)


@pytest.fixture
def context_factory():
    return make_context


@pytest.fixture
def tender_factory():
    return make_tender


def pdf_text(path) -> list[str]:
    """Text of each page, as pypdf extracts it."""
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def squash(text: str) -> str:
    """Whitespace removed: line wrapping must not decide whether text is found."""
    return re.sub(r"\s+", "", text)


def body_text(path) -> list[str]:
    """Per page, the text of the page body only: no running header or footer, no diagonal watermark.

    Text split over a page break then reads on without the page furniture in between.
    """
    from sv_desktop.export.styles import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT

    pages = []
    for page in PdfReader(str(path)).pages:
        parts: list[str] = []

        def visit(text, cm, tm, _font, _size, parts=parts):
            if not text or tm[1] or tm[2] or cm[1] or cm[2]:
                return  # rotated: the watermark
            y = tm[5] * cm[3] + cm[5]
            if MARGIN_BOTTOM - 2 <= y <= PAGE_HEIGHT - MARGIN_TOP + 2:
                parts.append(text)

        page.extract_text(visitor_text=visit)
        pages.append("".join(parts))
    return pages
