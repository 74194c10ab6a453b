"""Which paragraphs are section titles, and which part of the agency's outline each one is."""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass

from baocao.completeness import NEAR_MATCH, PartSpec
from baocao.importer.numbering import BULLET
from baocao.importer.reader import TEXT, Para, Segment, Table
from baocao.text import heading_key

MAX_TITLE = 300  # characters: longer bold paragraphs are text, unless they are an outline title
_NUMBERED = re.compile(
    r"^\s*(?:(?P<part>phần\s+(?:\d+|[ivxlc]+))\s*[.:]?"
    r"|(?P<roman>[IVXLC]+)\s*[.)]"
    r"|(?P<decimal>\d+(?:\s*\.\s*\d+)*)\s*[.)]"
    r"|(?P<letter>[a-zđ])\s*\))"
    r"(?=\s|$)",
    re.IGNORECASE,
)


@dataclass
class Title:
    index: int  # block index
    para: Para
    level: int
    spec: PartSpec | None = None
    near: bool = False


def numbering_rank(text: str) -> int | None:
    """Outline depth a numbering suggests: PHẦN 1, I 2, 1. 3, 1.1. 4, a) 5."""
    m = _NUMBERED.match(text)
    if not m:
        return None
    if m.group("part"):
        return 1
    if m.group("roman"):
        return 2
    if m.group("decimal"):
        return min(6, 2 + m.group("decimal").count(".") + 1)
    return 5


def split_run_in_titles(blocks: list[Para | Table], specs: list[PartSpec]) -> list[Para | Table]:
    """ "Nguyên nhân chủ quan: nhận thức của ..." in one paragraph, an outline title run in
    before the text (bold, numbered or a heading): a title paragraph, then one of the text."""
    keys = {spec.key for spec in specs}
    out: list[Para | Table] = []
    for block in blocks:
        split = _run_in(block, keys) if isinstance(block, Para) else None
        out.extend(split or [block])
    return out


def _run_in(para: Para, keys: set[str]) -> list[Para | Table] | None:
    if para.label == BULLET:
        return None
    body = "".join(s.text for s in para.segments if s.kind == TEXT)
    colon = body.find(":")
    if colon <= 0 or not body[colon + 1 :].strip():
        return None
    title = f"{para.label or ''} {body[:colon]}".strip()
    if heading_key(title) not in keys:
        return None
    head: list[Segment] = []
    rest: list[Segment] = []
    seen = 0  # characters of text before the segment
    for seg in para.segments:
        if seg.kind != TEXT:
            (head if seen <= colon else rest).append(seg)
            continue
        cut = colon + 1 - seen
        if cut >= len(seg.text):
            head.append(seg)
        elif cut <= 0:
            rest.append(seg)
        else:
            head.append(dataclasses.replace(seg, text=seg.text[:cut]))
            rest.append(dataclasses.replace(seg, text=seg.text[cut:]))
        seen += len(seg.text)
    bold = all(s.bold for s in head if s.kind == TEXT and s.text.strip())
    if para.style_level is None and numbering_rank(title) is None and not bold:
        return None  # a sentence of the report that starts with a title's words
    text = Para(rest, notes=para.notes, legacy=para.legacy)
    return [dataclasses.replace(para, segments=head, notes=[]), text]


def find_titles(blocks: list[Para | Table], specs: list[PartSpec]) -> list[Title]:
    keys = {spec.key for spec in specs}
    titles: list[Title] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Para) or block.label == BULLET:
            continue
        text = block.plain
        if not text:
            continue
        known = heading_key(text) in keys
        if len(text) > MAX_TITLE and not known:
            continue
        rank = numbering_rank(text)
        if block.style_level is not None:
            titles.append(Title(index, block, block.style_level))
        elif rank is not None and block.bold:
            titles.append(Title(index, block, rank))
        elif known and (rank is not None or block.bold):
            titles.append(Title(index, block, rank or 1))
    return titles


def map_titles(titles: list[Title], specs: list[PartSpec]) -> None:
    """Give each title its outline part (exact key first, then near match) and its level."""
    used: set[str] = set()
    cursor = -1
    order = {spec.id: i for i, spec in enumerate(specs)}
    for title in titles:
        key = heading_key(title.para.plain)
        free = [s for s in specs if s.id not in used]
        exact = [s for s in free if s.key == key]
        spec = _prefer(exact, order, cursor)
        if spec is None and key not in {s.key for s in specs}:
            spec = _near(key, free, order, cursor)
            title.near = spec is not None
        if spec is not None:
            used.add(spec.id)
            cursor = order[spec.id]
            title.spec = spec
            title.level = min(spec.depth, 6)
    unmatched = [t for t in titles if t.spec is None]
    if unmatched and len(unmatched) == len(titles):
        shift = min(t.level for t in titles) - 1
        for title in titles:
            title.level = max(1, title.level - shift)
    for title in unmatched:
        title.level = max(1, min(title.level, 6))


def _prefer(candidates: list[PartSpec], order: dict[str, int], cursor: int) -> PartSpec | None:
    after = [s for s in candidates if order[s.id] > cursor]
    return next(iter(after or candidates), None)


def _near(
    key: str, candidates: list[PartSpec], order: dict[str, int], cursor: int
) -> PartSpec | None:
    best, best_ratio = [], NEAR_MATCH
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)  # the title's key, indexed once for every candidate
    for spec in candidates:
        matcher.set_seq1(spec.key)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = [spec], ratio
        elif ratio == best_ratio:
            best.append(spec)
    return _prefer(best, order, cursor)
