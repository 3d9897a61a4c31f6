"""Start the desktop interface for a service: the application object, its icon and the main window.

`run_app` is what `sv_desktop.gui` calls once it has opened a service; it follows the system palette
(light or dark) rather than imposing one.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from . import icons
from .main_window import MainWindow

__all__ = ["MainWindow", "application", "run_app"]


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication of the process, created on first use."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("sv-desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(icons.icon("app"))
    return app


def run_app(service, argv: list[str] | None = None) -> int:
    """Show the main window for `service` and run until it closes; returns the exit code."""
    app = application(argv)
    window = MainWindow(service)
    window.show()
    return app.exec()
