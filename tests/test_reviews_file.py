"""A reviews.yml the secretariat broke: the message says where, why, and that the whole file
was ignored (every decision in it, received dates and extensions too)."""

from __future__ import annotations

from pathlib import Path

from baocao.cli import main

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
