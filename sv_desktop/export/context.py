"""Everything an export needs, as plain values: the builders never read widgets, files or the store.

`make_pack_context` gathers it from the toolkit content, the question bank and the rules engine, so the
builders stay independent of how those are loaded (and tests can build a context by hand).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from ..i18n import _
from ..model.content import load_content
from ..model.pack_wording import PackWording, load_pack_wording
from ..model.question_bank import load_question_bank
from ..model.rules import evaluate, is_compliant, load_rules, supplier_requirements
from ..model.rules.schema import SupplierRequirement
from ..model.tender import Tender

POLICY_REFERENCE = "P238 v4.0 Social Value and Sustainable Procurement Policy"


@dataclass(frozen=True)
class ScaleLevel:
    """One row of a scoring scale: the score ("5", "81-100"), its name and what earns it."""

    label: str
    name: str
    descriptor: str


@dataclass(frozen=True)
class PackContext:
    tender: Tender
    organisation: str
    policy_reference: str
    category_label: str
    route_label: str
    theme_labels: Mapping[str, str]
    compliant: bool
    blocker_messages: tuple[str, ...]
    requirements: tuple[tuple[str, str], ...]
    """(title, text) of each request to bidders the rules add (carbon reduction plan, ...)."""
    scales: Mapping[str, tuple[ScaleLevel, ...]]
    """Scoring scales by id ("0-5", "0-100")."""
    issue_date: date
    version_label: str = "1.0"
    contact_role: str = "Procurement Lead"
    contact_name: str = ""
    """The named person suppliers write to: the tender's Procurement Lead."""
    contact_email: str = ""
    """The procurement team's mailbox, from the settings."""
    blocker_rules: tuple[str, ...] = ()
    """Ids of the rules behind `blocker_messages`, in the same order."""

    @property
    def contact(self) -> str:
        """The named contact as printed: "Sam Patel, Procurement Lead (procurement@trust.nhs.uk)"."""
        if not self.contact_name:
            who = f"the {self.contact_role}"
        elif self.contact_role.casefold() in self.contact_name.casefold():  # "Procurement Lead, Transport"
            who = self.contact_name
        else:
            who = f"{self.contact_name}, {self.contact_role}"
        return f"{who} ({self.contact_email})" if self.contact_email else who
    local_areas: tuple[str, ...] = ()
    """The settings' local postcode areas ("LE", "NN"): what "the Trust's local area" means in the pack."""
    s52_applies: bool = False
    """Procurement Act 2023 s.52 (at least three KPIs, s.71 assessment) applies to this contract."""
    bank_kpi_links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Question bank id -> ids of the KPIs the bank pairs with it."""
    definitions: tuple[tuple[str, str], ...] = ()
    """(term, definition) of the policy's terms the pack uses: SME and VCSE (P238 Appendix One)."""
    requirement_details: tuple[SupplierRequirement, ...] = ()
    """The same requests as `requirements`, with how each is assessed, how to respond and any word limit."""
    wording: PackWording | None = None
    """The pack wording; None reads the bundled resources/content/pack_wording.yaml."""

    @property
    def words(self) -> PackWording:
        return self.wording or load_pack_wording()

    def theme_label(self, theme_id: str) -> str:
        return self.theme_labels.get(theme_id) or theme_id.replace("_", " ").capitalize()


def s52_applies(tender: Tender, rules, today: date | None) -> bool:
    """Whether the Procurement Act 2023 s.52 KPI duty applies, on rule PA23-KPI-3's own thresholds and dates."""
    rule = rules.rule("PA23-KPI-3")
    day = tender.tender_notice_date or today or date.today()
    if rule.effective_from and day < rule.effective_from:
        return False
    if tender.route in rule.routes.get("exempt", ()) or tender.is_framework:
        return False
    return tender.whole_life_value_incl_vat > rule.thresholds["value_over_gbp"]


def make_pack_context(tender: Tender, *, organisation: str | None = None, today: date | None = None,
                      resources: Path | None = None, contact_email: str = "",
                      local_areas: tuple[str, ...] = ()) -> PackContext:
    """The context for `tender` from the toolkit content, the question bank and the policy rules.

    `today` is the issue date (and stands in for a missing tender notice date in the rules);
    `organisation` overrides the name in the content files; `resources` points at another resources
    folder (tests, a Trust's own copy).
    """
    content = load_content(resources)
    bank = load_question_bank(resources)
    rules = load_rules(resources)
    findings = evaluate(tender, rules, today)
    wording = load_pack_wording(resources)
    regime = wording.regime(tender.route)
    requests = [replace(r, title=wording.stage_text(r.title, regime), text=wording.stage_text(r.text, regime))
                for r in supplier_requirements(tender, rules, today)]
    org = content.organisation
    role = content.roles.get("procurement_lead")
    category = content.categories.get(tender.category)
    route = content.routes.get(tender.route)
    return PackContext(
        tender=tender,
        organisation=organisation or org.name,
        policy_reference=" ".join(part for part in (org.policy_reference, org.policy_version, org.policy_title)
                                  if part),
        category_label=category.label if category else tender.category,
        route_label=route.label if route else tender.route,
        theme_labels={theme_id: theme.label for theme_id, theme in content.themes.items()},
        compliant=is_compliant(findings),
        blocker_messages=tuple(f.message for f in findings if f.severity == "blocker"),
        blocker_rules=tuple(f.rule for f in findings if f.severity == "blocker"),
        requirements=tuple((r.title, r.text) for r in requests),
        requirement_details=tuple(requests),
        scales={scale_id: tuple(ScaleLevel(level.label, level.name, level.descriptor) for level in scale.levels)
                for scale_id, scale in bank.scales.items()},
        issue_date=today or date.today(),
        contact_role=role.label if role else _("Procurement Lead"),
        contact_name=" ".join(tender.leads.get("procurement_lead", "").split()),
        contact_email=contact_email.strip(),
        local_areas=tuple(local_areas),
        s52_applies=s52_applies(tender, rules, today),
        wording=wording,
        definitions=pack_definitions(resources),
        bank_kpi_links=MappingProxyType({q.id: q.kpi_ids for q in bank.questions}),
    )


PACK_TERMS = ("sme", "vcse")


def pack_definitions(resources: Path | None = None) -> tuple[tuple[str, str], ...]:
    """The policy's definitions of the terms the pack uses, word for word."""
    content = load_content(resources)
    return tuple((content.definitions[t].term, content.definitions[t].text) for t in PACK_TERMS
                 if t in content.definitions)
