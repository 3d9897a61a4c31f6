"""The one place that decides how exports look: NHS colours, type, page geometry and page furniture.

Colours are the NHS identity's core palette; every text/background pair used is listed in
`TEXT_PAIRS` and checked against WCAG AA (4.5:1) by the tests. Type is Liberation Sans throughout
(metric-compatible with Arial, the NHS fallback for Frutiger).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ..i18n import _
from . import fonts
from .glyph_paths import draw_outlined_text, outlines, text_width
from .markup import clean_text, para_markup

NHS_BLUE = HexColor("#005EB8")
DARK_BLUE = HexColor("#003087")
DARK_GREY = HexColor("#425563")
MID_GREY = HexColor("#768692")
PALE_GREY = HexColor("#E8EDEE")
TEXT = HexColor("#212B32")
DARK_RED = HexColor("#8A1538")
"""NHS Dark Red: the DRAFT band (white on it is 9.8:1)."""
WARM_YELLOW = HexColor("#FFB81C")
WATERMARK = Color(0x8A / 255, 0x15 / 255, 0x38 / 255, alpha=0.09)

TEXT_PAIRS: dict[str, tuple[Color, Color]] = {
    "body text": (TEXT, white),
    "headings": (NHS_BLUE, white),
    "section headings": (DARK_BLUE, white),
    "page header and footer": (DARK_GREY, white),
    "table header": (white, NHS_BLUE),
    "table label column": (TEXT, PALE_GREY),
    "question box": (TEXT, PALE_GREY),
    "cover band": (white, NHS_BLUE),
    "cover title band": (white, DARK_BLUE),
    "draft band": (white, DARK_RED),
    "draft box text": (DARK_RED, white),
}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def contrast_ratio(foreground: Color, background: Color) -> float:
    """WCAG 2 contrast ratio between two opaque colours (1 to 21)."""
    def luminance(colour: Color) -> float:
        return 0.2126 * _linear(colour.red) + 0.7152 * _linear(colour.green) + 0.0722 * _linear(colour.blue)

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# ---- page geometry (A4, portrait) ----
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
DRAFT_BAND = 7 * mm


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    lead: ParagraphStyle
    note: ParagraphStyle
    bullet: ParagraphStyle
    list_title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold_right: ParagraphStyle
    cell_head_right: ParagraphStyle
    callout_body: ParagraphStyle
    callout_title: ParagraphStyle
    draft_title: ParagraphStyle
    cover_eyebrow: ParagraphStyle
    cover_title: ParagraphStyle
    cover_org: ParagraphStyle
    running: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]


@cache
def styles() -> Styles:
    fonts.register_fonts()
    base = ParagraphStyle("body", fontName=fonts.BODY, fontSize=10, leading=14, textColor=TEXT,
                          spaceAfter=6, splitLongWords=1, allowWidows=0, allowOrphans=0,
                          bulletFontName=fonts.BODY)

    def make(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    cell = make("cell", fontSize=9, leading=12, spaceAfter=0)
    return Styles(
        body=base,
        lead=make("lead", fontSize=11.5, leading=16, spaceAfter=8),
        note=make("note", fontName=fonts.ITALIC, textColor=DARK_GREY),
        bullet=make("bullet", leftIndent=14, bulletIndent=3, spaceAfter=3),
        list_title=make("list_title", fontName=fonts.BOLD, spaceBefore=4, spaceAfter=3, keepWithNext=1),
        h1=make("h1", fontName=fonts.BOLD, fontSize=18, leading=22, textColor=DARK_BLUE, spaceBefore=6,
                spaceAfter=10),
        h2=make("h2", fontName=fonts.BOLD, fontSize=13.5, leading=17, textColor=NHS_BLUE, spaceBefore=12,
                spaceAfter=6),
        h3=make("h3", fontName=fonts.BOLD, fontSize=11, leading=14, textColor=DARK_BLUE, spaceBefore=10,
                spaceAfter=4),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=fonts.BOLD),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=fonts.BOLD, textColor=white),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_bold_right=ParagraphStyle("cell_bold_right", parent=cell, fontName=fonts.BOLD, alignment=TA_RIGHT),
        cell_head_right=ParagraphStyle("cell_head_right", parent=cell, fontName=fonts.BOLD, textColor=white,
                                       alignment=TA_RIGHT),
        callout_body=make("callout_body", spaceAfter=4),
        callout_title=make("callout_title", fontName=fonts.BOLD, textColor=DARK_BLUE, spaceAfter=4),
        draft_title=make("draft_title", fontName=fonts.BOLD, fontSize=12, leading=15, textColor=DARK_RED,
                         spaceAfter=4),
        cover_eyebrow=make("cover_eyebrow", fontName=fonts.BOLD, fontSize=13, leading=16, textColor=white,
                           spaceAfter=8),
        cover_title=make("cover_title", fontName=fonts.BOLD, fontSize=26, leading=31, textColor=white,
                         spaceAfter=10),
        cover_org=make("cover_org", fontName=fonts.BOLD, fontSize=12, leading=15, textColor=white,
                       alignment=TA_RIGHT, spaceAfter=0),
        running=make("running", fontSize=8.5, leading=10.5, textColor=DARK_GREY, spaceAfter=0,
                     alignment=TA_LEFT, splitLongWords=0),
        toc=(
            make("toc1", fontName=fonts.BOLD, fontSize=11, leading=15, leftIndent=0, spaceBefore=5,
                 spaceAfter=0),
            make("toc2", fontSize=10, leading=13, leftIndent=16, spaceAfter=0),
        ),
    )


@lru_cache(maxsize=64)
def fit_one_line(text: str, width: float, size: float, font: str = fonts.BODY) -> str:
    """`text` cut (with an ellipsis) to fit one line of `width` points; measured in Liberation Sans."""
    value = " ".join(clean_text(text).split())
    if stringWidth(value, font, size) <= width:
        return value
    value = value[: int(width / (size * 0.2)) + 1]  # no glyph is narrower than a fifth of the size
    low, high = 0, len(value)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if stringWidth(value[:middle] + "\u2026", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + "\u2026"


def draw_text(canvas: Canvas, text: str, x: float, y: float, width: float, style: ParagraphStyle) -> None:
    """User text on the canvas through a Paragraph, so it is escaped and falls back to DejaVu glyphs."""
    paragraph = Paragraph(para_markup(text), style)
    paragraph.wrapOn(canvas, width, style.leading * 2)
    paragraph.drawOn(canvas, x, y)


WATERMARK_SIZE = 40


@dataclass(frozen=True)
class PageFurniture:
    """Header, footer and draft marking drawn on every page."""

    running_head: str
    footer_label: str
    organisation: str
    draft_mark: str | None
    """The DRAFT text when the tender is not policy-compliant, else None."""

    def draw_draft(self, canvas: Canvas) -> None:
        if not self.draft_mark:
            return
        # Outlines, not text: the rotated letters stay out of the text layer (see glyph_paths).
        font = outlines(str(fonts.face_file(fonts.BOLD)))
        canvas.saveState()
        canvas.setFillColor(WATERMARK)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(54.7)  # along the A4 diagonal
        width = text_width(font, self.draft_mark, WATERMARK_SIZE)
        draw_outlined_text(canvas, font, self.draft_mark, -width / 2, -14, WATERMARK_SIZE)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFillColor(DARK_RED)
        canvas.rect(0, PAGE_HEIGHT - DRAFT_BAND, PAGE_WIDTH, DRAFT_BAND, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setFont(fonts.BOLD, 10)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - DRAFT_BAND + 2.3 * mm, self.draft_mark)
        canvas.restoreState()

    def draw_header(self, canvas: Canvas) -> None:
        style = styles().running
        top = PAGE_HEIGHT - MARGIN_TOP + 9 * mm
        org_width = FRAME_WIDTH * 0.38
        org = fit_one_line(self.organisation, org_width, style.fontSize, fonts.BOLD)
        head = fit_one_line(self.running_head, FRAME_WIDTH - org_width - 6 * mm, style.fontSize)
        draw_text(canvas, head, MARGIN_X, top, FRAME_WIDTH - org_width - 6 * mm, style)
        right = ParagraphStyle("running_right", parent=style, alignment=TA_RIGHT, fontName=fonts.BOLD)
        draw_text(canvas, org, PAGE_WIDTH - MARGIN_X - org_width, top, org_width, right)
        canvas.saveState()
        canvas.setStrokeColor(NHS_BLUE)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN_X, top - 2.2 * mm, PAGE_WIDTH - MARGIN_X, top - 2.2 * mm)
        canvas.restoreState()

    def draw_footer(self, canvas: Canvas) -> None:
        style = styles().running
        y = MARGIN_BOTTOM - 11 * mm
        canvas.saveState()
        canvas.setStrokeColor(PALE_GREY)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, y + 4.5 * mm, PAGE_WIDTH - MARGIN_X, y + 4.5 * mm)
        canvas.restoreState()
        label = fit_one_line(self.footer_label, FRAME_WIDTH * 0.75, style.fontSize)
        draw_text(canvas, label, MARGIN_X, y, FRAME_WIDTH * 0.75, style)

    def draw_page_number(self, canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(fonts.BOLD, 8.5)
        canvas.setFillColor(DARK_GREY)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 11 * mm + 2.4, _("Page {page} of {total}").format(page=page, total=total))
        canvas.restoreState()


def numbered_canvas(furniture: PageFurniture) -> type[Canvas]:
    """A canvas class that knows the page count when it saves, for "Page X of Y" (reportlab recipe)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("initialFontName", fonts.BODY)
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                furniture.draw_page_number(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas
