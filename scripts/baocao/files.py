"""Writing files and outputs whole or not at all, under a lock."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from baocao.errors import BuildError, WriteError
from baocao.messages import error_text, os_reason


def write_atomic(path: Path, data: bytes) -> None:
    """path holds data, with the permissions a new file gets (umask), not mkstemp's 0600."""
    write_all({path: data})


def write_all(files: dict[Path, bytes]) -> None:
    """Every file holds its data, or (full disk, no permission) none changed: all are written
    beside their targets first, then moved into place in the order given."""
    staged: list[tuple[str, Path]] = []
    path = Path()
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((temp, path))
            os.fchmod(handle, 0o666 & ~umask())
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        for temp, path in staged:
            os.replace(temp, path)
    except OSError as error:
        raise write_error(error, path) from None
    finally:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)


def write_error(error: OSError, path: Path) -> WriteError:
    """The Vietnamese error for an output that could not be written (the old one is kept)."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return WriteError(error_text("disk-full", path=path))
    return WriteError(error_text("write-failed", path=path, reason=os_reason(error)))


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


# --- output folders ----------------------------------------------------------------------------
# A build writes into <out>/.baocao/ (its lock and what is not published yet) and publishes by
# renaming within <out>, so a published output is always a plain file or folder.

WORK_DIR = ".baocao"
LOCK = "lock"
ASIDE = "aside-"  # <out>/.baocao/aside-<name>: the old <name> while a new one is moved in
LOCK_WAIT = 600  # seconds a build waits for another build of the same folder to finish
_POLL = 0.2
_held: dict[tuple[int, int], int] = {}  # locks (device, inode) this process holds -> thread


@contextmanager
def output_lock(
    folder: Path, *, on_wait: Callable[[], None] | None = None, wait: float | None = None
) -> Iterator[Path]:
    """Hold folder's lock while a build writes into it, and yield its work folder. A second
    build of the same folder waits (on_wait is told once) up to `wait` seconds, then fails.
    Held again by the same thread (baocao build: the DOCX, then the site), it is simply
    yielded. On taking it, what killed builds left is put right: an old output set aside is
    put back if its new one never arrived, and the rest of the work folder is deleted; the
    same is done when the holder fails or is interrupted."""
    work = Path(os.path.abspath(folder)) / WORK_DIR
    try:
        work.mkdir(parents=True, exist_ok=True)
        handle = os.open(work / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise write_error(error, folder) from None
    status = os.fstat(handle)
    key = (status.st_dev, status.st_ino)  # the same folder, whatever path names it
    try:
        if _held.get(key) == threading.get_ident():
            yield work
            return
        _acquire(handle, folder, LOCK_WAIT if wait is None else wait, on_wait)
        _held[key] = threading.get_ident()
        try:
            try:
                recover(work)
            except OSError as error:
                raise write_error(error, folder) from None
            yield work
        except BaseException:  # failed or interrupted (Ctrl-C, SIGTERM), at any step:
            with suppress(OSError):  # what it made goes now, not at the next build
                recover(work)
            raise
        finally:
            del _held[key]
    finally:
        os.close(handle)  # releases the lock; the kernel does it too when a build is killed


def _acquire(handle: int, folder: Path, wait: float, on_wait: Callable[[], None] | None) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if time.monotonic() >= deadline:
            raise BuildError(error_text("output-busy", path=folder, seconds=round(wait)))
        if on_wait is not None:
            on_wait()
            on_wait = None
        time.sleep(_POLL)


def recover(work: Path) -> None:
    """Under the lock: put back an old output whose new one a killed build never moved in,
    then delete everything else a killed build left in work (not the lock, nor a folder
    that an output of an earlier version still links to)."""
    folder = work.parent
    for entry in sorted(work.iterdir()):
        if entry.name.startswith(ASIDE):
            target = folder / entry.name.removeprefix(ASIDE)
            if not os.path.lexists(target):
                os.rename(entry, target)
    linked = {
        os.path.basename(os.readlink(link))
        for link in folder.iterdir()
        if link.is_symlink() and os.path.dirname(os.readlink(link)) == WORK_DIR
    }
    for entry in work.iterdir():
        if entry.name != LOCK and entry.name not in linked:
            remove(entry)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def publish_dir(new: Path, target: Path) -> None:
    """Put the folder new (in target's work folder) at target in one step: a reader sees the
    old folder or the new one, whole, and a build killed at any moment leaves one of them.
    Linux swaps the two names at once; where the file system cannot (NFS), the old folder is
    set aside and put back, by the next build, if a kill came before the new one was in."""
    work = new.parent
    old_link = target.resolve() if target.is_symlink() else None  # layout of an earlier version
    if not os.path.lexists(target):
        os.rename(new, target)
    elif exchange(new, target):
        remove(new)  # now the old folder
    else:
        aside = work / f"{ASIDE}{target.name}"
        os.rename(target, aside)
        os.rename(new, target)
        remove(aside)
    if old_link is not None and old_link.parent == work.resolve():
        remove(old_link)


class Publication:
    """A folder built in the work folder of target's output folder, under its lock, then put
    at target whole (commit) or deleted (abort): for a build driven by events, the MkDocs
    plugin under `mkdocs build`."""

    def __init__(self, target: Path, on_wait: Callable[[], None] | None = None) -> None:
        self.target = Path(os.path.abspath(target))
        self.done = False
        self._lock = ExitStack()
        work = self._lock.enter_context(output_lock(self.target.parent, on_wait=on_wait))
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=f"{self.target.name}-", dir=work))
        except OSError as error:
            self._lock.close()
            raise write_error(error, self.target) from None

    def commit(self) -> None:
        try:
            self.folder.chmod(0o755)  # mkdtemp makes it private; a web server reads it
            publish_dir(self.folder, self.target)
        except OSError as error:
            self.abort()
            raise write_error(error, self.target) from None
        self.done = True
        self._lock.close()

    def abort(self) -> None:
        """Delete the folder unless it was published; idempotent."""
        if not self.done:
            self.done = True
            remove(self.folder)
        self._lock.close()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap the names a and b in one step (Linux renameat2 RENAME_EXCHANGE); False where the
    system or the file system cannot, and nothing was changed."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
