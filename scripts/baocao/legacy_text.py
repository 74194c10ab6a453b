"""Lines of a Markdown report typed in a legacy Vietnamese encoding (TCVN3, VNI)."""

from __future__ import annotations

import re

from baocao.messages import render
from baocao.problems import WARNING, Problem
from baocao.text import shorten

# letters only Unicode Vietnamese text has (legacy text is made of Latin-1 and ASCII)
_UNICODE_VIETNAMESE = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9\u0300-\u036f]")
_LATIN1 = re.compile("[\u00a1-\u00ff]")


def legacy_problems(file: str, body_lines: list[str], first_line: int) -> list[Problem]:
    """A warning for each body line that reads as TCVN3 or VNI; first_line: the file line
    of body_lines[0]."""
    suspects = [
        (index, line)
        for index, line in enumerate(body_lines)
        if not line.isascii() and _LATIN1.search(line) and not _UNICODE_VIETNAMESE.search(line)
    ]
    if not suspects:
        return []
    from baocao.importer import legacy  # python-docx is loaded only when a line is suspect

    problems = []
    for index, line in suspects:
        encoding = legacy.detect(line)
        if encoding:
            problems.append(
                Problem(
                    file,
                    first_line + index,
                    "legacy-encoding",
                    render(
                        "legacy-encoding",
                        encoding=legacy.NAMES[encoding],
                        text=shorten(legacy.convert(line, encoding), 120),
                    ),
                    WARNING,
                )
            )
    return problems
