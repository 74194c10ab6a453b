"""Acceptance cases: folders of valid and invalid submissions, discovered by the tests.

Each case is `tests/acceptance/{valid,invalid}/<case>/submissions/*.md` (plus, optionally,
`bytes/*.b64` for files that must hold bytes a text editor would mangle) and `expected.txt`,
the exact problem lines `baocao check` prints. Set BAOCAO_UPDATE_GOLDEN=1 to rewrite them
(then review the diff before committing).
"""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path

import pytest

from baocao.cli import main

HERE = Path(__file__).parent / "acceptance"
CASES = sorted(p for kind in ("valid", "invalid") for p in (HERE / kind).iterdir() if p.is_dir())


def materialise(case: Path, workspace: Path) -> None:
    src = case / "submissions"
    if src.is_dir():
        shutil.copytree(src, workspace / "submissions", dirs_exist_ok=True)
    for encoded in sorted((case / "bytes").glob("*.b64")) if (case / "bytes").is_dir() else []:
        (workspace / "submissions" / encoded.stem).write_bytes(
            base64.b64decode(encoded.read_text())
        )


def run_check(workspace: Path, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["--root", str(workspace), "check", "--today", "2025-01-10", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("submissions/")]


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_acceptance_case(case: Path, workspace: Path, capsys):
    materialise(case, workspace)
    code, out, err = run_check(workspace, capsys)
    assert "Traceback" not in out + err
    lines = problem_lines(out)
    expected_file = case / "expected.txt"
    if os.environ.get("BAOCAO_UPDATE_GOLDEN"):
        expected_file.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    expected = (
        expected_file.read_text(encoding="utf-8").splitlines() if expected_file.exists() else []
    )
    assert lines == expected
    if case.parent.name == "valid":
        assert code == 0, out
    else:
        assert code == 1, out
        assert any(": lỗi: " in line for line in lines)
