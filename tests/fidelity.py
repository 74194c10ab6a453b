"""The text as a reader sees it, paragraph by paragraph, in the source, the site and the DOCX.

Source: the Markdown read as CommonMark (markdown-it, the site's dialect); a list item's
first paragraph starts with the marker typed in the source line. Site: the HTML of the
report pieces (`div.bc-report`), one entry per block. DOCX: python-docx paragraphs, table
cells included, with any Word automatic numbering rendered from numbering.xml. Images and
footnote texts are left out (they are checked elsewhere); footnote references too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from docx import Document
from docx.oxml.ns import qn
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from baocao.importer.numbering import BULLET, Numbering

PLACEHOLDER = re.compile(r"^[(\[]\s*chưa viết\b", re.I)
BLOCKS = frozenset(
    [
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "div",
        "figure",
        "figcaption",
        "section",
        "hr",
        "dl",
        "dt",
        "dd",
    ]
)


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)


def source_paragraphs(markdown: str) -> list[str]:
    """Every paragraph, heading, list item and table cell of a Markdown text, as written."""
    lines = markdown.split("\n")
    out: list[str] = []
    depth = 0
    pending: list[str] = []  # markers of list items whose first paragraph is still to come
    for token in _parser().parse(markdown):
        if token.type == "footnote_block_open":
            depth += 1
        elif token.type == "footnote_block_close":
            depth -= 1
        elif depth:
            continue
        elif token.type == "list_item_open":
            marker = f"{token.info}{token.markup}"
            assert marker in lines[token.map[0]], (marker, lines[token.map[0]])  # as typed
            pending.append(marker)
        elif token.type in ("fence", "code_block"):
            out.append(" ".join(pending + [norm(token.content)]).strip())
            pending = []
        elif token.type in ("bullet_list_open", "ordered_list_open") and pending:
            out.extend(pending)  # an item that starts with a list: its marker stands alone
            pending = []
        elif token.type == "inline":
            children = token.children or []
            if any(c.type == "image" for c in children) and not _plain(children).strip():
                pending = []
                continue  # an image alone: a figure in both outputs
            text = norm(_plain(children))
            if PLACEHOLDER.search(text):
                continue
            out.append(norm(" ".join(pending + [text])))
            pending = []
        elif token.type == "list_item_close" and pending:
            out.extend(pending)  # an empty item
            pending = []
    return [t for t in out if t]


def _plain(children) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content if child.type != "html_inline" else "")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def html_paragraphs(html: str) -> list[str]:
    """The blocks of every report piece (`div.bc-report`) of a site page."""
    root = lxml.html.fromstring(html)
    out: list[str] = []
    for piece in root.xpath("//div[@class='bc-report']"):
        buffer = [piece.text or ""]
        _walk_html(piece, buffer, out)
        _flush(buffer, out)
    return out


def _flush(buffer: list[str], out: list[str]) -> None:
    text = norm("".join(buffer))
    if text:
        out.append(text)
    buffer.clear()


def _walk_html(element, buffer: list[str], out: list[str]) -> None:
    for child in element:
        classes = (child.get("class") or "").split() if isinstance(child.tag, str) else []
        if not isinstance(child.tag, str) or "footnotes" in classes or "footnote-ref" in classes:
            buffer.append(child.tail or "")
            continue
        block = child.tag in BLOCKS
        if block:
            _flush(buffer, out)
        buffer.append(child.text or "")
        _walk_html(child, buffer, out)
        if block:
            _flush(buffer, out)
        buffer.append(child.tail or "")


_RUN_PARTS = (qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab"))


def _run_text(element) -> str:
    return (element.text or "") if element.tag == qn("w:t") else " "


CONTENTS = f".//{qn('w:docPartGallery')}[@{qn('w:val')}='Table of Contents']"


def docx_paragraphs(path: Path) -> list[str]:
    """Every body paragraph and table cell paragraph, Word numbering rendered."""
    doc = Document(str(path))
    numbering = Numbering(doc)
    out: list[str] = []

    def label(p) -> str:
        num = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num is None:
            return ""
        num_id, ilvl = num.find(qn("w:numId")), num.find(qn("w:ilvl"))
        if num_id is None:
            return ""
        found = numbering.label(
            num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        )
        return "" if found in (None, BULLET) else found + " "

    def walk(element):
        for child in element.iterchildren():
            if child.tag == qn("w:sdt") and child.find(CONTENTS) is not None:
                continue  # the table of contents: headings again
            if child.tag == qn("w:p"):
                text = norm(label(child) + "".join(map(_run_text, child.iter(*_RUN_PARTS))))
                if text:
                    out.append(text)
            elif child.tag in (qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")) or child.tag == qn(
                "w:sdtContent"
            ):
                walk(child)

    walk(doc.element.body)
    return out


@dataclass
class Comparison:
    compared: int = 0
    mismatches: list[tuple[str, str]] = field(default_factory=list)  # (where, paragraph)

    def add(self, where: str, expected: list[str], seen: list[str]) -> None:
        """Each expected paragraph must appear in `seen`, in order (seen has more)."""
        cursor = 0
        for text in expected:
            self.compared += 1
            try:
                cursor = seen.index(text, cursor) + 1
            except ValueError:
                self.mismatches.append((where, text))
