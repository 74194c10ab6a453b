"""`baocao import`: a generated Word report (real-world shapes) to a checked submission."""

from __future__ import annotations

import contextlib
import io
import posixpath
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.completeness import COMPLETE, agency_parts
from baocao.importer.opening import OLE_MAGIC
from baocao.workspace import load_round
from test_import_docs import AGENCY, normal_markdown, report_docx, source_texts

LEGACY_SOURCES = ("Th«ng", "Toâi")  # legacy paragraphs: their converted text is checked instead


def run_import(root: Path, source: Path, agency: str, *, force=False, convert=False) -> int:
    """`baocao import` as a user runs it."""
    flags = ["--force"] * force + ["--convert"] * convert
    return main(["--root", str(root), "import", str(source), "--agency", agency, *flags])


def new_workspace(root: Path, dest: Path) -> Path:
    shutil.copy(root / "campaign.yml", dest / "campaign.yml")
    shutil.copytree(root / "schema", dest / "schema")
    (dest / "submissions").mkdir()
    return dest


@pytest.fixture(scope="module")
def imported(root, campaign, tmp_path_factory):
    """One import of the generated report, shared by the tests that only read its result."""
    workspace = new_workspace(root, tmp_path_factory.mktemp("ws"))
    agency = campaign.agency(AGENCY)
    source = report_docx(
        tmp_path_factory.mktemp("src") / "bao-cao.docx",
        agency_parts(campaign, agency),
        campaign.tasks_of(agency),
    )
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_import(workspace, source, AGENCY)
    md = workspace / "submissions" / f"{AGENCY}.md"
    return {
        "code": code,
        "out": out.getvalue(),
        "err": err.getvalue(),
        "md": md,
        "text": md.read_text(encoding="utf-8"),
        "source": source,
        "root": workspace,
    }


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_every_paragraph_and_cell_is_kept(imported):
    """In the body, or named in the report of what went into the front matter (issue 17)."""
    body = normal_markdown(imported["text"].split("\n---\n", 1)[1])
    moved = normal_markdown(imported["out"])
    texts = source_texts(imported["source"], skip=LEGACY_SOURCES)
    assert len(texts) > 40
    missing = [
        t for t in texts if normal_markdown(t) not in body and normal_markdown(t) not in moved
    ]
    assert missing == []
    assert "Lưu: VT." not in body and "Nguyễn Văn An" not in body  # the frame is not content
    assert '  - nơi nhận, chữ ký: "- Lưu: VT."' in imported["out"]


def test_letterhead_and_signature_become_front_matter(imported):
    meta = _front(imported["text"])
    assert meta["co_quan"] == AGENCY
    assert meta["so_ky_hieu"] == "125/BC-UBND"
    assert meta["ngay_ban_hanh"] == "03/12/2024"
    assert meta["nguoi_ky"] == {
        "ho_ten": "Nguyễn Văn An",
        "chuc_vu": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    }
    assert meta["trang_thai"] == "du_thao"
    assert meta["lien_he"]["email"] == "(Chưa điền)"


def test_output_passes_the_check_and_titles_map_to_the_outline(imported, campaign):
    assert imported["code"] == 0, imported["err"]
    rnd = load_round(imported["root"], [imported["md"]])
    assert rnd.errors == []
    report = rnd.report(AGENCY)
    assert report.status == "draft"
    complete = {p.spec.id for p in report.parts if p.state == COMPLETE}
    tasks = [t.id for t in campaign.tasks_of(campaign.agency(AGENCY))]
    # automatic (numPr) numbering, changed case and spacing, "Nhiệm vụ N:" and "a)" titles all map
    assert {"p1", "p1-i", "p1-i-1", "p1-i-2", "p1-iii-2-1-a", "p1-iii-2-1-b", *tasks} <= complete
    assert "Nội dung dưới tiêu đề không khớp" in report.part("p1-i-2").content
    assert "Kết quả thực hiện nhiệm vụ 1." in report.part(tasks[0]).content


def test_automatic_numbering_label_is_written(imported):
    assert "\n## I. CÔNG TÁC CHỈ ĐẠO" in imported["text"]
    assert "\n### 1. Tình hình quán triệt" in imported["text"]


def test_report_lists_mapped_and_unmapped_titles(imported):
    out = imported["out"]
    assert "Tiêu đề không khớp mục nào của đề cương: 1" in out
    assert '  - "3. Nội dung riêng của thành phố chưa có trong đề cương"' in out
    assert "Số, ký hiệu: 125/BC-UBND" in out
    assert "Ngày ban hành: 03/12/2024" in out


def test_tracked_changes_accepted_and_comments_dropped_with_warnings(imported):
    text = imported["text"]
    assert "Đã tổ chức 12 đoàn kiểm tra liên ngành" in text
    assert "(số liệu cũ)" not in text
    assert "Cần bổ sung số liệu năm 2024" not in text
    assert "chỗ sửa đổi đang theo dõi (Track Changes): đã chấp nhận tất cả" in imported["out"]
    assert "đã bỏ 1 nhận xét (comment)" in imported["out"]


def test_table_with_merged_header_cells(imported):
    lines = [line for line in imported["text"].splitlines() if line.startswith("| Năm")]
    assert lines == ["| Năm | Số vụ |  | Tiền phạt \\| đồng |"]
    text = imported["text"]
    assert "|  | Kiểm tra | Xử lý |  |" in text
    assert "| 2024 | 150 | 130 | 2.000.000.000 <br> (ước tính) |" in text


def test_image_is_written_beside_the_submission(imported):
    images = list((imported["root"] / "submissions" / AGENCY).iterdir())
    assert [p.suffix for p in images] == [".png"]
    assert f"]({AGENCY}/{images[0].name})" in imported["text"]
    assert images[0].read_bytes().startswith(b"\x89PNG")


def test_legacy_runs_are_converted_and_unicode_left_alone(imported):
    text = imported["text"]
    assert "Thông tư hướng dẫn thực hiện" in text
    assert "Tôi đi học ở trường" in text
    assert "Văn bản Unicode dưới kiểu chữ .VnTime" in text
    assert "Đã chuyển 1 đoạn viết bằng bảng mã cũ TCVN3" in imported["out"]
    assert "Đã chuyển 1 đoạn viết bằng bảng mã cũ VNI" in imported["out"]


def test_markdown_specials_are_escaped(imported):
    text = imported["text"]
    assert "\n\\- dòng bắt đầu bằng gạch ngang\n" in text
    assert "Ghi chú \\* có dấu sao\\_và gạch dưới \\[trong ngoặc\\] \\<thẻ\\>" in text


def test_existing_submission_is_not_overwritten_without_force(workspace, imported, capsys):
    md = workspace / "submissions" / f"{AGENCY}.md"
    md.write_text("bản cũ", encoding="utf-8")
    assert run_import(workspace, imported["source"], AGENCY) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"lỗi: submissions/{AGENCY}.md đã có; không ghi đè. Thêm --force nếu muốn thay bằng nội dung nhập từ tệp Word.\n"
    )
    assert md.read_text(encoding="utf-8") == "bản cũ"
    assert [p.name for p in (workspace / "submissions").iterdir()] == [f"{AGENCY}.md"]
    assert run_import(workspace, imported["source"], AGENCY, force=True) == 0
    assert md.read_text(encoding="utf-8") == imported["text"]


def _no_output(root: Path) -> None:
    assert [p.name for p in (root / "submissions").iterdir()] == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            OLE_MAGIC + "WordDocument".encode("utf-16-le") + b"\x00" * 64,
            "đây là tệp Word 97-2003 (.doc), công cụ chỉ đọc được tệp .docx",
        ),
        (
            OLE_MAGIC + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64,
            "tệp được bảo vệ bằng mật khẩu",
        ),
        (b"PK\x03\x04" + b"\x00" * 100, "tệp .docx bị hỏng, không mở được"),
        (b"%PDF-1.7\n", "không phải tệp Word .docx"),
    ],
    ids=["doc", "password", "corrupt", "pdf"],
)
def test_unreadable_input_gives_a_clear_message(workspace, tmp_path, capsys, content, expected):
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(content)
    assert run_import(workspace, source, AGENCY) == 1
    err = capsys.readouterr().err
    assert err.startswith("lỗi: bao-cao.docx: ") and expected in err
    assert "Traceback" not in err
    _no_output(workspace)


def test_malformed_xml_inside_the_package(workspace, tmp_path, capsys):
    import zipfile

    source = tmp_path / "hong.docx"
    good = tmp_path / "good.docx"
    docx_module = pytest.importorskip("docx")
    docx_module.Document().save(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(source, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(
                item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data
            )
    assert run_import(workspace, source, AGENCY) == 1
    err = capsys.readouterr().err
    assert err.startswith("lỗi: hong.docx: nội dung tệp .docx bị hỏng, không đọc được")
    _no_output(workspace)


def test_doc_message_says_how_to_convert(workspace, tmp_path, capsys):
    source = tmp_path / "cu.doc"
    source.write_bytes(OLE_MAGIC + "WordDocument".encode("utf-16-le"))
    run_import(workspace, source, AGENCY)
    err = capsys.readouterr().err
    assert "lưu lại dưới dạng .docx" in err and "--convert" in err


def test_unknown_agency_and_missing_file(workspace, tmp_path, capsys):
    assert run_import(workspace, tmp_path / "khong-co.docx", AGENCY) == 1
    assert "không tìm thấy tệp" in capsys.readouterr().err
    assert run_import(workspace, tmp_path / "x.docx", "ubnd-da-nag") == 1
    assert 'Có phải là "ubnd-da-nang"?' in capsys.readouterr().err
    _no_output(workspace)


def test_sample_submissions_survive_a_round_trip_through_word(sample_round, root, tmp_path):
    """Each sample submission → DOCX (pandoc, heading styles) → import: same parts, same states."""
    import docx
    import pypandoc

    from baocao.importer import import_docx

    reports = [r for r in sample_round.reports if r.usable]
    if not reports:
        pytest.skip("no sample submissions yet")
    (tmp_path / "ws").mkdir()
    workspace = new_workspace(root, tmp_path / "ws")
    for report in reports:
        source = tmp_path / f"{report.agency.id}.docx"
        pypandoc.convert_text(
            report.submission.body,
            "docx",
            format="markdown",
            outputfile=str(source),
            extra_args=["--resource-path", str(root / "submissions")],
        )
        result = import_docx(
            sample_round.campaign, report.agency, docx.Document(str(source)), source.name
        )
        assert {t.spec.id for t in result.mapped} == {
            p.spec.id for p in report.parts if p.line is not None
        }, report.agency.id
        md = workspace / "submissions" / f"{report.agency.id}.md"
        md.write_text(result.text, encoding="utf-8")
        again = load_round(workspace, [md]).report(report.agency.id)
        assert [(p.spec.id, p.state) for p in again.parts] == [
            (p.spec.id, p.state) for p in report.parts
        ], report.agency.id


def test_cli_import_exit_codes(imported, tmp_path, capsys):
    from baocao.cli import main

    (tmp_path / "ws").mkdir()
    workspace = new_workspace(Path(__file__).resolve().parents[1], tmp_path / "ws")
    assert (
        main(["--root", str(workspace), "import", str(imported["source"]), "--agency", AGENCY]) == 0
    )
    assert f'Đã nhập "bao-cao.docx" vào submissions/{AGENCY}.md' in capsys.readouterr().out
    assert (
        main(["--root", str(workspace), "import", str(imported["source"]), "--agency", AGENCY]) == 1
    )
    assert "đã có; không ghi đè" in capsys.readouterr().err


def test_hyperlinks_keep_web_targets_only(workspace, tmp_path, capsys):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("Xem ")
    for target, text in (
        ("https://dms.gov.vn/tin-tuc", "Cổng thông tin"),
        ("../Tai lieu/ke-hoach.doc", "kế hoạch"),
        ("javascript:alert(1)", " mã"),
        ("https://dms.gov.vn/a\n\n# Giả <b>x</b>", " giả"),  # a target is one URL, no text
    ):
        rid = document.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        paragraph._p.append(
            parse_xml(
                f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
            )
        )
    source = tmp_path / "lien-ket.docx"
    document.save(source)
    assert run_import(workspace, source, AGENCY) == 0, capsys.readouterr().err
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert (
        "Xem [Cổng thông tin](https://dms.gov.vn/tin-tuc)kế hoạch mã"
        "[ giả](https://dms.gov.vn/a%0A%0A#%20Giả%20%3Cb%3Ex%3C/b%3E)\n"
    ) in text


def test_text_boxes_non_breaking_spaces_and_footnotes(workspace, tmp_path, capsys):
    """Text in a text box, NBSP kept as a space, and a real footnote (made with pandoc)."""
    import docx
    import pypandoc
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    source = tmp_path / "ghi-chu.docx"
    pypandoc.convert_text(
        "Kinh phí năm 2024 tăng.[^a]\n\n[^a]: Theo Quyết định số 12/QĐ-UBND.\n",
        "docx",
        format="markdown",
        outputfile=str(source),
    )
    document = docx.Document(str(source))
    document.add_paragraph("Số\u00a0liệu\u00a0sơ\u00a0bộ")
    holder = document.add_paragraph("Khung: ")
    holder._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>Nội dung trong hộp văn bản</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.save(source)
    assert run_import(workspace, source, AGENCY) == 0, capsys.readouterr().err
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert "Kinh phí năm 2024 tăng.[^1]" in text
    assert "\n[^1]: Theo Quyết định số 12/QĐ-UBND.\n" in text
    assert "\nSố liệu sơ bộ\n" in text
    assert "\nKhung:\n\nNội dung trong hộp văn bản\n" in text


def test_symbol_fonts_give_the_characters_word_shows(workspace, tmp_path, capsys):
    """Insert > Symbol "≥" was imported as "³", a Wingdings check box as "þ"."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("Nhiệt độ ")
    for xml in (
        '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>',
        '<w:r><w:t xml:space="preserve"> 30 °C, sai số </w:t></w:r>',
        '<w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>\uf0b1</w:t></w:r>',
        '<w:r><w:t xml:space="preserve"> 2; </w:t></w:r>',
        '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>',
        '<w:r><w:t xml:space="preserve"> đạt, </w:t></w:r>',
        '<w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>D</w:t></w:r>',
        '<w:r><w:t xml:space="preserve">t; </w:t></w:r>',
        '<w:r><w:sym w:font="Times New Roman" w:char="00E9"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))
    source = tmp_path / "ky-hieu.docx"
    document.save(source)
    assert run_import(workspace, source, AGENCY) == 0, capsys.readouterr().err
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert "\nNhiệt độ ≥ 30 °C, sai số ± 2; 🗹 đạt, Δt; é\n" in text


def test_all_caps_formatting_gives_the_capitals_word_shows(workspace, tmp_path, capsys):
    """Text typed in lower case under "All caps" (a run's or its style's) reads in capitals
    in Word; it was imported in lower case. Small caps keep their letters."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    style = document.styles.add_style("Tiêu đề in hoa", WD_STYLE_TYPE.PARAGRAPH)
    style.font.all_caps = True
    document.add_paragraph("Năm 2024, Sở đã triển khai Đề án như sau.")
    document.add_paragraph("kết quả thực hiện đề án", style=style)
    paragraph = document.add_paragraph("Tên đơn vị: ")
    paragraph.add_run("sở công thương").font.all_caps = True
    paragraph.add_run(", ")
    paragraph.add_run("chữ nhỏ").font.small_caps = True
    source = tmp_path / "in-hoa.docx"
    document.save(source)
    assert run_import(workspace, source, AGENCY) == 0, capsys.readouterr().err
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert "\nKẾT QUẢ THỰC HIỆN ĐỀ ÁN\n" in text
    assert "\nTên đơn vị: SỞ CÔNG THƯƠNG, chữ nhỏ\n" in text


def test_formatting_tags_are_not_reported_as_lost_text(workspace, tmp_path, capsys):
    """The import report compares each Word paragraph with the Markdown written: "m<sup>2</sup>"
    is the text "m2" of the Word file, not a paragraph lost."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Diện tích kho 250 m")
    paragraph.add_run("2").font.superscript = True
    paragraph.add_run(", phần ")
    paragraph.add_run("bỏ").font.strike = True
    source = tmp_path / "mu.docx"
    document.save(source)
    assert run_import(workspace, source, AGENCY) == 0
    out = capsys.readouterr().out
    assert "không tìm thấy nguyên văn" not in out
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert "\nDiện tích kho 250 m<sup>2</sup>, phần <s>bỏ</s>\n" in text


_CHART = """<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart>
<c:title><c:tx><c:rich><a:p><a:r><a:t>Số vụ vi phạm</a:t></a:r></a:p></c:rich></c:tx></c:title>
<c:plotArea><c:barChart>{series}</c:barChart></c:plotArea></c:chart></c:chartSpace>"""
_SERIES = """<c:ser><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache>
</c:strRef></c:tx><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>Hà Nội</c:v></c:pt>
<c:pt idx="1"><c:v>Đà Nẵng</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef>
<c:numCache><c:pt idx="0"><c:v>{a}</c:v></c:pt><c:pt idx="1"><c:v>{b}</c:v></c:pt></c:numCache>
</c:numRef></c:val></c:ser>"""


def test_a_word_chart_keeps_its_data_as_a_table(workspace, tmp_path, capsys):
    """A chart (Insert > Chart) is no picture: it disappeared from the report without a word."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Kết quả xử lý vi phạm như biểu đồ sau.")
    series = _SERIES.format(name="2023", a="1240", b="85.5") + _SERIES.format(
        name="2024", a="1516", b="90"
    )
    part = Part(
        PackURI("/word/charts/chart1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        _CHART.format(series=series).encode("utf-8"),
        document.part.package,
    )
    rid = document.part.relate_to(part, RELATIONSHIP_TYPE.CHART)
    holder = document.add_paragraph()
    holder._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
            ' xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Chart 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
        )
    )
    document.add_paragraph("Đoạn sau biểu đồ.")
    source = tmp_path / "bieu-do.docx"
    document.save(source)
    assert run_import(workspace, source, AGENCY) == 0
    out = capsys.readouterr().out
    assert (
        "Cảnh báo: Tệp Word có 1 biểu đồ: hình biểu đồ không chuyển được, số liệu của mỗi biểu đồ"
        " thành một bảng ngay sau chỗ của nó. Nếu cần đăng hình biểu đồ, hãy chép biểu đồ thành"
        " ảnh trong Word (Dán đặc biệt > Ảnh) hoặc gửi ảnh cho Ban Thư ký."
    ) in out.splitlines()
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert (
        "\nKết quả xử lý vi phạm như biểu đồ sau.\n\n"
        "*Số liệu của biểu đồ trong tệp Word: Số vụ vi phạm*\n\n"
        "|  | 2023 | 2024 |\n|---|---|---|\n| Hà Nội | 1.240 | 1.516 |\n| Đà Nẵng | 85,5 | 90 |\n\n"
        "Đoạn sau biểu đồ.\n"
    ) in text


_DIAGRAM = """<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>
<dgm:pt modelId="0" type="doc"/>
<dgm:pt modelId="2"><dgm:t><a:p><a:r><a:t>Kiểm tra</a:t></a:r></a:p></dgm:t></dgm:pt>
<dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>Tiếp nhận </a:t></a:r><a:r><a:t>tin báo</a:t></a:r></a:p></dgm:t></dgm:pt>
<dgm:pt modelId="3"><dgm:t><a:p><a:r><a:t>Xử lý vi phạm</a:t></a:r></a:p></dgm:t></dgm:pt>
<dgm:pt modelId="9" type="pres"><dgm:t><a:p><a:r><a:t>không in</a:t></a:r></a:p></dgm:t></dgm:pt>
</dgm:ptLst><dgm:cxnLst>
<dgm:cxn modelId="5" srcId="0" destId="1" srcOrd="0"/>
<dgm:cxn modelId="6" srcId="0" destId="2" srcOrd="1"/>
<dgm:cxn modelId="7" srcId="2" destId="3" srcOrd="0"/>
<dgm:cxn modelId="8" type="presOf" srcId="1" destId="9" srcOrd="0"/>
</dgm:cxnLst></dgm:dataModel>"""


def test_a_smartart_diagram_keeps_its_text_as_a_list(workspace, tmp_path, capsys):
    """SmartArt text lives in the diagram's data part: it disappeared without a word."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Quy trình xử lý như sau.")
    part = Part(
        PackURI("/word/diagrams/data1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
        _DIAGRAM.encode("utf-8"),
        document.part.package,
    )
    rid = document.part.relate_to(part, RELATIONSHIP_TYPE.DIAGRAM_DATA)
    holder = document.add_paragraph()
    holder._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
            ' xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Diagram 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
            f'<dgm:relIds r:dm="{rid}" r:lo="" r:qs="" r:cs=""/></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>"
        )
    )
    source = tmp_path / "so-do.docx"
    document.save(source)
    assert run_import(workspace, source, AGENCY) == 0
    assert (
        "Cảnh báo: Tệp Word có 1 sơ đồ SmartArt: hình sơ đồ không chuyển được, chữ trong mỗi sơ"
        " đồ thành một danh sách ngay sau chỗ của nó. Nếu cần đăng hình sơ đồ, hãy chép sơ đồ"
        " thành ảnh trong Word (Dán đặc biệt > Ảnh) hoặc gửi ảnh cho Ban Thư ký."
    ) in capsys.readouterr().out.splitlines()
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert (
        "\nQuy trình xử lý như sau.\n\n*Chữ trong sơ đồ (SmartArt) của tệp Word:*\n\n"
        "- Tiếp nhận tin báo\n\n- Kiểm tra\n\n    - Xử lý vi phạm\n"
    ) in text


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_IMAGE_REL = _R + "/image"


@pytest.mark.parametrize(
    ("target", "written"),
    [
        ("media/image7.png", ["image7.png"]),
        ("embeddings/tai-lieu.exe", []),  # an embedded file, not a picture
        ("media/.gitattributes", []),
        ("media/..\\..\\..\\ngoai.png", ["hinh-1.png"]),  # a folder separator on Windows
        ("media/a b).png", ["hinh-1.png"]),
    ],
)
def test_only_pictures_are_written_and_under_plain_names(workspace, tmp_path, target, written):
    """A picture's part in the package may have any name and hold anything: only pictures are
    written into the agency's folder, under a name of letters, digits, '.', '-' and '_'."""
    from wordmaker import add_part, word_report

    source = word_report(load_campaign(workspace), AGENCY, tmp_path / "bao-cao.docx")
    with zipfile.ZipFile(source) as package:
        parts = {
            n: package.read(n).decode("utf-8")
            for n in package.namelist()
            if n.endswith("xml") or n.endswith("rels")
        }
    link = f'<Relationship Id="rIdP" Type="{_IMAGE_REL}" Target="{target}"/>'
    rels = parts["word/_rels/document.xml.rels"].replace(
        "</Relationships>", link + "</Relationships>"
    )
    picture = f'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata r:id="rIdP" xmlns:r="{_R}"/></v:shape></w:pict></w:r></w:p>'
    document = parts["word/document.xml"].replace("<w:sectPr", picture + "<w:sectPr", 1)
    member = posixpath.normpath("word/" + target)
    types = parts["[Content_Types].xml"].replace(
        "</Types>", f'<Override PartName="/{member}" ContentType="image/png"/></Types>'
    )
    add_part(
        source,
        "word/document.xml",
        document.encode("utf-8"),
        ("word/_rels/document.xml.rels", rels),
    )
    add_part(source, "[Content_Types].xml", types.encode("utf-8"))
    add_part(source, member, b"\x89PNG\r\n\x1a\nMZ")
    run_import(workspace, source, AGENCY)
    folder = workspace / "submissions" / AGENCY
    assert (sorted(p.name for p in folder.iterdir()) if folder.exists() else []) == written
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert re.findall(r"!\[\]\(([^)]*)\)", text) == [f"{AGENCY}/{name}" for name in written]
