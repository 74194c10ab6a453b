"""Reading a submission file: bytes -> NFC text with LF -> front matter text + body text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from baocao.entries import EntryError, read_regular
from baocao.limits import REPORT_BYTES
from baocao.text import format_number, nfc

FRONT_MATTER_LIMIT = 64_000
_FENCE = "---"
_CLOSER = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.M)


@dataclass
class ReadError(Exception):
    code: str
    line: int | None = None
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SplitFile:
    front_matter: str  # YAML text between the fences
    body: str  # Markdown after the closing fence
    body_start: int  # 1-based line number in the file of the first body line


def decode(data: bytes) -> str:
    """UTF-8 (BOM allowed) to NFC text with LF line endings."""
    if not data.strip():
        raise ReadError("file-empty", 1)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ReadError("file-utf16", 1)
    if b"\x00" in data[:8192]:
        raise ReadError("file-binary", 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[start : error.start].decode("utf-8", "replace")) + 1  # characters
        raise ReadError(
            "file-encoding", line, {"byte": data[error.start], "column": column}
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if unicodedata.is_normalized("NFC", text) else nfc(text)


def split(text: str) -> SplitFile:
    """Separate the YAML front matter (between two `---` lines) from the Markdown body."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != _FENCE:
        raise ReadError("frontmatter-missing", 1)
    closer = _CLOSER.search(text, first_end + 1) if first_end >= 0 else None
    if closer is None:
        raise ReadError("frontmatter-unclosed", 1)
    front = text[first_end + 1 : closer.start()]
    if len(front) > FRONT_MATTER_LIMIT:
        raise ReadError(
            "frontmatter-too-large", 1, {"size": len(front), "limit": FRONT_MATTER_LIMIT}
        )
    closing_index = text.count("\n", 0, closer.start())
    body = text[closer.end() + 1 :]
    return SplitFile(front if front.endswith("\n") else front + "\n", body, closing_index + 2)


def read(path: Path) -> SplitFile:
    """Read through baocao.entries.read_regular: a regular file, at most limits.REPORT_BYTES."""
    try:
        data = read_regular(path, REPORT_BYTES)
    except EntryError as error:
        values = {k: format_number(v) if isinstance(v, int) else v for k, v in error.values.items()}
        raise ReadError(error.code, None, values) from None
    except OSError as error:
        raise ReadError("file-unreadable", None, {"detail": error.strerror or str(error)}) from None
    return split(decode(data))
