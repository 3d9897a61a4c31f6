"""The fonts a PDF uses and whether each is embedded, read with pypdf (no command-line PDF tools).

Walks every page's resources and the form XObjects they draw (reportlab draws page numbers in forms), the
way `pdffonts` lists them: base font name -> embedded.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        return bool(descendants) and all(_embedded(d.get_object()) for d in descendants.get_object())
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor.get_object() for key in FONT_FILES)


def pdf_fonts(path: str | Path) -> dict[str, bool]:
    """{base font name (subset prefix kept): embedded} of every font the document's pages use."""
    found: dict[str, bool] = {}
    seen: set[int] = set()

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            name = str(font.get("/BaseFont", "(unnamed)")).lstrip("/")
            found[name] = found.get(name, True) and _embedded(font)
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in PdfReader(str(path)).pages:
        walk(page.get("/Resources"))
    return found
