"""The one rule for what a report's links and images may point at: checker, site and DOCX."""

from __future__ import annotations

import os
import posixpath
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".odt", ".ods"})
ASSET_SUFFIXES = IMAGE_SUFFIXES | DOCUMENT_SUFFIXES
WEB_SCHEMES = frozenset({"http", "https", "mailto"})

# Refusals (message codes of messages.py)
OUTSIDE = "link-outside"
SCHEME = "link-scheme"
REMOTE_IMAGE = "image-remote"
EMBEDDED_IMAGE = "image-embedded"
HIDDEN = "link-hidden"
TYPE = "link-type"
IMAGE_TYPE = "image-type"


@dataclass(frozen=True)
class Target:
    """What a link or image target is: `web` (kept as written), `anchor`, `empty` (a link to
    nothing: harmless, dropped), or `local` with `path` (NFC, `<agency-id>/…`); or `refused`
    with the message code."""

    kind: str
    path: str = ""
    refused: str = ""


def resolve(target: str, agency_id: str, *, image: bool) -> Target:
    """Classify one target as written in agency_id's report (no file system access)."""
    target = target.strip()
    if not target and not image:
        return Target("empty")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        scheme = parts.scheme.lower()
        if scheme == "file" or not parts.scheme:  # a file of this machine, or "//host/…"
            return Target("refused", refused=OUTSIDE)
        if image:
            return Target("refused", refused=EMBEDDED_IMAGE if scheme == "data" else REMOTE_IMAGE)
        if scheme in WEB_SCHEMES and (parts.netloc or scheme == "mailto"):
            return Target("web")
        return Target("refused", refused=SCHEME)
    if target.startswith("#") and not image:
        return Target("anchor")
    path = unicodedata.normalize("NFC", unquote(parts.path)).replace("\\", "/")
    if not path:
        return Target("refused", refused=IMAGE_TYPE if image else OUTSIDE)
    normal = posixpath.normpath(path)
    head, _, rest = normal.partition("/")
    if path.startswith("/") or head != agency_id or not rest:
        return Target("refused", refused=OUTSIDE)
    if any(part.startswith(".") for part in rest.split("/")):
        return Target("refused", refused=HIDDEN)
    suffix = posixpath.splitext(rest)[1].lower()
    if suffix not in (IMAGE_SUFFIXES if image else ASSET_SUFFIXES):
        return Target("refused", refused=IMAGE_TYPE if image else TYPE)
    return Target("local", path=normal)


def url_path(path: str) -> str:
    """A local target's path as a URL path (spaces and Vietnamese letters escaped)."""
    return quote(path)


# --- the files themselves ------------------------------------------------------------------

_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}


def image_bytes_match(path: Path) -> bool:
    """Whether the file starts the way an image of its suffix does (not text named .png)."""
    with open(path, "rb") as handle:
        head = handle.read(16)
    suffix = path.suffix.lower()
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head.startswith(_MAGIC.get(suffix, (b"\0invalid",)))


def agency_files(submissions_dir: Path, agency_id: str) -> dict[str, Path]:
    """`<agency-id>/…` (NFC) -> file, for every file an output may publish from the agency's
    folder: regular, one link only, allowed type, reached without a link or hidden name, an
    image whose bytes are of its type."""
    root = str(submissions_dir)
    folder = Path(root, agency_id)
    found: dict[str, Path] = {}
    if not _is_plain_dir(folder):
        return found
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and _is_plain_dir(Path(current, d))
        )
        for name in sorted(files):
            path = Path(current, name)
            suffix = path.suffix.lower()
            if name.startswith(".") or suffix not in ASSET_SUFFIXES:
                continue
            try:
                info = os.lstat(path)
                plain = stat.S_ISREG(info.st_mode) and info.st_nlink == 1
                if plain and suffix in IMAGE_SUFFIXES:
                    plain = image_bytes_match(path)
            except OSError:
                continue
            if plain:
                key = unicodedata.normalize("NFC", path.relative_to(root).as_posix())
                found[key] = path
    return found


def why_not_published(submissions_dir: Path, path: str) -> str | None:
    """For a local target that is not among agency_files: the message code saying why."""
    current: Path | None = submissions_dir
    info = None
    for part in path.split("/"):
        current = _find(current, part) if current is not None else None
        if current is None:
            return "link-missing"
        try:
            info = os.lstat(current)
        except OSError:
            return "link-missing"
        if stat.S_ISLNK(info.st_mode):
            return "link-symlink"
    if info is None or not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        return "link-symlink"
    return "image-content"


def _find(folder: Path, name: str) -> Path | None:
    """The entry of folder named `name`, whatever the Unicode normalisation of either."""
    direct = folder / name
    if os.path.lexists(direct):
        return direct
    try:
        entries = os.listdir(folder)
    except OSError:
        return None
    for entry in entries:
        if unicodedata.normalize("NFC", entry) == name:
            return folder / entry
    return None


def _is_plain_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False
