"""Links, images and raw HTML of a submission.

Links and images must stay inside the submission's own folder and images must exist (the
site and the DOCX read them from there); images on other hosts are refused (building the
DOCX would fetch them). Raw HTML blocks show on the site but cannot go into the DOCX, so
they are reported rather than lost silently.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from baocao.body import html_block_end
from baocao.messages import render
from baocao.problems import ERROR, WARNING, Problem
from baocao.submission import Submission

_TARGET = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]^][^\]]*)\]:\s*<?([^\s>]+)>?")
# <img src=...> and <a href=...>: what the site and the DOCX would load or link (other tags are removed)
_HTML_ATTR = re.compile(
    r"""<(img|a)\b[^>]*?\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I
)
_ANY_REF = re.compile(r"\[[^\]^\n][^\]\n]*\]:")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def link_problems(sub: Submission, agency_id: str) -> list[Problem]:
    problems: list[Problem] = []
    body = sub.body
    has_reference = (
        "]:" in body and _ANY_REF.search(body) is not None
    )  # footnotes ([^1]:) are not links
    if "](" not in body and "<" not in body and not has_reference:
        return (
            problems  # no link, reference or HTML at all: the common case, decided without a scan
        )
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body) if "<!--" in body else body
    image_refs = {m.casefold() for m in re.findall(r"!\[[^\]]*\]\[([^\]]*)\]", body)}
    fence = None
    for index, line in enumerate(body.split("\n")):
        m = _FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
            continue
        if fence:
            continue
        line_no = sub.file_line(index)
        targets = [(bang == "!", target) for bang, target in _TARGET.findall(line)]
        ref = _REF_DEF.match(line)
        if ref:
            targets.append((ref.group(1).casefold() in image_refs, ref.group(2)))
        for attr in _HTML_ATTR.finditer(line):
            targets.append(
                (
                    attr.group(1).lower() == "img",
                    next(g for g in attr.groups()[1:] if g is not None),
                )
            )
        for is_image, target in targets:
            problem = _check(sub, agency_id, target, is_image, line_no)
            if problem:
                problems.append(problem)
        if "<" in line[:4] and html_block_end(line, False) is not None:
            tag = _TAG_NAME.search(line)
            problems.append(
                Problem(
                    sub.file,
                    line_no,
                    "html-raw",
                    render("html-raw", tag=tag.group(0) + ">" if tag else "<"),
                    WARNING,
                )
            )
    return problems


def _check(
    sub: Submission, agency_id: str, target: str, is_image: bool, line: int
) -> Problem | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        if is_image:
            return Problem(
                sub.file,
                line,
                "image-remote",
                render("image-remote", target=target, agency=agency_id),
                ERROR,
            )
        return None  # links to other sites: the site decides what it shows
    if target.startswith("#"):
        return None
    path = unquote(parts.path).replace("\\", "/")
    if not path:
        return None
    normal = posixpath.normpath(path)
    if path.startswith("/") or not (normal == agency_id or normal.startswith(agency_id + "/")):
        return Problem(
            sub.file,
            line,
            "link-outside",
            render("link-outside", target=target, agency=agency_id),
            ERROR,
        )
    local = sub.path.parent / normal
    if is_image and not local.is_file():
        return Problem(
            sub.file,
            line,
            "image-missing",
            render("image-missing", target=target, agency=agency_id),
            ERROR,
        )
    if local.exists() and not local.resolve().is_relative_to(
        (sub.path.parent / agency_id).resolve()
    ):
        # a symbolic link to a file elsewhere: neither the site nor the DOCX publishes it
        return Problem(
            sub.file,
            line,
            "link-symlink",
            render("link-symlink", target=target, agency=agency_id),
            ERROR,
        )
    return None
