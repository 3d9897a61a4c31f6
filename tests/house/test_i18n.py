"""Translatable text: `_()` and `ngettext()` with English as the fallback, a compiled catalogue used when
there is one, the pseudo-locale for our strings and Qt's, and content files translated per language."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from sv_desktop import i18n
from sv_desktop.model.content import load_content
from tests.ui.fake_service import FakeService


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU gettext catalogue (.mo) of `messages`; a key "a\\x00b" is a plural (translations "x\\x00y")."""
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    id_table, str_table, offset = [], [], 0
    for k in keys:
        id_table += [len(k.encode()), start + offset]
        offset += len(k.encode()) + 1
    offset = 0
    for k in keys:
        str_table += [len(messages[k].encode()), start + len(ids) + offset]
        offset += len(messages[k].encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + struct.pack(f"{len(id_table)}i", *id_table)
                     + struct.pack(f"{len(str_table)}i", *str_table) + ids + strs)


@pytest.fixture
def fake_service(tmp_path):
    return FakeService(tmp_path / "fake-data")


@pytest.fixture
def language():
    before = i18n.language()
    yield i18n.install
    i18n.install(before)


def test_english_is_the_written_text(language):
    language("en")
    assert i18n._("&New tender") == "&New tender"
    assert i18n.ngettext("{n} tender", "{n} tenders", 1) == "{n} tender"
    assert i18n.ngettext("{n} tender", "{n} tenders", 2) == "{n} tenders"


def test_a_language_without_a_catalogue_falls_back_to_english(language):
    language("cy")
    assert i18n._("&New tender") == "&New tender"


def test_a_compiled_catalogue_is_used_with_its_plurals(language, tmp_path, monkeypatch):
    write_mo(tmp_path / "locale" / "cy" / "LC_MESSAGES" / "sv-desktop.mo", {
        "": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n",
        "&New tender": "&Tendr newydd",
        "{n} tender\x00{n} tenders": "{n} tendr\x00{n} o dendrau",
    })
    monkeypatch.setenv("SV_DESKTOP_RESOURCES", str(tmp_path))
    monkeypatch.setattr(i18n, "resources_dir", lambda: tmp_path)
    language("cy")
    assert i18n._("&New tender") == "&Tendr newydd"
    assert i18n.ngettext("{n} tender", "{n} tenders", 3).format(n=3) == "3 o dendrau"
    assert i18n._("Not in the catalogue") == "Not in the catalogue"


def test_the_pseudo_locale_is_longer_accented_and_keeps_what_code_reads():
    text = i18n.pseudo("&Save {reference} as %s <b>now</b> &amp; then")
    assert text.startswith("[&Šáṽé {reference} áš %s <b>ńóŵ</b> &amp; ţĥéń ")
    assert text.endswith("]") and len(text) >= 1.4 * len("&Save {reference} as %s <b>now</b> &amp; then")
    assert not any("a" <= ch <= "z" for ch in text.replace("{reference}", "").replace("%s", "")
                   .replace("<b>", "").replace("</b>", "").replace("&amp;", ""))
    assert i18n.pseudo("") == ""


def test_the_environment_variable_selects_the_pseudo_locale(language, monkeypatch):
    monkeypatch.setenv(i18n.LANG_ENV, "pseudo")
    language(None)
    assert i18n.language() == "pseudo"
    assert i18n._("Back") == i18n.pseudo("Back") != "Back"
    assert i18n.ngettext("{n} tender", "{n} tenders", 2) == i18n.pseudo("{n} tenders")


def test_content_files_are_read_in_the_language_with_english_as_fallback(language, tmp_path):
    from sv_desktop.paths import resources_dir

    english = resources_dir()
    resources = tmp_path / "resources"
    for folder in ("content", "bank", "rules"):
        (resources / folder).mkdir(parents=True)
        for file in (english / folder).iterdir():
            (resources / folder / file.name).write_bytes(file.read_bytes())
    welsh = resources / "locale" / "cy" / "content"
    welsh.mkdir(parents=True)
    themes = (english / "content" / "themes.yaml").read_text(encoding="utf-8")
    (welsh / "themes.yaml").write_text(themes.replace("label: Wellbeing", "label: Llesiant"), encoding="utf-8")
    language("cy")
    content = load_content(resources)
    assert content.theme_label("wellbeing") == "Llesiant"  # translated file
    assert content.categories["transport"].label == load_content(english).categories["transport"].label
    language("en")
    assert load_content(resources).theme_label("wellbeing") == "Wellbeing"


def test_qt_strings_follow_the_pseudo_locale(qtbot, qapp):
    from sv_desktop.ui.translation import install_qt_translators, remove_qt_translators

    installed = install_qt_translators(qapp, "pseudo")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
        assert text.startswith("[") and "Ćáńćéĺ" in text
    finally:
        remove_qt_translators(qapp, installed)
    assert install_qt_translators(qapp, "en") == []


def test_the_main_window_and_the_wizard_shell_speak_the_pseudo_locale(qtbot, language, fake_service):
    from sv_desktop.ui.main_window import MainWindow
    from sv_desktop.ui.wizard.wizard_window import TenderWizard

    language("pseudo")
    window = MainWindow(fake_service)
    qtbot.addWidget(window)
    assert window.new_action.text() == i18n.pseudo("&New tender")
    assert [m.title() for m in (a.menu() for a in window.menuBar().actions()) if m][:2] == [
        i18n.pseudo("&File"), i18n.pseudo("&Tools")]
    wizard = TenderWizard(fake_service, fake_service.new_tender("Pseudo"))
    qtbot.addWidget(wizard)
    assert wizard.next_button.text() == i18n.pseudo("&Next")
    assert wizard.windowTitle().startswith("[")
