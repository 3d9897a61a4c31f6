"""The Trust's content for bids is the toolkit's Appendix Three word for word (the passages are copied from
the policy into tests/data/p238_appendix_three_bids.txt), complete, mapped to the four themes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sv_desktop.model.bid_content import (
    CHARTER_IDS,
    CHECKLIST_IDS,
    THRIVE_IDS,
    load_bid_content,
    parse_bid_content,
)
from sv_desktop.model.resource_yaml import ContentError, Node
from sv_desktop.model.tender import THEMES

POLICY = (Path(__file__).parent / "data" / "p238_appendix_three_bids.txt").read_text(encoding="utf-8")


def plain(text: str) -> str:
    return " ".join(re.sub(r"\*\*", "", text).replace("“", "").replace("”", "").split())


def test_every_passage_is_word_for_word_from_the_policy():
    content = load_bid_content()
    policy = plain(POLICY)
    passages = [content.vision, *content.principles.values(), *content.charter.values(), *content.thrive.values()]
    assert len(passages) == 1 + 3 + 5 + 6
    for passage in passages:
        assert plain(passage.text) in policy, passage.id
        assert passage.source.startswith("P238 Appendix Three")
        assert passage.themes and set(passage.themes) <= set(THEMES)


def test_titles_are_the_policys_and_the_ambitions_are_in_order():
    content = load_bid_content()
    assert list(content.charter) == list(CHARTER_IDS) and list(content.thrive) == list(THRIVE_IDS)
    for statement in (*content.charter.values(), *content.thrive.values()):
        assert plain(statement.title) in plain(POLICY.replace("  \n", " ")), statement.title
    assert [s.title for s in content.thrive.values()] == [
        "Technology", "Healthy Communities", "Responsive", "Including Everyone", "Valuing People",
        "Efficient and Effective"]


def test_every_theme_has_material_and_the_checklist_is_complete():
    content = load_bid_content()
    for theme in THEMES:
        assert content.for_theme(theme), theme
    assert list(content.checklist) == list(CHECKLIST_IDS)
    assert "bidhelp.co.uk" in content.checklist_source


def test_a_wrong_theme_is_refused_naming_the_key():
    data = {"format": "sv-desktop.bid-content", "format_version": 1,
            "vision": {"text": "x", "themes": ["weather"], "source": "s"},
            "principles": {}, "charter": {}, "thrive": {}, "checklist": {"source": "s", "items": {}}}
    with pytest.raises(ContentError, match="vision.themes"):
        parse_bid_content(Node("bids.yaml", "", data))
