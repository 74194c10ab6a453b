"""Shared fixtures. Tests never depend on the working directory or on each other."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from baocao.campaign import load_campaign
from baocao.workspace import load_round

ROOT = Path(__file__).resolve().parents[1]
# Material from outside the project (real documents), laid beside the checkout; optional.
SHARED = Path(os.environ.get("BAOCAO_SHARED", ROOT.parent / "shared"))


def shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def campaign():
    return load_campaign(ROOT)


@pytest.fixture(scope="session")
def sample_round():
    """The round over the sample submissions of the repository."""
    return load_round(ROOT)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An empty workspace: the real campaign and schemas, no submissions."""
    shutil.copy(ROOT / "campaign.yml", tmp_path / "campaign.yml")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    (tmp_path / "submissions").mkdir()
    return tmp_path


@pytest.fixture
def site_workspace(workspace: Path) -> Path:
    """A workspace with the site's config and pages and the sample round (text, tables, figures)."""
    shutil.copy(ROOT / "mkdocs.yml", workspace / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", workspace / "docs")
    for path in (ROOT / "submissions").glob("*.md"):
        shutil.copy(path, workspace / "submissions" / path.name)
    for path in (ROOT / "submissions").iterdir():
        if path.is_dir():
            shutil.copytree(path, workspace / "submissions" / path.name, dirs_exist_ok=True)
    return workspace


@pytest.fixture
def fake_pandoc(tmp_path: Path, monkeypatch):
    """fake_pandoc(script): a program in pandoc's place from now on, in this process and the
    ones it starts, for conversions (calls with --output; others go to pandoc); `script` is
    shell, "$out" the DOCX asked for."""
    import pypandoc

    real = pypandoc.get_pandoc_path()

    def install(script: str) -> None:
        path = tmp_path / "fake-pandoc"
        path.write_text(
            f'#!/bin/sh\ncase " $* " in *" --output "*) ;; *) exec "{real}" "$@";; esac\n'
            'while [ "$1" != --output ]; do shift; done; out="$2"\n' + script + "\n"
        )
        path.chmod(0o755)
        monkeypatch.setattr("pypandoc.get_pandoc_path", lambda: str(path))
        monkeypatch.setenv("PYPANDOC_PANDOC", str(path))  # for builds run as processes

    return install
