"""The letterhead and signature block of an administrative document, as front-matter fields."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from baocao.importer.reader import BREAK, TEXT, Para, Table
from baocao.text import collapse, fold

SIGNATURE_LINES = 3  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
HEAD_SCAN = 20  # paragraphs from the start searched for the number and the date
# "Số: 125/BC-UBND"; also "Số 125/BC-UBND", the colon forgotten before a number
# (the spaces before the number are one run: `\s*` then `\s+(?=\d)` split a long run of
# them every way, in time growing with the square of its length)
_NUMBER = re.compile(r"^s[oố](?:\s*ky hieu)?\s*(?:[:.]\s*|(?<=\s)(?=\d))(?P<value>.*)$")
_DATE = re.compile(  # "ngày 03 tháng 12 năm 2024"
    r"ngay(?:\s*(?P<d>\d{1,2}))?[\s.…_]*thang(?:\s*(?P<m>\d{1,2}))?[\s.…_]*nam\s*(?P<y>\d{4})"
)
# typed short, as a line of its own ("Nghệ An, ngày 5/12/2024"): in a sentence, "ngày 29/3/2023"
# is the date of another document
_SHORT_DATE = re.compile(
    r"(?:[^,]{0,40},\s*)?ngay\s*(?P<d>\d{1,2})\s*([/.-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4})\s*\.?"
)
_SIGNED = re.compile(r"^\(?\s*(?:đã ký|ký[^)]*|da ky)\s*\)?$", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]*$")


@dataclass
class Letterhead:
    so_ky_hieu: str | None = None
    ngay_ban_hanh: str | None = None  # dd/mm/yyyy
    noi_ban_hanh: str | None = None
    ho_ten: str | None = None
    chuc_vu: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> the source line it came from


def is_layout_table(table: Table) -> bool:
    """A table used to lay out the letterhead or the signature block, not a table of data."""
    texts = [fold(p.plain) for p in table.paras]
    return any(
        t.startswith(("noi nhan", "cong hoa xa hoi", "cong hoa")) or "chu nghia viet nam" in t
        for t in texts
    )


def _paras(blocks: list[Para | Table]) -> list[Para]:
    out: list[Para] = []
    for block in blocks:
        out.extend(block.paras if isinstance(block, Table) else [block])
    return out


def number_line(text: str) -> str | None:
    """The value of a "Số: 12/BC-BCA" line, or None when the line is not one."""
    m = _NUMBER.match(fold(text))
    if not m:
        return None
    value = collapse(text[len(text) - len(m.group("value")) :]) if m.group("value") else ""
    value = re.sub(r"\s*([/-])\s*", r"\1", value)
    value = re.sub(r"^[.…_\s]+", "", value)
    value = re.sub(r"[.…_]+(?=/)", "", value)
    if value and date_line(value) is not None:  # "Số: 125/BC-UBND<Tab>Hà Nội, ngày 03 tháng…"
        value = value.split()[0]  # on one line: the number is its first word
    return value if "/" in value and len(value) <= 60 else None


def date_line(text: str) -> tuple[str | None, str | None] | None:
    """(dd/mm/yyyy or None, place) of a "Hà Nội, ngày 03 tháng 12 năm 2024" line, or None."""
    folded = fold(text)
    m = _DATE.search(folded) or _SHORT_DATE.fullmatch(folded.strip())
    if not m:
        return None
    start = m.start() if m.re is _DATE else folded.find("ngay")
    place = collapse(text[: folded.find(",", 0, start) if "," in folded[:start] else 0]) or None
    day, month = m.group("d"), m.group("m")
    if day and month:
        year = int(m.group("y"))
        try:
            issued = date(year, int(month), int(day))
        except ValueError:  # "ngày 31 tháng 11": kept, for the check to say it does not exist
            return f"{int(day):02d}/{int(month):02d}/{year}", place
        return issued.strftime("%d/%m/%Y"), place
    return None, place


def is_upper(text: str) -> bool:
    """Whether every letter of text is a capital (and it has one)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _lines(para: Para) -> list[str]:
    """The lines of a paragraph of the signature block, split where Word breaks the line
    (Shift+Enter between "KT. CỤC TRƯỞNG" and "PHÓ CỤC TRƯỞNG")."""
    if not any(s.kind == BREAK for s in para.segments):
        return [para.plain]
    text = "".join(
        s.text if s.kind == TEXT else "\n" if s.kind == BREAK else "" for s in para.segments
    )
    return [unicodedata.normalize("NFC", line) for line in text.split("\n")]


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    lines = [
        collapse(line) for line in lines if collapse(line) and not _SIGNED.match(collapse(line))
    ]
    name_index = None
    for index, line in enumerate(lines):
        words = line.split()
        if 2 <= len(words) <= 6 and all(
            _NAME_WORD.match(w) and w[0].isupper() and (len(w) == 1 or w[1:].islower())
            for w in words
        ):
            name_index = index
    if name_index is None:
        return None, None
    positions: list[str] = []  # the capitals just above the name: "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"
    for line in reversed(lines[:name_index]):
        if not is_upper(line) or len(positions) == SIGNATURE_LINES:
            break
        positions.insert(0, line)
    return lines[name_index], " / ".join(positions) or None


def read_letterhead(blocks: list[Para | Table]) -> Letterhead:
    head = Letterhead()
    for para in _paras(blocks)[:HEAD_SCAN]:
        text = para.plain
        if head.so_ky_hieu is None and (number := number_line(text)) is not None:
            head.so_ky_hieu, head.sources["so_ky_hieu"] = number, text
        if "ngay_ban_hanh" not in head.sources and (found := date_line(text)) is not None:
            head.ngay_ban_hanh, head.noi_ban_hanh = found
            head.sources["ngay_ban_hanh"] = text
    signature: list[str] | None = None
    for block in reversed(blocks):
        if isinstance(block, Table) and is_layout_table(block):
            cells = [cell for row in block.rows for cell in row]
            if any(fold(p.plain).startswith("noi nhan") for c in cells for p in c.paras):
                signature = [
                    line
                    for c in cells
                    if not any(fold(p.plain).startswith("noi nhan") for p in c.paras)
                    for p in c.paras
                    for line in _lines(p)
                ]
                break
    if signature is None:
        tail = [
            line
            for b in blocks[-15:]
            if isinstance(b, Para) and b.style_level is None
            for line in _lines(b)
        ]
        signature = [
            t
            for t in tail
            if not t.startswith(("-", "+")) and not fold(t).startswith(("noi nhan", "luu"))
        ]
    name, position = _signature(signature)
    if name:
        head.ho_ten, head.chuc_vu = name, position
        head.sources["nguoi_ky"] = name
    return head
