"""Which changed files an author may change: the list of changed files as git writes it."""

from __future__ import annotations

import os
import subprocess
import sys

from baocao.cli import main

OWN = ["submissions/bo-cong-an/ảnh 1.png", "submissions/bo-cong-an/Phụ lục số liệu (2024).png"]
AGENCY = "@nguyenvanmau-bca"  # bo-cong-an's account in campaign.yml


def test_nul_separated_list_keeps_names_exactly():
    from baocao.ownership import read_changed_list

    data = "\0".join([*OWN, " lề .png", "campaign.yml"]).encode() + b"\0"
    assert read_changed_list(data) == [*OWN, " lề .png", "campaign.yml"]


def test_names_git_quoted_are_decoded():
    from baocao.ownership import read_changed_list

    quoted = b'"submissions/bo-cong-an/\\341\\272\\243nh 1.png"\n"a\\"b\\\\c\\td"\nREADME.md\n'
    assert read_changed_list(quoted) == [
        "submissions/bo-cong-an/ảnh 1.png",
        'a"b\\c\td',
        "README.md",
    ]
    assert read_changed_list(b"\xff.png\n") == ["\ufffd.png"]


def check(workspace, listing: bytes, capsys) -> tuple[int, str]:
    path = workspace / "changed.txt"
    path.write_bytes(listing)
    code = main(
        [
            "--root",
            str(workspace),
            "check",
            "--changed-list",
            str(path),
            "--author",
            AGENCY,
            "--format",
            "github",
        ]
    )
    return code, capsys.readouterr().out


def git_listings(tmp_path) -> tuple[bytes, bytes]:
    """What `git diff --name-only` writes for a commit adding OWN: NUL-separated, and plain."""
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.vn", "GIT_COMMITTER_NAME": "t"}
    env |= {
        "GIT_COMMITTER_EMAIL": "t@example.vn",
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
    }

    def git(*args: str) -> bytes:
        return subprocess.run(
            ["git", *args], cwd=repo, env=env, check=True, capture_output=True
        ).stdout

    git("init", "-q")
    git("commit", "-q", "--allow-empty", "-m", "base")
    for name in OWN:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(b"x")
    git("add", "-A")
    git("commit", "-qm", "ảnh")
    return git("diff", "-z", "--name-only", "HEAD~", "HEAD"), git(
        "diff", "--name-only", "HEAD~", "HEAD"
    )


def test_vietnamese_and_spaced_names_in_own_folder_pass(workspace, tmp_path, capsys):
    """16.7: as `git diff -z --name-only` and as plain `git diff --name-only` (quoted) list them."""
    nul, plain = git_listings(tmp_path)
    assert plain.startswith(b'"submissions/bo-cong-an/')  # git quotes these names
    for listing in (nul, plain):
        assert check(workspace, listing, capsys) == (0, "")


def test_a_foreign_file_in_a_nul_list_is_refused(workspace, capsys):
    code, out = check(workspace, ("\0".join([*OWN, "campaign.yml"]) + "\0").encode(), capsys)
    assert code == 1
    assert out.startswith("::error file=campaign.yml,title=Sửa tệp không thuộc quyền::")


def test_changed_list_from_standard_input(workspace):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "baocao",
            "--root",
            str(workspace),
            "check",
            "--changed-list",
            "-",
            "--author",
            AGENCY,
        ],
        input="\0".join([*OWN, "schema/x.json"]).encode(),
        capture_output=True,
    )
    assert run.returncode == 1
    assert 'Tệp "schema/x.json"' in run.stdout.decode()
