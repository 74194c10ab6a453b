"""Writing files and outputs whole or not at all: a reader (a web server, an editor, git,
another build) sees the old version or the new one, never half of either."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from baocao.errors import BuildError
from baocao.messages import error_text


def write_atomic(path: Path, data: bytes) -> None:
    """path holds data, with the permissions a new file gets (umask), not mkstemp's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, 0o666 & ~umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def umask() -> int:
    """The process's umask, read without changing it where Linux tells it (another thread
    could make a file meanwhile)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


WORK_DIR = ".baocao"  # in an output folder: its lock, and what a build has not published yet
LOCK = "lock"


@contextmanager
def output_lock(folder: Path) -> Iterator[Path]:
    """Hold folder's lock while a build writes into it, and yield its work folder. What killed
    builds left there is deleted first: while the lock is held, nothing else uses it."""
    work = folder / WORK_DIR
    work.mkdir(parents=True, exist_ok=True)
    handle = os.open(work / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(error_text("output-busy", path=folder)) from None
        published = {
            os.path.basename(os.readlink(link))
            for link in folder.iterdir()
            if link.is_symlink() and os.path.dirname(os.readlink(link)) == WORK_DIR
        }
        for entry in work.iterdir():
            if entry.name != LOCK and entry.name not in published:
                remove(entry)
        yield work
    finally:
        os.close(handle)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def publish_dir(new: Path, target: Path) -> None:
    """Make target (a link into the work folder) point at the folder new, in one step: a reader
    sees the old folder or the new one, whole, and a kill at any moment leaves one of them."""
    work = new.parent
    link = work / f"link-{new.name}"
    link.symlink_to(f"{WORK_DIR}/{new.name}")
    old = target.resolve() if target.is_symlink() else None
    if target.exists() and not target.is_symlink():  # a folder of an earlier version: set aside
        target.rename(work / f"old-{new.name}")
    os.replace(link, target)
    if old is not None and old.parent == work.resolve() and old != new.resolve():
        remove(old)
