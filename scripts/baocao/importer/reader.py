"""Read a DOCX into blocks (paragraphs and tables) with Markdown inline text, in document order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from docx.oxml.ns import qn

from baocao.importer import charts, diagrams, legacy, symbols
from baocao.importer.numbering import BULLET, Numbering
from baocao.importer.styles import Styles, font_of, is_on
from baocao.messages import render
from baocao.text import nfc

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_TXBX = qn("w:txbxContent")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# what Markdown would read as markup inside a line: emphasis, code, links, HTML, "~~"
# strikethrough, and "&" of an entity ("&lt;", "&#x202E;" typed in Word stay as typed)
_INLINE_ESCAPE = re.compile(r"([\\`*_\[\]<>~]|&(?=#?\w+;))")
# what would start a block at the beginning of a line: escaped as "\#", "\-", "1\." ("\1." shows the "\")
_LINE_START = re.compile(r"^(?:([#>+=~|-])|(\d+)([.)]))")
_WEB = re.compile(r"^(?:https?|ftp|mailto):", re.I)
# what would end a link's target in Markdown or start text after it: written %XX
_URL_UNSAFE = re.compile(r"[\s<>()\[\]\\`\"]")
TEXT, RAW, BREAK = "text", "raw", "break"
COLUMNS = 63  # Word's widest table: no cell of a file from outside spans more
# a picture's part written into the agency's folder: Word's kinds; a name of its own only when
# plain ("image1.png"), as the package may name a part anything ("..\\x.png", ".gitattributes")
PICTURE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".emf", ".wmf"}
)
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# inline HTML around a run's text that Markdown cannot write (superscript "m²", subscript,
# underline, strikethrough): the site shows these tags and the DOCX makes them Word formatting
STYLE = "style"
_REOPENED = re.compile(r"</(sup|sub|u|s)><\1>")


@dataclass
class Segment:
    kind: str
    text: str
    bold: bool = False
    italic: bool = False
    font: str | None = None
    caps: bool = False  # "All caps" formatting: Word shows the letters as capitals


@dataclass
class Para:
    segments: list[Segment]
    label: str | None = None  # automatic numbering shown by Word, BULLET for bullets
    level: int = 0  # list level (ilvl) of a numbered or bulleted paragraph
    style_level: int | None = None  # heading level from a Heading style or outline level
    notes: list[str] = field(default_factory=list)  # footnote definitions (Markdown)
    legacy: str | None = None  # encoding repaired in this paragraph

    @property
    def plain(self) -> str:
        """The text as Word shows it (numbering label included), spaces collapsed, NFC."""
        body = "".join(
            s.text if s.kind == TEXT else (" " if s.kind == BREAK else "") for s in self.segments
        )
        label = self.label if self.label and self.label != BULLET else ""
        return _SPACES.sub(" ", f"{label} {body}").strip()

    @property
    def bold(self) -> bool:
        texts = [s for s in self.segments if s.kind == TEXT and s.text.strip()]
        return bool(texts) and all(s.bold for s in texts)

    def markdown(self, *, plain_style: bool = False, escape_start: bool = True) -> str:
        """Inline Markdown; `plain_style` drops bold/italic (for headings)."""
        parts: list[str] = []
        if self.label and self.label != BULLET:
            parts.append(_escape(self.label) + " ")
        segments = _merged(self.segments)
        index = 0
        while index < len(segments):
            seg = segments[index]
            if seg.kind == RAW:
                parts.append(seg.text)
            elif seg.kind == STYLE:
                parts.append("" if plain_style else seg.text)
            elif seg.kind == BREAK:
                parts.append("\n")
            else:
                group = [seg]
                while (
                    index + 1 < len(segments)
                    and segments[index + 1].kind == TEXT
                    and segments[index + 1].italic == seg.italic
                ):
                    index += 1
                    group.append(segments[index])
                parts.append(_emphasis(group, plain_style))
            index += 1
        text = "".join(parts)
        while _REOPENED.search(text):  # one tag over runs Word split: "m<sup>2</sup>", not two
            text = _REOPENED.sub("", text)
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        if escape_start:
            lines = [_LINE_START.sub(_escape_start, line) for line in lines]
        return "  \n".join(line for line in lines if line).strip()


@dataclass
class Cell:
    paras: list[Para]
    span: int = 1
    merged: bool = False  # continuation of a vertically merged cell

    @property
    def plain(self) -> str:
        return " ".join(p.plain for p in self.paras if p.plain)


@dataclass
class Table:
    rows: list[list[Cell]]

    @property
    def paras(self) -> list[Para]:
        return [p for row in self.rows for cell in row for p in cell.paras]


@dataclass
class Source:
    blocks: list[Para | Table]
    images: dict[str, bytes] = field(default_factory=dict)
    revisions: int = 0
    comments: int = 0
    legacy: dict[str, int] = field(default_factory=dict)
    charts: int = 0  # Word charts, each read as its caption and a table of its data
    diagrams: int = 0  # SmartArt diagrams, each read as its caption and a list of its text


_WRAPPERS = ("w:sdt", "w:sdtContent", "w:customXml")


def _children(element, tag: str):
    """Child elements `tag` of `element`, also those wrapped in content controls or custom XML."""
    for child in element.iterchildren():
        if child.tag == qn(tag):
            yield child
        elif child.tag in {qn(w) for w in _WRAPPERS}:
            yield from _children(child, tag)


def _merged(segments: list[Segment]) -> list[Segment]:
    """Adjacent text with the same emphasis as one segment (Word splits runs anywhere).

    Blank text between two runs of the same emphasis joins them, whatever its own emphasis.
    """
    out: list[Segment] = []
    for seg in segments:
        if seg.kind == TEXT and out and out[-1].kind == TEXT:
            last = out[-1]
            if (seg.bold, seg.italic) == (last.bold, last.italic) or not seg.text.strip():
                out[-1] = Segment(TEXT, last.text + seg.text, last.bold, last.italic, last.font)
                continue
            if not last.text.strip():
                out[-1] = Segment(TEXT, last.text + seg.text, seg.bold, seg.italic, seg.font)
                continue
        out.append(seg)
    return out


def _emphasis(group: list[Segment], plain_style: bool) -> str:
    """Text segments of one italic state: bold parts inside, the italic mark around them all."""
    pieces = []
    for seg in group:
        escaped = _escape(_SPACES.sub(" ", seg.text))
        if seg.bold and not plain_style and escaped.strip():
            lead, core, trail = _split_space(escaped)
            escaped = f"{lead}**{core}**{trail}"
        pieces.append(escaped)
    text = "".join(pieces)
    if group[0].italic and not plain_style and text.strip():
        lead, core, trail = _split_space(text)
        text = f"{lead}*{core}*{trail}"
    return text


def _escape_start(m: re.Match) -> str:
    return f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}"


def _escape(text: str) -> str:
    return _INLINE_ESCAPE.sub(r"\\\1", text)


def _percent(m: re.Match) -> str:
    return "".join(f"%{byte:02X}" for byte in m.group().encode("utf-8"))


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.find(core)
    return text[:start], core, text[start + len(core) :]


class _Reader:
    def __init__(self, document, image_dir: str) -> None:
        self.doc = document
        self.image_dir = image_dir
        self.styles = Styles(document)
        self.numbering = Numbering(document)
        self.source = Source([])
        self.notes: dict[str, dict[str, object]] = {
            "footnotes": self._notes_part("footnotes"),
            "endnotes": self._notes_part("endnotes"),
        }
        self.note_count = 0
        self.note_labels: dict[tuple[str, str | None], str] = {}
        self.comment_ids: set[str] = set()

    def _notes_part(self, kind: str) -> dict[str, object]:
        from docx.oxml import parse_xml

        for rel in self.doc.part.rels.values():
            if rel.reltype.endswith("/" + kind) and not rel.is_external:
                root = parse_xml(rel.target_part.blob)
                tag = qn("w:footnote" if kind == "footnotes" else "w:endnote")
                return {
                    n.get(qn("w:id")): n
                    for n in root.findall(tag)
                    if n.get(qn("w:type")) in (None, "normal")
                }
        return {}

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, container) -> list[Para | Table]:
        out: list[Para | Table] = []
        for child in container.iterchildren():
            tag = child.tag
            if tag == qn("w:p"):
                extra: list[Para | Table] = []
                out.append(self.paragraph(child, extra))
                out.extend(extra)
            elif tag == qn("w:tbl"):
                out.append(self.table(child))
            elif tag in (qn("w:sdt"),):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    out.extend(self.blocks(content))
            elif tag in (qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:sdtContent")):
                if tag in (qn("w:ins"), qn("w:moveTo")):
                    self.source.revisions += 1
                out.extend(self.blocks(child))
            elif tag in (qn("w:del"), qn("w:moveFrom")):
                self.source.revisions += 1
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    out.extend(self.blocks(choice))
        return out

    def table(self, tbl) -> Table:
        rows = []
        for tr in _children(tbl, "w:tr"):
            row = []
            for tc in _children(tr, "w:tc"):
                tcpr = tc.find(qn("w:tcPr"))
                span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
                vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                paras: list[Para] = []
                for block in self.blocks(tc):
                    paras.extend(block.paras if isinstance(block, Table) else [block])
                merged = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
                width = int(span.get(qn("w:val"), "1")) if span is not None else 1
                row.append(Cell(paras, min(max(width, 1), COLUMNS), merged))
            rows.append(row)
        return Table(rows)

    # -- paragraphs -----------------------------------------------------------------------
    def paragraph(self, p, extra: list) -> Para:
        ppr = p.find(qn("w:pPr"))
        style = None
        if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
            style = ppr.find(qn("w:pStyle")).get(qn("w:val"))
        para = Para([])
        para.style_level = self.styles.heading_level(style)
        if ppr is not None and ppr.find(qn("w:outlineLvl")) is not None:
            value = ppr.find(qn("w:outlineLvl")).get(qn("w:val"))
            para.style_level = int(value) + 1 if value not in (None, "9") else None
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        num = num if num is not None else self.styles.num_pr(style)
        if num is not None:
            num_id = num.find(qn("w:numId"))
            ilvl = num.find(qn("w:ilvl"))
            if num_id is not None and num_id.get(qn("w:val")) not in (None, "0"):
                para.level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
                para.label = self.numbering.label(num_id.get(qn("w:val")), para.level)
        self.inline(p, para, style, extra)
        self._repair(para)
        return para

    def inline(self, node, para: Para, style: str | None, extra: list) -> None:
        for child in node.iterchildren():
            tag = child.tag
            if tag == qn("w:r"):
                self.run(child, para, style, extra)
            elif tag in (qn("w:ins"), qn("w:moveTo")):
                self.source.revisions += 1
                self.inline(child, para, style, extra)
            elif tag in (qn("w:del"), qn("w:moveFrom")):
                self.source.revisions += 1
            elif tag == qn("w:hyperlink"):
                start = len(para.segments)
                self.inline(child, para, style, extra)
                rid = child.get(_R_ID)
                rel = self.doc.part.rels.get(rid) if rid else None
                # web and mail links only: a path on the author's disk means nothing once published
                if (
                    rel is not None
                    and rel.is_external
                    and para.segments[start:]
                    and _WEB.match(rel.target_ref)
                ):
                    url = _URL_UNSAFE.sub(_percent, rel.target_ref)
                    para.segments.insert(start, Segment(RAW, "["))
                    para.segments.append(Segment(RAW, f"]({url})"))
            elif tag in (
                qn("w:smartTag"),
                qn("w:customXml"),
                qn("w:fldSimple"),
                qn("w:sdtContent"),
                qn("w:sdt"),
                _MC + "Choice",
            ):
                self.inline(child, para, style, extra)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self.inline(choice, para, style, extra)
            elif tag in (qn("w:commentRangeStart"),):
                self.comment_ids.add(child.get(qn("w:id")))
            elif tag.endswith("}oMath") or tag.endswith("}oMathPara"):
                para.segments.append(Segment(TEXT, "".join(t.text or "" for t in child.iter(_M_T))))

    def run(self, r, para: Para, style: str | None, extra: list) -> None:
        rpr = r.find(qn("w:rPr"))
        rstyle = (
            rpr.find(qn("w:rStyle")).get(qn("w:val"))
            if rpr is not None and rpr.find(qn("w:rStyle")) is not None
            else None
        )
        bold = is_on(rpr, "w:b")
        bold = bold if bold is not None else self.styles.run_prop(rstyle, "w:b")
        bold = bold if bold is not None else bool(self.styles.run_prop(style, "w:b"))
        italic = is_on(rpr, "w:i")
        italic = italic if italic is not None else self.styles.run_prop(rstyle, "w:i")
        italic = italic if italic is not None else bool(self.styles.run_prop(style, "w:i"))
        font = (
            font_of(rpr)
            or self.styles.run_prop(rstyle, "font")
            or self.styles.run_prop(style, "font")
            or self.styles.default_font
        )
        caps = is_on(rpr, "w:caps")
        caps = caps if caps is not None else self.styles.run_prop(rstyle, "w:caps")
        caps = caps if caps is not None else bool(self.styles.run_prop(style, "w:caps"))
        tags = self.tags(rpr, rstyle)
        shown = symbols.table(font)  # text in a symbol font: the characters it shows
        for child in r.iterchildren():
            tag = child.tag
            text = (child.text or "") if tag == qn("w:t") else ""
            if shown and text:
                text = symbols.translate(text, shown)
            if tag == qn("w:t") and tags and text.strip():
                para.segments.extend(Segment(STYLE, f"<{t}>") for t in tags)
                para.segments.append(Segment(TEXT, text, bold, italic, font, caps))
                para.segments.extend(Segment(STYLE, f"</{t}>") for t in reversed(tags))
            elif tag == qn("w:t"):
                para.segments.append(Segment(TEXT, text, bold, italic, font, caps))
            elif tag in (qn("w:tab"), qn("w:ptab")):
                para.segments.append(Segment(TEXT, " ", bold, italic, font))
            elif tag in (qn("w:br"), qn("w:cr")):  # a page or column break starts a line too
                para.segments.append(Segment(BREAK, "\n"))
            elif tag == qn("w:softHyphen"):  # TCVN3 "ư" (0xAD) often arrives as a soft hyphen
                para.segments.append(Segment(TEXT, "\u00ad", bold, italic, font))
            elif tag == qn("w:noBreakHyphen"):
                para.segments.append(Segment(TEXT, "-", bold, italic, font))
            elif tag == qn("w:sym"):
                code = child.get(qn("w:char"), "")
                chars = symbols.table(child.get(qn("w:font")))
                try:
                    number = int(code, 16)
                    char = chars and symbols.character(chars, number)
                    if not char:
                        char = chr(number - 0xF000 if 0xF020 <= number <= 0xF0FF else number)
                    para.segments.append(Segment(TEXT, char, bold, italic, None))
                except (ValueError, OverflowError):
                    pass
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                self.note(
                    child, para, "footnotes" if tag == qn("w:footnoteReference") else "endnotes"
                )
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")):
                self.picture(child, para, extra)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    for inner in choice.iterchildren():
                        self.picture(inner, para, extra)
            elif tag == qn("w:commentReference"):
                self.comment_ids.add(child.get(qn("w:id")))

    def tags(self, rpr, rstyle: str | None) -> list[str]:
        """HTML tags for a run's underline (direct only: a link's style underlines it),
        strikethrough and vertical position."""
        found = []
        if is_on(rpr, "w:u"):
            found.append("u")
        struck = [is_on(rpr, "w:strike"), is_on(rpr, "w:dstrike")]
        struck += [
            self.styles.run_prop(rstyle, "w:strike"),
            self.styles.run_prop(rstyle, "w:dstrike"),
        ]
        if next((value for value in struck if value is not None), False):
            found.append("s")
        node = rpr.find(qn("w:vertAlign")) if rpr is not None else None
        position = (
            node.get(qn("w:val"))
            if node is not None
            else self.styles.run_value(rstyle, "w:vertAlign")
        )
        if position in ("superscript", "subscript"):
            found.append(position[:3])
        return found

    def note(self, ref, para: Para, kind: str) -> None:
        key = (kind, ref.get(qn("w:id")))
        node = self.notes[kind].get(key[1])
        if node is None:
            return
        if key in self.note_labels:  # cited again, or by itself: read once, cited by its label
            para.segments.append(Segment(RAW, f"[^{self.note_labels[key]}]"))
            return
        self.note_count += 1
        label = self.note_labels[key] = f"{self.note_count}"
        para.segments.append(Segment(RAW, f"[^{label}]"))
        inner: list[Para] = []
        for block in self.blocks(node):
            inner.extend(block.paras if isinstance(block, Table) else [block])
        texts = [b.markdown() for b in inner if isinstance(b, Para)]
        body = " ".join(t.replace("\n", " ") for t in texts if t)
        para.notes.append(f"[^{label}]: {body or '(trống)'}")
        for block in inner:
            para.notes.extend(block.notes)

    def picture(self, node, para: Para, extra: list) -> None:
        own = list(_outside_boxes(node))  # a box's pictures are read with its paragraphs
        described = next((e for e in own if e.tag == _WP_DOCPR), None)
        alt = (
            (described.get("descr") or described.get("title") or "")
            if described is not None
            else ""
        )
        ids = [e.get(_R_EMBED) for e in own if e.tag == _A_BLIP] + [
            e.get(_R_ID) for e in own if e.tag == _V_IMAGEDATA
        ]
        for rid in ids:
            part = self.doc.part.related_parts.get(rid) if rid else None
            name = self._picture_name(part) if hasattr(part, "blob") else None
            if part is None or name is None:  # an embedded file or package is no picture
                continue
            self.source.images[name] = part.blob
            para.segments.append(
                Segment(
                    RAW, f"![{_escape(nfc(alt)).replace(chr(10), ' ')}]({self.image_dir}/{name})"
                )
            )
        for chart in (e for e in own if e.tag == charts.CHART):
            self.chart(chart.get(_R_ID), nfc(alt), extra)
        for diagram in (e for e in own if e.tag == diagrams.REL_IDS):
            self.diagram(diagram.get(diagrams.DATA), extra)
        for box in (e for e in own if e.tag == _TXBX):
            extra.extend(self.blocks(box))

    def _picture_name(self, part) -> str | None:
        """The name a picture part is written under, beside the report; None for no picture."""
        name = PurePosixPath(str(part.partname)).name
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in PICTURE_SUFFIXES:
            return None
        images = self.source.images
        if _PLAIN_NAME.fullmatch(name) and images.get(name, part.blob) == part.blob:
            return name
        number = len(images) + 1
        while f"hinh-{number}{suffix}" in images:
            number += 1
        return f"hinh-{number}{suffix}"

    def diagram(self, rid: str | None, extra: list) -> None:
        """A SmartArt diagram after its paragraph: a caption, then its text as a list."""
        part = self.doc.part.related_parts.get(rid) if rid else None
        items = (
            diagrams.read_diagram(part.blob) if part is not None and hasattr(part, "blob") else []
        )
        self.source.diagrams += 1
        extra.append(Para([Segment(TEXT, render("import-diagram-caption"), italic=True)]))
        for depth, text in items:
            extra.append(Para([Segment(TEXT, nfc(text))], label=BULLET, level=depth))

    def chart(self, rid: str | None, alt: str, extra: list) -> None:
        """A chart after its paragraph: a caption, then its data as a table."""
        part = self.doc.part.related_parts.get(rid) if rid else None
        data = charts.read_chart(part.blob) if part is not None and hasattr(part, "blob") else None
        self.source.charts += 1
        title = data.title if data and data.title else " ".join(alt.split())
        caption = (
            render("import-chart-caption", title=title)
            if title
            else render("import-chart-caption-untitled")
        )
        extra.append(Para([Segment(TEXT, nfc(caption), italic=True)]))
        if data is not None:
            rows = [data.header, *data.rows]
            extra.append(
                Table([[Cell([Para([Segment(TEXT, nfc(t))])]) for t in row] for row in rows])
            )

    def _repair(self, para: Para) -> None:
        """NFC, and legacy-encoded text back to Unicode, deciding by the paragraph's text."""
        candidates = [
            s
            for s in para.segments
            if s.kind == TEXT and not s.text.isascii() and not legacy.is_unicode_vietnamese(s.text)
        ]
        if candidates:
            hints = {legacy.font_encoding(s.font) for s in candidates} - {None}
            hint = hints.pop() if len(hints) == 1 else None
            # decided on the whole paragraph: a TCVN3 "ư" Word turned into a soft hyphen is
            # a run of its own, and tells nothing without the letters around it ("L\u00adu")
            context = "".join(
                s.text
                for s in para.segments
                if s.kind == TEXT and not legacy.is_unicode_vietnamese(s.text)
            )
            encoding = legacy.detect(context, hint) or (legacy.detect(context) if hint else None)
            text = "".join(s.text for s in candidates)
            if encoding:
                capitals_font = any(
                    (s.font or "").lower().startswith(".vn")
                    and (s.font or "").lower().endswith("h")
                    for s in candidates
                )
                upper = capitals_font or legacy.convert(text, encoding) == legacy.convert(
                    text, encoding, upper=True
                )
                for seg in candidates:
                    seg.text = legacy.convert(seg.text, encoding, upper=upper)
                para.legacy = encoding
                self.source.legacy[encoding] = self.source.legacy.get(encoding, 0) + 1
        for seg in para.segments:
            if seg.kind == TEXT:
                seg.text = nfc(seg.text).replace("\u00a0", " ")
                if seg.caps:  # after any legacy repair: the capitals of the Unicode letters
                    seg.text = nfc(seg.text.upper())


def _outside_boxes(node):
    """The elements under node but not inside its text boxes (each box itself included): the
    boxes inside a box are read with the paragraphs of their own box, once."""
    for child in node.iterchildren():
        yield child
        if child.tag != _TXBX:
            yield from _outside_boxes(child)


def read_document(document, image_dir: str) -> Source:
    reader = _Reader(document, image_dir)
    reader.source.blocks = reader.blocks(document.element.body)
    reader.source.comments = len(reader.comment_ids - {None})
    return reader.source
