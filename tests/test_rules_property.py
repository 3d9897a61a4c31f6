"""On any valid tender the engine never raises, and gives the same answer every time."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sv_desktop.model.rules import (
    SEVERITIES,
    check_report,
    evaluate,
    is_compliant,
    load_rules,
    supplier_requirements,
)
from sv_desktop.model.tender import (
    CATEGORIES,
    RISK_LEVELS,
    ROUTES,
    STEPS,
    THEMES,
    Kpi,
    LotsDecision,
    ModernSlaveryAssessment,
    StepRecord,
    Tender,
    ThemeChoice,
)

# Edges of the rules file mixed with arbitrary values, so boundaries are hit often.
EDGE_MONEY = [Decimal(v) for v in ("0", "10000", "10000.01", "207720", "214904", "4166666.67", "4166666.68",
                                   "4999999.99", "5000000", "5000000.01", "60000000", "1000000000000")]
EDGE_PCT = [Decimal(v) for v in ("0", "9.99", "10", "15", "15.01", "20", "100")]
EDGE_DATES = [dt.date(*d) for d in ((2023, 3, 31), (2023, 4, 1), (2024, 3, 31), (2024, 4, 1), (2025, 2, 23),
                                    (2025, 2, 24), (2026, 3, 31), (2026, 4, 1), (2026, 5, 16), (2026, 5, 17))]

money = st.one_of(st.sampled_from(EDGE_MONEY),
                  st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False,
                              allow_infinity=False))
pct = st.one_of(st.sampled_from(EDGE_PCT),
                st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False))
any_date = st.one_of(st.sampled_from(EDGE_DATES), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
maybe_date = st.one_of(st.none(), any_date)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}"), max_size=40)

themes = st.lists(st.sampled_from(THEMES), unique=True, max_size=4).flatmap(
    lambda ids: st.tuples(*[pct for _ in ids]).map(
        lambda weights: [ThemeChoice(theme, weight) for theme, weight in zip(ids, weights, strict=True)]))
kpis = st.lists(st.builds(Kpi, name=st.text(min_size=1, max_size=20), publish=st.booleans(),
                          theme=st.sampled_from(THEMES)), max_size=5)
lots = st.builds(LotsDecision, divided=st.one_of(st.none(), st.booleans()), reasons=text)
steps = st.builds(StepRecord, considered=st.booleans(), notes=text)
msra = st.builds(ModernSlaveryAssessment, completed_on=maybe_date,
                 risk=st.one_of(st.none(), st.sampled_from(RISK_LEVELS)))

tenders = st.builds(
    Tender,
    reference=st.text(min_size=1, max_size=20),
    title=text,
    category=st.sampled_from(CATEGORIES),
    value_excl_vat_gbp=money,
    duration_months=st.integers(min_value=1, max_value=1200),
    social_value_weighting_pct=pct,
    themes=themes,
    vat_rate_pct=st.one_of(st.sampled_from([Decimal(0), Decimal(20)]), pct),
    route=st.sampled_from(ROUTES),
    tender_notice_date=maybe_date,
    contract_start_date=maybe_date,
    kpis=kpis,
    lots=lots,
    think_local=steps,
    spec_refresh=steps,
    modern_slavery_risk_assessment=msra,
    confidentiality_reviewed=st.booleans(),
    kpi_exemption_reason=st.one_of(st.just(""), text),
    is_framework=st.booleans(),
)

RULESET = load_rules()
POSITION = {rule.id: i for i, rule in enumerate(RULESET.rules)}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tender=tenders, today=any_date)
def test_evaluate_never_raises_and_is_deterministic(tender, today):
    first = evaluate(tender, RULESET, today=today)
    assert evaluate(tender, RULESET, today=today) == first

    keys = [(SEVERITIES.index(f.severity), POSITION[f.rule]) for f in first]
    assert keys == sorted(keys)
    for finding in first:
        assert finding.step in STEPS
        assert finding.confidence in ("policy", "source", "verify")
        assert finding.message and finding.source
        assert "{" not in finding.message and "}" not in finding.message
    if tender.category == "medicines":
        assert [f.rule for f in first] == ["SCOPE-MEDICINES"]
    else:
        assert {"NZ-EVERGREEN", "MS-STATEMENT"} <= {f.rule for f in first}

    report = check_report(tender, first)
    assert report["compliant"] is is_compliant(first)
    json.dumps(report, ensure_ascii=False)

    requests = supplier_requirements(tender, RULESET, today=today)
    assert requests == supplier_requirements(tender, RULESET, today=today)
    requested_rules = {r.rule for r in requests}
    assert {f.rule for f in first if f.severity == "requirement"} <= requested_rules
    for request in requests:
        assert request.text and "{" not in request.text
