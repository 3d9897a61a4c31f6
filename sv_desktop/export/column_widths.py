"""Column widths that keep every word of a table's header row on one line ("Baseline", never "Baselin/e"),
shared by the PDF and Word renderers; measured in Liberation Sans Bold, metric-compatible with Arial."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts


def longest_word(text: str, size: float) -> float:
    """Width in points of the widest word of `text` in bold at `size`."""
    fonts.register_fonts()
    return max((stringWidth(word, fonts.BOLD, size) for word in text.split()), default=0.0)


def fit_columns(header: tuple[str, ...], widths: tuple[float, ...], total: float, size: float,
                padding: float) -> list[float]:
    """`widths` (relative) scaled to `total` points, each column widened to hold its header's longest word
    plus `padding`, the space taken from the columns with room to spare, in proportion to that room."""
    share = [total * width / sum(widths) for width in widths]
    need = [longest_word(text, size) + padding for text in header]
    for _ in range(len(share)):
        short = [i for i, (has, needs) in enumerate(zip(share, need, strict=True)) if has < needs - 0.01]
        if not short:
            break
        extra = sum(need[i] - share[i] for i in short)
        for i in short:
            share[i] = need[i]
        room = {i: share[i] - need[i] for i in range(len(share)) if i not in short and share[i] > need[i]}
        spare = sum(room.values())
        if spare <= 0:
            break
        taken = min(extra, spare)
        for i, free in room.items():
            share[i] -= taken * free / spare
    return share
