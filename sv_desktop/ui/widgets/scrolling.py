"""Content that stays reachable on small screens: a scroll area that scrolls both ways when its content
cannot shrink further, and windows that open no larger than the screen they are on.

At 125% or 150% scaling a 1366 x 768 laptop leaves about 1090 x 610 or 910 x 510 logical pixels; a dialog
sized for a desktop monitor would open with its buttons off the screen.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from .reflow import Reflow


def scrolling(content: QWidget, frame: bool = False) -> QScrollArea:
    """`content` in a scroll area that resizes it to fit and scrolls in whichever direction it cannot."""
    from PySide6.QtCore import Qt  # not at import: nothing read before the main window shows uses `Qt.`

    area = QScrollArea()
    area.setWidgetResizable(True)
    if not frame:
        area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; the area follows the focus
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    Reflow(area.viewport(), content)  # columns marked to reflow stack when the area is narrow
    return area


def fit_to_screen(window: QWidget) -> None:
    """Shrink a window that is larger than the available area of its screen, and keep it on that screen."""
    # The screen is looked up through QGuiApplication, not `window.screen()`: PySide ties the QScreen that
    # `QWidget.screen()` returns to the widget's Python wrapper, so a dialog collected by Python takes the
    # application's screen with it, and the next window shown or deleted crashes on the freed screen.
    screen = QGuiApplication.screenAt(window.frameGeometry().center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    width = min(window.width(), available.width())
    height = min(window.height(), available.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    if not available.contains(frame):
        x = min(max(frame.x(), available.x()), available.right() - frame.width() + 1)
        y = min(max(frame.y(), available.y()), available.bottom() - frame.height() + 1)
        window.move(max(x, available.x()), max(y, available.y()))



def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """`window.resize(width, height)`, no larger than the available area of the primary screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, available.width()), min(height, available.height())
    window.resize(width, height)
