"""What a clerk reads about a Word report: places and fixes named the Word way, no line
numbers of the text the tool made from it, and why the report counts as a draft."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.workspace import load_round
from wordmaker import CONTACT, word_report


@pytest.fixture
def report(workspace: Path) -> Path:
    path = workspace / "submissions" / "bo-y-te.docx"
    return word_report(load_campaign(workspace), "bo-y-te", path)


def _edit(path: Path, starts: str, text: str | None) -> None:
    """Replace (or, with None, delete) the paragraph starting with `starts`, as in Word."""
    doc = Document(str(path))
    found = next(p for p in doc.paragraphs if p.text.startswith(starts))
    if text is None:
        found._p.getparent().remove(found._p)
    else:
        for run in found.runs[1:]:
            run.text = ""
        found.runs[0].text = text
    doc.save(str(path))


def _check(workspace: Path, capsys) -> list[str]:
    main(["--root", str(workspace), "check"])
    return [line for line in capsys.readouterr().out.splitlines() if ".docx:" in line]


def test_a_deleted_heading_is_placed_by_its_neighbours_not_by_line_numbers(
    workspace, report, capsys
):
    _edit(report, "2. Công tác kiểm tra, đôn đốc", None)
    assert _check(workspace, capsys) == [
        'submissions/bo-y-te.docx: lỗi: Thiếu mục "2. Công tác kiểm tra, đôn đốc thực hiện Quyết định số 319/QĐ-TTg." của đề cương. Thêm tiêu đề này sau tiêu đề "1. Tình hình quán triệt và tổ chức thực hiện Quyết định số…" và trước tiêu đề "3. Kinh phí thực hiện Đề án hằng năm và cho cả giai đoạn.", ngay trước đoạn đã viết cho nó (nếu có), rồi viết nội dung bên dưới.'
    ]


def test_a_number_line_left_as_in_the_template_says_why_the_report_is_a_draft(
    workspace, report, capsys
):
    _edit(report, "Số:", "Số: ...../BC-.....")
    assert _check(workspace, capsys) == [
        'submissions/bo-y-te.docx: cảnh báo: Chưa đọc được số, ký hiệu văn bản. Ở đầu văn bản, dưới tên cơ quan, ghi một dòng như "Số: 125/BC-UBND". Thiếu số, ngày hoặc người ký thì báo cáo được tính là dự thảo.'
    ]
    assert load_round(workspace).report("bo-y-te").status == "draft"


def test_a_contact_line_without_email_names_what_it_lacks(workspace, report, capsys):
    _edit(report, "Người liên hệ:", CONTACT.split(", thư điện tử")[0])
    assert _check(workspace, capsys) == [
        'submissions/bo-y-te.docx: lỗi: Dòng "Người liên hệ" còn thiếu thư điện tử. Ghi đủ họ và tên, điện thoại và thư điện tử trên một dòng, ví dụ "Người liên hệ: Trần Thị Bình, điện thoại 0982.190.626, thư điện tử binh@example.gov.vn".'
    ]


def test_a_date_line_in_figures_says_how_to_write_it_and_why_it_matters(workspace, report, capsys):
    _edit(report, "Hà Nội, ngày", "Hà Nội, 3/12/2024")
    assert _check(workspace, capsys) == [
        'submissions/bo-y-te.docx: cảnh báo: Chưa đọc được ngày ban hành. Ở đầu văn bản ghi một dòng như "Hà Nội, ngày 03 tháng 12 năm 2024". Thiếu số, ngày hoặc người ký thì báo cáo được tính là dự thảo.'
    ]


def test_problems_follow_the_order_of_the_document(workspace, capsys):
    assert main(["--root", str(workspace), "new", "qltt-an-giang", "--docx"]) == 0
    capsys.readouterr()
    places = [line.split(": ")[2] for line in _check(workspace, capsys) if "Phần" in line]
    assert places == [
        "Phần 1, mục I.1",
        "Phần 1, mục I.2",
        "Phần 1, mục I.3",
        "Phần 1, mục II.1",
        "Phần 1, mục II.2",
        "Phần 1, mục II.3",
        "Phần 1, mục II.4",
        "Phần 1, mục II.5",
        "Phần 1, mục II.6",
        "Phần 1, mục III.1.1",
        "Phần 1, mục III.1.2",
        'Phần 1, mục III.2.1, tiêu đề "Về thể chế, chính sách; về nhận thức, công tác phối hợp, tổ…"',
        'Phần 1, mục III.2.1, tiêu đề "Về nguồn lực, các điều kiện đảm bảo để đáp ứng mục tiêu…"',
        'Phần 1, mục III.2.1, tiêu đề "Vướng mắc trong cách thức tổ chức thực hiện Đề án tại các…"',
        'Phần 1, mục III.2.1, tiêu đề "Những tồn tại, khó khăn khác..."',
        'Phần 1, mục III.2.2, tiêu đề "Nguyên nhân chủ quan."',
        'Phần 1, mục III.2.2, tiêu đề "Nguyên nhân khách quan."',
        "Phần 1, mục III.3",
        "Phần 2, mục I.1",
        "Phần 2, mục I.2",
        "Phần 2, mục II",
    ]


def test_a_heading_written_twice_is_told_without_a_line_number(workspace, report, capsys):
    doc = Document(str(report))
    heading = next(p for p in doc.paragraphs if p.text.startswith("3. Bài học kinh nghiệm"))
    text = heading._p.getnext()
    text.addnext(deepcopy(heading._p))
    heading._p.getnext().getnext().addnext(deepcopy(text))
    doc.save(str(report))
    assert _check(workspace, capsys) == [
        'submissions/bo-y-te.docx: cảnh báo: Phần 1, mục III.3: Tiêu đề "3. Bài học kinh nghiệm" có hai lần trong văn bản; đây là lần thứ hai. Gộp nội dung vào dưới tiêu đề thứ nhất rồi xóa tiêu đề này.'
    ]


def test_a_position_broken_with_shift_enter_keeps_its_two_lines(workspace, report):
    doc = Document(str(report))
    first = next(p for p in doc.paragraphs if p.text == "KT. BỘ TRƯỞNG")
    second = first._p.getnext()
    second.getparent().remove(second)
    first.add_run().add_break()  # Shift+Enter in Word
    first.add_run("THỨ TRƯỞNG")
    doc.save(str(report))
    meta = load_round(workspace).report("bo-y-te").submission.meta
    assert meta["nguoi_ky"] == {"ho_ten": "Nguyễn Văn An", "chuc_vu": "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"}


def test_a_figure_written_in_words_says_how_to_write_it(workspace, report, capsys):
    doc = Document(str(report))
    rows = [
        ["Chỉ tiêu (đơn vị)", "2023", "2024"],
        ["Số vụ kiểm tra (vụ)", "1,2 nghìn", "1.322"],
        ["Số vụ vi phạm đã xử lý (vụ)", "967", "1.198"],
    ]
    table = doc.add_table(rows=3, cols=3)
    for row, cells in enumerate(rows):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
    signature = next(p for p in doc.paragraphs if p.text == "KT. BỘ TRƯỞNG")
    caption = doc.add_paragraph("Số liệu")
    signature._p.addprevious(caption._p)  # before the signature, as in the template
    signature._p.addprevious(table._tbl)
    doc.save(str(report))
    assert _check(workspace, capsys) == [
        "submissions/bo-y-te.docx: cảnh báo: Bảng số liệu có dòng hoặc ô không khớp chỉ tiêu nào của"
        " đợt báo cáo nên các dòng, ô đó không được tính vào số liệu tổng hợp của đợt báo cáo"
        " (bảng vẫn được giữ nguyên trong nội dung báo cáo): Số vụ kiểm"
        " tra (vụ) | 1,2 nghìn | 1.322 (2023: 1,2 nghìn). Mỗi dòng phải đúng tên một chỉ tiêu của"
        " mẫu; mỗi ô chỉ ghi số nguyên, có thể có dấu chấm ngăn cách hàng nghìn (ví dụ"
        ' 2.450.000.000), không ghi chữ như "tỷ", "triệu".'
    ]
    assert load_round(workspace).report("bo-y-te").submission.meta["so_lieu"] == [
        {"nam": 2023, "xu_ly": 967},
        {"nam": 2024, "kiem_tra": 1322, "xu_ly": 1198},
    ]


@pytest.mark.parametrize(
    "start, typed, field, value",
    [
        ("Hà Nội, ngày", "Nghệ An, ngày 5/12/2024", "ngay_ban_hanh", "05/12/2024"),
        ("Hà Nội, ngày", "Hà Nội, ngày 05-12-2024", "ngay_ban_hanh", "05/12/2024"),
        ("Số:", "Số 7361/BC-BYT", "so_ky_hieu", "7361/BC-BYT"),
    ],
)
def test_a_date_or_number_typed_short_is_read(
    workspace, report, capsys, start, typed, field, value
):
    """What clerks type instead of "ngày 05 tháng 12 năm 2024" and "Số: ...": read, not a
    silent draft."""
    _edit(report, start, typed)
    assert _check(workspace, capsys) == []
    assert load_round(workspace).report("bo-y-te").submission.meta[field] == value


def test_a_date_that_does_not_exist_is_told_so(workspace, report, capsys):
    _edit(report, "Hà Nội, ngày", "Hà Nội, ngày 31 tháng 11 năm 2024")
    assert _check(workspace, capsys) == [
        "submissions/bo-y-te.docx: lỗi: Phần đầu văn bản (số, ngày, người ký): Ngày ban hành"
        ': "31/11/2024" không phải ngày có thật. Sửa lại theo dạng ngày/tháng/năm,'
        " ví dụ 03/12/2024."
    ]


def test_a_number_and_date_typed_on_one_line_give_the_number_alone(workspace, report, capsys):
    """ "Số: 125/BC-TE<Tab>Hà Nội, ngày ..." without the template's table: the number is
    not "125/BC-TE Hà Nội, ngày 03 tháng 12 năm 2024" on the site and in the DOCX."""
    _edit(report, "Hà Nội, ngày", None)
    _edit(report, "Số:", "Số: 125/BC-TE\t\tHà Nội, ngày 03 tháng 12 năm 2024")
    assert _check(workspace, capsys) == []
    meta = load_round(workspace).report("bo-y-te").submission.meta
    assert (meta["so_ky_hieu"], meta["ngay_ban_hanh"]) == ("125/BC-TE", "03/12/2024")


def test_tracked_changes_and_comments_left_in_are_told_not_dropped_silently(
    workspace, report, capsys
):
    """The site and the DOCX show the text as if every change were accepted and without the
    comments: the clerk who sends the file is told so, as the secretariat's import is."""
    doc = Document(str(report))
    para = next(p for p in doc.paragraphs if p.text.startswith("Nội dung mục 1. Tình hình"))
    deleted = parse_xml(
        f'<w:del {nsdecls("w")} w:id="901" w:author="A"><w:r><w:delText>45 vụ</w:delText></w:r></w:del>'
    )
    para._p.append(deleted)
    doc.add_comment(para.runs[0], text="Kiểm tra lại số liệu", author="B")
    doc.save(str(report))
    assert _check(workspace, capsys) == [
        "submissions/bo-y-te.docx: cảnh báo: Tệp Word có 1 nhận xét (Comment); nhận xét không được đưa lên trang web và báo cáo tổng hợp. Nội dung cần báo cáo thì chép vào văn bản; rồi xóa các nhận xét (Xem lại > Xóa > Xóa tất cả nhận xét; Review > Delete > Delete All Comments), lưu lại và tải lên lại.",
        "submissions/bo-y-te.docx: cảnh báo: Tệp Word còn 1 chỗ sửa đổi đang theo dõi (Track Changes) chưa được chấp nhận hay từ chối. Công cụ đọc văn bản như khi chấp nhận tất cả: giữ chữ được thêm, bỏ chữ bị xóa. Mở tệp bằng Word, xem từng chỗ (Xem lại > Chấp nhận hoặc Từ chối; Review > Accept/Reject), lưu lại rồi tải lên lại.",
    ]
    body = load_round(workspace).report("bo-y-te").submission.body
    assert "45 vụ" not in body and "Kiểm tra lại số liệu" not in body


def _figures(path: Path, *rows: tuple[str, ...], years: tuple[str, str] = ("2023", "2024")) -> None:
    """A "Số liệu" table before the signature, as in the template."""
    doc = Document(str(path))
    table = doc.add_table(rows=0, cols=3)
    for row in (("Chỉ tiêu (đơn vị)", *years), *rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    signature = next(p for p in doc.paragraphs if p.text == "KT. BỘ TRƯỞNG")
    signature._p.addprevious(table._tbl)
    doc.save(str(path))


def test_a_figure_refused_is_placed_in_the_figures_table_without_field_names(
    workspace, report, capsys
):
    """Not "Phần đầu văn bản (số, ngày, người ký): ..., năm 2024 (kinh_phi_ngan_sach)": the
    clerk typed the number in the table, and has never seen the name of a field."""
    _figures(report, ("Kinh phí từ ngân sách nhà nước (đồng)", "1.250", "-300"))
    assert _check(workspace, capsys) == [
        "submissions/bo-y-te.docx: lỗi: Bảng Số liệu: Kinh phí từ ngân sách nhà nước, năm 2024: phải là số từ 0 trở lên (đang là -300).",
    ]


@pytest.mark.parametrize(
    ("years", "rows", "told", "taken"),
    [
        (("2023", "2023"), [("Số vụ kiểm tra (vụ)", "120", "135")], "cột năm 2023", 120),
        (
            ("2023", "2024"),
            [("Số vụ kiểm tra (vụ)", "120", ""), ("Số vụ kiểm tra (vụ)", "45", "")],
            'dòng "Số vụ kiểm tra (vụ)" (năm 2023)',
            120,
        ),
    ],
)
def test_a_year_or_figure_written_twice_in_the_figures_table_is_told_not_overwritten(
    workspace, report, capsys, years, rows, told, taken
):
    """The second column or row of the same year and figure replaced the first one silently."""
    _figures(report, *rows, years=years)
    assert _check(workspace, capsys) == [
        f"submissions/bo-y-te.docx: cảnh báo: Bảng số liệu ghi hai lần {told}: chỉ lần thứ nhất được tính vào số liệu tổng hợp của đợt báo cáo (bảng vẫn được giữ nguyên trong nội dung báo cáo). Mỗi năm chỉ một cột, mỗi chỉ tiêu chỉ một dòng: sửa năm ở tiêu đề cột, hoặc cộng hai dòng của cùng chỉ tiêu thành một."
    ]
    submission = load_round(workspace).report("bo-y-te").submission
    assert submission.meta["so_lieu"] == [{"nam": 2023, "kiem_tra": taken}]
    assert "| 45 |" in submission.body or "| 135 |" in submission.body  # the table is kept


def test_another_agency_s_letterhead_in_a_sent_file_says_to_rename_the_file_or_fix_the_head(
    workspace, report, capsys
):
    """Not "khác với cơ quan được nhập ... mã cơ quan": the clerk ran no import and gave no code."""
    _edit(report, "BỘ Y TẾ", "BỘ TƯ PHÁP")
    assert _check(workspace, capsys) == [
        'submissions/bo-y-te.docx: cảnh báo: Tên cơ quan ở đầu văn bản ("BỘ TƯ PHÁP") khác với cơ quan mà tên tệp bo-y-te.docx chỉ ra (Bộ Y tế). Nếu đây là báo cáo của cơ quan khác, đổi tên tệp đúng mã cơ quan đó; nếu là báo cáo của Bộ Y tế (ví dụ soạn lại từ tệp của cơ quan khác), sửa tên cơ quan ở đầu văn bản. Đầu văn bản ghi tên Bộ Tư pháp: tệp của cơ quan đó phải tên là "bo-tu-phap.docx".'
    ]


def test_text_typed_after_the_placeholder_in_its_paragraph_is_told_and_published_without_it(
    workspace, capsys
):
    """A clerk clicks at the end of "(Chưa viết: ...)" and types on: the report was complete
    and said nothing, and the site and the DOCX published the placeholder with the text."""
    assert main(["--root", str(workspace), "new", "bo-y-te", "--docx"]) == 0
    capsys.readouterr()
    path = workspace / "submissions" / "bo-y-te.docx"
    doc = Document(str(path))
    placeholder = next(p for p in doc.paragraphs if p.text.startswith("(Chưa viết"))
    placeholder.add_run(" Bộ đã tổ chức 3 hội nghị quán triệt.")
    doc.save(str(path))
    told = [line for line in _check(workspace, capsys) if "Phần 1, mục I.1:" in line]
    assert told == [
        'submissions/bo-y-te.docx: cảnh báo: Phần 1, mục I.1: Mục "1. Tình hình quán triệt và tổ chức thực hiện Quyết định số 319/QĐ-TTg ngày 29/3/2023 của…": nội dung được viết tiếp ngay sau dòng giữ chỗ "(Chưa viết: thay ... bằng nội dung báo cáo.)", trong cùng một đoạn. Công cụ đã bỏ phần giữ chỗ đó trên trang web và trong báo cáo tổng hợp; hãy xóa phần chữ "(Chưa viết: ...)" ở đầu đoạn, giữ nguyên phần đã viết.'
    ]
    part = load_round(workspace).report("bo-y-te").completeness.parts[2]
    assert part.content == "Bộ đã tổ chức 3 hội nghị quán triệt."


@pytest.mark.parametrize(
    ("heading", "near"),
    [
        # as the messages themselves show a long title, copied into the document
        (
            "3. Thành lập các tổ công tác liên ngành để kiểm tra, rà soát theo định kỳ nhằm nâng cao…",
            True,
        ),
        ("3. Thành lập các tổ công tác liên ngành", True),
        ("3. Thành lập các tổ", False),  # too short to tell
    ],
)
def test_a_long_task_title_cut_short_is_that_task(workspace, capsys, heading, near):
    """A clerk shortens the task's three-line title: it was "Thiếu nhiệm vụ được giao" (an
    error in an official report) though the heading stood in its place."""
    assert main(["--root", str(workspace), "new", "ubnd-nghe-an", "--docx"]) == 0
    capsys.readouterr()
    path = workspace / "submissions" / "ubnd-nghe-an.docx"
    doc = Document(str(path))
    title = next(p for p in doc.paragraphs if p.text.startswith("3. Thành lập các tổ công tác"))
    title.text = heading
    doc.save(str(path))
    lines = _check(workspace, capsys)
    told = f'submissions/ubnd-nghe-an.docx: cảnh báo: Phần 1, mục II.3: Tiêu đề "{heading}" gần giống mục "3. Thành lập các tổ công tác liên ngành để kiểm tra, rà soát theo định kỳ nhằm nâng cao…" của đề cương và được tính là mục đó. Nên sửa lại đúng như đề cương.'
    assert (told in lines) == near
    assert any("Thiếu nhiệm vụ được giao" in line for line in lines) != near


@pytest.mark.parametrize("as_heading", [False, True])
def test_a_title_run_in_before_its_text_is_that_title_and_that_text(
    workspace, report, capsys, as_heading
):
    """ "Nguyên nhân chủ quan: nhận thức ..." in one paragraph (the title bold, or the whole
    paragraph in the heading's style): it was "Thiếu mục", an error in an official report."""
    doc = Document(str(report))
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "Nguyên nhân chủ quan.")
    title, text = paragraphs[at], paragraphs[at + 1]
    text._p.getparent().remove(text._p)
    if not as_heading:
        title.style = doc.styles["Normal"]
    title.text = ""
    title.add_run("Nguyên nhân chủ quan:").bold = True
    title.add_run(" nhận thức của một số cán bộ còn hạn chế.")
    doc.save(str(report))
    assert _check(workspace, capsys) == []
    part = next(
        p
        for p in load_round(workspace).report("bo-y-te").completeness.parts
        if p.spec.title == "Nguyên nhân chủ quan."
    )
    assert part.content.strip("*") == "nhận thức của một số cán bộ còn hạn chế."


def test_a_sentence_starting_with_a_title_s_words_stays_a_sentence(workspace, report, capsys):
    _edit(report, "Nội dung mục 1. Phương hướng", "Phương hướng: tiếp tục như năm trước.")
    assert _check(workspace, capsys) == []
    body = load_round(workspace).report("bo-y-te").submission.body
    assert "\nPhương hướng: tiếp tục như năm trước.\n" in body
