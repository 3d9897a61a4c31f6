"""The app's SVG icons from `resources/icons/`, drawn in the palette's text colour.

Line icons are written with `currentColor`; rendering them ourselves (rather than `QIcon(path)`) lets
that colour follow the light or dark palette, so an icon is never black on a dark toolbar.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ..paths import resources_dir

SIZES = (16, 20, 24, 32, 48)


def icons_dir() -> Path:
    return resources_dir() / "icons"


@lru_cache(maxsize=128)
def _svg_text(name: str) -> str:
    path = icons_dir() / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _pixmap(svg: bytes, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg))
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


@lru_cache(maxsize=512)
def _icon(name: str, color: str, disabled_color: str, ratio: float) -> QIcon:
    text = _svg_text(name)
    icon = QIcon()
    if not text:
        return icon
    for size in SIZES:
        icon.addPixmap(_pixmap(text.replace("currentColor", color).encode(), size, ratio), QIcon.Mode.Normal)
        icon.addPixmap(_pixmap(text.replace("currentColor", disabled_color).encode(), size, ratio),
                       QIcon.Mode.Disabled)
    return icon


def icon(name: str) -> QIcon:
    """The named icon (file stem in resources/icons), empty when the file is missing."""
    app = QApplication.instance()
    palette = QApplication.palette() if app else QPalette()
    color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    ratio = app.devicePixelRatio() if app else 1.0
    return _icon(name, color, disabled, float(ratio))


def pixmap(name: str, size: int = 16) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))


def clear_cache() -> None:
    """Forget rendered icons (after the palette changes between light and dark)."""
    _icon.cache_clear()
