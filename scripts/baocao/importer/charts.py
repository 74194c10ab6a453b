"""A Word chart (Insert > Chart) as the data it draws: its title and a table of its series."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CHART = _C + "chart"


@dataclass
class ChartData:
    title: str
    header: list[str]  # "", then each series' name
    rows: list[list[str]]  # a category, then each series' value for it


def _points(node) -> dict[int, str]:
    out: dict[int, str] = {}
    if node is not None:
        for point in node.iter(_C + "pt"):
            value = point.find(_C + "v")
            out[int(point.get("idx", "0"))] = (value.text or "") if value is not None else ""
    return out


def _number(text: str) -> str:
    """A cached value as Vietnamese writes it: 1234.5 -> "1.234,5"; other text as is."""
    try:
        value = float(text)
    except ValueError:
        return text
    if value != value or value in (float("inf"), float("-inf")):
        return text
    if value.is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = repr(abs(value)).partition(".")
    if "e" in frac or "e" in whole:
        return text
    sign = "-" if value < 0 else ""
    return sign + f"{int(whole):,}".replace(",", ".") + "," + frac


def read_chart(blob: bytes) -> ChartData | None:
    """The data of a chart part, or None when it holds none."""
    try:
        root = etree.fromstring(
            blob, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return None
    title_node = root.find(f"{_C}chart/{_C}title")
    title = (
        "".join(t.text or "" for t in title_node.iter(_A + "t")) if title_node is not None else ""
    )
    names: list[str] = []
    columns: list[dict[int, str]] = []
    categories: dict[int, str] = {}
    for series in root.iter(_C + "ser"):
        name = series.find(_C + "tx")
        names.append(" ".join(_points(name).values()) if name is not None else "")
        for tag in ("cat", "xVal"):
            categories = categories or _points(series.find(_C + tag))
        values = series.find(_C + "val")
        columns.append(_points(values if values is not None else series.find(_C + "yVal")))
    indices = sorted(set(categories).union(*columns)) if columns else []
    if not indices:
        return None
    rows = [
        [categories.get(i, "")] + [_number(column.get(i, "")) for column in columns]
        for i in indices
    ]
    return ChartData(" ".join(title.split()), [""] + names, rows)
