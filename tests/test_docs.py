"""Docs that cannot rot: README commands, CLI commands documented, field reference from the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from baocao.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Bắt đầu nhanh", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick)


def test_quick_start_is_exactly_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("baocao build")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in script.splitlines()


def test_every_cli_command_is_documented(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ["", *COMMANDS]:
        assert f"`baocao {name}" in readme, name
        with pytest.raises(SystemExit):
            main([name, "--help"] if name else ["--help"])
        shown = capsys.readouterr().out
        description = shown.split("\n\n")[1]
        assert not description.startswith(("tham số:", "tùy chọn:")), name
        # what to type after an option is named in Vietnamese (argparse's default: "--today TODAY")
        for option, value in re.findall(r"(--[a-z-]+) ([A-Z][A-Z_]+)\b", shown):
            assert option.strip("-").upper().replace("-", "_") != value, (name, option)


def test_field_reference_matches_the_schema(capsys):
    assert main(["--root", str(ROOT), "fields", "--check"]) == 0
    page = (ROOT / "docs" / "huong-dan" / "cac-truong-thong-tin.md").read_text(encoding="utf-8")
    for field in ("co_quan", "so_lieu[].tien_phat", "van_ban[].trich_yeu", "lien_he.email"):
        assert f"| `{field}` |" in page


def test_guide_pages_link_to_each_other():
    guide = ROOT / "docs" / "huong-dan"
    for page in guide.glob("*.md"):
        for target in re.findall(r"\]\(([^)#]+\.md)", page.read_text(encoding="utf-8")):
            assert (guide / target).is_file(), f"{page.name} -> {target}"
    index = (guide / "index.md").read_text(encoding="utf-8")
    for page in guide.glob("*.md"):
        if page.name != "index.md":
            assert f"]({page.name})" in index or page.name in ("cac-truong-thong-tin.md",), (
                page.name
            )
