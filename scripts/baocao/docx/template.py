"""One agency's blank report as a Word file, laid out per Nghị định 30/2020, that imports back."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from baocao.campaign import Agency, Campaign
from baocao.completeness import agency_parts
from baocao.docx.layout import DocumentHead, blocks, issuer_text
from baocao.docx.ooxml import put_tbl_pr
from baocao.docx.reference import reference_bytes
from baocao.errors import TemplateError
from baocao.messages import error_text

NUMBER = "...../BC-....."
PLACEHOLDER = "(Chưa viết: thay đoạn này bằng nội dung báo cáo.)"
SIGNER_CAPACITY = "(CHỨC VỤ NGƯỜI KÝ)"
SIGNER_NAME = "(Họ và tên người ký)"
FIGURES_CAPTION = "Số liệu (điền số nguyên vào ô của từng năm; để trống chỉ tiêu không có số liệu)"
FIGURES_HEAD = "Chỉ tiêu (đơn vị)"
FIGURE_LABEL_MM, YEAR_MM = 95, 35
CONTACT = "Người liên hệ: (họ và tên), điện thoại (số điện thoại), thư điện tử (địa chỉ thư)"


# Agencies with the same outline, tasks and letterhead lines share one built document; their
# names and place are put in its text afterwards (a template takes ~0.1 s to build, a
# substitution ~5 ms).
ISSUER_MARK, PLACE_MARK = "BAOCAO-ISSUER-MARK", "BAOCAO-PLACE-MARK"
PARENT_MARK = "BAOCAO-PARENT-MARK"
DOCUMENT = "word/document.xml"


def template_head(campaign: Campaign, issuer: tuple[str, ...], place: str) -> DocumentHead:
    return DocumentHead(
        issuer,
        NUMBER,
        place,
        None,
        campaign.report.kind,
        campaign.report.title,
        (f"{campaign.letter.receiver_unit} (để tổng hợp);", "Lưu: VT."),
        SIGNER_CAPACITY,
        (),
        SIGNER_NAME,
    )


def figure_label(field) -> str:
    return f"{field.label} ({field.unit})"


def template_docx(campaign: Campaign, agency: Agency) -> bytes:
    """The blank Word report of one agency."""
    return templates(campaign, [agency])[agency.id]


def templates(campaign: Campaign, agencies: list[Agency] | None = None) -> dict[str, bytes]:
    """The blank Word report of every agency (or of those given), by agency id."""
    reference = reference_bytes()
    heads: dict[int, tuple[list, list]] = {}  # by the number of letterhead lines
    shared: dict[tuple, list[tuple[str, bytes]]] = {}  # its parts: (name, bytes)
    out = {}
    for agency in campaign.agencies if agencies is None else agencies:
        lines = len(agency.letterhead)
        key = (agency.appendix, agency.task_ids, lines)
        if key not in shared:
            if lines not in heads:
                marks = (PARENT_MARK, ISSUER_MARK)[-lines:]
                heads[lines] = blocks(template_head(campaign, marks, PLACE_MARK))
            data = _shared(campaign, agency, reference, heads[lines])
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                shared[key] = [(info.filename, package.read(info)) for info in package.infolist()]
        out[agency.id] = _personal(shared[key], campaign, agency)
    return out


def _personal(parts: list[tuple[str, bytes]], campaign: Campaign, agency: Agency) -> bytes:
    """The shared document with this agency's letterhead and place, zip entries dated
    1980-01-01."""
    place = agency.province or campaign.report.place
    printed = issuer_text(agency.letterhead)  # a line break inside the mark's run
    marks = {
        mark: "</w:t><w:br/><w:t>".join(escape(line) for line in text.split("\n"))
        for mark, text in zip((PARENT_MARK, ISSUER_MARK)[-len(printed) :], printed)
    }
    marks[PLACE_MARK] = escape(place)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts:
            if name == DOCUMENT:
                for mark, text in marks.items():
                    blob = blob.replace(mark.encode(), text.encode())
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), blob)
    return out.getvalue()


def _shared(campaign: Campaign, agency: Agency, reference: bytes, head) -> bytes:
    doc = Document(io.BytesIO(reference))
    ids: dict[str, str] = {}

    def style(name: str) -> str:  # python-docx looks a style up through every style each time
        if name not in ids:
            ids[name] = doc.styles[name].style_id
        return ids[name]

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    opening, closing = (copy.deepcopy(part) for part in head)
    sect = body.find(qn("w:sectPr"))
    for element in opening:
        sect.addprevious(element)
    for spec in agency_parts(campaign, agency):
        # one report: no page a part
        heading = style(f"Heading {min(spec.depth, 9)}")
        sect.addprevious(_paragraph(heading, spec.heading, no_page_break=True))
        if spec.leaf:
            sect.addprevious(_paragraph(style("Body Text"), PLACEHOLDER))  # typed over: plain
    sect.addprevious(_paragraph(style("Table Caption"), FIGURES_CAPTION))
    fields = campaign.figure_fields
    table = doc.add_table(rows=1 + len(fields), cols=1 + len(campaign.years), style="Table")
    header = [FIGURES_HEAD, *(str(year) for year in campaign.years)]
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for row, field in zip(table.rows[1:], fields):
        row.cells[0].text = figure_label(field)
    _grid(table, [FIGURE_LABEL_MM] + [YEAR_MM] * len(campaign.years))
    for element in closing:
        sect.addprevious(element)
    sect.addprevious(_paragraph(style("Body Text"), CONTACT))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _paragraph(style_id: str, text: str, *, no_page_break: bool = False):
    """<w:p> of one run in a paragraph style, as python-docx's add_paragraph writes it."""
    p, ppr, run, t = (OxmlElement(tag) for tag in ("w:p", "w:pPr", "w:r", "w:t"))
    ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
    if no_page_break:
        ppr.append(OxmlElement("w:pageBreakBefore", {qn("w:val"): "0"}))
    p.append(ppr)
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    run.append(t)
    p.append(run)
    return p


def _grid(table, widths_mm: list[int]) -> None:
    """Ruled cells and column widths: a table to fill in, not a layout."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    put_tbl_pr(table._tbl.tblPr, borders)
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def write_word_template(campaign: Campaign, agency_id: str) -> tuple[Path, Agency]:
    """`baocao new <id> --docx`: submissions/<id>.docx, never over an existing report."""
    agency = campaign.agency(agency_id)
    if agency is None:
        raise TemplateError(error_text("new-agency-unknown", agency=agency_id))
    folder = campaign.submissions_dir
    for existing in (folder / f"{agency.id}.docx", folder / f"{agency.id}.md"):
        if existing.exists():
            shown = existing.relative_to(campaign.root).as_posix()
            raise TemplateError(error_text("new-exists", path=shown))
    path = folder / f"{agency.id}.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = template_docx(campaign, agency)
    with open(path, "xb") as handle:
        handle.write(data)
    return path, agency
