"""Figures of the round: totals by year, tables by agency, charts as SVG (pygal)."""

from __future__ import annotations

import contextlib
from pathlib import Path

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


def chart_path(chart: Chart) -> str:
    return f"so-lieu/{chart.name}.svg"


def plan(rnd: Round) -> dict[str, Chart]:
    """Site path -> chart of a figure group's totals (baocao.charts), for each that has a
    value to show; nothing drawn yet."""
    return {chart_path(c): c for c in charts.plan(rnd) if c.group is not None and not c.empty}


def chart_file(folder: Path, path: str) -> Path:
    """Where `draw` writes the chart published at site path `path`."""
    return folder / path.rsplit("/", 1)[-1]


def draw(planned: dict[str, Chart], folder: Path) -> None:
    """Write the planned charts as SVG files into folder (run in the background: see
    baocao.background). pygal reads its base style sheet by a name relative to the current
    folder before its own: it runs in folder (private to the build), so that no file of the
    workspace can stand in for it."""
    with contextlib.chdir(folder):
        for path, chart in planned.items():
            chart_file(folder, path).write_bytes(svg(chart))


def svg(chart: Chart) -> bytes:
    """One horizontal bar chart (pygal): a bar per year for each figure, each bar labelled
    with its value in Vietnamese notation; no script, no font or style from outside."""
    import pygal
    from pygal.style import Style

    css = Path(pygal.__file__).parent / "css"  # by full path: see draw
    style = Style(
        font_family=FONT,
        background="white",
        plot_background="white",
        colors=tuple(f"#{c}" for c in COLOURS),
        foreground="#333",
        foreground_strong="#111",
        foreground_subtle="#ddd",
        title_font_size=16,
        label_font_size=14,
        major_label_font_size=14,
        legend_font_size=14,
        value_font_size=14,
        value_label_font_size=14,
    )
    bars = len(chart.categories) * (len(chart.series) * 24 + 18)
    graph = pygal.HorizontalBar(
        style=style,
        width=WIDTH,
        height=75 + bars + (30 if len(chart.series) > 1 else 0),
        title=chart.caption,
        js=[],
        print_values=True,
        print_values_position="top",
        value_formatter=format_number,
        show_legend=len(chart.series) > 1,
        legend_at_bottom=True,
        legend_at_bottom_columns=len(chart.series),
        show_x_labels=False,
        show_y_guides=False,
        explicit_size=True,
        truncate_label=-1,
        truncate_legend=-1,
        show_minor_x_labels=False,
        x_label_rotation=0,
        range=(0, _room(chart, WIDTH)),
        margin=12,
        spacing=8,
        css=[
            f"file://{css / 'style.css'}",
            f"file://{css / 'graph.css'}",
            f"inline:#chart-{chart.name} .text-overlay text.value {{ text-anchor: start; transform: translateX(5px); }}",
        ],
    )
    graph.uuid = (
        chart.name
    )  # pygal names the chart's ids and styles after a random UUID: same input, same bytes
    graph.add_xml_filter(_bare)
    graph.x_labels = list(
        reversed(chart.categories)
    )  # pygal draws the first at the bottom; the tables list it on top
    for name, values in chart.series:
        graph.add(name, list(reversed(values)))
    return graph.render()


def _room(chart: Chart, width: int) -> float:
    """The end of the value axis: past the largest value by as much as its label needs (each
    value is written just past the end of its bar; see the inline style of svg)."""
    largest = max((v for _, values in chart.series for v in values), default=0) or 1
    label_px = 8.0 * max(len(format_number(v)) for _, values in chart.series for v in values) + 12
    plot_px = max(width - 7.5 * max(map(len, chart.categories), default=0) - 40, 120)
    return largest / max(1 - label_px / plot_px, 0.4)


def _bare(root):
    """Without what pygal adds for itself: the <script> of settings for its tooltips (a
    picture needs none) and the comment that dates the file (same input, same bytes)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


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
