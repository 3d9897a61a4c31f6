"""The wizard's View menu: show or hide the findings panel, and short or full findings.

Both choices are remembered in the window settings. The panel stays docked beside the page (it cannot
float over it); hidden, the page takes the whole width, and each step's own line still says what is
left to do there.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

VISIBLE_KEY = "findings/visible"
CONCISE_KEY = "findings/concise"
SHORTCUT = "Ctrl+Shift+F"


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
        self.show_action = QAction("&Findings panel", window)
        self.show_action.setCheckable(True)
        self.show_action.setChecked(self.wanted)
        self.show_action.setShortcut(QKeySequence(SHORTCUT))
        self.show_action.setToolTip(f"Show or hide the policy findings beside the page ({SHORTCUT})")
        self.show_action.toggled.connect(self.set_wanted)
        self.concise_action = QAction("&Short findings (details on demand)", window)
        self.concise_action.setCheckable(True)
        self.concise_action.setChecked(_flag(settings, CONCISE_KEY, True))
        self.concise_action.toggled.connect(self.set_concise)
        findings.set_concise(self.concise_action.isChecked())
        menu = window.menuBar().addMenu("&View")
        menu.addAction(self.show_action)
        menu.addAction(self.concise_action)
        self.menu = menu

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
        self.dock.setVisible(wanted and getattr(self, "_allowed", True))

    def set_concise(self, concise: bool) -> None:
        self.settings.setValue(CONCISE_KEY, concise)
        self.settings.sync()
        self.findings.set_concise(concise)
