"""docs/rules.md is generated from the rules files and must match them byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from sv_desktop.model.rules import load_rules, rules_files
from sv_desktop.model.rules.doc import main, render_doc

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"


def test_regenerating_the_doc_gives_the_committed_file_byte_for_byte():
    result = subprocess.run([sys.executable, "-m", "sv_desktop.model.rules.doc"], cwd=ROOT, capture_output=True,
                            check=True, timeout=120)
    assert result.stdout == DOC.read_bytes(), (
        "docs/rules.md is out of date: run python -m sv_desktop.model.rules.doc > docs/rules.md")


def test_the_doc_covers_every_rule_figure_and_request():
    ruleset = load_rules()
    text = render_doc(ruleset)
    for rule in ruleset.rules:
        assert f"### {rule.id}: {rule.title}" in text
        assert rule.description in text
        for message in rule.messages.values():
            assert message.text in text
    for request in ruleset.requirements:
        assert f"### {request.title}" in text
    for amount in ("£207,720", "£214,904", "£135,018", "£139,688", "£663,540", "£5,193,000", "£5,372,609",
                   "£36,000,000", "`sub_central`"):
        assert amount in text
    assert "s.52(2)" in text and "call-off" in text
    assert "\r" not in text and text.endswith("\n") and not text.endswith("\n\n")


def test_the_doc_covers_every_bid_rule():
    from sv_desktop.model.bid_rules import load_bid_rules

    bid_rules = load_bid_rules()
    text = render_doc(load_rules(), bid_rules)
    assert "## Rules for the Trust's own bids" in text
    for rule in bid_rules.rules.values():
        assert f"| {rule.id} | {rule.severity} |" in text and rule.source.replace("|", "\\|") in text


def test_the_doc_follows_an_edited_rules_file(tmp_path, capsysbinary):
    folder = tmp_path / "resources"
    (folder / "rules").mkdir(parents=True)
    for original in (*rules_files(), rules_files()[0].with_name("bid_rules.yaml")):
        (folder / "rules" / original.name).write_bytes(original.read_bytes())
    path = folder / "rules" / "rules.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == "SV-MIN-WEIGHT")
    rule["thresholds"]["min_weighting_pct"] = 12.5
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    assert main([str(folder)]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "| Threshold `min_weighting_pct` | 12.5% |" in out
    assert out != DOC.read_text(encoding="utf-8")
