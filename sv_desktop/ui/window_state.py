"""Window sizes and positions, and small UI preferences, kept in an ini file inside the data folder.

An ini file beside the database (not the Windows registry) travels with a portable data folder and is
easy for IT to reset. A saved position that is off every screen now (a docking station unplugged) is
ignored, so a window never opens where the manager cannot see it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..services.contract import UiService

STATE_FILE = "window-state.ini"


def data_folder(service: UiService) -> Path | None:
    return Path(service.data_dir)


def ui_settings(service: UiService) -> QSettings:
    folder = data_folder(service)
    if folder is None:
        return QSettings()
    return QSettings(str(folder / STATE_FILE), QSettings.Format.IniFormat)


def restore_geometry(window: QWidget, settings: QSettings, key: str, default_size: tuple[int, int]) -> None:
    """Put the window back where it was, or centre it at a size that fits the screen."""
    saved = settings.value(f"{key}/geometry")
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        frame = window.frameGeometry()
        if any(screen.availableGeometry().intersects(frame) for screen in QGuiApplication.screens()):
            return
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*default_size)
        return
    available = screen.availableGeometry()
    width = min(default_size[0], available.width())
    height = min(default_size[1], available.height())
    window.resize(width, height)
    window.move(available.x() + (available.width() - width) // 2, available.y() + (available.height() - height) // 2)


def save_geometry(window: QWidget, settings: QSettings, key: str) -> None:
    settings.setValue(f"{key}/geometry", window.saveGeometry())
    settings.sync()
