"""A rebuilt site is written over the files of the site it replaces (baocao.site.reuse), and is
byte for byte the site a build into an empty folder makes: nothing stale kept, nothing lost."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from baocao.site import build_site
from baocao.site.reuse import spare_of
from baocao.workspace import load_round


def _tree(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every file (its permissions and bytes) and folder (its permissions) under folder."""
    return {str(p.relative_to(folder)): (stat.S_IMODE(p.lstat().st_mode), p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


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


def test_a_spare_made_under_another_umask_is_not_taken(built, tmp_path):
    """Its files would keep permissions a new build would not give (a web server running as
    another user could not read them)."""
    rnd, clean = built
    site = tmp_path / "out" / "site"
    old = os.umask(0o077)
    try:
        build_site(rnd, site)
        build_site(rnd, site)
    finally:
        os.umask(old)
    build_site(rnd, site)
    assert _tree(site) == clean


def test_a_copy_made_with_hard_links_is_not_written_over(built, site_workspace, tmp_path):
    """`cp -al site release`: a file with other links is someone's copy; writing it in place
    would change the copy too."""
    from datetime import date

    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)
    release = tmp_path / "release"
    shutil.copytree(spare_of(site), release, copy_function=os.link)
    before = _tree(release)
    later = load_round(site_workspace, today=date(2025, 1, 20))  # every page changes a little ("… ngày")
    build_site(later, site)
    assert _tree(release) == before
    assert "20/01/2025" in (site / "index.html").read_text(encoding="utf-8")
    assert _tree(site) == _tree(build_site(later, tmp_path / "clean-later" / "site"))


def test_a_spare_that_is_a_link_is_removed_and_its_target_left_alone(built, tmp_path):
    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "assets").mkdir(parents=True)
    (elsewhere / "ghi-chu.txt").write_text("giữ nguyên", encoding="utf-8")
    (elsewhere / "404.html").write_text("giữ nguyên", encoding="utf-8")
    before = _tree(elsewhere)
    spare_of(site).symlink_to(elsewhere, target_is_directory=True)
    build_site(rnd, site)
    assert _tree(site) == clean
    assert _tree(elsewhere) == before
    assert sorted(p.name for p in site.parent.iterdir()) == [".site-spare", "site"]  # the replaced site, a real folder
    assert not spare_of(site).is_symlink()


def test_a_spare_left_by_a_killed_build_is_deleted(built, tmp_path):
    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)
    left = site.with_name(".site-spare-1234-deadbeef")  # killed while taking it
    spare_of(site).rename(left)
    build_site(rnd, site)
    assert sorted(p.name for p in site.parent.iterdir()) == [".site-spare", "site"]
    assert _tree(site) == clean
