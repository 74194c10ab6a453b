"""The site written over the files of the one it replaces, not into new ones.

`build_site` builds into a new folder and swaps it for the published one whole. A round's site
is some 480 files in 280 folders, and making a file costs more than writing it: on an ext4
disk without a journal, such as this project's build machine, the kernel looks past every
inode freed in the last minutes before it takes one (`recently_deleted`), so each build, which
freed the previous site's 760, made the next one's files slower (up to 0.5 ms each; a third
of the build's time went to the kernel). So the replaced site is kept beside the new one, in
a hidden folder (`.site-spare` beside `site`), and the next build moves its files into its
own folder before MkDocs writes (`take`, at the plugin's `on_nav`): MkDocs then overwrites
them in place, as it opens every file it writes with truncation.

The site must be the one a build into an empty folder makes, bytes and permissions alike:
- only what the new site will have is taken: files at paths it writes and the folders they are
  in; the rest is deleted first, and so is anything that is not a plain file or folder of this
  user with the permissions a new one would get (a link could lead a write outside the site; a
  file with other links is someone's copy, which a write in place would change too);
- each file taken gets a marker modification time (1 January 2000); every write sets the
  time again, so a file taken that the build then does not write (a plugin left it out after
  all) still has the marker and is deleted after the build (`Taken.sweep`), with the folders
  it leaves empty. No clock is compared: file systems keep times to the second or coarser;
- a spare that is not a folder of this user (a link to elsewhere) is not touched, only
  removed; a build that cannot take it starts empty, as without one;
- nothing a plugin already put in the new site is replaced (a top-level entry there is left).

The published site is swapped in whole, and the replaced one is written over only later: a
reader of the old site (a web server serving `build/site`) could still be reading a file. So
a spare is taken only once it has rested `REST` seconds since it was replaced, and files
larger than `LARGEST` (the few a slow download could still be reading then) are not taken.
A build killed while it took a spare leaves it under another hidden name, deleted by a later
build once it is `STALE` seconds old (a build holds it for milliseconds).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from baocao.files import umask

MARK = 946684800 * 10**9  # 2000-01-01T00:00:00Z in nanoseconds, the time of a file taken and not yet written
REST = 2.0  # seconds a replaced site is left alone before a build writes over it
LARGEST = 64 * 1024  # bytes: a larger file is not taken (a page is some 40 KB; 7 files of the samples are larger)
STALE = 3600.0  # seconds after which a hidden folder a killed build left beside the site is deleted


def spare_of(site: Path) -> Path:
    """The hidden folder beside site that holds the site it replaced."""
    return site.with_name(f".{site.name}-spare")


def written(config, files, others: Iterable[str] = ()) -> set[str]:
    """The paths of the files a build of config writes into the site, as far as is known
    before it writes: MkDocs' files, the theme's own pages (and the sitemap's .gz),
    mkdocs-material's search index, and others (the charts). A path listed but not written
    is swept (`Taken.sweep`); one left out is only not taken."""
    from baocao.site.render import search_indexes

    themed = {name for template in config.theme.static_templates for name in (template, f"{template}.gz")}
    index = {"search/search_index.json"} if search_indexes(config) else set()
    return {file.dest_uri for file in files} | themed | index | set(others)


def keep_aside(old: Path, site: Path) -> None:
    """The replaced site old becomes site's spare; deleted if there is one already. Folders
    that killed builds left beside site (`STALE`) are deleted too."""
    _remove_left_behind(site)
    try:
        old.rename(spare_of(site))
    except OSError:  # a spare is there (another build's), or the disk refuses
        shutil.rmtree(old, ignore_errors=True)


def _remove_left_behind(site: Path) -> None:
    """Spares being taken (`.site-spare-<pid>-<8 hex digits>`) that no build has touched for
    `STALE` seconds: their builds were killed."""
    pattern = re.compile(re.escape(spare_of(site).name) + r"-\d+-[0-9a-f]{8}")
    try:
        entries = list(os.scandir(site.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        try:
            if pattern.fullmatch(entry.name) and now - entry.stat(follow_symlinks=False).st_ctime > STALE:
                _remove(Path(entry.path))
        except OSError:
            pass


@dataclass
class Taken:
    """The files and folders of the spare moved into a new site, to sweep once it is built."""

    files: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)

    def sweep(self, site: Path) -> None:
        """Delete the files taken that the build did not write again, then the folders taken
        that are left empty."""
        for name in self.files:
            path = site / name
            try:
                if path.lstat().st_mtime_ns == MARK:
                    path.unlink()
            except FileNotFoundError:
                pass
        for name in sorted(self.folders, key=lambda n: n.count("/"), reverse=True):  # the deepest first
            try:
                (site / name).rmdir()  # only if empty
            except OSError:
                pass


def take(spare: Path, site: Path, wanted: set[str]) -> Taken:
    """Move the spare's files whose paths (relative, with "/") are in wanted into site (made by
    MkDocs, empty unless a plugin wrote into it), with their folders; delete the rest of the
    spare. Nothing is taken if the spare is missing, has not rested (`REST`), or another build
    takes it first."""
    taken = Taken()
    try:
        if time.time() - os.lstat(spare).st_ctime < REST:
            return taken
    except OSError:
        return taken
    claimed = spare.with_name(f"{spare.name}-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.rename(spare, claimed)
    except OSError:
        return taken
    try:
        if not _own(os.lstat(claimed), stat.S_IFDIR):
            return taken  # a link or someone else's folder: only removed (finally)
        folders = {parent for name in wanted for parent in _parents(name)}
        _prune(claimed, "", wanted, folders, taken, _new(site))
        for entry in os.scandir(claimed):
            if not os.path.lexists(site / entry.name):  # what a plugin wrote there stays
                os.rename(entry.path, site / entry.name)
    except OSError:  # what was moved is overwritten or swept; the rest goes with the spare
        pass
    finally:
        _remove(claimed)
    return taken


def _remove(path: Path) -> None:
    """Delete path: a folder with what it holds, or a file or link itself (never its target)."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass


@dataclass(frozen=True)
class _New:
    """What a new file and a new folder in the site get: permissions (umask, and the site
    folder's set-group-ID bit, which folders inherit) and group."""

    file_mode: int
    folder_mode: int
    group: int


def _new(site: Path) -> _New:
    mask = umask()
    info = os.stat(site)
    inherit = info.st_mode & stat.S_ISGID
    return _New(0o666 & ~mask, (0o777 & ~mask) | inherit, info.st_gid if inherit else os.getegid())


def _own(info: os.stat_result, kind: int, new: _New | None = None) -> bool:
    """A folder or a file (kind) of this user, as a new one would be made (new) if given; a
    file with no other hard link and no larger than LARGEST."""
    if stat.S_IFMT(info.st_mode) != kind or info.st_uid != os.getuid():
        return False
    if new is not None:
        mode = new.file_mode if kind == stat.S_IFREG else new.folder_mode
        if stat.S_IMODE(info.st_mode) != mode or info.st_gid != new.group:
            return False
    return kind != stat.S_IFREG or (info.st_nlink == 1 and info.st_size <= LARGEST)


def _parents(name: str) -> list[str]:
    parts = name.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _prune(folder: str | Path, prefix: str, wanted: set[str], folders: set[str], taken: Taken, new: _New) -> None:
    """Keep under folder what the new site has, as a new build would make it; delete the rest
    (see the module's docstring), and mark the files kept."""
    for entry in os.scandir(folder):
        name = prefix + entry.name
        info = entry.stat(follow_symlinks=False)
        if name in folders and _own(info, stat.S_IFDIR, new):
            taken.folders.append(name)
            _prune(entry.path, name + "/", wanted, folders, taken, new)
        elif name in wanted and _own(info, stat.S_IFREG, new):
            os.utime(entry.path, ns=(MARK, MARK), follow_symlinks=False)
            taken.files.append(name)
        elif stat.S_ISDIR(info.st_mode):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)
