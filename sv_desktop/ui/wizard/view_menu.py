"""The wizard's View menu: show or hide the findings panel, and short or full findings.

Both choices are remembered in the window settings. The panel stays docked beside the page (it cannot
float over it); hidden, the page takes the whole width, and each step's own line still says what is
left to do there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from ...i18n import _

VISIBLE_KEY = "findings/visible"
CONCISE_KEY = "findings/concise"
SHORTCUT = "Ctrl+Shift+F"
MIN_WIDTH, PREFERRED_WIDTH, SHARE = 200, 300, 24
"""The panel takes about a quarter of the window's width, between 200 and 300 pixels."""


def _flag(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")


class FindingsView:
    """Owns the two choices for a wizard window whose findings dock is `dock` and list is `findings`."""

    def __init__(self, window: QMainWindow, dock: QDockWidget, findings, settings: QSettings) -> None:
        self.window = window
        self.dock = dock
        self.findings = findings
        self.settings = settings
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)  # never floats over the page
        self.wanted = _flag(settings, VISIBLE_KEY, True)
        self._allowed = True
        self.show_action = QAction(_("&Findings panel"), window)
        self.show_action.setCheckable(True)
        self.show_action.setChecked(self.wanted)
        self.show_action.setShortcut(QKeySequence(SHORTCUT))
        self.show_action.setToolTip(_("Show or hide the policy findings beside the page ({SHORTCUT})").format(
            SHORTCUT=SHORTCUT))
        self.show_action.toggled.connect(self.set_wanted)
        self.concise_action = QAction(_("&Short findings (details on demand)"), window)
        self.concise_action.setCheckable(True)
        self.concise_action.setChecked(_flag(settings, CONCISE_KEY, True))
        self.concise_action.toggled.connect(self.set_concise)
        findings.set_concise(self.concise_action.isChecked())
        menu = window.menuBar().addMenu(_("&View"))
        menu.addAction(self.show_action)
        menu.addAction(self.concise_action)
        self.menu = menu
        self._first_show = _FirstShow(window, self.fit_width)
        window.installEventFilter(self._first_show)

    def fit_width(self) -> None:
        """A share of the window, so the page keeps most of a small or scaled screen."""
        width = max(MIN_WIDTH, min(PREFERRED_WIDTH, self.window.width() * SHARE // 100))
        self.window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)

    def allowed(self, allowed: bool) -> None:
        """The page may show the panel (the review page lists the findings itself, so it may not)."""
        self._allowed = allowed
        self.dock.setVisible(allowed and self.wanted)

    def set_wanted(self, wanted: bool) -> None:
        self.wanted = wanted
        self.settings.setValue(VISIBLE_KEY, wanted)
        self.settings.sync()
        if self.show_action.isChecked() != wanted:
            self.show_action.setChecked(wanted)
        self.dock.setVisible(wanted and self._allowed)

    def set_concise(self, concise: bool) -> None:
        self.settings.setValue(CONCISE_KEY, concise)
        self.settings.sync()
        self.findings.set_concise(concise)


class _FirstShow(QObject):
    """Calls `then` when the window is first shown at its real size."""

    def __init__(self, window: QMainWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self._done and event.type() == QEvent.Type.Show:
            self._done = True
            self._then()
        return False
