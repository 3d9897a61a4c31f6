"""Content files per language: a file in `resources/locale/<language>/<folder>/` replaces the English one
for every reader (content, pack wording, question bank, rules and requests to bidders, portal profiles),
and a file without a translation is read in English. Checked on a real pack PDF read back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from sv_desktop import i18n
from sv_desktop.paths import RESOURCES_ENV, resources_dir

TEST_LANGUAGE = "zz"
EVALUATION_INTRO = "This section sets out how social value responses are assessed"
TRANSLATED_INTRO = "Zz-language evaluation introduction for the test"
NET_ZERO_REQUEST = "Give the web address of your published commitment"
TRANSLATED_NET_ZERO_REQUEST = "Zz-language: the address of the commitment"


def _translate(english: Path, translated: Path, old: str, new: str) -> None:
    text = english.read_text(encoding="utf-8")
    assert old in text, f"{english.name} no longer holds {old!r}: choose another sentence for this test"
    translated.parent.mkdir(parents=True, exist_ok=True)
    translated.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def resources(tmp_path, monkeypatch):
    """A copy of the bundled resources with a test language translating two files, used by the app."""
    folder = tmp_path / "resources"
    shutil.copytree(resources_dir(), folder, ignore=shutil.ignore_patterns("locale"))
    locale = folder / "locale" / TEST_LANGUAGE
    _translate(folder / "content" / "pack_wording.yaml", locale / "content" / "pack_wording.yaml",
               EVALUATION_INTRO, TRANSLATED_INTRO)
    _translate(folder / "rules" / "requirements.yaml", locale / "rules" / "requirements.yaml",
               NET_ZERO_REQUEST, TRANSLATED_NET_ZERO_REQUEST)
    monkeypatch.setenv(RESOURCES_ENV, str(folder))
    return folder


@pytest.fixture
def language():
    before = i18n.language()
    try:
        yield i18n.install
    finally:
        i18n.install(before)


def _pack_text(data_dir: Path, out: Path) -> str:
    from sv_desktop.services.tender_service import open_service

    service = open_service(data_dir)
    try:
        tender, _created = service.import_file(resources_dir() / "demo" / "01-patient-transport.svtender.json")
        service.export_pdf(tender, out)
    finally:
        service.close()
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    return re.sub(r"\s+", " ", text)


def test_a_translated_content_file_replaces_the_english_one_in_the_pack(resources, language, data_dir, tmp_path):
    language(TEST_LANGUAGE)
    text = _pack_text(data_dir, tmp_path / "translated.pdf")
    assert TRANSLATED_INTRO in text and EVALUATION_INTRO not in text  # content/pack_wording.yaml
    assert TRANSLATED_NET_ZERO_REQUEST in text and NET_ZERO_REQUEST not in text  # rules/requirements.yaml
    # A file the language does not translate (the themes) is read in English.
    assert "Fighting climate change" in text


def test_english_reads_the_english_files_even_where_a_translation_exists(resources, language, data_dir, tmp_path):
    language(TEST_LANGUAGE)
    _pack_text(data_dir, tmp_path / "translated.pdf")  # fills the loaders' caches in the test language
    language(i18n.ENGLISH)
    text = _pack_text(data_dir, tmp_path / "english.pdf")
    assert EVALUATION_INTRO in text and TRANSLATED_INTRO not in text
    assert NET_ZERO_REQUEST in text and TRANSLATED_NET_ZERO_REQUEST not in text


def test_every_resource_reader_looks_for_a_translation(resources, language):
    """Each loader, given the test language, reads a translated copy of its file where there is one."""
    from sv_desktop.model.brief_wording import load_brief_wording
    from sv_desktop.model.content import load_content
    from sv_desktop.model.evaluation_wording import load_evaluation_wording
    from sv_desktop.model.portal_profiles import load_profiles
    from sv_desktop.model.question_bank import load_question_bank
    from sv_desktop.model.rules import load_rules

    locale = resources / "locale" / TEST_LANGUAGE
    _translate(resources / "content" / "themes.yaml", locale / "content" / "themes.yaml",
               "label: Wellbeing", "label: Zz-wellbeing")
    _translate(resources / "content" / "brief.yaml", locale / "content" / "brief.yaml",
               "measures_intro: ", "measures_intro: Zz. ")
    _translate(resources / "bank" / "scoring.yaml", locale / "bank" / "scoring.yaml",
               "Excellent", "Zz-excellent")
    _translate(resources / "portal" / "neutral.yaml", locale / "portal" / "neutral.yaml",
               "header: ", "header: Zz ")
    _translate(resources / "rules" / "rules.yaml", locale / "rules" / "rules.yaml", "title: ", "title: Zz ")
    _translate(resources / "content" / "evaluation_wording.yaml", locale / "content" / "evaluation_wording.yaml",
               "eyebrow: Moderation record", "eyebrow: Zz moderation record")
    language(TEST_LANGUAGE)
    assert load_evaluation_wording(resources).moderation["eyebrow"] == "Zz moderation record"
    assert load_content(resources).theme_label("wellbeing") == "Zz-wellbeing"
    assert load_brief_wording(resources).measures_intro.startswith("Zz. ")
    bank = load_question_bank(resources)
    assert any(level.name == "Zz-excellent" for scale in bank.scales.values() for level in scale.levels)
    assert all(column.header.startswith("Zz ") for column in load_profiles(resources)["neutral"].columns)
    assert all(rule.title.startswith("Zz ") for rule in load_rules(resources).rules)
    language(i18n.ENGLISH)
    assert load_content(resources).theme_label("wellbeing") == "Wellbeing"
    assert not load_brief_wording(resources).measures_intro.startswith("Zz. ")
    assert not any("Zz" in column.header for column in load_profiles(resources)["neutral"].columns)
    assert load_evaluation_wording(resources).moderation["eyebrow"] == "Moderation record"


def test_the_command_line_and_a_pack_speak_the_pseudo_locale(language, data_dir, tmp_path, capsys):
    """Under the pseudo-locale the fixed text of a refusal and of a pack is accented; the data is not."""
    from sv_desktop.cli import main

    bad = tmp_path / "bad.svtender.json"
    bad.write_text('{"format": "sv-desktop.tender", "format_version": 1, "reference": 5}', encoding="utf-8")
    language(i18n.PSEUDO)
    assert main(["check", str(bad)]) == 2
    error = capsys.readouterr().err
    assert i18n.pseudo("must be text, not {kind}").split("{kind}")[0] in error
    assert i18n.pseudo("a number") in error and "must be text" not in error
    text = _pack_text(data_dir, tmp_path / "pseudo.pdf")
    for label in ("Contents", "2 Tender details", "Tender reference", "Estimated value (excluding VAT)"):
        assert i18n.pseudo(label) in text, label
    assert i18n.pseudo("Page {page} of {total}").format(page=1, total="").split(" ·")[0] in text
    assert "Non-emergency patient transport service" in text  # the tender's own text stays as written
