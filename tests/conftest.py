"""Shared fixtures. Tests never depend on the working directory or on each other."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import jinja2
import pytest

from baocao.campaign import load_campaign
from baocao.workspace import load_round

ROOT = Path(__file__).resolve().parents[1]
# Material from outside the project (real documents), laid beside the checkout; optional.
SHARED = Path(os.environ.get("BAOCAO_SHARED", ROOT.parent / "shared"))


def pytest_configure(config) -> None:
    """The theme's compiled templates go to a cache folder of the test run, never the user's
    (baocao.site.templates); tests that need it empty ask for `fresh_template_cache`."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="baocao-test-cache-")


def pytest_unconfigure(config) -> None:
    shutil.rmtree(os.environ.pop("XDG_CACHE_HOME", ""), ignore_errors=True)


@pytest.fixture
def fresh_template_cache(tmp_path_factory, monkeypatch) -> Path:
    """An empty cache of compiled templates, on disk and in this process's memory."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setattr("baocao.site.templates._KEPT", {})
    return folder


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
def compiled(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from now on, in this process only (a child
    counts in its own memory)."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return names
