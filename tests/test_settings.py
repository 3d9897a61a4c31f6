"""Settings: defaults, Trust-wide presets, the user's own file, and damaged files that never stop the app."""

from __future__ import annotations

import json

from sv_desktop.paths import app_paths
from sv_desktop.settings import DEFAULT_ORGANISATION, load_settings


def test_defaults_and_save_round_trip(tmp_path):
    paths = app_paths(tmp_path)
    settings = load_settings(paths)
    assert settings.organisation == DEFAULT_ORGANISATION
    assert settings.default_scoring_scale == "0-5"
    settings.organisation = "Northamptonshire Healthcare NHS Foundation Trust"
    settings.local_postcode_areas = ["NN", "MK"]
    settings.save()
    again = load_settings(paths)
    assert again.organisation == "Northamptonshire Healthcare NHS Foundation Trust"
    assert again.local_postcode_areas == ["NN", "MK"]
    assert not list(tmp_path.glob("*.tmp"))


def test_machine_preset_then_user_file(tmp_path, monkeypatch):
    preset = tmp_path / "sv-desktop-defaults.json"
    preset.write_text(json.dumps({"organisation": "Preset Trust", "database_url": "postgresql+psycopg://db/sv",
                                  "default_word_limit": 20}), encoding="utf-8")
    monkeypatch.setenv("SV_DESKTOP_DEFAULTS", str(preset))
    paths = app_paths(tmp_path / "data")
    settings = load_settings(paths)
    assert settings.organisation == "Preset Trust"
    assert settings.database_url == "postgresql+psycopg://db/sv"
    assert settings.default_word_limit == 750  # out-of-range preset value ignored
    paths.data_dir.mkdir()
    paths.settings_file.write_text(json.dumps({"organisation": "My own"}), encoding="utf-8")
    assert load_settings(paths).organisation == "My own"


def test_damaged_settings_file_is_kept_aside(tmp_path):
    paths = app_paths(tmp_path)
    paths.settings_file.write_text("{ not json", encoding="utf-8")
    settings = load_settings(paths)
    assert settings.organisation == DEFAULT_ORGANISATION
    assert (tmp_path / "settings.json.damaged").read_text(encoding="utf-8") == "{ not json"


def test_wrong_types_are_ignored(tmp_path):
    paths = app_paths(tmp_path)
    paths.settings_file.write_text(json.dumps({"organisation": 5, "local_postcode_areas": "LE",
                                               "default_scoring_scale": "0-10", "unknown": 1}),
                                   encoding="utf-8")
    settings = load_settings(paths)
    assert settings.organisation == DEFAULT_ORGANISATION
    assert settings.local_postcode_areas == ["LE", "NN"]
    assert settings.default_scoring_scale == "0-5"


def test_local_postcodes(tmp_path):
    settings = load_settings(app_paths(tmp_path))
    assert settings.is_local_postcode("le1 7rh")
    assert settings.is_local_postcode("NN16 8DN")
    assert not settings.is_local_postcode("L1 8JQ")
    assert not settings.is_local_postcode("")
