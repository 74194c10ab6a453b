"""Tables whose rows do not fit their header, and tables that did not become tables."""

from __future__ import annotations

import re

from baocao.body import literal_lines
from baocao.messages import render
from baocao.problems import ERROR, WARNING, Problem
from baocao.submission import Submission
from baocao.text import shorten

_DELIMITER_ROW = re.compile(r"^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)*(?:\|\s*)?$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")  # a list item's marker before its table
_QUOTES = re.compile(r"^(?: {0,3}>[ \t]?)+")  # the block quote levels' markers


def cells(line: str) -> list[str]:
    """The cells of a table row as the table rule splits it: on "|" not escaped, the outer
    pipes dropped."""
    found, current, escaped = [], "", False
    for char in line.strip():
        if char == "|" and not escaped:
            found.append(current)
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    found.append(current)
    if found and found[0] == "":
        found.pop(0)
    if found and found[-1] == "":
        found.pop()
    return found


def table_problems(sub: Submission) -> list[Problem]:
    """A row with more cells than the header (the last ones are lost in every output), a row
    with fewer (left empty), a header and `|---|` row of different widths (no table at all).
    A table starts where a line with pipes is followed by a `|---|` row, and ends at a blank
    line or another quote level, as markdown-it, Python-Markdown and pandoc read it."""
    if "|" not in sub.body:
        return []
    lines = sub.body.split("\n")
    literal = literal_lines(lines)  # code, HTML, a comment: no table there
    depths = [0] * len(lines)  # a table in a block quote: its lines without the "> "
    for i, line in enumerate(lines):
        if ">" in line and (markers := _QUOTES.match(line)):
            lines[i], depths[i] = line[markers.end() :], markers.group().count(">")
    if any(depths):  # and code or HTML in a quote
        literal |= {i for i in literal_lines(lines) if depths[i]}
    problems: list[Problem] = []
    columns: int | None = None  # the open table's header cells
    for index, line in enumerate(lines):
        if index in literal:
            columns = None
            continue
        if columns is not None:
            if "|" in line and line.strip() and depths[index] == depths[index - 1]:
                count = len(cells(line))
                if count != columns:
                    problems.append(_row_problem(sub, index, cells(line), columns))
                continue
            columns = None
        same = index and depths[index] == depths[index - 1]
        header = _ITEM.sub("", lines[index - 1]) if same else ""
        if "|" in line and "|" in header and _DELIMITER_ROW.match(line):
            width, delimiter = len(cells(header)), len(cells(line))
            if width == delimiter:
                columns = width
                continue
            values = {"header": width, "delimiter": delimiter, "example": "|" + "---|" * width}
            message = render("table-not-read", **values)
            problems.append(
                Problem(sub.file, sub.file_line(index - 1), "table-not-read", message, WARNING)
            )
    return problems


def _row_problem(sub: Submission, index: int, source: list[str], columns: int) -> Problem:
    line = sub.file_line(index)
    if len(source) > columns:
        extra = shorten(" | ".join(c.strip() for c in source[columns:]), 60)
        message = render("table-cells-extra", count=len(source), columns=columns, extra=extra)
        return Problem(sub.file, line, "table-cells-extra", message, ERROR)
    message = render("table-cells-missing", count=len(source), columns=columns)
    return Problem(sub.file, line, "table-cells-missing", message, WARNING)
