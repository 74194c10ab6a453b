"""Word reports written with python-docx as an office would: letterhead, headings, text, signature."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document

from baocao.completeness import agency_parts

CONTACT = "Người liên hệ: Trần Thị Bình, điện thoại 0982.190.626, thư điện tử binh@example.gov.vn"


def word_report(
    campaign,
    agency_id: str,
    path: Path,
    *,
    extra: dict[int, list[str]] | None = None,
    contact: bool = True,
) -> Path:
    """A report with every heading of the agency's outline (Heading styles) and a paragraph
    under each leaf; `extra` adds paragraphs after the text of the n-th leaf (0-based), a
    heading one level down for a text starting with "# "."""
    agency = campaign.agency(agency_id)
    doc = Document()
    doc.add_paragraph(agency.name.upper())
    doc.add_paragraph("Số: 125/BC-" + agency_id.split("-")[-1].upper())
    doc.add_paragraph("Hà Nội, ngày 03 tháng 12 năm 2024")
    doc.add_paragraph("BÁO CÁO")
    leaf = 0
    for spec in agency_parts(campaign, agency):
        doc.add_heading(spec.heading, level=min(spec.depth, 9))
        if spec.leaf:
            doc.add_paragraph(f"Nội dung mục {spec.heading[:40]} của {agency.name}.")
            for text in (extra or {}).get(leaf, []):
                if text.startswith("# "):  # a heading of the author's own
                    doc.add_heading(text[2:], level=min(spec.depth + 1, 9))
                else:
                    doc.add_paragraph(text)
            leaf += 1
    doc.add_paragraph("KT. BỘ TRƯỞNG")
    doc.add_paragraph("THỨ TRƯỞNG")
    doc.add_paragraph("Nguyễn Văn An")
    if contact:
        doc.add_paragraph(CONTACT)
    doc.save(str(path))
    return path


def add_part(path: Path, name: str, data: bytes, rels: tuple[str, str] | None = None) -> None:
    """Add a part to a .docx package (and optionally replace a part's text)."""
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts[name] = data
    if rels:
        parts[rels[0]] = rels[1].encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for part, content in parts.items():
            package.writestr(part, content)
