"""The site's pages rendered on both cores (baocao.site.render) and its charts (pygal):
the same site as MkDocs alone makes, failures reported whole, charts that carry the totals."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2
import pytest

from baocao.charts import plan as chart_plan
from baocao.site import build_site, figures
from baocao.text import format_number
from baocao.workspace import load_round

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def site_workspace(workspace: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", workspace / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", workspace / "docs")
    for path in (ROOT / "submissions").glob("*.md"):  # the sample round: text, tables, figures
        shutil.copy(path, workspace / "submissions" / path.name)
    for path in (ROOT / "submissions").iterdir():
        if path.is_dir():
            shutil.copytree(path, workspace / "submissions" / path.name, dirs_exist_ok=True)
    return workspace


def _fork(monkeypatch, allowed: bool) -> None:
    """Fork or not, whatever threads earlier tests left (the browser tests' server)."""
    monkeypatch.setattr("baocao.background.threading.active_count", lambda: 1 if allowed else 2)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_rendered_by_the_child_equal_those_rendered_in_place(site_workspace, tmp_path, monkeypatch):
    import baocao.site.render as render

    rnd = load_round(site_workspace)
    children: list[int] = []
    real_job = render.Job

    def job(target, *args, **kwargs):
        made = real_job(target, *args, **kwargs)
        if target is render._render:
            children.append(len(args[0]) if made.forked else 0)
        return made

    themed: list[str] = []  # pages this process renders with the theme's page template
    real_render = jinja2.Template.render

    def render_template(self, *args, **kwargs):
        if self.name == "main.html":
            themed.append(self.name)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(render, "Job", job)
    monkeypatch.setattr(jinja2.Template, "render", render_template)
    _fork(monkeypatch, True)
    forked = _files(build_site(rnd, tmp_path / "forked"))
    assert children and children[0] > 100  # the child rendered a share of the generated pages
    mine = len(themed)
    themed.clear()
    _fork(monkeypatch, False)
    in_place = _files(build_site(rnd, tmp_path / "in-place"))
    assert len(children) == 1  # no child without fork
    assert mine + children[0] == len(themed)  # this process left the child's pages to it
    assert forked.keys() == in_place.keys()
    different = [name for name in forked if forked[name] != in_place[name]]
    assert different == []


def test_the_theme_templates_are_compiled_once_in_the_background(site_workspace, tmp_path, monkeypatch):
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)  # in this process only: a child counts in its own memory
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    rnd = load_round(site_workspace)
    _fork(monkeypatch, True)
    build_site(rnd, tmp_path / "forked")
    assert not {"main.html", "base.html", "partials/nav.html"} & set(compiled)
    compiled.clear()
    _fork(monkeypatch, False)
    build_site(rnd, tmp_path / "in-place")
    assert {"main.html", "base.html", "partials/nav.html"} <= set(compiled)


def test_a_failing_page_child_is_a_vietnamese_build_error(site_workspace, tmp_path, monkeypatch, capfd):
    from baocao.build import BuildError

    def broken(pages, config, doc_files, nav, env):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("baocao.site.render._render", broken)
    _fork(monkeypatch, True)
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("trước")
    with pytest.raises(BuildError, match="dựng trang web không thành công: không dựng được các trang: "
                                         "tiến trình chạy nền dừng với mã 1"):
        build_site(load_round(site_workspace), out / "site")
    assert (out / "site" / "index.html").read_text() == "trước"  # the previous site stays whole
    assert [p.name for p in out.iterdir()] == ["site"]  # nothing half-built left beside it
    err = capfd.readouterr().err
    assert "Traceback" not in err and "lỗi trong tiến trình chạy nền: RuntimeError: hỏng" in err


def test_site_charts_carry_the_totals_and_nothing_else(root):
    rnd = load_round(root)
    planned = figures.plan(rnd)
    groups = [c for c in chart_plan(rnd) if c.group is not None and not c.empty]
    assert list(planned.values()) == groups and groups  # every figure group's chart with a value
    for chart in groups:
        svg = figures.svg(chart).decode("utf-8")
        assert svg == figures.svg(chart).decode("utf-8")  # same input, same bytes
        assert "<script" not in svg and "<!--" not in svg and "http://" not in svg.replace("http://www.w3.org/", "")
        assert chart.caption in svg
        values = re.findall(r'<text [^>]*class="value">([^<]+)</text>', svg)
        assert sorted(values) == sorted(format_number(v) for _, vs in chart.series for v in vs)
        y = {label: float(pos) for pos, label in re.findall(r'<text x="-5" y="([\d.]+)" class="">([^<]+)</text>', svg)}
        tops = [y[c] for c in chart.categories]
        assert tops == sorted(tops)  # the first figure on top, as in the tables


def test_mkdocs_build_logs_nothing_of_the_split(site_workspace):
    """`mkdocs build` shows INFO lines: none for the pages this process left to the child."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site_workspace, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Documentation built" in done.stderr and "Page skipped" not in done.stderr
    agencies = load_round(site_workspace).campaign.agencies
    assert all((site_workspace / "site" / "co-quan" / a.id / "index.html").is_file() for a in agencies)


def test_a_warning_in_the_child_fails_a_strict_build(site_workspace, tmp_path, monkeypatch):
    import logging

    from baocao.build import BuildError

    def warn(page, *args):
        logging.getLogger("mkdocs.plugins.test").warning("cảnh báo thử")

    monkeypatch.setattr("baocao.site.render._build_page", warn)
    _fork(monkeypatch, True)
    with pytest.raises(BuildError, match="không dựng được các trang"):
        build_site(load_round(site_workspace), tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_templates_compiled_for_other_filters_are_not_used(site_workspace, tmp_path, monkeypatch):
    """Jinja fixes at compile time how a filter is called: when the build's environment has
    other filters than the one the child compiled with, this process compiles for itself."""
    import os

    compiled: list[str] = []
    real = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    monkeypatch.setattr("baocao.site.render._signature", lambda env: str(os.getpid()))  # child and parent differ
    _fork(monkeypatch, True)
    build_site(load_round(site_workspace), tmp_path / "site")
    assert "main.html" in compiled


def test_no_file_of_the_workspace_styles_the_charts(root, tmp_path, monkeypatch):
    """pygal looks for its style sheets in the current folder first."""
    for name in ("base.css", "style.css", "graph.css"):
        (tmp_path / name).write_text(".lạ { fill: red }", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    planned = figures.plan(load_round(root))
    out = tmp_path / "charts"
    out.mkdir()
    figures.draw(planned, out)
    drawn = [p.read_text(encoding="utf-8") for p in out.glob("*.svg")]
    assert len(drawn) == len(planned) and not any(".lạ" in svg for svg in drawn)
    assert Path.cwd() == tmp_path
