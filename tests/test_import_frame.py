"""The importer separates the document from its frame (issue 17, part 4): letterhead, title
block, Nơi nhận and signature become front matter or are dropped, and it says so; a figures
table becomes so_lieu; a letterhead of another agency is a warning naming both."""

from __future__ import annotations

import contextlib
import io
import unicodedata
from pathlib import Path

import docx
import pytest
import yaml

from baocao.completeness import agency_parts
from baocao.importer import import_docx, run_import
from baocao.text import fold
from baocao.workspace import load_round
from test_import import new_workspace
from test_import_docs import AGENCY, report_docx


def ministry_report(path: Path, campaign, *, issuer: str = "BỘ Y TẾ", table=None) -> Path:
    """A ministry's report as a Word user writes it: paragraphs only, Nơi nhận then signature."""
    doc = docx.Document()
    doc.add_paragraph(issuer)
    doc.add_paragraph(unicodedata.normalize("NFD", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    doc.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    doc.add_paragraph("_______________")
    doc.add_paragraph("Số: 7361/BC-BYT")
    doc.add_paragraph("Hà Nội, ngày 02 tháng 12 năm 2024")
    doc.add_paragraph("BÁO CÁO").runs[0].bold = True
    doc.add_paragraph("Sơ kết 02 năm thực hiện Đề án 319").runs[0].bold = True
    doc.add_paragraph("Thực hiện Công văn số 3610/TCQLTT-BCĐ319, Bộ Y tế báo cáo như sau:")
    for spec in agency_parts(campaign, campaign.agency("bo-y-te")):
        doc.add_paragraph(spec.heading).runs[0].bold = True
        if spec.leaf:
            doc.add_paragraph(f"Nội dung {spec.heading[:30]}.")
    if table:
        grid = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    for line in (
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, KHTC.",
        "KT. BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        "(Đã ký)",
        "Đỗ Xuân Tuyên",
    ):
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def imported(campaign, path: Path, agency_id: str):
    return import_docx(campaign, campaign.agency(agency_id), docx.Document(str(path)), path.name)


def test_letterhead_title_recipients_and_signature_leave_the_body(campaign, tmp_path):
    result = imported(campaign, ministry_report(tmp_path / "byt.docx", campaign), "bo-y-te")
    body = fold(result.body)
    for line in ("cong hoa xa hoi", "doc lap", "so: 7361", "ha noi, ngay", "noi nhan", "luu: vt"):
        assert line not in body
    assert "do xuan tuyen" not in body and "thu truong" not in body and "(da ky)" not in body
    assert result.body.startswith("Thực hiện Công văn số 3610/TCQLTT-BCĐ319")
    last = result.body.rstrip().splitlines()[-1]
    assert last.startswith("Nội dung")  # Part II ends with its text, not a signature
    meta = yaml.safe_load(result.text.split("---\n")[1])
    assert meta["so_ky_hieu"] == "7361/BC-BYT" and meta["ngay_ban_hanh"] == "02/12/2024"
    assert meta["nguoi_ky"] == {"ho_ten": "Đỗ Xuân Tuyên", "chuc_vu": "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"}
    assert result.frame.moved == [
        ("tên cơ quan", "BỘ Y TẾ"),
        ("Quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Tiêu ngữ", "Độc lập - Tự do - Hạnh phúc"),
        ("đường kẻ", "_______________"),
        ("số, ký hiệu", "Số: 7361/BC-BYT"),
        ("địa danh, ngày tháng", "Hà Nội, ngày 02 tháng 12 năm 2024"),
        ("tên loại văn bản", "BÁO CÁO"),
        ("trích yếu", "Sơ kết 02 năm thực hiện Đề án 319"),
        ("nơi nhận", "Nơi nhận:"),
        ("nơi nhận", "- Như trên;"),
        ("nơi nhận", "- Lưu: VT, KHTC."),
        ("chữ ký", "KT. BỘ TRƯỞNG"),
        ("chữ ký", "THỨ TRƯỞNG"),
        ("chữ ký", "(Đã ký)"),
        ("chữ ký", "Đỗ Xuân Tuyên"),
    ]
    assert result.warnings == []


def test_the_import_report_says_what_it_moved(root, campaign, tmp_path):
    (tmp_path / "ws").mkdir()
    workspace = new_workspace(root, tmp_path / "ws")
    source = ministry_report(tmp_path / "byt.docx", campaign)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_import(workspace, source, "bo-y-te")
    text = out.getvalue()
    assert (
        "Đã tách 15 dòng phần đầu, nơi nhận và chữ ký khỏi nội dung (đưa vào phần thông tin hoặc bỏ vì chỉ là trình bày):"
        in text
    )
    assert '  - chữ ký: "Đỗ Xuân Tuyên"' in text


def test_a_letterhead_of_another_agency_is_a_warning_naming_both(root, campaign, tmp_path):
    (tmp_path / "ws").mkdir()
    workspace = new_workspace(root, tmp_path / "ws")
    source = ministry_report(tmp_path / "byt.docx", campaign)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run_import(workspace, source, "bo-tu-phap")
    assert (
        'Cảnh báo: Tên cơ quan ở đầu văn bản ("BỘ Y TẾ") khác với cơ quan được nhập (Bộ Tư pháp, mã bo-tu-phap). '
        "Kiểm tra lại tệp Word hoặc mã cơ quan." in out.getvalue()
    )
    # the same file uploaded as submissions/bo-tu-phap.docx: a warning of the check
    (workspace / "submissions" / "bo-tu-phap.md").unlink()
    (workspace / "submissions" / "bo-tu-phap.docx").write_bytes(source.read_bytes())
    rnd = load_round(workspace)
    assert any(
        p.code == "word-import" and '("BỘ Y TẾ")' in p.message and "Bộ Tư pháp" in p.message
        for p in rnd.problems
    )


FIGURES = [
    ["Chỉ tiêu", "2023", "2024"],
    ["Số vụ kiểm tra (vụ)", "1.085", "1.322"],
    ["Số vụ vi phạm đã xử lý", "940", ""],
    ["Tiền phạt vi phạm hành chính (đồng)", "12.500.000.000", "15.000.000.000"],
]


def test_a_figures_table_becomes_so_lieu(campaign, tmp_path):
    path = ministry_report(tmp_path / "byt.docx", campaign, table=FIGURES)
    result = imported(campaign, path, "bo-y-te")
    meta = yaml.safe_load(result.text.split("---\n")[1])
    assert meta["so_lieu"] == [
        {"nam": 2023, "kiem_tra": 1085, "xu_ly": 940, "tien_phat": 12500000000},
        {"nam": 2024, "kiem_tra": 1322, "tien_phat": 15000000000},
    ]
    assert "1.085" not in result.body  # taken whole into so_lieu
    assert result.warnings == []


def test_a_table_that_is_not_the_rounds_figures_stays_and_is_named(campaign, tmp_path):
    table = [*FIGURES, ["Số cuộc họp", "4", "5"]]
    path = ministry_report(tmp_path / "byt.docx", campaign, table=table)
    result = imported(campaign, path, "bo-y-te")
    assert result.warnings == [
        "Bảng số liệu có dòng hoặc ô không khớp chỉ tiêu nào của đợt báo cáo nên các dòng, ô đó"
        " không được tính vào số liệu tổng hợp của đợt báo cáo (bảng vẫn được giữ nguyên trong nội"
        " dung báo cáo): Số cuộc họp | 4 | 5. Mỗi dòng phải đúng tên một chỉ"
        " tiêu của mẫu; mỗi ô chỉ ghi số nguyên, có thể có dấu chấm ngăn cách hàng nghìn (ví dụ"
        ' 2.450.000.000), không ghi chữ như "tỷ", "triệu".'
    ]
    assert "Số cuộc họp" in result.body and "1.085" in result.body


@pytest.mark.parametrize("agency_id", [AGENCY])
def test_generated_report_with_bold_numbers_nfd_and_legacy_fonts(campaign, tmp_path, agency_id):
    agency = campaign.agency(agency_id)
    path = report_docx(
        tmp_path / "r.docx", agency_parts(campaign, agency), campaign.tasks_of(agency)
    )
    result = imported(campaign, path, agency_id)
    body = fold(result.body)
    assert "cong hoa" not in body and "noi nhan" not in body and "kinh gui" not in body
    assert result.body.startswith("Thực hiện Công văn số 3610")  # NFD text kept, NFC
    assert result.warnings == []
