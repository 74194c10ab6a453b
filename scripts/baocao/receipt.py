"""When each report reached the main line, read from git history."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from baocao.frontmatter import FRONT_MATTER_LIMIT, ReadError, split
from baocao.repairs import remove_controls, repair_front_matter
from baocao.yamlsafe import YamlError, load_document

ROUND_ZONE = timezone(timedelta(hours=7), "ICT")  # dates are read on Hà Nội's clock
LOG_TIMEOUT = 120  # seconds, for the whole history
# a front matter is looked for in a file's head only: its characters take up to 4 bytes each
BLOB_HEAD = 4 * FRONT_MATTER_LIMIT + 1024
WORD_SUFFIX = ".docx"
WORD_HEAD = 20 * 1024 * 1024  # a Word file is read whole, up to the importer's limit
WordOfficial = Callable[[str, bytes], bool]  # (path, bytes of one version): issued?
OFFICIAL = "chinh_thuc"


@dataclass(frozen=True)
class FileHistory:
    """One file on the main line: when it first was official, when it last changed."""

    official_at: datetime | None
    changed_at: datetime | None
    first_at: datetime | None = None  # when it first reached the main line

    @property
    def first_seen(self) -> date | None:
        return local_day(self.first_at)

    @property
    def received(self) -> date | None:
        return local_day(self.official_at)

    @property
    def changed(self) -> date | None:
        return local_day(self.changed_at)


@dataclass
class History:
    available: bool
    reason: str | None = None  # a key of messages.HISTORY_REASONS when not available
    files: dict[str, FileHistory] = field(default_factory=dict)  # by path from the root

    def of(self, path: str) -> FileHistory | None:
        return self.files.get(path)


def local_day(moment: datetime | None) -> date | None:
    return moment.astimezone(ROUND_ZONE).date() if moment else None


def is_official(text: bytes) -> bool:
    """The file's front matter says `trang_thai: chinh_thuc`, read as the checker reads it: a
    line that only looks like the field, inside another value, does not make a draft official."""
    head = text[:BLOB_HEAD].decode("utf-8", "replace").lstrip("\ufeff")
    try:
        front = split(head.replace("\r\n", "\n").replace("\r", "\n")).front_matter
    except ReadError:
        return False
    front, _ = repair_front_matter(remove_controls(front)[0])
    try:
        value = load_document(front).value
    except YamlError:
        return False
    return isinstance(value, dict) and value.get("trang_thai") == OFFICIAL


def _git(root: Path, *args: str, timeout: float = LOG_TIMEOUT) -> str:
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    result = subprocess.run(
        ["git", "-c", "core.quotePath=false", "-C", str(root), *args],
        capture_output=True,
        timeout=timeout,
        env=env,
        check=True,
    )
    return result.stdout.decode("utf-8", "replace")


def read_history(
    root: Path, paths: list[str], folder: str = "submissions", word: WordOfficial | None = None
) -> History:
    """The history of `paths` (relative to root, under `folder`) on HEAD's first-parent line;
    `word` says whether a version of a Word file is official (its text has no front matter)."""
    if shutil.which("git") is None:
        return History(False, "no-git")
    try:
        top, shallow = _git(
            root, "rev-parse", "--show-toplevel", "--is-shallow-repository", timeout=30
        ).splitlines()[:2]
    except (OSError, subprocess.SubprocessError, ValueError):
        return History(False, "no-repository")
    if Path(top).resolve() != root.resolve():
        return History(False, "no-repository")
    if shallow.strip() == "true":
        return History(False, "shallow")
    try:
        log = _git(
            root,
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--format=%x1e%H %cI",
            "--name-only",
            "--",
            f"{folder}/",
        )
    except subprocess.CalledProcessError:
        return History(False, "no-commits")
    except (OSError, subprocess.SubprocessError):
        return History(False, "git-failed")
    touched: dict[str, list[tuple[str, datetime]]] = {p: [] for p in paths}
    for entry in reversed(log.split("\x1e")):  # oldest first
        lines = entry.strip("\n").split("\n")
        if not lines or not lines[0]:
            continue
        sha, _, when = lines[0].partition(" ")
        moment = datetime.fromisoformat(when)
        for name in lines[1:]:
            if name in touched:
                touched[name].append((sha, moment))
    try:
        files = _first_official(root, touched, word)
    except (OSError, subprocess.SubprocessError, ValueError):
        return History(False, "git-failed")
    return History(True, None, files)


def _first_official(
    root: Path, touched: dict[str, list[tuple[str, datetime]]], word: WordOfficial | None = None
) -> dict[str, FileHistory]:
    """Each file's versions, oldest first, read through one `git cat-file --batch` until the
    first official one."""
    out: dict[str, FileHistory] = {}
    env = dict(os.environ, LC_ALL="C")
    with subprocess.Popen(
        ["git", "-C", str(root), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    ) as git:
        assert git.stdin is not None and git.stdout is not None
        for path, commits in touched.items():
            official = None
            is_word = path.lower().endswith(WORD_SUFFIX)
            head = WORD_HEAD if is_word else BLOB_HEAD
            for sha, moment in commits:
                git.stdin.write(f"{sha}:{path}\n".encode())
                git.stdin.flush()
                header = git.stdout.readline().rsplit(maxsplit=2)
                if header[-1:] == [b"missing"] or len(header) != 3:  # deleted there
                    continue
                size = int(header[2])
                blob = git.stdout.read(min(size, head))
                _skip(git.stdout, size - len(blob) + 1)  # the rest, and the newline after it
                if header[1] != b"blob" or (is_word and (size > head or word is None)):
                    continue
                if word(path, blob) if is_word and word else is_official(blob):
                    official = moment
                    break
            last, first = (commits[-1][1], commits[0][1]) if commits else (None, None)
            out[path] = FileHistory(official, last, first)
        git.stdin.close()
        git.wait(timeout=LOG_TIMEOUT)
    return out


def _skip(stream, count: int) -> None:
    while count > 0:
        chunk = stream.read(min(count, 1 << 20))
        if not chunk:
            raise ValueError("git cat-file stopped early")
        count -= len(chunk)
