"""The screenshot tool produces the main window and every page, light and dark, at 1366 x 768."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from sv_desktop.ui import icons
from sv_desktop.ui.screenshots import SIZE, main, take


@pytest.fixture
def restore_look(qapp):
    palette, font, style = QApplication.palette(), QApplication.font(), qapp.style().name()
    yield
    qapp.setStyle(style)
    QApplication.setPalette(palette)
    QApplication.setFont(font)
    icons.clear_cache()


def test_screenshots_of_every_page_in_both_palettes(qtbot, tmp_path, restore_look):
    written = take(tmp_path / "shots")
    names = sorted(p.name for p in written)
    assert len(names) == 23
    assert "light-main-window.png" in names and "dark-step-7-review.png" in names
    assert {f"evaluation-{tab}.png" for tab in ("panel", "scores", "moderation", "results")} <= set(names)
    assert {"bid-window.png", "bid-response-editor.png", "bid-commitment-library.png"} <= set(names)
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == SIZE, path.name
    light = QImage(str(tmp_path / "shots" / "light-main-window.png")).pixelColor(5, 5).lightness()
    dark = QImage(str(tmp_path / "shots" / "dark-main-window.png")).pixelColor(5, 5).lightness()
    assert light > 128 > dark


def test_usage_message(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
