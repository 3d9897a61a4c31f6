"""The app's SVG icons from `resources/icons/`, drawn in the palette's text colour.

Line icons are written with `currentColor`; rendering them ourselves (rather than `QIcon(path)`) lets
that colour follow the light or dark palette, so an icon is never black on a dark toolbar.

Each icon is drawn only at the sizes and in the modes Qt actually asks for (`SvgIconEngine`), and each
drawing is kept: a toolbar asks for one size, a menu for another, and nothing is drawn for sizes never
shown. This keeps icons out of the time it takes the main window to appear.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ..paths import resources_dir

_TRANSPARENT = QColor(0, 0, 0, 0)


def icons_dir() -> Path:
    return resources_dir() / "icons"


@lru_cache(maxsize=128)
def _svg_text(name: str) -> str:
    path = icons_dir() / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _render(svg: bytes, size: QSize, scale: float) -> QPixmap:
    """The SVG drawn to fill `size` (in device-independent pixels) at `scale` device pixels per pixel."""
    pixmap = QPixmap(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(_TRANSPARENT)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg)).render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return pixmap


def _square(size: QSize) -> QSize:
    """The largest square inside `size`: every icon is drawn on a square (24 × 24) canvas."""
    side = max(0, min(size.width(), size.height()))
    return QSize(side, side)


_CLONES: list[QIconEngine] = []
"""Engines made by `clone()`. Qt owns them (it deletes a clone with its icon), but a clone is created in
Python and would otherwise be freed as soon as `clone()` returns; a dead entry is dropped at the next
clone."""


class SvgIconEngine(QIconEngine):
    """One line icon: drawn in the normal colour, or the disabled one, at whatever size is asked for."""

    def __init__(self, svg: str, color: str, disabled_color: str) -> None:
        super().__init__()
        self._svg = svg
        self._colors = (color, disabled_color)
        self._drawn: dict[tuple[int, int, bool, float], QPixmap] = {}

    def _drawing(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        disabled = mode == QIcon.Mode.Disabled
        key = (size.width(), size.height(), disabled, scale)
        drawn = self._drawn.get(key)
        if drawn is None:
            svg = self._svg.replace("currentColor", self._colors[disabled]).encode()
            drawn = self._drawn[key] = _render(svg, size, scale)
        return drawn

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return QPixmap(self._drawing(_square(size), mode, 1.0))

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return QPixmap(self._drawing(_square(size), mode, float(scale) if scale > 0 else 1.0))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = _square(rect.size())
        target = QRect(rect.x() + (rect.width() - side.width()) // 2, rect.y() + (rect.height() - side.height()) // 2,
                       side.width(), side.height())
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(target, self._drawing(side, mode, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return _square(size)  # drawn from a vector, so exact at any size; never stretched

    def clone(self) -> QIconEngine:
        _CLONES[:] = [engine for engine in _CLONES if shiboken6.isValid(engine)]
        twin = SvgIconEngine(self._svg, *self._colors)
        _CLONES.append(twin)
        return twin

    def key(self) -> str:
        return "sv-desktop-svg"


@lru_cache(maxsize=512)
def _icon(name: str, color: str, disabled_color: str) -> QIcon:
    text = _svg_text(name)
    if not text:
        return QIcon()
    return QIcon(SvgIconEngine(text, color, disabled_color))


def icon(name: str) -> QIcon:
    """The named icon (file stem in resources/icons), empty when the file is missing."""
    palette = QApplication.palette() if QApplication.instance() else QPalette()
    color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    return _icon(name, color, disabled)


def pixmap(name: str, size: int = 16) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))


def clear_cache() -> None:
    """Forget rendered icons (after the palette changes between light and dark)."""
    _icon.cache_clear()
