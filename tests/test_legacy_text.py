"""Text copied from a TCVN3 or VNI document into a Markdown report: the checker says which
lines, and what they read as in Unicode (the site and the DOCX would show them garbled)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from baocao.cli import main
from baocao.submission import load_submission
from baocao.validation import FrontMatterValidator
from conftest import ROOT, shared


def _pasted(workspace: Path, lines: list[str]) -> Path:
    """A sample report with `lines` as paragraphs under its first heading."""
    path = workspace / "submissions" / "bo-cong-an.md"
    text = (ROOT / "submissions" / "bo-cong-an.md").read_text(encoding="utf-8")
    head, _, rest = text.partition("\n# ")
    first, _, tail = rest.partition("\n")
    path.write_text(f"{head}\n# {first}\n\n" + "\n\n".join(lines) + f"\n{tail}", "utf-8")
    return path


def test_lines_in_a_legacy_encoding_are_named_with_their_unicode_reading(workspace, capsys):
    path = _pasted(
        workspace,
        [
            "Bé tr\u00adëng Bé C«ng Th\u00ad¬ng ®· ban hµnh kÕ ho¹ch.",
            "Xin chaøo caùc baïn, Boä Coâng Thöông ñaõ ban haønh keá hoaïch.",
            "Cộng hoà, 25°C × 3 « trích dẫn » § 5; Café, naïve.",
        ],
    )
    main(["--root", str(workspace), "check", str(path)])
    lines = [line for line in capsys.readouterr().out.splitlines() if "bảng mã cũ" in line]
    start = (
        path.read_text(encoding="utf-8")
        .split("\n")
        .index("Bé tr\u00adëng Bé C«ng Th\u00ad¬ng ®· ban hµnh kÕ ho¹ch.")
        + 1
    )
    assert lines == [
        f"submissions/bo-cong-an.md:{start}: cảnh báo: Dòng này có vẻ được gõ bằng bảng mã cũ"
        " TCVN3 (.VnTime…) nên hiện sai dấu trên trang web và trong báo cáo tổng hợp. Hãy"
        " chuyển dòng này sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), đọc là:"
        ' "Bộ trưởng Bộ Công Thương đã ban hành kế hoạch."',
        f"submissions/bo-cong-an.md:{start + 2}: cảnh báo: Dòng này có vẻ được gõ bằng bảng mã"
        " cũ VNI (VNI-Times…) nên hiện sai dấu trên trang web và trong báo cáo tổng hợp. Hãy"
        " chuyển dòng này sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), đọc là:"
        ' "Xin chào các bạn, Bộ Công Thương đã ban hành kế hoạch."',
    ]


def test_the_sample_reports_have_no_legacy_line(sample_round):
    assert [p for p in sample_round.problems if p.code == "legacy-encoding"] == []


def _rows(name: str) -> list[dict]:
    path = shared("corpus", "legacy-encodings", name)
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and x[0] != "#"]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_real_legacy_phrases_are_found_with_their_truth(workspace, campaign, tmp_path):
    """The corpus's TCVN3 and VNI phrase pairs, pasted into a report."""
    rows = [r for r in _rows("phrase-pairs.tsv") if r["encoding"] in ("tcvn3", "vni")]
    path = _pasted(workspace, [r["legacy"] for r in rows])
    sub = load_submission(path, "x.md", FrontMatterValidator(campaign.submission_schema))
    found = [p.message for p in sub.problems if p.code == "legacy-encoding"]
    assert len(found) == len(rows)
    for message, row in zip(found, rows):
        assert message.endswith(f'đọc là: "{row["unicode"]}"')


@pytest.mark.parametrize(
    "name",
    [
        "15-hien-trang-ccn-bao-cao-18-6-2026.md",
        "mau-15-bao-cao-dinh-ky-nam-vlncn.md",
        "CV-5141-SNNMT-KS-29-12-2025.txt",
    ],
)
def test_real_unicode_reports_have_no_legacy_line(workspace, campaign, name):
    body = shared("corpus", "vn-gov-text", name).read_text(encoding="utf-8")
    path = _pasted(workspace, [body])
    sub = load_submission(path, "x.md", FrontMatterValidator(campaign.submission_schema))
    assert [p for p in sub.problems if p.code == "legacy-encoding"] == []
