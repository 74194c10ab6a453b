"""An agency uploads its own report under a name the tool does not read (saved as .doc,
downloaded twice, capitals): the pull request says so and how to name it, instead of calling
the agency's own report a file it may not change."""

from __future__ import annotations

import pytest

from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.ownership import changed_file_problems
from baocao.reporters import github
from wordmaker import word_report

ACCOUNT = "@nguyenvanmau-bca"  # an account of bo-cong-an


@pytest.mark.parametrize(
    "name", ["bo-cong-an.doc", "bo-cong-an (1).docx", "Bo-Cong-An.DOCX", "bo-cong-an.odt"]
)
def test_its_own_report_misnamed_is_told_how_to_name_it(campaign, name):
    [problem] = changed_file_problems(campaign, [f"submissions/{name}"], ACCOUNT)
    assert (problem.code, problem.message) == (
        "filename-misnamed",
        f'Tệp "submissions/{name}" không được đọc: báo cáo phải có tên đúng bo-cong-an.docx (tệp Word)'
        " hoặc bo-cong-an.md, chữ thường. Tệp .doc cũ: mở bằng Word, chọn Lưu thành (Save As) →"
        " Word Document (*.docx). Đổi tên hoặc lưu lại cho đúng, tải lên tệp đó và xóa tệp này"
        " khỏi yêu cầu gộp.",
    )
    assert "title=Tên tệp báo cáo::" in github([problem])


@pytest.mark.parametrize("path", ["bo-cong-an.docx", "Báo cáo BCA.docx", "docs/bo-cong-an.md"])
def test_its_own_report_beside_submissions_is_told_where_it_goes(campaign, path):
    """Uploaded at the top of the repository (the web editor's default folder), or named as
    the agency's report anywhere else: not "a file you may not change"."""
    [problem] = changed_file_problems(campaign, [path], ACCOUNT)
    assert (problem.code, problem.message) == (
        "filename-outside",
        f'Tệp "{path}" nằm ngoài thư mục submissions/, nên không được đọc. Báo cáo phải đặt trong'
        " thư mục đó, tên submissions/bo-cong-an.docx (tệp Word) hoặc submissions/bo-cong-an.md:"
        " trên GitHub, mở thư mục submissions rồi mới bấm Add file → Upload files. Xóa tệp này"
        " khỏi yêu cầu gộp.",
    )


def test_a_guide_page_is_still_the_secretariat_s(campaign):
    [problem] = changed_file_problems(campaign, ["docs/huong-dan/index.md"], ACCOUNT)
    assert problem.code == "ownership"


def test_another_agencys_report_is_still_not_its_to_change(campaign):
    [problem] = changed_file_problems(campaign, ["submissions/ubnd-ha-noi.doc"], ACCOUNT)
    assert problem.code == "ownership"


@pytest.mark.parametrize("name", ["bo-y-te (1).docx", "Bo-Y-Te.docx", "bo-yte.docx"])
def test_a_word_file_named_near_an_agency_suggests_its_name(workspace, capsys, name):
    report = word_report(load_campaign(workspace), "bo-y-te", workspace / "submissions" / name)
    assert main(["--root", str(workspace), "check", str(report)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f'submissions/{name}: lỗi: Tên tệp "{name}" không phải mã của cơ quan nào trong đợt báo cáo.'
        ' Có phải là "bo-y-te.docx"? Đặt tên tệp Word đúng mã cơ quan, ví dụ "bo-y-te.docx" (xem'
        " danh sách ở trang Tải về)."
    )


def test_a_file_in_submissions_that_is_no_report_is_named_by_the_check(workspace, capsys):
    """Locally (the secretariat's `baocao check`, `baocao build`), a report saved as .doc or
    with capitals is not read: without a word, its agency would count as not submitted."""
    folder = workspace / "submissions"
    (folder / "bo-y-te.doc").write_bytes(b"\xd0\xcf\x11\xe0")  # an old Word file
    (folder / "ghi-chu.txt").write_text("ghi chép\n", encoding="utf-8")
    (folder / ".gitkeep").write_text("", encoding="utf-8")
    (folder / "~$bo-y-te.tmp").write_bytes(b"")  # Word's own, while the file is open
    assert main(["--root", str(workspace), "check"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "không được đọc" in line]
    rule = (
        "không được đọc: trong thư mục submissions/ chỉ đọc báo cáo có tên đúng mã cơ quan,"
        " dạng <mã>.docx (tệp Word) hoặc <mã>.md, chữ thường."
    )
    assert lines == [
        f'submissions/bo-y-te.doc: cảnh báo: Tệp "submissions/bo-y-te.doc" {rule} Nếu đây là báo'
        " cáo của Bộ Y tế, hãy lưu lại thành bo-y-te.docx (tệp .doc cũ: mở bằng Word, chọn Lưu"
        " thành (Save As) → Word Document (*.docx)) hoặc đổi tên thành bo-y-te.md. Nếu tệp không"
        " phải báo cáo, hãy xóa nó khỏi thư mục này.",
        f'submissions/ghi-chu.txt: cảnh báo: Tệp "submissions/ghi-chu.txt" {rule} Nếu tệp không'
        " phải báo cáo, hãy xóa nó khỏi thư mục này.",
    ]
