"""Run and paragraph properties that come from styles: bold, italic, font, numbering, heading level."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

_OFF = {"0", "false", "off", "none"}
# styles followed from a paragraph's or run's own: Word's are a few deep (Heading 2, Heading 1,
# Normal); a file from outside may chain thousands, each looked up for every paragraph
CHAIN = 10


def is_on(rpr, tag: str) -> bool | None:
    if rpr is None:
        return None
    node = rpr.find(qn(tag))
    if node is None:
        return None
    return node.get(qn("w:val"), "true").lower() not in _OFF


def font_of(rpr) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or fonts.get(qn("w:cs"))


class Styles:
    """Bold, italic, font, numbering and heading level of each style, following `basedOn`."""

    def __init__(self, document) -> None:
        self._nodes = {}
        self._cache: dict[tuple[str, str], object] = {}
        self.default_font = None
        try:
            root = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):  # a document without a styles part
            return
        for node in root.findall(qn("w:style")):
            self._nodes[node.get(qn("w:styleId"))] = node
        defaults = root.find(qn("w:docDefaults"))
        rpr = (
            defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if defaults is not None else None
        )
        self.default_font = font_of(rpr)

    def _chain(self, style_id: str | None):
        seen: set[str] = set()
        while style_id and style_id in self._nodes and style_id not in seen and len(seen) < CHAIN:
            seen.add(style_id)
            node = self._nodes[style_id]
            yield node
            based = node.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def run_prop(self, style_id: str | None, what: str):
        key = (style_id or "", what)
        if key not in self._cache:
            value = None
            for node in self._chain(style_id):
                rpr = node.find(qn("w:rPr"))
                value = font_of(rpr) if what == "font" else is_on(rpr, what)
                if value is not None:
                    break
            self._cache[key] = value
        return self._cache[key]

    def run_value(self, style_id: str | None, tag: str) -> str | None:
        """The `w:val` of a run property `tag` set by the style or a style it is based on."""
        for node in self._chain(style_id):
            rpr = node.find(qn("w:rPr"))
            found = rpr.find(qn(tag)) if rpr is not None else None
            if found is not None:
                return found.get(qn("w:val"))
        return None

    def num_pr(self, style_id: str | None):
        for node in self._chain(style_id):
            ppr = node.find(qn("w:pPr"))
            num = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num is not None:
                return num
        return None

    def heading_level(self, style_id: str | None) -> int | None:
        for node in self._chain(style_id):
            name = node.find(qn("w:name"))
            value = (name.get(qn("w:val")) if name is not None else "").lower()
            m = re.fullmatch(r"heading\s*(\d)", value)
            if m:
                return int(m.group(1))
            if value == "title":
                return None
            ppr = node.find(qn("w:pPr"))
            outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            if outline is not None and outline.get(qn("w:val")) not in (None, "9"):
                return int(outline.get(qn("w:val"))) + 1
        return None
