"""HTML comments that hide part of a report: one left open, or one that takes in headings."""

from __future__ import annotations

import re

from baocao.mdparse import parser
from baocao.messages import render
from baocao.problems import WARNING, Problem
from baocao.submission import Submission
from baocao.text import shorten

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S.*)$", re.M)


def comment_problems(sub: Submission) -> list[Problem]:
    """A comment runs to its first `-->`: a `<!--` never closed hides the rest of the report,
    one closed by a later note's `-->` hides what lies between, on the site and in the DOCX."""
    if "<!--" not in sub.body:
        return []
    problems = []
    for token in parser().parse(sub.body):
        if token.type != "html_block" or not token.map:
            continue
        text = token.content.lstrip()
        if not text.startswith("<!--"):
            continue
        start, end = token.map
        line = sub.file_line(start)
        if "-->" not in text:
            message = render("comment-open", last=sub.file_line(end - 1))
            problems.append(Problem(sub.file, line, "comment-open", message, WARNING))
            continue
        hidden = _HEADING.search(text)
        if hidden:
            title = shorten(hidden.group(1).strip(" #"), 60)
            message = render("comment-headings", title=title, last=sub.file_line(end - 1))
            problems.append(Problem(sub.file, line, "comment-headings", message, WARNING))
    return problems
