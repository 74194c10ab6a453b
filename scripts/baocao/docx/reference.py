"""The pandoc reference document (Nghị định 30/2020 page and styles), made with python-docx."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypandoc
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from baocao.docx.ooxml import put_tbl_pr
from baocao.errors import BuildError
from baocao.messages import error_text

FONT = "Times New Roman"


@dataclass(frozen=True)
class Layout:
    page_width_mm: float = 210
    page_height_mm: float = 297
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15
    header_mm: float = 10  # distance of the page number from the top edge
    body_pt: float = 14
    table_pt: float = 11
    cell_margin_mm: float = 1.0
    footnote_pt: float = 12
    first_line_mm: float = 10
    line_spacing: float = 1.15
    space_after_pt: float = 6

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.left_mm - self.right_mm


LAYOUT = Layout()

# Heading styles: (size pt, bold, italic, all caps, centred).
# Level 1: the parts of the merged report (A., B., Phụ lục), centred in capitals;
# then PHẦN / I. / 1. bold, 1.1. bold italic, a) italic, as the decree numbers them.
HEADINGS = {
    1: (14, True, False, True, True),
    2: (14, True, False, False, False),
    3: (14, True, False, False, False),
    4: (14, True, False, False, False),
    5: (14, True, True, False, False),
    6: (14, False, True, False, False),
    7: (14, False, True, False, False),
    8: (14, False, True, False, False),
    9: (14, False, True, False, False),
}


def write_reference(path: Path, layout: Layout = LAYOUT) -> Path:
    """Write the reference document to path and return path."""
    path.write_bytes(reference_bytes(layout))
    return path


def reference_bytes(layout: Layout = LAYOUT) -> bytes:
    """The reference document: pandoc's own, with the layout of Nghị định 30/2020."""
    try:
        data = subprocess.run(
            [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        detail = (
            error.stderr.decode("utf-8", "replace").strip()
            if isinstance(error, subprocess.CalledProcessError)
            else error
        )
        raise BuildError(error_text("pandoc-reference", detail=detail or error)) from None
    doc = Document(io.BytesIO(data))
    _page(doc, layout)
    _fonts(doc, layout)
    _styles(doc, layout)
    _page_numbers(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc, layout: Layout) -> None:
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            Mm(layout.page_width_mm),
            Mm(layout.page_height_mm),
        )
        section.top_margin, section.bottom_margin = Mm(layout.top_mm), Mm(layout.bottom_mm)
        section.left_margin, section.right_margin = Mm(layout.left_mm), Mm(layout.right_mm)
        section.header_distance, section.footer_distance = (
            Mm(layout.header_mm),
            Mm(layout.header_mm),
        )
        section.gutter = Mm(0)


def _fonts(doc, layout: Layout) -> None:
    """Times New Roman everywhere: document defaults, and no theme font left in any style."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    size = rpr.find(qn("w:sz"))
    if size is None:
        size = OxmlElement("w:sz")
        rpr.append(size)
    size.set(qn("w:val"), str(int(layout.body_pt * 2)))
    for fonts in styles.iter(qn("w:rFonts")):
        _set_fonts_element(fonts)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), "vi-VN")


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _set_fonts_element(fonts)


def _set_fonts_element(fonts) -> None:
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


LIST_LEVELS = 4  # deeper list items share the last style


def _paragraph_style(doc, name: str, base: str | None = None):
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base:
            style.base_style = doc.styles[base]
        return style


def _styles(doc, layout: Layout) -> None:
    black = RGBColor(0, 0, 0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = None  # the document default (body size), so table styles can set theirs
    fmt = normal.paragraph_format
    fmt.line_spacing = layout.line_spacing
    fmt.space_before, fmt.space_after = Pt(0), Pt(layout.space_after_pt)

    for name in ("Body Text", "First Paragraph"):
        style = _paragraph_style(doc, name, "Normal")
        style.font.size = None
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(layout.first_line_mm)
        fmt.space_before, fmt.space_after = Pt(0), Pt(layout.space_after_pt)
        fmt.line_spacing = layout.line_spacing

    compact = _paragraph_style(doc, "Compact", "Body Text")  # table cells and tight lists
    fmt = compact.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.first_line_indent = Mm(0)
    fmt.space_before, fmt.space_after = Pt(1), Pt(1)
    fmt.line_spacing = 1.0

    for level, (size, bold, italic, caps, centred) in HEADINGS.items():
        style = _paragraph_style(doc, f"Heading {level}", "Normal")
        font = style.font
        font.name, font.size, font.bold, font.italic, font.all_caps = (
            FONT,
            Pt(size),
            bold,
            italic,
            caps,
        )
        font.color.rgb = black
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(0) if centred else Mm(layout.first_line_mm)
        fmt.space_before, fmt.space_after = Pt(12 if level <= 2 else 6), Pt(6)
        fmt.line_spacing = layout.line_spacing
        fmt.keep_with_next = True
        fmt.page_break_before = level == 1

    for name, size, bold, italic, align in (
        ("Title", 14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("Subtitle", 14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("TOC Heading", 14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("Table Caption", 13, True, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("Image Caption", 13, False, True, WD_ALIGN_PARAGRAPH.CENTER),
        ("Captioned Figure", 13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("Figure", 13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("Agency Label", 14, True, True, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("Note", 13, False, True, WD_ALIGN_PARAGRAPH.JUSTIFY),
    ):
        style = _paragraph_style(doc, name, "Normal")
        style.font.name, style.font.size, style.font.bold, style.font.italic = (
            FONT,
            Pt(size),
            bold,
            italic,
        )
        style.font.color.rgb = black
        style.paragraph_format.alignment = align
        style.paragraph_format.first_line_indent = (
            Mm(0) if align == WD_ALIGN_PARAGRAPH.CENTER else Mm(layout.first_line_mm)
        )
        style.paragraph_format.keep_with_next = name in (
            "Table Caption",
            "Agency Label",
            "Captioned Figure",
        )
    doc.styles["TOC Heading"].paragraph_format.page_break_before = False
    for level in (1, 2):  # Word's own "toc 1", "toc 2": the entries of the table of contents
        entry = _paragraph_style(doc, f"toc {level}", "Normal")
        entry.style_id = f"TOC{level}"
        entry.font.bold = level == 1
        fmt = entry.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.first_line_indent, fmt.left_indent = Mm(0), Mm(layout.first_line_mm * (level - 1))
        fmt.space_before, fmt.space_after = Pt(0), Pt(3)
    doc.styles["Table Caption"].paragraph_format.space_before = Pt(12)

    block = _paragraph_style(doc, "Block Text", "Body Text")  # Markdown block quotes
    block.paragraph_format.left_indent = Mm(layout.first_line_mm)
    block.paragraph_format.right_indent = Mm(0)
    block.paragraph_format.first_line_indent = Mm(0)
    block.font.size = None
    block.font.color.rgb = black

    for level in range(1, LIST_LEVELS + 1):  # report list items, marker typed in (lists.lua)
        item = _paragraph_style(doc, f"List Item {level}", "Body Text")
        item.paragraph_format.left_indent = Mm(layout.first_line_mm * (level - 1))
        item.paragraph_format.first_line_indent = Mm(layout.first_line_mm)

    footnote = _paragraph_style(doc, "Footnote Text", "Normal")
    footnote.font.size = Pt(layout.footnote_pt)
    footnote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    footnote.paragraph_format.space_after = Pt(0)
    footnote.paragraph_format.line_spacing = 1.0

    # Table text is smaller than body text; the paragraph styles in cells set no size.
    table = doc.styles["Table"]
    table.font.size = Pt(layout.table_pt)
    _table_borders(table.element)
    _cell_margins(table.element, layout.cell_margin_mm)

    for name in ("Hyperlink",):
        doc.styles[name].font.color.rgb = black


def _table_borders(style_element) -> None:
    """Single black borders around every cell of the "Table" style."""
    tbl_pr = style_element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        style_element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    put_tbl_pr(tbl_pr, borders)


def _cell_margins(style_element, mm: float) -> None:
    tbl_pr = style_element.find(qn("w:tblPr"))
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(mm * 1440 / 25.4)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    put_tbl_pr(tbl_pr, margins)


def _page_numbers(doc) -> None:
    """A PAGE field centred in the header of every page but the first."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Mm(0)
    run = paragraph.add_run()
    run.font.name, run.font.size = FONT, Pt(LAYOUT.body_pt)
    for kind, text in (
        ("begin", None),
        (None, "PAGE"),
        ("separate", None),
        (None, None),
        ("end", None),
    ):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:t")
            element.text = "2"
        run._r.append(element)
    first = section.first_page_header
    first.is_linked_to_previous = False
    if not first.paragraphs:
        first.add_paragraph()
