"""The frame of an administrative document, told apart from its content."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from baocao.importer.letterhead import date_line, is_layout_table, is_upper, number_line
from baocao.importer.reader import Para, Table
from baocao.messages import FRAME_PARTS
from baocao.text import collapse, fold

OPENING_SCAN = 30  # blocks from the start that may belong to the opening
CLOSING_SCAN = 30
TITLE_LINES = 3
_RULE = re.compile(r"^[\s\-_=.*…─—–~]+$")
_SIGNED = re.compile(r"^\(?\s*(?:đã ký|ký[^)]*|da ky|ky[^)]*)\s*\)?$", re.I)
_CAPACITY = re.compile(r"^(?:tm|kt|q|tl|tuq)\.\s", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_]+$")
_KINDS = {
    "bao cao",
    "ke hoach",
    "thong bao",
    "to trinh",
    "cong van",
    "quyet dinh",
    "chi thi",
    "bien ban",
}
_DATE_LINE = re.compile(r"^(?:[^,]{0,40},\s*)?ngay\b")  # "Hà Nội, ngày 03 tháng 12 năm 2024"
_CONTACT = re.compile(r"^nguoi lien he\s*[:.]")
_PHONE = re.compile(r"(?:\+84|0)\d[\d .()-]{6,16}\d")
# (an address starts where a run of its letters does: tried from each letter of a long run,
# the search took time growing with the square of its length)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tp": "thanh pho"}


@dataclass
class Contact:
    ho_ten: str | None = None
    dien_thoai: str | None = None
    email: str | None = None
    source: str = ""


@dataclass
class Frame:
    indices: set[int] = field(default_factory=set)  # blocks that are frame, not body
    moved: list[tuple[str, str]] = field(default_factory=list)  # (label, text) in order
    issuer: list[str] = field(default_factory=list)  # letterhead lines naming the agency
    contact: Contact | None = None

    def take(self, index: int, what: str, text: str) -> None:
        self.indices.add(index)
        if text:
            self.moved.append((FRAME_PARTS[what], collapse(text)))


def _name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        _NAME_WORD.match(w) and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
    )


def read_contact(text: str) -> Contact | None:
    if not _CONTACT.match(fold(text)):
        return None
    rest = collapse(text.split(":", 1)[1] if ":" in text else text.split(".", 1)[1])
    phone = _PHONE.search(rest)
    email = _EMAIL.search(rest)
    name = re.split(r"[,;(]", rest, maxsplit=1)[0].strip() or None
    if name and (phone and phone.group(0) in name or email and email.group(0) in name):
        name = None
    return Contact(
        name,
        collapse(phone.group(0)) if phone else None,
        email.group(0) if email else None,
        collapse(text),
    )


def _opening_kind(para: Para) -> str | None:
    """What an opening paragraph is, or None when it is content."""
    text = collapse(para.plain)
    folded = fold(text)
    if not text:
        return None if para.markdown() or para.notes else "blank"  # an image is content
    if _RULE.match(text):
        return "rule"
    if folded.startswith("cong hoa xa hoi") or "chu nghia viet nam" in folded:
        return "nation"
    if folded.startswith("doc lap") and "tu do" in folded:
        return "motto"
    if number_line(text) is not None:
        return "number"
    if len(text) < 120 and _DATE_LINE.match(folded) and date_line(text) is not None:
        return "place-date"
    if folded.strip(" .:") in _KINDS:
        return "kind"
    if folded.startswith("kinh gui"):
        return "recipients"
    return None


def find_frame(blocks: list[Para | Table], titles: set[int]) -> Frame:
    frame = Frame()
    _opening(blocks, titles, frame)
    _closing(blocks, titles, frame)
    return frame


def _opening(blocks: list[Para | Table], titles: set[int], frame: Frame) -> None:
    seen_kind = False
    title_lines = 0
    recipients = False
    for index, block in enumerate(blocks[:OPENING_SCAN]):
        if index in titles:
            return
        if isinstance(block, Table):
            if not is_layout_table(block):
                return
            frame.take(index, "head-table", "")
            left = block.rows[0][0].paras if block.rows and block.rows[0] else []
            for para in left:
                kind = _opening_kind(para)
                if kind is None and is_upper(para.plain):
                    frame.issuer.append(collapse(para.plain))
            for para in block.paras:
                if collapse(para.plain):
                    frame.moved.append((FRAME_PARTS["head"], collapse(para.plain)))
            continue
        kind = _opening_kind(block)
        text = collapse(block.plain)
        if kind == "kind":
            seen_kind = True
        elif kind == "recipients":
            recipients = True
        elif kind is None and recipients and text.startswith(("-", "+", "•")):
            kind = "recipients"
        elif kind is None and seen_kind and block.bold and title_lines < TITLE_LINES:
            kind, title_lines = "subject", title_lines + 1
        elif kind is None and not seen_kind and is_upper(text) and len(text) <= 80:
            kind = "issuer"
            frame.issuer.append(text)
        if kind is None:
            return
        if kind != "recipients":
            recipients = recipients and kind == "blank"
        frame.take(index, kind, "" if kind == "blank" else text)


def _closing(blocks: list[Para | Table], titles: set[int], frame: Frame) -> None:
    """From the end of the document, and from each "Nơi nhận" (an appendix may follow it)."""
    _scan_back(blocks, titles, frame, len(blocks) - 1)
    for index, block in enumerate(blocks):
        if index in frame.indices or index in titles or not _recipients(block):
            continue
        last = index
        while last + 1 < len(blocks) and _closing_line(blocks[last + 1]):
            last += 1
        _scan_back(blocks, titles, frame, last)


def _recipients(block: Para | Table) -> bool:
    if isinstance(block, Table):
        return is_layout_table(block) and any(
            fold(p.plain).startswith("noi nhan") for p in block.paras
        )
    return fold(collapse(block.plain)).startswith("noi nhan")


def _closing_line(block: Para | Table) -> bool:
    """What may follow "Nơi nhận": its "- ..." lines, the signature block, blank lines."""
    if isinstance(block, Table):
        return _signature_table(block)
    text = collapse(block.plain)
    return (
        not text
        and not block.markdown()
        or text.startswith(("-", "+"))
        or bool(_SIGNED.match(text) or _CAPACITY.match(text))
        or (is_upper(text) and len(text) <= 60)
        or _name(text)
    )


def _scan_back(blocks: list[Para | Table], titles: set[int], frame: Frame, last: int) -> None:
    taken: list[tuple[int, str, str]] = []
    pending: list[tuple[int, str, str]] = []  # "- ..." lines: recipients only below "Nơi nhận"
    signed = False
    start = max(last + 1 - CLOSING_SCAN, 0)
    for index in range(last, start - 1, -1):
        block = blocks[index]
        if index in titles or index in frame.indices:
            break
        if isinstance(block, Table):
            if is_layout_table(block) or _signature_table(block):
                taken.append((index, "closing-table", ""))
                taken += [
                    (index, "closing-table", p.plain) for p in reversed(block.paras) if p.plain
                ]
                signed = True
                continue
            break
        text = collapse(block.plain)
        folded = fold(text)
        contact = read_contact(text)
        if contact is not None:
            frame.contact = contact
            taken.append((index, "contact", text))
        elif not text and not block.markdown() and not block.notes:  # an image is content
            taken.append((index, "blank", ""))
        elif folded.startswith("noi nhan"):
            taken += pending + [(index, "copies", text)]
            pending = []
            signed = True
        elif text.startswith(("-", "+")):
            pending.append((index, "copies", text))
        elif pending:
            break
        elif _SIGNED.match(text) or _CAPACITY.match(text) or (is_upper(text) and len(text) <= 60):
            taken.append((index, "signature", text))
        elif _name(text):
            taken.append((index, "signature", text))
            signed = True
        else:
            break
    if not signed:
        taken = [t for t in taken if t[1] in ("blank", "contact")]
    for index, what, text in reversed(taken):
        frame.indices.add(index)
        if text and what != "blank":
            frame.moved.append((FRAME_PARTS[what], collapse(text)))


def _signature_table(table: Table) -> bool:
    texts = [collapse(p.plain) for p in table.paras if collapse(p.plain)]
    return (
        bool(texts)
        and len(texts) <= 12
        and any(_name(t) for t in texts)
        and any(_CAPACITY.match(t) or _SIGNED.match(t) for t in texts)
    )


ISSUER_MATCH = 0.75  # similarity from which a letterhead is taken to name an agency


def issuer_score(lines: list[str], name: str) -> float:
    """How well a letterhead names the agency `name` (abbreviations such as UBND expanded):
    1.0 when its whole text or its issuing unit contains the name."""
    target = _expand(name)
    best = 0.0
    for text in (" ".join(lines), lines[-1]):  # the whole letterhead, or the issuing unit
        folded = _expand(text)
        if len(folded.split()) < 2:
            continue
        if target in folded:
            return 1.0
        best = max(best, difflib.SequenceMatcher(None, folded, target).ratio())
    return best


def _expand(text: str) -> str:
    words = re.sub(r"[^\w\s]", " ", fold(text)).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)
