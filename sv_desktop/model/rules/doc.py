"""Write docs/rules.md from the rules file, so the documentation can never drift from what is checked.

Run `python -m sv_desktop.model.rules.doc > docs/rules.md` after editing `resources/rules/`. A test
regenerates the page and compares it byte for byte with the committed copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..bid_rules import BidRuleSet, load_bid_rules
from . import load_rules
from .schema import COMMON_FIELDS, RULE_SPECS, Rule, RuleSet
from .text import long_date, money_limit, threshold_text

FIELD_MEANINGS = {
    "reference": "the tender reference",
    "title": "the tender title",
    "category": "the category, in words",
    "route": "the procurement route, in words",
    "value_excl_vat": "whole-life value excluding VAT, £1,234.56",
    "vat_rate": "the VAT rate, e.g. 20%",
    "whole_life_incl_vat": "whole-life value including VAT, £1,234.56",
    "annual_excl_vat": "average annual value excluding VAT (value × 12 ÷ months, at least 12 months), £1,234.56",
    "weighting": "the social value weighting, e.g. 9.99%",
    "duration_months": "the contract term in months, extensions included",
    "notice_date": "the tender notice date the rules used (today's date when none is recorded)",
    "effective_from": "the rule's effective_from date",
    "effective_to": "the rule's effective_to date",
    "theme": "a theme, in words (SV-CLIMATE: the missing mandatory theme; SV-THEME-KPI: the theme without a KPI)",
    "theme_weighting": "the theme's weighting, e.g. 4%",
    "question_count": "how many questions (of the theme, or of the tender)",
    "question_weight": "the average weighting per question, e.g. 2%",
    "word_total": "the questions' word limits added up, e.g. 4,750",
    "theme_total": "the theme weightings added up",
    "kpi_count": "how many KPIs the tender has",
    "unpublished_count": "how many KPIs are not marked for publication",
    "reason": "the KPI exemption reason recorded on the tender",
    "threshold": "the Procurement Act threshold in force on the notice date",
    "threshold_kind": "the kind of threshold chosen in settings, e.g. sub-central",
    "contract_end": "the contract end date",
    "milestone": "the milestone's label",
    "milestone_date": "the milestone's date",
    "milestone_summary": "the milestone's summary",
    "milestones_list": "every milestone label, comma separated",
    "milestones": "the requests' milestone paragraphs for the milestones the contract runs past",
    "completed_on": "the date the modern slavery risk assessment was completed, or 'not recorded'",
    "today": "the day of the check (only where a date after it cannot yet be true)",
    "risk": "the recorded risk level (low, medium, high), or 'not recorded'",
    "turnover": "the modern slavery statement turnover figure",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _in_force(rule: Rule) -> str:
    if rule.effective_from and rule.effective_to:
        return f"tender notice date from {long_date(rule.effective_from)} to {long_date(rule.effective_to)}"
    if rule.effective_from:
        return f"tender notice date on or after {long_date(rule.effective_from)}"
    if rule.effective_to:
        return f"tender notice date up to {long_date(rule.effective_to)}"
    return "always"


def _rule_section(rule: Rule) -> list[str]:
    lines = [f"### {rule.id}: {rule.title}", "", rule.description, "", "| | |", "|---|---|"]
    rows = [
        ("Severity", rule.severity),
        ("Wizard step that fixes it", rule.step),
        ("Value compared", ", ".join(f"`{v}`" for v in rule.basis.value) or "none"),
        ("Date compared", f"`{rule.basis.date}`" if rule.basis.date else "none"),
        ("Tender fields read", ", ".join(f"`{f}`" for f in rule.basis.fields) or "none"),
        ("In force", _in_force(rule)),
    ]
    rows += [(f"Threshold `{name}`", threshold_text(name, value)) for name, value in rule.thresholds.items()]
    rows += [(f"Date `{name}`", long_date(day)) for name, day in rule.dates.items()]
    rows += [(f"Routes `{name}`", ", ".join(members) or "none") for name, members in rule.routes.items()]
    rows += [(f"Categories `{name}`", ", ".join(members)) for name, members in rule.categories.items()]
    rows += [(f"Themes `{name}`", ", ".join(members)) for name, members in rule.themes.items()]
    rows += [(f"Milestone `{m.id}`", f"{long_date(m.date)} ({m.label}): {m.summary}") for m in rule.milestones]
    rows += [("Source", rule.source), ("Confidence", rule.confidence)]
    lines += [f"| {name} | {_cell(value)} |" for name, value in rows]
    own = [*rule.thresholds, *rule.dates]
    own += [name for name, day in (("effective_from", rule.effective_from), ("effective_to", rule.effective_to))
            if day]
    intro = "Messages"
    if own:
        intro += " (besides the common placeholders they can use " + ", ".join(f"`{{{n}}}`" for n in own) + ")"
    lines += ["", intro + ":", ""]
    spec = RULE_SPECS[rule.id]
    for key, message in rule.messages.items():
        extra = spec.messages[key]
        also = f"; can also use {', '.join(f'`{{{n}}}`' for n in extra)}" if extra else ""
        lines.append(f"- `{key}` ({message.severity}{also}): {message.text}")
    lines.append("")
    return lines


def _bid_rules_section(bid_rules: BidRuleSet) -> list[str]:
    lines = ["## Rules for the Trust's own bids", "",
             "From `resources/rules/bid_rules.yaml`: checked against the Trust's own bids, when it bids to provide a",
             "service (P238 §1.1.1, §3.1, §5.2). A *blocker* holds the bid back from the stage named; *warnings*",
             "and *advice* never block.", "",
             f"- The policy's weighting: at least {bid_rules.min_weighting_pct}% (the commissioner sets it; below it"
             " is advice).",
             f"- An answer repeats the specification when {bid_rules.repeat_overlap_pct}% of its word pairs are"
             f" the question's or the criteria's (answers of at least {bid_rules.repeat_min_words} words).", "",
             "| Rule | Severity | Holds back from | Message | Source | Confidence |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {rule.id} | {rule.severity} | {rule.blocks or '-'} | {_cell(rule.message)} | {_cell(rule.source)} "
              f"| {rule.confidence} |" for rule in bid_rules.rules.values()]
    return [*lines, ""]


def render_doc(ruleset: RuleSet, bid_rules: BidRuleSet | None = None) -> str:
    f = ruleset.figures
    lines = [
        "# Policy rules",
        "",
        "<!-- Generated by `python -m sv_desktop.model.rules.doc` from resources/rules/rules.yaml,",
        "     resources/rules/requirements.yaml and resources/rules/bid_rules.yaml. Do not edit this page: edit",
        "     those files and regenerate it. -->",
        "",
        f"Rules for: {ruleset.title}" + (f" (rules file updated {long_date(ruleset.updated)})." if ruleset.updated
                                         else "."),
        "",
        "## How the rules are applied",
        "",
        "- **Severities.** A *blocker* makes the tender non-compliant: the pack can still be produced, but only",
        "  marked DRAFT / NOT POLICY-COMPLIANT. A *requirement* means the pack must ask bidders for something;",
        "  sv-desktop adds the request automatically (see [Requests to bidders](#requests-to-bidders)).",
        "  *Warnings* and *advice* are shown and never block.",
        "- **Dates.** Rules are evaluated on the tender's own dates: its tender notice date, and its contract end",
        "  date (start date plus the term in months, less a day) for the supplier roadmap. A rule with an",
        "  *in force* date applies only when the tender notice date is on or after it. When a tender has no",
        "  notice date, today's date is used and every finding that depends on it says so.",
        "- **Values.** Money is entered excluding VAT. The whole-life value including VAT (value × (1 + VAT",
        "  rate), to the penny) is compared with Procurement Act figures; the average annual value excluding VAT",
        "  (value × 12 ÷ term in months, a term under a year counting as one year) with the NHS carbon tiers.",
        "  *Over* means strictly more (exactly £5,000,000.00 is not over £5m; £5,000,000.01 is); *or more*",
        "  and *at least* include the figure itself. Percentages are compared exactly (9.99% is below 10%).",
        "- **Order.** Findings are listed by severity (blocker, requirement, warning, advice), then in the",
        "  order of the rules below.",
        "- **Out of scope.** A medicines tender gets the SCOPE-MEDICINES blocker and nothing else.",
        "- **Confidence.** *policy*: stated in the Trust policy P238; *source*: public guidance or law (URL",
        "  given); *verify*: reported by a secondary source only, so the screen says so.",
        "",
        "| Rule | Title | Severity | Step | Confidence |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| [{r.id}](#{_anchor(r)}) | {_cell(r.title)} | {r.severity} | {r.step} | {r.confidence} |"
              for r in ruleset.rules]
    lines += ["", "## Rules", ""]
    for rule in ruleset.rules:
        lines += _rule_section(rule)

    lines += [
        "## Settings and figures",
        "",
        f"- **Applicable Procurement Act threshold** (`settings.applicable_threshold`): "
        f"`{ruleset.applicable_threshold}`,",
        f"  confidence {f.pa23_confidence}. NZ-NZC compares the whole-life value including VAT with this kind",
        "  of threshold, in force on the tender notice date, for notice dates before its `below_threshold_from`.",
        "",
        "| Period | Central | Sub-central | Light touch | Works | Source | Confidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in f.pa23_periods:
        period = f"{long_date(p.effective_from)} to {long_date(p.effective_to) if p.effective_to else 'further notice'}"
        amounts = " | ".join(money_limit(p.amounts[k]) for k in ("central", "sub_central", "light_touch", "works"))
        lines.append(f"| {period} | {amounts} | {_cell(p.source)} | {p.confidence} |")
    sme, nz = f.sme, f.nhs_net_zero
    lines += [
        "",
        "All thresholds include VAT.",
        "",
        f"- **SME**: fewer than {int(sme['employees_under'])} employees and turnover under "
        f"€{int(sme['turnover_under_eur']):,} ({sme['source']}; {sme['confidence']}).",
        f"- **NHS net zero**: direct emissions net zero by {nz['direct_emissions_year']} "
        f"({nz['direct_emissions_interim']}); emissions the NHS can influence by "
        f"{nz['influenced_emissions_year']} ({nz['influenced_emissions_interim']}) ({nz['source']}; "
        f"{nz['confidence']}).",
        f"- **Modern slavery statement**: annual turnover of {money_limit(f.modern_slavery_turnover)} or more "
        f"({f.modern_slavery_source}; {f.modern_slavery_confidence}).",
        f"- **Contract performance ratings** ({f.performance_source}; {f.performance_confidence}):",
        "",
    ]
    lines += [f"  - {name}: {meaning}." for name, meaning in f.performance_ratings]
    lines += ["", "## Requests to bidders", "",
              "The pack adds these, in this order, when their rule has a finding for the tender. The opening",
              "paragraph depends on the finding; placeholders are filled with the tender's own figures.", ""]
    for t in ruleset.requirements:
        lines += [f"### {t.title}", "", f"Id `{t.id}`, from rule {t.rule}.", ""]
        for key, text in t.lead.items():
            lines += [f"Opening for finding `{key}`:", "", f"> {text}", ""]
        lines += ["Then:", ""]
        for text in t.paragraphs:
            lines += [f"> {text}", ">"]
        lines[-1] = ""
        for mid, text in t.milestones.items():
            lines += [f"- Milestone `{mid}`: {text}"]
        if t.milestones:
            lines.append("")

    if bid_rules is not None:
        lines += _bid_rules_section(bid_rules)
    lines += ["## Placeholders", "",
              "Every message and request can use these common placeholders:", "",
              "| Placeholder | Meaning |", "|---|---|"]
    lines += [f"| `{{{name}}}` | {FIELD_MEANINGS[name]} |" for name in COMMON_FIELDS]
    lines += ["", "A rule's thresholds and dates are placeholders of its own messages under their names (money",
              "as £5,000,000, percentages as 15%). Rule-specific placeholders:", "",
              "| Placeholder | Meaning |", "|---|---|"]
    specific = sorted({n for s in RULE_SPECS.values() for fields in s.messages.values() for n in fields}
                      | {"effective_from", "effective_to", "milestones"})
    lines += [f"| `{{{name}}}` | {FIELD_MEANINGS[name]} |" for name in specific]
    lines += ["", *FORMAT_NOTES]
    return "\n".join(lines).rstrip("\n") + "\n"


def _anchor(rule: Rule) -> str:
    text = f"{rule.id}: {rule.title}".lower()
    kept = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


FORMAT_NOTES = [
    "## The rules file format",
    "",
    "`resources/rules/rules.yaml` holds `format: sv-desktop.rules`, `format_version: 1`, `title`, `updated`,",
    "`settings` (`applicable_threshold`), `messages` (`no_notice_date`), `labels` (words for every route,",
    "theme and category id), `figures` (as above) and `rules`, a list in which each rule has:",
    "",
    "- `id` (each rule id above, exactly once), `title`, `description` (shown on this page);",
    "- `severity` (blocker, requirement, warning, advice) and `step` (details, spec, local, themes,",
    "  weighting, requirements, review);",
    "- `basis`: `value` (any of whole_life_incl_vat, annual_excl_vat, weighting_pct), `date`",
    "  (tender_notice_date, contract_end_date or null) and `fields` (the tender fields read);",
    "- `effective_from` / `effective_to`: dates compared with the tender notice date, or null;",
    "- the rule's own `thresholds` (names ending _gbp for whole pounds, _pct, _count), `dates`, `routes`,",
    "  `categories`, `themes` and `milestones`, exactly the names listed for the rule above;",
    "- `source` and `confidence` (policy, source, verify);",
    "- `messages`: every message key listed for the rule, each a text, or `severity` plus `text` when that",
    "  message has a severity of its own.",
    "",
    "`resources/rules/requirements.yaml` holds `format: sv-desktop.requirements`, `format_version: 1` and",
    "`requirements`, a list in which each request has `id`, `rule`, `title`, optional `lead` (an opening",
    "paragraph per finding message key; the request is used only for those findings), `paragraphs` and, for",
    "NZ-ROADMAP, `milestones` (a paragraph per milestone id). Optional keys say how the pack presents it:",
    "`assessment` (pass_fail, scored, not_scored, contract), `respond` (how to respond), `word_limit`, and",
    "`by_risk` (a paragraph for each recorded modern slavery risk level: low, medium, high). A paragraph",
    "written as `{text, until}` is quoted only while the tender notice date is on or before `until` (a",
    "grace period). Every finding of severity requirement must have a request.",
    "",
    "Both files are checked when sv-desktop starts: an unknown or missing key, an unknown route, theme or",
    "category, a placeholder a text cannot fill, or a missing rule stops it with a message that names the",
    "file and the key.",
]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    resources = Path(args[0]) if args else None
    text = render_doc(load_rules(resources), load_bid_rules(resources))
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
