"""Lay a `Document` out as an A4 PDF with reportlab platypus (shared by the pack and the brief).

Every piece of text goes through `para_markup`; tables repeat their header row and may split inside a
row, so a field of any length flows across pages instead of raising a LayoutError.

The document is laid out once, contents included: the contents' entries are known before layout (they are
the document's headings), and its page numbers are drawn as PDF form objects whose text is written at the
end, once every heading has found its page (reportlab's own contents needs two or three passes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.colors import white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tableofcontents import TableOfContents

from .. import APP_NAME, __version__
from ..i18n import _
from . import blocks as b
from . import fonts
from .column_widths import fit_columns
from .markup import clean_text, para_markup, split_long
from .styles import (
    DARK_BLUE,
    DARK_RED,
    DRAFT_BAND,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MID_GREY,
    NHS_BLUE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PALE_GREY,
    PageFurniture,
    numbered_canvas,
    styles,
)

CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.BODY)
"""Empty cells still set a font: without this reportlab would reference (unembedded) Helvetica."""
COVER_TEXT_LIMIT = 240
"""Characters of each line shown on the cover band; the full title and reference are in the details."""


class _Table(RLTable):
    """A table whose remainder, after a split, always starts on the next page.

    reportlab first splits between rows; the remainder (with its repeated header row) was then fitted
    into the space left on the same page by splitting inside a row, printing the header row twice on
    one page.
    """

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        if len(parts) < 2:
            return parts
        return [parts[0], FrameBreak(), *parts[1:]]


def _paragraphs(text: str, style, label: str = "") -> list[Paragraph]:
    """One or more Paragraphs for user text; a bold label goes before the first."""
    pieces = split_long(text) or [""]
    prefix = f"<b>{para_markup(label)}</b>" if label else ""
    return [Paragraph((prefix if i == 0 else "") + para_markup(piece), style) for i, piece in enumerate(pieces)]


def _cell(text: str, style) -> list[Paragraph]:
    return _paragraphs(text, style)


def _clip(text: str) -> str:
    """Markup for text on the cover band, which cannot flow onto a second page: cut with an ellipsis."""
    value = clean_text(text)
    if len(value) > COVER_TEXT_LIMIT:
        value = value[:COVER_TEXT_LIMIT].rstrip() + "\u2026"
    return para_markup(value)


class CoverBand(Flowable):
    """The NHS Blue band across the top of page 1: organisation, document kind, title, reference."""

    def __init__(self, cover: b.Cover, reference_line: str, large: bool = True):
        super().__init__()
        s = styles()
        title_style = s.cover_title if large else s.cover_title.clone("cover_title_small", fontSize=20, leading=24)
        reference_style = s.cover_eyebrow.clone("cover_ref", fontName=s.body.fontName, fontSize=11, spaceAfter=0)
        self._parts = [
            (Paragraph(_clip(cover.organisation), s.cover_org), 10 * mm if large else 6 * mm),
            (Paragraph(_clip(cover.eyebrow), s.cover_eyebrow), 0),
            (Paragraph(_clip(cover.title), title_style), 0),
            (Paragraph(_clip(reference_line), reference_style), 0),
        ]
        self._pad_top, self._pad_bottom = (14 * mm, 12 * mm) if large else (8 * mm, 8 * mm)

    def wrap(self, avail_width, avail_height):
        self._width = avail_width
        height = self._pad_top + self._pad_bottom
        for paragraph, after in self._parts:
            _w, h = paragraph.wrap(avail_width, avail_height)
            height += h + paragraph.style.spaceAfter + after
        self._height = height
        return avail_width, height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(NHS_BLUE)
        canvas.rect(-MARGIN_X, 0, PAGE_WIDTH, self._height, stroke=0, fill=1)
        canvas.setFillColor(DARK_BLUE)
        canvas.rect(-MARGIN_X, 0, PAGE_WIDTH, 2.2 * mm, stroke=0, fill=1)
        canvas.restoreState()
        y = self._height - self._pad_top
        for paragraph, after in self._parts:
            y -= paragraph.height
            paragraph.drawOn(canvas, 0, y)
            y -= paragraph.style.spaceAfter + after


TOC_TEXT_LIMIT = 150
"""Characters of a heading repeated in the contents and the outline; the heading itself prints in full."""


class _Heading(Paragraph):
    """A heading that registers itself in the contents and the PDF outline (its first part, if split)."""

    entry: tuple[int, str, str, bool, str] | None = None
    """(level, contents markup, outline text, listed in the contents, bookmark key)."""

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        if parts:
            parts[0].entry = self.entry
        return parts


def _heading(block: b.Heading, style, key: str) -> _Heading:
    heading = _Heading(para_markup(block.text), style)
    short = clean_text(block.text).replace("\n", " ")
    if len(short) > TOC_TEXT_LIMIT:
        short = short[:TOC_TEXT_LIMIT].rstrip() + "\u2026"
    heading.entry = (block.level, para_markup(short), short, block.toc and block.level <= 2, key)
    return heading


class _Contents(TableOfContents):
    """The contents, laid out in the same pass as the rest.

    Its entries (the headings, with their bookmark keys) are given before layout, so it takes its final
    size at once; each page number is a form object, drawn where the number goes and written by
    `write_page_numbers` when the canvas saves, after `place` has recorded every heading's page.
    """

    NUMBER_GAP = 4

    def __init__(self, **kwds) -> None:
        super().__init__(**kwds)
        self.pages: dict[str, int] = {}
        self._styles: dict[str, ParagraphStyle] = {}

    def set_entries(self, entries: list[tuple[int, str, str]]) -> None:
        """(level from 0, markup, key) of each heading listed, in document order."""
        self._lastEntries = [(level, markup, 0, key) for level, markup, key in entries]
        self._styles = {key: self.getLevelStyle(level) for level, _markup, key in entries}

    def place(self, key: str, page: int) -> None:
        self.pages.setdefault(key, page)

    @staticmethod
    def form_name(key: str) -> str:
        return f"contents-page-{key}"

    def wrap(self, avail_width, avail_height):
        def draw_entry_end(canvas, _kind, label):
            level, key = label.split(",")
            style = self.getLevelStyle(int(level))
            self._draw_leader(canvas, style, key, avail_width)

        self.canv.setNamedCB("drawContentsEntryEnd", draw_entry_end)
        rows = []
        for level, text, _page, key in self._lastEntries:
            style = self.getLevelStyle(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            rows.append([Paragraph(f'<a href="#{key}">{text}</a>'
                                   f'<onDraw name="drawContentsEntryEnd" label="{level},{key}"/>', style)])
        self._table = RLTable(rows, colWidths=(avail_width,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, avail_width, avail_height)
        return self.width, self.height

    def _draw_leader(self, canvas, style, key: str, avail_width: float) -> None:
        """Dots from the end of the entry's text to the page number, then the number (a form object)."""
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        number_width = stringWidth("000", style.fontName, style.fontSize)
        dot = " . " if self.dotsMinLevel >= 0 else ""
        if dot:
            dot_width = stringWidth(dot, style.fontName, style.fontSize)
            count = max(0, int((avail_width - number_width - self.NUMBER_GAP - x) / dot_width))
            text = canvas.beginText(avail_width - number_width - self.NUMBER_GAP - count * dot_width, y)
            text.setFont(style.fontName, style.fontSize)
            text.setFillColor(style.textColor)
            text.textLine(count * dot)
            canvas.drawText(text)
        canvas.saveState()
        canvas.translate(avail_width, y)
        canvas.doForm(self.form_name(key))
        canvas.restoreState()
        canvas.linkRect("", key, (avail_width - number_width, y, avail_width, y + style.leading), relative=1)

    def write_page_numbers(self, canvas) -> None:
        """Define each number's form, right-aligned on the point where it is drawn."""
        for key, style in self._styles.items():
            canvas.beginForm(self.form_name(key), lowerx=-200, lowery=-style.leading,
                             upperx=1, uppery=style.leading)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawRightString(0, 0, str(self.pages.get(key, "")))
            canvas.endForm()


def _table_style(numeric: tuple[int, ...], total_row: bool, rows: int) -> list[tuple]:
    commands: list[tuple] = [
        CELL_FONT,
        ("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, MID_GREY),
        ("BOX", (0, 0), (-1, -1), 0.5, MID_GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    for row in range(2, rows + 1, 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), PALE_GREY))
    if total_row:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 1.2, DARK_BLUE))
    return commands


def _table(block: b.Table) -> RLTable:
    s = styles()
    widths = fit_columns(block.header, block.widths, FRAME_WIDTH, s.cell_head.fontSize, 10.5)
    data = [[_cell(text, s.cell_head) for text in block.header]]
    for index, row in enumerate(block.rows):
        bold = block.total_row and index == len(block.rows) - 1
        data.append([
            _cell(text, (s.cell_bold_right if bold else s.cell_right) if col in block.numeric
                  else (s.cell_bold if bold else s.cell))
            for col, text in enumerate(row)
        ])
    for col in block.numeric:
        data[0][col] = _cell(block.header[col], s.cell_head_right)
    table = _Table(data, colWidths=widths, repeatRows=1, splitInRow=0 if block.keep_together else 1,
                    style=_table_style(block.numeric, block.total_row, len(block.rows)))
    table.hAlign = "LEFT"
    return table


def _facts(block: b.Facts, width: float = FRAME_WIDTH) -> RLTable:
    s = styles()
    data = [[_cell(label, s.cell_bold), _cell(value, s.cell)] for label, value in block.rows]
    table = _Table(data, colWidths=[width * 0.36, width * 0.64], splitInRow=1, style=[
        CELL_FONT,
        ("BACKGROUND", (0, 0), (0, -1), PALE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, white),
        ("LINEBELOW", (1, 0), (1, -1), 0.5, PALE_GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ])
    table.hAlign = "LEFT"
    return table


def _bullets(items: tuple[str, ...], title: str = "", labels: tuple[str, ...] = ()) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(para_markup(title), s.list_title)] if title else []
    for number, item in enumerate(items):
        label = labels[number] if number < len(labels) else ""
        for index, piece in enumerate(split_long(item) or [""]):
            prefix = f"<b>{para_markup(label)}</b>" if label and index == 0 else ""
            out.append(Paragraph(prefix + para_markup(piece), s.bullet,
                                 bulletText="\u2022" if index == 0 else None))
    return out


def _callout(block: b.Callout) -> RLTable:
    s = styles()
    draft = block.kind == "draft"
    content: list[Flowable] = []
    if block.title:
        content.append(Paragraph(para_markup(block.title), s.draft_title if draft else s.callout_title))
    text_style = s.lead.clone("question_text", spaceAfter=2) if block.kind == "question" else s.callout_body
    for text in block.text:
        content += _paragraphs(text, text_style)
    content += _bullets(block.items)
    commands: list[tuple[Any, ...]] = [
        CELL_FONT,
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
    ]
    if draft:
        commands.append(("BOX", (0, 0), (-1, -1), 1.6, DARK_RED))
    else:
        commands += [("BACKGROUND", (0, 0), (-1, -1), PALE_GREY), ("LINEBEFORE", (0, 0), (0, -1), 4, NHS_BLUE)]
    table = _Table([[content]], colWidths=[FRAME_WIDTH], splitInRow=1, style=commands)
    table.spaceAfter = 8
    return table


def _response_form(block: b.ResponseForm) -> list[Flowable]:
    s = styles()
    head = s.cell_head.clone("form_head", fontSize=11, leading=14)
    fields = b.form_fields(block)
    data: list[list] = [[Paragraph(para_markup(_("Response to question {ref} \u00b7 {theme}").format(ref=block.ref, theme=block.theme)), head), ""]]
    for label, value in fields:
        data.append([_cell(label, s.cell_bold), _cell(value, s.cell) if value else ""])
    data.append([_cell(_("Your response"), s.cell_bold), ""])
    data += [["", ""] for _line in range(block.lines)]
    first_line = len(fields) + 2
    commands: list[tuple[Any, ...]] = [
        CELL_FONT,
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE),
        ("BOX", (0, 0), (-1, -1), 1, DARK_BLUE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 1), (0, len(fields)), PALE_GREY),
        ("LINEBELOW", (0, 1), (-1, len(fields)), 0.5, MID_GREY),
        ("SPAN", (0, first_line - 1), (1, first_line - 1)),
        ("TOPPADDING", (0, 0), (-1, first_line - 1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, first_line - 1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("LINEBELOW", (0, first_line), (-1, -2), 0.4, MID_GREY),
    ]
    heights = [None] * first_line + [8.2 * mm] * block.lines
    table = _Table(data, colWidths=[FRAME_WIDTH * 0.22, FRAME_WIDTH * 0.78], rowHeights=heights,
                    repeatRows=1, splitInRow=1, style=commands)
    return [PageBreak(), table] if block.new_page else [Spacer(1, 4 * mm), table]


class _HeadingStart(CondPageBreak):
    """A page break unless the headings below it and the start of what follows them fit on this page.

    reportlab's keepWithNext would move a heading together with the whole of a long paragraph or table,
    leaving half a page empty; this keeps only the first few centimetres with the heading.
    """

    COMPANION = 28 * mm

    def __init__(self, minimum: float):
        super().__init__(minimum)
        self.minimum = minimum
        self.group: list[Flowable] = []

    def wrap(self, avail_width, avail_height):
        need = 0.0
        for index, flowable in enumerate(self.group):
            _w, height = flowable.wrapOn(self.canv, avail_width, 10**7)
            height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            need += min(height, self.COMPANION) if index == len(self.group) - 1 else height
        self.height = max(self.minimum, need)
        return super().wrap(avail_width, avail_height)


def _link_heading_starts(story: list[Flowable]) -> None:
    """Give each _HeadingStart the headings after it and the first flowable that is not a heading."""
    for index, flowable in enumerate(story):
        if isinstance(flowable, _HeadingStart):
            for following in story[index + 1:]:
                if isinstance(following, _HeadingStart):
                    continue
                flowable.group.append(following)
                if not isinstance(following, _Heading):
                    break


def render(document: b.Document, key_prefix: str = "") -> list[Flowable]:
    """Flowables for the body blocks of `document`; `key_prefix` keeps the bookmark keys of a document
    rendered in several parts apart."""
    s = styles()
    heading_styles = {1: s.h1, 2: s.h2, 3: s.h3}
    story: list[Flowable] = []
    listed: list[tuple[int, str, str]] = []
    contents: list[_Contents] = []
    for block in document.body:
        if isinstance(block, b.Heading):
            if block.page_break:
                story.append(PageBreak())
            # Never start a section, theme or question in the last few centimetres of a page.
            story.append(_HeadingStart({1: 40 * mm, 2: 35 * mm, 3: 45 * mm}[block.level]))
            heading = _heading(block, heading_styles[block.level], f"{key_prefix}h{len(story)}")
            story.append(heading)
            assert heading.entry is not None  # _heading() always sets it
            level, markup, _plain, in_contents, key = heading.entry
            if in_contents:
                listed.append((level - 1, markup, key))
        elif isinstance(block, b.Para):
            style = {"body": s.body, "lead": s.lead, "note": s.note}[block.style]
            story += _paragraphs(block.text, style, block.label)
        elif isinstance(block, b.Bullets):
            story += _bullets(block.items, block.title, block.labels)
            story.append(Spacer(1, 3))
        elif isinstance(block, b.Table):
            table = _table(block)
            story += [KeepTogether([table]) if block.keep_together else table, Spacer(1, 10)]
        elif isinstance(block, b.Facts):
            story += [_facts(block), Spacer(1, 10)]
        elif isinstance(block, b.Callout):
            story.append(_callout(block))
        elif isinstance(block, b.ResponseForm):
            story += _response_form(block)
        elif isinstance(block, b.Contents):
            contents.append(_Contents(levelStyles=list(s.toc), dotsMinLevel=0, rightColumnWidth=40,
                                      tableStyle=[CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                  ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            story.append(contents[-1])
    for toc in contents:
        toc.set_entries(listed)
    _link_heading_starts(story)
    return story


class _DocTemplate(BaseDocTemplate):
    """Cover page template plus body template; headings feed the contents and the PDF outline."""

    def __init__(self, filename: str, document: b.Document, furniture: PageFurniture, author: str):
        super().__init__(
            filename, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), title=clean_text(document.title),
            author=clean_text(author), subject=clean_text(document.subject),
            keywords=[clean_text(k) for k in document.keywords], creator=f"{APP_NAME} {__version__}",
            producer=f"{APP_NAME} {__version__} (ReportLab)", lang="en-GB", displayDocTitle=1,
            initialFontName=styles().body.fontName,
        )
        top_gap = DRAFT_BAND if furniture.draft_mark else 0
        cover_frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - top_gap - MARGIN_BOTTOM,
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="cover")
        body_frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")

        def on_cover(canvas, _doc):
            furniture.draw_footer(canvas)

        def on_body(canvas, _doc):
            furniture.draw_header(canvas)
            furniture.draw_footer(canvas)

        def on_end(canvas, _doc):
            furniture.draw_draft(canvas)  # last, so the band and watermark sit on top of everything

        self.addPageTemplates([PageTemplate("cover", [cover_frame], onPage=on_cover, onPageEnd=on_end),
                               PageTemplate("body", [body_frame], onPage=on_body, onPageEnd=on_end)])
        self._open_headings: list[int] = []
        self.contents: list[_Contents] = []

    def beforeDocument(self):
        self._open_headings = []

    def afterFlowable(self, flowable):
        entry = getattr(flowable, "entry", None)
        if not isinstance(flowable, _Heading) or entry is None:
            return
        heading_level, _markup, plain, in_contents, key = entry
        self.canv.bookmarkPage(key)
        level = b.nested_level(self._open_headings, heading_level) - 1  # under the heading it belongs to
        self.canv.addOutlineEntry(plain, key, level=level, closed=level > 0)
        if in_contents:
            for contents in self.contents:
                contents.place(key, self.page)


def build_pdf(document: b.Document, furniture: PageFurniture, author: str, out: Path,
              cover_flowables: list[Flowable]) -> None:
    """Write the PDF to `out`, in one layout pass (the contents' page numbers are written at the end)."""
    doc = _DocTemplate(str(out), document, furniture, author)
    story = [*cover_flowables, NextPageTemplate("body"), *render(document)]
    doc.contents = [flowable for flowable in story if isinstance(flowable, _Contents)]
    doc.build(story, canvasmaker=_canvas_class(furniture, doc.contents))


def _canvas_class(furniture: PageFurniture, contents: list[_Contents]) -> type[Canvas]:
    """The numbered canvas ("Page X of Y"), which writes its pages only when it saves, made to bind each
    bookmark to the page it was made on (else every contents link and outline entry would open page 1)
    and to write the contents' page numbers before it saves."""
    numbered = numbered_canvas(furniture)
    bookmarks: dict[int, list[tuple[str, dict]]] = {}
    written = [0]  # not an attribute: the numbered canvas swaps its attributes page by page

    class PageBookmarks(Canvas):
        def bookmarkPage(self, key, **kwargs):  # noqa: N802 - reportlab's name
            bookmarks.setdefault(len(self._pages), []).append((key, kwargs))

        def showPage(self):  # noqa: N802 - reached once per page, in order, when the numbered canvas saves
            for key, kwargs in bookmarks.pop(written[0], []):
                Canvas.bookmarkPage(self, key, **kwargs)
            written[0] += 1
            Canvas.showPage(self)

    class PackCanvas(numbered, PageBookmarks):  # type: ignore[misc, valid-type]
        def save(self):
            for table in contents:
                table.write_page_numbers(self)
            super().save()

    return PackCanvas


def cover_flowables(document: b.Document, reference_line: str, large: bool = True) -> list[Flowable]:
    """The band, the cover facts and (for a non-compliant tender) the list of blockers."""
    cover = document.cover
    story: list[Flowable] = [CoverBand(cover, reference_line, large), Spacer(1, 12 * mm if large else 8 * mm)]
    if cover.facts:
        story += [_facts(b.Facts(cover.facts)), Spacer(1, 6 * mm)]
    if cover.note:
        story += [*_paragraphs(cover.note, styles().lead), Spacer(1, 4 * mm)]
    if cover.draft is not None:
        story.append(_callout(cover.draft))
    return story
