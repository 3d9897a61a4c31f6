"""Qt's own strings (standard buttons, the text fields' context menus, file dialogs) in the user's language.

Our strings go through `sv_desktop.i18n`; Qt's come from Qt's catalogues (`qtbase_<language>.qm`), loaded
here by a QTranslator. Under the pseudo-locale a translator of our own turns every Qt string into pseudo
text too, so a screenshot shows at a glance what is not translatable. English installs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import i18n


class PseudoTranslator(QTranslator):
    """Every string Qt asks to translate, as pseudo text."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return i18n.pseudo(source)

    def isEmpty(self) -> bool:
        return False


def install_qt_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install the translators for `language` (default: the app's) on `app`; returns those installed, for
    `remove_qt_translators`."""
    language = language or i18n.language()
    installed: list[QTranslator] = []
    if language == i18n.ENGLISH:
        return installed
    if language == i18n.PSEUDO:
        installed.append(PseudoTranslator(app))
    else:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(language), "qtbase", "_", folder):
            installed.append(translator)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def remove_qt_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
