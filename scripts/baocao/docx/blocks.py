"""Markdown building blocks for the DOCX: escaped text, headings, tables, moved submission text."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from baocao.text import nfc

MAX_LEVEL = 9  # Word's Heading 1..9
MD_LEVELS = 6  # ATX headings; deeper levels are paragraphs styled "Heading 7".."Heading 9"

_ESCAPE = re.compile(
    r"""([\\`*_{}\[\]<>()#+\-.!|~^$&:@"'])"""
)  # ASCII punctuation Markdown may read
_NOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_NOTE_LABEL = re.compile(r"^\[\^[^\]\s]+\]:")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@lru_cache(maxsize=65536)  # names and outline titles recur once per agency
def escape(text: str) -> str:
    """Plain text (names, titles, figures) as Markdown that renders exactly that text."""
    return _ESCAPE.sub(r"\\\1", " ".join(nfc(str(text)).split()))


def heading(level: int, text: str, *, escaped: bool = False) -> str:
    body = text if escaped else escape(text)
    level = max(1, min(level, MAX_LEVEL))
    if level <= MD_LEVELS:
        return f"{'#' * level} {body}"
    return styled(f"Heading {level}", body)


def styled(style: str, markdown: str) -> str:
    """A block with a Word paragraph style (pandoc custom-style div)."""
    return f'::: {{custom-style="{style}"}}\n{markdown}\n:::'


def table(header: list[str], rows: list[list[str]], *, right: Collection[int] = ()) -> str:
    """A pipe table of plain-text cells; columns in `right` are right-aligned (numbers)."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(escape(c) if c else " " for c in cells) + " |"

    rule = "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


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
            mapping[label] = f"n{notes.counter[0]}"
        return f"[^{mapping[label]}]"

    text = _NOTE_REF.sub(rename, "\n".join(body))
    tail = [
        _NOTE_LABEL.sub(f"[^{new}]:", notes.definitions[label].lstrip(), count=1)
        for label, new in mapping.items()
    ]
    tail += ["\\" + block.lstrip() for label, block in blocks if label not in notes.cited]
    return text if not tail else text + "\n\n" + "\n\n".join(tail)
