"""Charts of the merged report, drawn with matplotlib at build time.

Drawing takes a few seconds, mostly importing matplotlib, so it runs in a forked process
while pandoc converts the document: pandoc gets placeholder PNGs of the same pixel size
and resolution (so it lays them out the same), and layout.py puts the real PNGs in their
place afterwards. Where fork is unavailable the charts are drawn before pandoc runs.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from baocao.background import Job, JobError, can_fork
from baocao.docx.appendix import STATUS_ORDER, figure_totals
from baocao.messages import STATUS_LABELS
from baocao.text import format_number
from baocao.workspace import Round

DPI = 150
WIDTH_IN = 6.3
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000")


class ChartError(Exception):
    """The charts could not be drawn."""


@dataclass(frozen=True)
class Chart:
    file: str  # name inside the charts folder (on pandoc's resource path)
    caption: str
    height_in: float
    group: str | None = None  # figure group id; None for the status chart

    @property
    def pixels(self) -> tuple[int, int]:
        return int(WIDTH_IN * DPI), int(self.height_in * DPI)


def plan(rnd: Round) -> list[Chart]:
    """Which charts the report has, with their sizes, without drawing anything."""
    charts = [Chart("tinh-hinh-nop.png", "Tình hình nộp báo cáo của các cơ quan", 2.6)]
    for group in rnd.campaign.figure_groups:
        rows = -(-len(group.fields) // _columns(group))
        charts.append(Chart(f"so-lieu-{group.id}.png", f"{group.title}: tổng của các cơ quan theo năm", 2.3 * rows, group.id))
    return charts


def _columns(group) -> int:
    return min(3, len(group.fields))


class Drawing:
    """Charts being drawn into folder; `wait()` returns once every PNG is written."""

    def __init__(self, rnd: Round, folder: Path, charts: list[Chart]):
        self.folder, self.charts = folder, charts
        self._placeholders = can_fork()
        if self._placeholders:
            for chart in charts:
                write_placeholder(folder / f"placeholder-{chart.file}", chart)
        self._job = Job(draw, rnd, folder, charts, background=self._placeholders)

    def source(self, chart: Chart) -> str:
        """The file pandoc reads for this chart now."""
        return f"placeholder-{chart.file}" if self._placeholders else chart.file

    def wait(self) -> dict[str, Path]:
        """Map from the file name pandoc embedded to the real PNG."""
        try:
            self._job.wait()
        except JobError as error:
            raise ChartError(str(error)) from None
        return {self.source(c): self.folder / c.file for c in self.charts}

    def stop(self) -> None:
        self._job.stop()


def write_placeholder(path: Path, chart: Chart) -> None:
    """A blank PNG with the chart's pixel size and resolution (pHYs), unique per chart so
    pandoc does not merge two placeholders into one image."""
    width, height = chart.pixels
    per_metre = round(DPI / 0.0254)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x00" * ((width + 7) // 8) for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
                     + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
                     + chunk(b"tEXt", b"Title\x00" + chart.file.encode("ascii"))
                     + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))


def draw(rnd: Round, folder: Path, charts: list[Chart]) -> None:
    """Draw every planned chart into folder (Figure + Agg canvas: no pyplot global state)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    matplotlib.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9})
    totals = figure_totals(rnd)
    years = rnd.campaign.years
    groups = {g.id: g for g in rnd.campaign.figure_groups}
    for chart in charts:
        fig = Figure(figsize=(WIDTH_IN, chart.height_in), dpi=DPI)
        FigureCanvasAgg(fig)
        if chart.group is None:
            ax = fig.subplots()
            labels = [STATUS_LABELS[s] for s in STATUS_ORDER]
            values = [rnd.count(s) for s in STATUS_ORDER]
            bars = ax.barh(labels[::-1], values[::-1], color=COLOURS[0])
            ax.bar_label(bars, labels=[f"{v} cơ quan" for v in values[::-1]], padding=3)
            ax.xaxis.set_visible(False)  # every bar carries its value: an axis would only repeat it
            ax.spines[["top", "right", "bottom"]].set_visible(False)
            ax.margins(x=0.25)
            fig.subplots_adjust(left=0.3, right=0.95, top=0.97, bottom=0.03)
        else:
            # small multiples: one panel per figure on its own scale, one bar per year
            group = groups[chart.group]
            columns = _columns(group)
            rows = -(-len(group.fields) // columns)
            axes = fig.subplots(rows, columns, squeeze=False)
            for ax, f in zip(axes.flat, group.fields):
                scale, unit = (1_000_000, "triệu đồng") if f.unit == "đồng" else (1, f.unit)
                values = [totals.get((f.key, year), 0) / scale for year in years]
                bars = ax.bar([str(y) for y in years], values, color=COLOURS[: len(years)])
                ax.bar_label(bars, labels=[format_number(round(v)) for v in values], padding=2, fontsize=7)
                ax.set_title(_wrap(f"{f.label} ({unit})", 26), fontsize=8)
                ax.yaxis.set_visible(False)  # the bars carry their values
                ax.tick_params(labelsize=7)
                ax.spines[["top", "right", "left"]].set_visible(False)
                ax.margins(y=0.2)
            for ax in list(axes.flat)[len(group.fields):]:
                ax.set_visible(False)
            fig.subplots_adjust(left=0.04, right=0.98, top=1 - 0.5 / chart.height_in, bottom=0.25 / chart.height_in + 0.03,
                                wspace=0.45, hspace=0.6)
        fig.savefig(folder / chart.file, metadata={"Software": None})  # no version or date: same bytes


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])
