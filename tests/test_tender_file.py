"""The .svtender.json format: minimal files get defaults, round trips lose nothing, bad keys are named."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sv_desktop.model.supplier_text import SupplierText
from sv_desktop.model.tender import (
    CATEGORIES,
    KPI_FREQUENCIES,
    RISK_LEVELS,
    ROUTES,
    THEMES,
    Kpi,
    LotsDecision,
    ModernSlaveryAssessment,
    Question,
    StepRecord,
    Tender,
    ThemeChoice,
    add_months,
)
from sv_desktop.model.tender_file import (
    TenderFileError,
    parse_tender_json,
    read_tender_file,
    tender_from_dict,
    tender_to_dict,
    tender_to_json,
)

MINIMAL = {
    "format": "sv-desktop.tender",
    "format_version": 1,
    "reference": "MIN-1",
    "title": "Minimal",
    "category": "ddat",
    "value_excl_vat_gbp": 1000,
    "duration_months": 12,
    "social_value_weighting_pct": 10,
    "themes": [{"theme": "fighting_climate_change", "weighting_pct": 10}],
}


def test_minimal_file_gets_defaults():
    tender = tender_from_dict(MINIMAL)
    assert tender.vat_rate_pct == 20
    assert tender.route == "open"
    assert tender.kpis == [] and tender.questions == []
    assert tender.confidentiality_reviewed is False
    assert tender.tender_notice_date is None
    assert tender.lots.divided is None
    assert tender.current_step == "details"
    assert tender.supplier_text == SupplierText(), "files written before supplier text read as none"


def test_derived_values():
    tender = tender_from_dict(dict(MINIMAL, value_excl_vat_gbp=10_000_000, duration_months=60,
                                   contract_start_date="2027-09-01"))
    assert tender.whole_life_value_incl_vat == Decimal("12000000.00")
    assert tender.annual_value_excl_vat == Decimal("2000000.00")
    assert tender.contract_end_date == dt.date(2032, 8, 31)
    short = tender_from_dict(dict(MINIMAL, value_excl_vat_gbp=60_000, duration_months=6))
    assert short.annual_value_excl_vat == Decimal("60000.00")  # under a year: all of it falls in one year
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)


def test_decimal_values_stay_exact():
    tender = parse_tender_json(json.dumps(dict(MINIMAL, social_value_weighting_pct=9.99,
                                               value_excl_vat_gbp=5000000.01)))
    assert tender.social_value_weighting_pct == Decimal("9.99")
    assert tender.value_excl_vat_gbp == Decimal("5000000.01")


@pytest.mark.parametrize("change, key", [
    ({"format": "other"}, "format"),
    ({"format_version": "1"}, "format_version"),
    ({"format_version": 2}, "format_version"),
    ({"reference": ""}, "reference"),
    ({"reference": 12}, "reference"),
    ({"title": None}, "title"),
    ({"category": "Transport"}, "category"),
    ({"value_excl_vat_gbp": -0.01}, "value_excl_vat_gbp"),
    ({"value_excl_vat_gbp": True}, "value_excl_vat_gbp"),
    ({"value_excl_vat_gbp": "1000"}, "value_excl_vat_gbp"),
    ({"vat_rate_pct": 101}, "vat_rate_pct"),
    ({"duration_months": 0}, "duration_months"),
    ({"duration_months": 1.5}, "duration_months"),
    ({"route": "negotiated"}, "route"),
    ({"tender_notice_date": "2026-13-01"}, "tender_notice_date"),
    ({"contract_start_date": 20270101}, "contract_start_date"),
    ({"social_value_weighting_pct": 100.5}, "social_value_weighting_pct"),
    ({"themes": {}}, "themes"),
    ({"themes": [{"weighting_pct": 5}]}, "themes[0].theme"),
    ({"themes": [{"theme": "wellbeing"}, {"theme": "wellbeing"}]}, "themes[1].theme"),
    ({"kpis": [{"unit": "%"}]}, "kpis[0].name"),
    ({"kpis": [{"name": "x", "frequency": "weekly"}]}, "kpis[0].frequency"),
    ({"kpis": [{"name": "x", "publish": "yes"}]}, "kpis[0].publish"),
    ({"lots": {"divided": "no"}}, "lots.divided"),
    ({"modern_slavery_risk_assessment": {"risk": "severe"}}, "modern_slavery_risk_assessment.risk"),
    ({"confidentiality_reviewed": 1}, "confidentiality_reviewed"),
    ({"leads": {"ceo": "A"}}, "leads.ceo"),
    ({"title": "a\x00b"}, "title"),
])
def test_bad_values_name_their_key(change, key):
    with pytest.raises(TenderFileError) as info:
        tender_from_dict(dict(MINIMAL, **change))
    assert info.value.key == key
    assert str(info.value).startswith(key)


@pytest.mark.parametrize("missing", ["format", "format_version", "reference", "title", "category",
                                     "value_excl_vat_gbp", "duration_months", "social_value_weighting_pct",
                                     "themes"])
def test_each_required_key(missing):
    with pytest.raises(TenderFileError) as info:
        tender_from_dict({k: v for k, v in MINIMAL.items() if k != missing})
    assert missing in str(info.value)


@pytest.mark.parametrize("raw, fragment", [
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"{", "not valid JSON"),
    (b'{"a": NaN}', "not valid JSON"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    (b'"just text"', "one JSON object"),
])
def test_unreadable_files(raw, fragment):
    with pytest.raises(TenderFileError) as info:
        parse_tender_json(raw)
    assert fragment in str(info.value)


def test_read_file_errors(tmp_path):
    with pytest.raises(TenderFileError, match="does not exist"):
        read_tender_file(tmp_path / "missing.svtender.json")
    with pytest.raises(TenderFileError, match="folder"):
        read_tender_file(tmp_path)
    bom = tmp_path / "bom.svtender.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode())
    assert read_tender_file(bom).reference == "MIN-1"


text = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=40)
money = st.decimals(min_value=0, max_value=Decimal("1e11"), places=2, allow_nan=False, allow_infinity=False)
pct = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
day = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@st.composite
def tenders(draw) -> Tender:
    themes = draw(st.lists(st.sampled_from(THEMES), unique=True, max_size=4))
    return Tender(
        reference=draw(st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF,
                                             exclude_categories=("Cs",)), min_size=1, max_size=30)).strip()
        or "R",
        title=draw(text),
        category=draw(st.sampled_from(CATEGORIES)),
        value_excl_vat_gbp=draw(money),
        vat_rate_pct=draw(pct),
        duration_months=draw(st.integers(1, 240)),
        route=draw(st.sampled_from(ROUTES)),
        tender_notice_date=draw(st.none() | day),
        contract_start_date=draw(st.none() | day),
        social_value_weighting_pct=draw(pct),
        themes=[ThemeChoice(t, draw(pct), draw(st.lists(text, max_size=3)), draw(st.lists(text, max_size=2)))
                for t in themes],
        kpis=[Kpi(name=draw(text.filter(str.strip)), unit=draw(text), baseline=draw(text), target=draw(text),
                  frequency=draw(st.sampled_from(KPI_FREQUENCIES)), theme=draw(st.sampled_from(THEMES)),
                  publish=draw(st.booleans()), evidence=draw(text), toms_reference=draw(text))
              for _ in range(draw(st.integers(0, 3)))],
        questions=[Question(theme=draw(st.sampled_from(THEMES)), title=draw(text), text=draw(text.filter(str.strip)),
                            must_describe=draw(st.lists(text, max_size=3)), word_limit=draw(st.integers(50, 5000)),
                            scoring_scale=draw(st.sampled_from(["0-5", "0-100"])),
                            weighting_pct=draw(st.none() | pct))
                   for _ in range(draw(st.integers(0, 3)))],
        lots=LotsDecision(draw(st.none() | st.booleans()), draw(st.none() | st.integers(1, 50)), draw(text),
                          draw(st.none() | pct)),
        think_local=StepRecord(draw(st.booleans()), draw(text), draw(st.lists(text, max_size=2))),
        spec_refresh=StepRecord(draw(st.booleans()), draw(text)),
        modern_slavery_risk_assessment=ModernSlaveryAssessment(draw(st.none() | day),
                                                               draw(st.none() | st.sampled_from(RISK_LEVELS))),
        confidentiality_reviewed=draw(st.booleans()),
        kpi_exemption_reason=draw(text),
        is_framework=draw(st.booleans()),
        leads={"procurement_lead": draw(text)},
        supplier_text=SupplierText(draw(text), draw(text), draw(text)),
    )


@settings(max_examples=150, deadline=None)
@given(tenders())
def test_round_trip_loses_nothing(tender):
    assert parse_tender_json(tender_to_json(tender)) == tender
    assert tender_from_dict(json.loads(json.dumps(tender_to_dict(tender)))) == tender


def test_work_in_progress_survives_export_and_import():
    """What the wizard saves (an empty KPI name, a blank question, long leads) must import again."""
    tender = tender_from_dict(MINIMAL)
    tender.kpis.append(Kpi(name="", baseline="x" * 5000))
    tender.questions.append(Question(theme="wellbeing", text=""))
    tender.leads["procurement_lead"] = "A. Name, " * 200
    assert parse_tender_json(tender_to_json(tender)) == tender


def test_supplier_text_is_read_and_a_bad_one_named():
    tender = tender_from_dict({**MINIMAL, "supplier_text": {"local": "Lots sized for local operators."}})
    assert tender.supplier_text == SupplierText(local="Lots sized for local operators.")
    with pytest.raises(TenderFileError, match="supplier_text.spec"):
        tender_from_dict({**MINIMAL, "supplier_text": {"spec": 3}})
