"""The policy rules engine: checks a tender against `resources/rules/rules.yaml`, Qt-free and SQL-free.

Rules are evaluated on the tender's own dates (its tender notice date; its contract end date for the
supplier roadmap), never on today's date unless the tender has no notice date, and then every finding
that depends on it says so; the one exception is a modern slavery risk assessment dated after today,
which is not yet completed (MS-RISK). Findings come out ordered by severity, then by the rule's place in the
file, so the same tender always gives the same list.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from ...i18n import language, localized_file
from ...paths import resources_dir
from ..tender import Tender
from .checks import CHECKS, OUT_OF_SCOPE_RULE, Context, Hit, contract_end
from .loader import parse_rules_file, read_yaml
from .requirements import build_requirements, parse_requirements_file
from .schema import SEVERITIES, Finding, RulesError, RuleSet, SupplierRequirement

__all__ = [
    "SEVERITIES",
    "Finding",
    "RuleSet",
    "RulesError",
    "SupplierRequirement",
    "check_report",
    "evaluate",
    "is_compliant",
    "load_rules",
    "rules_files",
    "supplier_requirements",
]

RULES_FILE = Path("rules") / "rules.yaml"
REQUIREMENTS_FILE = Path("rules") / "requirements.yaml"


def rules_files(resources: Path | None = None) -> tuple[Path, Path]:
    """Where the rules and the requests to bidders are read from."""
    folder = Path(resources) if resources is not None else resources_dir()
    return folder / RULES_FILE, folder / REQUIREMENTS_FILE


def load_rules(resources: Path | None = None) -> RuleSet:
    """The checked rules from a resources folder (default: the bundled one); read once per folder."""
    folder = Path(resources) if resources is not None else resources_dir()
    return _load(str(folder.resolve()), language())


@lru_cache(maxsize=16)
def _load(folder: str, language: str) -> RuleSet:
    """`language` is part of the cache key: a translated rules file replaces the English one."""
    rules_path, requirements_path = (localized_file(path.parent, path.name, language)
                                     for path in rules_files(Path(folder)))
    parsed = parse_rules_file(read_yaml(rules_path, str(rules_path)), str(rules_path))
    templates = parse_requirements_file(read_yaml(requirements_path, str(requirements_path)),
                                        str(requirements_path), parsed["rules"])
    return RuleSet(**parsed, requirements=templates)


def _hits(tender: Tender, rules: RuleSet | None, today: dt.date | None) -> list[Hit]:
    ruleset = rules if rules is not None else load_rules()
    ctx = Context(tender, ruleset, today or dt.date.today())
    scope = ruleset.rule(OUT_OF_SCOPE_RULE)
    if ctx.in_force(scope):
        out_of_scope = CHECKS[scope.id](scope, ctx)
        if out_of_scope:
            # Nothing else of the policy applies to an out-of-scope tender; more findings would only confuse.
            return out_of_scope
    hits: list[Hit] = []
    for rule in ruleset.rules:
        if rule.id != OUT_OF_SCOPE_RULE and ctx.in_force(rule):
            hits.extend(CHECKS[rule.id](rule, ctx))
    position = {rule.id: i for i, rule in enumerate(ruleset.rules)}
    hits.sort(key=lambda hit: (SEVERITIES.index(hit.finding.severity), position[hit.finding.rule]))
    return hits


def evaluate(tender: Tender, rules: RuleSet | None = None, today: dt.date | None = None) -> list[Finding]:
    """Every finding for the tender, blockers first; `today` stands in for a missing tender notice date."""
    return [hit.finding for hit in _hits(tender, rules, today)]


def is_compliant(findings: list[Finding]) -> bool:
    """Compliant means no blocker; requirements, warnings and advice never block."""
    return not any(finding.severity == "blocker" for finding in findings)


def supplier_requirements(tender: Tender, rules: RuleSet | None = None,
                          today: dt.date | None = None) -> list[SupplierRequirement]:
    """The requests to bidders the pack must contain, worded for this tender's value and dates."""
    ruleset = rules if rules is not None else load_rules()
    hits = [(h.finding.rule, h.key, h.fields, h.milestone) for h in _hits(tender, ruleset, today)]
    return build_requirements(ruleset.requirements, hits, risk=tender.modern_slavery_risk_assessment.risk,
                              on=tender.tender_notice_date or today or dt.date.today())


def check_report(tender: Tender, findings: list[Finding]) -> dict:
    """The `sv-desktop check --json` object (docs/tender-format.md), plus the dates the rules used."""
    end = contract_end(tender)
    return {
        "reference": tender.reference,
        "compliant": is_compliant(findings),
        "findings": [
            {"rule": f.rule, "severity": f.severity, "message": f.message, "source": f.source}
            for f in findings
        ],
        "date_basis": {
            "tender_notice_date": tender.tender_notice_date.isoformat() if tender.tender_notice_date else None,
            "notice_date_from": "tender" if tender.tender_notice_date else "today",
            "contract_end_date": end.isoformat() if end else None,
        },
    }
