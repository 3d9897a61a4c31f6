"""Text drawn as filled outlines, read from the TrueType font itself: for the DRAFT watermark, which must
show on the page but stay out of the text layer (a text extractor or screen reader would otherwise read
its rotated letters, two at a time, into the middle of the page's text). No raster image is involved, so
nothing needs an imaging library.

Only what a TrueType `glyf` table holds is read: simple glyphs (quadratic outlines, drawn as cubic
curves) and composite glyphs placed by offsets and scales.
"""

from __future__ import annotations

import struct
from functools import lru_cache

from reportlab.pdfbase.ttfonts import TTFontFile

FILL_NON_ZERO = 1
"""PDF's non-zero winding fill (reportlab's canvas constant, absent from its type stubs)."""
Point = tuple[float, float]
Contour = list[tuple[float, float, bool]]
"""(x, y, on the curve) in font units."""


class GlyphOutlines:
    def __init__(self, path: str) -> None:
        self.font = TTFontFile(path)
        self.data: bytes = self.font._ttf_data  # type: ignore[attr-defined]  # the parsed file's bytes, not in the stubs
        self.glyf = self.font.table["glyf"]["offset"]
        self.units = self.font.unitsPerEm

    def advance(self, glyph: int) -> int:
        metrics = self.font.hmetrics
        return metrics[min(glyph, len(metrics) - 1)][0]

    def glyph(self, char: str) -> int:
        return self.font.charToGlyph.get(ord(char), 0)

    @lru_cache(maxsize=256)  # noqa: B019 - one instance per font file, kept for the process
    def contours(self, glyph: int) -> tuple[tuple[tuple[float, float, bool], ...], ...]:
        start, end = self.font.glyphPos[glyph], self.font.glyphPos[glyph + 1]
        if end <= start:
            return ()
        at = self.glyf + start
        (count,) = struct.unpack_from(">h", self.data, at)
        if count >= 0:
            return tuple(tuple(c) for c in self._simple(at + 10, count))
        return self._composite(at + 10)

    def _simple(self, at: int, count: int) -> list[Contour]:
        data = self.data
        ends = struct.unpack_from(f">{count}H", data, at)
        at += 2 * count
        (instructions,) = struct.unpack_from(">H", data, at)
        at += 2 + instructions
        total = (ends[-1] + 1) if ends else 0
        flags: list[int] = []
        while len(flags) < total:
            flag = data[at]
            at += 1
            flags.append(flag)
            if flag & 8:
                flags.extend([flag] * data[at])
                at += 1
        xs, at = self._coordinates(flags, at, short=2, same=16)
        ys, at = self._coordinates(flags, at, short=4, same=32)
        contours, first = [], 0
        for last in ends:
            contours.append([(float(xs[i]), float(ys[i]), bool(flags[i] & 1)) for i in range(first, last + 1)])
            first = last + 1
        return contours

    def _coordinates(self, flags: list[int], at: int, short: int, same: int) -> tuple[list[int], int]:
        values, value = [], 0
        for flag in flags:
            if flag & short:
                delta = self.data[at]
                at += 1
                value += delta if flag & same else -delta
            elif not flag & same:
                (delta,) = struct.unpack_from(">h", self.data, at)
                at += 2
                value += delta
            values.append(value)
        return values, at

    def _composite(self, at: int) -> tuple[tuple[tuple[float, float, bool], ...], ...]:
        out: list[tuple[tuple[float, float, bool], ...]] = []
        while True:
            flags, glyph = struct.unpack_from(">HH", self.data, at)
            at += 4
            if flags & 1:
                dx, dy = struct.unpack_from(">hh", self.data, at)
                at += 4
            else:
                dx, dy = struct.unpack_from(">bb", self.data, at)
                at += 2
            if not flags & 2:
                dx = dy = 0  # point-matched placement: not used by the letters drawn here
            sx = sy = 1.0
            if flags & 8:
                (scale,) = struct.unpack_from(">h", self.data, at)
                sx = sy = scale / 16384
                at += 2
            elif flags & 0x40:
                sx, sy = (v / 16384 for v in struct.unpack_from(">hh", self.data, at))
                at += 4
            elif flags & 0x80:
                a, _b, _c, d = struct.unpack_from(">hhhh", self.data, at)
                sx, sy = a / 16384, d / 16384
                at += 8
            for contour in self.contours(glyph):
                out.append(tuple((x * sx + dx, y * sy + dy, on) for x, y, on in contour))
            if not flags & 0x20:
                return tuple(out)


@lru_cache(maxsize=4)
def outlines(path: str) -> GlyphOutlines:
    return GlyphOutlines(path)


def text_width(font: GlyphOutlines, text: str, size: float) -> float:
    return sum(font.advance(font.glyph(ch)) for ch in text) * size / font.units


def draw_outlined_text(canvas, font: GlyphOutlines, text: str, x: float, y: float, size: float) -> None:
    """Fill `text` as outlines with its baseline starting at (x, y), in the canvas's fill colour."""
    scale = size / font.units
    path = canvas.beginPath()
    pen = x
    for char in text:
        glyph = font.glyph(char)
        for contour in font.contours(glyph):
            _contour(path, [(pen + px * scale, y + py * scale, on) for px, py, on in contour])
        pen += font.advance(glyph) * scale
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)  # TrueType winding rule


def _mid(a: Point, b: Point) -> Point:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def _contour(path, points: list[tuple[float, float, bool]]) -> None:
    """One closed TrueType contour: straight lines between points on the curve, quadratic curves through
    the points off it (two off-curve points in a row imply an on-curve point halfway)."""
    if not points:
        return
    start_index = next((i for i, p in enumerate(points) if p[2]), None)
    if start_index is None:
        start: Point = _mid(points[0][:2], points[1 % len(points)][:2])
        ordered = points
    else:
        start = points[start_index][:2]
        ordered = points[start_index + 1:] + points[:start_index + 1]
    path.moveTo(*start)
    current, control = start, None
    for x, y, on in ordered:
        point = (x, y)
        if on:
            if control is None:
                path.lineTo(*point)
            else:
                _quad(path, current, control, point)
            current, control = point, None
        elif control is None:
            control = point
        else:
            middle = _mid(control, point)
            _quad(path, current, control, middle)
            current, control = middle, point
    if control is not None:
        _quad(path, current, control, start)
    path.close()


def _quad(path, p0: Point, q: Point, p1: Point) -> None:
    c1 = (p0[0] + 2 / 3 * (q[0] - p0[0]), p0[1] + 2 / 3 * (q[1] - p0[1]))
    c2 = (p1[0] + 2 / 3 * (q[0] - p1[0]), p1[1] + 2 / 3 * (q[1] - p1[1]))
    path.curveTo(c1[0], c1[1], c2[0], c2[1], p1[0], p1[1])
