"""Dates on the command line are written as the site, the letters and reviews.yml write them
(16/12/2024), or year first (2024-12-16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from baocao.cli import main


@pytest.mark.parametrize("written", ["16/12/2024", "2024-12-16"])
def test_a_reminder_deadline_in_either_form(workspace: Path, tmp_path: Path, written: str):
    out = tmp_path / "cv.docx"
    args = ["--root", str(workspace), "remind", "--han", written, "--today", "10/12/2024"]
    assert main([*args, "--out", str(out)]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "trước ngày 16 tháng 12 năm 2024." in text


def test_a_date_that_does_not_exist_is_refused_saying_both_forms(workspace: Path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(workspace), "remind", "--han", "31/02/2024"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-2] == (
        'baocao remind: lỗi: tham số --han: "31/02/2024" không phải ngày có thật dạng'
        " ngày/tháng/năm (05/12/2024) hoặc năm-tháng-ngày (2024-12-05)"
    )
