"""The merged DOCX names the states as the site, the CLI and the workbook do."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from baocao.docx import build_docx
from baocao.workspace import LATE, ON_TIME


def test_the_summary_says_late_as_everywhere_else(sample_round, tmp_path: Path):
    path = build_docx(sample_round, tmp_path / "x.docx")
    summary = next(
        p.text for p in Document(str(path)).paragraphs if p.text.startswith("Phần này tập hợp")
    )
    on_time, late = sample_round.count(ON_TIME), sample_round.count(LATE)
    assert f"cơ quan đã nộp báo cáo ({on_time} đúng hạn, {late} trễ hạn, " in summary
