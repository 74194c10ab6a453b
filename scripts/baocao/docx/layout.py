"""What pandoc cannot write, added to its DOCX: letterhead, signature block, fitted tables, charts."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from baocao.docx.charts import NativeChart
from baocao.docx.ooxml import PBDR_SUCCESSORS, put_tbl_pr
from baocao.docx.reference import FONT, LAYOUT
from baocao.messages import error_text

DOCUMENT, DOCUMENT_RELS, CORE = (
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "docProps/core.xml",
)
CONTENT_TYPES = "[Content_Types].xml"
EMU_PER_MM = 36000
COMPRESSION = 1  # zlib level of the written package: level 6 takes 3× longer for ~15% less
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS = "Nơi nhận:"
LEFT_MM, RIGHT_MM = 62, LAYOUT.text_width_mm - 62  # the closing's columns
# The letterhead's left column holds "TỔNG CỤC QUẢN LÝ THỊ TRƯỜNG" (68.4 mm at 12 pt) on one
# line; the right one still holds NATION (87.7 mm bold) and "Bà Rịa - Vũng Tàu, ngày 04 tháng
# 12 năm 2024" (94.8 mm at 14 pt). The letterhead's cells have no inner margins.
LETTERHEAD_LEFT_MM = 69.5
ISSUER_PT = 12
# Times New Roman's advance widths in 1/1000 em (Adobe's Times AFM; Liberation Serif has the
# same) of capitals, regular and bold; a letter with diacritics is as wide as its base letter.
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_REGULAR = (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556)
_REGULAR_QZ = (722, 667, 556, 611, 722, 722, 944, 722, 722, 611)  # Q to Z
_BOLD = (722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611)
_BOLD_QZ = (778, 722, 556, 667, 722, 722, 1000, 722, 722, 667)
_SIGNS = {" ": 250, ",": 250, ".": 250, "-": 333, "(": 333, ")": 333, "/": 278}
_ADVANCE = {
    bold: dict(zip(_CAPITALS, widths)) | _SIGNS
    for bold, widths in ((False, _REGULAR + _REGULAR_QZ), (True, _BOLD + _BOLD_QZ))
}
# Where a name that does not fit on one line is best broken: before a second field ("VÀ PHÁT
# TRIỂN NÔNG THÔN") or a proper name ("VIỆT NAM"), not inside a word of two syllables ("ĐIỆN TỬ").
NAME_BREAKS = ("VÀ ", "VIỆT NAM", "QUẢN LÝ ", "MẶT TRẬN ", "ĐỀ ÁN ")
PLACES = ("TỈNH ", "THÀNH PHỐ ")  # "... TỈNH AN GIANG": the province on its own line
TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN_MM = 2 * LAYOUT.cell_margin_mm
_BREAKS = re.compile(r"\s+|/(?!\d)")  # where a line may break in a cell: never inside a date
MAX_DESIRED = 32  # characters: beyond this a column's text wraps rather than widening it
MAX_HEADER = 12
MEASURED_ROWS = (300, 20)  # first and last rows of a long table that set its column widths


class LayoutError(Exception):
    """pandoc's document is not as the layout expects it; the message is Vietnamese."""


@dataclass(frozen=True)
class DocumentHead:
    """The first page and the closing of one document."""

    issuer: tuple[str, ...]  # issuing body, parent body first
    number: str  # "Số: ..." without the "Số: "
    place: str
    day: date | None
    kind: str  # "BÁO CÁO"
    title: str
    recipients: tuple[str, ...]
    signer_capacity: str
    signer_title: tuple[str, ...]
    signer_name: str
    subject: str = ""  # a letter's "V/v ..." line, under its number; then kind is ""
    addressees: tuple[str, ...] = ()  # a letter's "Kính gửi:"


def place_date(place: str, day: date | None) -> str:
    """ "Hà Nội, ngày 05 tháng 12 năm 2024": a 0 before days under 10 and months 1 and 2."""
    if day is None:
        return f"{place}, ngày      tháng      năm"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def finish(
    path: Path,
    head: DocumentHead,
    charts: dict[str, NativeChart] | None = None,
    day: date | None = None,
) -> None:
    """Add the letterhead, title and closing to the DOCX at path, in place; fit its tables
    to the page; turn the placeholder images named in `charts` into those charts. The body
    is handled as XML (lxml), the small head and closing blocks with python-docx; zip
    entries are dated `day`, so the bytes are repeatable."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        parts = {name: package.read(name) for name in names}
    body = _Body(parts[DOCUMENT])
    opening, closing = blocks(head)
    parts[DOCUMENT] = b"".join(
        [
            body.start,
            body.serialize(opening),
            body.lay_out(body.elements, parts, charts),
            body.serialize(closing),
            body.end,
        ]
    )
    if CORE in parts:
        parts[CORE] = _core(parts[CORE], f"{head.kind} {head.title}", day)
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day else (1980, 1, 1, 0, 0, 0)
    order = [n for n in names if n in parts] + sorted(set(parts) - set(names))
    with zipfile.ZipFile(path, "w") as package:
        for name in order:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, parts[name], compresslevel=COMPRESSION)


class _Body:
    """word/document.xml as pandoc writes it: what comes before the body's elements (up to
    <w:body>), the elements, the section properties and the end. Pieces of the elements are
    parsed inside a <w:body> that declares the document's namespaces, and serialised back
    without it."""

    def __init__(self, xml: bytes) -> None:
        try:
            top = xml.index(b"<w:document")
            opened = xml.index(b">", top) + 1
            first = xml.index(b"<w:body>", opened) + len(b"<w:body>")
            section = xml.rfind(b"\n    <w:sectPr") + 1  # the body's own, not a paragraph's
            last = section if section > first else xml.rindex(b"</w:body>")
        except ValueError:
            raise LayoutError(error_text("layout-no-body")) from None
        self.start, self.elements, self.end = xml[:first], xml[first:last], xml[last:]
        self.open = (
            b"<w:body" + xml[top + len(b"<w:document") : opened]
        )  # the namespaces, declared once

    def lay_out(
        self,
        piece: bytes,
        parts: dict[str, bytes] | None = None,
        charts: dict[str, NativeChart] | None = None,
    ) -> bytes:
        """A piece of the body with its tables fitted and, given parts, its charts embedded."""
        try:
            wrapper = etree.fromstring(self.open + piece + b"</w:body>")
        except etree.XMLSyntaxError as error:
            raise LayoutError(error_text("layout-unreadable", detail=error)) from None
        for tbl in wrapper.iterchildren(_TBL):
            _fit_table(tbl)
        _fill_contents(wrapper)
        _keep_last_paragraph_with_closing(wrapper)
        if charts and parts is not None:
            _embed_charts(wrapper, parts, charts)
        return self._inner(wrapper)

    def serialize(self, elements: list) -> bytes:
        """Elements made elsewhere (python-docx), without the namespaces the document declares."""
        wrapper = etree.fromstring(self.open + b"</w:body>")
        wrapper.extend(elements)
        etree.cleanup_namespaces(wrapper, top_nsmap=wrapper.nsmap)
        return self._inner(wrapper)

    @staticmethod
    def _inner(wrapper) -> bytes:
        if len(wrapper) == 0:
            return b""
        xml = etree.tostring(wrapper, encoding="UTF-8")
        if xml.startswith(b"<?xml"):
            xml = xml[xml.index(b"?>") + 2 :].lstrip()
        return xml[xml.index(b">") + 1 : xml.rindex(b"</w:body>")]


def _core(xml: bytes, title: str, day: date | None) -> bytes:
    """docProps/core.xml with the document's title, language and dates (pandoc's sandbox
    leaves them at 1970)."""
    root = etree.fromstring(xml)
    dc = "http://purl.org/dc/elements/1.1/"
    for name, value in (("title", title), ("language", "vi-VN")):
        element = root.find(f"{{{dc}}}{name}")
        if element is None:
            element = etree.SubElement(root, f"{{{dc}}}{name}")
        element.text = value
    if day is not None:
        for element in root.iter(
            "{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified"
        ):
            element.text = f"{day.isoformat()}T00:00:00Z"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _embed_charts(root, parts: dict[str, bytes], charts: dict[str, NativeChart]) -> None:
    """pandoc records an image's file name in pic:cNvPr/@descr. Each placeholder named in
    charts becomes a chart frame of the text width and the chart's height; its relationship
    now points at the chart part, which points at its workbook; the placeholder is dropped."""
    rels = etree.fromstring(parts[DOCUMENT_RELS])
    by_id = {r.get("Id"): r for r in rels}
    types = etree.fromstring(parts[CONTENT_TYPES])
    if not any(d.get("Extension") == "xlsx" for d in types.iterchildren(f"{_CT}Default")):
        etree.SubElement(types, f"{_CT}Default", Extension="xlsx", ContentType=XLSX_TYPE)
    overrides = {o.get("PartName"): o for o in types.iterchildren(f"{_CT}Override")}
    converted: set[str] = set()
    number = 0
    for inline in root.iter(f"{_WP}inline"):
        name, blip = inline.find(f".//{_PIC}cNvPr"), inline.find(f".//{_A}blip")
        file = name.get("descr", "") if name is not None else ""  # as written in the Markdown: a
        if blip is None or file not in charts:  # submission's own pictures are "<agency>/<file>"
            continue
        chart, rid = charts[file], blip.get(qn("r:embed"))
        if rid not in converted:  # pandoc gives one relationship to every use of one image
            converted.add(rid)
            number += 1
            rel = by_id[rid]
            placeholder = "word/" + rel.get("Target")
            parts.pop(placeholder, None)
            stale = overrides.pop("/" + placeholder, None)
            if stale is not None:
                types.remove(stale)
            part = f"charts/chart{number}.xml"
            rel.set("Type", f"{_RELATIONSHIP}/chart")
            rel.set("Target", part)
            parts["word/" + part] = chart.xml
            parts[f"word/charts/_rels/chart{number}.xml.rels"] = _chart_rels(
                f"../embeddings/bieu-do-{number}.xlsx"
            )
            parts[f"word/embeddings/bieu-do-{number}.xlsx"] = chart.workbook
            etree.SubElement(
                types, f"{_CT}Override", PartName=f"/word/{part}", ContentType=CHART_TYPE
            )
        extent = inline.find(f"{_WP}extent")
        extent.set("cx", str(int(LAYOUT.text_width_mm * EMU_PER_MM)))
        extent.set("cy", str(int(chart.height_mm * EMU_PER_MM)))
        for locks in inline.iter(f"{_A}graphicFrameLocks"):
            locks.attrib.pop("noChangeAspect", None)
        data = inline.find(f"{_A}graphic/{_A}graphicData")
        data.set("uri", _CHART_URI)
        for child in list(data):
            data.remove(child)
        frame = etree.SubElement(
            data, f"{{{_CHART_URI}}}chart", nsmap={"c": _CHART_URI, "r": _RELATIONSHIP}
        )
        frame.set(qn("r:id"), rid)
    parts[DOCUMENT_RELS] = etree.tostring(
        rels, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    parts[CONTENT_TYPES] = etree.tostring(
        types, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def _chart_rels(workbook: str) -> bytes:
    rels = etree.Element(f"{_REL}Relationships", nsmap={None: _REL[1:-1]})
    etree.SubElement(
        rels, f"{_REL}Relationship", Id="rId1", Type=f"{_RELATIONSHIP}/package", Target=workbook
    )
    return etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)


def blocks(head: DocumentHead) -> tuple[list, list]:
    """The opening (letterhead table, title) and the closing (recipients and signature),
    built with python-docx in a scratch document and returned as plain lxml elements."""
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    letterhead = _letterhead(doc, head)
    title = _title_paragraphs(doc, head)
    body.insert(0, letterhead)
    for index, element in enumerate(title, 1):
        body.insert(index, element)
    count = 1 + len(title)
    _closing(doc, head)
    plain = [
        etree.fromstring(etree.tostring(child)) for child in body if child.tag != qn("w:sectPr")
    ]
    return plain[:count], plain[count:]


# --- building blocks ----------------------------------------------------------------------


def _run(paragraph, text: str, *, size: float = 13, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    return run


def _plain(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, after: float = 0) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Mm(0)
    fmt.left_indent = Mm(0)
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = False
    fmt.page_break_before = False


def _rule(cell, width_mm: float, cell_mm: float) -> None:
    """A short centred line under a block (a bottom border on an empty paragraph)."""
    paragraph = cell.add_paragraph()
    _plain(paragraph)
    side = max((cell_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, *PBDR_SUCCESSORS)


def _no_borders(tbl) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    put_tbl_pr(tbl.tblPr, borders)


def _two_columns(doc, left_mm: float, right_mm: float):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table._tbl)
    width = table._tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int((left_mm + right_mm) * TWIPS_PER_MM)))
    for cell, width in zip(table.rows[0].cells, (left_mm, right_mm)):
        cell.width = Mm(width)
    for col, width in zip(table.columns, (left_mm, right_mm)):
        col.width = Mm(width)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # never split the block
    return table


def _cell_lines(
    cell, lines: Sequence[tuple[str, float, bool, bool]], align=WD_ALIGN_PARAGRAPH.CENTER
) -> None:
    """Write (text, size, bold, italic) lines into a cell, reusing its empty first paragraph."""
    for index, (text, size, bold, italic) in enumerate(lines):
        paragraph = (
            cell.paragraphs[0]
            if index == 0 and not cell.paragraphs[0].text
            else cell.add_paragraph()
        )
        _plain(paragraph, align)
        _run(paragraph, text, size=size, bold=bold, italic=italic)


def text_mm(text: str, size: float, bold: bool) -> float:
    """The printed width of capitals (a letterhead's names) in Times New Roman."""
    advance = _ADVANCE[bold]
    units = sum(
        advance.get(unicodedata.normalize("NFD", c)[0].replace("Đ", "D"), 500) for c in text
    )
    return units / 1000 * size * 25.4 / 72


def name_lines(name: str, bold: bool, width_mm: float = LETTERHEAD_LEFT_MM) -> list[str]:
    """A letterhead name in lines that each fit the column: on one line if it fits, otherwise
    broken before a word of NAME_BREAKS or after a dash if it can be, in lines as even as can be
    ("ỦY BAN NHÂN DÂN" / "TỈNH BÀ RỊA - VŨNG TÀU"), never where Word would wrap it ("...TỈNH BÀ" /
    "RỊA - VŨNG TÀU")."""
    words = name.split()
    place = next((k for k in range(1, len(words)) if " ".join(words[k:]).startswith(PLACES)), None)
    if place is not None:  # "ỦY BAN NHÂN DÂN" / "TỈNH SƠN LA", as such names are always printed
        head, tail = " ".join(words[:place]), " ".join(words[place:])
        return name_lines(head, bold, width_mm) + name_lines(tail, bold, width_mm)
    if len(words) < 2 or text_mm(name, ISSUER_PT, bold) <= width_mm:
        return [name]
    best: tuple[tuple, int] | None = None
    for k in range(1, len(words)):
        if words[k] == "-":
            continue  # a line never starts with the dash
        first, rest = (text_mm(" ".join(part), ISSUER_PT, bold) for part in (words[:k], words[k:]))
        good = " ".join(words[k:]).startswith(NAME_BREAKS) or words[k - 1] in ("-", ",")
        if first <= width_mm and rest <= width_mm:
            key: tuple = (0, not good, abs(first - rest))
        else:  # not in two lines: the longest first line that fits, the rest broken again
            key = (1, first > width_mm, -first)
        best = min(best or (key, k), (key, k))
    assert best is not None
    k = best[1]
    return [" ".join(words[:k]), *name_lines(" ".join(words[k:]), bold, width_mm)]


def issuer_text(issuer: Sequence[str]) -> list[str]:
    """The issuer lines as printed: each name broken into lines ("\n") that fit the column;
    the last one, the issuing body's own name, is bold."""
    return [
        "\n".join(name_lines(line, index == len(issuer) - 1)) for index, line in enumerate(issuer)
    ]


def _letterhead(doc, head: DocumentHead):
    left_mm = LETTERHEAD_LEFT_MM
    right_mm = LAYOUT.text_width_mm - left_mm
    table = _two_columns(doc, left_mm, right_mm)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): "0", qn("w:type"): "dxa"}))
    put_tbl_pr(table._tbl.tblPr, margins)
    left, right = table.rows[0].cells
    printed = issuer_text(head.issuer)
    issuer = [
        (line, ISSUER_PT, index == len(printed) - 1, False) for index, line in enumerate(printed)
    ]
    _cell_lines(left, issuer)
    _rule(left, 25, left_mm)
    _cell_lines(left, [(f"Số: {head.number}", 13, False, False)])
    if head.subject:  # a letter's summary goes under its number (Nghị định 30, Phụ lục I)
        _cell_lines(left, [(head.subject, 12, False, False)])
    _cell_lines(right, [(NATION, 12, True, False), (MOTTO, 13, True, False)])
    _rule(right, 55, right_mm)
    paragraph = right.add_paragraph()
    _plain(paragraph)
    paragraph.paragraph_format.space_before = Pt(6)
    _run(paragraph, place_date(head.place, head.day), size=14, italic=True)
    element = table._tbl
    element.getparent().remove(element)
    return element


def _title_paragraphs(doc, head: DocumentHead) -> list:
    out = []
    if head.kind:
        for text, before, after in ((head.kind, 24, 0), (head.title, 0, 18)):
            paragraph = doc.add_paragraph()
            _plain(paragraph, after=after)
            paragraph.paragraph_format.space_before = Pt(before)
            _run(paragraph, text, size=14, bold=True)
            out.append(paragraph._p)
    out += _addressees(doc, head.addressees)
    for element in out:
        element.getparent().remove(element)
    return out


KIND_REGARDS = "Kính gửi:"


def _addressees(doc, names: tuple[str, ...]) -> list:
    """ "Kính gửi: X." on one line, or "Kính gửi:" then one "- X;" line each."""
    if not names:
        return []
    lines = [f"{KIND_REGARDS} {names[0]}."] if len(names) == 1 else [KIND_REGARDS]
    if len(names) > 1:
        lines += [f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)]
    out = []
    for index, text in enumerate(lines):
        paragraph = doc.add_paragraph()
        first, last = index == 0, index == len(lines) - 1
        _plain(paragraph, WD_ALIGN_PARAGRAPH.LEFT, after=12 if last else 0)
        paragraph.paragraph_format.space_before = Pt(18 if first else 0)
        paragraph.paragraph_format.left_indent = Mm(25 if first else 45)
        _run(paragraph, text, size=14)
        out.append(paragraph._p)
    return out


_TR, _TC, _TCPR, _TRPR, _T = qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:trPr"), qn("w:t")
_TBL = qn("w:tbl")
_P, _R, _PPR, _PSTYLE = (qn(f"w:{name}") for name in ("p", "r", "pPr", "pStyle"))
_FLDCHAR, _FLDTYPE = qn("w:fldChar"), qn("w:fldCharType")
_GALLERY, _BOOKMARK, _HYPERLINK = qn("w:docPartGallery"), qn("w:bookmarkStart"), qn("w:hyperlink")
_KEEP_NEXT, _BOOKMARKS = qn("w:keepNext"), (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
CONTENTS_LEVELS = {"Heading1": 1, "Heading2": 2}  # pandoc's toc-depth: 2 (defaults.yaml)
_CONTENTS_STYLES = etree.XPath(
    "w:p/w:pPr/w:pStyle[" + " or ".join(f"@w:val='{s}'" for s in CONTENTS_LEVELS) + "]",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)
_SPAN, _HEADER, _CANT = qn("w:gridSpan"), qn("w:tblHeader"), qn("w:cantSplit")
_VAL, _W, _TYPE = qn("w:val"), qn("w:w"), qn("w:type")


def _fit_table(tbl) -> None:
    """Content tables take the text width, shared among the columns by their content:
    a column is at least as wide as its longest word (numbers never break) and grows with
    its longest text up to MAX_DESIRED characters. The widths go in the table grid with a
    fixed layout (Word and LibreOffice both keep them); rows do not split across pages.
    Long tables are measured on their first and last rows (MEASURED_ROWS)."""
    tbl_pr = _child(tbl, qn("w:tblPr"))
    width = tbl_pr.makeelement(qn("w:tblW"), {_TYPE: "pct", _W: "5000"})
    put_tbl_pr(tbl_pr, width)
    put_tbl_pr(tbl_pr, tbl_pr.makeelement(qn("w:tblLayout"), {_TYPE: "fixed"}))
    grid = _child(tbl, qn("w:tblGrid"))
    cols = list(grid.iterchildren(qn("w:gridCol"))) if grid is not None else []
    if not cols:
        return
    words = [1.0] * len(cols)
    texts = [1] * len(cols)
    rows = list(tbl.iterchildren(_TR))
    head, tail = MEASURED_ROWS
    for index, row in enumerate(rows):
        pr = _child(row, _TRPR)
        if pr is None:
            pr = row.makeelement(_TRPR, {})
            row.insert(0, pr)
        header = _child(pr, _HEADER) is not None
        if _child(pr, _CANT) is None:
            pr.insert(0, pr.makeelement(_CANT, {}))
        if head <= index < len(rows) - tail:
            continue
        cap = MAX_HEADER if header else MAX_DESIRED  # headers wrap before the cells do
        column = 0
        for tc in row.iterchildren(_TC):
            tc_pr = _child(tc, _TCPR)
            span_element = _child(tc_pr, _SPAN) if tc_pr is not None else None
            span = int(span_element.get(_VAL)) if span_element is not None else 1
            if span == 1 and column < len(cols):
                text = "".join(tc.itertext(_T))
                if text:
                    words[column] = max(words[column], max(map(_width, _BREAKS.split(text))))
                    texts[column] = max(texts[column], min(len(text), cap))
            column += span
    char_mm = LAYOUT.table_pt * 0.19  # average Times New Roman character width, mm
    total = LAYOUT.text_width_mm
    minimum = [w * char_mm + CELL_MARGIN_MM for w in words]  # the widest word fits
    if sum(minimum) >= total:
        widths = [total * m / sum(minimum) for m in minimum]
    else:  # share the rest by how much longer each column's text is than its widest word
        extra = [
            max(max(w, t) * char_mm + CELL_MARGIN_MM - m, 0)
            for w, t, m in zip(words, texts, minimum)
        ]
        share = min(1.0, (total - sum(minimum)) / sum(extra)) if sum(extra) else 0
        widths = [m + e * share for m, e in zip(minimum, extra)]
        widths = [w * total / sum(widths) for w in widths]
    for col, value in zip(cols, widths):
        col.set(_W, str(int(value * TWIPS_PER_MM)))


def _fill_contents(body) -> None:
    """The entries of pandoc's table of contents (an empty field that Word fills when it opens
    the document), linked to their headings, as the field's result: LibreOffice and previews
    show them instead of an empty table; Word still puts in the page numbers."""
    gallery = body.find(f".//{_GALLERY}[@{_VAL}='Table of Contents']")
    content = None if gallery is None else gallery.getparent().getparent().getnext()  # sdtContent
    if content is None:
        return
    fields = [p for p in content if p.tag == _P and p.find(f"{_R}/{_FLDCHAR}") is not None]
    if not fields:
        return
    field = fields[0]
    entries = []
    for style in _CONTENTS_STYLES(body):  # the headings' styles, in document order
        heading = style.getparent().getparent()
        before = heading.getprevious()
        if before is not None and before.tag == _BOOKMARK:
            text = "".join(t.text or "" for t in heading.iter(_T))
            entries.append((CONTENTS_LEVELS[style.get(_VAL)], before.get(qn("w:name")), text))
    if not entries:
        return
    for char in field.iter(_FLDCHAR):
        if char.get(_FLDTYPE) == "end":  # the field ends after the last entry
            char.getparent().remove(char)
            break
    previous = None  # the first entry follows the field's start, in the same paragraph
    for level, anchor, text in entries:
        paragraph = field if previous is None else etree.Element(_P)
        if previous is not None:
            previous.addnext(paragraph)
        ppr = paragraph.find(_PPR)
        if ppr is None:
            ppr = etree.Element(_PPR)
            paragraph.insert(0, ppr)
        ppr.insert(0, etree.Element(_PSTYLE, {_VAL: f"TOC{level}"}))
        link = etree.SubElement(paragraph, _HYPERLINK, {qn("w:anchor"): anchor})
        etree.SubElement(etree.SubElement(link, _R), _T).text = text
        previous = paragraph
    etree.SubElement(etree.SubElement(previous, _R), _FLDCHAR, {_FLDTYPE: "end"})


def _keep_last_paragraph_with_closing(body) -> None:
    """The body's last paragraph goes to the next page with the signature block, which never
    stands alone on the last page."""
    last = next((e for e in reversed(body) if e.tag not in _BOOKMARKS), None)
    if last is None or last.tag != _P:
        return
    ppr = last.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        last.insert(0, ppr)
    if ppr.find(_KEEP_NEXT) is None:  # after the style, as the schema orders them
        ppr.insert(1 if len(ppr) and ppr[0].tag == _PSTYLE else 0, etree.Element(_KEEP_NEXT))


def _child(element, tag: str):
    """The first child with this tag (iterchildren stays in C; find() parses a path)."""
    return next(element.iterchildren(tag), None)


def _width(word: str) -> float:
    """A word's width in average characters: capitals are wider, punctuation narrower."""
    narrow = sum(map(word.count, ".,;:()")) if not word.isalpha() else 0
    wide = sum(map(str.isupper, word)) if not word.islower() else 0
    return len(word) + 0.4 * wide - 0.5 * narrow


def _closing(doc, head: DocumentHead) -> None:
    spacer = doc.add_paragraph()
    _plain(spacer, after=6)
    spacer.paragraph_format.keep_with_next = True
    table = _two_columns(doc, LEFT_MM + 10, RIGHT_MM - 10)
    left, right = table.rows[0].cells
    lines = [(RECIPIENTS, 12, True, True)] + [(f"- {r}", 11, False, False) for r in head.recipients]
    _cell_lines(left, lines, WD_ALIGN_PARAGRAPH.LEFT)
    signer = [(head.signer_capacity, 14, True, False)] + [
        (t, 14, True, False) for t in head.signer_title
    ]
    signer += [("", 14, False, False)] * 4 + [(head.signer_name, 14, True, False)]
    _cell_lines(right, signer)
