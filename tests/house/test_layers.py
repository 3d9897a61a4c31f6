"""The layers of docs/ARCHITECTURE.md hold: the import-linter contracts in pyproject.toml are all kept."""

from __future__ import annotations

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_every_layer_contract_is_kept(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_the_contracts_name_every_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    packages = {f"sv_desktop.{p.name}" for p in (ROOT / "sv_desktop").iterdir()
                if (p / "__init__.py").is_file() and p.name != "__pycache__"}
    assert packages <= named | {"sv_desktop.resources"}, packages - named
