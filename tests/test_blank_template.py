"""The Markdown template as a clerk follows its own comments, in GitHub's web editor."""

from __future__ import annotations

from pathlib import Path

from baocao.cli import main
from baocao.workspace import load_round


def test_the_documents_example_works_when_its_comment_is_followed(workspace: Path, capsys):
    assert main(["--root", str(workspace), "new", "qltt-kien-giang"]) == 0
    path = workspace / "submissions" / "qltt-kien-giang.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("van_ban:"))
    assert lines[at] == (
        "van_ban: []  # văn bản đã ban hành để thực hiện Đề án; để ghi: xóa [] ở dòng này, bỏ dấu #"
        " ở đầu các dòng ví dụ dưới đây rồi sửa theo văn bản thật, mỗi văn bản một mục"
    )
    lines[at] = lines[at].replace("van_ban: []", "van_ban:", 1)  # as the comment says
    for i in range(at + 1, at + 4):
        assert lines[i].startswith("#  ")
        lines[i] = lines[i][1:]
    path.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    main(["--root", str(workspace), "check"])
    assert "viết sai" not in capsys.readouterr().out
    meta = load_round(workspace).report("qltt-kien-giang").submission.meta
    assert meta["van_ban"] == [
        {
            "so_ky_hieu": "1234/KH-UBND",
            "ngay": "15/08/2023",
            "trich_yeu": "Kế hoạch triển khai Đề án 319 trên địa bàn",
        }
    ]
