"""Lay a `Document` out as an editable Word file (python-docx), in the same order as the PDF.

Real Heading 1/2/3 styles (so Word's navigation pane and contents work), tables whose header row
repeats on every page, NHS colours, Arial (what Word has where Liberation Sans is missing).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.run import Run

from ..i18n import _
from . import blocks as b
from .column_widths import fit_columns
from .docx_parts import editable_area, set_language, update_fields_on_open
from .markup import clean_text

FONT = "Arial"
NHS_BLUE, DARK_BLUE, DARK_GREY = "005EB8", "003087", "425563"
PALE_GREY, TEXT, DARK_RED, WHITE, MID_GREY = "E8EDEE", "212B32", "8A1538", "FFFFFF", "768692"
CONTENT_WIDTH = Mm(210 - 2 * 18)
_BLANK_LINE = re.compile(r"\n[ ]*\n+")


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    """Mark a row as the table's header: Word repeats it on each page and screen readers announce it."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _insert_before(parent, element, successors: tuple[str, ...]) -> None:
    """Insert `element` before the first of `successors` present: Word insists on the schema's order."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


def _table_look(table) -> None:
    """Mid grey hairlines and roomier cells instead of Table Grid's black borders."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), MID_GREY)
        borders.append(line)
    _insert_before(properties, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 70), ("left", 110), ("bottom", 70), ("right", 110)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    _insert_before(properties, margins, ("w:tblLook", "w:tblCaption", "w:tblDescription"))


def _field(paragraph, instruction: str, cached: str = "", dirty: bool = False) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with its last result shown until Word updates it; a `dirty` one is
    updated when the file is opened (the contents, whose page numbers only Word can know)."""
    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if dirty and kind == "begin":
            element.set(qn("w:dirty"), "true")
        return element

    paragraph.add_run()._r.append(char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(cached)
    paragraph.add_run()._r.append(char("end"))


def _property(text: str) -> str:
    """A document property: Word allows 255 characters."""
    value = " ".join(clean_text(text).split())
    return value if len(value) <= 255 else value[:254] + "\u2026"


def _use_font(style) -> None:
    """Arial for every script, replacing the template's theme fonts (which would win over font.name)."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), FONT)


_BREAKS = re.compile(r"[\t\r\n]")


def _text(paragraph, text: str, bold: bool = False, colour: str | None = None, size: float | None = None):
    """A run of `text` with its properties, the elements made directly in the order Word's schema gives them
    (python-docx searches a run's possible children for where each goes, which was most of a table's time);
    text with tabs or line breaks goes through python-docx, which makes them tab and break elements."""
    if _BREAKS.search(text):
        run = paragraph.add_run(clean_text(text))
        run.bold = bold or None
        if colour:
            run.font.color.rgb = _rgb(colour)
        if size:
            run.font.size = Pt(size)
        return run
    r = paragraph._p.add_r()
    properties = OxmlElement("w:rPr")  # empty for plain text, as python-docx leaves it
    if bold:
        properties.append(OxmlElement("w:b"))
    if colour:
        properties.append(OxmlElement("w:color", {qn("w:val"): str(_rgb(colour))}))
    if size:
        properties.append(OxmlElement("w:sz", {qn("w:val"): str(round(size * 2))}))
    r.insert(0, properties)
    value = clean_text(text)
    if value:
        r.add_t(value)
    return Run(r, paragraph)


def _grid(table: DocxTable) -> list[list[_Cell]]:
    """Each row's cells, in one pass, for a table with no merged cells (python-docx's `row.cells` works out the
    whole table's grid on every call, so filling a table row by row took time growing with its square)."""
    return [[_Cell(tc, table) for tc in row._tr.tc_lst] for row in table.rows]


class DocxRenderer:
    """Writes one Document; `draft_mark` (when set) heads every page."""

    def __init__(self, document: b.Document, author: str, draft_mark: str | None):
        self.source = document
        self.draft_mark = draft_mark
        self._open_headings: list[int] = []
        self._styles: dict[str, Any] = {}
        self._ids: dict[str, str] = {}
        self.doc = docx.Document()
        self._set_up_page()
        self._set_up_styles()
        props = self.doc.core_properties
        props.title = _property(document.title)
        props.subject = _property(document.subject)
        props.author = _property(author)
        props.last_modified_by = _property(author)
        props.keywords = _property(", ".join(document.keywords))
        props.comments = ""
        props.language = "en-GB"
        props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
        props.revision = 1

    # ---- set-up ----
    def _set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        header = section.header.paragraphs[0]
        if self.draft_mark:
            _text(header, self.draft_mark, bold=True, colour=DARK_RED)
            header = section.header.add_paragraph()
        _text(header, self.source.running_head, colour=DARK_GREY, size=8.5)
        footer = section.footer.paragraphs[0]
        _text(footer, f"{self.source.footer_label}    ", colour=DARK_GREY, size=8.5)
        footer.add_run(_("Page ")).font.size = Pt(8.5)
        _field(footer, "PAGE", "1")
        footer.add_run(_(" of ")).font.size = Pt(8.5)
        _field(footer, "NUMPAGES", "1")

    def _style(self, name: str):
        """A style of the document by name, looked up once per document (python-docx searches every style of
        the template by name on each use, which was a tenth of the time a record with many tables took)."""
        found = self._styles.get(name)
        if found is None:
            found = self._styles[name] = self.doc.styles[name]
        return found

    def _style_id(self, name: str) -> str:
        """The id of a style of the document, worked out once per document: python-docx, given a style, also
        finds the template's default style on every use (a scan of every style), which was a fifth of the time
        a summary took in Word."""
        found = self._ids.get(name)
        if found is None:
            found = self._ids[name] = self._style(name).style_id
        return found

    def _styled(self, parent, name: str, text: str = ""):
        """A new paragraph of `parent` (the document or a cell) in the style named `name`."""
        paragraph = parent.add_paragraph(text)
        paragraph._p.style = self._style_id(name)
        return paragraph

    def _set_up_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        _use_font(normal)
        normal.font.size = Pt(10.5)
        normal.font.color.rgb = _rgb(TEXT)
        normal.paragraph_format.space_after = Pt(6)
        for name, size, colour in (("Heading 1", 18, DARK_BLUE), ("Heading 2", 13.5, NHS_BLUE),
                                   ("Heading 3", 11.5, DARK_BLUE), ("Title", 26, DARK_BLUE),
                                   ("TOC Heading", 18, DARK_BLUE)):
            style = styles[name]
            _use_font(style)
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = _rgb(colour)
            style.paragraph_format.keep_with_next = True
        set_language(self.doc, "en-GB")
        update_fields_on_open(self.doc)

    # ---- blocks ----
    def _table(self, rows: int, widths: list[float], header: tuple[str, ...] = ()) -> DocxTable:
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table._tbl.tblStyle_val = self._style_id("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        # Points, widened so no header word breaks (cell margins 110 twips a side, and a little air).
        points = fit_columns(header or ("",) * len(widths), tuple(widths), CONTENT_WIDTH.pt, 9.5, 14)
        sizes = [Pt(width) for width in points]
        for column, size in zip(table.columns, sizes, strict=True):
            column.width = size  # the grid, which LibreOffice and Word use for layout
        for cells in _grid(table):
            for cell, size in zip(cells, sizes, strict=True):
                cell.width = size
        _table_look(table)
        return table

    @staticmethod
    def _fill(cell, text: str, bold: bool = False, colour: str | None = None, right: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _text(paragraph, text, bold=bold, colour=colour, size=9.5)

    def table(self, block: b.Table) -> None:
        table = self._table(len(block.rows) + 1, list(block.widths), block.header)
        if block.keep_together:
            self._keep_together(table)
        grid = _grid(table)
        _repeat_header(table.rows[0])
        for col, (cell, text) in enumerate(zip(grid[0], block.header, strict=True)):
            _shade(cell, NHS_BLUE)
            self._fill(cell, text, bold=True, colour=WHITE, right=col in block.numeric)
        for index, values in enumerate(block.rows, start=1):
            bold = block.total_row and index == len(block.rows)
            for col, (cell, text) in enumerate(zip(grid[index], values, strict=True)):
                if index % 2 == 0:
                    _shade(cell, PALE_GREY)
                self._fill(cell, text, bold=bold, right=col in block.numeric)
        self.doc.add_paragraph()

    @staticmethod
    def _keep_together(table) -> None:
        """Rows that never split, each kept with the next: Word moves the whole table to the next page."""
        for index, row in enumerate(table.rows):
            cant_split = OxmlElement("w:cantSplit")
            row._tr.get_or_add_trPr().append(cant_split)
            if index < len(table.rows) - 1:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True

    def facts(self, rows: tuple[tuple[str, str], ...]) -> None:
        table = self._table(len(rows), [0.36, 0.64])
        for (label, value), (first, second) in zip(rows, _grid(table), strict=True):
            _shade(first, PALE_GREY)
            self._fill(first, label, bold=True)
            self._fill(second, value)
        self.doc.add_paragraph()

    def callout(self, block: b.Callout) -> None:
        cell = self._table(1, [1]).rows[0].cells[0]
        _shade(cell, "FBEFF2" if block.kind == "draft" else PALE_GREY)
        first = cell.paragraphs[0]
        if block.title:
            _text(first, block.title, bold=True, colour=DARK_RED if block.kind == "draft" else DARK_BLUE)
            first = cell.add_paragraph()
        for index, text in enumerate(block.text):
            paragraph = first if index == 0 else cell.add_paragraph()
            _text(paragraph, text, size=11 if block.kind == "question" else None)
        for item in block.items:
            self._styled(cell, "List Bullet", clean_text(item))
        self.doc.add_paragraph()

    def response_form(self, block: b.ResponseForm) -> None:
        if block.new_page:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        fields = b.form_fields(block)
        table = self._table(len(fields) + 2, [0.22, 0.78])
        head = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        _repeat_header(table.rows[0])
        _shade(head, NHS_BLUE)
        self._fill(head, _("Response to question {ref} \u00b7 {theme}").format(ref=block.ref, theme=block.theme), bold=True, colour=WHITE)
        for row, (label, value) in zip(table.rows[1:-1], fields, strict=True):
            _shade(row.cells[0], PALE_GREY)
            self._fill(row.cells[0], label, bold=True)
            self._fill(row.cells[1], value)
        answer = table.rows[-1].cells[0].merge(table.rows[-1].cells[1])
        self._fill(answer, _("Your response"), bold=True)
        editable_area(answer, _("Type your response to {ref} here, within {word_limit:,} words.").format(
                      ref=block.ref, word_limit=block.word_limit),
                      _("Response to {ref}").format(ref=block.ref), block.lines)

    def contents(self) -> None:
        entries = [block.text for block in self.source.body
                   if isinstance(block, b.Heading) and block.toc and block.level <= 2]
        paragraph = self.doc.add_paragraph()
        _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "", dirty=True)
        # The field's last result: the headings, until Word updates it with page numbers.
        run = paragraph.runs[-2]
        for index, entry in enumerate(entries):
            if index:
                run.add_break()
            run.add_text(clean_text(entry))

    def heading(self, block: b.Heading) -> None:
        # Word's levels never skip one: a level-3 heading straight under a level 1 is a level 2.
        style = "TOC Heading" if not block.toc else f"Heading {b.nested_level(self._open_headings, block.level)}"
        paragraph = self._styled(self.doc, style, clean_text(block.text))
        paragraph.paragraph_format.page_break_before = block.page_break or None

    def para(self, block: b.Para) -> None:
        for index, piece in enumerate(_BLANK_LINE.split(clean_text(block.text).strip("\n")) or [""]):
            paragraph = self.doc.add_paragraph()
            if block.label and index == 0:
                _text(paragraph, block.label, bold=True)
            run = _text(paragraph, piece)
            if block.style == "note":
                run.italic = True
                run.font.color.rgb = _rgb(DARK_GREY)
            elif block.style == "lead":
                run.font.size = Pt(12)

    def bullets(self, block: b.Bullets) -> None:
        if block.title:
            title = self.doc.add_paragraph()
            title.paragraph_format.keep_with_next = True
            _text(title, block.title, bold=True)
        for index, item in enumerate(block.items):
            paragraph = self._styled(self.doc, "List Bullet")
            if index < len(block.labels):
                _text(paragraph, block.labels[index], bold=True)
            _text(paragraph, item)

    def cover(self) -> None:
        cover = self.source.cover
        org = self.doc.add_paragraph()
        org.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _text(org, cover.organisation, bold=True, colour=NHS_BLUE, size=12)
        _text(self.doc.add_paragraph(), cover.eyebrow, bold=True, colour=NHS_BLUE, size=14)
        self._styled(self.doc, "Title", clean_text(cover.title))
        if cover.facts:
            self.facts(cover.facts)
        if cover.note:
            _text(self.doc.add_paragraph(), cover.note, size=11.5)
        if cover.draft is not None:
            self.callout(cover.draft)

    def render(self) -> docx.document.Document:
        self.cover()
        handlers: dict[type, Callable[[Any], None]] = {b.Heading: self.heading, b.Para: self.para, b.Bullets: self.bullets, b.Table: self.table,
                    b.Callout: self.callout, b.ResponseForm: self.response_form}
        for block in self.source.body:
            if isinstance(block, b.Facts):
                self.facts(block.rows)
            elif isinstance(block, b.Contents):
                self.contents()
            else:
                handlers[type(block)](block)
        return self.doc


def build_docx(document: b.Document, author: str, draft_mark: str | None, out: Path) -> None:
    DocxRenderer(document, author, draft_mark).render().save(str(out))
