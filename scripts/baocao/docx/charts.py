"""Charts of the merged report as native Word charts (DrawingML) in place of placeholder images."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from baocao.charts import COLOURS, Chart

FONT = "Times New Roman"


@dataclass(frozen=True)
class NativeChart:
    """The parts of one chart in the package: its XML and its workbook."""

    xml: bytes
    workbook: bytes
    height_mm: float


def write_placeholder(path: Path, chart: Chart) -> None:
    """A blank 1-bit PNG that carries the chart's file name, so no two placeholders have the
    same bytes (pandoc would keep one image for both)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    width, height = 160, max(1, round(160 * chart.height_mm / 165))
    rows = b"".join(b"\x00" + b"\x00" * ((width + 7) // 8) for _ in range(height))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"tEXt", b"Title\x00" + chart.file.encode("ascii"))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def native(chart: Chart, day: date | None) -> NativeChart:
    """The chart's DrawingML part and embedded workbook. The XML refers to its workbook by
    the relationship id `rId1` (layout.py writes that relationship)."""
    from lxml import etree
    from pptx.chart.chart import Chart as ChartModel
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.oxml import parse_xml
    from pptx.util import Pt

    data = CategoryChartData(number_format=chart.number_format)
    data.categories = chart.categories
    for name, values in chart.series:
        data.add_series(name, values)
    space = parse_xml(ChartXmlWriter(XL_CHART_TYPE.BAR_CLUSTERED, data).xml.encode("utf-8"))
    model = ChartModel(space, None)
    model.has_title = False  # the caption under the chart is its title
    model.font.name, model.font.size = FONT, Pt(10)
    model.has_legend = len(chart.series) > 1
    if model.has_legend:
        model.legend.position, model.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    plot = model.plots[0]
    plot.gap_width, plot.overlap = 60, 0
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = chart.number_format, False
    labels.position, labels.show_value = XL_LABEL_POSITION.OUTSIDE_END, True
    model.category_axis.reverse_order = True  # first category on top, as in the tables
    model.category_axis.has_major_gridlines = False
    model.value_axis.visible = False  # every bar carries its value: an axis would only repeat it
    model.value_axis.has_major_gridlines = False
    model.value_axis.minimum_scale = 0
    model.value_axis.maximum_scale = (
        max((v for _, values in chart.series for v in values), default=0) * 1.2 or 1
    )  # room for the labels
    for series, colour in zip(plot.series, COLOURS * len(chart.series)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(colour)
    c, r = space.nsmap["c"], space.nsmap["r"]
    for flag in space.iter(
        f"{{{c}}}delete"
    ):  # python-pptx leaves out val="1" (the schema default);
        flag.set(
            "val", "1" if flag.get("val", "1") in ("1", "true") else "0"
        )  # LibreOffice reads it as 0
    space.insert(
        1, etree.Element(f"{{{c}}}roundedCorners", val="0")
    )  # Word rounds them when absent
    external = etree.SubElement(space, f"{{{c}}}externalData", {f"{{{r}}}id": "rId1"})
    etree.SubElement(external, f"{{{c}}}autoUpdate", val="0")
    xml = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return NativeChart(xml, _workbook(chart, day), chart.height_mm)


def _workbook(chart: Chart, day: date | None) -> bytes:
    """The chart's numbers as python-pptx's chart XML refers to them: Sheet1, categories in
    column A from row 2, one series per column from B. Dated `day`: the same bytes each build."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    stamp = datetime(day.year, day.month, day.day) if day else datetime(2000, 1, 1)
    book.set_properties({"created": stamp})
    sheet = book.add_worksheet("Sheet1")
    number = book.add_format({"num_format": chart.number_format})
    sheet.set_column(0, 0, max(map(len, chart.categories), default=10))
    for row, category in enumerate(
        chart.categories, 1
    ):  # text stays text (never a formula or a link)
        sheet.write_string(row, 0, category)
    for column, (name, values) in enumerate(chart.series, 1):
        sheet.write_string(0, column, name)
        for row, value in enumerate(values, 1):
            sheet.write_number(row, column, value, number)
    book.close()
    return out.getvalue()
