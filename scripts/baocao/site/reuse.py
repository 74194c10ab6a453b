"""The site written over the files of the one it replaces, not into new ones.

`build_site` builds into a new folder and swaps it for the published one whole. A round's site
is some 480 files in 280 folders, and making a file costs more than writing it: on an ext4
disk without a journal, such as this project's build machine, the kernel looks past every
inode freed in the last minutes before it takes one (`recently_deleted`), so each build, which
freed the previous site's 760, made the next one's files slower (up to 0.5 ms each; a third
of the build's time went to the kernel). So the replaced site is kept beside the new one, in
a hidden folder (`.site-spare` beside `site`), and the next build moves its files into its
own folder before MkDocs writes (`take`, at the plugin's `on_nav`): MkDocs then overwrites
them in place. Only what the new site has is taken; the rest is deleted first. A file taken
that the build then does not write again (a plugin left it out after all) is deleted after the
build (`Taken.sweep`), so the site holds exactly what this build wrote, as if it had started
empty. Where there is no spare (the first build, another build took it), nothing changes.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path


def spare_of(site: Path) -> Path:
    """The hidden folder beside site that holds the site it replaced."""
    return site.with_name(f".{site.name}-spare")


def keep_aside(old: Path, site: Path) -> None:
    """The replaced site old becomes site's spare; deleted if there is one already."""
    try:
        old.rename(spare_of(site))
    except OSError:  # a spare is there (another build's), or the disk refuses
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class Taken:
    """The files of the spare moved into a new site, to check once it is built."""

    files: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    moved_at: int = 0  # time.time_ns() when they were moved, before anything was written

    def sweep(self, site: Path) -> None:
        """Delete the files taken that the build did not write again, then the folders taken
        that are left empty."""
        for name in self.files:
            path = site / name
            try:
                if path.lstat().st_mtime_ns < self.moved_at:
                    path.unlink()
            except FileNotFoundError:
                pass
        for name in sorted(self.folders, key=lambda n: n.count("/"), reverse=True):  # the deepest first
            try:
                (site / name).rmdir()  # only if empty
            except OSError:
                pass


def take(spare: Path, site: Path, wanted: set[str]) -> Taken:
    """Move the spare's regular files whose paths (relative, with "/") are in wanted into site
    (empty, made by MkDocs), with their folders; delete the rest of the spare. Nothing is
    taken if the spare is missing or another build takes it first."""
    taken = Taken()
    claimed = spare.with_name(f"{spare.name}-{os.getpid()}")
    try:
        os.rename(spare, claimed)
    except OSError:
        return taken
    try:
        folders = {parent for name in wanted for parent in _parents(name)}
        _prune(claimed, "", wanted, folders, taken)
        taken.moved_at = time.time_ns()
        for entry in os.scandir(claimed):
            os.rename(entry.path, site / entry.name)
    except OSError:  # what was moved is overwritten or swept; the rest goes with the spare
        pass
    finally:
        shutil.rmtree(claimed, ignore_errors=True)
    return taken


def _parents(name: str) -> list[str]:
    parts = name.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _prune(folder: str | Path, prefix: str, wanted: set[str], folders: set[str], taken: Taken) -> None:
    """Delete under folder what the new site does not have: files not wanted, folders no wanted
    file is in, and anything that is neither a regular file nor a folder (a link could lead a
    write outside the site)."""
    for entry in os.scandir(folder):
        name = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if name in folders:
                taken.folders.append(name)
                _prune(entry.path, name + "/", wanted, folders, taken)
            else:
                shutil.rmtree(entry.path, ignore_errors=True)
        elif entry.is_file(follow_symlinks=False) and name in wanted:
            taken.files.append(name)
        else:
            os.unlink(entry.path)
