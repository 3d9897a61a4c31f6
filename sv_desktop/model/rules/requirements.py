"""The requests to bidders (`rules/requirements.yaml`): checked against the rules, then worded per tender.

A rule of severity *requirement* promises that the pack asks bidders for something; this module holds
that promise. Loading refuses a file that leaves any requirement finding without wording, and the
wording is filled with the tender's own value and dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...i18n import _
from ..tender import RISK_LEVELS
from .loader import Reader, check_header
from .schema import (
    ASSESSMENTS,
    COMMON_FIELDS,
    REQUIREMENTS_FORMAT,
    RULE_SPECS,
    RequirementTemplate,
    Rule,
    SupplierRequirement,
)
from .text import render

ENTRY_KEYS = ("id", "rule", "title", "lead", "paragraphs", "milestones", "assessment", "respond", "word_limit",
              "by_risk")
PARAGRAPH_KEYS = ("text", "until")
MILESTONES_FIELD = "milestones"


def parse_requirements_file(data: Any, label: str, rules: tuple[Rule, ...]) -> tuple[RequirementTemplate, ...]:
    r = Reader(label)
    check_header(r, data, REQUIREMENTS_FORMAT)
    r.mapping(data, "", ("format", "format_version", "requirements"),
              ("format", "format_version", "requirements"))
    entries = data["requirements"]
    if not isinstance(entries, list) or not entries:
        raise r.fail("requirements", _("must be a non-empty list"))
    by_id = {rule.id: rule for rule in rules}
    templates: list[RequirementTemplate] = []
    for i, raw in enumerate(entries):
        template = _entry(r, raw, f"requirements[{i}]", by_id)
        if any(t.id == template.id for t in templates):
            raise r.fail(f"requirements[{i}].id", _("{id} is listed twice").format(id=template.id))
        templates.append(template)

    for rule in rules:
        for message in rule.messages.values():
            if message.severity != "requirement":
                continue
            if not any(t.rule == rule.id and t.applies_to(message.key) for t in templates):
                raise r.fail("requirements", _("has no wording for the requirement {id} ({key}); the "
                                               "pack must ask bidders for it").format(
                                               id=rule.id, key=message.key))
    return tuple(templates)


def _entry(r: Reader, raw: Any, key: str, rules: dict[str, Rule]) -> RequirementTemplate:
    r.mapping(raw, key, ENTRY_KEYS, required=("id", "rule", "title", "paragraphs"))
    entry_id = r.text(raw["id"], f"{key}.id")
    rule_id = r.choice(raw["rule"], f"{key}.rule", tuple(rules))
    rule = rules[rule_id]
    key = f"requirements[{entry_id}]"
    spec = RULE_SPECS[rule_id]
    base = set(COMMON_FIELDS) | set(rule.thresholds) | set(rule.dates)
    base |= {"effective_from"} if rule.effective_from else set()
    base |= {"effective_to"} if rule.effective_to else set()
    if rule.milestones:
        base.add(MILESTONES_FIELD)

    lead: dict[str, str] = {}
    if raw.get("lead") is not None:
        lead_raw = r.mapping(raw["lead"], f"{key}.lead", tuple(spec.messages))
        if not lead_raw:
            raise r.fail(f"{key}.lead", _("must name at least one finding, or be left out"))
        lead = {name: r.template(text, f"{key}.lead.{name}", base | set(spec.messages[name]))
                for name, text in lead_raw.items()}
    keys_used = list(lead) or list(spec.messages)
    shared = set.intersection(*(set(spec.messages[name]) for name in keys_used))

    paragraphs = raw["paragraphs"]
    if not isinstance(paragraphs, list) or not paragraphs:
        raise r.fail(f"{key}.paragraphs", _("must be a non-empty list of paragraphs"))
    texts: list[str] = []
    until: list[dt.date | None] = []
    for i, p in enumerate(paragraphs):
        where = f"{key}.paragraphs[{i}]"
        if isinstance(p, dict):
            r.mapping(p, where, PARAGRAPH_KEYS, required=PARAGRAPH_KEYS)
            texts.append(r.template(p["text"], f"{where}.text", base | shared))
            until.append(r.date(p["until"], f"{where}.until"))
        else:
            texts.append(r.template(p, where, base | shared))
            until.append(None)

    milestones: dict[str, str] = {}
    if rule.milestones:
        ids = tuple(m.id for m in rule.milestones)
        m_raw = r.mapping(raw.get("milestones"), f"{key}.milestones", ids, required=ids)
        milestones = {name: r.template(m_raw[name], f"{key}.milestones.{name}", base - {MILESTONES_FIELD})
                      for name in ids}
    elif raw.get("milestones") is not None:
        raise r.fail(f"{key}.milestones", _("is only for a rule with milestones, not {rule_id}").format(
                                            rule_id=rule_id))

    by_risk: dict[str, str] = {}
    if raw.get("by_risk") is not None:
        risk_raw = r.mapping(raw["by_risk"], f"{key}.by_risk", RISK_LEVELS, required=RISK_LEVELS)
        by_risk = {level: r.template(text, f"{key}.by_risk.{level}", base | shared) for level, text in risk_raw.items()}
    word_limit = None
    if raw.get("word_limit") is not None:
        word_limit = int(r.number(raw["word_limit"], f"{key}.word_limit"))
    return RequirementTemplate(
        entry_id, rule_id, r.text(raw["title"], f"{key}.title"), lead, tuple(texts), milestones, tuple(until),
        assessment=r.choice(raw["assessment"], f"{key}.assessment", ASSESSMENTS) if raw.get("assessment") else "",
        respond=r.text(raw["respond"], f"{key}.respond") if raw.get("respond") else "",
        word_limit=word_limit, by_risk=by_risk)


def build_requirements(templates: tuple[RequirementTemplate, ...],
                       hits: list[tuple[str, str, dict[str, str], str | None]], *, risk: str | None = None,
                       on: dt.date | None = None) -> list[SupplierRequirement]:
    """Word the requests for a tender from its findings.

    `hits` are (rule id, message key, placeholder values, milestone id) for every finding, in order.
    Findings of one rule that share a request (roadmap milestones) give one request listing them all.
    `risk` is the tender's recorded modern slavery risk level; `on` the date paragraphs with an end date
    (grace periods) are judged on: a paragraph is left out after its last day.
    """
    out = []
    for template in templates:
        matching = [hit for hit in hits if hit[0] == template.rule and template.applies_to(hit[1])]
        if not matching:
            continue
        _rule_id, message_key, fields, _milestone = matching[0]
        fields = dict(fields)
        if template.milestones:
            chosen = [hit[3] for hit in matching if hit[3] in template.milestones]
            fields[MILESTONES_FIELD] = "\n\n".join(render(template.milestones[m], fields) for m in chosen)
        paragraphs = []
        if template.lead:
            paragraphs.append(render(template.lead[message_key], fields))
        ends = template.until or (None,) * len(template.paragraphs)
        paragraphs.extend(render(p, fields) for p, end in zip(template.paragraphs, ends, strict=True)
                          if end is None or on is None or on <= end)
        if risk in template.by_risk:
            paragraphs.append(render(template.by_risk[risk], fields))
        out.append(SupplierRequirement(template.id, template.rule, template.title,
                                       "\n\n".join(p for p in paragraphs if p), template.assessment,
                                       template.respond, template.word_limit))
    return out
