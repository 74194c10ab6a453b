"""An opened DOCX to the text of `submissions/<id>.md` and its images: no file is written here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from baocao.blank_report import FIELD_PLACEHOLDER
from baocao.campaign import Agency, Campaign
from baocao.completeness import agency_parts
from baocao.importer.letterhead import Letterhead, read_letterhead
from baocao.importer.markdown import render_body
from baocao.importer.reader import Source, Table, read_document
from baocao.importer.structure import Title, find_titles, map_titles
from baocao.text import nfc


@dataclass
class ImportResult:
    text: str  # the whole submission file: front matter and Markdown body
    body: str
    source: Source
    letterhead: Letterhead
    titles: list[Title] = field(default_factory=list)

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


def front_matter(agency: Agency, head: Letterhead, source_name: str) -> str:
    lines = [
        "---",
        f"# Nhập từ tệp Word {json.dumps(source_name, ensure_ascii=False)} bằng lệnh baocao import; hãy soát lại mọi trường.",
        f"co_quan: {agency.id}",
        f"so_ky_hieu: {_quote(head.so_ky_hieu)}",
        f"ngay_ban_hanh: {_quote(head.ngay_ban_hanh)}",
        "nguoi_ky:",
        f"  ho_ten: {_quote(head.ho_ten)}",
        f"  chuc_vu: {_quote(head.chuc_vu)}",
        "trang_thai: du_thao",
        "lien_he:",
        f"  ho_ten: {_quote(None)}",
        f"  dien_thoai: {_quote(None)}",
        f"  email: {_quote(None)}",
        "---",
        "",
    ]
    return "\n".join(lines)


def import_docx(campaign: Campaign, agency: Agency, document, source_name: str) -> ImportResult:
    source = read_document(document, image_dir=agency.id)
    specs = agency_parts(campaign, agency)
    titles = find_titles(source.blocks, specs)
    map_titles(titles, specs)
    head = read_letterhead(source.blocks)
    body = render_body(source.blocks, titles)
    return ImportResult(
        front_matter(agency, head, source_name) + "\n" + body, body, source, head, titles
    )


_MARKUP = re.compile(r"(?<!\\)\[\^\d+\]:?|\\(?=[^\w\s]|_)|\*\*|\*|<br>")
_WS = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _WS.sub(" ", _MARKUP.sub("", nfc(text))).strip()


def lost_paragraphs(result: ImportResult) -> list[str]:
    """Paragraphs and cells of the source whose text is not found in the Markdown body."""
    body = _normal(result.body)
    paras = [p for b in result.source.blocks for p in (b.paras if isinstance(b, Table) else [b])]
    return [p.plain for p in paras if _normal(p.plain) and _normal(p.plain) not in body]
