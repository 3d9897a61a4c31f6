"""Pack export: the largest realistic question pack through the service, against plain reportlab laying
out the same number of paragraphs and tables (`floor_pack`).

Both run in this process, warm (the first export of a session also loads fonts and content; that is
start-up cost, not pack cost), turn about, and the median is taken.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import PageBreak, Paragraph
from reportlab.platypus import Table as RLTable

from .dataset import largest_tender
from .floor_pack import Spec, build_plain_pdf
from .harness import Result, alternate, median, ratio_goal, timed

GOAL_RATIO = 2.0


def _texts(cell) -> list[str]:
    if isinstance(cell, str):
        return [cell] if cell else []
    if isinstance(cell, Paragraph):
        return [cell.getPlainText()]
    if isinstance(cell, list | tuple):
        return [text for part in cell for text in _texts(part)]
    return []


def floor_spec(flowables) -> Spec:
    """The pack's paragraphs, tables and page breaks as plain text, in order."""
    spec: Spec = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            spec.append(["p", flowable.getPlainText()])
        elif isinstance(flowable, RLTable):
            rows = [[_texts(cell) for cell in row] for row in flowable._cellvalues]
            heights = flowable._argH if any(h is not None for h in flowable._argH) else None
            spec.append(["t", rows, list(flowable._argW), heights])
        elif isinstance(flowable, PageBreak):
            spec.append(["break"])
    return spec


def pack_flowables(service, tender) -> list:
    """The flowables the pack is made of (cover and body), as the exporter builds them."""
    from sv_desktop.export.pack_content import build_pack
    from sv_desktop.export.pdf_render import cover_flowables, render

    document = build_pack(service._pack_context(tender))
    return [*cover_flowables(document, tender.reference), *render(document)]


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def bench_pack(workdir: Path, repeat: int = 5) -> Result:
    from sv_desktop.services.tender_service import open_service

    workdir = Path(workdir)
    service = open_service(workdir / "pack-data")
    try:
        tender = largest_tender(service.bank)
        spec = floor_spec(pack_flowables(service, tender))
        app_pdf, floor_pdf = workdir / "pack.pdf", workdir / "floor-pack.pdf"
        service.export_pdf(tender, app_pdf)  # warm: fonts registered, content loaded
        build_plain_pdf(spec, floor_pdf)
        app_times, floor_times = alternate(repeat, lambda: timed(lambda: service.export_pdf(tender, app_pdf)),
                                           lambda: timed(lambda: build_plain_pdf(spec, floor_pdf)))
    finally:
        service.close()
    return ratio_goal("pack", median(app_times), median(floor_times), "s", GOAL_RATIO, repeat,
                      pages=page_count(app_pdf), floor_pages=page_count(floor_pdf),
                      questions=len(tender.questions), kpis=len(tender.kpis), themes=len(tender.themes),
                      paragraphs=sum(1 for item in spec if item[0] == "p"),
                      tables=sum(1 for item in spec if item[0] == "t"))
