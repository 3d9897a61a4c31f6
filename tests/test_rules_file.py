"""Broken copies of the rules files are refused at load with a RulesError that names the file and the key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml

from sv_desktop.model.rules import RulesError, evaluate, load_rules, rules_files
from sv_desktop.model.tender import Tender, ThemeChoice

RULES, REQUIREMENTS = rules_files()


@pytest.fixture
def resources(tmp_path) -> Path:
    folder = tmp_path / "resources"
    (folder / "rules").mkdir(parents=True)
    for original in (RULES, REQUIREMENTS):
        (folder / "rules" / original.name).write_bytes(original.read_bytes())
    return folder


def rewrite(resources: Path, name: str, change) -> None:
    path = resources / "rules" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def rule(data: dict, rule_id: str) -> dict:
    return next(r for r in data["rules"] if r["id"] == rule_id)


def load_error(resources: Path) -> str:
    with pytest.raises(RulesError) as caught:
        load_rules(resources)
    text = str(caught.value)
    assert "\n" not in text
    return text


def test_an_unchanged_round_trip_through_yaml_still_loads(resources):
    rewrite(resources, "rules.yaml", lambda data: None)
    rewrite(resources, "requirements.yaml", lambda data: None)
    assert [r.id for r in load_rules(resources).rules] == [r.id for r in load_rules().rules]


def _walk(data, path: list):
    """Follow keys and indexes; an ('r', id) step picks the rule with that id from the rules list."""
    target = data
    for step in path:
        target = next(r for r in target if r["id"] == step[1]) if isinstance(step, tuple) else target[step]
    return target


def _set(path: list, value):
    def change(data):
        _walk(data, path[:-1])[path[-1]] = value
    return change


def _delete(path: list):
    def change(data):
        del _walk(data, path[:-1])[path[-1]]
    return change


R = "rules"
BROKEN_RULES = [
    ("threshold-text", _set([R, ("r", "SV-KPI"), "thresholds", "value_over_gbp"], "five million"),
     "rules[SV-KPI].thresholds.value_over_gbp: must be a number"),
    ("threshold-negative", _set([R, ("r", "SV-MIN-WEIGHT"), "thresholds", "min_weighting_pct"], -10),
     "rules[SV-MIN-WEIGHT].thresholds.min_weighting_pct"),
    ("threshold-missing", _delete([R, ("r", "NZ-CRP"), "thresholds", "annual_from_gbp"]),
     "rules[NZ-CRP].thresholds.annual_from_gbp: is required"),
    ("threshold-unknown", _set([R, ("r", "NZ-CRP"), "thresholds", "annual_fom_gbp"], 5),
     "rules[NZ-CRP].thresholds.annual_fom_gbp: is not a known key"),
    ("rule-key-typo", _set([R, ("r", "LOCAL-SME"), "severty"], "warning"),
     "rules[LOCAL-SME].severty: is not a known key"),
    ("severity", _set([R, ("r", "SV-CLIMATE"), "severity"], "fatal"), "rules[SV-CLIMATE].severity: must be one of"),
    ("message-severity", _set([R, ("r", "MS-RISK"), "messages", "call_off", "severity"], "info"),
     "rules[MS-RISK].messages.call_off.severity"),
    ("step", _set([R, ("r", "SPEC-REFRESH"), "step"], "specification"), "rules[SPEC-REFRESH].step"),
    ("confidence", _set([R, ("r", "NZ-NZC"), "confidence"], "sure"), "rules[NZ-NZC].confidence"),
    ("route-unknown", _set([R, ("r", "PA23-KPI-3"), "routes", "exempt"], ["lighttouch"]),
     "rules[PA23-KPI-3].routes.exempt[0]: must be one of"),
    ("ms-route-unplaced", _set([R, ("r", "MS-RISK"), "routes", "call_off"], []),
     "rules[MS-RISK].routes: the route framework_call_off is in none of"),
    ("ms-route-twice", _set([R, ("r", "MS-RISK"), "routes", "call_off"], ["framework_call_off", "open"]),
     "rules[MS-RISK].routes: the route open is in more than one of"),
    ("category-unknown", _set([R, ("r", "SCOPE-MEDICINES"), "categories", "out_of_scope"], ["drugs"]),
     "rules[SCOPE-MEDICINES].categories.out_of_scope[0]"),
    ("theme-unknown", _set([R, ("r", "SV-CLIMATE"), "themes", "required"], ["climate"]),
     "rules[SV-CLIMATE].themes.required[0]"),
    ("placeholder-typo", _set([R, ("r", "SV-MIN-WEIGHT"), "messages", "below"], "Weighting {weighting_pc} too low"),
     "rules[SV-MIN-WEIGHT].messages.below: uses {weighting_pc}"),
    ("placeholder-other-message", _set([R, ("r", "PA23-KPI-3"), "messages", "too_few"], "Reason {reason}"),
     "rules[PA23-KPI-3].messages.too_few: uses {reason}"),
    ("placeholder-broken", _set([R, ("r", "SV-KPI"), "messages", "over_value"], "Over {value_over_gbp"),
     "rules[SV-KPI].messages.over_value: has a broken placeholder"),
    ("placeholder-format", _set([R, ("r", "SV-KPI"), "messages", "over_value"], "Over {weighting!r}"),
     "rules[SV-KPI].messages.over_value: has a broken placeholder"),
    ("message-missing", _delete([R, ("r", "PA23-LOTS"), "messages", "no_reasons"]),
     "rules[PA23-LOTS].messages.no_reasons: is required"),
    ("message-empty", _set([R, ("r", "PA23-LOTS"), "messages", "undecided"], "  "),
     "rules[PA23-LOTS].messages.undecided: must not be empty"),
    ("effective-bad-date", _set([R, ("r", "PA23-KPI-3"), "effective_from"], "2025-02-30"),
     "rules[PA23-KPI-3].effective_from: must be a date"),
    ("effective-without-date-basis", _set([R, ("r", "SV-MIN-WEIGHT"), "effective_from"], dt.date(2022, 4, 1)),
     "rules[SV-MIN-WEIGHT].basis.date: must be tender_notice_date"),
    ("basis-value", _set([R, ("r", "SV-KPI"), "basis", "value"], ["whole_life"]), "rules[SV-KPI].basis.value[0]"),
    ("basis-field", _set([R, ("r", "SV-KPI"), "basis", "fields"], ["kpi_list"]), "rules[SV-KPI].basis.fields[0]"),
    ("date-missing", _delete([R, ("r", "MS-RISK"), "dates", "in_force"]), "rules[MS-RISK].dates.in_force: is required"),
    ("milestone-date", _set([R, ("r", "NZ-ROADMAP"), "milestones", 0, "date"], "April 2027"),
     "rules[NZ-ROADMAP].milestones[0].date"),
    ("unused-section", _set([R, ("r", "NZ-EVERGREEN"), "thresholds"], {"x_gbp": 1}),
     "rules[NZ-EVERGREEN].thresholds: is not used by this rule"),
    ("rule-unknown", lambda d: d["rules"].append({**rule(d, "LOCAL-SME"), "id": "LOCAL-SMB"}),
     "rules[20].id: 'LOCAL-SMB' is not a rule"),
    ("rule-duplicate", lambda d: d["rules"].append(dict(rule(d, "LOCAL-SME"))), "rules[20].id: LOCAL-SME is listed twice"),
    ("rule-missing", lambda d: d["rules"].remove(rule(d, "SV-CLIMATE")), "rules: is missing the rule(s) SV-CLIMATE"),
    ("rules-not-list", _set(["rules"], {"a": 1}), "rules: must be a list"),
    ("format", _set(["format"], "sv-desktop.tender"), "format: must be 'sv-desktop.rules'"),
    ("format-version", _set(["format_version"], 2), "format_version: must be 1"),
    ("setting", _set(["settings", "applicable_threshold"], "nhs"), "settings.applicable_threshold: must be one of"),
    ("label-missing", _delete(["labels", "routes", "psr_competitive"]), "labels.routes.psr_competitive: is required"),
    ("period-overlap", _set(["figures", "pa23_thresholds", "periods", 0, "effective_to"], dt.date(2026, 6, 30)),
     "figures.pa23_thresholds.periods: the period from 2024-01-01 overlaps"),
    ("period-amount", _set(["figures", "pa23_thresholds", "periods", 1, "sub_central_gbp"], None),
     "figures.pa23_thresholds.periods[1].sub_central_gbp: must be a number"),
    ("figure-missing", _delete(["figures", "modern_slavery_statement", "turnover_from_gbp"]),
     "figures.modern_slavery_statement.turnover_from_gbp: is required"),
    ("no-notice-note", _set(["messages", "no_notice_date"], "Used {today}."), "messages.no_notice_date: uses {today}"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in BROKEN_RULES], ids=[c[0] for c in BROKEN_RULES])
def test_broken_rules_file_is_refused_naming_the_key(resources, change, expected):
    rewrite(resources, "rules.yaml", change)
    text = load_error(resources)
    assert "rules.yaml: " in text
    assert expected in text


BROKEN_REQUIREMENTS = [
    ("lead-missing-for-requirement", _delete(["requirements", 1, "lead", "all_values"]),
     "requirements: has no wording for the requirement NZ-NZC (all_values)"),
    ("request-missing", lambda d: d["requirements"].pop(0),
     "requirements: has no wording for the requirement NZ-CRP (annual)"),
    ("rule-unknown", _set(["requirements", 0, "rule"], "NZ-CRP2"), "requirements[0].rule: must be one of"),
    ("lead-unknown-key", _set(["requirements", 0, "lead", "yearly"], "x"),
     "requirements[carbon-reduction-plan].lead.yearly: is not a known key"),
    ("placeholder-not-this-rule", _set(["requirements", 0, "paragraphs", 0], "Threshold {threshold}"),
     "requirements[carbon-reduction-plan].paragraphs[0]: uses {threshold}"),
    ("milestone-missing", _delete(["requirements", 2, "milestones", "apr-2028"]),
     "requirements[net-zero-supplier-roadmap].milestones.apr-2028: is required"),
    ("milestones-on-other-rule", _set(["requirements", 3, "milestones"], {"apr-2027": "x"}),
     "requirements[evergreen].milestones: is only for a rule with milestones"),
    ("paragraphs-empty", _set(["requirements", 3, "paragraphs"], []), "requirements[evergreen].paragraphs"),
    ("duplicate-id", _set(["requirements", 4, "id"], "evergreen"), "requirements[4].id: evergreen is listed twice"),
    ("format", _set(["format"], "sv-desktop.rules"), "format: must be 'sv-desktop.requirements'"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in BROKEN_REQUIREMENTS],
                         ids=[c[0] for c in BROKEN_REQUIREMENTS])
def test_broken_requirements_file_is_refused_naming_the_key(resources, change, expected):
    rewrite(resources, "requirements.yaml", change)
    text = load_error(resources)
    assert "requirements.yaml: " in text
    assert expected in text


def test_missing_file_and_bad_yaml_are_refused(resources):
    (resources / "rules" / "requirements.yaml").unlink()
    assert "requirements.yaml: is missing from" in load_error(resources)
    (resources / "rules" / "rules.yaml").write_text("rules: [\n  - id: SV-KPI\n  title: x\n", encoding="utf-8")
    text = load_error(resources)
    assert "rules.yaml: is not valid YAML: " in text and " at line " in text
    (resources / "rules" / "rules.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert "must hold a mapping" in load_error(resources)
    (resources / "rules" / "rules.yaml").write_bytes(b"\xff\xfe\x00bad")
    assert "is not UTF-8 text" in load_error(resources)


def test_rules_error_is_a_value_error_with_the_key(resources):
    rewrite(resources, "rules.yaml", _set([R, ("r", "SV-KPI"), "step"], "nowhere"))
    with pytest.raises(ValueError) as caught:
        load_rules(resources)
    assert isinstance(caught.value, RulesError)
    assert caught.value.key == "rules[SV-KPI].step"
    assert caught.value.file.endswith("rules.yaml")


def test_a_trust_can_change_a_threshold_and_the_setting(resources):
    tender = Tender("T", "t", "goods_services", D("150000"), 12, D(10),
                    themes=[ThemeChoice("fighting_climate_change", D(10))], vat_rate_pct=D(0),
                    tender_notice_date=dt.date(2026, 3, 1))
    assert not [f for f in evaluate(tender, today=dt.date(2026, 3, 1)) if f.rule == "NZ-NZC"]
    rewrite(resources, "rules.yaml", _set(["settings", "applicable_threshold"], "central"))
    rewrite(resources, "rules.yaml", _set([R, ("r", "SV-MIN-WEIGHT"), "thresholds", "min_weighting_pct"], 12.5))
    changed = load_rules(resources)
    findings = evaluate(tender, changed, today=dt.date(2026, 3, 1))
    nzc = [f for f in findings if f.rule == "NZ-NZC"]
    assert nzc and "central procurement threshold of £135,018" in nzc[0].message
    weight = [f for f in findings if f.rule == "SV-MIN-WEIGHT"]
    assert weight and "minimum of 12.5%" in weight[0].message
