"""The DOCX's own blocks as pandoc's document tree (JSON), and report text moved with its notes."""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from baocao.text import nfc

# pandoc-types of the pinned pandoc (pypandoc-binary 1.17: pandoc 3.9); checked by a test
API_VERSION = [1, 23, 1, 1]
MAX_LEVEL = 9  # Word's Heading 1..9
MD_LEVELS = 6  # pandoc headings; deeper levels are paragraphs styled "Heading 7".."Heading 9"

Node = dict[str, Any]
NO_ATTR: list = ["", [], []]

_NOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_NOTE_LABEL = re.compile(r"^\[\^[^\]\s]+\]:")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# Renamed note labels: unique in the merged document and unguessable, so that a reference a
# report cites without defining it stays text, as written (an agency's pieces are read together)
_NOTE_LABEL_PREFIX = f"bc{secrets.token_hex(6)}-"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def text(value: object) -> list[Node]:
    """Plain text as one Str, whitespace runs made one space (as Markdown reads it). Word gets
    the same run as from words and Spaces; pandoc reads a third of the JSON."""
    words = " ".join(nfc(str(value)).split())
    return [{"t": "Str", "c": words}] if words else []


def para(value: object) -> Node:
    return {"t": "Para", "c": text(value)}


def styled(style: str, value: object) -> Node:
    """A paragraph of plain text in a Word paragraph style (pandoc custom-style div)."""
    inlines = text(value)
    return {
        "t": "Div",
        "c": [
            ["", [], [["custom-style", style]]],
            [{"t": "Para", "c": inlines}] if inlines else [],
        ],
    }


def heading(level: int, value: object) -> Node:
    level = max(1, min(level, MAX_LEVEL))
    if level > MD_LEVELS:
        return styled(f"Heading {level}", value)
    return {"t": "Header", "c": [level, NO_ATTR, text(value)]}


def placeholder(chunk: str, n: int, level: int) -> Node:
    """Where piece n of report text goes, its headings at `level` or below (confine.lua)."""
    return {"t": "Div", "c": [["", [chunk], [["n", str(n)], ["level", str(level)]]], []]}


def places(document: Node, chunk: str) -> list[list[int]]:
    """[index of the block from 1, piece number, level] of every placeholder of the document."""
    out = []
    for index, block in enumerate(document["blocks"], 1):
        if block["t"] == "Div" and chunk in block["c"][0][1]:
            values = dict(block["c"][0][2])
            out.append([index, int(values["n"]), int(values["level"])])
    return out


def figure(caption: str, src: str) -> Node:
    """An image with a numbered caption ("Hình")."""
    words = text(caption)
    image = {"t": "Image", "c": [NO_ATTR, words, [src, ""]]}
    return {"t": "Figure", "c": [NO_ATTR, [None, [{"t": "Plain", "c": words}]], [_plain([image])]]}


def _plain(inlines: list[Node]) -> Node:
    return {"t": "Plain", "c": inlines}


def table(header: list[str], rows: list[list[str]], *, right: Collection[int] = ()) -> Node:
    """A table of plain-text cells; columns in `right` are right-aligned (numbers)."""

    def row(cells: list[str]) -> list:
        return [NO_ATTR, [[NO_ATTR, {"t": "AlignDefault"}, 1, 1, _cell(c)] for c in cells]]

    specs = [
        [{"t": "AlignRight" if i in right else "AlignDefault"}, {"t": "ColWidthDefault"}]
        for i in range(len(header))
    ]
    head = [NO_ATTR, [row(header)]]
    body = [NO_ATTR, 0, [], [row(r) for r in rows]]
    return {"t": "Table", "c": [NO_ATTR, [None, []], specs, head, [body], [NO_ATTR, []]]}


def _cell(value: str) -> list[Node]:
    inlines = text(value)
    return [_plain(inlines)] if inlines else []


def document(blocks: list[Node]) -> Node:
    """A pandoc document of blocks; headings get short identifiers ("h1", "h2"…), their bookmark
    names in Word (the table of contents links to them)."""
    headings = (block for block in blocks if block["t"] == "Header")
    for number, block in enumerate(headings, 1):
        block["c"][1] = [f"h{number}", [], []]
    return {"pandoc-api-version": API_VERSION, "meta": {}, "blocks": blocks}


@dataclass
class NoteSet:
    """The footnotes of one submission, so every chunk can carry the notes it cites."""

    counter: list[int]  # last note number used in the whole document
    definitions: dict[str, str] = field(default_factory=dict)  # label -> definition block
    cited: set[str] = field(default_factory=set)  # labels cited anywhere in the submission

    @classmethod
    def collect(cls, texts: list[str], counter: list[int]) -> NoteSet:
        notes = cls(counter)
        for text in texts:
            body, blocks = _split_notes(text.split("\n"))
            for label, block in blocks:
                notes.definitions.setdefault(label, block)
            notes.cited.update(_NOTE_REF.findall("\n".join(body)))
        return notes


def _split_notes(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The lines without footnote definitions, and the definitions (label, block)."""
    if not any("[^" in line for line in lines):  # no definition can start here
        return lines, []
    kept: list[str] = []
    blocks: list[tuple[str, str]] = []
    i, fence = 0, None
    while i < len(lines):
        line = lines[i]
        fence = _toggle_fence(line, fence)
        m = None if fence else _NOTE_DEF.match(line)
        if not m:
            kept.append(line)
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (
            _indented(lines[j])
            or not lines[j].strip()
            and j + 1 < len(lines)
            and _indented(lines[j + 1])
        ):
            j += 1
        blocks.append((m.group(1), "\n".join(lines[i:j])))
        i = j
    return kept, blocks


def _indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def _toggle_fence(line: str, fence: str | None) -> str | None:
    if fence:
        stripped = line.strip()
        return None if stripped.startswith(fence) and set(stripped) == {fence[0]} else fence
    m = _FENCE.match(line)
    return m.group(1) if m else None


def relocate(markdown: str, notes: NoteSet) -> str:
    """Submission text carrying its footnotes, to be read on its own (confine.lua).

    Footnote labels are renumbered so they are unique in the merged document, and the piece
    carries the definitions of the notes it cites, wherever the author wrote them. A
    definition nobody cites (invisible in the original) is kept as visible text: nothing is
    lost.
    """
    if "[^" not in markdown:  # no footnote: nothing to renumber
        return markdown
    body, blocks = _split_notes(markdown.split("\n"))
    mapping: dict[str, str] = {}

    def rename(m: re.Match) -> str:
        label = m.group(1)
        if label not in notes.definitions:
            return m.group(0)
        if label not in mapping:
            notes.counter[0] += 1
            mapping[label] = f"{_NOTE_LABEL_PREFIX}{notes.counter[0]}"
        return f"[^{mapping[label]}]"

    text = _NOTE_REF.sub(rename, "\n".join(body))
    tail = [
        _NOTE_LABEL.sub(f"[^{new}]:", notes.definitions[label].lstrip(), count=1)
        for label, new in mapping.items()
    ]
    tail += ["\\" + block.lstrip() for label, block in blocks if label not in notes.cited]
    return text if not tail else text + "\n\n" + "\n\n".join(tail)
