"""A rebuilt site is written over the files of the site it replaces (baocao.site.reuse), and is
byte for byte the site a build into an empty folder makes: nothing stale kept, nothing lost."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from baocao.site import build_site
from baocao.site.reuse import spare_of
from baocao.workspace import load_round


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under folder."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.fixture
def built(site_workspace, tmp_path, monkeypatch):
    """The sample round built once into an empty folder, as the reference."""
    monkeypatch.setattr("baocao.background.threading.active_count", lambda: 1)  # fork, whatever other tests left
    rnd = load_round(site_workspace)
    return rnd, _tree(build_site(rnd, tmp_path / "clean" / "site"))


def test_a_rebuild_writes_over_the_replaced_sites_files_and_is_the_same_site(built, tmp_path):
    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    assert not spare_of(site).exists()  # nothing replaced yet
    page = "co-quan/bo-cong-an/index.html"
    first_inode = (site / page).stat().st_ino
    build_site(rnd, site)
    assert sorted(p.name for p in site.parent.iterdir()) == [".site-spare", "site"]
    assert (spare_of(site) / page).stat().st_ino == first_inode  # the first site, kept aside
    build_site(rnd, site)
    assert (site / page).stat().st_ino == first_inode  # its file, written over
    assert _tree(site) == clean
    assert sorted(p.name for p in site.parent.iterdir()) == [".site-spare", "site"]


def test_what_the_new_site_does_not_have_is_not_taken_from_the_spare(built, tmp_path):
    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)
    spare = spare_of(site)
    outside = tmp_path / "outside.txt"
    outside.write_text("không được ghi đè", encoding="utf-8")
    (spare / "co-quan" / "co-quan-cu").mkdir()  # an agency no longer in the round
    (spare / "co-quan" / "co-quan-cu" / "index.html").write_text("cũ", encoding="utf-8")
    (spare / "rac.txt").write_text("cũ", encoding="utf-8")
    (spare / "404.html").unlink()
    (spare / "404.html").symlink_to(outside)  # a link would lead MkDocs' write outside the site
    os.unlink(spare / "so-lieu" / "index.html")
    (spare / "so-lieu" / "index.html").mkdir()  # a folder where the site has a file
    (spare / "so-lieu" / "index.html" / "x").write_text("cũ", encoding="utf-8")
    shutil.rmtree(spare / "tai-ve")  # a file where the site has a folder
    (spare / "tai-ve").write_text("cũ", encoding="utf-8")
    build_site(rnd, site)
    assert _tree(site) == clean
    assert outside.read_text(encoding="utf-8") == "không được ghi đè"


def test_a_file_taken_but_not_written_again_is_swept(built, tmp_path, monkeypatch):
    """Were a path listed as written but left out by the build after all, its old file and
    the folder it leaves empty do not stay in the new site."""
    from baocao.site.plugin import BaocaoPlugin

    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)
    (spare_of(site) / "khong-viet" / "sau").mkdir(parents=True)
    (spare_of(site) / "khong-viet" / "sau" / "index.html").write_text("cũ", encoding="utf-8")
    written = BaocaoPlugin._written
    monkeypatch.setattr(BaocaoPlugin, "_written", lambda self, config, files: written(self, config, files) | {"khong-viet/sau/index.html"})
    build_site(rnd, site)
    assert _tree(site) == clean


def test_a_failed_rebuild_leaves_the_published_site_and_nothing_else(built, tmp_path, monkeypatch):
    from baocao.build import BuildError

    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)

    def broken(*args):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("baocao.site.render._render", broken)
    with pytest.raises(BuildError):
        build_site(rnd, site)
    assert _tree(site) == clean
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # the spare went with the failed build
