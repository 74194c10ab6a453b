"""An opened DOCX to the text of `submissions/<id>.md` and its images: no file is written here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from baocao.blank_report import FIELD_PLACEHOLDER
from baocao.campaign import Agency, Campaign
from baocao.completeness import agency_parts
from baocao.errors import ImportFailure
from baocao.importer.figures import Figures, read_figures
from baocao.importer.frame import ISSUER_MATCH, Contact, Frame, find_frame, issuer_score
from baocao.importer.letterhead import Letterhead, read_letterhead
from baocao.importer.markdown import grid, render_body
from baocao.importer.reader import Para, Source, Table, read_document
from baocao.importer.structure import Title, find_titles, map_titles, split_run_in_titles
from baocao.limits import TABLE_CELLS
from baocao.messages import error_text, render
from baocao.text import fold, format_number, nfc


@dataclass
class ImportResult:
    text: str  # the whole submission file: front matter and Markdown body
    body: str
    source: Source
    letterhead: Letterhead
    titles: list[Title] = field(default_factory=list)
    frame: Frame = field(default_factory=Frame)
    figures: Figures | None = None  # the table that became so_lieu
    warnings: list[str] = field(default_factory=list)  # Vietnamese, for the import report
    skipped: set[int] = field(default_factory=set)  # blocks not in the body (frame, figures)

    @property
    def images(self) -> dict[str, bytes]:
        return self.source.images

    @property
    def mapped(self) -> list[Title]:
        return [t for t in self.titles if t.spec is not None]

    @property
    def unmapped(self) -> list[Title]:
        return [t for t in self.titles if t.spec is None]


def _quote(value: str | None) -> str:
    return json.dumps(value if value else FIELD_PLACEHOLDER, ensure_ascii=False)


def front_matter(
    agency: Agency,
    head: Letterhead,
    source_name: str,
    *,
    contact: Contact | None = None,
    figures: list[dict] | None = None,
    official: bool = False,
) -> str:
    contact = contact or Contact()
    lines = [
        "---",
        f"# Nhập từ tệp Word {json.dumps(source_name, ensure_ascii=False)} bằng lệnh baocao import; hãy soát lại mọi trường.",
        f"co_quan: {agency.id}",
        f"so_ky_hieu: {_quote(head.so_ky_hieu)}",
        f"ngay_ban_hanh: {_quote(head.ngay_ban_hanh)}",
        "nguoi_ky:",
        f"  ho_ten: {_quote(head.ho_ten)}",
        f"  chuc_vu: {_quote(head.chuc_vu)}",
        f"trang_thai: {'chinh_thuc' if official else 'du_thao'}",
        "lien_he:",
        f"  ho_ten: {_quote(contact.ho_ten)}",
        f"  dien_thoai: {_quote(contact.dien_thoai)}",
        f"  email: {_quote(contact.email)}",
    ]
    if figures:
        lines.append(f"so_lieu: {json.dumps(figures, ensure_ascii=False)}")
    return "\n".join(lines + ["---", ""])


def signed(head: Letterhead) -> bool:
    """A number ("125/BC-..."), a date and a signer: the document was issued."""
    number = head.so_ky_hieu or ""
    return bool(re.match(r"\d", number) and head.ngay_ban_hanh and head.ho_ten)


def import_docx(
    campaign: Campaign, agency: Agency, document, source_name: str, *, submission: bool = False
) -> ImportResult:
    """The report a Word file makes; `submission` (a .docx in submissions/): official once
    signed, as an agency uploads it; otherwise a draft for the secretariat to review."""
    source = read_document(document, image_dir=agency.id)
    for block in source.blocks:  # laid out in Markdown, every row as wide as the widest
        rows, columns = grid(block) if isinstance(block, Table) else (0, 0)
        if rows * columns > TABLE_CELLS:
            raise ImportFailure(
                error_text(
                    "docx-table-too-large",
                    name=source_name,
                    rows=rows,
                    columns=format_number(columns),
                    size=format_number(rows * columns),
                    limit=format_number(TABLE_CELLS),
                )
            )
    specs = agency_parts(campaign, agency)
    source.blocks = split_run_in_titles(source.blocks, specs)
    titles = find_titles(source.blocks, specs)
    map_titles(titles, specs)
    head = read_letterhead(source.blocks)
    frame = find_frame(source.blocks, {t.index for t in titles})
    tables = [
        found
        for index, block in enumerate(source.blocks)
        if isinstance(block, Table)
        and index not in frame.indices
        and (found := read_figures(campaign, index, block)) is not None
    ]
    figures = tables[0] if tables else None
    skip = set(frame.indices)
    if figures is not None and figures.complete:
        skip.add(figures.index)
        caption = source.blocks[figures.index - 1] if figures.index else None
        if isinstance(caption, Para) and fold(caption.plain).startswith("so lieu"):
            skip.add(figures.index - 1)  # its caption, "Số liệu ..."
    warnings = []
    if frame.issuer and _names_another(campaign, agency, frame.issuer):
        letterhead = " / ".join(frame.issuer)
        if submission:  # the clerk named the file; no agency was given to a command
            named = _named_agency(campaign, frame.issuer)
            hint = (
                render("word-agency-mismatch-hint", name=named.name, file=named.id + ".docx")
                if named is not None and named != agency
                else ""
            )
            message = render(
                "word-agency-mismatch",
                letterhead=letterhead,
                name=agency.name,
                file=source_name,
            )
            warnings.append(message + hint)
        else:
            warnings.append(
                render(
                    "import-agency-mismatch",
                    letterhead=letterhead,
                    name=agency.name,
                    agency=agency.id,
                )
            )
    if source.charts:
        warnings.append(render("import-charts", count=source.charts))
    if source.diagrams:
        warnings.append(render("import-diagrams", count=source.diagrams))
    if figures is not None and figures.repeated:
        warnings.append(render("import-figures-repeated", what="; ".join(figures.repeated[:5])))
    if figures is not None and figures.unmatched:
        warnings.append(render("import-figures-unmatched", rows="; ".join(figures.unmatched[:5])))
    body = render_body(source.blocks, titles, skip=skip)
    text = front_matter(
        agency,
        head,
        source_name,
        contact=frame.contact,
        figures=figures.rows if figures else None,
        official=submission and signed(head),
    )
    return ImportResult(
        text + "\n" + body, body, source, head, titles, frame, figures, warnings, skip
    )


_MARKUP = re.compile(r"(?<!\\)\[\^\d+\]:?|\\(?=[^\w\s]|_)|\*\*|\*|<br>|</?(?:sup|sub|u|s)>")
_WS = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _WS.sub(" ", _MARKUP.sub("", nfc(text))).strip()


def lost_paragraphs(result: ImportResult) -> list[str]:
    """Paragraphs and cells of the source whose text is not found in the Markdown body."""
    body = _normal(result.body)
    paras = [
        p
        for index, b in enumerate(result.source.blocks)
        if index not in result.skipped
        for p in (b.paras if isinstance(b, Table) else [b])
    ]
    return [p.plain for p in paras if _normal(p.plain) and _normal(p.plain) not in body]


def _named_agency(campaign: Campaign, issuer: list[str]) -> Agency | None:
    """The one agency the letterhead names best, if it names one."""
    scores = sorted(((_score(issuer, a), a.id) for a in campaign.agencies), reverse=True)
    if (
        not scores
        or scores[0][0] < ISSUER_MATCH
        or len(scores) > 1
        and scores[1][0] == scores[0][0]
    ):
        return None
    return campaign.agency(scores[0][1])


def _names_another(campaign: Campaign, agency: Agency, issuer: list[str]) -> bool:
    """The letterhead does not name the agency, or names another one better ("CỤC QUẢN LÝ
    THỊ TRƯỜNG TỈNH AN GIANG" imported for Kiên Giang: a neighbour's file reused)."""
    own = _score(issuer, agency)
    return own < ISSUER_MATCH or any(
        _score(issuer, a) > own for a in campaign.agencies if a != agency
    )


def _score(issuer: list[str], agency: Agency) -> float:
    """How well the letterhead names the agency, by its name or its template's letterhead."""
    names = (agency.name, " ".join(agency.letterhead))  # the template's: parent, short name
    return max(issuer_score(issuer, name) for name in names)
