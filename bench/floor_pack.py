"""Floor for the pack: reportlab alone laying out the same paragraphs, tables and page breaks as the
question pack, as plain text in the built-in Helvetica, in one pass.

What the pack does on top (its own fonts embedded, styles, cover band, running heads, "page X of Y",
contents and outline, which need a second pass) is what the ratio measures.
Run as a script: `python bench/floor_pack.py SPEC.json OUT.pdf` with a spec written by `bench.pack`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

# A spec is a list of items: ["p", text] | ["t", rows, col_widths, row_heights] | ["break"], where each
# cell of rows is a list of texts (one paragraph each).
Spec = list[list]


def build_plain_pdf(spec: Spec, out: Path) -> None:
    body = getSampleStyleSheet()["BodyText"]
    story = []
    for item in spec:
        if item[0] == "p":
            story.append(Paragraph(escape(item[1]), body))
        elif item[0] == "t":
            _, rows, widths, heights = item
            data = [[[Paragraph(escape(text), body) for text in cell] for cell in row] for row in rows]
            story.append(Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, splitInRow=1,
                               style=[("GRID", (0, 0), (-1, -1), 0.5, "grey"),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        elif item[0] == "break":
            story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: floor_pack.py SPEC.json OUT.pdf", file=sys.stderr)
        return 2
    build_plain_pdf(json.loads(Path(argv[0]).read_text(encoding="utf-8")), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
