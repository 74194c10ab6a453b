"""Open the source file: a .docx, or a clear Vietnamese reason why not (and, asked to, convert)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from baocao.errors import ImportFailure

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
CONVERT_TIMEOUT = 180  # seconds


def _how_to_convert(name: str) -> str:
    return (
        f"Hãy mở tệp bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx (Tệp > Lưu thành > Word Document (*.docx)), "
        f'rồi chạy lại lệnh với tệp .docx; hoặc chạy lại lệnh với --convert để LibreOffice tự chuyển "{name}".'
    )


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
        raise ImportFailure(
            f"{path.name}: không tìm thấy LibreOffice (lệnh soffice) để chuyển tệp. "
            + _how_to_convert(path.name).split(";")[0]
            + "."
        )
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
            f"{path.name}: LibreOffice không chuyển xong tệp sau {CONVERT_TIMEOUT} giây."
        ) from None
    result = work / (path.stem + ".docx")
    if not result.exists():
        raise ImportFailure(
            f"{path.name}: LibreOffice không chuyển được tệp sang .docx (tệp hỏng hoặc có mật khẩu?)."
        )
    return result


def open_docx(path: Path, *, convert: bool, work: Path):
    """The python-docx Document of `path`, converting .doc/.rtf with LibreOffice when `convert`."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise ImportFailure(f'không tìm thấy tệp "{path}".')
    try:
        kind = kind_of(path)
    except OSError as error:
        raise ImportFailure(f"{path.name}: không đọc được tệp ({error.strerror}).") from None
    if kind == "encrypted":
        raise ImportFailure(
            f"{path.name}: tệp được bảo vệ bằng mật khẩu. Hãy mở tệp trong Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi chạy lại lệnh."
        )
    if kind in ("doc", "rtf"):
        label = "Word 97-2003 (.doc)" if kind == "doc" else "RTF"
        if not convert:
            raise ImportFailure(
                f"{path.name}: đây là tệp {label}, lệnh chỉ đọc được tệp .docx. "
                + _how_to_convert(path.name)
            )
        path = convert_to_docx(path, work)
    elif kind != "docx":
        raise ImportFailure(
            f"{path.name}: không phải tệp Word .docx (không nhận ra định dạng). "
            + _how_to_convert(path.name)
        )
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as error:
        raise ImportFailure(
            f"{path.name}: tệp .docx bị hỏng, không mở được ({type(error).__name__}). Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi chạy lại lệnh."
        ) from None
    except ValueError as error:  # e.g. an .xlsx or .pptx renamed: "file ... is not a Word file"
        raise ImportFailure(
            f"{path.name}: không phải tài liệu Word ({error}). " + _how_to_convert(path.name)
        ) from None
    except Exception as error:  # malformed XML inside the package
        raise ImportFailure(
            f"{path.name}: nội dung tệp .docx bị hỏng, không đọc được ({type(error).__name__}). Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi chạy lại lệnh."
        ) from None
    return document
