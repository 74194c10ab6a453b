"""Figures of the round: totals by year, tables by agency, bar charts drawn as SVG."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET

from baocao import charts
from baocao.campaign import FigureField
from baocao.charts import COLOURS, Chart
from baocao.site import html as h
from baocao.site.fragments import Fragments, esc, front_matter, table
from baocao.site.html import HtmlPage
from baocao.text import format_number
from baocao.workspace import DRAFT, AgencyReport, Round


def agency_table(rnd: Round, report: AgencyReport, fragments: Fragments, body: HtmlPage) -> None:
    found = rnd.figures(report)
    if not found:
        return
    years = rnd.campaign.years
    rows = [
        [h.escape(f.label), h.escape(f.unit)]
        + [format_number(found.get((y, f.key))) for y in years]
        for f in rnd.campaign.figure_fields
        if any((y, f.key) in found for y in years)
    ]
    body.heading(2, "Số liệu")
    body.p(
        fragments.raw(
            h.table(
                ["Chỉ tiêu", "Đơn vị"] + [str(y) for y in years],
                rows,
                ["l", "l"] + ["r"] * len(years),
            )
        )
    )


FONT = "Roboto, -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"  # the theme's
WIDTH = 720  # px: about the width of the page's text column, so the text is drawn at its size
MARGIN = 12
BAR = 20  # px per bar, BAR_GAP between the bars of a category, GROUP_GAP between categories
BAR_GAP, GROUP_GAP = 4, 18
TITLE_PX, TEXT_PX = 16, 14
CHAR_PX = 7.5  # average width of a character at TEXT_PX


def chart_path(chart: Chart) -> str:
    return f"so-lieu/{chart.name}.svg"


def plan(rnd: Round) -> dict[str, Chart]:
    """Site path -> chart of a figure group's totals (baocao.charts), for each that has a
    value to show; nothing drawn yet."""
    return {chart_path(c): c for c in charts.plan(rnd) if c.group is not None and not c.empty}


def svg(chart: Chart) -> bytes:
    """One horizontal bar chart: categories down the side, a bar per series (year) in each,
    labelled with its value in Vietnamese notation; a legend when there are several series."""
    wrap = max(12, int(WIDTH * 0.4 / CHAR_PX))
    labels = [textwrap.wrap(c, wrap) or [""] for c in chart.categories]
    label_px = CHAR_PX * max(len(line) for lines in labels for line in lines) + 8
    values = [v for _, series in chart.series for v in series]
    value_px = CHAR_PX * max(len(format_number(v)) for v in values) + 10
    plot_x = MARGIN + label_px
    plot_px = max(WIDTH - plot_x - MARGIN - value_px, 120)
    largest = max(values, default=0) or 1
    group_px = len(chart.series) * (BAR + BAR_GAP) - BAR_GAP
    title = textwrap.wrap(chart.caption, int((WIDTH - 2 * MARGIN) / (TITLE_PX * 0.5)))
    top = MARGIN + len(title) * TITLE_PX * 1.25 + 12
    legend = len(chart.series) > 1
    plot_end = top + len(labels) * (group_px + GROUP_GAP) - GROUP_GAP
    height = plot_end + (12 + TEXT_PX if legend else 0) + MARGIN

    root = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        width=str(WIDTH),
        height=_n(height),
        viewBox=f"0 0 {WIDTH} {_n(height)}",
        role="img",
        style=f"font-family: {FONT}",
    )
    ET.SubElement(root, "title").text = chart.caption
    ET.SubElement(root, "rect", width="100%", height="100%", fill="white")
    for k, line in enumerate(title):
        _text(root, WIDTH / 2, MARGIN + TITLE_PX * (1 + 1.25 * k), line, TITLE_PX, anchor="middle")
    for index, lines in enumerate(labels):
        y = top + index * (group_px + GROUP_GAP)
        first = y + group_px / 2 - (len(lines) - 1) * TEXT_PX * 0.6 + TEXT_PX * 0.35
        for k, line in enumerate(lines):
            _text(root, plot_x - 8, first + k * TEXT_PX * 1.2, line, TEXT_PX, anchor="end")
        for s, (_, series) in enumerate(chart.series):
            bar_y = y + s * (BAR + BAR_GAP)
            length = plot_px * series[index] / largest
            colour = f"#{COLOURS[s % len(COLOURS)]}"
            ET.SubElement(
                root, "rect", x=_n(plot_x), y=_n(bar_y), width=_n(length), height=str(BAR)
            ).set("fill", colour)
            label = format_number(series[index])
            _text(root, plot_x + length + 5, bar_y + BAR / 2 + TEXT_PX * 0.35, label, TEXT_PX)
    if legend:
        y = plot_end + 12
        x = float(plot_x)
        for s, (name, _) in enumerate(chart.series):
            colour = f"#{COLOURS[s % len(COLOURS)]}"
            ET.SubElement(root, "rect", x=_n(x), y=_n(y), width="14", height="14", fill=colour)
            _text(root, x + 20, y + 12, name, TEXT_PX)
            x += 20 + CHAR_PX * len(name) + 24
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, x: float, y: float, text: str, size: int, anchor: str = "start"):
    node = ET.SubElement(parent, "text", x=_n(x), y=_n(y), fill="#333")
    node.set("font-size", str(size))
    node.set("text-anchor", anchor)
    node.text = text  # ElementTree escapes it


def _n(value: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{value:.1f}".removesuffix(".0")


def _field_table(rnd: Round, field: FigureField, fragments: Fragments) -> list[str]:
    years = rnd.campaign.years
    rows: list[list[str]] = []
    sums: dict[int, int | float] = {y: 0 for y in years}
    for report in rnd.reports:
        found = rnd.figures(report)
        if not any((y, field.key) in found for y in years):
            continue
        for y in years:
            sums[y] += found.get((y, field.key), 0)
        target = f"../co-quan/{report.agency.id}/"
        rows.append(
            [h.a(report.figures_name(), target)]
            + [format_number(found.get((y, field.key))) for y in years]
        )
    if not rows:
        return []
    rows.append(
        ["<strong>Tổng cộng</strong>"]
        + [f"<strong>{format_number(sums[y])}</strong>" for y in years]
    )
    body = h.table(["Cơ quan"] + [str(y) for y in years], rows, ["l"] + ["r"] * len(years))
    return [
        f'??? info "{field.label} ({field.unit}): {len(rows) - 1} cơ quan báo cáo"',
        "",
        "    " + fragments.raw(body),
        "",
    ]


def page(rnd: Round, chart_files: dict[str, Chart], fragments: Fragments) -> str:
    c = rnd.campaign
    sums = rnd.figure_totals()
    reporting = [r for r in rnd.reports if rnd.figures(r)]
    drafts = sum(1 for r in reporting if r.status == DRAFT)
    draft_note = (
        f" (trong đó {drafts} báo cáo dự thảo, ghi “dự thảo” bên tên cơ quan)" if drafts else ""
    )
    out = [
        front_matter("Số liệu"),
        "# Số liệu",
        "",
        f"Tổng hợp số liệu của {len(reporting)} cơ quan có báo cáo đạt yêu cầu kiểm tra{draft_note}. "
        "Báo cáo chưa nộp hoặc chưa đạt yêu cầu không được cộng.",
        "",
    ]
    for group in c.figure_groups:
        out += [f"## {esc(group.title)}", ""]
        for (
            path,
            chart,
        ) in (
            chart_files.items()
        ):  # HTML: the file is written into the site last, MkDocs does not know it
            if chart.group == group.id:
                image = f'<img alt="{h.escape("Biểu đồ: " + chart.caption)}" src="{h.escape(path.split("/", 1)[1])}">'
                out += [fragments.raw(h.p(image)), ""]
        rows = [
            [esc(f.label), esc(f.unit)] + [format_number(sums.get((y, f.key), 0)) for y in c.years]
            for f in group.fields
        ]
        out += [
            table(
                ["Chỉ tiêu", "Đơn vị"] + [f"Tổng {y}" for y in c.years],
                rows,
                ["l", "l"] + ["r"] * len(c.years),
            ),
            "",
        ]
        out += ["Theo từng cơ quan:", ""]
        for f in group.fields:
            out += _field_table(rnd, f, fragments)
    return "\n".join(out)
