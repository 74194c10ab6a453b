"""The Word template round-trips (issue 17, part 3): `baocao new <id> --docx` and the site's
Tải về page give a Nghị định 30 document with the letterhead to fill, every heading, a
placeholder under each and a figures table; filled in with python-docx as a person would, it
is a report with no warning, its table is so_lieu, and it builds."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.completeness import agency_parts
from baocao.docx import build_docx
from baocao.docx.template import CONTACT, PLACEHOLDER, SIGNER_CAPACITY, SIGNER_NAME, templates
from baocao.workspace import load_round
from conftest import ROOT

AGENCY = "bo-y-te"


def paragraphs(document):
    """Every paragraph of the body, table cells included, in order."""
    for element in document.element.body.iter(docx.oxml.ns.qn("w:p")):
        yield docx.text.paragraph.Paragraph(element, document)


def type_into(paragraph, text: str) -> None:
    """What a person does: select the paragraph's text and type over it (Word keeps the
    formatting of the first character selected)."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def fill(path: Path, campaign) -> dict:
    doc = docx.Document(str(path))
    written = {}
    leaf = 0
    for paragraph in list(paragraphs(doc)):
        text = paragraph.text
        if text.startswith("Số:"):
            type_into(paragraph, "Số: 7361/BC-BYT")
        elif ", ngày" in text and "năm" in text:
            type_into(paragraph, "Hà Nội, ngày 02 tháng 12 năm 2024")
        elif text == SIGNER_CAPACITY:
            type_into(paragraph, "KT. BỘ TRƯỞNG")
            paragraph.insert_paragraph_before("")  # Enter, then the second line
            type_into(paragraph, "THỨ TRƯỞNG")
            paragraph._p.getprevious().append(
                docx.oxml.parse_xml(
                    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    "<w:rPr><w:b/></w:rPr><w:t>KT. BỘ TRƯỞNG</w:t></w:r>"
                )
            )
        elif text == SIGNER_NAME:
            type_into(paragraph, "Đỗ Xuân Tuyên")
        elif text == PLACEHOLDER:
            words = f"Bộ Y tế đã thực hiện nội dung thứ {leaf + 1}: a) kiểm tra; đ) xử lý."
            type_into(paragraph, words)  # over the placeholder, keeping its formatting
            written[leaf] = words
            leaf += 1
        elif text == CONTACT:
            type_into(
                paragraph,
                "Người liên hệ: Trần Thị Bình, điện thoại 0982.190.626, thư điện tử binh@moh.gov.vn",
            )
    figures = doc.tables[1]  # letterhead, figures, closing
    values = {"Số vụ kiểm tra (vụ)": ("1.085", "1.322"), "Số vụ vi phạm đã xử lý (vụ)": ("940", "")}
    for row in figures.rows[1:]:
        if row.cells[0].text in values:
            for cell, value in zip(row.cells[1:], values[row.cells[0].text]):
                cell.text = value
    doc.save(str(path))
    return written


@pytest.fixture
def word_workspace(workspace: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", workspace / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", workspace / "docs")
    return workspace


def test_baocao_new_docx_writes_a_template_with_every_heading(word_workspace, capsys, campaign):
    assert main(["--root", str(word_workspace), "new", AGENCY, "--docx"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã tạo submissions/bo-y-te.docx cho Bộ Y tế (4 nhiệm vụ được giao).")
    doc = docx.Document(str(word_workspace / "submissions" / "bo-y-te.docx"))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    specs = agency_parts(campaign, campaign.agency(AGENCY))
    assert headings == [(f"Heading {min(s.depth, 9)}", s.heading) for s in specs]
    assert sum(p.text == PLACEHOLDER for p in doc.paragraphs) == sum(s.leaf for s in specs)
    letterhead = doc.tables[0].rows[0].cells
    assert letterhead[0].paragraphs[0].text == "BỘ Y TẾ"
    assert letterhead[1].paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    figures = doc.tables[1]
    assert [c.text for c in figures.rows[0].cells] == ["Chỉ tiêu (đơn vị)", "2023", "2024"]
    assert len(figures.rows) == 1 + len(campaign.figure_fields)
    # never over an existing report, Word or Markdown
    assert main(["--root", str(word_workspace), "new", AGENCY, "--docx"]) == 1
    assert main(["--root", str(word_workspace), "new", AGENCY]) == 1
    assert "submissions/bo-y-te.docx đã có; không ghi đè." in capsys.readouterr().err


def test_an_unfilled_template_is_a_draft_with_every_part_to_write(word_workspace):
    main(["--root", str(word_workspace), "new", AGENCY, "--docx"])
    report = load_round(word_workspace).report(AGENCY)
    assert report.status == "draft" and report.ratio == 0.0
    assert report.completeness.preamble == ""
    assert all(p.state != "complete" for p in report.parts if p.spec.leaf)


@pytest.mark.slow
def test_the_template_filled_in_round_trips(word_workspace, tmp_path, capsys):
    main(["--root", str(word_workspace), "new", AGENCY, "--docx"])
    path = word_workspace / "submissions" / "bo-y-te.docx"
    written = fill(path, load_campaign(word_workspace))
    capsys.readouterr()
    assert main(["--root", str(word_workspace), "check"]) == 0
    assert "Đạt: 0 lỗi, 0 cảnh báo trong 1 tệp." in capsys.readouterr().out
    rnd = load_round(word_workspace)
    report = rnd.report(AGENCY)
    meta = report.submission.meta
    assert report.status == "on_time" and report.ratio == 1.0
    assert meta["so_ky_hieu"] == "7361/BC-BYT" and meta["ngay_ban_hanh"] == "02/12/2024"
    assert meta["nguoi_ky"] == {"ho_ten": "Đỗ Xuân Tuyên", "chuc_vu": "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"}
    assert meta["lien_he"]["email"] == "binh@moh.gov.vn"
    assert meta["so_lieu"] == [
        {"nam": 2023, "kiem_tra": 1085, "xu_ly": 940},
        {"nam": 2024, "kiem_tra": 1322},
    ]
    leaves = [p for p in report.parts if p.spec.leaf]
    assert [p.content for p in leaves] == [written[i] for i in range(len(leaves))]
    assert report.completeness.preamble == ""
    merged = build_docx(rnd, tmp_path / "tong-hop.docx")
    texts = [p.text for p in docx.Document(str(merged)).paragraphs]
    assert written[0] in texts
    assert rnd.figure_totals()[(2023, "kiem_tra")] == 1085


def test_the_site_offers_every_agency_its_word_template(campaign):
    made = templates(campaign)
    assert list(made) == [a.id for a in campaign.agencies]
    doc = docx.Document(io.BytesIO(made["ubnd-ha-noi"]))
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI"
    assert doc.tables[0].rows[0].cells[1].paragraphs[-1].text.startswith("Hà Nội, ngày")
    assert templates(campaign)["ubnd-ha-noi"] == made["ubnd-ha-noi"]  # the same bytes each build


def test_word_templates_are_made_again_only_when_the_campaign_changes(workspace):
    """`mkdocs serve` rebuilds reuse the templates while campaign.yml is unchanged."""
    from baocao.campaign import load_campaign
    from baocao.site.pages import word_templates

    first = word_templates(load_campaign(workspace))
    assert word_templates(load_campaign(workspace)) is first
    with open(workspace / "campaign.yml", "a", encoding="utf-8") as handle:
        handle.write("\n# sửa\n")
    again = word_templates(load_campaign(workspace))
    assert again is not first and again == first
