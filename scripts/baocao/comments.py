"""HTML comments that hide part of a report: one left open, or one that takes in headings."""

from __future__ import annotations

import re

from baocao.messages import render
from baocao.problems import WARNING, Problem
from baocao.submission import Submission
from baocao.text import shorten

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPEN = re.compile(r"^ {0,3}<!--")  # an HTML block of comment (CommonMark 4.6, kind 2)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S.*)$")


def comment_problems(sub: Submission) -> list[Problem]:
    """A comment block runs to the first line holding `-->`: a `<!--` never closed hides the
    rest of the report, one closed by a later note's `-->` what lies between, on the site and
    in the DOCX alike."""
    if "<!--" not in sub.body:
        return []
    lines = sub.body.split("\n")
    problems: list[Problem] = []
    fence: str | None = None
    start: int | None = None  # the open comment's first line
    hidden: str | None = None  # the first heading inside it
    for index, line in enumerate(lines):
        if start is not None:
            if hidden is None and (m := _HEADING.match(line)):
                hidden = m.group(1).strip(" #")
            if "-->" in line:
                if hidden:
                    values = {"title": shorten(hidden, 60), "last": sub.file_line(index)}
                    problems.append(_problem(sub, start, "comment-headings", values))
                start = None
            continue
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if (m := _FENCE.match(line)) is not None:
            fence = m.group(1)
        elif _OPEN.match(line) and "-->" not in line[line.index("<!--") + 4 :]:
            start, hidden = index, None
    if start is not None:
        last = max((i for i, line in enumerate(lines) if line.strip()), default=start)
        problems.append(_problem(sub, start, "comment-open", {"last": sub.file_line(last)}))
    return problems


def _problem(sub: Submission, index: int, code: str, values: dict) -> Problem:
    return Problem(sub.file, sub.file_line(index), code, render(code, **values), WARNING)
