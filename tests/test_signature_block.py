"""The signature block of an agency's report laid out for signing (Nghị định 30/2020): a
position written "KT. BỘ TRƯỞNG / THỨ TRƯỞNG" as the field reference says is two lines."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from baocao.cli import main
from conftest import ROOT


def test_a_deputy_signs_on_two_lines(workspace: Path, tmp_path: Path, capsys):
    text = (ROOT / "submissions" / "bo-cong-an.md").read_text(encoding="utf-8")
    text = text.replace("  chuc_vu: Thứ trưởng\n", "  chuc_vu: KT. Bộ trưởng / Thứ trưởng\n", 1)
    (workspace / "submissions" / "bo-cong-an.md").write_text(text, encoding="utf-8")
    if (ROOT / "submissions" / "bo-cong-an").is_dir():
        shutil.copytree(
            ROOT / "submissions" / "bo-cong-an", workspace / "submissions" / "bo-cong-an"
        )
    out = tmp_path / "out"
    args = ["--root", str(workspace), "build", "docx", "--agency", "bo-cong-an", "--out", str(out)]
    assert main(args) == 0
    cell = Document(str(out / "bo-cong-an.docx")).tables[-1].rows[0].cells[1]
    lines = [p.text for p in cell.paragraphs if p.text]
    assert lines == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trịnh Văn Giả Định"]


def test_the_signature_block_never_stands_alone_on_the_last_page(workspace: Path, tmp_path):
    """The last paragraph of the body keeps with the closing (Word and LibreOffice move them
    to the next page together)."""
    shutil.copy(ROOT / "submissions" / "bo-cong-an.md", workspace / "submissions")
    out = tmp_path / "out"
    args = ["--root", str(workspace), "build", "docx", "--agency", "bo-cong-an", "--out", str(out)]
    assert main(args) == 0
    body = Document(str(out / "bo-cong-an.docx")).element.body
    closing = body.findall(qn("w:tbl"))[-1]
    spacer = closing.getprevious()
    last = spacer.getprevious()
    while last.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        last = last.getprevious()
    assert last.tag == qn("w:p") and "".join(t.text for t in last.iter(qn("w:t")))
    for paragraph in (last, spacer):
        assert paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
