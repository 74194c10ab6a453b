"""An agency's own report names its direct parent body above its own name (Nghị định 30/2020,
Phụ lục I): the parent in capitals not bold, the agency in bold capitals, in the agency DOCX
and in the Word template; the importer reads either letterhead back as that agency's."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.docx import build_agency_docx
from baocao.docx.layout import LETTERHEAD_LEFT_MM, name_lines, text_mm
from baocao.docx.template import templates
from baocao.errors import CampaignError
from baocao.workspace import load_round
from test_import_frame import imported, ministry_report
from test_word_template import fill, word_workspace  # noqa: F401 (a fixture)

TCQLTT = "TỔNG CỤC QUẢN LÝ THỊ TRƯỜNG"


def issuer_lines(document) -> list[tuple[str, bool]]:
    """The letterhead's issuer lines, top down, as (text, bold): the paragraphs of the left
    cell above its short rule."""
    lines = []
    for paragraph in document.tables[0].rows[0].cells[0].paragraphs:
        if not paragraph.text:
            break
        bold = {bool(run.bold) for run in paragraph.runs if run.text}
        assert len(bold) == 1, paragraph.text  # a whole line bold or not
        lines.append((paragraph.text, bold.pop()))
    return lines


@pytest.mark.parametrize(
    ("agency_id", "lines"),
    [
        (
            "qltt-ha-noi",
            [(TCQLTT, False), ("CỤC QUẢN LÝ THỊ TRƯỜNG\nTHÀNH PHỐ HÀ NỘI", True)],
        ),
        ("tcqltt-cuc-nghiep-vu", [(TCQLTT, False), ("CỤC NGHIỆP VỤ\nQUẢN LÝ THỊ TRƯỜNG", True)]),
        ("vu-phap-che", [("BỘ CÔNG THƯƠNG", False), ("VỤ PHÁP CHẾ", True)]),
        ("ubnd-ha-noi", [("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", True)]),  # no parent body
    ],
)
def test_the_agency_docx_prints_its_parent_body_above_its_name(
    sample_round, tmp_path, agency_id, lines
):
    path = build_agency_docx(sample_round, agency_id, tmp_path / f"{agency_id}.docx")
    document = docx.Document(str(path))
    assert issuer_lines(document) == lines
    assert document.tables[0].rows[0].cells[0].paragraphs[len(lines) + 1].text.startswith("Số: ")


@pytest.mark.parametrize(
    ("agency_id", "lines"),
    [
        ("tcqltt-van-phong", [(TCQLTT, False), ("VĂN PHÒNG TỔNG CỤC", True)]),
        ("qltt-an-giang", [(TCQLTT, False), ("CỤC QUẢN LÝ THỊ TRƯỜNG\nTỈNH AN GIANG", True)]),
        ("thanh-tra-bo", [("BỘ CÔNG THƯƠNG", False), ("THANH TRA BỘ", True)]),
        ("ubnd-an-giang", [("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", True)]),
        ("bo-y-te", [("BỘ Y TẾ", True)]),
        # the issuing body, not the letter's "..., các tổ chức thành viên của Mặt trận"
        ("uy-ban-trung-uong-mttq", [("ỦY BAN TRUNG ƯƠNG\nMẶT TRẬN TỔ QUỐC VIỆT NAM", True)]),
    ],
)
def test_the_word_template_prints_the_parent_body_above_the_agency(campaign, agency_id, lines):
    made = templates(campaign, [campaign.agency(agency_id)])[agency_id]
    assert issuer_lines(docx.Document(io.BytesIO(made))) == lines


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("BỘ Y TẾ", ["BỘ Y TẾ"]),
        ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", ["BỘ KHOA HỌC VÀ CÔNG NGHỆ"]),  # fits on one line
        ("ỦY BAN NHÂN DÂN TỈNH SƠN LA", ["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA"]),  # always so
        ("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", ["ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU"]),
        ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", ["BỘ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"]),
        ("HIỆP HỘI THƯƠNG MẠI ĐIỆN TỬ VIỆT NAM", ["HIỆP HỘI THƯƠNG MẠI ĐIỆN TỬ", "VIỆT NAM"]),
        ("BAN CHỈ ĐẠO THỰC HIỆN ĐỀ ÁN 319", ["BAN CHỈ ĐẠO THỰC HIỆN", "ĐỀ ÁN 319"]),
        ("VỤ TỔNG HỢP - KẾ HOẠCH - TÀI CHÍNH", ["VỤ TỔNG HỢP -", "KẾ HOẠCH - TÀI CHÍNH"]),
        ("CỤC NGHIỆP VỤ QUẢN LÝ THỊ TRƯỜNG", ["CỤC NGHIỆP VỤ", "QUẢN LÝ THỊ TRƯỜNG"]),
    ],
)
def test_a_long_name_is_broken_between_its_parts_not_inside_a_word(name, lines):
    """Word would wrap "...TỈNH BÀ" / "RỊA - VŨNG TÀU" or "...ĐIỆN" / "TỬ VIỆT NAM"."""
    assert name_lines(name, bold=True) == lines


def test_a_name_too_long_for_two_lines_takes_three():
    name = "TRUNG TÂM NGHIÊN CỨU CHÍNH SÁCH PHÁT TRIỂN THƯƠNG MẠI ĐIỆN TỬ"  # 158 mm
    lines = name_lines(name, bold=True)
    assert len(lines) == 3 and " ".join(lines) == name
    assert all(text_mm(line, 12, True) <= LETTERHEAD_LEFT_MM for line in lines)


@pytest.mark.slow
def test_the_letterhead_is_printed_in_the_lines_it_was_broken_into(campaign, tmp_path):
    """LibreOffice lays templates out (Liberation Serif has Times New Roman's widths): the
    parent body, and each line of a long name, on one line of the left column."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler-utils is not installed")
    expected = {
        "qltt-ba-ria-vung-tau": [TCQLTT, "CỤC QUẢN LÝ THỊ TRƯỜNG", "TỈNH BÀ RỊA - VŨNG TÀU"],
        "ubnd-thua-thien-hue": ["ỦY BAN NHÂN DÂN", "TỈNH THỪA THIÊN HUẾ"],
        "uy-ban-trung-uong-mttq": ["ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM"],
        "bo-van-hoa-the-thao-va-du-lich": ["BỘ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"],
        "hiep-hoi-tmdt": ["HIỆP HỘI THƯƠNG MẠI ĐIỆN TỬ", "VIỆT NAM"],
        "bo-khoa-hoc-va-cong-nghe": ["BỘ KHOA HỌC VÀ CÔNG NGHỆ"],
    }
    made = templates(campaign, [campaign.agency(agency) for agency in expected])
    for agency, data in made.items():
        (tmp_path / f"{agency}.docx").write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), *(str(tmp_path / f"{a}.docx") for a in expected)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for agency, lines in expected.items():
        left = subprocess.run(  # the left column: 30 mm margin + 69.5 mm, in points
            ["pdftotext", "-l", "1", "-x", "0", "-y", "0", "-W", "282", "-H", "150"]
            + [str(tmp_path / f"{agency}.pdf"), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        printed = [" ".join(line.split()) for line in left.splitlines() if line.strip()]
        assert printed[: len(lines)] == lines, agency
        assert printed[len(lines)].startswith("Số:"), agency


def test_templates_made_together_are_those_made_one_by_one(campaign):
    """Agencies share a built document only with those of the same letterhead lines."""
    agencies = [campaign.agency(a) for a in ("qltt-an-giang", "ubnd-an-giang", "qltt-ca-mau")]
    together = templates(campaign, agencies)
    for agency in agencies:
        assert together[agency.id] == templates(campaign, [agency])[agency.id]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("agency", "lines"),
    [
        ("tcqltt-van-phong", [TCQLTT, "VĂN PHÒNG TỔNG CỤC"]),
        ("qltt-ba-ria-vung-tau", [TCQLTT, "CỤC QUẢN LÝ THỊ TRƯỜNG\nTỈNH BÀ RỊA - VŨNG TÀU"]),
    ],
)
def test_a_template_with_the_parent_line_filled_in_checks_without_a_warning(
    word_workspace,  # noqa: F811
    capsys,
    agency,
    lines,
):
    assert main(["--root", str(word_workspace), "new", agency, "--docx"]) == 0
    path = word_workspace / "submissions" / f"{agency}.docx"
    assert [text for text, _ in issuer_lines(docx.Document(str(path)))] == lines
    fill(path, load_campaign(word_workspace))
    capsys.readouterr()
    assert main(["--root", str(word_workspace), "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Đạt: 0 lỗi, 0 cảnh báo trong 1 tệp." in out
    assert "khác với cơ quan được nhập" not in out
    report = load_round(word_workspace).report(agency)
    assert report.status == "on_time" and report.ratio == 1.0


def _letterhead_report(campaign, path: Path, lines: list[str]) -> Path:
    ministry_report(path, campaign, issuer=lines[-1])
    document = docx.Document(str(path))
    issuer = document.paragraphs[0]
    for line in lines[:-1]:
        issuer.insert_paragraph_before(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("lines", "agency_id", "warned"),
    [
        ([TCQLTT, "VĂN PHÒNG TỔNG CỤC"], "tcqltt-van-phong", False),
        (["BỘ CÔNG THƯƠNG", TCQLTT, "VĂN PHÒNG TỔNG CỤC"], "tcqltt-van-phong", False),
        (["VĂN PHÒNG TỔNG CỤC, TỔNG CỤC QUẢN LÝ THỊ TRƯỜNG"], "tcqltt-van-phong", False),
        ([TCQLTT, "CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH AN GIANG"], "qltt-an-giang", False),
        (["CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH AN GIANG"], "qltt-an-giang", False),  # no parent line
        ([TCQLTT, "VĂN PHÒNG TỔNG CỤC"], "vu-phap-che", True),
        ([TCQLTT, "CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH AN GIANG"], "ubnd-an-giang", True),
        (["BỘ CÔNG THƯƠNG", "VỤ PHÁP CHẾ"], "bo-tu-phap", True),
        # a neighbour's file reused: close to this agency's name, but naming another one
        ([TCQLTT, "CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH AN GIANG"], "qltt-kien-giang", True),
        (["CỤC QUẢN LÝ THỊ TRƯỜNG TỈNH KIÊN GIANG"], "qltt-an-giang", True),
        (["ỦY BAN NHÂN DÂN TỈNH HÀ NAM"], "ubnd-ha-nam", False),
        (["ỦY BAN NHÂN DÂN TỈNH HÀ NAM"], "ubnd-ha-giang", True),
        (["UBND TỈNH AN GIANG", "SỞ CÔNG THƯƠNG"], "ubnd-an-giang", False),
    ],
)
def test_the_importer_reads_the_agency_under_its_parent_line(
    campaign, tmp_path, lines, agency_id, warned
):
    source = _letterhead_report(campaign, tmp_path / "report.docx", lines)
    result = imported(campaign, source, agency_id)
    assert result.frame.issuer == lines
    mismatch = [w for w in result.warnings if "khác với cơ quan được nhập" in w]
    name = campaign.agency(agency_id).name
    expected = (
        f'Tên cơ quan ở đầu văn bản ("{" / ".join(lines)}") khác với cơ quan được nhập '
        f"({name}, mã {agency_id}). Kiểm tra lại tệp Word hoặc mã cơ quan."
    )
    assert mismatch == ([expected] if warned else [])


def _campaign_with(workspace: Path, old: str, new: str) -> None:
    path = workspace / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_agency_may_have_its_own_parent_body_or_none(workspace):
    _campaign_with(
        workspace,
        "- id: thanh-tra-bo\n",
        "- id: thanh-tra-bo\n  parent: null\n",
    )
    _campaign_with(
        workspace,
        "- id: hiep-hoi-tmdt\n",
        "- id: hiep-hoi-tmdt\n  parent: Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam\n",
    )
    campaign = load_campaign(workspace)
    assert campaign.agency("thanh-tra-bo").letterhead == ("THANH TRA BỘ",)
    assert campaign.agency("vu-phap-che").letterhead == ("BỘ CÔNG THƯƠNG", "VỤ PHÁP CHẾ")
    assert campaign.agency("hiep-hoi-tmdt").letterhead == (
        "LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT VIỆT NAM",
        "HIỆP HỘI THƯƠNG MẠI ĐIỆN TỬ VIỆT NAM",
    )


GROUP = (
    "Tên cơ quan, tổ chức chủ quản trực tiếp, viết trên một dòng (không xuống dòng, không có dấu"
    " cách ở đầu hay cuối); in chữ in hoa, không đậm, trên tên cơ quan ở đầu báo cáo (Nghị định"
    ' 30/2020/NĐ-CP, Phụ lục I). Ví dụ: "BỘ CÔNG THƯƠNG"'
)
AGENCY = (
    "Thay cho cơ quan chủ quản của nhóm (groups) khi cơ quan này khác; viết trên một dòng (không"
    ' xuống dòng, không có dấu cách ở đầu hay cuối), ví dụ "BỘ CÔNG THƯƠNG"; null: không có cơ'
    " quan chủ quản"
)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  parent: BỘ CÔNG THƯƠNG\n",
            "  parent: ''\n",
            "campaign.yml:331: groups.0.parent: không đúng lược đồ (Cơ quan chủ quản trực tiếp,"
            f" mục thứ 1 (parent): chưa được điền. {GROUP}).",
        ),
        (  # two lines in one value
            "  parent: BỘ CÔNG THƯƠNG\n",
            '  parent: "BỘ CÔNG THƯƠNG\\nTỔNG CỤC QUẢN LÝ THỊ TRƯỜNG"\n',
            "campaign.yml:331: groups.0.parent: không đúng lược đồ (Cơ quan chủ quản trực tiếp,"
            ' mục thứ 1 (parent): "BỘ CÔNG THƯƠNG\nTỔNG CỤC QUẢN LÝ THỊ TRƯỜNG" không đúng'
            f" dạng. {GROUP}).",
        ),
        (
            "  parent: BỘ CÔNG THƯƠNG\n",
            "  parent: [BỘ CÔNG THƯƠNG]\n",
            "campaign.yml:331: groups.0.parent: không đúng lược đồ (Cơ quan chủ quản trực tiếp,"
            " mục thứ 1 (parent): phải là chữ (văn bản), đang là danh sách \"['BỘ CÔNG THƯƠNG']\").",
        ),
        (
            "- id: thanh-tra-bo\n",
            "- id: thanh-tra-bo\n  parent: ' BỘ CÔNG THƯƠNG'\n",
            "campaign.yml:690: agencies.3.parent: không đúng lược đồ (Cơ quan chủ quản trực tiếp"
            ' của riêng cơ quan này, mục thứ 4 (parent): " BỘ CÔNG THƯƠNG" không đúng dạng.'
            f" {AGENCY}).",
        ),
    ],
)
def test_a_bad_parent_body_is_refused_naming_the_field(workspace, capsys, old, new, message):
    _campaign_with(workspace, old, new)
    with pytest.raises(CampaignError) as caught:
        load_campaign(workspace)
    assert str(caught.value) == message
    assert main(["--root", str(workspace), "check"]) == 1
    assert capsys.readouterr().err == f"lỗi: {message}\n"
