"""The Trust's own material for its bids (`resources/content/bids.yaml`): the Group social value vision, the
three principles, the five Social Value Charter commitments and the six THRIVE ambitions word for word from
P238 Appendix Three, each mapped to the four themes, and the checklist of a strong answer.

Read through `resource_yaml.read_yaml` (a translation of the file for the user's language replaces it), checked
at load and cached per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..i18n import _
from .resource_yaml import Node, cached_loader
from .tender import THEMES

BIDS_FILE = "bids.yaml"
CHARTER_IDS = ("good_local_employer", "economic_inequality", "fighting_climate_change", "equality_of_opportunity",
               "volunteering")
THRIVE_IDS = ("technology", "healthy_communities", "responsive", "including_everyone", "valuing_people",
              "efficient_and_effective")
PRINCIPLE_IDS = ("anchor_organisations", "organisational_resilience", "embed_social_value")
CHECKLIST_IDS = ("what", "how", "when", "measured", "owner", "local", "additional")


@dataclass(frozen=True)
class Statement:
    """One passage of the toolkit, word for word, with the themes it serves and where it comes from."""

    id: str
    text: str
    themes: tuple[str, ...]
    source: str
    title: str = ""


@dataclass(frozen=True)
class BidContent:
    vision: Statement
    principles: Mapping[str, Statement]
    charter: Mapping[str, Statement]
    thrive: Mapping[str, Statement]
    checklist: Mapping[str, str]
    checklist_source: str

    def for_theme(self, theme: str) -> list[Statement]:
        """The vision, principles, Charter commitments and THRIVE ambitions that serve `theme`."""
        every = [self.vision, *self.principles.values(), *self.charter.values(), *self.thrive.values()]
        return [statement for statement in every if theme in statement.themes]


def _statement(key: str, node: Node, titled: bool) -> Statement:
    fields = node.fields(("text", "themes", "source", *(("title",) if titled else ())))
    themes = fields["themes"].texts()
    for i, theme in enumerate(themes):
        if theme not in THEMES:
            fields["themes"].child(i).fail(_("is not a theme; the themes are {ids}").format(ids=", ".join(THEMES)))
    return Statement(key, fields["text"].text(), themes, fields["source"].text(),
                     fields["title"].text() if titled else "")


def parse_bid_content(root: Node) -> BidContent:
    top = root.fields(("format", "format_version", "vision", "principles", "charter", "thrive", "checklist"))
    if top["format"].value != "sv-desktop.bid-content":
        top["format"].fail(_("must be sv-desktop.bid-content"))
    checklist = top["checklist"].fields(("source", "items"))
    return BidContent(
        vision=_statement("vision", top["vision"], titled=False),
        principles=MappingProxyType({k: _statement(k, n, False) for k, n in top["principles"].entries(PRINCIPLE_IDS).items()}),
        charter=MappingProxyType({k: _statement(k, n, True) for k, n in top["charter"].entries(CHARTER_IDS).items()}),
        thrive=MappingProxyType({k: _statement(k, n, True) for k, n in top["thrive"].entries(THRIVE_IDS).items()}),
        checklist=MappingProxyType({k: n.text() for k, n in checklist["items"].entries(CHECKLIST_IDS).items()}),
        checklist_source=checklist["source"].text(),
    )


load_bid_content = cached_loader("content", BIDS_FILE, parse_bid_content)
"""`load_bid_content(resources=None)`: the bid content (the app's resources by default); ContentError if wrong."""
