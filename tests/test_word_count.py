"""Word counting as commissioners count, against a fixture of awkward texts (tests/data/word_counts.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sv_desktop.model.word_count import count_words, over_limit, word_count_rule

CASES = yaml.safe_load((Path(__file__).parent / "data" / "word_counts.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["why"] for case in CASES])
def test_awkward_texts_are_counted_as_commissioners_count(case):
    assert count_words(case["text"]) == case["words"], case["why"]


def test_the_limit_is_met_at_the_limit_and_exceeded_one_word_over():
    text = "one two three four"
    assert over_limit(text, 4) == 0
    assert over_limit(text, 3) == 1
    assert over_limit(text, None) == 0


def test_the_rule_is_one_sentence_naming_what_counts():
    rule = word_count_rule()
    assert rule.count(". ") == 0 and rule.endswith(".")
    for part in ("hyphenated", "numbers", "web addresses", "bullet markers"):
        assert part in rule
