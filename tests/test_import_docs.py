"""DOCX files the import tests make themselves with python-docx: real-world shapes, known content."""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from io import BytesIO
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

AGENCY = "ubnd-da-nang"


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A tiny valid PNG, made without any imaging library."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def bold(doc, text: str):
    paragraph = doc.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def _roman_numbering(doc) -> str:
    """Add an upper-Roman automatic list to the document's numbering part; return its numId."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering.insert(0, abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return "90"


def numbered(doc, text: str, num_id: str, level: int, *, is_bold: bool = True):
    paragraph = bold(doc, text) if is_bold else doc.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def tracked(doc, kept: str, inserted: str, deleted: str):
    paragraph = doc.add_paragraph(kept)
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="801" w:author="A" w:date="2024-12-01T00:00:00Z"><w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="802" w:author="A" w:date="2024-12-01T00:00:00Z"><w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
        )
    )
    return paragraph


def legacy_run(doc, text: str, font: str):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.name = font
    return paragraph


def report_docx(path: Path, parts, tasks) -> Path:
    """A report of `AGENCY` in the shape real files have; `parts`: agency_parts, `tasks`: its tasks."""
    spec = {p.id: p for p in parts}
    doc = docx.Document()
    doc.styles["Normal"].font.size = Pt(13)
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN").bold = False
    left.add_paragraph("THÀNH PHỐ ĐÀ NẴNG").runs[0].bold = True
    left.add_paragraph("Số:  125 /BC - UBND")
    right.paragraphs[0].add_run("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc").runs[0].bold = True
    right.add_paragraph("Đà Nẵng, ngày 03 tháng 12 năm 2024").runs[0].italic = True
    bold(doc, "BÁO CÁO")
    bold(doc, "Sơ kết 02 năm thực hiện Đề án 319")
    doc.add_paragraph("Kính gửi: Ban Chỉ đạo 319")
    # decomposed tone marks, as some real files have them
    doc.add_paragraph(
        unicodedata.normalize(
            "NFD",
            "Thực hiện Công văn số 3610/TCQLTT-BCĐ319, Ủy ban nhân dân thành phố báo cáo như sau:",
        )
    )
    bold(doc, spec["p1"].heading)
    num_id = _roman_numbering(doc)
    numbered(doc, spec["p1-i"].title, num_id, 0)
    numbered(doc, spec["p1-i-1"].title, num_id, 1)
    doc.add_paragraph(
        "Thành phố đã ban hành Kế hoạch số 45/KH-UBND ngày 10/8/2023 triển khai Đề án."
    )
    # the same title in other case and spacing, with the number typed in the text
    bold(doc, "2.  " + spec["p1-i-2"].title.upper())
    tracked(doc, "Đã tổ chức 12 đoàn kiểm tra", " liên ngành", " (số liệu cũ)")
    commented = doc.add_paragraph("Kinh phí bố trí từ ngân sách thành phố.")
    doc.add_comment(commented.runs, text="Cần bổ sung số liệu năm 2024", author="Thư ký")
    bold(doc, "3. Nội dung riêng của thành phố chưa có trong đề cương")
    doc.add_paragraph("Nội dung dưới tiêu đề không khớp phải được giữ lại.")
    bold(doc, spec["p1-ii"].heading)
    for index, task in enumerate(tasks, 1):
        bold(doc, f"Nhiệm vụ {index}: {task.text}")
        doc.add_paragraph(f"Kết quả thực hiện nhiệm vụ {index}.")
    doc.add_paragraph("Kết quả kiểm tra qua các năm:")
    table = doc.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Năm"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Số vụ"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "Tiền phạt | đồng"
    table.cell(1, 1).text = "Kiểm tra"
    table.cell(1, 2).text = "Xử lý"
    for row, values in (
        (2, ("2023", "120", "95", "1.250.000.000")),
        (3, ("2024", "150", "130", "2.000.000.000")),
    ):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    table.cell(3, 3).add_paragraph("(ước tính)")
    picture = doc.add_paragraph()
    picture.add_run().add_picture(BytesIO(png_bytes()))
    doc.add_paragraph("- dòng bắt đầu bằng gạch ngang")
    doc.add_paragraph("Ghi chú * có dấu sao_và gạch dưới [trong ngoặc] <thẻ>")
    legacy_run(doc, "Th«ng t­ h­íng dÉn thùc hiÖn", ".VnTime")
    legacy_run(doc, "Toâi ñi hoïc ôû tröôøng", "VNI-Times")
    legacy_run(doc, "Văn bản Unicode dưới kiểu chữ .VnTime", ".VnTime")
    for key in ("p1-iii", "p1-iii-1", "p1-iii-1-1", "p1-iii-1-2", "p1-iii-2", "p1-iii-2-1"):
        bold(doc, spec[key].heading)
    for key, letter in (("p1-iii-2-1-a", "a"), ("p1-iii-2-1-b", "b")):
        bold(doc, f"{letter}) {spec[key].title}")
        doc.add_paragraph(f"Nội dung mục {letter}.")
    signature = doc.add_table(rows=1, cols=2)
    receivers, signer = signature.rows[0].cells
    receivers.paragraphs[0].add_run("Nơi nhận:").bold = True
    receivers.add_paragraph("- Như trên;")
    receivers.add_paragraph("- Lưu: VT.")
    signer.paragraphs[0].add_run("TM. ỦY BAN NHÂN DÂN").bold = True
    signer.add_paragraph("KT. CHỦ TỊCH").runs[0].bold = True
    signer.add_paragraph("PHÓ CHỦ TỊCH").runs[0].bold = True
    signer.add_paragraph("")
    signer.add_paragraph("Nguyễn Văn An").runs[0].bold = True
    doc.save(path)
    return path


def source_texts(path: Path, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Every paragraph and table cell of a DOCX as python-docx reads it (NFC, spaces collapsed)."""
    doc = docx.Document(str(path))
    texts: list[str] = []

    def visit(container) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, docx.table.Table):
                for row in item.rows:
                    for cell in row.cells:
                        visit(cell)
            else:
                texts.append(item.text)

    visit(doc)
    out = []
    for text in texts:
        text = re.sub(
            r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")
        ).strip()
        if text and not any(s in text for s in skip):
            out.append(text)
    return out


def normal_markdown(text: str) -> str:
    """Markdown with its escapes, emphasis marks and cell breaks removed, spaces collapsed."""
    text = re.sub(r"(?<!\\)\[\^\d+\]:?", "", text)  # footnote marks
    text = re.sub(r"\\(?=[^\w\s]|_)", "", text)
    text = text.replace("<br>", " ").replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", text)
