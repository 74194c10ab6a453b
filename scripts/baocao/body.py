"""The Markdown body of a submission: its headings (with file lines) and the text between them."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from baocao.mdparse import parser
from baocao.text import collapse, heading_key, without_comments

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*)|[ \t]*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_PLACEHOLDER_LINE = re.compile(r"^\s*[*_]*\(\s*chưa viết\s*:[^)]*\)[*_]*\s*$", re.I)
# the templates' own placeholder with the report typed on after it, on the same line
_PLACEHOLDER_START = re.compile(
    r"^(?P<indent>[ \t]*)(?P<open>[*_]*)\(\s*chưa viết\s*:\s*thay (?:đoạn|dòng) này bằng nội dung"
    r" báo cáo\.?\s*\)(?P<close>[*_]*)(?![*_])[ \t]*(?=\S)",
    re.I | re.M,
)
# an HTML tag as CommonMark reads one (not an autolink "<https://…>" or "<a@b.vn>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_PICTURE = re.compile(r"!\[|<img\b", re.I)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_SHOWN = ("text", "code_inline", "code_block", "fence", "html_inline", "html_block")
_INLINE = re.compile(r"(\*\*|__|`|\\(?=[^\w\s]))")
# HTML blocks (CommonMark 4.6): headings inside them are not headings
_HTML_1 = re.compile(r"^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)", re.I)
_HTML_2 = re.compile(r"^ {0,3}<!--")
_HTML_6 = re.compile(
    r"^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    r"dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
    r"iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|"
    r"table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|/?>|$)",
    re.I,
)
_HTML_7 = re.compile(
    r"""^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>"""
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"
)


def html_block_end(line: str, paragraph: bool) -> str | None:
    """If line starts an HTML block: what ends it ("" for a blank line); else None."""
    m = _HTML_1.match(line)
    if m:
        return f"</{m.group(1).lower()}>"
    if _HTML_2.match(line):
        return "-->"
    if _HTML_6.match(line) or (not paragraph and _HTML_7.match(line)):
        return ""
    return None


# first characters that may start something other than paragraph text
_SPECIAL = frozenset(" \t#`~=-*+>|<0123456789") | {""}
_BLOCK_START = re.compile(r"^ {0,3}(?:[-*+]\s|\d+[.)]\s|>|#|\||`{3}|~{3}|<)")


@dataclass(frozen=True)
class Heading:
    index: int  # 0-based line index in the body where the heading starts
    end: int  # 0-based index of the first line after the heading
    level: int
    text: str
    key: str = ""  # heading_key(text), computed once

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", heading_key(self.text))


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


@dataclass(frozen=True)
class Block:
    """Lines read as they are, not as Markdown: a fenced code block, an HTML block, a comment."""

    kind: str  # "fence", "html", "comment"
    start: int  # 0-based index of its first line
    end: int | None  # index of its last line; None: never closed, it runs to the end


def scan_headings(lines: list[str]) -> list[Heading]:
    """Headings of a body given as its lines."""
    return _scan_lines(lines, [])


def literal_blocks(lines: list[str]) -> list[Block]:
    """The fenced code, HTML and comment blocks of a body, found by the heading scanner."""
    blocks: list[Block] = []
    _scan_lines(lines, blocks)
    return blocks


def literal_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines inside fenced code, HTML and comment blocks."""
    return {
        i
        for block in literal_blocks(lines)
        for i in range(block.start, len(lines) if block.end is None else block.end + 1)
    }


def _scan_lines(lines: list[str], blocks: list[Block]) -> list[Heading]:
    headings: list[Heading] = []
    fence: str | None = None
    html_end: str | None = None  # inside an HTML block: the text that ends it ("" = a blank line)
    opened = 0  # the line where the open fence or HTML block started
    paragraph = False  # previous line is paragraph text (a setext heading may follow)
    for index, line in enumerate(lines):
        if html_end is not None:
            kind = "comment" if html_end == "-->" else "html"
            if html_end == "":
                if not line.strip():
                    html_end, paragraph = None, False
            elif html_end in line.lower():
                html_end = None
            if html_end is None:
                blocks.append(Block(kind, opened, index))
            continue
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
                blocks.append(Block("fence", opened, index))
            continue
        first = line[:1]
        if first not in _SPECIAL:  # ordinary paragraph text: the common case, decided at once
            paragraph = True
            continue
        if not line.strip():
            paragraph = False
            continue
        if first in " <" and "<" in line[:4]:
            end = html_block_end(line, paragraph)
            if end is not None:
                start = line.index("<") + 4 if end == "-->" else line.index("<") + 1
                if end and end in line[start:].lower():
                    end = None  # opened and closed on this line
                html_end, paragraph, opened = end, False, index
                continue
        if first in " \t`~":
            m = _FENCE.match(line)
            if m:
                fence, opened = m.group(1), index
                paragraph = False
                continue
            if not paragraph and (line.startswith("    ") or first == "\t"):
                continue  # indented code
        if first in " #":
            m = _ATX.match(line)
            if m:
                headings.append(
                    Heading(
                        index,
                        index + 1,
                        len(m.group(1)),
                        plain_heading(_drop_closing(m.group(2) or "")),
                    )
                )
                paragraph = False
                continue
        if paragraph and first in " =-" and _SETEXT.match(line):
            start = index - 1
            floor = headings[-1].end if headings else 0
            while (
                start > floor
                and lines[start - 1].strip()
                and not _BLOCK_START.match(lines[start - 1])
            ):
                start -= 1
            text = " ".join(lines[start:index])
            headings.append(
                Heading(start, index + 1, 1 if line.strip()[0] == "=" else 2, plain_heading(text))
            )
            paragraph = False
            continue
        paragraph = not _BLOCK_START.match(line) or (
            paragraph and not line.lstrip().startswith(("#", ">"))
        )
    if html_end is not None:
        blocks.append(Block("comment" if html_end == "-->" else "html", opened, None))
    elif fence:
        blocks.append(Block("fence", opened, None))
    return headings


def strip_placeholder(markdown: str) -> tuple[str, bool]:
    """Markdown without the "(Chưa viết: ...)" placeholder lines; and whether there was one.

    Only a line that is the placeholder and nothing else is removed: a sentence of the
    report that happens to say "chưa viết" stays.
    """
    if "viết" not in markdown and "VIẾT" not in markdown:
        return markdown.strip("\n"), False
    found = False
    kept = []
    for line in markdown.split("\n"):
        if _PLACEHOLDER_LINE.match(line):
            found = True
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n"), found


def strip_typed_after_placeholder(markdown: str) -> tuple[str, bool]:
    """Markdown without the template's placeholder where text follows it on its line (in
    Word, typed at the end of the placeholder instead of over it); and whether there was one.
    An emphasis opened before the placeholder and closed after the text is kept."""

    def keep(m: re.Match) -> str:
        return m.group("indent") + ("" if m.group("close") else m.group("open"))

    text, count = _PLACEHOLDER_START.subn(keep, markdown)
    return text, count > 0


def has_text(markdown: str) -> bool:
    """Whether a reader sees something: "&nbsp;", "<br>", "-" or "---" alone leave a part
    unwritten; "✓", "—" or "`<br>`" are written."""
    text = without_comments(markdown)
    if _PICTURE.search(text) or _LETTER_OR_DIGIT.search(html.unescape(_TAG.sub("", text))):
        return True
    if not text.strip():
        return False
    for token in parser().parse(text):  # what the site shows: the rare part with no letter
        for shown in [token, *(token.children or [])]:
            if shown.type == "image":
                return True
            if shown.type in _SHOWN:
                content = shown.content
                if shown.type.startswith("html"):
                    content = html.unescape(_TAG.sub("", content))
                if any(unicodedata.category(c)[0] not in "ZC" for c in content):
                    return True
    return False
