"""The wording of the evaluation records (`resources/content/evaluation_wording.yaml`): the moderation record
and the document each bidder receives, per regime (an assessment summary under the Procurement Act 2023, an
outcome letter below its thresholds, the reasons for the decision under the Provider Selection Regime).

Checked in full when loaded, like the pack wording: every text the documents use must be present and
non-empty, so a mistake in the file is reported by name rather than printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ..i18n import _
from .resource_yaml import Node, cached_loader

WORDING_FILE = "evaluation_wording.yaml"
FORMAT = "sv-desktop.evaluation-wording"
MODERATION_TEXTS = ("eyebrow", "intro", "spread", "rounding", "retention", "confidential", "source")
BIDDER_TEXTS = ("eyebrow", "file_label", "intro", "criteria_intro", "criteria_full", "how_scored", "successful", "unsuccessful",
                "disqualified", "best_intro", "next_steps", "source")
PSR_TEXTS = ("decision_makers", "conflicts")
KINDS = ("pa23", "below_threshold", "psr")


@dataclass(frozen=True)
class BidderWording:
    kind: str
    """"pa23", "below_threshold" or "psr"."""
    texts: MappingProxyType

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    @property
    def is_psr(self) -> bool:
        return self.kind == "psr"


@dataclass(frozen=True)
class EvaluationWording:
    moderation: MappingProxyType
    bidder_documents: MappingProxyType
    """BidderWording by kind."""

    def for_regime(self, regime_id: str, act: str) -> BidderWording:
        """The bidder document of a pack wording regime: PSR for its act, the below-threshold letter for
        that regime, the assessment summary for every other Procurement Act regime."""
        if act == "psr":
            return self.bidder_documents["psr"]
        return self.bidder_documents["below_threshold" if regime_id == "below_threshold" else "pa23"]


def parse_evaluation_wording(root: Node) -> EvaluationWording:
    fields = root.fields(("format", "format_version", "moderation", "bidder_documents"))
    if fields["format"].value != FORMAT or fields["format_version"].value != 1:
        fields["format"].fail(_("must be {format}, format_version 1").format(format=FORMAT))
    moderation = fields["moderation"].fields(MODERATION_TEXTS)
    documents = {}
    for kind, node in fields["bidder_documents"].entries(KINDS).items():
        keys = BIDDER_TEXTS + (PSR_TEXTS if kind == "psr" else ())
        entry = node.fields(keys)
        documents[kind] = BidderWording(kind, MappingProxyType({key: entry[key].text() for key in keys}))
    return EvaluationWording(MappingProxyType({key: moderation[key].text() for key in MODERATION_TEXTS}),
                             MappingProxyType(documents))


load_evaluation_wording = cached_loader("content", WORDING_FILE, parse_evaluation_wording)
"""`load_evaluation_wording(resources=None)`: the evaluation records' wording; ContentError if wrong."""
