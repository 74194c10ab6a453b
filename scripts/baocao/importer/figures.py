"""A Word report's "Số liệu" table (a row a figure, a column a year) as `so_lieu`, or a note."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baocao.campaign import Campaign
from baocao.importer.reader import Table
from baocao.messages import phrase
from baocao.text import collapse, fold

_UNIT = re.compile(r"\s*\([^)]*\)\s*$")
_NUMBER = re.compile(r"^-?\d{1,3}(?:[.,\s]\d{3})+$|^-?\d+$")


@dataclass
class Figures:
    index: int  # block index of the table
    rows: list[dict] = field(default_factory=list)  # so_lieu: one mapping a year
    unmatched: list[str] = field(default_factory=list)  # rows or cells not taken, as text
    repeated: list[str] = field(default_factory=list)  # a year or a figure written again

    @property
    def complete(self) -> bool:
        return not self.unmatched and not self.repeated


def _label(text: str) -> str:
    return fold(collapse(_UNIT.sub("", collapse(text)))).strip(" .:")


def _keys(cell: str) -> tuple[str, str]:
    return fold(collapse(cell)).strip(" .:"), _label(cell)


def _value(text: str) -> int | None:
    text = collapse(text)
    if not _NUMBER.match(text):
        return None
    return int(re.sub(r"[.,\s]", "", text))


def read_figures(campaign: Campaign, index: int, table: Table) -> Figures | None:
    """The figures of a table whose header has the round's years, or None for another table."""
    if len(table.rows) < 2:
        return None
    header = [collapse(c.plain) for c in table.rows[0]]
    years = [(i, int(h)) for i, h in enumerate(header) if h.isdigit() and int(h) in campaign.years]
    if not years:
        return None
    columns: dict[int, int] = {}
    found = Figures(index)
    for column, year in years:  # "2023 | 2023": the second column is not taken over the first
        if year in columns.values():
            found.repeated.append(phrase("figures-year", year=year))
        else:
            columns[column] = year
    labels: dict[str, str] = {}
    for f in campaign.figure_fields:  # "Tiền phạt", "Tiền phạt (đồng)", as written
        for text in (f.label, f"{f.label} ({f.unit})"):
            labels.setdefault(fold(collapse(text)).strip(" .:"), f.key)
        labels.setdefault(_label(f.label), f.key)
    values: dict[int, dict[str, int]] = {year: {} for year in columns.values()}
    for row in table.rows[1:]:
        cells = [collapse(c.plain) for c in row]
        key = next((labels[k] for c in cells for k in _keys(c) if k in labels), None)
        if key is None:
            if any(cells):
                found.unmatched.append(" | ".join(c for c in cells if c))
            continue
        for column, year in columns.items():
            text = cells[column] if column < len(cells) else ""
            if not text:
                continue
            value = _value(text)
            if value is None:
                found.unmatched.append(f"{' | '.join(c for c in cells if c)} ({year}: {text})")
            elif key in values[year]:  # a row written twice: the first one is taken
                label = cells[0] if cells[0] else key
                found.repeated.append(phrase("figures-row", label=label, year=year))
            else:
                values[year][key] = value
    found.rows = [{"nam": year, **vals} for year, vals in values.items() if vals]
    matched = len(table.rows) - 1 - len({u.split(" (")[0] for u in found.unmatched})
    return found if matched > 0 else None
