"""A reviews.yml the secretariat broke: the message says where, why, and that the whole file
was ignored (every decision in it, received dates and extensions too)."""

from __future__ import annotations

import shutil
from pathlib import Path

from baocao.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "submissions"
GRANTED = """gia_han:
  - co_quan: ubnd-da-nang
    han_moi: 2024-12-15
    van_ban: Công văn số 3702/BCĐ319 ngày 04/12/2024
"""


def _problems(workspace: Path, text: str, capsys) -> list[str]:
    (workspace / "reviews.yml").write_text(text, encoding="utf-8")
    assert main(["--root", str(workspace), "check"]) == 1
    return [line for line in capsys.readouterr().out.splitlines() if "reviews.yml" in line]


def test_a_section_pasted_twice_names_the_section_and_its_first_line(workspace, capsys):
    text = "reviews: []\n" + GRANTED + GRANTED.replace("ubnd-da-nang", "ubnd-can-tho")
    assert _problems(workspace, text, capsys) == [
        'reviews.yml:6: lỗi: reviews.yml: dòng "gia_han:" xuất hiện hai lần (lần đầu ở dòng 2), nên cả tệp bị bỏ qua. Đưa các mục của dòng này vào dưới một dòng "gia_han:" rồi chạy lại.'
    ]


def test_a_syntax_error_says_what_is_wrong_on_the_line(workspace, capsys):
    text = "reviews:\n  - co_quan: bo-y-te\n    ghi_chu: Bổ sung: số liệu năm 2024\n"
    assert _problems(workspace, text, capsys) == [
        "reviews.yml:3: lỗi: reviews.yml: lỗi cú pháp YAML ở ký tự thứ 21 của dòng này (có dấu hai chấm không hợp lệ trong giá trị), nên cả tệp bị bỏ qua. Sửa dòng này rồi chạy lại."
    ]


def test_an_entry_the_schema_refuses_says_what_it_takes(workspace, capsys):
    """The allowed results, a sent-back report's missing reason, a date's form, an agency id
    mistyped: each says what to write, not only "không đúng mẫu"."""
    entry = "  - co_quan: {agency}\n    ket_qua: {result}\n    nguoi_xem_xet: A\n    ngay: {day}\n"
    text = "reviews:\n" + "".join(
        entry.format(agency=agency, result=result, day=day)
        for agency, result, day in (
            ("bo-cong-an", "tiep_nhan", "2024-12-06"),
            ("bo-tai-chinh", "yeu_cau_bo_sung", "2024-12-06"),
            ("bo-cong-ann", "da_tiep_nhan", "2024-12-06"),
            ("bo-y-te", "da_tiep_nhan", "6.12.2024"),
        )
    )
    assert _problems(workspace, text, capsys) == [
        'reviews.yml:3: lỗi: reviews.yml: mục 1, ket_qua "tiep_nhan" không đúng: chỉ dùng'
        " da_tiep_nhan hoặc yeu_cau_bo_sung; mục này bị bỏ qua.",
        "reviews.yml:6: lỗi: reviews.yml: mục 2, thiếu ghi_chu; mục này bị bỏ qua.",
        'reviews.yml:10: lỗi: reviews.yml: mã cơ quan "bo-cong-ann" không có trong danh sách của'
        ' đợt báo cáo. Có phải là "bo-cong-an"?',
        "reviews.yml:17: lỗi: reviews.yml: mục 4, ngay: không đúng mẫu (Ngày dạng"
        " năm-tháng-ngày hoặc ngày/tháng/năm. Ví dụ: 2024-12-06.); mục này bị bỏ qua.",
    ]


def test_sections_without_entries_yet_are_not_an_error(workspace, capsys):
    """A round's start: the guide's three lines are there, nothing under them yet."""
    (workspace / "reviews.yml").write_text("reviews:\nngay_nhan:\ngia_han:\n", encoding="utf-8")
    main(["--root", str(workspace), "check"])
    assert "reviews.yml" not in capsys.readouterr().out


def test_a_decision_on_an_agency_without_a_report_says_it_is_not_used_yet(workspace, capsys):
    """Received by post and recorded, the file not yet in submissions/: the agency still shows
    as not submitted and is reminded, so the check says why."""
    text = "reviews:\nngay_nhan:\n  - co_quan: bo-tu-phap\n    ngay: 2024-12-04\n    ly_do: Bưu điện.\n"
    (workspace / "reviews.yml").write_text(text, encoding="utf-8")
    assert main(["--root", str(workspace), "check"]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if "reviews.yml" in line] == [
        'reviews.yml:3: cảnh báo: reviews.yml: ngay_nhan của "bo-tu-phap" chưa được dùng: cơ'
        " quan chưa có báo cáo trong submissions/, nên vẫn là Chưa nộp (và có tên trong công văn"
        " đôn đốc). Đặt báo cáo vào submissions/bo-tu-phap.md (hoặc .docx), hoặc sửa mã cơ quan."
    ]


def test_a_received_date_for_a_draft_says_it_is_not_used(workspace, capsys):
    """Signed version received by e-mail, the file in submissions/ still the draft."""
    assert main(["--root", str(workspace), "new", "bo-tu-phap"]) == 0
    text = "reviews:\nngay_nhan:\n  - co_quan: bo-tu-phap\n    ngay: 2024-12-04\n    ly_do: Thư.\n"
    (workspace / "reviews.yml").write_text(text, encoding="utf-8")
    main(["--root", str(workspace), "check"])
    assert [line for line in capsys.readouterr().out.splitlines() if "reviews.yml" in line] == [
        'reviews.yml:3: cảnh báo: reviews.yml: ngay_nhan của "bo-tu-phap" chưa được dùng: báo'
        " cáo trong submissions/ chưa phải bản chính thức đạt yêu cầu kiểm tra. Thay tệp đó bằng"
        " bản chính thức đã nhận rồi chạy lại."
    ]


def test_an_extension_not_after_the_round_s_deadline_is_refused(workspace, capsys):
    """15/11 typed for 15/12: a deadline before the letter's would make every report late."""
    text = "reviews:\n" + GRANTED.replace("2024-12-15", "2024-11-15")
    assert _problems(workspace, text, capsys) == [
        "reviews.yml:4: lỗi: reviews.yml: gia_han, mục 1, han_moi: 15/11/2024 không sau hạn"
        " chung 05/12/2024 nên không phải gia hạn; mục này bị bỏ qua."
    ]


def test_a_review_or_received_date_after_today_is_said_with_its_line(workspace, capsys):
    """2025 typed for 2024: the date is used as written (the report would be late), so the check
    says so at its line."""
    shutil.copy(SAMPLES / "bo-cong-an.md", workspace / "submissions")
    text = "reviews:\nngay_nhan:\n  - co_quan: bo-cong-an\n    ngay: 2025-12-04\n    ly_do: Thư.\n"
    (workspace / "reviews.yml").write_text(text, encoding="utf-8")
    main(["--root", str(workspace), "check", "--today", "16/12/2024"])
    assert [line for line in capsys.readouterr().out.splitlines() if "reviews.yml" in line] == [
        'reviews.yml:3: cảnh báo: reviews.yml: ngay_nhan của "bo-cong-an" ghi ngày 04/12/2025, sau'
        " hôm nay (16/12/2024), có thể gõ nhầm năm hay tháng; ngày này vẫn được dùng như đã ghi."
        " Sửa lại ngày cho đúng rồi chạy lại."
    ]
