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


def test_the_child_indexes_its_pages_for_search_and_the_index_is_the_same(site_workspace, tmp_path, monkeypatch):
    """This process leaves the search entries of the child's pages to the child and puts them
    back in page order: the same search index as without the child (compared whole above)."""
    from material.plugins.search.plugin import SearchIndex

    indexed: list[str] = []  # pages this process indexes itself
    real = SearchIndex.add_entry_from_context

    def add(self, page):
        indexed.append(page.file.src_uri)
        return real(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", add)
    rnd = load_round(site_workspace)
    _fork(monkeypatch, True)
    forked = build_site(rnd, tmp_path / "forked")
    mine = list(indexed)
    indexed.clear()
    _fork(monkeypatch, False)
    in_place = build_site(rnd, tmp_path / "in-place")
    assert len(indexed) > 250 and 50 < len(mine) < len(indexed) - 100  # the child indexed its share
    index = (forked / "search" / "search_index.json").read_bytes()
    assert index == (in_place / "search" / "search_index.json").read_bytes()
    agencies = [a.id for a in rnd.campaign.agencies]
    assert all(f'"location":"co-quan/{a}/"'.encode() in index for a in agencies)


def test_a_child_that_leaves_no_search_entries_fails_the_build(site_workspace, tmp_path, monkeypatch):
    import baocao.site.render as render

    from baocao.build import BuildError

    real = render._render

    def forgetful(pages, config, doc_files, nav, env, entries):
        real(pages, config, doc_files, nav, env, entries)
        entries.unlink()

    monkeypatch.setattr(render, "_render", forgetful)
    _fork(monkeypatch, True)
    with pytest.raises(BuildError, match="không đọc được mục lục tìm kiếm của các trang"):
        build_site(load_round(site_workspace), tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_the_theme_chrome_is_rendered_once_per_place_and_is_the_same(site_workspace, tmp_path, monkeypatch):
    """baocao.site.chrome: the navigation, tabs, footer, scripts… are rendered once for all
    pages that share them, and the site is byte for byte the one MkDocs makes without that."""
    from baocao.site import chrome

    navs: list[str] = []  # renders of the navigation partial itself
    real = chrome.memoize

    def counted(env, nav, config):
        template = env.get_template("partials/nav.html")
        render = template.root_render_func

        def count(context):
            navs.append(context["page"].url if context.get("page") else "")
            yield from render(context)
        template.root_render_func = count
        real(env, nav, config)

    rnd = load_round(site_workspace)
    _fork(monkeypatch, False)
    monkeypatch.setattr(chrome, "memoize", counted)
    reused = _files(build_site(rnd, tmp_path / "reused"))
    pages = sum(1 for name in reused if name.endswith("index.html"))
    assert pages > 250 and 0 < len(navs) < 40  # a few places, hundreds of pages
    assert "co-quan/" in navs and sum(url.startswith("co-quan/") for url in navs) <= 2
    monkeypatch.setattr(chrome, "memoize", lambda env, nav, config: None)
    plain = _files(build_site(rnd, tmp_path / "plain"))
    assert reused.keys() == plain.keys()
    assert [name for name in reused if reused[name] != plain[name]] == []


def test_the_theme_templates_are_compiled_once_in_the_background(site_workspace, tmp_path, monkeypatch, compiled,
                                                                fresh_template_cache):
    rnd = load_round(site_workspace)
    _fork(monkeypatch, True)
    build_site(rnd, tmp_path / "forked")
    assert not {"main.html", "base.html", "partials/nav.html"} & set(compiled)
    compiled.clear()
    _fork(monkeypatch, False)
    monkeypatch.setattr("baocao.site.templates._KEPT", {})  # as in a fresh process
    shutil.rmtree(fresh_template_cache)  # on a machine that never built the site
    build_site(rnd, tmp_path / "in-place")
    assert {"main.html", "base.html", "partials/nav.html"} <= set(compiled)


def test_a_process_that_builds_again_compiles_the_templates_once(site_workspace, tmp_path, monkeypatch, compiled,
                                                                 fresh_template_cache):
    """`mkdocs serve` rebuilds in its own process, without a child: the templates compiled by
    one build serve the next, unless a template changed."""
    config = (site_workspace / "mkdocs.yml").read_text(encoding="utf-8")
    (site_workspace / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                               encoding="utf-8")
    (site_workspace / "overrides").mkdir()
    (site_workspace / "overrides" / "404.html").write_text('{% extends "main.html" %}{% block content %}<h1>Không thấy</h1>{% endblock %}',
                                                          encoding="utf-8")
    _fork(monkeypatch, False)
    rnd = load_round(site_workspace)
    first = _files(build_site(rnd, tmp_path / "first"))
    assert {"main.html", "base.html", "partials/nav.html", "404.html"} <= set(compiled)
    compiled.clear()
    second = _files(build_site(rnd, tmp_path / "second"))
    assert not {"main.html", "base.html", "partials/nav.html", "404.html"} & set(compiled)
    assert first == second
    (site_workspace / "overrides" / "404.html").write_text('{% extends "main.html" %}{% block content %}<h1>Không có trang này</h1>{% endblock %}',
                                                          encoding="utf-8")
    compiled.clear()
    third = build_site(rnd, tmp_path / "third")
    assert "404.html" in compiled and not {"main.html", "base.html", "partials/nav.html"} & set(compiled)  # the edited one
    assert "Không có trang này" in (third / "404.html").read_text(encoding="utf-8")


def test_a_failing_page_child_is_a_vietnamese_build_error(site_workspace, tmp_path, monkeypatch, capfd):
    from baocao.build import BuildError

    def broken(*args):
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


def test_a_site_that_overrides_the_themes_partials_gets_no_reused_chrome(site_workspace, tmp_path, monkeypatch):
    """An override may read anything of the page (here the footer's copyright shows the
    page's title): every page then renders its chrome itself."""
    config = (site_workspace / "mkdocs.yml").read_text(encoding="utf-8")
    (site_workspace / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                               encoding="utf-8")
    (site_workspace / "overrides" / "partials").mkdir(parents=True)
    (site_workspace / "overrides" / "partials" / "copyright.html").write_text(
        '<div class="bc-test">Trang: {{ page.title }}</div>', encoding="utf-8")
    _fork(monkeypatch, True)
    rnd = load_round(site_workspace)
    site = build_site(rnd, tmp_path / "site")
    for agency in rnd.campaign.agencies[:40]:
        html = (site / "co-quan" / agency.id / "index.html").read_text(encoding="utf-8")
        assert f'<div class="bc-test">Trang: {agency.name}</div>' in html


def test_a_preparation_that_cannot_start_leaves_nothing_behind(site_workspace, monkeypatch):
    import tempfile

    import baocao.site.preparation as preparation
    import baocao.site.templates as templates

    def no_fork(config, folder):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(templates, "compile_templates", no_fork)
    scratch = Path(preparation.scratch_dir() or tempfile.gettempdir())
    before = set(scratch.glob("baocao-site-*"))
    with pytest.raises(OSError, match="Resource temporarily unavailable"):  # the real error, for the CLI to report
        preparation.Preparation(site_workspace / "mkdocs.yml")
    assert set(scratch.glob("baocao-site-*")) == before


def test_the_build_keeps_its_temporary_files_in_memory_where_it_can(tmp_path, monkeypatch):
    """/dev/shm where it is writable and has room; else the system's temporary folder; and
    always the temporary folder a user sets."""
    import os
    from types import SimpleNamespace

    from baocao.site.preparation import MEMORY_NEEDED, scratch_dir

    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    assert scratch_dir(tmp_path) == str(tmp_path)
    assert scratch_dir(tmp_path / "missing") is None
    real = os.statvfs
    monkeypatch.setattr(os, "statvfs", lambda path: SimpleNamespace(f_bavail=MEMORY_NEEDED // 4096 - 1, f_frsize=4096))
    assert scratch_dir(tmp_path) is None  # too little room
    monkeypatch.setattr(os, "statvfs", real)
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(tmp_path / "own"))
        assert scratch_dir(tmp_path) is None
        monkeypatch.delenv(name)


def test_build_site_starts_compiling_and_drawing_before_mkdocs_reads_its_config(site_workspace, tmp_path, monkeypatch, compiled,
                                                                               fresh_template_cache):
    """The theme's templates compile (from the config file, read again by the child) and the
    charts draw while this process reads the config: a core is otherwise idle then."""
    import mkdocs.config

    import baocao.site.preparation as preparation
    import baocao.site.templates as templates

    events: list[str] = []
    real_compile, real_load, real_job = templates.compile_templates, mkdocs.config.load_config, preparation.Job

    def compile_templates(config, folder):
        events.append(f"compile from {type(config).__name__}")
        return real_compile(config, folder)

    def load_config(*args, **kwargs):
        events.append("read config")
        return real_load(*args, **kwargs)

    def job(target, *args, **kwargs):
        events.append(target.__name__)
        return real_job(target, *args, **kwargs)

    monkeypatch.setattr(templates, "compile_templates", compile_templates)
    monkeypatch.setattr(mkdocs.config, "load_config", load_config)
    monkeypatch.setattr(preparation, "Job", job)
    _fork(monkeypatch, True)
    build_site(load_round(site_workspace), tmp_path / "site")
    assert events == ["compile from PosixPath", "draw", "read config"]
    assert "main.html" not in compiled  # the child's templates were used


def test_templates_compiled_for_other_filters_are_not_used(site_workspace, tmp_path, monkeypatch, compiled,
                                                          fresh_template_cache):
    """Jinja fixes at compile time how a filter is called: when the build's environment has
    other filters than the one the child compiled with, this process compiles for itself."""
    import os

    monkeypatch.setattr("baocao.site.templates._signature", lambda env: str(os.getpid()))  # child and parent differ
    _fork(monkeypatch, True)
    build_site(load_round(site_workspace), tmp_path / "site")
    assert {"base.html", "partials/nav.html"} <= set(compiled)  # loaded before the page child starts (which compiles too)


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


def test_the_search_language_is_settled_from_one_read_of_the_translations(site_workspace, tmp_path, monkeypatch):
    """mkdocs-material's search plugin compiles the theme's translations once for each of
    lang, separator and pipeline; the baocao plugin reads them once, with the same result."""
    import json

    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.config import load_config

    config = load_config(str(site_workspace / "mkdocs.yml"))
    alone = config.plugins["material/search"]
    alone.on_config(config)  # what the plugin finds by itself
    expected = {key: alone.config[key] for key in ("lang", "separator", "pipeline")}
    assert expected["lang"] == ["vi"]

    def translate(self, config, value):
        raise AssertionError(f"translated again: {value}")

    monkeypatch.setattr(SearchPlugin, "_translate", translate)
    site = build_site(load_round(site_workspace), tmp_path / "site")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {key: index["config"][key] for key in ("lang", "separator", "pipeline")} == expected


def test_the_theme_starts_compiling_before_the_round_is_read(site_workspace, tmp_path):
    """`baocao build site` forks the compiling child before it imports what reading the round
    needs (baocao.workspace and its validator): in a fresh process, where nothing imported them yet."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "import baocao.site.templates as templates\n"
        "seen = []\n"
        "real = templates.compile_templates\n"
        "def compile_templates(config, folder):\n"
        "    seen.append('baocao.workspace' in sys.modules)\n"
        "    return real(config, folder)\n"
        "templates.compile_templates = compile_templates\n"
        "from baocao.cli import main\n"
        f"code = main(['--root', {str(site_workspace)!r}, 'build', 'site', '--out', {str(tmp_path / 'out')!r}])\n"
        "print('SEEN', seen, 'CODE', code, 'LOADED', 'baocao.workspace' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "SEEN [False] CODE 0 LOADED True" in done.stdout
    assert (tmp_path / "out" / "site" / "index.html").is_file()

