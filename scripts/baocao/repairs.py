"""Characters people cannot see or tell apart, found where a report is read."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from baocao.messages import phrase
from baocao.text import strip_numbering

SPECIAL_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_SPECIAL = f"[{SPECIAL_SPACES}]"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")  # U+FFFE/F: not in XML
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# embeddings, overrides and isolates: they change the order in which a reader sees the text
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_SUSPECT_FRONT = re.compile(f"[{SPECIAL_SPACES}{ZERO_WIDTH}“”„‟‘’‚‛]")
_INDENT = re.compile(f"^[ {SPECIAL_SPACES}]*{_SPECIAL}[ {SPECIAL_SPACES}]*")
# `key:` or `- key:` or `-` followed by special spaces (the indentation is already plain); a
# key has no spaces, so a special space after a colon inside a value is left alone
_AFTER_INDICATOR = re.compile(
    rf"^( *(?:-[ ]+)?[^\s:#'\"“”‘’-][^\s:#]*:|( *)-)({_SPECIAL}[ {SPECIAL_SPACES}]*)(?=\S|$)"
)
_CURLY = re.compile(
    r"^(?P<head> *(?:- +)?(?:[^\s:#'\"“”‘’-][^\s:#]*: +)?)"
    r"(?:(?P<d1>[“”„‟\"])(?P<dv>[^“”„‟\"]*)(?P<d2>[“”„‟\"])"
    r"|(?P<s1>[‘’‚‛'])(?P<sv>[^‘’‚‛']*)(?P<s2>[‘’‚‛']))"
    r"(?P<tail> *(?: #.*)?)$"
)
_HEADING_SUSPECT = re.compile(rf"^ {{0,3}}#{{1,6}}(?:{_SPECIAL}|[^\s#])", re.M)
_HEADING_START = re.compile(rf"^( {{0,3}}#{{1,6}})({_SPECIAL}[ \t{SPECIAL_SPACES}]*|(?=\w))(.*)$")


@dataclass(frozen=True)
class Repair:
    """One repaired or removed character: 1-based line and column in the text given."""

    code: str  # "space-special", "zero-width", "quotes-curly", "heading-space-special",
    # "heading-no-space", "control-character", "bidi-control", "entity-invisible"
    line: int
    column: int
    detail: str = ""  # the value read (quotes), the heading (headings), the character (controls),
    # the reference as written (entities)
    before: str = ""  # controls: the text before the character on its line
    after: str = ""  # controls: the text after it


def remove_controls(text: str) -> tuple[str, list[Repair]]:
    """text without control characters (other than tab and line feed), and where each was."""
    if not _CONTROL.search(text):
        return text, []
    found = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        for m in _CONTROL.finditer(line):
            before = _CONTROL.sub("", line[: m.start()])
            after = _CONTROL.sub("", line[m.end() :])
            found.append(
                Repair("control-character", index + 1, m.start() + 1, m.group(), before, after)
            )
    return _CONTROL.sub("", text), found


def remove_bidi(text: str) -> tuple[str, list[Repair]]:
    """text without bidirectional controls, and where each was."""
    if not _BIDI.search(text):
        return text, []
    found = []
    for index, line in enumerate(text.split("\n")):
        chars = _BIDI.findall(line)  # one warning a line: they come in pairs (LRE … PDF)
        if chars:
            column = _BIDI.search(line).start() + 1  # type: ignore[union-attr]
            found.append(Repair("bidi-control", index + 1, column, "".join(chars)))
    return _BIDI.sub("", text), found


_ENTITY = re.compile(r"(?<!\\)&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")  # "\&#27;" is text


def invisible_entities(text: str) -> list[Repair]:
    """`&#x202E;`, `&#27;`, `&#8203;`: character references that write a control, a
    bidirectional control or a zero-width character into every output (not removed: an
    error says where)."""
    if "&#" not in text:
        return []
    found = []
    for index, line in enumerate(text.split("\n")):
        for m in _ENTITY.finditer(line):
            code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
            char = chr(code) if code < 0x110000 else ""
            if char and (_CONTROL.match(char) or _BIDI.match(char) or char in ZERO_WIDTH):
                found.append(Repair("entity-invisible", index + 1, m.start() + 1, m.group()))
    return found


def clean_values(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Remove control characters and bidirectional controls from every string of data (what
    YAML made of escapes like "\\e" or "\\u202e"); yields the path and the first one removed."""
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        if isinstance(value, str):
            m = _CONTROL.search(value) or _BIDI.search(value)
            if m:
                data[key] = _BIDI.sub("", _CONTROL.sub("", value))  # type: ignore[index]
                yield path + (key,), m.group()
        else:
            yield from clean_values(value, path + (key,))


def repair_front_matter(text: str) -> tuple[str, list[Repair]]:
    """Front-matter text with special spaces and curly quotes repaired (same lines)."""
    if not _SUSPECT_FRONT.search(text):
        return text, []
    found: list[Repair] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not _SUSPECT_FRONT.search(line) or line.lstrip(" " + SPECIAL_SPACES).startswith("#"):
            continue
        zero = _ZERO_WIDTH.search(line)
        if zero:  # nothing to see and nothing to keep, in a field's name or its value
            found.append(Repair("zero-width", index + 1, zero.start() + 1))
            line = _ZERO_WIDTH.sub("", line)
        m = _INDENT.match(line)
        if m:
            column = next(i for i, c in enumerate(line) if c in SPECIAL_SPACES) + 1
            found.append(Repair("space-special", index + 1, column))
            line = " " * m.end() + line[m.end() :]
        m = _AFTER_INDICATOR.match(line)
        if m:
            found.append(Repair("space-special", index + 1, m.start(3) + 1))
            line = line[: m.start(3)] + " " * len(m.group(3)) + line[m.end(3) :]
        m = _CURLY.match(line)
        if m and _is_curly(m):
            value = m.group("dv") if m.group("d1") else m.group("sv")
            column = m.end("head") + 1
            found.append(Repair("quotes-curly", index + 1, column, value))
            line = m.group("head") + json.dumps(value, ensure_ascii=False) + m.group("tail")
        lines[index] = line
    return "\n".join(lines), found


def _is_curly(m: re.Match) -> bool:
    pair = (m.group("d1") or m.group("s1")) + (m.group("d2") or m.group("s2"))
    return pair not in ('""', "''")


def repair_headings(
    lines: list[str], scan: Callable[[list[str]], list]
) -> tuple[list[str], list[Repair]]:
    """Body lines with `###`+special space and `###3.` made headings, where the heading
    scanner (`scan`, given the repaired lines) then finds a heading there (not in code)."""
    text = "\n".join(lines)
    if not _HEADING_SUSPECT.search(text):
        return lines, []
    candidates: dict[int, tuple[str, Repair]] = {}
    for index, line in enumerate(lines):
        m = _HEADING_START.match(line)
        if not m:
            continue
        hashes, gap, rest = m.groups()
        if gap:
            code = "heading-space-special"
        elif rest[:1].isalnum() and strip_numbering(rest) != rest.strip():
            code = "heading-no-space"
        else:
            continue
        fixed = f"{hashes} {rest}"
        column = len(hashes) + 1
        candidates[index] = (fixed, Repair(code, index + 1, column, rest.strip()))
    if not candidates:
        return lines, []
    repaired = list(lines)
    for index, (fixed, _) in candidates.items():
        repaired[index] = fixed
    headings = {h.index for h in scan(repaired) if h.end == h.index + 1}
    found = []
    for index, (_, repair) in sorted(candidates.items()):
        if index in headings:
            found.append(repair)
        else:
            repaired[index] = lines[index]
    return repaired, found


def control_name(char: str) -> str:
    """ESC, BEL…: the name people may find when they search for the character."""
    names = {"\x1b": "ESC", "\x07": "BEL", "\x08": "BS", "\x0b": "VT", "\x0c": "FF", "\x00": "NUL"}
    return names.get(char) or unicodedata.name(char, "") or phrase("code-point", number=ord(char))
