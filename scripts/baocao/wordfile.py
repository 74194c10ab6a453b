"""A Word file as a submission: `submissions/<agency-id>.docx`, read through the importer."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from baocao.blank_report import FIELD_PLACEHOLDER
from baocao.body import scan_headings
from baocao.campaign import Agency, Campaign
from baocao.entries import TOO_LARGE, EntryError, read_regular
from baocao.errors import ImportFailure
from baocao.limits import REPORT_BYTES
from baocao.messages import CONTACT_PARTS, phrase, render
from baocao.problems import ERROR, WARNING, Problem
from baocao.submission import Submission, load_submission
from baocao.text import format_number, report_stem, shorten
from baocao.validation import FrontMatterValidator

if TYPE_CHECKING:
    from baocao.importer.convert import ImportResult

SUFFIX = ".docx"
LOCK_PREFIX = "~$"  # Word's owner file while a document is open: "~$-y-te.docx"
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]+\)")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"^\s*(?:phần\s+)?([IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.):]", re.I)


def is_word(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


def word_files(folder: Path) -> list[Path]:
    """The .docx files of submissions/, without Word's lock files (~$name.docx)."""
    return [p for p in folder.glob("*" + SUFFIX) if not p.name.startswith(LOCK_PREFIX)]


def load_word_submission(
    path: Path, display: str, validator: FrontMatterValidator, campaign: Campaign
) -> Submission:
    """The submission a Word file makes; every problem recorded on it, nothing raised."""
    from baocao.importer.package import MAX_BYTES, too_large

    agency = campaign.agency(path.stem)
    if path.name.startswith(LOCK_PREFIX):  # uploaded by mistake: not to be renamed a report
        sub = Submission(path=path, file=display)
        message = render("word-lock-file", name=path.name)
        sub.problems.append(Problem(display, None, "word-lock-file", message))
        return sub
    if agency is None:
        sub = Submission(path=path, file=display)
        close = likely_agency_id(campaign, path.stem)
        hint = render("word-agency-hint", name=close + SUFFIX) if close else ""
        message = render("word-agency", name=path.name, suggestion=hint)
        sub.problems.append(Problem(display, None, "word-agency", message))
        return sub
    try:
        data = read_regular(path, MAX_BYTES)  # no link, FIFO or device is opened by the importer
    except EntryError as error:
        sub = Submission(path=path, file=display)
        if error.code == TOO_LARGE:
            message = too_large(path.name, int(str(error.values["size"])))
            sub.problems.append(Problem(display, None, "word-unreadable", message))
        else:
            sub.problems.append(Problem(display, None, error.code, error.message(display)))
        return sub
    try:
        result = _imported(campaign, agency, path.name, data)
    except ImportFailure as error:
        sub = Submission(path=path, file=display)
        sub.problems.append(Problem(display, None, "word-unreadable", str(error)))
        return sub
    except (ValueError, KeyError, AttributeError, TypeError) as error:
        sub = Submission(path=path, file=display)
        detail = type(error).__name__
        sub.problems.append(
            Problem(display, None, "word-unreadable", render("word-structure", detail=detail))
        )
        return sub
    size = len(result.text.encode("utf-8"))
    if size > REPORT_BYTES:  # as for a .md: what is accepted builds in bounded time
        sub = Submission(path=path, file=display)
        message = render(
            "word-text-bytes", size=format_number(size), limit=format_number(REPORT_BYTES)
        )
        sub.problems.append(Problem(display, None, "limit-file-bytes", message))
        return sub
    text, images = _without_images(result.text)
    sub = load_submission(path, display, validator, text=text)
    sub.places = places(text)
    if _unnumbered(sub.meta.get("so_ky_hieu")):  # "Số: ...../BC-....." left as in the template
        line = sub.field_line("so_ky_hieu")  # `locate` says it the Word way, in its order
        message = render("word-field-number")
        sub.problems.append(
            Problem(display, line, "field-placeholder", message, WARNING, field="so_ky_hieu")
        )
    for warning in result.warnings:  # letterhead of another agency, figures not taken
        sub.problems.append(Problem(display, None, "word-import", warning, WARNING))
    if result.source.revisions:  # read as accepted: deleted text is not shown
        message = render("word-revisions", count=result.source.revisions)
        sub.problems.append(Problem(display, None, "word-revisions", message, WARNING))
    if result.source.comments:  # dropped
        message = render("word-comments", count=result.source.comments)
        sub.problems.append(Problem(display, None, "word-comments", message, WARNING))
    if images:
        sub.problems.append(
            Problem(display, None, "word-images", render("word-images", count=images), WARNING)
        )
    return sub


def likely_agency_id(campaign: Campaign, stem: str) -> str | None:
    """The agency id a misnamed file most likely means ("QLTT-An-Giang (1)")."""
    cleaned = report_stem(stem)
    return cleaned if campaign.agency(cleaned) is not None else campaign.closest_agency_id(cleaned)


def issued_version(campaign: Campaign, path: str, data: bytes) -> bool:
    """One version of `submissions/<id>.docx` from git history: read as the file is, official
    (numbered, dated, signed)? What cannot be read is not."""
    from baocao.receipt import is_official

    agency = campaign.agency(Path(path).stem)
    if agency is None:
        return False
    try:
        result = _imported(campaign, agency, Path(path).name, data)
    except (ImportFailure, ValueError, KeyError, AttributeError, TypeError):
        return False
    return is_official(result.text.encode("utf-8"))


def _imported(campaign: Campaign, agency: Agency, name: str, data: bytes) -> ImportResult:
    """The bytes of a Word file named name, read by the importer as a submission."""
    from baocao.importer import import_docx
    from baocao.importer.opening import open_docx

    with tempfile.TemporaryDirectory(prefix="baocao-word-") as work:
        copy = Path(work) / name
        copy.write_bytes(data)
        document = open_docx(copy, convert=False, work=Path(work), sent=True)
        return import_docx(campaign, agency, document, name, submission=True)


def _unnumbered(number: object) -> bool:
    """A "Số:" line without a number: the report is read as a draft (no message otherwise;
    a missing line is already reported as a placeholder)."""
    return isinstance(number, str) and number != FIELD_PLACEHOLDER and not _DIGIT.search(number)


def _without_images(text: str) -> tuple[str, int]:
    count = 0

    def note(m: re.Match) -> str:
        nonlocal count
        count += 1
        return f"*(Hình trong tệp Word{': ' + m.group(1) if m.group(1) else ''})*"

    return _IMAGE.sub(note, text), count


def places(text: str) -> list[str]:
    """The place in the Word file of each line of the text made from it (index = line - 1)."""
    lines = text.split("\n")
    closing = lines.index("---", 1) if lines and lines[0] == "---" and "---" in lines[1:] else 0
    out = [render("word-place-head")] * (closing + 1)
    body = lines[closing + 1 :]
    starts = {h.index: h for h in scan_headings(body)}
    path: list[tuple[int, str]] = []
    paragraph, blank = 0, True
    for index, line in enumerate(body):
        heading = starts.get(index)
        if heading is not None:
            path = [p for p in path if p[0] < heading.level] + [(heading.level, heading.text)]
            paragraph, blank = 0, True
            out.append(_section(path))
            continue
        if line.strip() and blank:
            paragraph += 1
        blank = not line.strip()
        section = _section(path) if path else render("word-place-opening")
        out.append(render("word-place", section=section, paragraph=max(paragraph, 1)))
    return out


def _section(path: list[tuple[int, str]]) -> str:
    """ "Phần 1, mục I.2" from the numbers of the headings above; an unnumbered heading
    below them is added by its title: 'Mục II.2, tiêu đề "Kết quả khác"'."""
    texts = [text for _, text in path]
    out = ""
    if texts and texts[0].lower().startswith("phần") and _NUMBER.match(texts[0]):
        out = phrase("word-part", number=_NUMBER.match(texts[0]).group(1))  # type: ignore[union-attr]
        texts = texts[1:]
    numbers: list[str] = []
    while texts and (m := _NUMBER.match(texts[0])):
        number = m.group(1)
        if numbers and number.startswith(numbers[-1] + "."):
            numbers[-1] = number  # "1." then "1.1.": Mục III.1.1, not III.1.1.1
        else:
            numbers.append(number)
        texts = texts[1:]
    if numbers:
        out += phrase("word-subsection" if out else "word-section", number=".".join(numbers))
    if texts:
        title = f'"{shorten(texts[-1], 60)}"'
        out += phrase("word-subtitle" if out else "word-title", title=title)
    return out


# front-matter problems a Word user fixes in the document itself: what to write, and where
_WORD_FIELDS = {
    ("field-placeholder", "so_ky_hieu"): "word-field-number",
    ("field-placeholder", "ngay_ban_hanh"): "word-field-date",
    ("field-placeholder", "nguoi_ky"): "word-field-signer",
    ("field-placeholder", "lien_he"): "word-field-contact",
}


_FIELD_PATH = re.compile(r"\s*\([^)]*\)")  # the item of a field: " (năm 2024)"

# a heading missing: its place would be the next heading's, where it must not be written
_BETWEEN = ("section-missing", "task-missing")


def locate(sub: Submission, problems: list[Problem]) -> list[Problem]:
    """The problems of a Word submission with their place instead of a line."""
    if sub.places is None:
        return problems
    located: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for problem in problems:
        if problem.file != sub.file or problem.line is None:
            located.append(problem)
            continue
        place = (
            sub.places[problem.line - 1]
            if problem.line < len(sub.places)
            else render("word-place-end")
        )
        field = _FIELD_PATH.sub("", problem.field or "")  # "so_lieu (năm 2024).tien_phat"
        word = _WORD_FIELDS.get((problem.code, field.split(".")[0]))
        if word:
            message = render(word)
        elif problem.code in _BETWEEN:  # the message names the headings around it
            message = problem.message
        else:
            if field.split(".")[0] == "so_lieu":  # read from the figures table, not the head
                place = render("word-place-figures")
            # the field's name in the text made from the file means nothing in Word
            message = problem.message.replace(f" ({field.split('.')[-1]})", "", 1)
            message = f"{place}: {message}"
        if word == "word-field-contact" and (missing := _missing_contact(sub.meta)):
            message = render("word-field-contact-part", missing=missing)
        if (problem.code, message) in seen:  # the three contact fields: one line to write
            continue
        seen.add((problem.code, message))
        located.append(  # no line to show, but the document's order kept
            dataclasses.replace(
                problem, line=None, column=None, message=message, order=problem.line
            )
        )
    return located


def _missing_contact(meta: dict) -> str | None:
    """ "thư điện tử" when the contact line gave the rest; None when it gave nothing."""
    contact = meta.get("lien_he")
    if not isinstance(contact, dict):
        return None
    missing = [
        label for key, label in CONTACT_PARTS.items() if contact.get(key) == FIELD_PLACEHOLDER
    ]
    if not missing or len(missing) == len(CONTACT_PARTS):
        return None
    return phrase("and").join(missing)


def both_formats(files: list[Path]) -> list[Path]:
    """The .docx files of agencies that also have a .md: they are not read (an error)."""
    stems = {p.stem for p in files if p.suffix == ".md"}
    return [p for p in files if is_word(p) and p.stem in stems]


def both_problem(path: Path, display: str) -> Problem:
    return Problem(
        display,
        None,
        "word-and-markdown",
        render("word-and-markdown", docx=path.name, md=path.stem + ".md"),
        ERROR,
    )
