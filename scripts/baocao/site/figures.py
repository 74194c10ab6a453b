"""Figures of the round: totals by year, tables by agency, charts made with matplotlib (SVG)."""

from __future__ import annotations

import io
from pathlib import Path

from baocao.campaign import FigureField, FigureGroup
from baocao.site import html as h
from baocao.site.htmlpage import HtmlPage
from baocao.site.markdown import Fragments, esc, front_matter, table
from baocao.text import format_number
from baocao.workspace import AgencyReport, Round


def agency_table(rnd: Round, report: AgencyReport, fragments: Fragments, body: HtmlPage) -> None:
    found = rnd.figures(report)
    if not found:
        return
    years = rnd.campaign.years
    rows = [[h.escape(f.label), h.escape(f.unit)] + [format_number(found.get((y, f.key))) for y in years]
            for f in rnd.campaign.figure_fields if any((y, f.key) in found for y in years)]
    body.heading(2, "Số liệu")
    body.p(fragments.raw(h.table(["Chỉ tiêu", "Đơn vị"] + [str(y) for y in years], rows, ["l", "l"] + ["r"] * len(years))))


def chart_path(group: FigureGroup) -> str:
    return f"so-lieu/{group.id.replace('_', '-')}.svg"


def _chart(group: FigureGroup, years: tuple[int, ...], sums: dict) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fields = list(group.fields)
    fig = Figure(figsize=(8, 0.6 + 0.55 * len(fields) * max(1, len(years)) / 2 + 0.8))
    ax = fig.add_subplot()
    height = 0.8 / max(1, len(years))
    for i, year in enumerate(years):
        positions = [k + i * height for k in range(len(fields))]
        bars = ax.barh(positions, [sums.get((year, f.key), 0) for f in fields], height=height, label=str(year))
        ax.bar_label(bars, labels=[format_number(sums.get((year, f.key), 0)) for f in fields], padding=3, fontsize=8)
    ax.set_yticks([k + height * (len(years) - 1) / 2 for k in range(len(fields))],
                  [f"{f.label} ({f.unit})" for f in fields], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_number(x)))
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.tick_params(axis="x", labelsize=8)
    ax.margins(x=0.2)
    ax.set_title(group.title, fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def plan(rnd: Round) -> dict[str, FigureGroup]:
    """Site path -> figure group, one chart per group with any reported value (nothing drawn)."""
    sums = rnd.figure_totals()
    years = rnd.campaign.years
    return {chart_path(g): g for g in rnd.campaign.figure_groups if any((y, f.key) in sums for y in years for f in g.fields)}


def chart_file(folder: Path, path: str) -> Path:
    """Where `draw` writes the chart published at site path `path`."""
    return folder / path.rsplit("/", 1)[-1]


def draw(rnd: Round, charts: dict[str, FigureGroup], folder: Path) -> None:
    """Write the planned charts as SVG files into folder (run in the background: see baocao.background)."""
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "baocao"  # stable ids: same input, same bytes
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text, drawn with the page's font
    sums = rnd.figure_totals()
    for path, group in charts.items():
        chart_file(folder, path).write_bytes(_chart(group, rnd.campaign.years, sums))


def _field_table(rnd: Round, field: FigureField, fragments: Fragments) -> list[str]:
    years = rnd.campaign.years
    rows, sums = [], {y: 0 for y in years}
    for report in rnd.reports:
        found = rnd.figures(report)
        if not any((y, field.key) in found for y in years):
            continue
        for y in years:
            sums[y] += found.get((y, field.key), 0)
        target = f"../co-quan/{report.agency.id}/"
        rows.append([h.a(report.agency.name, target)] + [format_number(found.get((y, field.key))) for y in years])
    if not rows:
        return []
    rows.append(["<strong>Tổng cộng</strong>"] + [f"<strong>{format_number(sums[y])}</strong>" for y in years])
    body = h.table(["Cơ quan"] + [str(y) for y in years], rows, ["l"] + ["r"] * len(years))
    return [f'??? info "{field.label} ({field.unit}): {len(rows) - 1} cơ quan báo cáo"', "",
            "    " + fragments.raw(body), ""]


def page(rnd: Round, chart_files: dict[str, FigureGroup], fragments: Fragments) -> str:
    c = rnd.campaign
    sums = rnd.figure_totals()
    reporting = sum(1 for r in rnd.reports if rnd.figures(r))
    out = [front_matter("Số liệu"), "# Số liệu", "",
           f"Tổng hợp số liệu của {reporting} cơ quan có báo cáo đạt yêu cầu kiểm tra. "
           "Báo cáo chưa nộp hoặc chưa đạt yêu cầu không được cộng.", ""]
    for group in c.figure_groups:
        out += [f"## {esc(group.title)}", ""]
        chart = chart_path(group)
        if chart in chart_files:  # HTML: the file is written into the site last, MkDocs does not know it
            image = f'<img alt="{h.escape("Biểu đồ: " + group.title)}" src="{h.escape(chart.split("/", 1)[1])}">'
            out += [fragments.raw(h.p(image)), ""]
        rows = [[esc(f.label), esc(f.unit)] + [format_number(sums.get((y, f.key), 0)) for y in c.years] for f in group.fields]
        out += [table(["Chỉ tiêu", "Đơn vị"] + [f"Tổng {y}" for y in c.years], rows, ["l", "l"] + ["r"] * len(c.years)), ""]
        out += ["Theo từng cơ quan:", ""]
        for f in group.fields:
            out += _field_table(rnd, f, fragments)
    return "\n".join(out)
