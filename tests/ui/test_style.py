"""Colours keep WCAG AA contrast in light and dark palettes, and every icon the UI names exists."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor, QPalette

from sv_desktop.ui import icons
from sv_desktop.ui.style import (
    AA_CONTRAST,
    NHS_BLUE,
    accent_color,
    contrast_ratio,
    dark_palette,
    error_color,
    light_palette,
)

UI = Path(icons.__file__).parent


def test_contrast_ratio_matches_wcag():
    assert round(contrast_ratio(QColor("#000000"), QColor("#FFFFFF")), 1) == 21.0
    assert contrast_ratio(QColor(NHS_BLUE), QColor("#FFFFFF")) > AA_CONTRAST


def test_accent_and_error_colours_pass_aa_on_both_palettes(qapp):
    for palette in (light_palette(), dark_palette()):
        window = palette.color(QPalette.ColorRole.Window)
        assert contrast_ratio(accent_color(palette), window) >= AA_CONTRAST
        assert contrast_ratio(error_color(palette), window) >= AA_CONTRAST
        text = palette.color(QPalette.ColorRole.Text)
        assert contrast_ratio(text, palette.color(QPalette.ColorRole.Base)) >= 7
    assert accent_color(light_palette()).name().upper() == NHS_BLUE


def test_every_icon_named_in_the_ui_exists_and_renders(qapp):
    names: set[str] = set()
    pattern = re.compile(r"""(?:icons\.icon|icons\.pixmap|icon)\(\s*["']([a-z0-9-]+)["']""")
    for source in UI.rglob("*.py"):
        names.update(pattern.findall(source.read_text(encoding="utf-8")))
    from sv_desktop.ui.labels import SEVERITY_ICONS, compliance_icon
    from sv_desktop.ui.wizard.step_state import StepState

    names.update(SEVERITY_ICONS.values())
    names.update(state.icon for state in StepState)
    names.update(compliance_icon(value) for value in (True, False, None))
    names.update({"saved", "saving", "save-error"})
    assert len(names) > 30
    for name in sorted(names):
        assert (icons.icons_dir() / f"{name}.svg").is_file(), name
        image = icons.pixmap(name, 24).toImage()
        assert not image.isNull()
        assert any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24)), name


def _ink(image) -> set[str]:
    """The opaque colours of an icon image."""
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255}


def test_icons_are_drawn_at_the_size_and_in_the_mode_asked_for(qapp):
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QIcon, QImage, QPainter

    icon = icons.icon("new")
    palette = qapp.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    for side in (13, 16, 24, 37, 64):
        assert icon.pixmap(QSize(side, side)).size() == QSize(side, side)
    assert _ink(icon.pixmap(QSize(48, 48)).toImage()) == {normal}
    assert _ink(icon.pixmap(QSize(48, 48), QIcon.Mode.Disabled).toImage()) == {disabled}
    # Never stretched: a wide request gets the largest square, drawn centred when painted.
    assert icon.actualSize(QSize(40, 20)) == QSize(20, 20)
    assert icon.pixmap(QSize(40, 20)).size() == QSize(20, 20)
    wide = QImage(40, 20, QImage.Format.Format_ARGB32)
    wide.fill(QColor(0, 0, 0, 0))
    painter = QPainter(wide)
    icon.paint(painter, QRect(0, 0, 40, 20))
    painter.end()
    inked = [x for x in range(40) for y in range(20) if wide.pixelColor(x, y).alpha()]
    assert min(inked) >= 10 and max(inked) < 30  # in the centred 20 × 20 square
    assert icons.icon("no-such-icon").isNull()


def test_icons_are_sharp_on_high_density_screens(qapp):
    from PySide6.QtCore import QSize

    pixmap = icons.icon("search").pixmap(QSize(24, 24), 2.0)
    assert pixmap.devicePixelRatio() == 2.0 and pixmap.size() == QSize(48, 48)


def test_a_changed_copy_of_an_icon_outlives_the_original(qapp):
    """Changing a copy makes Qt clone the icon's engine; the clone must stay valid when Python lets go."""
    import gc

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon, QPixmap

    icons.clear_cache()
    original = icons.icon("open")
    copy = QIcon(original)
    extra = QPixmap(8, 8)
    extra.fill(QColor("red"))
    copy.addPixmap(extra)  # detaches: Qt asks the engine for a clone
    del original
    icons.clear_cache()
    gc.collect()
    assert copy.pixmap(QSize(32, 32)).size() == QSize(32, 32)
    assert not copy.pixmap(QSize(32, 32)).toImage().isNull()
