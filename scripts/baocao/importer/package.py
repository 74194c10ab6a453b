"""A .docx is a zip package from outside: bounded and inspected before python-docx opens it."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from baocao.errors import ImportFailure
from baocao.limits import WORD_XML_BYTES
from baocao.messages import error_text

MAX_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed size of one part
_MACRO = re.compile(r"vbaProject|vbaData|macroEnabled|/activeX/", re.I)
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_HYPERLINK = "/relationships/hyperlink"
_TEMPLATE = "/relationships/attachedTemplate"  # settings.xml: the template it was made from
_CHUNK = "/relationships/aFChunk"  # HTML, RTF or another .docx Word converts when opening


def check_package(path: Path) -> None:
    """Raise ImportFailure (Vietnamese) when the package is too large, a bomb or active."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailure(too_large(name, size))
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
            if len(entries) > MAX_ENTRIES:
                raise ImportFailure(
                    error_text("docx-too-many-parts", name=name, count=len(entries))
                )
            unpacked = sum(e.file_size for e in entries)
            if unpacked > MAX_UNPACKED or any(
                e.file_size > MAX_RATIO * max(e.compress_size, 1024) for e in entries
            ):
                raise ImportFailure(error_text("docx-bomb", name=name, size=_mb(unpacked)))
            xml = sum(e.file_size for e in entries if _is_xml(package, e))
            if xml > WORD_XML_BYTES:
                raise ImportFailure(
                    error_text(
                        "docx-text-too-large", name=name, size=_mb(xml), limit=_mb(WORD_XML_BYTES)
                    )
                )
            names = [e.filename for e in entries]
            types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            if any(_MACRO.search(n) for n in names) or b"macroEnabled" in types:
                raise ImportFailure(error_text("docx-macro", name=name))
            for entry in names:
                if not entry.lower().endswith(".rels"):
                    continue
                rels = _relationships(package.read(entry))
                if any(r.get("Type", "").endswith(_CHUNK) for r in rels):
                    raise ImportFailure(error_text("docx-altchunk", name=name))
                outside = [r for r in rels if _links_out(r)]
                if outside and all(r.get("Type", "").endswith(_TEMPLATE) for r in outside):
                    # made from a template of the author's computer or a file share (.dotx)
                    raise ImportFailure(error_text("docx-template", name=name))
                if outside:
                    raise ImportFailure(error_text("docx-external", name=name))
    # a part whose packed bytes are spoiled, encrypted or packed by an unknown method; or
    # relationships that are no XML
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        RuntimeError,
        NotImplementedError,
        etree.XMLSyntaxError,
    ):
        raise ImportFailure(error_text("docx-broken", name=name)) from None


def _relationships(rels: bytes) -> list:
    """The relationships of a .rels part, read as Word reads them (quotes, spaces and
    character references as XML has them)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return list(etree.fromstring(rels, parser=parser).iter(_RELATIONSHIP))


def _links_out(rel) -> bool:
    """An external target other than a hyperlink: Word or LibreOffice would fetch it."""
    return rel.get("TargetMode") == "External" and not rel.get("Type", "").endswith(_HYPERLINK)


def _is_xml(package: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Whether a part is XML by its first bytes (any name: [Content_Types].xml names the rest),
    past a byte-order mark, spaces or the zeros of UTF-16 and UTF-32, however many (XML may
    start with spaces: a window of 64 bytes let a document start with 100 and not count)."""
    with package.open(entry) as part:
        while chunk := part.read(64 * 1024):
            head = chunk.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
            if head:
                return head.startswith(b"<")
    return False


def too_large(name: str, size: int) -> str:
    return error_text("docx-too-large", name=name, size=_mb(size), limit=_mb(MAX_BYTES))


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"
