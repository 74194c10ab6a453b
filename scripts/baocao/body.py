"""The Markdown body of a submission: its headings (with file lines) and the text between them.

A line scanner rather than a full Markdown parse: the checker runs over every submission on
every pull request, and the scan costs a fraction of parsing the front matter. It follows
CommonMark for ATX (`## Title`) and setext (underlined) headings and skips fenced and
indented code; tests compare it with markdown-it-py on the sample set and on edge cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from baocao.text import collapse, heading_key

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*)|[ \t]*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PLACEHOLDER = re.compile(r"[(\[]\s*chưa viết\b[^)\]]*[)\]]", re.I)
_INLINE = re.compile(r"(\*\*|__|`|\\(?=[^\w\s]))")
# first characters that may start something other than paragraph text
_SPECIAL = frozenset(" \t#`~=-*+>|<0123456789") | {""}
_BLOCK_START = re.compile(r"^ {0,3}(?:[-*+]\s|\d+[.)]\s|>|#|\||`{3}|~{3}|<)")


@dataclass(frozen=True)
class Heading:
    index: int  # 0-based line index in the body where the heading starts
    end: int  # 0-based index of the first line after the heading
    level: int
    text: str

    @property
    def key(self) -> str:
        return heading_key(self.text)


@lru_cache(maxsize=65536)
def plain_heading(raw: str) -> str:
    return collapse(_INLINE.sub("", raw))


def _drop_closing(text: str) -> str:
    """`## Title ##` -> `Title` (the optional closing sequence of an ATX heading)."""
    text = text.rstrip(" \t")
    if text.endswith("#"):
        bare = text.rstrip("#")
        if not bare or bare[-1] in " \t":
            return bare.rstrip(" \t")
    return text


def scan_headings(lines: list[str]) -> list[Heading]:
    """Headings of a body given as its lines."""
    return _scan_lines(lines)


def _scan_lines(lines: list[str]) -> list[Heading]:
    headings: list[Heading] = []
    fence: str | None = None
    paragraph = False  # previous line is paragraph text (a setext heading may follow)
    for index, line in enumerate(lines):
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        first = line[:1]
        if first not in _SPECIAL:  # ordinary paragraph text: the common case, decided at once
            paragraph = True
            continue
        if not line.strip():
            paragraph = False
            continue
        if first in " \t`~":
            m = _FENCE.match(line)
            if m:
                fence = m.group(1)
                paragraph = False
                continue
            if not paragraph and (line.startswith("    ") or first == "\t"):
                continue  # indented code
        if first in " #":
            m = _ATX.match(line)
            if m:
                headings.append(Heading(index, index + 1, len(m.group(1)), plain_heading(_drop_closing(m.group(2) or ""))))
                paragraph = False
                continue
        if paragraph and first in " =-" and _SETEXT.match(line):
            start = index - 1
            floor = headings[-1].end if headings else 0
            while start > floor and lines[start - 1].strip() and not _BLOCK_START.match(lines[start - 1]):
                start -= 1
            text = " ".join(lines[start:index])
            headings.append(Heading(start, index + 1, 1 if line.strip()[0] == "=" else 2, plain_heading(text)))
            paragraph = False
            continue
        paragraph = not _BLOCK_START.match(line) or (paragraph and not line.lstrip().startswith(("#", ">")))
    return headings


def strip_placeholder(markdown: str) -> tuple[str, bool]:
    """Markdown without the "(Chưa viết ...)" placeholder lines; and whether there was one."""
    if "viết" not in markdown and "VIẾT" not in markdown:
        return markdown.strip("\n"), False
    found = False
    kept = []
    for line in markdown.split("\n"):
        if _PLACEHOLDER.search(line):
            rest = _PLACEHOLDER.sub("", line).strip(" \t*_>-")
            found = True
            if not rest:
                continue
            line = _PLACEHOLDER.sub("", line)
        kept.append(line)
    return "\n".join(kept).strip("\n"), found


def has_text(markdown: str) -> bool:
    if "<!--" in markdown:
        markdown = _COMMENT.sub("", markdown)
    return bool(markdown.strip())
