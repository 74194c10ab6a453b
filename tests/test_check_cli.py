"""`baocao new` and `baocao check` end to end, as an agency would use them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from baocao.blank_report import PLACEHOLDER_TEXT
from baocao.cli import main

ACCEPTANCE = Path(__file__).parent / "acceptance"
COMPLETE = ACCEPTANCE / "valid" / "complete" / "submissions" / "hoi-bao-ve-nguoi-tieu-dung.md"


def check_json(workspace: Path, capsys, *args: str) -> tuple[int, dict]:
    code = main(
        ["--root", str(workspace), "check", "--format", "json", "--today", "2025-01-10", *args]
    )
    return code, json.loads(capsys.readouterr().out)


def states(report: dict) -> dict[str, str]:
    return {s["id"]: s["state"] for s in report["sections"]}


def test_new_then_fill_then_delete(workspace, capsys):
    assert main(["--root", str(workspace), "new", "bo-cong-an"]) == 0
    assert "submissions/bo-cong-an.md" in capsys.readouterr().out
    path = workspace / "submissions" / "bo-cong-an.md"

    code, data = check_json(workspace, capsys)
    assert code == 0  # a fresh draft has warnings, not errors
    report = next(a for a in data["agencies"] if a["agency_id"] == "bo-cong-an")
    leaves = [
        s for s in report["sections"] if s["id"].startswith("nv-") or s["id"] in ("p1-i-1", "p2-ii")
    ]
    assert leaves and all(s["state"] == "empty" for s in leaves)
    assert report["status"] == "draft" and report["completeness"] == 0

    text = path.read_text(encoding="utf-8")
    filled = text.replace(
        PLACEHOLDER_TEXT, "Bộ Công an đã chỉ đạo lực lượng Cảnh sát kinh tế triển khai."
    )
    path.write_text(filled, encoding="utf-8")
    code, data = check_json(workspace, capsys)
    report = next(a for a in data["agencies"] if a["agency_id"] == "bo-cong-an")
    assert set(states(report).values()) == {"complete"} and report["completeness"] == 1

    task_heading = next(line for line in filled.splitlines() if line.startswith("### 4. "))
    lines = filled.splitlines()
    at = lines.index(task_heading)
    path.write_text("\n".join(lines[:at] + lines[at + 4 :]), encoding="utf-8")
    code, data = check_json(workspace, capsys)
    report = next(a for a in data["agencies"] if a["agency_id"] == "bo-cong-an")
    assert states(report)["nv-34"] == "missing"
    assert [
        p["code"] for p in data["problems"] if p["severity"] == "warning" and "missing" in p["code"]
    ] == ["task-missing"]


def test_new_refuses_to_overwrite_and_unknown_agency(workspace, capsys):
    assert main(["--root", str(workspace), "new", "ngan-hang-nha-nuoc"]) == 0
    path = workspace / "submissions" / "ngan-hang-nha-nuoc.md"
    path.write_text("đã sửa", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(workspace), "new", "ngan-hang-nha-nuoc"]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "đã sửa"
    assert main(["--root", str(workspace), "new", "bo-khong-co"]) == 1
    assert "không có trong danh sách" in capsys.readouterr().err


def test_official_report_with_gaps_is_an_error(workspace, capsys):
    main(["--root", str(workspace), "new", "ngan-hang-nha-nuoc"])
    path = workspace / "submissions" / "ngan-hang-nha-nuoc.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("trang_thai: du_thao", "trang_thai: chinh_thuc"),
        encoding="utf-8",
    )
    capsys.readouterr()
    code, data = check_json(workspace, capsys)
    assert code == 1
    report = next(a for a in data["agencies"] if a["agency_id"] == "ngan-hang-nha-nuoc")
    assert report["status"] == "invalid"
    assert {p["code"] for p in data["problems"] if p["severity"] == "error"} >= {
        "field-placeholder",
        "section-empty",
        "task-empty",
    }


def test_parts_that_show_nothing_are_not_written(workspace, capsys):
    """A space, a line break or a dash in place of the placeholder still leaves a part empty."""
    main(["--root", str(workspace), "new", "ngan-hang-nha-nuoc"])
    path = workspace / "submissions" / "ngan-hang-nha-nuoc.md"
    blanks = iter(["&nbsp;", "<br>", "-", "&#160;", "---"] * 100)
    text = re.sub(re.escape(PLACEHOLDER_TEXT), lambda m: next(blanks), path.read_text("utf-8"))
    assert "Chưa viết" not in text
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    code, data = check_json(workspace, capsys)
    report = next(a for a in data["agencies"] if a["agency_id"] == "ngan-hang-nha-nuoc")
    assert set(states(report).values()) == {"empty"}
    empties = [p for p in data["problems"] if p["code"] in ("section-empty", "task-empty")]
    assert {p["code"] for p in empties} == {"section-empty", "task-empty"}
    assert all("không có chữ, số hay hình" in p["message"] for p in empties)


def test_strict_turns_warnings_into_errors(workspace, capsys):
    main(["--root", str(workspace), "new", "ngan-hang-nha-nuoc"])
    capsys.readouterr()
    assert main(["--root", str(workspace), "check"]) == 0
    capsys.readouterr()
    assert main(["--root", str(workspace), "check", "--strict"]) == 1


def nfd_bom_crlf(text: str) -> bytes:
    return b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode(
        "utf-8"
    )


def test_nfd_bom_crlf_twin_checks_the_same(workspace, tmp_path, capsys):
    clean = COMPLETE.read_text(encoding="utf-8")
    # make it imperfect so the twin must reproduce problems and lines too
    clean = clean.replace("## II. CÁC ĐỀ XUẤT, KIẾN NGHỊ", "## II. Các đề xuất kiến nghi")
    target = workspace / "submissions" / COMPLETE.name
    target.write_text(clean, encoding="utf-8")
    code_a, clean_data = check_json(workspace, capsys)
    target.write_bytes(nfd_bom_crlf(clean))
    assert unicodedata.normalize("NFD", clean) != clean
    code_b, twin_data = check_json(workspace, capsys)
    assert code_a == code_b == 0
    assert clean_data == twin_data
    assert clean_data["problems"], "the imperfect heading must be reported in both"


def test_output_formats(workspace, capsys):
    shutil.copy(COMPLETE, workspace / "submissions" / COMPLETE.name)
    bad = workspace / "submissions" / "ngan-hang-nha-nuoc.md"
    bad.write_text(
        "---\nco_quan: ngan-hang-nha-nuoc\nso_ky_hieu: 1/BC\nso_ky_hieu: 2/BC\n---\n",
        encoding="utf-8",
    )
    assert main(["--root", str(workspace), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "::error file=submissions/ngan-hang-nha-nuoc.md,line=4,col=1,title=Phần thông tin đầu tệp viết sai::"
        'Trường "so_ky_hieu" xuất hiện hai lần (lần đầu ở dòng 3). Giữ lại một lần, nếu không giá trị trước sẽ bị mất.'
    ]
    summary = workspace / "summary.md"
    assert (
        main(
            [
                "--root",
                str(workspace),
                "check",
                "--format",
                "markdown",
                "--summary-file",
                str(summary),
            ]
        )
        == 1
    )
    md = capsys.readouterr().out
    assert md == summary.read_text(encoding="utf-8")
    assert md.startswith("## ❌ Kiểm tra báo cáo: 1 lỗi, 0 cảnh báo")
    assert (
        "| Hội Bảo vệ Người tiêu dùng Việt Nam | `submissions/hoi-bao-ve-nguoi-tieu-dung.md` | Đúng hạn | 100% | 16 | 0 | 0 |"
        in md
    )
    assert (
        "| Ngân hàng Nhà nước Việt Nam | `submissions/ngan-hang-nha-nuoc.md` | Chưa đạt yêu cầu kiểm tra | 0% |"
        in md
    )


def test_round_status_on_time_late_and_missing(workspace, capsys):
    late = COMPLETE.read_text(encoding="utf-8").replace(
        "ngay_ban_hanh: 03/12/2024", "ngay_ban_hanh: 2024-12-09"
    )
    (workspace / "submissions" / COMPLETE.name).write_text(late, encoding="utf-8")
    code, data = check_json(workspace, capsys)
    assert code == 0
    s = data["summary"]
    assert (s["agencies"], s["submitted"], s["late"], s["on_time"], s["not_submitted"]) == (
        149,
        1,
        1,
        0,
        148,
    )
    statuses = {a["agency_id"]: a["status"] for a in data["agencies"]}
    assert (
        statuses["hoi-bao-ve-nguoi-tieu-dung"] == "late"
        and statuses["bo-cong-an"] == "not_submitted"
    )
    main(["--root", str(workspace), "check", "--today", "2025-01-10"])
    assert (
        "Hạn nộp 05/12/2024: 1/149 cơ quan đã nộp bản chính thức (0 đúng hạn, 1 trễ hạn)"
        in capsys.readouterr().out
    )


def test_usage_errors_exit_2_in_vietnamese(workspace):
    run = subprocess.run(
        [sys.executable, "-m", "baocao", "--root", str(workspace), "check", "--format", "xml"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "lỗi" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "baocao", "--root", str(workspace), "check", "khong-co.md"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "không tìm thấy tệp" in run.stderr


def test_every_bad_input_names_file_and_line_without_traceback(workspace):
    """All acceptance failures in one folder: one run reports every file."""
    import base64

    count = 0
    for case in sorted((ACCEPTANCE / "invalid").iterdir()):
        for f in (case / "submissions").glob("*.md"):
            shutil.copy(f, workspace / "submissions" / f"{case.name}--{f.name}")
            count += 1
        for b in (case / "bytes").glob("*.b64") if (case / "bytes").is_dir() else []:
            (workspace / "submissions" / f"{case.name}--{b.stem}").write_bytes(
                base64.b64decode(b.read_text())
            )
            count += 1
    run = subprocess.run(
        [sys.executable, "-m", "baocao", "--root", str(workspace), "check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    files_with_errors = set(re.findall(r"^(submissions/[^:]+):\d+: lỗi: ", run.stdout, re.M))
    assert len(files_with_errors) == count


def test_text_report_lists_who_has_not_submitted(workspace, capsys):
    shutil.copy(COMPLETE, workspace / "submissions" / COMPLETE.name)
    assert main(["--root", str(workspace), "check", "--today", "2025-01-10"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    start = lines.index("Chưa nộp:")
    ubnd = next(line for line in lines[start:] if line.startswith("- Ủy ban nhân dân các tỉnh"))
    assert ubnd.startswith(
        "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương (63): Hà Nội, Hà Giang,"
    )
    orgs = next(line for line in lines[start:] if line.startswith("- Các hiệp hội"))
    assert (
        orgs == "- Các hiệp hội, tổ chức (1): Hiệp hội Thương mại điện tử Việt Nam"
    )  # the other one submitted


def test_one_bad_review_entry_does_not_discard_the_others(workspace, capsys):
    shutil.copy(COMPLETE, workspace / "submissions" / COMPLETE.name)
    (workspace / "reviews.yml").write_text(
        "reviews:\n"
        "  - co_quan: hoi-bao-ve-nguoi-tieu-dung\n    ket_qua: da_tiep_nhan\n    nguoi_xem_xet: Lê Thế Chính\n    ngay: 2024-12-06\n"
        "  - co_quan: bo-cong-an\n    ket_qua: tu_duyet\n    nguoi_xem_xet: Ai Đó\n    ngay: 2024-12-06\n"
        "  - co_quan: bo-y-te\n    ket_qua: da_tiep_nhan\n    nguoi_xem_xet: Ai Đó\n    ngay: 2024-02-31\n",
        encoding="utf-8",
    )
    code, data = check_json(workspace, capsys)
    assert code == 1
    reviews = {a["agency_id"]: a["review"] for a in data["agencies"]}
    assert reviews["hoi-bao-ve-nguoi-tieu-dung"] == "da_tiep_nhan"
    assert reviews["bo-cong-an"] is None and reviews["bo-y-te"] is None
    messages = [(p["file"], p["line"], p["message"]) for p in data["problems"]]
    assert (
        "reviews.yml",
        7,
        'reviews.yml: mục 2, ket_qua "tu_duyet" không đúng: chỉ dùng da_tiep_nhan hoặc'
        " yeu_cau_bo_sung; mục này bị bỏ qua.",
    ) in messages
    assert (
        "reviews.yml",
        13,
        'reviews.yml: mục 3, ngay: "2024-02-31" không phải ngày có thật; mục này bị bỏ qua.',
    ) in messages
