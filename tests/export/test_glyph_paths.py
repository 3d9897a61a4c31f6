"""The watermark's outlines come from the font itself: every letter has a shape, the width matches the
font's own metrics, and accented (composite) letters are drawn with their accent."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from sv_desktop.export import fonts
from sv_desktop.export.brief_content import BRIEF_DRAFT_MARK
from sv_desktop.export.glyph_paths import outlines, text_width
from sv_desktop.export.pack_content import DRAFT_MARK


@pytest.fixture(scope="module")
def bold():
    fonts.register_fonts()
    return outlines(str(fonts.face_file(fonts.BOLD)))


@pytest.mark.parametrize("mark", [DRAFT_MARK, BRIEF_DRAFT_MARK])
def test_every_letter_has_an_outline_and_the_width_is_the_fonts(bold, mark):
    for char in mark.replace(" ", ""):
        assert bold.contours(bold.glyph(char)), char
    assert text_width(bold, mark, 40) == pytest.approx(stringWidth(mark, fonts.BOLD, 40), abs=0.5)


def test_letter_shapes_have_their_counters_and_accents(bold):
    assert len(bold.contours(bold.glyph("O"))) == 2 and len(bold.contours(bold.glyph("B"))) == 3
    assert len(bold.contours(bold.glyph("\u00e9"))) == len(bold.contours(bold.glyph("e"))) + 1
    top = max(y for contour in bold.contours(bold.glyph("\u00c9")) for _x, y, _on in contour)
    assert top > max(y for contour in bold.contours(bold.glyph("E")) for _x, y, _on in contour)
