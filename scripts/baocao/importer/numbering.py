"""Word automatic numbering (numPr): the label Word shows before a paragraph ("1.", "II.", "a)")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docx.oxml.ns import qn

BULLET = "bullet"
# Word's own ranges, which a file from outside may exceed: labels stay short and quick
LIST_LEVELS = 9  # levels of one list (0 to 8); a label counts every level above its own
LIST_NUMBER = 32_767  # the largest number Word starts a list at; Roman writes "M" per thousand


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[(n - 1) % 26] * ((n - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerLetter": _letter,
    "none": lambda n: "",
}


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str


def _number(text: str) -> int:
    """A list number as Word keeps it, 0 to LIST_NUMBER: labels stay short ("a" repeated)."""
    return min(max(int(text), 0), LIST_NUMBER)


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class Numbering:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, Level]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                if not 0 <= ilvl < LIST_LEVELS:
                    continue
                levels[ilvl] = Level(
                    _number(_val(lvl, "w:start", "1") or "1"),
                    _val(lvl, "w:numFmt", "decimal") or "decimal",
                    _val(lvl, "w:lvlText", "") or "",
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            levels = dict(abstract.get(_val(num, "w:abstractNumId") or "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = Level(_number(start), old.fmt, old.text)
            self._levels[num.get(qn("w:numId"), "")] = levels

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The next label of list `num_id` at level `ilvl`: "1.", "a)", BULLET, or None."""
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        level = levels[ilvl]
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == BULLET:
            return BULLET
        text = level.text
        for i in range(ilvl + 1):
            value = counters.get(i, levels[i].start if i in levels else 1)
            fmt = levels[i].fmt if i in levels else "decimal"
            text = text.replace(f"%{i + 1}", _FORMATS.get(fmt, str)(min(value, LIST_NUMBER)))
        return text.strip() or None
