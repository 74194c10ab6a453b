"""What in a report, or in its folder, is over a limit of baocao.limits: problems."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from baocao import limits
from baocao.body import literal_blocks
from baocao.entries import EntryError, read_regular
from baocao.messages import IMAGE_HEADER_REASONS, render
from baocao.pixels import KINDS, HeaderError, dimensions
from baocao.problems import Problem
from baocao.text import format_number

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTES = re.compile(r"(?: {0,3}>[ \t]?)+")
_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_NEXT_ITEM = re.compile(r" {0,3}([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$")
_INLINE = re.compile(r"\\.|!\[|\[|\]|\*+|_+|~~+|<!--")
# an HTML start or end tag, as far as its name (it may close on a later line)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
# elements that never hold others (void) or are closed by the next of their kind, or ignored
# outside a table (optional end tags): they add no depth of their own
_FLAT_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "colgroup",
        "option",
        "optgroup",
        "rb",
        "rp",
        "rt",
        "rtc",
    ]
)
# a run of non-ASCII characters long enough to hold more combining marks than allowed
_LONG_NON_ASCII = re.compile(rf"[^\x00-\x7f]{{{limits.COMBINING_MARKS + 1},}}")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
CODES = {  # limit -> problem code
    "heading": "limit-heading-chars",
    "block": "limit-block-depth",
    "bracket": "limit-bracket-depth",
    "links": "limit-paragraph-links",
    "comments": "limit-paragraph-comments",
    "emphasis": "limit-emphasis-depth",
    "marks": "limit-emphasis-marks",
    "rows": "limit-table-rows",
    "cells": "limit-table-cells",
    "images": "limit-image-references",
    "lists": "limit-lists",
    "html": "limit-html-depth",
    "combining": "limit-combining-marks",
}
_BODY_CODES = frozenset(CODES.values())


def over_body_limit(problem: Problem) -> bool:
    """A body over this limit is not parsed further (links, outline): the parse would be slow."""
    return problem.code in _BODY_CODES


@dataclass
class _Table:
    line: int  # body index of the header row
    columns: int
    rows: int = 1


@dataclass
class _Body:
    """The measuring pass: running depths, the table being read, what was found."""

    lines: list[str]
    found: dict[str, tuple[int, int, dict]] = field(
        default_factory=dict
    )  # kind -> (index, size, values)
    items: list[int] = field(default_factory=list)  # content columns of the open list items
    bracket: int = 0
    emphasis: int = 0
    marks: int = 0  # delimiter runs of the paragraph
    links: int = 0  # "[" and "![" of the paragraph
    comments: int = 0  # "<!--" of the paragraph (closed ones were taken out before)
    deepest: dict[str, int] = field(default_factory=dict)  # the paragraph's deepest depths
    passed: dict[str, int] = field(default_factory=dict)  # where the paragraph passed a limit
    table: _Table | None = None
    images: int = 0
    after_blank: bool = True
    lists: int = 0  # lists started, nested ones included (pandoc's DOCX writer: quadratic)
    in_list: bool = False
    marker_indent: int = 0
    html: int = 0  # HTML elements open (never fewer than a browser would have open)
    html_deepest: int = 0
    html_passed: int | None = None  # the line where they first passed limits.HTML_DEPTH

    def exceed(self, kind: str, index: int, size: int, limit: int, **values: object) -> None:
        if size > limit and kind not in self.found:
            self.found[kind] = (index, size, values)

    def run(self) -> None:
        fence = None
        for index, line in enumerate(self.lines):
            if not line.isascii():
                self.combining(index, line)
            if fence:
                stripped = line.strip()
                if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                    fence = None
                continue
            self.html_tags(index, line)
            opened = _FENCE.match(line)
            heading = _ATX.match(line)
            if opened or heading or not line.strip():
                self.in_list = self.in_list and not (heading or opened) or line.startswith(" ")
                self.end_paragraph()
                self.end_table()
                fence = opened.group(1) if opened else None
                self.after_blank = not line.strip()
                if heading:
                    self.inline(index, line)
                    self.end_paragraph()
                continue
            if not _BREAK.match(line):
                self.containers(index, line.expandtabs(4) if "\t" in line else line)
            self.table_row(index, line)
            self.inline(index, line)
            self.after_blank = False
        self.end_paragraph()
        self.end_table()
        if self.html_passed is not None:
            self.exceed("html", self.html_passed, self.html_deepest, limits.HTML_DEPTH)

    def combining(self, index: int, line: str) -> None:
        """Combining marks in a row, code included: pandoc's reader sees every line."""
        longest = 0
        for candidate in _LONG_NON_ASCII.finditer(line):
            run = 0
            for char in candidate.group(0):
                run = run + 1 if unicodedata.combining(char) else 0
                longest = max(longest, run)
        self.exceed("combining", index, longest, limits.COMBINING_MARKS)

    def html_tags(self, index: int, line: str) -> None:
        if "<" not in line:
            return
        for tag in _TAG.finditer(line):
            if tag.group(2).lower() in _FLAT_TAGS:
                continue
            self.html = max(0, self.html - 1) if tag.group(1) else self.html + 1
            if self.html > self.html_deepest:
                self.html_deepest = self.html
                if self.html > limits.HTML_DEPTH and self.html_passed is None:
                    self.html_passed = index

    def containers(self, index: int, line: str) -> None:
        quotes = _QUOTES.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end() :] if quotes else line
        item = _ITEM.match(rest)
        if item and not self.after_blank and not self.interrupts(item, rest):
            item = None  # the paragraph goes on: "2." or "    -" under text (CommonMark 5.3)
        if item:
            self.end_paragraph()  # a new list item is a new block
            indent = len(item.group(1))
            if not self.in_list or indent > self.marker_indent:
                self.lists += 1
            self.in_list, self.marker_indent = True, indent
            while self.items and self.items[-1] > indent:
                self.items.pop()
            self.items.append(item.end())
            at = item.end()
            while nested := _NEXT_ITEM.match(rest, at):  # "- - - text"
                self.items.append(nested.end())
                self.lists += 1
                at = nested.end()
            self.exceed("lists", index, self.lists, limits.LISTS)
        elif self.after_blank:  # a paragraph after a blank line, left of an item, ends it
            indent = len(rest) - len(rest.lstrip(" "))
            self.in_list = self.in_list and indent >= 2
            while self.items and self.items[-1] > indent:
                self.items.pop()
        self.exceed("block", index, depth + len(self.items), limits.BLOCK_DEPTH)

    def interrupts(self, item: re.Match, rest: str) -> bool:
        """Whether a list marker right under paragraph text starts an item: in a list, one
        indented as an item may be; a new list only with "-", "+", "*" or "1." and text."""
        indent = len(item.group(1))
        if indent > (self.items[-1] if self.items else 0) + 3:
            return False
        if self.in_list:
            return True
        marker = item.group(2)
        first = marker in "-+*" or int(marker[:-1]) == 1
        return first and bool(rest[item.end() :].strip())

    def table_row(self, index: int, line: str) -> None:
        if self.table:
            self.end_paragraph()
            self.table.rows += 1
        elif (
            "|" in line
            and index > 0
            and "|" in self.lines[index - 1]
            and _DELIMITER_ROW.match(line)
        ):
            columns = line.strip().strip("|").count("|") + 1
            self.end_paragraph()
            self.table = _Table(index - 1, columns)

    def end_table(self) -> None:
        table, self.table = self.table, None
        if table:
            cells = table.rows * table.columns
            self.exceed("rows", table.line, table.rows, limits.TABLE_ROWS)
            self.exceed(
                "cells",
                table.line,
                cells,
                limits.TABLE_CELLS,
                rows=format_number(table.rows),
                columns=format_number(table.columns),
            )

    def inline(self, index: int, line: str) -> None:
        for token in _INLINE.finditer(line):
            text = token.group(0)
            if text[0] == "\\":
                continue
            if text in ("[", "!["):
                self.bracket += 1
                self.deeper("bracket", index, self.bracket, limits.BRACKET_DEPTH)
                self.links += 1
                self.deeper("links", index, self.links, limits.PARAGRAPH_LINKS)
                if text == "![":
                    self.images += 1
                    self.exceed("images", index, self.images, limits.IMAGE_REFERENCES)
            elif text == "]":
                self.bracket = max(0, self.bracket - 1)
            elif text == "<!--":
                self.comments += 1
                self.deeper("comments", index, self.comments, limits.PARAGRAPH_COMMENTS)
            else:
                self.emphasis = max(0, self.emphasis + _emphasis_step(line, token, self.emphasis))
                self.deeper("emphasis", index, self.emphasis, limits.EMPHASIS_DEPTH)
                self.marks += 1
                self.deeper("marks", index, self.marks, limits.EMPHASIS_MARKS)

    def deeper(self, kind: str, index: int, depth: int, limit: int) -> None:
        if depth > self.deepest.get(kind, 0):
            self.deepest[kind] = depth
            if depth > limit:
                self.passed.setdefault(kind, index)

    def end_paragraph(self) -> None:
        """Depths are reported with the deepest of the paragraph, at the line passing the limit."""
        for kind, index in self.passed.items():
            self.exceed(kind, index, self.deepest[kind], _PARAGRAPH_LIMITS[kind])
        self.deepest, self.passed, self.bracket, self.emphasis, self.marks = {}, {}, 0, 0, 0
        self.links = self.comments = 0


_PARAGRAPH_LIMITS = {
    "bracket": limits.BRACKET_DEPTH,
    "links": limits.PARAGRAPH_LINKS,
    "comments": limits.PARAGRAPH_COMMENTS,
    "emphasis": limits.EMPHASIS_DEPTH,
    "marks": limits.EMPHASIS_MARKS,
}


def _emphasis_step(line: str, token: re.Match, depth: int) -> int:
    """How much a delimiter run opens (+) or closes (-): CommonMark's flanking rules."""
    run = token.group(0)
    before = line[token.start() - 1] if token.start() else " "
    after = line[token.end()] if token.end() < len(line) else " "
    left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
    right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
    step = 1 if run[0] == "~" else (len(run) + 1) // 2
    if left and right:
        return 0 if run[0] == "_" else (-step if depth else step)
    return step if left else -step if right else 0


def _punct(char: str) -> bool:
    return char in _PUNCT or unicodedata.category(char).startswith(("P", "S"))


def report_problems(file: str, body_lines: list[str], body_start: int, headings) -> list[Problem]:
    """The limits a report's body passes: heading length, nesting, tables, images."""
    # comment blocks (a line starting "<!--", to the line holding "-->") are not read as
    # Markdown and cost nothing; a "<!--" after text is, to the paragraph's end, and what
    # follows that paragraph is read, whatever "-->" comes later
    lines = list(body_lines)
    for block in literal_blocks(lines):
        if block.kind == "comment":
            last = len(lines) - 1 if block.end is None else block.end
            lines[block.start : last + 1] = [""] * (last + 1 - block.start)
    measure = _Body(lines)
    for heading in headings:
        measure.exceed("heading", heading.index, len(heading.text), limits.HEADING_CHARS)
    measure.run()
    limit_of = {
        "heading": limits.HEADING_CHARS,
        "block": limits.BLOCK_DEPTH,
        "bracket": limits.BRACKET_DEPTH,
        "links": limits.PARAGRAPH_LINKS,
        "comments": limits.PARAGRAPH_COMMENTS,
        "emphasis": limits.EMPHASIS_DEPTH,
        "marks": limits.EMPHASIS_MARKS,
        "rows": limits.TABLE_ROWS,
        "cells": limits.TABLE_CELLS,
        "images": limits.IMAGE_REFERENCES,
        "lists": limits.LISTS,
        "html": limits.HTML_DEPTH,
        "combining": limits.COMBINING_MARKS,
    }
    problems = []
    for kind, (index, size, values) in measure.found.items():
        message = render(
            CODES[kind],
            size=format_number(size),
            limit=format_number(limit_of[kind]),
            **values,
        )
        problems.append(Problem(file, body_start + index, CODES[kind], message))
    return sorted(problems, key=Problem.sort_key)


def folder_problems(folder: str, files: list[tuple[str, Path, int]]) -> list[Problem]:
    """Images and attachments of a report's folder over their limits; files: (shown, path,
    size) of every regular file under it."""
    problems = []
    total = sum(size for _, _, size in files)
    if total > limits.FOLDER_BYTES:
        problems.append(
            _problem(folder, "limit-folder-bytes", total, limits.FOLDER_BYTES, path=folder + "/")
        )
    for shown, path, size in files:
        suffix = path.suffix.lower()
        if suffix not in KINDS:
            if size > limits.FILE_BYTES:
                problems.append(_problem(shown, "limit-attachment-bytes", size, limits.FILE_BYTES))
            continue
        if size > limits.IMAGE_BYTES:
            problems.append(_problem(shown, "limit-image-bytes", size, limits.IMAGE_BYTES))
            continue
        problems.extend(_image_problems(shown, path, suffix))
    return problems


def _image_problems(shown: str, path: Path, suffix: str) -> list[Problem]:
    try:
        width, height = dimensions(read_regular(path, limits.IMAGE_BYTES), suffix)
    except EntryError as error:  # replaced since the folder was read
        return [Problem(shown, None, error.code, error.message(shown))]
    except (HeaderError, OSError) as error:
        reason = str(error) if isinstance(error, HeaderError) else "unreadable"
        detail = IMAGE_HEADER_REASONS[reason]
        message = render("limit-image-unreadable", detail=detail, kind=KINDS[suffix])
        return [Problem(shown, None, "limit-image-unreadable", message)]
    if width * height > limits.IMAGE_PIXELS:
        return [
            _problem(
                shown,
                "limit-image-pixels",
                width * height,
                limits.IMAGE_PIXELS,
                width=format_number(width),
                height=format_number(height),
            )
        ]
    return []


def _problem(file: str, code: str, size: int, limit: int, **values: object) -> Problem:
    message = render(code, size=format_number(size), limit=format_number(limit), **values)
    return Problem(file, None, code, message)
