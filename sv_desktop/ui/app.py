"""The one QApplication of the process, named for the platform (settings folder, window titles).

Light on purpose: start-up creates the application with it before the main window's modules are imported,
so a message box can be shown at once. The app follows the system palette (light or dark).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication of the process, created on first use."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("sv-desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    if existing is not app:
        from .collector import collect_on_ui_thread
        from .translation import install_qt_translators

        install_qt_translators(app)
        collect_on_ui_thread(app)  # garbage (closed windows among it) is freed on this thread only
    return app
