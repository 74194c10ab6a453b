"""The charts of a round as data: submission status, then each figure group's totals by year."""

from __future__ import annotations

from dataclasses import dataclass

from baocao.messages import STATUS_LABELS
from baocao.workspace import STATUS_ORDER, Round

# "1.234.567" whatever the reader's locale (a plain "#,##0" would follow the locale of Word)
NUMBER_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"  # up to 999.999.999: see _scale
COLOURS = (
    "1F4E79",
    "C55A11",
    "548235",
    "7F6000",
)  # one per series (year), in the site and the DOCX
MAX_HEIGHT_MM = 220  # the text block of an A4 page is 257 mm high, and the caption goes below


@dataclass(frozen=True)
class Chart:
    """One bar chart: categories down the side, one bar per series in each."""

    name: str  # unique in the round, numbered: "bieu-do-2-ket-qua"
    caption: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (name, one value per category)
    number_format: str = NUMBER_FORMAT  # how Word and its workbook show the values
    group: str | None = None  # the figure group charted; None for the submission status
    unit: str = ""  # the unit of the values as shown (after _scale)

    @property
    def file(self) -> str:
        """The placeholder image the DOCX lays out where the chart goes."""
        return f"{self.name}.png"

    @property
    def height_mm(self) -> float:
        """7 mm a bar; never taller than a page can hold (a chart cannot run on to the next),
        the bars are thinner then."""
        bars = len(self.categories) * (len(self.series) * 7 + 5)
        return min(18 + bars + (8 if len(self.series) > 1 else 0), MAX_HEIGHT_MM)

    @property
    def empty(self) -> bool:
        """No value to draw: every total is 0 (or nothing was reported)."""
        return not any(value for _, values in self.series for value in values)


def plan(rnd: Round) -> list[Chart]:
    """The charts of the round with their data, in the order the report shows them."""
    status = Chart(
        "bieu-do-1-tinh-hinh-nop",
        "Tình hình nộp báo cáo của các cơ quan",
        tuple(STATUS_LABELS[s] for s in STATUS_ORDER),
        (("Số cơ quan", tuple(float(rnd.count(s)) for s in STATUS_ORDER)),),
        r'0" cơ quan"',
        unit="cơ quan",
    )
    charts = [status]
    totals = rnd.figure_totals()
    years = rnd.campaign.years
    for group in rnd.campaign.figure_groups:
        units: dict[str, list] = {}
        for f in group.fields:
            units.setdefault(f.unit, []).append(f)
        for unit, fields in units.items():
            largest = max(
                (totals.get((year, f.key), 0) for f in fields for year in years), default=0
            )
            scale, shown = _scale(unit, largest)
            series = tuple(
                (str(year), tuple(totals.get((year, f.key), 0) / scale for f in fields))
                for year in years
            )
            charts.append(
                Chart(
                    f"bieu-do-{len(charts) + 1}-{group.id.replace('_', '-')}",
                    f"{group.title} ({shown}): tổng của các cơ quan theo năm",
                    tuple(f.label for f in fields),
                    series,
                    group=group.id,
                    unit=shown,
                )
            )
    return charts


def _scale(unit: str, largest: float) -> tuple[float, str]:
    """The divisor and unit a chart shows its numbers in: money in millions (or billions)
    of đồng, other counts as they are unless they pass the 999.999.999 NUMBER_FORMAT shows."""
    steps = (
        ((1e6, "triệu đồng"), (1e9, "tỷ đồng"))
        if unit == "đồng"
        else ((1, unit), (1e3, f"nghìn {unit}"), (1e6, f"triệu {unit}"))
    )
    for divisor, shown in steps:
        if largest / divisor < 1e9:
            return divisor, shown
    return steps[-1]
