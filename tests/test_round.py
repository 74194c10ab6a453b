"""The secretariat's round (issue 19) on a scripted git history: received dates from the main
line, overrides, extensions, return and resubmission, the reminder letter, the workbook."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.docx import appendix
from baocao.messages import HISTORY_REASONS
from baocao.site.pages import generate
from baocao.workspace import AgencyReport, load_round

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
from synthetic import submission_text  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
TODAY = date(2024, 12, 12)


def _git(ws: Path, *args: str, when: str = "2024-11-28T09:00:00+07:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME="Ban Thư ký",
        GIT_AUTHOR_EMAIL="btk@example.org",
        GIT_COMMITTER_NAME="GitHub",
        GIT_COMMITTER_EMAIL="noreply@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    done = subprocess.run(
        ["git", "-C", str(ws), *args], check=True, env=env, capture_output=True, text=True
    )
    return done.stdout


def _report(ws: Path, agency: str, *, official: bool = True, issued: str = "04/12/2024") -> str:
    from baocao.campaign import load_campaign

    campaign = load_campaign(ws)
    text = submission_text(campaign, campaign.agency(agency), random.Random(3))
    lines = []
    for line in text.split("\n"):
        if line.startswith("trang_thai:"):
            line = f"trang_thai: {'chinh_thuc' if official else 'du_thao'}"
        elif line.startswith("ngay_ban_hanh:"):
            line = f"ngay_ban_hanh: {issued}"
        lines.append(line)
    return "\n".join(lines)


def _write(ws: Path, agency: str, text: str) -> None:
    (ws / "submissions" / f"{agency}.md").write_text(text, encoding="utf-8")


def _commit(ws: Path, message: str, when: str) -> None:
    _git(ws, "add", "-A", when=when)
    _git(ws, "commit", "-q", "-m", message, when=when)


def _pull_request(ws: Path, agency: str, text: str, written: str, merged: str) -> None:
    """The agency commits on its branch (its own date), GitHub merges into main (merged)."""
    branch = f"pr-{agency}-{merged[:10]}"
    _git(ws, "checkout", "-q", "-b", branch)
    _write(ws, agency, text)
    _commit(ws, f"Báo cáo {agency}", written)
    _git(ws, "checkout", "-q", "main")
    _git(ws, "merge", "-q", "--no-ff", branch, "-m", f"Merge pull request {branch}", when=merged)


def _reviews(ws: Path, text: str) -> None:
    (ws / "reviews.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def repo(workspace: Path) -> Path:
    """The workspace under git: the campaign committed on main on 28/11/2024."""
    (workspace / "submissions" / ".gitkeep").write_text("", encoding="utf-8")
    _git(workspace, "init", "-q", "-b", "main")
    _commit(workspace, "Đợt báo cáo", "2024-11-28T09:00:00+07:00")
    return workspace


def test_the_pull_request_summary_says_a_report_not_merged_is_pending(repo):
    """In a pull request the report is not on the main line yet: it is received when merged,
    so its issued date tells nothing of on time or late."""
    from baocao import reporters

    _write(repo, "bo-y-te", _report(repo, "bo-y-te"))  # official, issued 04/12, not committed

    def status(today: date) -> str:
        rnd = load_round(repo, today=today)
        row = next(line for line in reporters.markdown(rnd, []).splitlines() if "bo-y-te" in line)
        return row.split(" | ")[2]

    assert status(date(2024, 12, 3)) == "Chờ gộp: đúng hạn nếu được gộp đến hết ngày 05/12/2024"
    assert status(date(2024, 12, 6)) == "Chờ gộp: trễ hạn (hạn 05/12/2024 đã qua)"
    _commit(repo, "Báo cáo", "2024-12-05T10:00:00+07:00")
    assert status(date(2024, 12, 6)) == "Đúng hạn"


def test_received_date_is_when_the_official_version_reached_main(repo):
    # a draft committed on main first, then the official version by pull request: the agency's
    # own commit is dated 04/12, GitHub's merge 07/12 -> received 07/12, late
    _write(repo, "bo-y-te", _report(repo, "bo-y-te", official=False))
    _commit(repo, "Dự thảo", "2024-12-02T10:00:00+07:00")
    _pull_request(
        repo,
        "bo-y-te",
        _report(repo, "bo-y-te"),
        "2024-12-04T10:00:00+07:00",
        "2024-12-07T09:00:00+07:00",
    )
    # merged at 23:00 in Hà Nội on the deadline (16:00 UTC): on time; 01:00 next day: late
    _pull_request(
        repo,
        "bo-tu-phap",
        _report(repo, "bo-tu-phap"),
        "2024-12-01T10:00:00+07:00",
        "2024-12-05T16:00:00+00:00",
    )
    _pull_request(
        repo,
        "bo-quoc-phong",
        _report(repo, "bo-quoc-phong"),
        "2024-12-01T10:00:00+07:00",
        "2024-12-05T18:00:00+00:00",
    )
    # an agency's later change does not move its received date
    _write(repo, "bo-tu-phap", _report(repo, "bo-tu-phap") + "\nThêm một câu.\n")
    _commit(repo, "Sửa", "2024-12-09T10:00:00+07:00")

    rnd = load_round(repo, today=TODAY)
    assert rnd.history_note is None
    late, on_time, next_day = (rnd.report(a) for a in ("bo-y-te", "bo-tu-phap", "bo-quoc-phong"))
    assert (late.receipt.day, late.receipt.source, late.status) == (
        date(2024, 12, 7),
        "git",
        "late",
    )
    assert late.submission.issued == date(2024, 12, 4)  # the document's own date stays
    assert (on_time.receipt.day, on_time.status) == (date(2024, 12, 5), "on_time")
    assert on_time.changed == date(2024, 12, 9)
    assert (next_day.receipt.day, next_day.status) == (date(2024, 12, 6), "late")
    assert late.stage_label == "Đã nộp (trễ hạn)" and on_time.stage_label == "Đã nộp (đúng hạn)"
    # both dates on the dashboard, the agency page and the DOCX status table
    site = generate(rnd)
    html = "".join(site.fragments.html(i) for i in range(len(site.fragments.sources)))
    assert "07/12/2024 (ngày báo cáo chính thức được gộp vào nhánh chính của kho)" in html
    row = next(r for r in appendix.status_rows(rnd) if r[1] == late.agency.name)
    assert row[3:6] == ["04/12/2024", "07/12/2024", "Đã nộp (trễ hạn)"]


@pytest.mark.parametrize(
    "inside",
    [
        # a line of a multi-line value that looks like the field itself
        "  trich_yeu: |\n    Kế hoạch\n    trang_thai: chinh_thuc\n",
        # a quoted value going on over a line that starts at the margin
        '  trich_yeu: "Kế hoạch\ntrang_thai: chinh_thuc"\n',
    ],
)
def test_a_draft_with_a_line_that_only_looks_official_is_not_received(repo, inside):
    """A valid draft merged before the deadline with `trang_thai: chinh_thuc` written inside
    another value made the late official version "received" on the draft's day, on time."""
    head, rest = _report(repo, "bo-y-te", official=False).split("\nvan_ban:\n", 1)
    document = "- so_ky_hieu: 1/KH-BYT\n  ngay: 01/03/2024\n" + inside
    _write(repo, "bo-y-te", f"{head}\nvan_ban:\n{document}{rest}")
    rnd = load_round(repo, today=TODAY)
    assert (rnd.report("bo-y-te").status, rnd.report("bo-y-te").problems) == ("draft", [])
    _commit(repo, "Dự thảo", "2024-12-02T10:00:00+07:00")
    _write(repo, "bo-y-te", _report(repo, "bo-y-te"))
    _commit(repo, "Chính thức", "2024-12-07T09:00:00+07:00")

    report = load_round(repo, today=TODAY).report("bo-y-te")
    assert (report.receipt.day, report.receipt.source, report.status) == (
        date(2024, 12, 7),
        "git",
        "late",
    )


def test_override_replaces_the_git_date_and_shows_its_reason(repo):
    _pull_request(
        repo,
        "bo-y-te",
        _report(repo, "bo-y-te"),
        "2024-12-04T10:00:00+07:00",
        "2024-12-07T09:00:00+07:00",
    )
    _reviews(
        repo,
        "reviews: []\nngay_nhan:\n  - co_quan: bo-y-te\n    ngay: 05/12/2024\n"
        "    ly_do: Đã nhận bản ký số qua thư điện tử ngày 05/12/2024.\n",
    )
    rnd = load_round(repo, today=TODAY)
    report = rnd.report("bo-y-te")
    assert (report.receipt.day, report.receipt.source, report.status) == (
        date(2024, 12, 5),
        "override",
        "on_time",
    )
    site = generate(rnd)
    html = "".join(site.fragments.html(i) for i in range(len(site.fragments.sources)))
    assert (
        "05/12/2024 (Ban Thư ký ghi nhận: Đã nhận bản ký số qua thư điện tử ngày 05/12/2024.)"
        in html
    )
    assert appendix.status_notes(rnd) == [
        "(*) Ngày nhận do Ban Thư ký ghi nhận: Bộ Y tế: 05/12/2024, "
        "Đã nhận bản ký số qua thư điện tử ngày 05/12/2024."
    ]
    row = next(r for r in appendix.status_rows(rnd) if r[1] == "Bộ Y tế")
    assert row[4] == "05/12/2024 (*)"


def test_extension_moves_the_agency_deadline(repo, capsys):
    _pull_request(
        repo,
        "bo-y-te",
        _report(repo, "bo-y-te"),
        "2024-12-04T10:00:00+07:00",
        "2024-12-07T09:00:00+07:00",
    )
    _reviews(
        repo,
        "reviews: []\ngia_han:\n  - co_quan: bo-y-te\n    han_moi: 2024-12-10\n"
        "    van_ban: Công văn số 3702/BCĐ319 ngày 04/12/2024\n"
        "  - co_quan: bo-tu-phap\n    han_moi: 2024-02-31\n    van_ban: Công văn số 1\n"
        "  - co_quan: bo-quoc-phong\n    han_moi: 15.12.2024\n    van_ban: Công văn số 2\n",
    )
    rnd = load_round(repo, today=TODAY)
    report = rnd.report("bo-y-te")
    assert (report.deadline, report.status) == (date(2024, 12, 10), "on_time")
    assert rnd.report("bo-tu-phap").deadline == date(2024, 12, 5)  # refused entry: the letter's
    assert [p.message for p in rnd.problems if p.file == "reviews.yml"] == [
        'reviews.yml: gia_han, mục 2, han_moi: "2024-02-31" không phải ngày có thật; mục này bị bỏ qua.',
        "reviews.yml: gia_han, mục 3, han_moi: không đúng mẫu (Ngày dạng năm-tháng-ngày hoặc"
        " ngày/tháng/năm. Ví dụ: 2024-12-15.); mục này bị bỏ qua.",
    ]
    site = generate(rnd)
    html = "".join(site.fragments.html(i) for i in range(len(site.fragments.sources)))
    assert (
        "10/12/2024 (gia hạn đến 10/12/2024 theo Công văn số 3702/BCĐ319 ngày 04/12/2024)" in html
    )
    assert "10/12/2024 (gia hạn)" in html  # the dashboard's deadline column
    assert 'bc-extension">gia hạn đến 10/12/2024' in html  # beside the status elsewhere
    row = next(r for r in appendix.status_rows(rnd) if r[1] == "Bộ Y tế")
    assert row[5] == "Đã nộp (đúng hạn); gia hạn đến 10/12/2024"
    assert appendix.status_notes(rnd) == [
        "Gia hạn: Bộ Y tế gia hạn đến 10/12/2024 theo Công văn số 3702/BCĐ319 ngày 04/12/2024."
    ]


def test_a_review_of_a_report_received_outside_git_stands(repo):
    """Received by e-mail and accepted (the secretariat's ngay_nhan and review), its file
    reaching main only later: that first version is the one reviewed, so the review stands
    (the sample round's history is of this kind) until the file changes again."""
    _reviews(
        repo,
        "reviews:\n  - co_quan: bo-y-te\n    ket_qua: da_tiep_nhan\n    nguoi_xem_xet: Lê Thế"
        " Chính\n    ngay: 2024-12-06\nngay_nhan:\n  - co_quan: bo-y-te\n    ngay: 2024-12-04\n"
        "    ly_do: Nhận bản ký số qua thư điện tử.\n",
    )
    _commit(repo, "Xem xét", "2024-12-06T15:00:00+07:00")
    _pull_request(
        repo, "bo-y-te", _report(repo, "bo-y-te"), "2024-12-09T10:00:00+07:00", "2024-12-10T09:00"
    )
    report = load_round(repo, today=TODAY).report("bo-y-te")
    assert (report.stage, report.receipt.day) == ("da-tiep-nhan", date(2024, 12, 4))
    _pull_request(
        repo,
        "bo-y-te",
        _report(repo, "bo-y-te") + "\nSửa sau khi được tiếp nhận.\n",
        "2024-12-11T10:00:00+07:00",
        "2024-12-11T11:00:00+07:00",
    )
    assert load_round(repo, today=TODAY).report("bo-y-te").stage == "cho-xem-lai"


def test_a_reviewed_report_s_state_still_says_late_as_the_late_count_does():
    """Phụ lục 1 counts "Trễ hạn: 2": each of the two rows says so, accepted or not."""
    campaign = load_campaign(ROOT)
    agency = campaign.agencies[0]
    labels = [
        AgencyReport(agency, status=status, stage=stage).stage_label
        for status, stage in (("late", "da-tiep-nhan"), ("late", "da-nop"), ("draft", "du-thao"))
    ]
    assert labels == ["Đã tiếp nhận (nộp trễ hạn)", "Đã nộp (trễ hạn)", "Dự thảo"]


def test_return_change_awaits_review_then_accepted(repo):
    _pull_request(
        repo,
        "bo-y-te",
        _report(repo, "bo-y-te"),
        "2024-12-03T10:00:00+07:00",
        "2024-12-04T09:00:00+07:00",
    )
    returned = (
        "reviews:\n  - co_quan: bo-y-te\n    ket_qua: yeu_cau_bo_sung\n    nguoi_xem_xet: Lê Thế Chính\n"
        "    ngay: 2024-12-06\n    ghi_chu: Bổ sung số liệu năm 2024.\n"
    )
    _reviews(repo, returned)
    _commit(repo, "Xem xét", "2024-12-06T15:00:00+07:00")
    report = load_round(repo, today=TODAY).report("bo-y-te")
    assert (report.stage, report.stage_label) == (
        "yeu-cau-bo-sung",
        "Yêu cầu bổ sung (nộp đúng hạn)",
    )

    _pull_request(
        repo,
        "bo-y-te",
        _report(repo, "bo-y-te") + "\nSố liệu năm 2024 đã bổ sung.\n",
        "2024-12-07T10:00:00+07:00",
        "2024-12-08T09:00:00+07:00",
    )
    report = load_round(repo, today=TODAY).report("bo-y-te")
    assert (report.stage, report.stage_label) == (
        "cho-xem-lai",
        "Đã bổ sung, chờ xem lại (nộp đúng hạn)",
    )
    assert report.receipt.day == date(2024, 12, 4)  # received when first official

    _reviews(
        repo,
        returned
        + "  - co_quan: bo-y-te\n    ket_qua: da_tiep_nhan\n    nguoi_xem_xet: Nguyễn Thu Hà\n"
        "    ngay: 09/12/2024\n",
    )
    _commit(repo, "Tiếp nhận", "2024-12-09T15:00:00+07:00")
    rnd = load_round(repo, today=TODAY)
    report = rnd.report("bo-y-te")
    assert (report.stage, report.stage_label) == ("da-tiep-nhan", "Đã tiếp nhận (nộp đúng hạn)")
    assert [(r.date, r.result, r.reviewer, r.note) for r in report.history] == [
        (date(2024, 12, 6), "yeu_cau_bo_sung", "Lê Thế Chính", "Bổ sung số liệu năm 2024."),
        (date(2024, 12, 9), "da_tiep_nhan", "Nguyễn Thu Hà", ""),
    ]
    page = next(p for p in generate(rnd).pages if p.path == "co-quan/bo-y-te.md")
    assert "Lịch sử xem xét" in page.html
    site = generate(rnd)
    html = "".join(site.fragments.html(i) for i in range(len(site.fragments.sources)))
    assert (
        "<tr><td>06/12/2024</td><td>Yêu cầu bổ sung</td><td>Lê Thế Chính</td>"
        "<td>Bổ sung số liệu năm 2024.</td></tr>\n<tr><td>09/12/2024</td><td>Đã tiếp nhận</td>"
        "<td>Nguyễn Thu Hà</td><td></td></tr>"
    ) in html


def test_dashboard_filters_by_every_state(repo):
    _write(repo, "bo-y-te", _report(repo, "bo-y-te", official=False))
    rnd = load_round(repo, today=TODAY)
    site = generate(rnd)
    html = "".join(site.fragments.html(i) for i in range(len(site.fragments.sources)))
    assert 'class="bc-stage-filter"' in html
    for label, count in (
        ("Chưa nộp", len(rnd.reports) - 1),
        ("Dự thảo", 1),
        ("Chưa đạt yêu cầu kiểm tra", 0),
        ("Đã nộp", 0),
        ("Yêu cầu bổ sung", 0),
        ("Đã bổ sung, chờ xem lại", 0),
        ("Đã tiếp nhận", 0),
    ):
        assert f"{label} ({count})</button>" in html
    assert 'data-stage="du-thao">Dự thảo</span>' in html


def test_without_git_history_the_issued_date_is_used_and_said_once(workspace, tmp_path, repo_copy):
    _write(workspace, "bo-y-te", _report(workspace, "bo-y-te", issued="03/12/2024"))
    rnd = load_round(workspace, today=TODAY)
    report = rnd.report("bo-y-te")
    assert (report.receipt.day, report.receipt.source, report.status) == (
        date(2024, 12, 3),
        "issued",
        "on_time",
    )
    assert rnd.history_note == HISTORY_REASONS["no-repository"]
    assert appendix.status_notes(rnd) == [HISTORY_REASONS["no-repository"]]
    dashboard = next(p for p in generate(rnd).pages if p.path == "index.md")
    assert dashboard.markdown.count("Thư mục báo cáo không phải kho git") == 1
    # a shallow clone (actions/checkout's default) has no usable history either
    assert load_round(repo_copy, today=TODAY).history_note == HISTORY_REASONS["shallow"]


def test_without_the_git_program(workspace, monkeypatch):
    _write(workspace, "bo-y-te", _report(workspace, "bo-y-te"))
    monkeypatch.setenv("PATH", str(workspace / "nothing"))
    assert load_round(workspace, today=TODAY).history_note == HISTORY_REASONS["no-git"]


@pytest.fixture
def repo_copy(tmp_path_factory) -> Path:
    """A shallow clone of a workspace with two commits."""
    origin = tmp_path_factory.mktemp("origin")
    for name in ("campaign.yml",):
        shutil.copy(ROOT / name, origin / name)
    shutil.copytree(ROOT / "schema", origin / "schema")
    (origin / "submissions").mkdir()
    _git(origin, "init", "-q", "-b", "main")
    _commit(origin, "Đợt báo cáo", "2024-11-28T09:00:00+07:00")
    _write(origin, "bo-y-te", _report(origin, "bo-y-te"))
    _commit(origin, "Báo cáo", "2024-12-04T09:00:00+07:00")
    clone = tmp_path_factory.mktemp("clone") / "ws"
    _git(origin, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    return clone


# -- the reminder letter ---------------------------------------------------------------------


def _round_for_reminder(ws: Path) -> None:
    _write(ws, "bo-y-te", _report(ws, "bo-y-te", official=False))
    text = _report(ws, "bo-tu-phap")  # its contact's name is a formula
    head, _, rest = text.partition("lien_he:\n  ho_ten: ")
    _write(ws, "bo-tu-phap", f"{head}lien_he:\n  ho_ten: '=HYPERLINK(\"http://x\")'\n  #{rest}")
    _reviews(
        ws,
        "reviews:\n  - co_quan: bo-tu-phap\n    ket_qua: yeu_cau_bo_sung\n"
        "    nguoi_xem_xet: Lê Thế Chính\n    ngay: 2024-12-06\n    ghi_chu: Bổ sung.\n",
    )


def test_reminder_letter_layout_and_list(workspace, capsys):
    _round_for_reminder(workspace)
    out = workspace / "build" / "cv.docx"
    code = main(
        [
            "--root",
            str(workspace),
            "remind",
            "--nhom",
            "du-thao",
            "--nhom",
            "bo-sung",
            "--han",
            "2024-12-16",
            "--today",
            "2024-12-10",
            "--out",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert printed.splitlines() == [
        HISTORY_REASONS["no-repository"],
        "2 cơ quan cần đôn đốc:",
        "   1. Bộ Tư pháp (bo-tu-phap): Yêu cầu bổ sung ngày 06/12/2024",
        "   2. Bộ Y tế (bo-y-te): Dự thảo",
        f"Đã tạo công văn đôn đốc: {out}",
    ]
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [30, 15]
    fonts = {run.font.name for p in doc.paragraphs for run in p.runs if run.font.name}
    fonts |= {
        run.font.name
        for t in doc.tables
        for c in t._cells
        for p in c.paragraphs
        for run in p.runs
        if run.font.name
    }
    assert fonts == {"Times New Roman"}
    assert doc.styles["Normal"].font.name == "Times New Roman"
    head = [c.text for c in doc.tables[0]._cells]
    assert "Số:       /TCQLTT-BCĐ319\nV/v đôn đốc gửi báo cáo sơ kết 02 năm Đề án 319" in head[0]
    assert head[1].endswith("Hà Nội, ngày 10 tháng 12 năm 2024")
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 3] == ["- Bộ Tư pháp;", "- Bộ Y tế."]
    assert any("trước ngày 16 tháng 12 năm 2024" in t for t in texts)
    listed = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert listed == [
        ["STT", "Cơ quan, đơn vị", "Tình trạng"],
        ["1", "Bộ Tư pháp", "Yêu cầu bổ sung ngày 06/12/2024"],
        ["2", "Bộ Y tế", "Dự thảo"],
    ]
    closing = [c.text for c in doc.tables[-1]._cells]
    assert closing[0].startswith("Nơi nhận:\n- Như trên;")
    assert closing[1].endswith("Trần Hữu Linh")


def test_reminder_csv_for_a_mail_merge(workspace, capsys):
    _round_for_reminder(workspace)
    campaign = workspace / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    anchor = "- id: bo-giao-thong-van-tai\n"
    assert anchor in text
    campaign.write_text(
        text.replace(
            anchor,
            anchor + "  contact: {name: Phạm Văn Đầu Mối, phone: 024 3000 0000, "
            "email: daumoi@mt.example}\n",
        ),
        encoding="utf-8",
    )
    out = workspace / "build" / "cv.docx"
    code = main(
        ["--root", str(workspace), "remind", "--csv", "--today", "2024-12-10", "--out", str(out)]
    )
    data = capsys.readouterr().out
    assert code == 0 and data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data[1:])))
    assert rows[0] == [
        "Mã cơ quan",
        "Cơ quan",
        "Tình trạng",
        "Hạn gửi",
        "Người liên hệ",
        "Điện thoại",
        "Thư điện tử",
        "Nguồn liên hệ",
        "Tài khoản GitHub",
    ]
    by_id = {r[0]: r for r in rows[1:]}
    assert len(by_id) == len(load_round(workspace).reports)  # nobody is done yet
    assert by_id["bo-tu-phap"][2:5] == [
        "Yêu cầu bổ sung ngày 06/12/2024",
        "05/12/2024",
        '\'=HYPERLINK("http://x")',
    ]
    assert by_id["bo-y-te"][4] != "" and by_id["bo-y-te"][7] == "báo cáo của cơ quan"
    assert by_id["bo-quoc-phong"][4:8] == ["", "", "", ""]
    assert by_id["bo-y-te"][8].startswith("baocao-319/")
    # an agency without a report: the contact the campaign gives, if any
    assert by_id["bo-giao-thong-van-tai"][4:8] == [
        "Phạm Văn Đầu Mối",
        "024 3000 0000",
        "daumoi@mt.example",
        "campaign.yml",
    ]


def test_a_failing_report_s_contact_is_not_mail_merged(workspace, capsys):
    """A report that fails the check may have a list for a name or two addresses in one email
    field: the mail merge takes the campaign's contact instead, and the JSON's report number
    is text or nothing."""
    text = _report(workspace, "bo-y-te")
    head, _, rest = text.partition("lien_he:\n")
    rest = rest.split("\n", 3)[3]  # its three contact lines
    text = f"{head}lien_he:\n  ho_ten: [A, B]\n  dien_thoai: '1'\n  email: a@x.vn,b@y.vn\n{rest}"
    _write(workspace, "bo-y-te", text.replace("so_ky_hieu: ", "so_ky_hieu: [1, 2] #", 1))
    argv = ["--root", str(workspace), "remind", "--csv", "--today", "2024-12-10"]
    assert main(argv) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out[1:])))
    row = next(r for r in rows if r[0] == "bo-y-te")
    assert row[2] == "Chưa đạt yêu cầu kiểm tra" and row[4:8] == ["", "", "", ""]
    main(["--root", str(workspace), "check", "--format", "json", "--today", "2024-12-10"])
    data = json.loads(capsys.readouterr().out)
    agency = next(a for a in data["agencies"] if a["agency_id"] == "bo-y-te")
    assert agency["status"] == "invalid" and agency["report_number"] is None


# -- the workbook ------------------------------------------------------------------------------


def test_workbook_read_back_matches_the_round(workspace, capsys):
    _write(workspace, "bo-y-te", _report(workspace, "bo-y-te", official=False))
    text = _report(workspace, "bo-tu-phap").replace("so_ky_hieu: ", "so_ky_hieu: '=1+1' #", 1)
    _write(workspace, "bo-tu-phap", text)
    out = workspace / "build" / "so-lieu.xlsx"
    assert (
        main(
            [
                "--root",
                str(workspace),
                "export",
                "--xlsx",
                "--out",
                str(out),
                "--today",
                "2024-12-12",
            ]
        )
        == 0
    )
    assert f"Đã tạo bảng tính: {out}" in capsys.readouterr().out
    rnd = load_round(workspace, today=TODAY)
    book = openpyxl.load_workbook(out)
    groups = rnd.campaign.figure_groups
    assert book.sheetnames[0] == "Tình hình nộp" and book.sheetnames[-1] == "Nhiệm vụ"
    assert len(book.sheetnames) == 2 + len(groups)

    status = list(book["Tình hình nộp"].iter_rows(values_only=True))
    assert status[0][:4] == ("STT", "Mã cơ quan", "Cơ quan", "Phụ lục")
    assert [r[1] for r in status[1:]] == [r.agency.id for r in rnd.reports]
    row = next(r for r in status if r[1] == "bo-tu-phap")
    assert row[5] == "=1+1"  # text, never a formula
    assert row[6] == row[7] == datetime(2024, 12, 4)  # issued, received (no git: issued)
    assert row[9] == datetime(2024, 12, 5) and row[11] == "Đã nộp (đúng hạn)" and row[13] == 1
    cell = next(c for c in book["Tình hình nộp"]["F"] if c.value == "=1+1")
    assert cell.data_type == "s"

    totals = rnd.figure_totals()
    for name, group in zip(book.sheetnames[1:-1], groups):
        rows = list(book[name].iter_rows(values_only=True))
        assert rows[0][5:] == tuple(f"{f.label} ({f.unit})" for f in group.fields)
        body = [r for r in rows[1:] if r[2] != "Tổng cộng"]
        for report in (rnd.report("bo-y-te"), rnd.report("bo-tu-phap")):
            found = rnd.figures(report)
            mine = [r for r in body if r[1] == report.agency.id]
            assert [r[3] for r in mine] == sorted({y for y, _ in found})
            for r in mine:
                assert r[4] == ("Dự thảo" if report.agency.id == "bo-y-te" else None)
                assert list(r[5:]) == [found.get((r[3], f.key)) for f in group.fields]
                assert all(isinstance(v, int) for v in r[5:] if v is not None)
        total_rows = {r[3]: r[5:] for r in rows[1:] if r[2] == "Tổng cộng"}
        assert total_rows == {
            y: tuple(totals.get((y, f.key)) for f in group.fields) for y in rnd.campaign.years
        }

    tasks = list(book["Nhiệm vụ"].iter_rows(values_only=True))
    expected = [(r.agency.id, t.id) for r in rnd.reports for t in rnd.campaign.tasks_of(r.agency)]
    assert [(r[1], r[4]) for r in tasks[1:]] == expected
    assert {r[7] for r in tasks[1:] if r[1] == "bo-tu-phap"} == {"Đã viết"}
    assert {r[7] for r in tasks[1:] if r[1] == "bo-quoc-phong"} == {"Chưa nộp"}


def test_site_offers_the_workbook_and_the_latest_reminder(workspace, tmp_path):
    rnd = load_round(workspace, today=TODAY)
    letter = tmp_path / "cong-van-don-doc.docx"
    letter.write_bytes(b"docx")
    site = generate(rnd, reminder_path=letter)
    files = {f.path: f for f in site.files}
    assert files["tai-ve/cong-van-don-doc.docx"].source == letter
    assert files["tai-ve/so-lieu-dot-bao-cao.xlsx"].content.startswith(b"PK")
    dashboard = next(p for p in site.pages if p.path == "index.md").markdown
    assert "Công văn đôn đốc mới nhất: [tải về (DOCX)](tai-ve/cong-van-don-doc.docx)" in dashboard
    assert (
        "cong-van-don-doc"
        not in next(p for p in generate(rnd).pages if p.path == "index.md").markdown
    )


def test_data_cutoff_date_where_the_round_sets_one(workspace):
    from baocao.blank_report import render_template
    from baocao.docx.appendix import blocks
    from baocao.docx.blocks import text

    rnd = load_round(workspace, today=TODAY)
    assert rnd.campaign.data_cutoff is None  # the letter does not state one
    campaign = workspace / "campaign.yml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace(
            "\ndata_cutoff:\n", "\ndata_cutoff: '2024-11-30'\n"
        ),
        encoding="utf-8",
    )
    rnd = load_round(workspace, today=TODAY)
    assert rnd.campaign.data_cutoff == date(2024, 11, 30)
    template = render_template(rnd.campaign, rnd.campaign.agency("bo-y-te"))
    assert "# Số liệu tính đến ngày 30/11/2024 (thời gian chốt số liệu)." in template
    dashboard = next(p for p in generate(rnd).pages if p.path == "index.md").markdown
    assert "Thời gian chốt số liệu: **30/11/2024**." in dashboard
    notes = [b["c"][1][0]["c"] for b in blocks(rnd, []) if b["t"] == "Div" and b["c"][1]]
    sentence = text("Thời gian chốt số liệu: 30/11/2024.")[0]["c"]
    assert any(n[-1]["t"] == "Str" and n[-1]["c"].endswith(sentence) for n in notes)


def test_long_files_and_later_drafts_in_history(repo):
    """Versions are read through one `git cat-file` whatever their size; the received date is
    the first official version's, even if the file went back to draft in between."""
    long_text = _report(repo, "bo-y-te") + "\n" + "Một đoạn văn rất dài. " * 20000 + "\n"
    _write(repo, "bo-y-te", long_text)
    _commit(repo, "Chính thức", "2024-12-03T10:00:00+07:00")
    _write(repo, "bo-y-te", _report(repo, "bo-y-te", official=False))
    _commit(repo, "Dự thảo lại", "2024-12-06T10:00:00+07:00")
    _write(repo, "bo-y-te", long_text + "Sửa.\n")
    _commit(repo, "Chính thức lại", "2024-12-08T10:00:00+07:00")
    _write(repo, "bo-tu-phap", _report(repo, "bo-tu-phap"))  # not committed yet
    rnd = load_round(repo, today=TODAY)
    report = rnd.report("bo-y-te")
    assert (report.receipt.day, report.changed) == (date(2024, 12, 3), date(2024, 12, 8))
    other = rnd.report("bo-tu-phap")
    assert (other.receipt.day, other.receipt.source) == (date(2024, 12, 4), "issued")


def test_dashboard_lists_the_problems_no_agency_page_shows(workspace):
    """A `.doc` the agency sent (its report counted as not submitted), a wrong reviews.yml
    entry: on the dashboard, escaped; an agency's own problems stay on its page only."""
    _write(
        workspace,
        "bo-tu-phap",
        _report(workspace, "bo-tu-phap").replace("co_quan:", "x: 1\nco_quan:"),
    )
    (workspace / "submissions" / "bo-y-te.doc").write_bytes(b"\xd0\xcf\x11\xe0<b>")
    (workspace / "submissions" / "<i>ghi-chu.txt").write_text("x", encoding="utf-8")
    _reviews(workspace, "reviews: []\ngia_han:\n  - co_quan: bo-y-te\n    han_moi: 2024-02-31\n")
    rnd = load_round(workspace, today=TODAY)
    loose = [p.file for p in rnd.loose_problems]
    assert loose == ["reviews.yml", "submissions/<i>ghi-chu.txt", "submissions/bo-y-te.doc"]
    site = generate(rnd)
    html = "".join(site.fragments.html(i) for i in range(len(site.fragments.sources)))
    dashboard = next(p for p in site.pages if p.path == "index.md").markdown
    assert "## Tệp cần Ban Thư ký xem lại" in dashboard
    assert "(<code>submissions/bo-y-te.doc</code>): Tệp &quot;submissions/bo-y-te.doc&quot;" in html
    assert "Nếu đây là báo cáo của Bộ Y tế, hãy lưu lại thành bo-y-te.docx" in html
    assert "(<code>submissions/&lt;i&gt;ghi-chu.txt</code>)" in html and "<i>" not in html
    assert "(<code>reviews.yml</code>): reviews.yml: gia_han, mục 1" in html
    assert "schema-additional" in {p.code for p in rnd.report("bo-tu-phap").problems}
    assert "(x)" not in html.split("Tệp cần Ban Thư ký")[-1]  # bo-tu-phap's own problem
    for path in ("bo-y-te.doc", "<i>ghi-chu.txt", "bo-tu-phap.md"):
        (workspace / "submissions" / path).unlink()
    (workspace / "reviews.yml").unlink()
    site = generate(load_round(workspace, today=TODAY))
    assert "Tệp cần Ban Thư ký" not in next(p for p in site.pages if p.path == "index.md").markdown


def test_the_reminder_keeps_an_agency_s_extension(workspace, capsys):
    """--han 16/12 to an agency whose deadline was extended to 20/12: the letter gives its
    own deadline, as the extension's letter did, instead of asking for it four days early."""
    _round_for_reminder(workspace)
    (workspace / "reviews.yml").write_text(
        (workspace / "reviews.yml").read_text(encoding="utf-8")
        + "gia_han:\n  - co_quan: bo-y-te\n    han_moi: 2024-12-20\n"
        "    van_ban: Công văn số 3702/BCĐ319 ngày 04/12/2024\n",
        encoding="utf-8",
    )
    out = workspace / "build" / "cv.docx"
    argv = ["--root", str(workspace), "remind", "--nhom", "du-thao", "--nhom", "bo-sung"]
    argv += ["--han", "2024-12-16", "--today", "2024-12-10", "--out", str(out)]
    assert main(argv) == 0
    assert (
        "   2. Bộ Y tế (bo-y-te): Dự thảo (được gia hạn đến 20/12/2024)" in capsys.readouterr().out
    )
    doc = Document(str(out))
    listed = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert listed[1:] == [
        ["1", "Bộ Tư pháp", "Yêu cầu bổ sung ngày 06/12/2024"],
        ["2", "Bộ Y tế", "Dự thảo (được gia hạn đến 20/12/2024)"],
    ]
    asked = next(p.text for p in doc.paragraphs if "trước ngày 16 tháng 12 năm 2024" in p.text)
    assert (
        "trước ngày 16 tháng 12 năm 2024 (cơ quan, đơn vị được gia hạn: trước hạn đã được gia hạn"
        " nêu trong danh sách)." in asked
    )


def test_a_failing_report_s_completeness_is_counted_nowhere(workspace):
    """Its content is left out of the site and the DOCX: the dashboard leaves its completeness
    blank, and so do the DOCX status table, the workbook and the overall completeness."""
    from baocao.workbook import workbook_bytes

    text = _report(workspace, "bo-y-te").replace("so_ky_hieu:", "so_hieu:", 1)
    _write(workspace, "bo-y-te", text)
    rnd = load_round(workspace, today=TODAY)
    assert rnd.report("bo-y-te").stage == "chua-dat"
    assert next(r for r in appendix.status_rows(rnd) if r[1] == "Bộ Y tế")[-1] == ""
    rows = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rnd)))["Tình hình nộp"]
    assert next(r for r in rows.iter_rows(values_only=True) if r[1] == "bo-y-te")[13] is None
    page = next(p.markdown for p in generate(rnd).pages if p.path == "index.md")
    assert '<span class="bc-card__value">0%</span> <span class="bc-card__label">Mức độ' in page


def test_the_reminder_refuses_a_deadline_not_after_its_own_date(workspace, capsys):
    """--han 16/11 for 16/12: the letter would ask for the report before a day already past."""
    _round_for_reminder(workspace)
    out = workspace / "build" / "cv.docx"
    argv = ["--root", str(workspace), "remind", "--han", "16/11/2024", "--today", "2024-12-10"]
    assert main([*argv, "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        "lỗi: hạn nêu trong công văn đôn đốc (--han 16/11/2024) phải sau ngày của công văn"
        " (10/12/2024). Sửa lại --han, ví dụ --han 17/12/2024.\n"
    )
    assert not out.exists()
