"""A Word report as text for the pull request's job summary: a reviewer reads it there."""

from __future__ import annotations

import re

from baocao.messages import STATE_LABELS
from baocao.text import shorten
from baocao.workspace import AgencyReport, Round

FIRST_LINES = 2
LINE_LIMIT = 160
_TICKS = re.compile(r"`+")


def _first_lines(markdown: str) -> list[str]:
    lines = [" ".join(line.split()) for line in markdown.split("\n")]
    lines = [line for line in lines if line and not line.startswith("<!--")]
    return [shorten(line, LINE_LIMIT) for line in lines[:FIRST_LINES]]


def report_text(report: AgencyReport) -> list[str]:
    out: list[str] = []
    preamble = report.completeness.preamble if report.completeness else ""
    out += _first_lines(preamble)
    for part in report.parts:
        indent = "  " * (part.spec.depth - 1)
        out.append(f"{indent}[{STATE_LABELS[part.state]}] {shorten(part.spec.heading, 100)}")
        out += [f"{indent}    {line}" for line in _first_lines(part.content)]
    return out


def word_previews(rnd: Round) -> list[str]:
    """Job-summary Markdown: one folded block per Word submission of the round."""
    out: list[str] = []
    for report in rnd.reports:
        sub = report.submission
        if sub is None or sub.places is None or report.completeness is None:
            continue
        lines = report_text(report)
        longest = max((len(m) for line in lines for m in _TICKS.findall(line)), default=0)
        fence = "`" * max(3, longest + 1)
        out += [
            f"<details><summary>Nội dung tệp Word {sub.path.name} (chuyển thành văn bản)</summary>",
            "",
            fence + "text",
            *lines,
            fence,
            "",
            "</details>",
            "",
        ]
    return out
