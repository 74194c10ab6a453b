"""Open the source file: a .docx, or a clear Vietnamese reason why not (and, asked to, convert)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from baocao.errors import ImportFailure
from baocao.importer.package import check_package
from baocao.messages import HOW_TO_CONVERT, HOW_TO_RESAVE, error_text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
CONVERT_TIMEOUT = 180  # seconds


def _how_to_convert(name: str) -> str:
    return HOW_TO_CONVERT.format(name=name)


def kind_of(path: Path) -> str:
    """docx | doc | encrypted | rtf | unknown, from the file's first bytes, not its name."""
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head.startswith(b"PK"):
            return "docx"
        if head == OLE_MAGIC:
            data = head + handle.read()
            return "encrypted" if _ENCRYPTED in data else "doc"
        if head.startswith(b"{\\rtf"):
            return "rtf"
    return "unknown"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, work: Path) -> Path:
    """LibreOffice headless conversion into `work`; the result's path."""
    program = soffice()
    if program is None:
        how = _how_to_convert(path.name).split(";")[0]
        raise ImportFailure(error_text("import-no-soffice", name=path.name, how=how))
    profile = tempfile.mkdtemp(prefix="lo-profile-", dir=work)
    command = [
        program,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "docx",
        "--outdir",
        str(work),
        str(path),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise ImportFailure(
            error_text("import-convert-timeout", name=path.name, seconds=CONVERT_TIMEOUT)
        ) from None
    result = work / (path.stem + ".docx")
    if not result.exists():
        raise ImportFailure(error_text("import-convert-failed", name=path.name))
    return result


def open_docx(path: Path, *, convert: bool, work: Path, sent: bool = False):
    """The python-docx Document of `path`, converting .doc/.rtf with LibreOffice when `convert`;
    `sent`: a file of submissions/, whose sender has no command to run again."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise ImportFailure(error_text("import-missing", path=path))
    try:
        kind = kind_of(path)
    except OSError as error:
        raise ImportFailure(
            error_text("import-unreadable", name=path.name, reason=error.strerror)
        ) from None
    how = (HOW_TO_RESAVE if sent else HOW_TO_CONVERT).format(name=path.name)
    if kind == "encrypted":
        code = "docx-encrypted" if sent else "import-encrypted"
        raise ImportFailure(error_text(code, name=path.name))
    if kind in ("doc", "rtf"):
        label = "Word 97-2003 (.doc)" if kind == "doc" else "RTF"
        if not convert:
            raise ImportFailure(
                error_text("import-old-format", name=path.name, label=label, how=how)
            )
        path = convert_to_docx(path, work)
    elif kind != "docx":
        raise ImportFailure(error_text("import-unknown-format", name=path.name, how=how))
    check_package(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as error:
        if sent:  # the sender saves it again; the name of the error is for the secretariat
            raise ImportFailure(error_text("docx-broken", name=path.name)) from None
        raise ImportFailure(
            error_text("import-broken", name=path.name, kind=type(error).__name__)
        ) from None
    except ValueError as error:  # e.g. an .xlsx or .pptx renamed: "file ... is not a Word file"
        raise ImportFailure(
            error_text("import-not-word", name=path.name, detail=error, how=how)
        ) from None
    except Exception as error:  # malformed XML inside the package
        if sent:
            raise ImportFailure(error_text("docx-broken", name=path.name)) from None
        raise ImportFailure(
            error_text("import-bad-xml", name=path.name, kind=type(error).__name__)
        ) from None
    return document
