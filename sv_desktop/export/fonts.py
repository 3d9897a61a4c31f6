"""The fonts every export uses, registered once, and which characters each can print.

Liberation Sans is metric-compatible with Arial, the NHS fallback for Frutiger. DejaVu Sans covers much
that Liberation lacks (symbols, emoji outlines, Arabic, more Cyrillic and Greek); text is wrapped in a
DejaVu run only where needed, so the pack keeps the NHS look. Nothing base-14 is ever used: a base-14
font is not embedded and silently loses characters such as "Ł".
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resources_dir

BODY = "LiberationSans"
BOLD = "LiberationSans-Bold"
ITALIC = "LiberationSans-Italic"
BOLD_ITALIC = "LiberationSans-BoldItalic"
FALLBACK = "DejaVuSans"
"""Family used inside <font name=...> for characters Liberation Sans lacks; <b>/<i> still switch faces."""
FALLBACK_BOOK = "DejaVuSansBook"
"""Family of DejaVu's regular face only, for characters its bold/oblique faces lack (Arabic, for one)."""

_FACES: dict[str, str] = {
    BODY: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
    BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
    FALLBACK: "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
_FAMILIES: dict[str, tuple[str, str, str, str]] = {
    BODY: (BODY, BOLD, ITALIC, BOLD_ITALIC),
    FALLBACK: (FALLBACK, "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    FALLBACK_BOOK: (FALLBACK_BOOK,) * 4,
}

REPLACEMENT = "\u25a1"
"""WHITE SQUARE: printed in place of a character no bundled font has, so nothing vanishes unseen."""

_lock = threading.Lock()


def face_file(face: str) -> Path:
    """The TrueType file of one face (BODY, BOLD...)."""
    return fonts_dir() / _FACES[face]


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@dataclass(frozen=True)
class Coverage:
    """Code points each tier can print in every face of its family."""

    body: frozenset[int]
    fallback: frozenset[int]
    fallback_book: frozenset[int]


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but with characters beyond U+FFFF written as UTF-16 surrogate pairs.

    reportlab writes them as five hex digits, which readers reject, so an emoji printed fine but could
    not be copied, searched or read aloud.
    """
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@cache
def register_fonts() -> Coverage:
    """Register the TrueType faces and families with reportlab (once per process)."""
    with _lock:
        if "<1F600>" in ttfonts.makeToUnicodeCMap("probe", [0x1F600]):
            ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        folder = fonts_dir()
        faces: dict[str, TTFont] = {}
        for name, filename in _FACES.items():
            path = folder / filename
            if not path.is_file():
                raise FileNotFoundError(f"The font file {filename} is missing from {folder}.")
            faces[name] = TTFont(name, str(path))
            pdfmetrics.registerFont(faces[name])
        # The regular DejaVu face again under its own family name, so <b> inside it stays regular.
        pdfmetrics.registerFont(TTFont(FALLBACK_BOOK, str(folder / _FACES[FALLBACK])))
        for family, (normal, bold, italic, bold_italic) in _FAMILIES.items():
            pdfmetrics.registerFontFamily(family, normal=normal, bold=bold, italic=italic, boldItalic=bold_italic)
            # registerFontFamily maps the family name; map each face name too so ps2tt works both ways.
            addMapping(family, 0, 0, normal)

        def drawable(name: str) -> set[int]:
            # A code point mapped to glyph 0 would print the font's "missing" box: not covered.
            return {code for code, glyph in faces[name].face.charToGlyph.items() if glyph}

        def covered(names: list[str]) -> frozenset[int]:
            return frozenset(set.intersection(*(drawable(n) for n in names)))

        return Coverage(
            body=covered(list(_FAMILIES[BODY])),
            fallback=covered(list(_FAMILIES[FALLBACK])),
            fallback_book=frozenset(drawable(FALLBACK)),
        )


def font_files() -> list[Path]:
    """Every TrueType file the exports embed (for packaging checks)."""
    return [fonts_dir() / filename for filename in _FACES.values()]
