"""Word-specific parts of the editable files: the language of every style, a contents that Word fills in
with page numbers when the file is opened, and an editable response area (a content control) per form.

python-docx has no API for these, so they are written as the WordprocessingML they are, in the order the
schema requires (Word refuses a file whose elements are out of order).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "w:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _insert_before(parent, element, successors: tuple[str, ...]) -> None:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    parent.append(element)


def update_fields_on_open(document) -> None:
    """Ask Word to update the fields (the contents and its page numbers) when it opens the file."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    _insert_before(settings, element, _SETTINGS_AFTER_UPDATE_FIELDS)


def _set_lang(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        _insert_before(rpr, lang, _RPR_AFTER_LANG)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def set_language(document, language: str) -> None:
    """Spelling and grammar in `language` (en-GB) for the document defaults and every style that names one."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_lang(rpr, language)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), language)
        if lang.get(qn("w:eastAsia")):
            lang.set(qn("w:eastAsia"), language)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def editable_area(cell, prompt: str, title: str, lines: int) -> None:
    """A rich-text content control in `cell`, `lines` lines tall, opening with `prompt` in grey: the
    bidder types their response inside it."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    for tag, value in (("w:alias", title), ("w:tag", title)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value[:64])
        properties.append(element)
    sdt.append(properties)
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    for index in range(max(lines, 1)):
        paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(23)  # the PDF form's 8.2 mm lines
        if index == 0:
            run = paragraph.add_run(prompt)
            run.italic = True
            run.font.size = Pt(9.5)
            run.font.color.rgb = RGBColor.from_string("425563")
        content.append(paragraph._p)  # moves the paragraph into the control
    cell._tc.append(sdt)
    cell.add_paragraph()  # a cell must end with a paragraph
