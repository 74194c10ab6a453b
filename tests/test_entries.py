"""Issue 16 item 3: links, devices, FIFOs, sockets and submodules under submissions/ are
refused by the full check, by a pull request's check, by load_round (so by the site and the
DOCX) and by the importer, with a Vietnamese message naming the path; never followed, never
read without bound, never waited on."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from baocao.entries import EntryError, read_regular
from baocao.workspace import load_round

ACCEPTANCE = Path(__file__).parent / "acceptance"
COMPLETE = ACCEPTANCE / "valid" / "complete" / "submissions" / "hoi-bao-ve-nguoi-tieu-dung.md"
ROOT = Path(__file__).resolve().parents[1]
AGENCY = "hoi-bao-ve-nguoi-tieu-dung"
AUTHOR = f"@baocao-319/{AGENCY}"
REPORT = f"submissions/{AGENCY}.md"

LINK = "{path} là liên kết (symlink), không phải tệp thật. Trong thư mục submissions/ không được có liên kết: hãy xóa liên kết và chép chính tệp vào chỗ đó."
SPECIAL = "{path} là {kind}, không phải tệp thường. Trong thư mục submissions/ chỉ được có tệp và thư mục thường: hãy xóa {path}."
SUBMODULE = "{path} là một kho git con (submodule). Trong thư mục submissions/ chỉ được có tệp và thư mục thường: hãy bỏ kho git con (`git rm --cached {path}`) rồi chép chính các tệp vào đây."


def baocao(workspace: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The command as CI runs it; the timeout only keeps a FIFO from hanging the suite."""
    return subprocess.run(
        [sys.executable, "-m", "baocao", "--root", str(workspace), *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def pr_check(workspace: Path, *changed: str) -> subprocess.CompletedProcess:
    return baocao(
        workspace,
        "check",
        "--today",
        "2025-01-10",
        "--changed-list",
        "-",
        "--author",
        AUTHOR,
        stdin="\n".join(changed) + "\n",
    )


def full_check(workspace: Path, *paths: str) -> subprocess.CompletedProcess:
    return baocao(workspace, "check", "--today", "2025-01-10", *paths)


def refused(run: subprocess.CompletedProcess, where: str, message: str) -> None:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{where}: lỗi: {message}" in run.stdout.splitlines()


@pytest.fixture
def other_agency(workspace: Path) -> Path:
    """A valid report of another agency beside the one under test."""
    shutil.copy(ROOT / "submissions" / "bo-tai-chinh.md", workspace / "submissions")
    return workspace / "submissions" / "bo-tai-chinh.md"


def test_link_to_dev_zero_is_refused_by_every_check(workspace):
    (workspace / REPORT).symlink_to("/dev/zero")
    message = LINK.format(path=REPORT)
    refused(full_check(workspace), REPORT, message)
    refused(full_check(workspace, str(workspace / REPORT)), REPORT, message)
    refused(pr_check(workspace, REPORT), REPORT, message)


def test_link_to_another_agencys_report_is_refused(workspace, other_agency):
    (workspace / REPORT).symlink_to(other_agency.name)
    message = LINK.format(path=REPORT)
    refused(pr_check(workspace, REPORT), REPORT, message)
    refused(full_check(workspace, str(workspace / REPORT)), REPORT, message)
    refused(full_check(workspace), REPORT, message)


def test_link_to_a_file_outside_the_repository_is_refused(workspace, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "bao-cao.md"
    shutil.copy(COMPLETE, outside)
    (workspace / REPORT).symlink_to(outside)
    message = LINK.format(path=REPORT)
    refused(pr_check(workspace, REPORT), REPORT, message)
    refused(full_check(workspace), REPORT, message)
    rnd = load_round(workspace)
    assert not rnd.report(AGENCY).usable  # so neither the site nor the DOCX shows it


def test_fifo_is_refused_without_waiting(workspace):
    os.mkfifo(workspace / REPORT)
    message = SPECIAL.format(path=REPORT, kind="đường ống (FIFO)")
    refused(full_check(workspace), REPORT, message)
    refused(pr_check(workspace, REPORT), REPORT, message)


def test_a_word_report_that_is_a_link_or_a_fifo_is_refused_once(workspace):
    """A `.docx` report is read like a `.md` one: never through a link, never blocking."""
    word = f"submissions/{AGENCY}.docx"
    (workspace / word).symlink_to("/dev/zero")
    os.mkfifo(workspace / "submissions" / "bo-tai-chinh.docx")
    run = full_check(workspace)
    refused(run, word, LINK.format(path=word))
    fifo = "submissions/bo-tai-chinh.docx"
    refused(run, fifo, SPECIAL.format(path=fifo, kind="đường ống (FIFO)"))
    assert sum(line.startswith(f"{word}: lỗi:") for line in run.stdout.splitlines()) == 1
    assert sum(line.startswith(f"{fifo}: lỗi:") for line in run.stdout.splitlines()) == 1
    refused(pr_check(workspace, word), word, LINK.format(path=word))


def test_linked_folder_is_refused_and_nothing_is_read_through_it(workspace, tmp_path_factory):
    shutil.copy(COMPLETE, workspace / REPORT)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "anh.png").write_bytes(b"not read")
    (workspace / "submissions" / AGENCY).symlink_to(elsewhere)
    folder = f"submissions/{AGENCY}"
    message = LINK.format(path=folder)
    refused(full_check(workspace), folder, message)
    refused(pr_check(workspace, f"{folder}/anh.png"), folder, message)
    rnd = load_round(workspace)
    assert not rnd.report(AGENCY).usable
    assert [p.code for p in rnd.report(AGENCY).problems if p.file == folder] == ["entry-symlink"]


def test_link_inside_the_folder_is_refused(workspace, other_agency):
    shutil.copy(COMPLETE, workspace / REPORT)
    (workspace / "submissions" / AGENCY).mkdir()
    (workspace / "submissions" / AGENCY / "anh.png").symlink_to(other_agency)
    path = f"submissions/{AGENCY}/anh.png"
    refused(full_check(workspace), path, LINK.format(path=path))
    refused(full_check(workspace, str(workspace / REPORT)), path, LINK.format(path=path))
    refused(pr_check(workspace, REPORT, path), path, LINK.format(path=path))


def test_submodule_is_refused(workspace):
    shutil.copy(COMPLETE, workspace / REPORT)
    module = workspace / "submissions" / AGENCY / "kho"
    module.mkdir(parents=True)
    (module / ".git").write_text("gitdir: ../../../.git/modules/kho\n")
    (module / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = f"submissions/{AGENCY}/kho"
    refused(full_check(workspace), path, SUBMODULE.format(path=path))
    refused(pr_check(workspace, path), path, SUBMODULE.format(path=path))


def test_submodule_not_checked_out_is_refused_in_a_pull_request(workspace):
    """A gitlink is listed by `git diff` as a path that the checkout makes an empty folder."""
    shutil.copy(COMPLETE, workspace / REPORT)
    (workspace / "submissions" / AGENCY / "kho").mkdir(parents=True)
    path = f"submissions/{AGENCY}/kho"
    refused(pr_check(workspace, path), path, SUBMODULE.format(path=path))


def test_socket_is_refused(workspace):
    shutil.copy(COMPLETE, workspace / REPORT)
    (workspace / "submissions" / AGENCY).mkdir()
    path = f"submissions/{AGENCY}/s.png"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(workspace / path))
        refused(full_check(workspace), path, SPECIAL.format(path=path, kind="socket"))
    finally:
        server.close()


def test_read_regular_never_follows_blocks_or_reads_past_its_bound(tmp_path):
    (tmp_path / "link").symlink_to("/dev/zero")
    with pytest.raises(EntryError) as error:
        read_regular(tmp_path / "link", 10)
    assert error.value.code == "entry-symlink"
    with pytest.raises(EntryError) as error:
        read_regular(Path("/dev/zero"), 10)
    assert error.value.message("x") == SPECIAL.format(path="x", kind="tệp thiết bị")
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(EntryError) as error:
        read_regular(tmp_path / "fifo", 10)
    assert error.value.code == "entry-special"
    (tmp_path / "big").write_bytes(b"x" * 11)
    with pytest.raises(EntryError) as error:
        read_regular(tmp_path / "big", 10)
    assert error.value.values == {"size": 11, "limit": 10}
    assert read_regular(tmp_path / "big", 11) == b"x" * 11


def test_import_never_writes_through_a_link(workspace, tmp_path_factory):
    from baocao.errors import ImportFailure
    from baocao.importer import run_import

    docx = pytest.importorskip("docx")
    source = tmp_path_factory.mktemp("src") / "bao-cao.docx"
    document = docx.Document()
    document.add_paragraph("Báo cáo")
    document.save(source)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (workspace / "submissions" / AGENCY).symlink_to(elsewhere)
    run = baocao(workspace, "import", str(source), "--agency", AGENCY)
    folder = f"submissions/{AGENCY}"
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr == f"lỗi: {LINK.format(path=folder)}\n"
    assert not (workspace / REPORT).exists() and list(elsewhere.iterdir()) == []
    (workspace / "submissions" / AGENCY).unlink()
    (workspace / REPORT).symlink_to(elsewhere / "x.md")
    with pytest.raises(ImportFailure) as error:
        run_import(workspace, source, AGENCY, force=True)
    assert str(error.value) == LINK.format(path=REPORT)
    assert list(elsewhere.iterdir()) == []


def test_linked_submissions_folder_is_refused_and_not_read(workspace, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    shutil.copy(COMPLETE, elsewhere / f"{AGENCY}.md")
    shutil.rmtree(workspace / "submissions")
    (workspace / "submissions").symlink_to(elsewhere)
    refused(full_check(workspace), "submissions", LINK.format(path="submissions"))
    refused(pr_check(workspace, REPORT), "submissions", LINK.format(path="submissions"))
    assert load_round(workspace).report(AGENCY).submission is None
