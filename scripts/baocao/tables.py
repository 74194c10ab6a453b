"""Tables whose rows do not fit their header, and tables that did not become tables."""

from __future__ import annotations

import re

from baocao.mdparse import parser
from baocao.messages import render
from baocao.problems import ERROR, WARNING, Problem
from baocao.submission import Submission
from baocao.text import shorten

_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


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
    with fewer (left empty), a header and `|---|` row of different widths (no table at all)."""
    if "|" not in sub.body:
        return []
    lines = sub.body.split("\n")
    problems: list[Problem] = []
    tokens = parser().parse(sub.body)
    columns: int | None = None  # the header's cells, once its source agrees with the parser
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            columns = None
        elif token.type == "tr_open" and token.map:
            source = cells(lines[token.map[0]])
            if tokens[index - 1].type == "thead_open":
                parsed = 0
                for following in tokens[index + 1 :]:
                    if following.type == "tr_close":
                        break
                    parsed += following.type == "th_open"
                columns = parsed if parsed == len(source) else None  # else in a list or quote
            elif columns is not None and len(source) != columns:
                problems.append(_row_problem(sub, token.map[0], source, columns))
        elif token.type == "paragraph_open" and token.map and token.map[1] - token.map[0] >= 2:
            first, second = lines[token.map[0]], lines[token.map[0] + 1]
            if "|" in first and "|" in second and _DELIMITER_ROW.match(second):
                problems.append(
                    Problem(
                        sub.file,
                        sub.file_line(token.map[0]),
                        "table-not-read",
                        render(
                            "table-not-read",
                            header=len(cells(first)),
                            delimiter=len(cells(second)),
                            example="|" + "---|" * len(cells(first)),
                        ),
                        WARNING,
                    )
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
