"""Links, images and raw HTML of a submission, found by the Markdown parser (mdparse)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from markdown_it.token import Token

from baocao.mdparse import parser
from baocao.messages import render
from baocao.problems import ERROR, WARNING, Problem
from baocao.submission import Submission
from baocao.targets import agency_files, resolve, why_not_published
from baocao.text import without_comments

_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:", re.M)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_SHOWN = 200  # characters of a target quoted in a message (data: URIs are long)


def link_problems(sub: Submission, agency_id: str) -> list[Problem]:
    body = sub.body
    if not _may_link(body):
        return []
    env: dict = {}
    tokens = parser().parse(body, env)
    found: list[tuple[bool, str, int]] = []  # (image?, target, body line index)
    problems: list[Problem] = []
    for token in tokens:
        line = token.map[0] if token.map else 0
        if token.type == "inline" and token.children:
            found += _inline_targets(token.children, line)
        elif token.type == "html_block":
            found += _html_targets(token.content, line)
            tag = _TAG_NAME.search(without_comments(token.content))
            if tag:  # not only comments
                problems.append(
                    Problem(
                        sub.file,
                        sub.file_line(line),
                        "html-raw",
                        render("html-raw", tag=tag.group(0) + ">", agency=agency_id),
                        WARNING,
                    )
                )
    used = {target for _, target, _ in found}
    for ref in env.get("references", {}).values():
        if ref["href"] not in used:  # a definition no link uses: judged as a link
            found.append((False, ref["href"], ref["map"][0] if ref.get("map") else 0))
    files: dict[str, Path] | None = None
    for image, target, index in found:
        decision = resolve(target, agency_id, image=image)
        if decision.kind in ("web", "anchor", "empty"):
            continue
        code, kind = decision.refused, ""
        if decision.kind == "local":
            if files is None:
                files = agency_files(sub.path.parent, agency_id)
            if decision.path in files:
                continue
            code = why_not_published(sub.path.parent, decision.path) or "link-missing"
            if code == "link-missing" and image:
                code = "image-missing"
            kind = decision.path.rsplit(".", 1)[-1].upper()
        shown = unquote(target)  # markdown-it percent-encodes what the author wrote
        shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"
        problems.append(
            Problem(
                sub.file,
                sub.file_line(index),
                code,
                render(code, target=shown, agency=agency_id, kind=kind),
                ERROR,
            )
        )
    return problems


def _may_link(body: str) -> bool:
    """Whether the parser could find a link, image or HTML: an inline link needs "](", HTML
    and autolinks "<", a reference a definition "]:" that is not a footnote's ("[^1]:")."""
    if "](" in body or "<" in body:
        return True
    ends = body.count("]:")
    return ends > 0 and ends != len(_FOOTNOTE_DEF.findall(body))


def _inline_targets(children: list[Token], line: int) -> list[tuple[bool, str, int]]:
    """Targets of one inline token's children; the line advances at each line break."""
    out: list[tuple[bool, str, int]] = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_open":
            out.append((False, str(child.attrGet("href") or ""), line))
        elif child.type == "image":
            out.append((True, str(child.attrGet("src") or ""), line))
            if child.children:  # images inside the alt text
                out += [(i, t, line) for i, t, _ in _inline_targets(child.children, line)]
        elif child.type == "html_inline":
            out += _html_targets(child.content, line)
        elif child.type in ("text", "code_inline"):
            line += child.content.count("\n")
    return out


class _Tags(HTMLParser):
    """`<img src>` and `<a href>` of raw HTML: what the site shows and the DOCX embeds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[bool, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"img": "src", "a": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.found.append((tag == "img", value, self.getpos()[0] - 1))

    handle_startendtag = handle_starttag


def _html_targets(html: str, line: int) -> list[tuple[bool, str, int]]:
    tags = _Tags()
    # "<!" (an unclosed comment, a declaration, CDATA) fed as text: images and links are
    # tags, and Python's parser raises AssertionError on a malformed declaration ("<![<![")
    # and, before 3.11.13, reads to the end again from each unclosed "<!--"
    tags.feed(without_comments(html).replace("<!", "&lt;!"))
    tags.close()
    return [(image, target, line + offset) for image, target, offset in tags.found]
