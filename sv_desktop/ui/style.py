"""Colours and palettes: NHS Blue for headings and accents only, everything else from the system palette.

The accent must stay readable (WCAG AA, 4.5:1) on whatever window colour the system gives us, so in a
dark palette NHS Blue is swapped for a lighter blue of the NHS identity rather than kept at poor contrast.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_LIGHT_BLUE = "#41B6E6"
NHS_DARK_GREY = "#425563"
NHS_PALE_GREY = "#E8EDEE"
WARM_YELLOW = "#FFB81C"
DARK_ACCENT = "#8FCBF2"
"""A light NHS-family blue for dark palettes (about 9:1 on the Fusion dark window colour)."""
ERROR_LIGHT = "#A3200F"
ERROR_DARK = "#FF9C8F"
AA_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: QColor) -> float:
    return 0.2126 * _channel(color.red()) + 0.7152 * _channel(color.green()) + 0.0722 * _channel(color.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accent_color(palette: QPalette | None = None) -> QColor:
    """NHS Blue on a light window; on a dark one the lighter blue, so headings keep AA contrast."""
    palette = palette or QApplication.palette()
    background = palette.color(QPalette.ColorRole.Window)
    for candidate in (NHS_BLUE, DARK_ACCENT):
        color = QColor(candidate)
        if contrast_ratio(color, background) >= AA_CONTRAST:
            return color
    return palette.color(QPalette.ColorRole.WindowText)


def error_color(palette: QPalette | None = None) -> QColor:
    palette = palette or QApplication.palette()
    return QColor(ERROR_DARK if is_dark(palette) else ERROR_LIGHT)


def make_heading(label: QLabel, level: int = 1) -> QLabel:
    """A heading in the accent colour, larger and bold, that screen readers still read as text."""
    font = QFont(label.font())
    base = QApplication.font().pointSizeF()
    font.setPointSizeF(base * (1.45 if level == 1 else 1.15))
    font.setBold(True)
    label.setFont(font)
    label.setProperty("heading", level)
    label.setStyleSheet(f"color: {accent_color().name()};")
    label.setAccessibleName(label.text())
    return label


def make_secondary(label: QLabel) -> QLabel:
    """Hint text: the palette's placeholder colour only when it still passes AA, else normal text."""
    palette = label.palette()
    hint = palette.color(QPalette.ColorRole.PlaceholderText)
    if contrast_ratio(hint, palette.color(QPalette.ColorRole.Window)) >= AA_CONTRAST:
        label.setStyleSheet(f"color: {hint.name()};")
    label.setWordWrap(True)
    return label


def light_palette() -> QPalette:
    """A plain light palette (Fusion defaults with an NHS Blue selection) for screenshots and tests."""
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#F4F6F7",
        QPalette.ColorRole.WindowText: "#212B32",
        QPalette.ColorRole.Base: "#FFFFFF",
        QPalette.ColorRole.AlternateBase: "#EEF2F4",
        QPalette.ColorRole.Text: "#212B32",
        QPalette.ColorRole.Button: "#E8EDEE",
        QPalette.ColorRole.ButtonText: "#212B32",
        QPalette.ColorRole.Highlight: NHS_BLUE,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#FFFFFF",
        QPalette.ColorRole.ToolTipText: "#212B32",
        QPalette.ColorRole.PlaceholderText: "#4C6272",
        QPalette.ColorRole.Link: NHS_BLUE,
        QPalette.ColorRole.Mid: "#AEB7BD",
        QPalette.ColorRole.Dark: "#768692",
    }
    for role, value in colors.items():
        p.setColor(role, QColor(value))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#768692"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#768692"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#768692"))
    return p


def dark_palette() -> QPalette:
    """A dark palette like the one Windows and GNOME give in dark mode."""
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202427",
        QPalette.ColorRole.WindowText: "#E8EDEE",
        QPalette.ColorRole.Base: "#2B3136",
        QPalette.ColorRole.AlternateBase: "#323A40",
        QPalette.ColorRole.Text: "#E8EDEE",
        QPalette.ColorRole.Button: "#2D3236",
        QPalette.ColorRole.ButtonText: "#E8EDEE",
        QPalette.ColorRole.Highlight: "#2F6FB0",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#2D3236",
        QPalette.ColorRole.ToolTipText: "#E8EDEE",
        QPalette.ColorRole.PlaceholderText: "#AEB7BD",
        QPalette.ColorRole.Link: DARK_ACCENT,
        QPalette.ColorRole.Light: "#3A4045",
        QPalette.ColorRole.Midlight: "#33393D",
        QPalette.ColorRole.Mid: "#4A5257",
        QPalette.ColorRole.Dark: "#111314",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.BrightText: "#FFFFFF",
    }
    for role, value in colors.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8A959C"))
    return p


def frame_style(widget: QWidget) -> None:
    """A quiet panel background (used for the sidebar) that follows light and dark palettes."""
    widget.setAutoFillBackground(True)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
    widget.setPalette(palette)
