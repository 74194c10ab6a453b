"""Footnote definitions inside a list, a block quote or an indented block: refused."""

from __future__ import annotations

import re

from baocao.body import literal_lines
from baocao.messages import render
from baocao.problems import ERROR, Problem
from baocao.submission import Submission

# "[^n]:" after what can open a container: spaces, ">", a list marker; at the margin (up to
# three spaces) it is an ordinary definition, which the outputs move to the end of its piece
_DEFINITION = re.compile(r"^((?:[ \t>]|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))*)\[\^([^\]\s]+)\]:")
_MARGIN = re.compile(r" {0,3}")


def note_problems(sub: Submission) -> list[Problem]:
    """Such a definition shows as an empty bullet or quote with the note elsewhere, and one
    that cites itself stops pandoc for good (a report must never hang the merged DOCX)."""
    if "[^" not in sub.body:
        return []
    lines = sub.body.split("\n")
    literal = literal_lines(lines)
    problems = []
    for index, line in enumerate(lines):
        m = _DEFINITION.match(line)
        if m and index not in literal and not _MARGIN.fullmatch(m.group(1)):
            code = "note-nested"
            message = render(code, label=m.group(2))
            problems.append(Problem(sub.file, sub.file_line(index), code, message, ERROR))
    return problems
