"""The GitHub workflows: linted, and their check step run on a sample pull request."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.parse
import zipfile
from pathlib import Path

import lxml.html
import pytest
import yaml

from actions_runner import Annotation, JobResult, run_job
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
            script = re.sub(r"\\\n\s*", "", step.get("run", ""))  # continued lines
            script = re.sub(r"\s*\n\s*", " ", script) if script.startswith("baocao") else script
            for line in script.splitlines():
                line = line.strip()
                if line.startswith("baocao "):
                    commands.append(re.split(r" \|\| | [12]?> ", line)[0])
    return commands


def test_workflow_commands_are_real_cli_commands():
    commands = [re.sub(r'^baocao --root "[^"]+" ', "baocao ", c) for c in run_commands()]
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


# -- the pull request job, run on simulated pull requests ---------------------------------------
# tests/actions_runner.py runs the job's steps in order as a GitHub runner would, its `uses:`
# steps replaced by local equivalents (its docstring says which, and how pip is made fast).

PR_JOB = WORKFLOWS / "pull-request.yml"
CHECK_STEP = "Kiểm tra báo cáo đã sửa và quyền sửa"
OWNERSHIP = "Sửa tệp không thuộc quyền"  # the annotation's title


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


class PullRequest:
    """A repository whose main is this project, and a pull request branch on top of it."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.repo = tmp_path / "repo"
        files = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        for name in filter(None, files.split("\0")):
            source = ROOT / name
            if source.is_file() and not source.is_symlink():
                (self.repo / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, self.repo / name)
        git(self.repo, "init", "-q", "-b", "main")
        git(self.repo, "add", "-A")
        git(self.repo, "commit", "-qm", "base")
        self.base = git(self.repo, "rev-parse", "HEAD").strip()
        git(self.repo, "checkout", "-qb", "sua-bao-cao")
        self.runs = 0

    def path(self, name: str) -> Path:
        return self.repo / name

    def write(self, name: str, content: str | bytes) -> None:
        path = self.repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def commit(self, message: str = "sửa") -> str:
        git(self.repo, "add", "-A")
        git(self.repo, "commit", "-qm", message)
        return git(self.repo, "rev-parse", "HEAD").strip()

    def run(self, author: str, *, until: str | None = None) -> JobResult:
        head = git(self.repo, "rev-parse", "HEAD").strip()
        event = {
            "number": 7,
            "pull_request": {
                "number": 7,
                "base": {"sha": self.base, "ref": "main"},
                "head": {"sha": head, "ref": "sua-bao-cao"},
                "user": {"login": author},
            },
        }
        self.runs += 1
        self.last_home = self.tmp_path / f"runner-{self.runs}"  # a fresh runner for each run
        return run_job(self.last_home, self.repo, PR_JOB, "check", event, head, until=until)


@pytest.fixture
def pull_request(tmp_path: Path) -> PullRequest:
    return PullRequest(tmp_path)


def check_step(pr: PullRequest, author: str) -> tuple[str, list[Annotation], str]:
    """Run the job up to the check step: its outcome, annotations and job summary."""
    result = pr.run(author, until=CHECK_STEP)
    for step in result.steps[:-1]:
        assert step.outcome == "success", (step.name, step.stdout, step.stderr)
    step = result.step(CHECK_STEP)
    assert "Traceback" not in step.stderr, step.stderr
    return step.outcome, result.annotations, result.summary


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def site_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.html"))


NEW_SENTENCE = "Bộ Công an bổ sung số liệu quý IV theo yêu cầu gộp thử."
SECTION_LINE = "### 2. Công tác kiểm tra, đôn đốc thực hiện Quyết định số 319/QĐ-TTg."


def add_sentence(pr: PullRequest, extra: str = "") -> None:
    path = pr.path("submissions/bo-cong-an.md")
    text = path.read_text(encoding="utf-8")
    assert SECTION_LINE in text
    path.write_text(
        text.replace(SECTION_LINE, f"{SECTION_LINE}\n\n{NEW_SENTENCE}{extra}", 1),
        encoding="utf-8",
    )


@pytest.fixture
def markers(tmp_path: Path) -> Path:
    folder = tmp_path / "markers"
    folder.mkdir()
    return folder


def marker(markers: Path, name: str) -> str:
    """Python code that leaves a file named name in markers when it runs."""
    return f"open({str(markers / name)!r}, 'w').close()\n"


def refused_files(result: JobResult) -> list[str]:
    return sorted(
        a.properties["file"] for a in result.annotations if a.properties.get("title") == OWNERSHIP
    )


def test_a_pip_package_in_the_pull_request_does_not_run(pull_request, markers):
    """16.1: `python -m pip` started in the checkout would import the pull request's pip/."""
    pr = pull_request
    pr.write("pip/__init__.py", marker(markers, "pip-init"))
    pr.write("pip/__main__.py", marker(markers, "pip-main") + "raise SystemExit(0)\n")
    add_sentence(pr)
    pr.commit("thêm pip")

    result = pr.run(AGENCY_ACCOUNT, until=CHECK_STEP)

    assert sorted(p.name for p in markers.iterdir()) == []
    assert result.step("Cài đặt baocao từ bản gốc").outcome == "success"
    assert result.step(CHECK_STEP).outcome == "failure"  # the base's checker judged it
    assert refused_files(result) == ["pip/__init__.py", "pip/__main__.py"]


@pytest.mark.slow
def test_an_mkdocs_hook_in_the_pull_request_does_not_run(pull_request, markers):
    """16.1: the site is built with the base's mkdocs.yml (a `hooks:` entry pointing into the
    agency's folder), docs and code, over the pull request's reports; so is the DOCX."""
    pr = pull_request
    pr.write("submissions/bo-cong-an/hook.py", marker(markers, "mkdocs-hook"))
    config = pr.path("mkdocs.yml").read_text(encoding="utf-8")
    pr.write("mkdocs.yml", config + "hooks:\n  - submissions/bo-cong-an/hook.py\n")
    package = pr.path("scripts/baocao/__init__.py")
    pr.write("scripts/baocao/__init__.py", marker(markers, "patched-baocao") + package.read_text())
    add_sentence(pr)
    pr.commit("thêm hook")

    result = pr.run(AGENCY_ACCOUNT)

    assert sorted(p.name for p in markers.iterdir()) == []
    assert result.step(CHECK_STEP).outcome == "failure"
    assert refused_files(result) == ["mkdocs.yml", "scripts/baocao/__init__.py"]
    assert {a.step for a in result.annotations} == {CHECK_STEP}
    # the steps after a failed check still build the outputs, with the base's configuration
    for name in (
        "CODEOWNERS khớp với campaign.yml",
        "Dựng trang web (mkdocs build --strict)",
        "Dựng báo cáo DOCX tổng hợp",
        "Tải lên trang web để xem trước",
        "Tải lên báo cáo DOCX",
    ):
        assert result.step(name).outcome == "success", result.step(name).stderr
    site = result.artifacts["trang-web"]
    assert (site / "index.html").is_file() and not site.is_symlink()
    assert NEW_SENTENCE in site_text(site)
    assert NEW_SENTENCE in docx_text(result.artifacts["bao-cao-tong-hop"])


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A PNG of one colour, distinct from every sample image."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_report_with_vietnamese_and_spaced_file_names_passes(pull_request):
    """16.7: `submissions/bo-cong-an/ảnh 1.png` is the agency's own file, not a quoted name; it
    passes the check and reaches the site and the DOCX."""
    pr = pull_request
    image = png(4, 3, (200, 30, 30))
    pr.write("submissions/bo-cong-an/ảnh 1.png", image)
    pr.write("submissions/bo-cong-an/Phụ lục số liệu.png", image)
    add_sentence(pr, "\n\n![Ảnh kiểm tra](<bo-cong-an/ảnh 1.png>)")
    pr.commit("ảnh")

    result = pr.run(AGENCY_ACCOUNT)

    assert result.succeeded, [
        (s.name, s.stdout, s.stderr) for s in result.steps if s.outcome == "failure"
    ]
    assert result.annotations == []
    assert "## ✅ Kiểm tra báo cáo: 0 lỗi" in result.summary
    build = result.step("Dựng trang web (mkdocs build --strict)")
    assert "MkDocs 2.0" not in build.stdout + build.stderr  # Material's notice, in English
    site = result.artifacts["trang-web"]
    assert NEW_SENTENCE in site_text(site)
    page = site / "co-quan" / "bo-cong-an" / "index.html"
    img = lxml.html.parse(str(page)).xpath("//img[@alt='Ảnh kiểm tra']")[0]
    shown = (page.parent / urllib.parse.unquote(img.get("src"))).resolve()
    assert shown.name == "ảnh 1.png" and shown.read_bytes() == image
    docx_path = result.artifacts["bao-cao-tong-hop"]
    assert NEW_SENTENCE in docx_text(docx_path)
    with zipfile.ZipFile(docx_path) as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert image in media


def test_pr_with_an_error_is_annotated_and_summarised(pull_request):
    pr = pull_request
    path = pr.path("submissions/bo-cong-an.md")
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
    pr.commit("Bộ Công an sửa ngày")
    outcome, annotations, summary = check_step(pr, AGENCY_ACCOUNT)
    assert outcome == "failure"
    assert [(a.level, a.properties, a.message) for a in annotations] == [
        (
            "error",
            {
                "file": "submissions/bo-cong-an.md",
                "line": str(line),
                "title": "Ngày không có thật",
            },
            'Ngày ban hành (ngay_ban_hanh): "31/02/2024" không phải ngày có thật. Sửa lại theo dạng ngày/tháng/năm, ví dụ 03/12/2024.',
        )
    ]
    assert summary.startswith("## ❌ Kiểm tra báo cáo: 1 lỗi, 0 cảnh báo\n")
    assert (
        "| Bộ Công an | `submissions/bo-cong-an.md` | Chưa đạt yêu cầu kiểm tra | 100% |" in summary
    )
    assert "ubnd-ha-noi" not in summary  # only the changed agency is summarised


HOSTILE_HEADING = (
    "#### </details> … [Bấm để sửa lỗi](https://evil.example) a@evil.example www.evil.example"
)


def test_report_text_cannot_forge_the_summary(pull_request):
    """16.9: a heading that closes <details> and adds links shows as text in the job summary,
    rendered as GitHub renders Markdown."""
    pr = pull_request
    path = pr.path("submissions/bo-cong-an.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(SECTION_LINE, f"{SECTION_LINE}\n\n{HOSTILE_HEADING}\n\nChữ.", 1),
        encoding="utf-8",
    )
    pr.commit("tiêu đề lạ")

    result = pr.run(AGENCY_ACCOUNT, until=CHECK_STEP)

    assert {a.properties["file"] for a in result.annotations} == {"submissions/bo-cong-an.md"}
    unknown = next(a for a in result.annotations if a.message.startswith('Tiêu đề "'))
    quoted = re.match(r'Tiêu đề "(.*)" không khớp', unknown.message).group(1)
    assert quoted.startswith("</details> … [Bấm để sửa lỗi](https://evil.example) a@evil.example")
    rendered = render_gfm(result.summary)
    assert f'Tiêu đề "{quoted}" không khớp' in rendered.text_content()
    assert rendered.xpath("//a | //img") == []
    assert len(rendered.xpath("//details")) == result.summary.count("<details>") == 1
    assert "</details>" not in result.summary.split("<li>", 1)[1].split("</ul>")[0]


def test_file_names_and_files_of_the_pull_request_cannot_forge_a_workflow_command(pull_request):
    """The changed files' names are listed in the log, and `owners --check` reads the pull
    request's campaign.yml and schema/ (its errors quote them): none of it may be read as a
    workflow command, `::error` at the start of a line or `##[error]` anywhere in one."""
    pr = pull_request
    pr.write("::error file=submissions/ubnd-ha-noi.md::GIẢ MẠO 1", "x")
    pr.write("ghi chú ##[warning]GIẢ MẠO 2", "x")
    schema = json.loads(pr.path("schema/campaign.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["gia_mao"] = {"$ref": "#/khong-co\n::error::GIẢ MẠO 3"}
    pr.write("schema/campaign.schema.json", json.dumps(schema))
    pr.commit("tên tệp lạ")
    result = pr.run(SECRETARIAT_ACCOUNT, until="CODEOWNERS khớp với campaign.yml")
    assert "GIẢ MẠO 1" in result.step("Danh sách tệp thay đổi").stdout  # still listed
    assert "GIẢ MẠO 3" in result.step("CODEOWNERS khớp với campaign.yml").stderr
    assert [a.message for a in result.annotations if a.message.startswith("GIẢ MẠO")] == []


def render_gfm(markdown: str):
    """The summary as GitHub renders Markdown (cmark-gfm, raw HTML kept), parsed."""
    import cmarkgfm
    import lxml.html
    from cmarkgfm.cmark import Options

    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_agency_may_not_touch_others_files_but_secretariat_may(pull_request):
    pr = pull_request
    targets = ["submissions/ubnd-ha-noi.md", "campaign.yml", ".github/workflows/publish.yml"]
    for target in targets:
        with open(pr.path(target), "a", encoding="utf-8") as handle:
            handle.write("\n# sửa thử\n")
    pr.commit("sửa tệp của người khác")
    outcome, annotations, summary = check_step(pr, AGENCY_ACCOUNT)
    assert outcome == "failure"
    refused = [a for a in annotations if a.properties["title"] == OWNERSHIP]
    assert sorted(a.properties["file"] for a in refused) == sorted(targets)
    for a in refused:
        assert (a.level, a.properties) == (
            "error",
            {"file": a.properties["file"], "title": OWNERSHIP},
        )
        assert a.message.startswith(f'Tệp "{a.properties["file"]}"')
        assert "không thuộc quyền sửa của @nguyenvanmau-bca (Bộ Công an)" in a.message
    outcome, annotations, summary = check_step(pr, SECRETARIAT_ACCOUNT)
    assert outcome == "success", annotations
    assert all(a.properties.get("title") != OWNERSHIP for a in annotations)


def test_links_in_submissions_reach_the_workspace_as_links(pull_request):
    """The step that lays the pull request's submissions/ over the base follows no link."""
    pr = pull_request
    folder = pr.path("submissions/bo-cong-an")
    folder.mkdir()
    (folder / "mat-khau.txt").symlink_to("/etc/passwd")
    (folder / "goc").symlink_to("../..")
    pr.commit("liên kết")
    pr.run(AGENCY_ACCOUNT, until="Chép báo cáo của yêu cầu gộp vào bản gốc")
    copied = pr.last_home / "temp" / "workspace" / "submissions" / "bo-cong-an"
    assert os.readlink(copied / "mat-khau.txt") == "/etc/passwd"
    assert os.readlink(copied / "goc") == "../.."


def test_submissions_as_a_link_stops_the_job_before_anything_reads_it(pull_request):
    pr = pull_request
    git(pr.repo, "rm", "-rq", "submissions")
    pr.path("submissions").symlink_to("/etc")
    pr.commit("thư mục là liên kết")
    result = pr.run(AGENCY_ACCOUNT)
    assert result.step("Chép báo cáo của yêu cầu gộp vào bản gốc").outcome == "failure"
    assert [a.message for a in result.annotations] == [
        "submissions/ phải là một thư mục, không phải tệp hay liên kết (symlink)."
    ]
    after = result.steps[
        [s.name for s in result.steps].index("Chép báo cáo của yêu cầu gộp vào bản gốc") + 1 :
    ]
    outcomes = {s.name: s.outcome for s in after}
    assert outcomes.pop("CODEOWNERS khớp với campaign.yml") == "success"  # reads data only
    assert set(outcomes.values()) == {"skipped"}
    assert result.artifacts == {}


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


def test_a_rename_cannot_hide_a_deleted_report(pull_request):
    """Moving another agency's report into one's own folder shows as a deletion of that report."""
    pr = pull_request
    pr.path("submissions/bo-cong-an").mkdir(exist_ok=True)
    git(pr.repo, "mv", "submissions/ubnd-ha-noi.md", "submissions/bo-cong-an/ghi-chu.md")
    pr.commit("đổi tên")
    outcome, annotations, summary = check_step(pr, AGENCY_ACCOUNT)
    assert outcome == "failure"
    assert {"file": "submissions/ubnd-ha-noi.md", "title": OWNERSHIP} in [
        a.properties for a in annotations
    ]


def test_ownership_rules_come_from_main_not_from_the_pull_request(pull_request):
    """Adding oneself to the secretariat in the pull request's campaign.yml grants nothing."""
    pr = pull_request
    campaign = pr.path("campaign.yml")
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace(
            "secretariat_accounts: ['@lethechinh-bcd319']",
            f"secretariat_accounts: ['@lethechinh-bcd319', '@{AGENCY_ACCOUNT}']",
        ),
        encoding="utf-8",
    )
    with open(pr.path("submissions/ubnd-ha-noi.md"), "a", encoding="utf-8") as handle:
        handle.write("\nSửa báo cáo của Hà Nội.\n")
    pr.commit("tự thêm quyền")
    outcome, annotations, summary = check_step(pr, AGENCY_ACCOUNT)
    assert outcome == "failure"
    refused = {a.properties["file"] for a in annotations if a.properties["title"] == OWNERSHIP}
    assert refused == {"campaign.yml", "submissions/ubnd-ha-noi.md"}


def test_pr_uploading_a_word_report(pull_request):
    """An agency replaces its Markdown report with a Word file, as "Upload files" would."""
    sys.path.insert(0, str(ROOT / "tests"))
    from baocao.campaign import load_campaign
    from wordmaker import word_report

    pr = pull_request
    pr.path("submissions/bo-cong-an.md").unlink()
    word_report(
        load_campaign(pr.repo),
        "bo-cong-an",
        pr.path("submissions/bo-cong-an.docx"),
        extra={0: ["# Mục tự đặt"]},
    )
    pr.commit("Tải lên báo cáo Word")
    outcome, annotations, summary = check_step(pr, AGENCY_ACCOUNT)
    assert outcome == "success"
    assert [(a.level, a.properties["file"], a.properties["title"]) for a in annotations] == [
        ("warning", "submissions/bo-cong-an.docx", "Tiêu đề")
    ]
    assert annotations[0].message.startswith(
        'Phần 1, mục I.1, tiêu đề "Mục tự đặt": Tiêu đề "Mục tự đặt" không khớp mục nào'
    )
    assert "| Bộ Công an | `submissions/bo-cong-an.docx` | Đúng hạn | 100% |" in summary
    assert "Mục tự đặt" in summary  # the problem with its place
    assert (
        "<details><summary>Nội dung tệp Word bo-cong-an.docx (chuyển thành văn bản)</summary>"
        in summary
    )
    assert "[Đã viết] PHẦN 1. KẾT QUẢ THỰC HIỆN ĐỀ ÁN" in summary
    outcome, annotations, summary = check_step(pr, "@someone-else")
    assert outcome == "failure"
