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
    """The sample round built once into an empty folder, as the reference. A replaced site may
    be written over at once (it rests REST seconds otherwise: see the test of that)."""
    monkeypatch.setattr("baocao.background.threading.active_count", lambda: 1)  # fork, whatever other tests left
    monkeypatch.setattr("baocao.site.reuse.REST", 0.0)
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
    from baocao.site import reuse

    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)
    (spare_of(site) / "khong-viet" / "sau").mkdir(parents=True)
    (spare_of(site) / "khong-viet" / "sau" / "index.html").write_text("cũ", encoding="utf-8")
    written = reuse.written
    monkeypatch.setattr(reuse, "written", lambda config, files, others=(): written(config, files, others) | {"khong-viet/sau/index.html"})
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


def test_a_spare_left_by_a_killed_build_is_deleted_once_stale(built, tmp_path, monkeypatch):
    """A build killed while it took the spare leaves it under its claimed name; a later build
    deletes it once no build could still be holding it, never the claim of a build running
    (or another site's)."""
    from baocao.site import reuse

    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)
    left = site.with_name(".site-spare-1234-deadbeef")  # killed while taking it
    spare_of(site).rename(left)
    other = site.with_name(".site2-spare-1-deadbeef")
    other.mkdir()
    build_site(rnd, site)
    assert left.is_dir()  # as young as a build in progress's: left alone
    monkeypatch.setattr(reuse, "STALE", 0.0)
    build_site(rnd, site)
    assert sorted(p.name for p in site.parent.iterdir()) == [".site-spare", ".site2-spare-1-deadbeef", "site"]
    assert _tree(site) == clean


def test_a_spare_is_written_over_only_after_it_has_rested(built, tmp_path, monkeypatch):
    """A reader of the site just replaced (a web server) may still be reading its files: a
    build right after another starts empty; and large files are never taken."""
    from baocao.site import reuse

    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    build_site(rnd, site)
    page = "co-quan/bo-cong-an/index.html"
    large = "search/search_index.json"
    spared = {name: (spare_of(site) / name).stat().st_ino for name in (page, large)}
    monkeypatch.setattr(reuse, "REST", 3600.0)
    build_site(rnd, site)  # right after: nothing taken
    assert (site / page).stat().st_ino != spared[page]
    assert _tree(site) == clean
    monkeypatch.setattr(reuse, "REST", 0.0)
    spared = {name: (spare_of(site) / name).stat().st_ino for name in (page, large)}
    assert (spare_of(site) / large).stat().st_size > reuse.LARGEST
    build_site(rnd, site)
    assert (site / page).stat().st_ino == spared[page] and (site / large).stat().st_ino != spared[large]
    assert _tree(site) == clean


def test_what_a_plugin_wrote_into_the_site_before_is_not_replaced(built, tmp_path, monkeypatch):
    """MkDocs lets a plugin write into the site folder itself (here robots.txt, at on_files):
    the spare's older copy does not replace it."""
    from baocao.site import reuse
    from baocao.site.plugin import BaocaoPlugin

    rnd, clean = built
    site = tmp_path / "out" / "site"
    real = BaocaoPlugin.on_files
    text = {"value": "User-agent: *\nAllow: /\n"}

    def on_files(self, files, config):
        (Path(config.site_dir) / "robots.txt").write_text(text["value"], encoding="utf-8")
        return real(self, files, config)

    monkeypatch.setattr(BaocaoPlugin, "on_files", on_files)
    written = reuse.written
    monkeypatch.setattr(reuse, "written", lambda config, files, others=(): written(config, files, others) | {"robots.txt"})
    build_site(rnd, site)
    build_site(rnd, site)
    text["value"] = "User-agent: *\nDisallow: /\n"
    build_site(rnd, site)
    assert (site / "robots.txt").read_text(encoding="utf-8") == text["value"]


def test_a_file_written_at_a_coarse_time_is_kept_and_one_not_written_is_swept(tmp_path, monkeypatch):
    """File systems keep times to the second (ext4 with small inodes) or two (FAT): a file the
    build writes may carry a time before the moment it was taken. Only the marker counts."""
    import time

    from baocao.site import reuse

    monkeypatch.setattr(reuse, "REST", 0.0)
    spare, site = tmp_path / ".site-spare", tmp_path / "site"
    (spare / "a").mkdir(parents=True)
    for name in ("a/viet.html", "a/khong-viet.html"):
        (spare / name).write_text("cũ", encoding="utf-8")
    site.mkdir()
    taken = reuse.take(spare, site, {"a/viet.html", "a/khong-viet.html"})
    assert sorted(taken.files) == ["a/khong-viet.html", "a/viet.html"]
    (site / "a" / "viet.html").write_text("mới", encoding="utf-8")
    second = (time.time_ns() // 10**9 - 1) * 10**9  # a whole second, before the take
    os.utime(site / "a" / "viet.html", ns=(second, second))
    taken.sweep(site)
    assert _tree(site) == {"a": (stat.S_IMODE((site / "a").stat().st_mode), None),
                           "a/viet.html": (stat.S_IMODE((site / "a" / "viet.html").stat().st_mode), "mới".encode())}


def test_a_site_under_a_set_group_id_folder_is_written_over_too(site_workspace, tmp_path, monkeypatch):
    """Folders inherit the set-group-ID bit of a shared web folder: the spare's folders are
    as new ones would be, and are taken."""
    monkeypatch.setattr("baocao.background.threading.active_count", lambda: 1)
    monkeypatch.setattr("baocao.site.reuse.REST", 0.0)
    shared = tmp_path / "www"
    shared.mkdir()
    shared.chmod(0o2775)
    if not shared.stat().st_mode & stat.S_ISGID:
        pytest.skip("this file system ignores the set-group-ID bit")
    rnd = load_round(site_workspace)
    site = shared / "site"
    page = "co-quan/bo-cong-an/index.html"
    build_site(rnd, site)
    first = (site / page).stat().st_ino
    build_site(rnd, site)
    build_site(rnd, site)
    assert (site / page).stat().st_ino == first
    assert (site / "co-quan").stat().st_mode & stat.S_ISGID


def test_a_build_that_finishes_as_another_one_swaps_in_keeps_the_others_site(built, tmp_path, monkeypatch):
    from baocao.build import BuildError

    rnd, clean = built
    site = tmp_path / "out" / "site"
    build_site(rnd, site)
    real = Path.rename

    def rename(self, target):
        if Path(target) == site and self.name.startswith(".site-") and "-old-" not in self.name:
            (site / "cua-lan-dung-khac").mkdir(parents=True)  # another build's site, swapped in just now
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(BuildError, match="một lần dựng khác vừa ghi vào đó cùng lúc"):
        build_site(rnd, site)
    assert [p.name for p in site.iterdir()] == ["cua-lan-dung-khac"]
    assert sorted(p.name for p in site.parent.iterdir()) == [".site-spare", "site"]  # nothing half-built left
