"""HTML comments that hide part of a report: one left open, or one that takes in headings."""

from __future__ import annotations

import re

from baocao.body import literal_blocks
from baocao.messages import render
from baocao.problems import WARNING, Problem
from baocao.submission import Submission
from baocao.text import shorten

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S.*)$")


def comment_problems(sub: Submission) -> list[Problem]:
    """A comment block runs to the first line holding `-->`: a `<!--` never closed hides the
    rest of the report, one closed by a later note's `-->` what lies between, on the site and
    in the DOCX alike."""
    if "<!--" not in sub.body:
        return []
    lines = sub.body.split("\n")
    problems: list[Problem] = []
    for block in literal_blocks(lines):
        if block.kind != "comment":
            continue
        if block.end is None:
            last = max((i for i, line in enumerate(lines) if line.strip()), default=block.start)
            problems.append(_problem(sub, block.start, "comment-open", last=sub.file_line(last)))
            continue
        hidden = next(
            (
                m.group(1)
                for line in lines[block.start + 1 : block.end]
                if (m := _HEADING.match(line))
            ),
            None,
        )
        if hidden:
            title, last = shorten(hidden.strip(" #"), 60), sub.file_line(block.end)
            problems.append(_problem(sub, block.start, "comment-headings", title=title, last=last))
    return problems


def _problem(sub: Submission, index: int, code: str, **values: object) -> Problem:
    return Problem(sub.file, sub.file_line(index), code, render(code, **values), WARNING)
