"""Translatable text: gettext's `_()` and `ngettext()` for every string a user reads, a pseudo-locale that
shows what is not translatable yet, and content files overridable per language with English as fallback.

The language is `SV_DESKTOP_LANG` (e.g. `cy` for Welsh, `pseudo` for the pseudo-locale); without it, the
app is in English, the language its strings are written in. Translations are gettext catalogues,
`resources/locale/<language>/LC_MESSAGES/sv-desktop.mo`; a missing catalogue or message falls back to
English. Qt's own strings (standard buttons, context menus) follow the same language through a
QTranslator installed by `ui/translation.py`. Nothing here imports Qt, so the model, the services and
the exports can mark their text too. How to add a language: docs/translations.md.
"""

from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

from .paths import resources_dir

LANG_ENV = "SV_DESKTOP_LANG"
DOMAIN = "sv-desktop"
PSEUDO = "pseudo"
ENGLISH = "en"

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀćďéƒĝĥíĵķĺɱńóƥʠŕšţúṽŵẋýžÁƁĆĎÉƑĜĤÍĴĶĹṀŃÓƤǪŔŠŢÚṼŴẊÝŽ",
)
# Kept as they are: {placeholders}, %-formats, HTML tags and entities, and the & of a keyboard accelerator.
_PROTECTED = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|<[^<>]*>|&[a-zA-Z]+;|&&")


def pseudo(text: str) -> str:
    """English made visibly foreign and about 40% longer, still readable: "Save" -> "[Šáṽé ·····]".

    Text that shows unchanged under the pseudo-locale was never marked for translation; text that is
    cut off will be cut off in a longer language too.
    """
    if not text:
        return text
    parts, last = [], 0
    for match in _PROTECTED.finditer(text):
        parts.append(text[last:match.start()].translate(_ACCENTED))
        parts.append(match.group())
        last = match.end()
    parts.append(text[last:].translate(_ACCENTED))
    padding = "·" * max(1, round(len(text) * 0.4))
    return f"[{''.join(parts)} {padding}]"


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


def locale_dir() -> Path:
    return resources_dir() / "locale"


def requested_language() -> str:
    """The language asked for by SV_DESKTOP_LANG, or English."""
    return os.environ.get(LANG_ENV, "").strip() or ENGLISH


def translations_for(language: str) -> gettext.NullTranslations:
    """The catalogue of `language` (English, the written strings, when there is none)."""
    if language == PSEUDO:
        return PseudoTranslations()
    if language == ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True)


_language = requested_language()
_translations = translations_for(_language)


def install(language: str | None = None) -> str:
    """Use `language` (default: the one SV_DESKTOP_LANG asks for) from now on; returns the one before."""
    global _language, _translations
    previous = _language
    _language = language or requested_language()
    _translations = translations_for(_language)
    return previous


def language() -> str:
    return _language


def _(message: str) -> str:
    """`message` in the user's language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the user's language (languages have other plural rules:
    never build a plural by adding "s")."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """`message` unchanged, marked for the catalogue: for text defined before the language is known (class
    attributes, tables built at import) and translated with `_()` where it is shown."""
    return message


def localized_file(folder: Path, name: str, lang: str | None = None) -> Path:
    """`folder/name`, or its translation `resources/locale/<language>/<folder name>/<name>` when there is one.

    Every YAML file read from `resources/` goes through here (the content, pack and brief wording, the
    question bank, the rules and requests to bidders, the portal profiles): a translator copies the file
    into the language's folder (`resources/content/themes.yaml` -> `resources/locale/cy/content/themes.yaml`)
    and translates its text, keeping its keys. English is the fallback, file by file.
    """
    lang = lang or _language
    if lang not in (ENGLISH, PSEUDO):
        candidate = folder.parent / "locale" / lang / folder.name / name
        if candidate.is_file():
            return candidate
    return folder / name
