"""The GitHub workflows: linted, and their check step run on a sample pull request."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from baocao.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
AGENCY_ACCOUNT = "nguyenvanmau-bca"  # listed under bo-cong-an's accounts in campaign.yml
SECRETARIAT_ACCOUNT = "lethechinh-bcd319"


def tool(name: str) -> str:
    path = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if path is None:
        pytest.fail(f"{name} is not installed: install the test extras (pip install -e '.[test]')")
    return path


def test_actionlint_passes():
    run = subprocess.run(
        [tool("actionlint"), "-no-color", *sorted(map(str, WORKFLOWS.glob("*.yml")))],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_has_no_medium_or_higher_finding():
    run = subprocess.run(
        [
            tool("zizmor"),
            "--offline",
            "--min-severity",
            "medium",
            "--format",
            "plain",
            str(WORKFLOWS),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout + run.stderr


def workflow_steps(name: str) -> list[dict]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def run_commands() -> list[str]:
    commands = []
    for path in WORKFLOWS.glob("*.yml"):
        for step in workflow_steps(path.name):
            script = step.get("run", "")
            script = (
                re.sub(r"\s*\n\s*", " ", script)
                if step.get("run", "").startswith("baocao")
                else script
            )
            for line in script.splitlines():
                line = line.strip()
                if line.startswith("baocao "):
                    commands.append(line.split(" || ")[0])
    return commands


def test_workflow_commands_are_real_cli_commands():
    commands = run_commands()
    assert any(c.startswith("baocao check") and "--format github" in c for c in commands)
    assert any(c.startswith("baocao build") for c in commands)
    assert "baocao owners --check" in commands
    parser = build_parser()
    for command in commands:
        words = shlex.split(re.sub(r"\$\{?(\w+)\}?", r"X\1", command))[1:]
        parser.parse_args(words)  # raises SystemExit(2) on an unknown option


def test_actions_are_pinned_and_permissions_are_per_job():
    for path in WORKFLOWS.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["permissions"] == {}
        assert "pull_request_target" not in data[True]  # PyYAML reads `on:` as True
        for job in data["jobs"].values():
            assert "permissions" in job
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


# -- the check step on a sample pull request -------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.vn",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.vn",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env
    ).stdout


@pytest.fixture
def pull_request(tmp_path: Path):
    """A repository with the samples on main; returns (repo, base_sha)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("campaign.yml", "reviews.yml"):
        shutil.copy(ROOT / name, repo / name)
    for name in ("schema", "submissions", ".github"):
        shutil.copytree(ROOT / name, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo, git(repo, "rev-parse", "HEAD").strip()


def run_pr_steps(repo: Path, base: str, author: str, tmp_path: Path) -> tuple[int, str, str]:
    steps = {s.get("name"): s for s in workflow_steps("pull-request.yml")}
    runner_temp = (
        tmp_path / f"runner-{len(list(tmp_path.glob('runner-*')))}"
    )  # a fresh runner per run
    runner_temp.mkdir()
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_STEP_SUMMARY": str(summary),
        "BASE_SHA": base,
        "PR_AUTHOR": author,
    }
    for name in ("Lấy bản gốc của nhánh chính", "Danh sách tệp thay đổi"):
        step = subprocess.run(
            ["bash", "-e", "-c", steps[name]["run"]],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
        )
        assert step.returncode == 0, step.stderr
    check = subprocess.run(
        ["bash", "-e", "-c", steps["Kiểm tra báo cáo đã sửa và quyền sửa"]["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in check.stderr
    return check.returncode, check.stdout, summary.read_text(encoding="utf-8")


def test_pr_with_an_error_is_annotated_and_summarised(pull_request, tmp_path):
    repo, base = pull_request
    path = repo / "submissions" / "bo-cong-an.md"
    text = path.read_text(encoding="utf-8")
    line = next(
        i
        for i, text_line in enumerate(text.splitlines(), 1)
        if text_line.startswith("ngay_ban_hanh:")
    )
    path.write_text(
        re.sub(r"^ngay_ban_hanh: .*$", "ngay_ban_hanh: 31/02/2024", text, count=1, flags=re.M),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "Bộ Công an sửa ngày")
    code, out, summary = run_pr_steps(repo, base, AGENCY_ACCOUNT, tmp_path)
    assert code == 1
    assert out.splitlines() == [
        f"::error file=submissions/bo-cong-an.md,line={line},title=Ngày không có thật::"
        'Ngày ban hành (ngay_ban_hanh): "31/02/2024" không phải ngày có thật. Sửa lại theo dạng ngày/tháng/năm, ví dụ 03/12/2024.'
    ]
    assert summary.startswith("## ❌ Kiểm tra báo cáo: 1 lỗi, 0 cảnh báo\n")
    assert (
        "| Bộ Công an | `submissions/bo-cong-an.md` | Chưa đạt yêu cầu kiểm tra | 100% |" in summary
    )
    assert "ubnd-ha-noi" not in summary  # only the changed agency is summarised


@pytest.mark.parametrize(
    "target", ["submissions/ubnd-ha-noi.md", "campaign.yml", ".github/workflows/publish.yml"]
)
def test_agency_may_not_touch_others_files_but_secretariat_may(pull_request, tmp_path, target):
    repo, base = pull_request
    with open(repo / target, "a", encoding="utf-8") as handle:
        handle.write("\n# sửa thử\n")
    git(repo, "commit", "-qam", f"sửa {target}")
    code, out, summary = run_pr_steps(repo, base, AGENCY_ACCOUNT, tmp_path)
    assert code == 1
    assert out.startswith(
        f'::error file={target.replace(",", "%2C").replace(":", "%3A")},title=Sửa tệp không thuộc quyền::Tệp "{target}"'
    )
    assert "không thuộc quyền sửa của @nguyenvanmau-bca (Bộ Công an)" in out
    code, out, summary = run_pr_steps(repo, base, SECRETARIAT_ACCOUNT, tmp_path)
    assert code == 0, out
    assert "ownership" not in out


def test_agency_may_change_its_own_report_and_images(pull_request, tmp_path):
    repo, base = pull_request
    (repo / "submissions" / "bo-cong-an").mkdir(exist_ok=True)
    (repo / "submissions" / "bo-cong-an" / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "ảnh")
    code, out, summary = run_pr_steps(repo, base, AGENCY_ACCOUNT, tmp_path)
    assert code == 0, out
    assert out == ""


def test_codeowners_is_generated_and_checked(workspace, capsys):
    from baocao.cli import main

    assert main(["--root", str(workspace), "owners", "--check"]) == 1
    assert "chưa cập nhật" in capsys.readouterr().err
    assert main(["--root", str(workspace), "owners"]) == 0
    text = (workspace / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/submissions/bo-cong-an.md @baocao-319/bo-cong-an @baocao-319/ban-thu-ky" in text
    assert text.splitlines()[2] == "* @baocao-319/ban-thu-ky"
    assert main(["--root", str(workspace), "owners", "--check"]) == 0
    assert (ROOT / ".github" / "CODEOWNERS").read_text(
        encoding="utf-8"
    ) == text  # the committed file is current


def test_a_rename_cannot_hide_a_deleted_report(pull_request, tmp_path):
    """Moving another agency's report into one's own folder shows as a deletion of that report."""
    repo, base = pull_request
    (repo / "submissions" / "bo-cong-an").mkdir(exist_ok=True)
    git(repo, "mv", "submissions/ubnd-ha-noi.md", "submissions/bo-cong-an/ghi-chu.md")
    git(repo, "commit", "-qm", "đổi tên")
    code, out, summary = run_pr_steps(repo, base, AGENCY_ACCOUNT, tmp_path)
    assert code == 1
    assert "file=submissions/ubnd-ha-noi.md,title=Sửa tệp không thuộc quyền" in out


def test_ownership_rules_come_from_main_not_from_the_pull_request(pull_request, tmp_path):
    """Adding oneself to the secretariat in the pull request's campaign.yml grants nothing."""
    repo, base = pull_request
    campaign = repo / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace(
            "secretariat_accounts: ['@lethechinh-bcd319']",
            f"secretariat_accounts: ['@lethechinh-bcd319', '@{AGENCY_ACCOUNT}']",
        ),
        encoding="utf-8",
    )
    with open(repo / "submissions" / "ubnd-ha-noi.md", "a", encoding="utf-8") as handle:
        handle.write("\nSửa báo cáo của Hà Nội.\n")
    git(repo, "commit", "-qam", "tự thêm quyền")
    code, out, summary = run_pr_steps(repo, base, AGENCY_ACCOUNT, tmp_path)
    assert code == 1
    assert (
        "file=campaign.yml,title=Sửa tệp không thuộc quyền" in out
        and "file=submissions/ubnd-ha-noi.md,title=Sửa tệp không thuộc quyền" in out
    )


def test_pr_uploading_a_word_report(pull_request, tmp_path):
    """An agency replaces its Markdown report with a Word file, as "Upload files" would."""
    sys.path.insert(0, str(ROOT / "tests"))
    from baocao.campaign import load_campaign
    from wordmaker import word_report

    repo, base = pull_request
    git(repo, "rm", "-q", "submissions/bo-cong-an.md")
    word_report(
        load_campaign(repo),
        "bo-cong-an",
        repo / "submissions" / "bo-cong-an.docx",
        extra={0: ["# Mục tự đặt"]},
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Tải lên báo cáo Word")
    code, out, summary = run_pr_steps(repo, base, AGENCY_ACCOUNT, tmp_path)
    assert code == 0, out
    assert out.splitlines() == [
        "::warning file=submissions/bo-cong-an.docx,title=Tiêu đề::"
        'Phần 1, mục I.1, tiêu đề "Mục tự đặt": Tiêu đề "Mục tự đặt" không khớp mục nào trong đề cương của cơ quan. '
        'Nội dung dưới tiêu đề này được tính vào mục "1. Tình hình quán triệt và tổ chức thực hiện Quyết định số 319/QĐ-TTg ngày 29/3/2023 của…".'
    ]
    assert "| Bộ Công an | `submissions/bo-cong-an.docx` | Đúng hạn | 100% |" in summary
    assert "Mục tự đặt" in summary  # the problem with its place
    assert (
        "<details><summary>Nội dung tệp Word bo-cong-an.docx (chuyển thành văn bản)</summary>"
        in summary
    )
    assert "[Đã viết] PHẦN 1. KẾT QUẢ THỰC HIỆN ĐỀ ÁN" in summary
    code, out, summary = run_pr_steps(repo, base, "@someone-else", tmp_path)
    assert code == 1
