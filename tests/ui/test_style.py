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
