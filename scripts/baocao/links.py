"""Links and images of a submission must stay inside its own folder, and images must exist."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from baocao.messages import render
from baocao.problems import ERROR, Problem
from baocao.submission import Submission

_TARGET = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_SRC = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def link_problems(sub: Submission, agency_id: str) -> list[Problem]:
    problems = []
    fence = None
    if "](" not in sub.body and "src" not in sub.body and "href" not in sub.body:
        return problems  # no link at all: the common case, decided without a scan
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), sub.body) if "<!--" in sub.body else sub.body
    for index, line in enumerate(body.split("\n")):
        m = _FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
            continue
        if fence or ("](" not in line and "src" not in line and "href" not in line):
            continue
        targets = [(bang == "!", target) for bang, target in _TARGET.findall(line)]
        targets += [(True, target) for target in _HTML_SRC.findall(line)]
        for is_image, target in targets:
            problem = _check(sub, agency_id, target, is_image, sub.file_line(index))
            if problem:
                problems.append(problem)
    return problems


def _check(sub: Submission, agency_id: str, target: str, is_image: bool, line: int) -> Problem | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("#"):
        return None  # external links and anchors: the site decides what it shows
    path = unquote(parts.path)
    if not path:
        return None
    normal = posixpath.normpath(path)
    if path.startswith("/") or not (normal == agency_id or normal.startswith(agency_id + "/")):
        return Problem(sub.file, line, "link-outside", render("link-outside", target=target, agency=agency_id), ERROR)
    if is_image and not (sub.path.parent / normal).is_file():
        return Problem(sub.file, line, "image-missing", render("image-missing", target=target, agency=agency_id), ERROR)
    return None
