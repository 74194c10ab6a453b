"""The theme's templates (baocao.site.templates): compiled once per machine into the user's
cache folder, never trusted when damaged, foreign or stale, and listed without the theme's
hidden icon folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import jinja2
import pytest

from baocao.site import build_site, prepare, templates
from baocao.workspace import load_round

CHROME = {"main.html", "base.html", "partials/nav.html", "partials/header.html"}


def _fork(monkeypatch, allowed: bool) -> None:
    monkeypatch.setattr("baocao.background.threading.active_count", lambda: 1 if allowed else 2)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cached(cache: Path) -> dict[str, float]:
    return {str(p.relative_to(cache)): p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}


def test_a_new_process_uses_the_templates_an_earlier_build_compiled(site_workspace, tmp_path, monkeypatch, compiled,
                                                                    fresh_template_cache):
    rnd = load_round(site_workspace)
    _fork(monkeypatch, True)
    first = _files(build_site(rnd, tmp_path / "first"))  # the child compiles into the cache folder
    files = _cached(fresh_template_cache)
    folders = {Path(name).parts[:3] for name in files}
    assert folders == {("baocao", "templates", next(iter(folders))[2])} and len(files) > 40
    assert stat.S_IMODE((fresh_template_cache / "baocao" / "templates" / next(iter(folders))[2]).stat().st_mode) == 0o700
    monkeypatch.setattr(templates, "_KEPT", {})  # a new process: nothing in memory
    _fork(monkeypatch, False)  # and nothing compiled in a child
    compiled.clear()
    second = _files(build_site(rnd, tmp_path / "second"))
    assert not CHROME & set(compiled)
    assert first == second
    assert _cached(fresh_template_cache) == files  # nothing compiled again, nothing written


def test_the_child_compiles_nothing_when_the_cache_has_everything(site_workspace, tmp_path, monkeypatch, compiled,
                                                                  fresh_template_cache):
    """A second build's child reads what each template reaches from the cache folder, and
    neither parses nor compiles (its work would be lost in the child: counted in a file)."""
    counts = tmp_path / "counts"
    real_parse = jinja2.Environment.parse

    def parse(self, source, name=None, filename=None):
        with open(counts, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {name}\n")
        return real_parse(self, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "parse", parse)
    _fork(monkeypatch, True)
    rnd = load_round(site_workspace)
    prepared = prepare(site_workspace)
    prepared.compiling.wait()
    prepared.stop()
    first = counts.read_text(encoding="utf-8").split("\n")
    assert any(line.endswith(" main.html") for line in first)
    counts.unlink()
    monkeypatch.setattr(templates, "_KEPT", {})
    prepared = prepare(site_workspace)
    prepared.compiling.wait()
    prepared.stop()
    assert not counts.exists()
    compiled.clear()
    build_site(rnd, tmp_path / "site")  # and the build is whole with it, compiling nothing here
    assert (tmp_path / "site" / "co-quan" / "bo-cong-an" / "index.html").is_file()
    assert not CHROME & set(compiled)


def test_an_edited_template_is_compiled_again_in_a_new_process(site_workspace, tmp_path, monkeypatch, compiled,
                                                               fresh_template_cache):
    config = (site_workspace / "mkdocs.yml").read_text(encoding="utf-8")
    (site_workspace / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                               encoding="utf-8")
    (site_workspace / "overrides").mkdir()
    override = site_workspace / "overrides" / "404.html"
    override.write_text('{% extends "main.html" %}{% block content %}<h1>Không thấy</h1>{% endblock %}', encoding="utf-8")
    rnd = load_round(site_workspace)
    _fork(monkeypatch, True)
    build_site(rnd, tmp_path / "first")
    override.write_text('{% extends "main.html" %}{% block content %}<h1>Không có trang này</h1>{% endblock %}', encoding="utf-8")
    monkeypatch.setattr(templates, "_KEPT", {})
    _fork(monkeypatch, False)
    compiled.clear()
    site = build_site(rnd, tmp_path / "second")
    assert "404.html" in compiled and not CHROME & set(compiled)
    assert "Không có trang này" in (site / "404.html").read_text(encoding="utf-8")


def test_a_damaged_cache_is_compiled_again_and_repaired(site_workspace, tmp_path, monkeypatch, compiled, fresh_template_cache):
    rnd = load_round(site_workspace)
    _fork(monkeypatch, True)
    first = _files(build_site(rnd, tmp_path / "first"))
    folder = next((fresh_template_cache / "baocao" / "templates").iterdir())
    damaged = sorted(folder.glob("*.cache"))
    for number, path in enumerate(damaged):  # cut short, emptied, or someone else's bytes
        path.write_bytes(path.read_bytes()[: 40] if number % 3 == 0 else b"" if number % 3 == 1 else b"j2\x00garbage")
    (folder / templates.REFERENCES).write_text('{"main.html": ["x", [1, 2]], "base.html": 7}', encoding="utf-8")
    monkeypatch.setattr(templates, "_KEPT", {})
    second = _files(build_site(rnd, tmp_path / "second"))
    assert first == second
    assert all(len(path.read_bytes()) > 100 for path in damaged)  # the child wrote them again
    monkeypatch.setattr(templates, "_KEPT", {})
    _fork(monkeypatch, False)
    compiled.clear()
    assert _files(build_site(rnd, tmp_path / "third")) == first
    assert not CHROME & set(compiled)


@pytest.mark.parametrize("problem", ["a file", "writable by others", "read-only"])
def test_a_cache_folder_that_cannot_be_used_is_left_alone(site_workspace, tmp_path, monkeypatch, compiled, problem):
    """Where the cache folder is not a folder, sits in a folder others can write (they could
    put code in its place) or cannot be written, the build compiles in its own temporary
    folder, as before."""
    base = tmp_path / "cache"
    if problem == "a file":
        base.write_text("không phải thư mục", encoding="utf-8")
    elif problem == "writable by others":
        base.mkdir()
        base.chmod(0o777)  # without the sticky bit: anyone may rename what is in it
    else:
        folder = base / "baocao" / "templates"
        folder.mkdir(parents=True)
        folder.chmod(0o500)
        if os.access(folder, os.W_OK):  # root writes anyway
            pytest.skip("this user can write into a read-only folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    monkeypatch.setattr(templates, "_KEPT", {})
    _fork(monkeypatch, True)
    site = build_site(load_round(site_workspace), tmp_path / "site")
    assert not CHROME & set(compiled)  # the child's, from the build's folder
    assert (site / "co-quan" / "bo-cong-an" / "index.html").is_file()
    if problem != "a file":
        assert [p for p in (base / "baocao" / "templates").rglob("*") if p.is_file()] == []


def test_the_cache_folders_are_private_whatever_the_umask(tmp_path, monkeypatch):
    """Folders baocao makes are its user's alone, even under umask 002 (Debian's default for
    users); a shared folder with the sticky bit (/tmp) may hold them."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared / "cache"))
    (shared / "cache" / "baocao" / "templates").mkdir(parents=True)  # as made before, under that umask
    for path in ((shared / "cache" / "baocao"), (shared / "cache" / "baocao" / "templates")):
        path.chmod(0o775)
    old = os.umask(0o002)
    try:
        folder = templates.cache_folder(templates._signature(jinja2.Environment()))
    finally:
        os.umask(old)
    assert folder is not None
    for path in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path


def test_the_cache_folder_follows_xdg_and_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert templates.cache_root() == tmp_path / "xdg" / "baocao" / "templates"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the specification: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert templates.cache_root() == tmp_path / "home" / ".cache" / "baocao" / "templates"
    env = jinja2.Environment()
    base = templates.cache_folder(templates._signature(env))
    assert base is not None and base.parent == templates.cache_root()
    env.filters["khác"] = lambda value: value  # another filter: compiled code differs
    assert templates.cache_folder(templates._signature(env)) not in (None, base)
    monkeypatch.setattr(jinja2, "__version__", "9.9.9")  # another Jinja: so may its code
    assert templates.cache_folder(templates._signature(jinja2.Environment())) not in (None, base)


def test_the_theme_is_listed_without_its_hidden_folders_and_mkdocs_adds_the_same_files(site_workspace, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(site_workspace / "mkdocs.yml"))
    plain = Files([])
    plain.add_files_from_theme(config.theme.get_env(), config)
    walked: list[str] = []
    real_walk = os.walk

    def walk(top, *args, **kwargs):
        for entry in real_walk(top, *args, **kwargs):
            walked.append(entry[0])
            yield entry

    templates.list_quickly(config.theme)
    monkeypatch.setattr(os, "walk", walk)
    quick = Files([])
    quick.add_files_from_theme(config.theme.get_env(), config)
    assert [f.src_uri for f in quick] == [f.src_uri for f in plain] and len(plain) > 30
    assert not any("/.icons" in folder for folder in walked) and walked
    everything = jinja2.FileSystemLoader(config.theme.dirs).list_templates()
    assert config.theme.get_env().list_templates() == [name for name in everything
                                                       if not any(part.startswith(".") for part in name.split("/"))]


def test_every_folder_on_the_way_to_the_cache_must_be_private(tmp_path, monkeypatch):
    """Compiled templates are code: a folder anywhere above the cache that another user could
    write (or own) would let them put theirs in its place; a link on the way is judged by
    where it leads."""
    signature = templates._signature(jinja2.Environment())
    open_above = tmp_path / "open"
    (open_above / "home").mkdir(parents=True)
    open_above.chmod(0o777)  # two folders above XDG_CACHE_HOME
    monkeypatch.setenv("XDG_CACHE_HOME", str(open_above / "home" / "cache"))
    assert templates.cache_folder(signature) is None
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(private, target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "link"))
    folder = templates.cache_folder(signature)
    assert folder is not None and private.resolve() in folder.parents
    if os.getuid() != 0:
        return  # giving a folder to another user or group needs root
    shared_group = tmp_path / "shared-group"
    shared_group.mkdir()
    shared_group.chmod(0o775)
    os.chown(shared_group, -1, 54321)  # a group that is not this user's private one
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_group / "cache"))
    assert templates.cache_folder(signature) is None
    os.chown(shared_group, -1, os.getgid())  # root's own group: private
    assert templates.cache_folder(signature) is not None
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    os.chown(foreign, 54321, -1)  # another user's folder
    monkeypatch.setenv("XDG_CACHE_HOME", str(foreign / "cache"))
    assert templates.cache_folder(signature) is None


def test_code_compiled_by_another_python_goes_to_another_folder(tmp_path, monkeypatch):
    import importlib.util

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    env = jinja2.Environment()
    before = templates._signature(env)
    monkeypatch.setattr(importlib.util, "MAGIC_NUMBER", b"\x00\x00\r\n")  # another bytecode
    assert templates._signature(env) != before
