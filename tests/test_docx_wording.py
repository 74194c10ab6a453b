"""The merged DOCX names the states as the site, the CLI and the workbook do."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from baocao.docx import build_docx
from baocao.workspace import LATE, ON_TIME


def text_of(node) -> str:  # pandoc JSON: words are Str nodes, spaces Space nodes
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return node["c"]
        return " " if node.get("t") in ("Space", "SoftBreak") else text_of(node.get("c"))
    return "".join(text_of(n) for n in node) if isinstance(node, list) else ""


def test_the_summary_says_late_as_everywhere_else(sample_round, tmp_path: Path):
    path = build_docx(sample_round, tmp_path / "x.docx")
    summary = next(
        p.text for p in Document(str(path)).paragraphs if p.text.startswith("Phần này tập hợp")
    )
    on_time, late = sample_round.count(ON_TIME), sample_round.count(LATE)
    assert f"cơ quan đã nộp báo cáo ({on_time} đúng hạn, {late} trễ hạn, " in summary


def test_the_template_s_comment_is_no_preamble(workspace, capsys):
    """`baocao new`'s report keeps its "<!-- Viết nội dung ... -->" line before the first
    heading: that is no text of the agency's, so neither the merged report nor the agency's
    DOCX has an opening part for it; a real sentence there still is one."""
    from baocao.blank_report import PLACEHOLDER_TEXT
    from baocao.cli import main
    from baocao.docx import compose
    from baocao.workspace import load_round

    assert main(["--root", str(workspace), "new", "bo-y-te"]) == 0
    path = workspace / "submissions" / "bo-y-te.md"
    text = path.read_text(encoding="utf-8").replace(PLACEHOLDER_TEXT, "Đã thực hiện.")
    path.write_text(text, encoding="utf-8")
    report = load_round(workspace).report("bo-y-te")
    assert report.usable and "<!-- Viết nội dung" in report.preamble

    def merged(rnd) -> tuple[str, list]:
        done = compose.merged_document(rnd, [])
        return text_of(done.document["blocks"]), done.pieces

    tree, pieces = merged(load_round(workspace))
    assert compose.PREAMBLES not in tree
    assert not any("<!-- Viết nội dung" in str(piece) for piece in pieces)
    rnd = load_round(workspace)
    alone = compose.agency_document(rnd, rnd.report("bo-y-te"))
    assert not any("<!-- Viết nội dung" in str(piece) for piece in alone.pieces)
    path.write_text(text.replace("-->\n", "-->\nKính gửi Ban Chỉ đạo.\n", 1), encoding="utf-8")
    tree, pieces = merged(load_round(workspace))
    assert compose.PREAMBLES in tree
    assert any("Kính gửi Ban Chỉ đạo." in str(piece) for piece in pieces)


def test_part_b_says_each_report_s_state_as_the_site_does(sample_round):
    """Part B's line under an agency said "Đúng hạn" for a report the secretariat had sent
    back; it now gives the state the site, Phụ lục 1 and the reminder give."""
    from baocao.docx import compose

    text = text_of(compose.merged_document(sample_round, []).document["blocks"])
    states = {r.stage_label for r in sample_round.reports if r.usable}
    assert len(states) > 2  # the samples have reports in several states
    for report in sample_round.reports:
        if report.usable:
            assert f"tình trạng: {report.stage_label}; mức độ đầy đủ" in text, report.agency.id
