"""What may be under submissions/: regular files and plain folders, nothing else."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from baocao.messages import ENTRY_KINDS, render
from baocao.problems import Problem

SYMLINK, SPECIAL, SUBMODULE, TOO_LARGE = (
    "entry-symlink",
    "entry-special",
    "entry-submodule",
    "limit-file-bytes",
)
_KINDS = {  # keys of messages.ENTRY_KINDS
    stat.S_IFIFO: "fifo",
    stat.S_IFCHR: "device",
    stat.S_IFBLK: "device",
    stat.S_IFSOCK: "socket",
    stat.S_IFDIR: "folder",
}


class EntryError(Exception):
    """A path that is not a regular file, or is larger than allowed; `code` and `values` make
    its message (messages.py) once a path is known."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values

    def message(self, path: str) -> str:
        return render(self.code, path=path, **self.values)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at path, at most `limit` of them (else EntryError)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise EntryError(SYMLINK) from None
        if error.errno == errno.ENXIO:  # a socket
            raise EntryError(SPECIAL, kind=ENTRY_KINDS["socket"]) from None
        raise
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
        if info.st_size > limit:
            raise EntryError(TOO_LARGE, size=info.st_size, limit=limit)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # grew while read
            raise EntryError(TOO_LARGE, size=len(data), limit=limit)
        return data
    finally:
        os.close(handle)


def _not_regular(path: Path | str, mode: int) -> EntryError:
    if stat.S_ISLNK(mode):
        return EntryError(SYMLINK)
    if stat.S_ISDIR(mode) and os.path.lexists(os.path.join(path, ".git")):
        return EntryError(SUBMODULE)
    return EntryError(SPECIAL, kind=ENTRY_KINDS[_KINDS.get(stat.S_IFMT(mode), "special")])


@dataclass
class Scan:
    """What a walk of submissions/ found: refusals, and each agency's regular files."""

    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (agency id, problem)
    files: dict[str, list[tuple[str, Path, int]]] = field(
        default_factory=dict
    )  # id -> (shown, path, size)
    unread: list[tuple[str, str]] = field(default_factory=list)  # (shown, name): no report


REPORT_SUFFIXES = (".md", ".docx")  # the reports at the top of submissions/


def scan(root: Path, folder: Path, only: set[str] | None = None) -> Scan:
    """Walk submissions/ without following anything. Reports (`<id>.md`, `<id>.docx`) are left
    to read_regular; every other entry that is not a regular file or a plain folder is
    refused. `only`: the agency ids whose entries to walk (None: all)."""
    found = Scan()
    shown = _shown(root, folder)
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return found
    if not stat.S_ISDIR(mode) or os.path.lexists(folder / ".git"):
        error = _not_regular(folder, mode)
        found.problems.append(("", Problem(shown, None, error.code, error.message(shown))))
        return found
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        report = entry.name.endswith(REPORT_SUFFIXES) and not entry.is_dir(follow_symlinks=False)
        agency = entry.name.rsplit(".", 1)[0] if report else entry.name
        if (only is not None and agency not in only) or report:
            continue  # a report: read_regular refuses it if it is not a regular file
        if entry.is_file(follow_symlinks=False) and not entry.name.startswith((".", "~$")):
            found.unread.append((f"{shown}/{entry.name}", entry.name))  # "bo-y-te.doc"
            continue
        _walk(entry, f"{shown}/{entry.name}", agency, found)
    return found


def _walk(entry: os.DirEntry, shown: str, agency: str, found: Scan) -> None:
    mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISREG(mode):
        size = entry.stat(follow_symlinks=False).st_size
        found.files.setdefault(agency, []).append((shown, Path(entry.path), size))
        return
    if stat.S_ISDIR(mode) and not os.path.lexists(os.path.join(entry.path, ".git")):
        for child in sorted(os.scandir(entry.path), key=lambda e: e.name):
            _walk(child, f"{shown}/{child.name}", agency, found)
        return
    error = _not_regular(entry.path, mode)
    found.problems.append((agency, Problem(shown, None, error.code, error.message(shown))))


def changed_problems(root: Path, changed: list[str]) -> list[Problem]:
    """A pull request's changed paths under submissions/ that are, or pass through, a link,
    a special file or a submodule (a changed path that is a folder is a submodule: git
    lists files only). A path the pull request deletes is fine."""
    problems: dict[str, Problem] = {}
    for name in changed:
        parts = PurePosixPath(name).parts
        if parts and parts[0] == "submissions" and ".." not in parts:
            problem = _path_problem(root, parts, file=True)
            if problem:
                problems.setdefault(problem.file, problem)
    return list(problems.values())


def _path_problem(root: Path, parts: tuple[str, ...], *, file: bool) -> Problem | None:
    """The first entry on the way to root/parts that is not a plain folder (the last one: not
    a regular file if `file`, else not a plain folder); None if all are, or one is missing."""
    for depth in range(1, len(parts) + 1):
        shown = "/".join(parts[:depth])
        path = root.joinpath(*parts[:depth])
        try:
            mode = os.lstat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return None
        last = depth == len(parts)
        if stat.S_ISDIR(mode) and os.path.lexists(path / ".git"):
            error = EntryError(SUBMODULE)
        elif stat.S_ISREG(mode) if last and file else stat.S_ISDIR(mode):
            continue
        elif stat.S_ISDIR(mode):  # a changed path that is a folder: a submodule not checked out
            error = EntryError(SUBMODULE)
        else:
            error = _not_regular(path, mode)
        return Problem(shown, None, error.code, error.message(shown))
    return None


def writable_problem(root: Path, report: Path, folder: Path) -> str | None:
    """Why the importer may not write a report and its images folder (a message), or None:
    neither, nor a folder on the way from root, may be a link, a special file or a submodule."""
    for path, file in ((report, True), (folder, False)):
        parts = PurePosixPath(_shown(root, path)).parts
        problem = _path_problem(root, parts, file=file)
        if problem:
            return problem.message
    return None


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
