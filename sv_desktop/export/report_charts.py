"""Charts for the compliance report, drawn with reportlab.graphics in the NHS palette and the report's
own fonts. Every bar carries its figure as text and the legend names both periods, so nothing is told by
colour alone; the same figures are in the tables next to each chart.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm

from ..i18n import _
from . import fonts
from .styles import DARK_GREY, FRAME_WIDTH, NHS_BLUE, TEXT, styles

PREVIOUS_COLOUR = HexColor("#AEB7BD")
"""NHS Mid Grey, lightened: the benchmark period sits quietly behind this period's NHS Blue."""


def _label(value: Decimal | None) -> str:
    if value is None:
        return _("n/a")
    return f"{Decimal(value).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def percent_bars(title: str, rows: list[tuple[str, Decimal | None, Decimal | None]], current: str,
                 previous: str) -> Drawing:
    """Grouped horizontal bars, 0-100%: for each (label, this period, previous period)."""
    styles()  # registers the fonts
    bar_area_height = max(len(rows), 1) * 15 * mm
    height = bar_area_height + 24 * mm
    drawing = Drawing(FRAME_WIDTH, height, initialFontName=fonts.BODY, initialFontSize=9)
    drawing.add(String(0, height - 5 * mm, title, fontName=fonts.BOLD, fontSize=10.5, fillColor=TEXT))

    # reportlab checks chart attributes at run time (_attrMap); its stubs type some as int only.
    chart: Any = HorizontalBarChart()
    chart.x = 62 * mm
    chart.y = 14 * mm
    chart.width = FRAME_WIDTH - chart.x - 16 * mm
    chart.height = bar_area_height
    # reportlab draws the first category at the bottom: reverse so the list reads top to bottom.
    ordered = list(reversed(rows))
    chart.data = [[float(p or 0) for _l, _c, p in ordered], [float(c or 0) for _l, c, _p in ordered]]
    chart.categoryAxis.categoryNames = [label for label, _c, _p in ordered]
    chart.categoryAxis.labels.fontName = fonts.BODY
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.fillColor = TEXT
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = DARK_GREY
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = fonts.BODY
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labels.fillColor = DARK_GREY
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeColor = DARK_GREY
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = HexColor("#D8DDE0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars[0].fillColor = PREVIOUS_COLOUR
    chart.bars[1].fillColor = NHS_BLUE
    chart.bars.strokeColor = None
    chart.barSpacing = 1.5
    chart.groupSpacing = 7
    chart.barLabels.fontName = fonts.BODY
    chart.barLabels.fontSize = 7.5
    chart.barLabels.fillColor = TEXT
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    # Missing figures (nothing to divide by) print "n/a" rather than a misleading 0.0%.
    chart.barLabelArray = [[_label(p) for _l, _c, p in ordered], [_label(c) for _l, c, _p in ordered]]
    chart.barLabelFormat = "values"
    drawing.add(chart)

    legend: Any = Legend()
    legend.x = chart.x
    legend.y = 5 * mm
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = fonts.BODY
    legend.fontSize = 8.5
    legend.fillColor = TEXT
    legend.dxTextSpace = 4
    legend.deltax = 70 * mm
    legend.colorNamePairs = [(NHS_BLUE, current), (PREVIOUS_COLOUR, previous)]
    legend.strokeColor = None
    drawing.add(legend)
    return drawing
