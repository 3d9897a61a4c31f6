"""The question pack's wording (`resources/content/pack_wording.yaml`): the evaluation method, the
regime-specific sentences, VAT treatment, baselines, the KPI schedule and the bidder declaration.

Checked in full when loaded: every entry the pack uses must be present and non-empty, and every route
must belong to exactly one regime, so a mistake in the file is reported by name rather than printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..i18n import _
from .resource_yaml import ContentError, Node, cached_loader
from .tender import ROUTES, SCORING_SCALES, VAT_TREATMENTS

WORDING_FILE = "pack_wording.yaml"
FORMAT = "sv-desktop.pack-wording"

EVALUATION_TEXTS = (
    "intro", "formula", "example", "shares", "sub_criteria", "no_minimum", "minimum_intro",
    "minimum_disqualifies", "minimum_no_marks", "additionality", "additionality_kpis",
    "additionality_questions", "clarification", "clarification_channel", "clarification_no_deadline",
    "local_area", "local_area_unset", "lots_divided", "lots_single", "lots_undecided", "declaration_intro",
    "confidentiality", "sources",
)
EVALUATION_LISTS = ("moderation", "submission", "declaration")
BASELINE_TEXTS = ("local_subcontracting", "kpi_target", "question")
KPI_TEXTS = ("minimums", "indicative", "none_set", "schedule", "remedy", "s52", "pa23_publish", "psr_publish")
REQUIREMENT_TEXTS = ("intro", "pass_fail", "scored", "not_scored", "contract", "none")
REGIME_TEXTS = ("law", "basis", "stage", "notice_label", "after", "source")
ACTS = ("pa23", "psr")


@dataclass(frozen=True)
class Regime:
    id: str
    act: str
    """"pa23" (the Procurement Act 2023, including below-threshold) or "psr" (Provider Selection Regime)."""
    routes: tuple[str, ...]
    law: str
    basis: str
    stage: str
    """Where a pass/fail request is assessed ("as a condition of participation")."""
    notice_label: str
    after: str
    source: str

    @property
    def is_psr(self) -> bool:
        return self.act == "psr"


@dataclass(frozen=True)
class PackWording:
    evaluation: MappingProxyType
    """Texts by key of EVALUATION_TEXTS, and tuples of texts by key of EVALUATION_LISTS."""
    baselines: MappingProxyType
    local_terms: tuple[str, ...]
    kpis: MappingProxyType
    vat: MappingProxyType
    """Per VAT treatment: {"label": ..., "note": ...}."""
    vat_source: str
    regimes: tuple[Regime, ...]
    publication: MappingProxyType
    requirements: MappingProxyType
    """Section 6's intro, the label of each assessment kind, and the text when there is no request."""
    tidy: MappingProxyType
    """Replacements: "all" and per scoring scale, each a mapping of old text to new."""
    stage_phrases: tuple[str, ...]

    def regime(self, route: str) -> Regime:
        for regime in self.regimes:
            if route in regime.routes:
                return regime
        raise KeyError(f"no regime for the route {route!r}")

    def tidy_text(self, text: str, scale: str, regime: Regime) -> str:
        """Question text as the pack prints it: leftover wording replaced, the regime's own stage words."""
        for table in (self.tidy.get("all", {}), self.tidy.get(scale, {})):
            for old, new in table.items():
                text = text.replace(old, new)
        return self.stage_text(text, regime)

    def stage_text(self, text: str, regime: Regime) -> str:
        """Where a pass/fail request is assessed, in the regime's own words."""
        for phrase in self.stage_phrases:
            text = text.replace(phrase, regime.stage)
        return text


def _text_map(node: Node, keys: tuple[str, ...], lists: tuple[str, ...] = ()) -> MappingProxyType:
    fields = node.fields(keys + lists)
    out: dict[str, Any] = {key: fields[key].text() for key in keys}
    out.update({key: fields[key].texts() for key in lists})
    return MappingProxyType(out)


def _regime(regime_id: str, node: Node) -> Regime:
    fields = node.fields(("routes", "act") + REGIME_TEXTS)
    routes = fields["routes"].texts()
    for i, route in enumerate(routes):
        if route not in ROUTES:
            fields["routes"].child(i).fail(_("is not a route; the routes are {routes}").format(
                                             routes=', '.join(ROUTES)))
    act = fields["act"].text()
    if act not in ACTS:
        fields["act"].fail(_("must be one of {acts}").format(acts=', '.join(ACTS)))
    return Regime(regime_id, act, routes, *(fields[key].text() for key in REGIME_TEXTS))


def parse_wording(root: Node) -> PackWording:
    fields = root.fields(("format", "format_version", "evaluation", "baselines", "kpis", "vat", "regimes",
                          "publication", "requirements", "tidy", "stage_phrases"))
    if fields["format"].value != FORMAT or fields["format_version"].value != 1:
        fields["format"].fail(_("must be {format}, format_version 1").format(format=FORMAT))
    baselines = fields["baselines"].fields(BASELINE_TEXTS + ("local_subcontracting_terms",))
    vat = fields["vat"].fields(VAT_TREATMENTS + ("source",))
    regimes = tuple(_regime(key, node) for key, node in fields["regimes"].entries().items())
    for route in ROUTES:
        owners = [r.id for r in regimes if route in r.routes]
        if len(owners) != 1:
            fields["regimes"].fail(_("must give the route {route} exactly one regime, not {count}").format(
                                     route=route, count=len(owners)))
    tidy_node = fields["tidy"]
    tidy: dict[str, dict[str, str]] = {}
    for key, value in tidy_node.mapping().items():
        if key != "all" and key not in SCORING_SCALES:
            tidy_node.child(key).fail(_("must be all or a scoring scale ({scoring_scales})").format(
                                        scoring_scales=', '.join(SCORING_SCALES)))
        table = tidy_node.child(key, value).mapping()
        tidy[key] = {str(old): "" if new is None else str(new) for old, new in table.items()}
    return PackWording(
        evaluation=_text_map(fields["evaluation"], EVALUATION_TEXTS, EVALUATION_LISTS),
        baselines=MappingProxyType({key: baselines[key].text() for key in BASELINE_TEXTS}),
        local_terms=baselines["local_subcontracting_terms"].texts(),
        kpis=_text_map(fields["kpis"], KPI_TEXTS),
        vat=MappingProxyType({key: _text_map(vat[key], ("label", "note")) for key in VAT_TREATMENTS}),
        vat_source=vat["source"].text(),
        regimes=regimes,
        publication=_text_map(fields["publication"], ACTS),
        requirements=_text_map(fields["requirements"], REQUIREMENT_TEXTS),
        tidy=MappingProxyType(tidy),
        stage_phrases=fields["stage_phrases"].texts(),
    )


load_pack_wording = cached_loader("content", WORDING_FILE, parse_wording)
"""`load_pack_wording(resources=None)`: the pack wording (the app's resources by default); ContentError if wrong."""


def local_share(pct_text: str, resources: Path | None = None) -> str:
    """The one wording of the lots step's local subcontracting share, used by every document."""
    return load_pack_wording(resources).baselines["local_subcontracting"].format(pct=pct_text)


__all__ = ["ContentError", "PackWording", "Regime", "load_pack_wording", "local_share", "parse_wording"]
