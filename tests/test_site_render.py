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

    monkeypatch.setattr(render, "Job", job)
    _fork(monkeypatch, True)
    forked = _files(build_site(rnd, tmp_path / "forked"))
    assert children and children[0] > 100  # the child rendered a share of the generated pages
    _fork(monkeypatch, False)
    in_place = _files(build_site(rnd, tmp_path / "in-place"))
    assert len(children) == 1  # no child without fork
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
