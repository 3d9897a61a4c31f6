"""The wording of the bid documents (`resources/content/bid_documents.yaml`): the response document the Bid
Lead pastes into the commissioner's portal and the approval summary for the approver (P238 §5.2).

Read through `resource_yaml.read_yaml` (a translation of the file for the user's language replaces it) and
checked in full: every text the documents use must be present and non-empty, named when it is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..i18n import _
from .resource_yaml import Node, cached_loader

DOCUMENTS_FILE = "bid_documents.yaml"
FORMAT = "sv-desktop.bid-documents"
RESPONSE_TEXTS = ("eyebrow", "intro", "count_note", "source")
APPROVAL_TEXTS = ("eyebrow", "intro", "confidential", "source")


@dataclass(frozen=True)
class BidDocumentWording:
    response: Mapping[str, str]
    approval: Mapping[str, str]


def _texts(node: Node, keys: tuple[str, ...]) -> Mapping[str, str]:
    return MappingProxyType({key: child.text() for key, child in node.fields(keys).items()})


def parse_bid_documents(root: Node) -> BidDocumentWording:
    top = root.fields(("format", "format_version", "response", "approval"))
    if top["format"].value != FORMAT:
        top["format"].fail(_("must be {format}").format(format=FORMAT))
    return BidDocumentWording(_texts(top["response"], RESPONSE_TEXTS), _texts(top["approval"], APPROVAL_TEXTS))


load_bid_documents = cached_loader("content", DOCUMENTS_FILE, parse_bid_documents)
"""`load_bid_documents(resources=None)`: the bid documents' wording; ContentError if wrong."""
