"""The generated pages and files of the site, from the round model (no mkdocs import)."""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from baocao.blank_report import render_template
from baocao.body import has_text
from baocao.campaign import CAMPAIGN_FILE, Agency, Campaign, Outline, OutlineNode
from baocao.completeness import COMPLETE, MISSING, agency_parts
from baocao.docx.blocks import NoteSet, relocate
from baocao.docx.template import templates
from baocao.messages import SEVERITY_LABELS, STATE_LABELS, STATUS_LABELS
from baocao.outputs import DOCX_NAME, REMINDER_NAME, WORKBOOK_NAME
from baocao.site import figures, tracking
from baocao.site import html as h
from baocao.site.fragments import Fragments, esc, front_matter, link
from baocao.site.html import Heading, HtmlPage
from baocao.text import format_date, format_percent, shorten, slugify
from baocao.workspace import INVALID, NOT_SUBMITTED, AgencyReport, Round

TRANG_THAI = {"chinh_thuc": "Chính thức", "du_thao": "Dự thảo"}


@dataclass
class SitePage:
    """A generated page: Markdown, or front matter plus HTML made here (`HtmlPage`)."""

    path: str
    markdown: str
    in_nav: bool = False
    html: str | None = None  # the rendered body; MkDocs does not run Python-Markdown on it
    headings: list[Heading] = field(default_factory=list)  # for its table of contents
    title: str | None = None  # its first heading, as plain text


def html_page(path: str, markdown: str, body: HtmlPage) -> SitePage:
    return SitePage(path, markdown, html=body.render(), headings=body.headings, title=body.title)


@dataclass
class SiteFile:
    """A file that is not a page: bytes made here, or a file copied from `source`."""

    path: str
    content: bytes | None = None
    source: Path | None = None
    dest: str | None = None  # published under another name than path


@dataclass
class SiteContent:
    pages: list[SitePage] = field(default_factory=list)
    files: list[SiteFile] = field(default_factory=list)
    fragments: Fragments = field(default_factory=Fragments)

    def signatures(self) -> dict[str, str]:
        """Each generated page's and file's content as a digest, the same whatever this build's
        nonce (`mkdocs serve --dirty` writes again only what changed)."""
        site = repr([(page.path, page.in_nav) for page in self.pages])  # a page more or less: all
        found = {
            page.path: self.fragments.digest(
                repr((site, page.markdown, page.html, page.headings, page.title))
            )
            for page in self.pages
        }
        for item in self.files:
            if item.content is not None:
                found[item.path] = hashlib.blake2b(item.content).hexdigest()
            elif item.source is not None:  # a file replaced keeping its time has a new ctime
                stat = os.stat(item.source)
                found[item.path] = f"{item.source} {stat.st_mtime_ns} {stat.st_ctime_ns}"
        return found

    @property
    def html_pages(self) -> dict[str, SitePage]:
        """The pages whose body is HTML made here, by path: MkDocs renders only their front matter."""
        return {page.path: page for page in self.pages if page.html is not None}


# campaign.yml's bytes -> the Word templates made from it: `mkdocs serve` rebuilds reuse them
_WORD_TEMPLATES: dict[bytes, dict[str, bytes]] = {}


def word_templates(campaign: Campaign) -> dict[str, bytes]:
    """Every agency's blank Word report, made again only when campaign.yml changed."""
    key = (campaign.root / CAMPAIGN_FILE).read_bytes()
    if key not in _WORD_TEMPLATES:
        _WORD_TEMPLATES.clear()
        _WORD_TEMPLATES[key] = templates(campaign)
    return _WORD_TEMPLATES[key]


def agency_path(agency_id: str) -> str:
    return f"co-quan/{agency_id}.md"


def section_path(outline: Outline, node: OutlineNode) -> str:
    return f"muc/{outline.id.lower()}-{node.id}.md"


def task_path(task_id: str) -> str:
    return f"nhiem-vu/{task_id}.md"


def template_url(page: str, agency_id: str) -> str:
    return url(page, "tai-ve/index.md") + f"mau/{agency_id}.md"


def word_template_url(page: str, agency_id: str) -> str:
    return url(page, "tai-ve/index.md") + f"mau/{agency_id}.docx"


def word_template_path(agency_id: str) -> str:
    return f"tai-ve/mau/{agency_id}.docx"


def template_path(agency_id: str) -> str:
    return f"tai-ve/mau/{agency_id}.txt"  # published as .md (see SiteFile.dest)


def page_url(path: str) -> str:
    """Site URL (directory style) of a source path: co-quan/x.md -> co-quan/x/, a/index.md -> a/."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@cache
def _up(page: str) -> str:
    here = page_url(page)
    folder = here if here.endswith("/") else posixpath.dirname(here) + "/" if "/" in here else ""
    return "../" * folder.count("/")


def url(page: str, target: str) -> str:
    """URL of target relative to page (both source paths): up to the site root, then down."""
    return (_up(page) + page_url(target)) or "./"


def status_badge(report: AgencyReport) -> str:
    extension = (
        f' <span class="bc-extension">gia hạn đến {format_date(report.extension.deadline)}</span>'
        if report.extension
        else ""
    )
    return f'<span class="bc-status bc-status--{report.status.replace("_", "-")}">{h.escape(report.status_label)}</span>{extension}'


def review_badge(report: AgencyReport) -> str:
    """The secretariat's decision (reviews.yml), never something the agency sets itself."""
    result = report.review.result if report.review else "chua-xem-xet"
    return f'<span class="bc-review bc-review--{result.replace("_", "-")}">{h.escape(report.review_label)}</span>'


def state_badge(state: str) -> str:
    return f'<span class="bc-state bc-state--{state}">{STATE_LABELS[state]}</span>'


def generate(rnd: Round, has_docx: bool = False, reminder_path: Path | None = None) -> SiteContent:
    """Every generated page and file of the site, the charts drawn; the merged DOCX (put in
    by the plugin when the site is built) and the latest reminder letter are offered for
    download when they were built."""
    from baocao.workbook import workbook_bytes

    site = SiteContent()
    site.pages.append(
        SitePage("index.md", dashboard(rnd, site.fragments, reminder_path is not None), True)
    )
    site.pages.append(SitePage("co-quan/index.md", agency_index(rnd, site.fragments), True))
    for report in rnd.reports:
        site.pages.append(agency_page(rnd, report, site.fragments))
    site.pages.append(SitePage("de-cuong/index.md", outline_index(rnd, site.fragments), True))
    for outline in rnd.campaign.outlines.values():
        for node in outline.walk():
            site.pages.append(section_page(rnd, outline, node, site.fragments))
    site.pages.append(SitePage("nhiem-vu/index.md", task_index(rnd, site.fragments), True))
    for task in rnd.campaign.tasks.values():
        site.pages.append(task_page(rnd, task.id, site.fragments))
    charts = figures.plan(rnd)
    site.pages.append(SitePage("so-lieu/index.md", figures.page(rnd, charts, site.fragments), True))
    site.files += [SiteFile(path, figures.svg(chart)) for path, chart in charts.items()]
    site.pages.append(SitePage("cong-van/index.md", letter_page(rnd), True))
    site.pages.append(
        SitePage(
            "tai-ve/index.md",
            downloads_page(rnd, has_docx, site.fragments, reminder_path is not None),
            True,
        )
    )
    site.files.append(SiteFile(f"tai-ve/{WORKBOOK_NAME}", workbook_bytes(rnd)))
    if reminder_path is not None:
        site.files.append(SiteFile(f"tai-ve/{REMINDER_NAME}", source=reminder_path))
    for agency in rnd.campaign.agencies:
        text = render_template(rnd.campaign, agency).encode("utf-8")
        site.files.append(
            SiteFile(template_path(agency.id), text, dest=f"tai-ve/mau/{agency.id}.md")
        )
    for agency_id, data in word_templates(rnd.campaign).items():  # the same as Word documents
        site.files.append(SiteFile(word_template_path(agency_id), data))
    return site


# -- dashboard -----------------------------------------------------------------------------


def _counts(rnd: Round) -> list[tuple[str, int]]:
    return [
        (STATUS_LABELS[s], rnd.count(s))
        for s in ("on_time", "late", "draft", "invalid", "not_submitted")
    ]


def dashboard(rnd: Round, fragments: Fragments, has_reminder: bool = False) -> str:
    c = rnd.campaign
    total = len(rnd.reports)
    submitted = sum(r.submission is not None for r in rnd.reports)
    usable = [r for r in rnd.reports if r.usable]
    overall = sum(r.shown_ratio or 0.0 for r in rnd.reports) / total if total else 0.0
    days = rnd.days_past_deadline
    when = (
        f"đã quá hạn {days} ngày"
        if days > 0
        else "hôm nay là hạn cuối"
        if days == 0
        else f"còn {-days} ngày"
    )
    out = [
        front_matter("Tổng quan", hide=("toc",)),
        f"# {esc(c.name)}",
        "",
        f"Theo Công văn số {esc(c.letter.number)} ngày {format_date(c.letter.date)} "
        f"({link('xem công văn', 'cong-van/index.md')}). Hạn gửi báo cáo: **{format_date(c.letter.deadline)}** "
        f"({when}, tính đến ngày {format_date(rnd.today)}).",
        "",
    ]
    if c.data_cutoff:
        out += [f"Thời gian chốt số liệu: **{format_date(c.data_cutoff)}**.", ""]
    if rnd.history_note:
        out += [f'!!! note "Ngày nhận báo cáo"\n    {esc(rnd.history_note)}', ""]
    if has_reminder:
        reminder = f"tai-ve/{REMINDER_NAME}"
        out += [
            f"Công văn đôn đốc mới nhất: "
            f'{link("tải về (DOCX)", reminder)}{{: download="{REMINDER_NAME}" }}.',
            "",
        ]
    cards = [
        ("Cơ quan được yêu cầu", str(total)),
        ("Có báo cáo (kể cả dự thảo)", f"{submitted}/{total}"),
    ]
    cards += [(label, str(n)) for label, n in _counts(rnd)]
    cards.append(("Mức độ hoàn thành chung", format_percent(overall)))
    out.append('<div class="bc-cards">')
    out += [
        f'<div class="bc-card"><span class="bc-card__value">{v}</span> <span class="bc-card__label">{esc(k)}</span></div>'
        for k, v in cards
    ]
    out += [
        "</div>",
        "",
        f"Số cơ quan có báo cáo đưa vào tổng hợp: {len(usable)}. "
        "Bấm vào tiêu đề cột để sắp xếp; gõ vào ô lọc để tìm (có dấu hoặc không dấu); "
        "chọn một tình trạng để chỉ xem các cơ quan đang ở tình trạng đó.",
        "",
    ]
    rows = []
    for r in rnd.reports:
        sub = r.submission if r.usable else None
        rows.append(
            [
                h.a(r.agency.name, url("index.md", agency_path(r.agency.id))),
                h.escape(c.outlines[r.agency.appendix].label),
                h.escape(c.group(r.agency.group).name),
                h.escape(str(sub.meta.get("so_ky_hieu", ""))) if sub else "",
                format_date(sub.issued) if sub else "",
                tracking.stage_badge(r),
                tracking.received_cell(r),
                tracking.deadline_cell(r),
                "" if r.shown_ratio is None else format_percent(r.shown_ratio),
            ]
        )
    out += [
        '<div class="bc-sortable" markdown>',
        "",
        fragments.raw(tracking.stage_filter(rnd)),
        "",
        fragments.raw(
            h.table(
                [
                    "Cơ quan",
                    "Phụ lục",
                    "Nhóm",
                    "Số, ký hiệu",
                    "Ngày ban hành",
                    "Tình trạng",
                    "Ngày nhận",
                    "Hạn gửi",
                    "Hoàn thành",
                ],
                rows,
                ["l", "l", "l", "l", "l", "l", "l", "l", "r"],
            )
        ),
        "",
        "</div>",
        "",
    ]
    loose = rnd.loose_problems
    if loose:
        items = [
            f"<strong>{SEVERITY_LABELS[p.severity].capitalize()}</strong> "
            f"(<code>{h.escape(p.file)}</code>): {h.escape(p.message)}"
            for p in loose
        ]
        out += [
            "## Tệp cần Ban Thư ký xem lại",
            "",
            "Các tệp dưới đây không thuộc báo cáo nào đã đọc được, hoặc là tệp xem xét của Ban "
            "Thư ký. Cơ quan đã gửi các tệp này có thể đang bị tính là chưa nộp.",
            "",
            fragments.raw(h.ul(items)),
            "",
        ]
    return "\n".join(out)


# -- agencies ------------------------------------------------------------------------------


def agency_index(rnd: Round, fragments: Fragments) -> str:
    c = rnd.campaign
    page = "co-quan/index.md"
    out = [front_matter("Cơ quan"), "# Các cơ quan báo cáo", ""]
    for outline in c.outlines.values():
        members = [r for r in rnd.reports if r.agency.appendix == outline.id]
        if not members:
            continue
        out += [
            f"## {esc(outline.label)}",
            "",
            f"Các cơ quan báo cáo theo {link(f'đề cương {outline.label}', outline_url(page, outline))}.",
            "",
        ]
        for group in c.groups:
            in_group = [r for r in members if r.agency.group == group.id]
            if not in_group or any(r.agency.province for r in in_group):
                continue
            out += [f"### {esc(group.name)}", ""]
            out += [
                fragments.raw(
                    h.ul(
                        [
                            f"{h.a(r.agency.name, url(page, agency_path(r.agency.id)))} · {status_badge(r)}"
                            for r in in_group
                        ]
                    )
                ),
                "",
            ]
    provinces: dict[str, list[AgencyReport]] = {}
    for report in rnd.reports:
        if report.agency.province:
            provinces.setdefault(report.agency.province, []).append(report)
    if provinces:
        groups = [
            g
            for g in c.groups
            if any(r.agency.group == g.id for rs in provinces.values() for r in rs)
        ]
        out += [
            "## Các tỉnh, thành phố",
            "",
            "Mỗi dòng là một tỉnh, thành phố với các cơ quan của địa phương đó.",
            "",
        ]
        rows = []
        for province, reports in provinces.items():
            cells = [h.escape(province)]
            for group in groups:
                found = [r for r in reports if r.agency.group == group.id]
                cells.append(
                    "<br>".join(
                        f"{h.a(r.agency.short_name, url(page, agency_path(r.agency.id)))} {status_badge(r)}"
                        for r in found
                    )
                )
            rows.append(cells)
        out += [
            '<div class="bc-sortable" markdown>',
            "",
            fragments.raw(h.table(["Tỉnh, thành phố"] + [g.name for g in groups], rows)),
            "",
            "</div>",
            "",
        ]
    return "\n".join(out)


def _problem_list(report: AgencyReport) -> str:
    items = []
    for p in report.problems:
        where = f"dòng {p.line}" if p.line else "toàn tệp"
        items.append(
            f"<strong>{SEVERITY_LABELS[p.severity].capitalize()}</strong> ({where}): {h.escape(p.message)}"
        )
    return h.ul(items)


def _details(rnd: Round, report: AgencyReport, fragments: Fragments, body: HtmlPage) -> None:
    c = rnd.campaign
    a = report.agency
    rows = [
        ["Phụ lục đề cương", h.escape(c.outlines[a.appendix].label)],
        ["Nhóm", h.escape(c.group(a.group).name)],
    ]
    if a.province:
        rows.append(["Tỉnh, thành phố", h.escape(a.province)])
    rows.append(["Tình trạng", tracking.stage_badge(report)])
    rows.append(["Hạn gửi báo cáo", tracking.deadline_detail(report)])
    sub = report.submission
    if report.receipt is not None:
        rows.append(["Ngày nhận", tracking.received_detail(report)])
    if sub is not None:
        review = report.review
        detail = f" ({h.escape(review.reviewer)}, {format_date(review.date)})" if review else ""
        note = f"<br>{h.escape(review.note)}" if review and review.note else ""
        rows.append(["Ban Thư ký xem xét", review_badge(report) + detail + note])
    if report.usable and sub is not None:
        meta = sub.meta
        signer = meta.get("nguoi_ky") or {}
        rows += [
            ["Số, ký hiệu", h.escape(str(meta.get("so_ky_hieu", "")))],
            [
                "Ngày ban hành",
                format_date(sub.issued) or h.escape(str(meta.get("ngay_ban_hanh", ""))),
            ],
            [
                "Người ký",
                h.escape(" ".join(str(signer.get(k, "")) for k in ("chuc_vu", "ho_ten")).strip()),
            ],
            [
                "Trạng thái văn bản",
                h.escape(
                    str(TRANG_THAI.get(str(meta.get("trang_thai")), meta.get("trang_thai", "")))
                ),
            ],
            ["Mức độ hoàn thành", format_percent(report.ratio)],
        ]
        contact = meta.get("lien_he") or {}
        if c.publish_contacts and contact:
            rows.append(
                [
                    "Cán bộ đầu mối",
                    h.escape(
                        ", ".join(
                            str(contact.get(k, "")) for k in ("ho_ten", "dien_thoai", "email")
                        )
                    ),
                ]
            )
    if sub is not None:
        rows.append(["Tệp báo cáo", f"<code>{h.escape(sub.file)}</code>"])
    body.p(fragments.raw(h.table(["Thông tin", "Nội dung"], rows)))
    history = tracking.history_table(report)
    if history is not None:
        body.heading(2, "Lịch sử xem xét")
        body.p(fragments.raw(history))


def agency_page(rnd: Round, report: AgencyReport, fragments: Fragments) -> SitePage:
    a = report.agency
    page = agency_path(a.id)
    body = HtmlPage()
    body.heading(1, a.name)
    _details(rnd, report, fragments, body)
    if report.status == NOT_SUBMITTED:
        body.admonition(
            "warning",
            "Chưa nộp báo cáo",
            h.p(
                fragments.raw(
                    h.p(
                        "Cơ quan chưa nộp báo cáo. Báo cáo cần có các mục dưới đây; "
                        f"mẫu báo cáo trống: {h.a(f'{a.id}.docx', word_template_url(page, a.id), download=f'{a.id}.docx')} (Word) "
                        f"hoặc {h.a(f'{a.id}.md', template_url(page, a.id), download=f'{a.id}.md')} (Markdown)."
                    )
                )
            ),
        )
    elif report.status == INVALID:
        body.admonition(
            "failure",
            "Báo cáo chưa đạt yêu cầu kiểm tra",
            h.p(
                "Tệp báo cáo có lỗi nên nội dung chưa được đưa vào trang tổng hợp. Các vấn đề cần sửa:"
            )
            + "\n"
            + h.p(fragments.raw(_problem_list(report))),
        )
    sub = report.submission
    if report.usable and sub is not None:
        docs = sub.meta.get("van_ban") or []
        if docs:
            body.heading(2, "Văn bản đã ban hành")
            body.p(
                fragments.raw(
                    h.table(
                        ["Số, ký hiệu", "Ngày", "Trích yếu"],
                        [
                            [
                                h.escape(str(d.get(k, "")))
                                for k in ("so_ky_hieu", "ngay", "trich_yeu")
                            ]
                            for d in docs
                        ],
                    )
                )
            )
        figures.agency_table(rnd, report, fragments, body)
    _completeness(rnd, report, page, fragments, body)
    if report.usable and sub is not None:
        if report.problems:
            body.admonition(
                "note",
                "Kết quả kiểm tra (cảnh báo)",
                h.p(fragments.raw(_problem_list(report))),
                collapsible=True,
            )
        body.heading(2, "Nội dung báo cáo")
        _report_body(report, fragments, body)
    return html_page(page, front_matter(a.name), body)


def _with_notes(report: AgencyReport, markdown: str, fragments: Fragments) -> str:
    """A piece of report text with the footnotes it cites, as the DOCX reads it
    (baocao.docx.blocks.relocate): a note defined in another part (at the end of the file) is
    shown where it is cited, one cited nowhere as text; neither is left out of the site only."""
    notes = fragments.notes.get(report.agency.id)
    if notes is None:
        texts = [report.preamble] + [p.content for p in report.parts]
        notes = fragments.notes[report.agency.id] = NoteSet.collect(texts, [0])
    return relocate(markdown, notes)


def _report_body(report: AgencyReport, fragments: Fragments, body: HtmlPage) -> None:
    """The report under its outline's headings (their ids are the parts' own)."""
    a = report.agency
    blocks, headings = [], []
    preamble = report.completeness.preamble if report.completeness else ""
    if has_text(preamble):
        text = _with_notes(report, preamble, fragments)
        blocks.append(fragments.in_html(text, a.id, f"{a.id}-mo-dau"))
    for part in report.parts:
        level = min(part.spec.depth + 2, 6)
        title = h.escape(part.spec.heading)
        blocks.append(f'<h{level} id="{part.spec.id}">{title}</h{level}>')
        headings.append((level, part.spec.id, title))
        if part.content.strip():
            text = _with_notes(report, part.content, fragments)
            blocks.append(fragments.in_html(text, a.id, f"{a.id}-{part.spec.id}"))
        elif part.spec.leaf:
            blocks.append(h.p(f"<em>{STATE_LABELS[part.state]}.</em>"))
    body.html("\n".join(blocks), headings)


def _part_page(rnd: Round, agency: Agency, part_id: str, kind: str) -> str:
    if kind == "task":
        return task_path(part_id)
    return f"muc/{agency.appendix.lower()}-{part_id}.md"  # as section_path


def _completeness(
    rnd: Round, report: AgencyReport, page: str, fragments: Fragments, body: HtmlPage
) -> None:
    specs = [p.spec for p in report.parts] or agency_parts(rnd.campaign, report.agency)
    found = {p.spec.id: p.state for p in report.parts}
    states = tuple(found.get(spec.id, MISSING) for spec in specs)
    # The agencies that have not reported, the provinces above all, share a few tables: each
    # is made once per build (a spec is known by its id, kind and number under one appendix).
    key = (
        "site-completeness",
        report.agency.appendix,
        _up(page),
        tuple((s.id, s.kind, s.number) for s in specs),
        states,
    )
    html = rnd.campaign.cache.get(key)
    if html is None:
        rows = []
        for spec, state in zip(specs, states):
            indent = "&emsp;" * (spec.depth - 1)
            title = h.a(spec.short, url(page, _part_page(rnd, report.agency, spec.id, spec.kind)))
            kind = "Nhiệm vụ" if spec.kind == "task" else "Mục"
            rows.append(
                [
                    f"{indent}{title}",
                    kind,
                    state_badge(state) if spec.leaf or state == COMPLETE else "",
                ]
            )
        html = rnd.campaign.cache[key] = (
            f"<div data-search-exclude>{h.table(['Mục của đề cương', 'Loại', 'Tình trạng'], rows)}</div>"
        )
    table = h.p(fragments.raw(html))
    if report.usable:
        body.admonition("abstract", "Mức độ hoàn thành từng mục", table, collapsible=True)
    else:
        body.admonition("abstract", "Các mục báo cáo cần có", table)


# -- synthesis: sections and tasks ---------------------------------------------------------


def _writers(
    rnd: Round,
    part_id: str,
    members: list[AgencyReport],
    page: str,
    fragments: Fragments,
    body: HtmlPage,
    *,
    structural: bool,
) -> None:
    """Agency by agency, what each wrote under part_id; then who has not written it."""
    written, missing = [], []
    for report in members:
        part = report.part(part_id) if report.usable else None
        if part is not None and part.content.strip():
            written.append((report, part))
        else:
            missing.append((report, part))
    body.p(f"Đã viết: <strong>{len(written)}/{len(members)}</strong> cơ quan.")
    blocks = []
    for report, part in written:  # one block of HTML: a page may hold a thousand agencies
        agency = report.agency
        blocks += [
            f'<h3 id="{agency.id}">{h.escape(agency.name)}</h3>',
            h.p(
                f"{h.a('Xem toàn bộ báo cáo', url(page, agency_path(agency.id)) + '#' + part_id)} · {status_badge(report)}"
            ),
            fragments.in_html(
                _with_notes(report, part.content, fragments), agency.id, f"{agency.id}-{part_id}"
            ),
        ]
    if blocks:
        body.p(fragments.raw("\n".join(blocks)))
    if missing and not structural:
        lines = []
        for report, part in missing:
            why = (
                report.status_label
                if not report.usable
                else STATE_LABELS[part.state]
                if part
                else STATE_LABELS[MISSING]
            )
            lines.append(
                f"{h.a(report.agency.name, url(page, agency_path(report.agency.id)))}: {h.escape(why)}"
            )
        body.heading(2, "Chưa viết mục này")
        body.p(fragments.raw(h.ul(lines)))


def section_page(rnd: Round, outline: Outline, node: OutlineNode, fragments: Fragments) -> SitePage:
    page = section_path(outline, node)
    members = [r for r in rnd.reports if r.agency.appendix == outline.id]
    structural = bool(node.children) or node.holds_tasks
    body = HtmlPage()
    body.heading(1, node.heading)
    body.p(
        fragments.raw(
            h.p(f"{h.escape(outline.label)} · {h.a('Đề cương', url(page, 'de-cuong/index.md'))}")
        )
    )
    if node.guidance:
        body.quote(node.guidance)
    if node.children:
        body.p("Các mục con:")
        body.p(
            fragments.raw(
                h.ul(
                    [h.a(ch.heading, url(page, section_path(outline, ch))) for ch in node.children]
                )
            )
        )
    if node.holds_tasks:
        in_outline = {a.id for a in rnd.campaign.agencies if a.appendix == outline.id}
        tasks = [t for t in rnd.campaign.tasks.values() if in_outline.intersection(t.assignees)]
        body.p("Các nhiệm vụ được giao:")
        body.p(fragments.raw(h.ul([h.a(t.text, url(page, task_path(t.id))) for t in tasks])))
    body.heading(2, "Nội dung các cơ quan đã viết")
    _writers(rnd, node.id, members, page, fragments, body, structural=structural)
    return html_page(page, front_matter(f"{node.heading} ({outline.label})", search=False), body)


def task_page(rnd: Round, task_id: str, fragments: Fragments) -> SitePage:
    task = rnd.campaign.tasks[task_id]
    page = task_path(task_id)
    assignees = set(task.assignees)
    members = [r for r in rnd.reports if r.agency.id in assignees]
    body = HtmlPage()
    title = shorten(task.text)
    body.heading(1, title)
    if title != task.text:
        body.quote(task.text)
    body.p(
        fragments.raw(
            h.p(
                f"Mã nhiệm vụ {h.escape(task_id)} · giao cho {len(task.assignees)} cơ quan · "
                f"{h.a('Danh sách nhiệm vụ', url(page, 'nhiem-vu/index.md'))}"
            )
        )
    )
    body.heading(2, "Kết quả thực hiện của các cơ quan")
    _writers(rnd, task_id, members, page, fragments, body, structural=False)
    return html_page(page, front_matter(title, search=False), body)


def outline_heading(outline: Outline) -> str:
    return esc(f"{outline.label}: {' '.join(outline.title)}")


def outline_url(page: str, outline: Outline) -> str:
    """The outline's heading on the outlines page, as a Markdown link from page's source (MkDocs
    checks and rewrites it)."""
    target = posixpath.relpath("de-cuong/index.md", posixpath.dirname(page) or ".")
    return f"{target}#{slugify(outline.label + ': ' + ' '.join(outline.title))}"


def outline_index(rnd: Round, fragments: Fragments) -> str:
    page = "de-cuong/index.md"
    out = [
        front_matter("Đề cương"),
        "# Tổng hợp theo đề cương",
        "",
        "Mỗi mục của đề cương có một trang tổng hợp nội dung của mọi cơ quan đã viết mục đó.",
        "",
    ]
    for outline in rnd.campaign.outlines.values():
        count = sum(a.appendix == outline.id for a in rnd.campaign.agencies)
        out += [f"## {outline_heading(outline)}", "", f"Áp dụng cho {count} cơ quan.", ""]
        out += [
            fragments.raw(
                h.tree(
                    [
                        (node.depth, h.a(node.heading, url(page, section_path(outline, node))))
                        for node in outline.walk()
                    ]
                )
            ),
            "",
        ]
    return "\n".join(out)


def task_index(rnd: Round, fragments: Fragments) -> str:
    page = "nhiem-vu/index.md"
    by_id = {r.agency.id: r for r in rnd.reports}
    rows = []
    for task in rnd.campaign.tasks.values():
        members = [by_id[a] for a in task.assignees]
        done = len(
            [
                r
                for r in members
                if r.usable and (p := r.part(task.id)) is not None and p.state == COMPLETE
            ]
        )
        rows.append(
            [
                h.escape(task.id),
                h.a(task.text, url(page, task_path(task.id))),
                str(len(task.assignees)),
                f"{done}/{len(task.assignees)}",
            ]
        )
    return "\n".join(
        [
            front_matter("Nhiệm vụ"),
            "# Nhiệm vụ được giao",
            "",
            "Mỗi nhiệm vụ có một trang tổng hợp kết quả của mọi cơ quan được giao.",
            "",
            '<div class="bc-sortable" markdown>',
            "",
            fragments.raw(
                h.table(["Mã", "Nhiệm vụ", "Số cơ quan", "Đã báo cáo"], rows, ["l", "l", "r", "r"])
            ),
            "",
            "</div>",
            "",
        ]
    )


# -- letter and downloads ------------------------------------------------------------------


def _outline_tree(outline: Outline) -> list[str]:
    """The outline as the letter writes it: each heading with its own numbering ("1.",
    "1.1.", "a)"); a number is escaped so Python-Markdown does not start a list with it (and
    renumber it), and the page's text stays in the search index."""
    out = [f"### {esc(outline.label)}", "", f"**{esc(' '.join(outline.title))}**", ""]
    out += [f"*{esc(' '.join(outline.subtitle))}*", ""] if outline.subtitle else []
    for node in outline.walk():
        guidance = f" — *{esc(node.guidance)}*" if node.guidance else ""
        text = _LIST_START.sub(r"\1\\\2", esc(node.heading))
        out.append(f"{'    ' * (node.depth - 1)}- {text}{guidance}")
    out.append("")
    return out


_LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)")  # "1. Phương hướng": a list item to Markdown


def letter_page(rnd: Round) -> str:
    letter = rnd.campaign.letter
    out = [
        front_matter("Công văn"),
        f"# Công văn số {esc(letter.number)}",
        "",
        f"**{esc(' – '.join(letter.issuer))}** · {esc(letter.place)}, ngày {format_date(letter.date)}",
        "",
        f"*{esc(letter.subject)}*",
        "",
    ]
    out += [esc(p) + "\n" for p in letter.body]
    out += [
        f"Hạn gửi báo cáo: **{format_date(letter.deadline)}**. Nơi nhận báo cáo: {esc(letter.receiver_unit)}.",
        "",
    ]
    if rnd.campaign.data_cutoff:
        out += [f"Thời gian chốt số liệu: **{format_date(rnd.campaign.data_cutoff)}**.", ""]
    signer = letter.signer
    out += [
        f"**{esc(signer.capacity)} {esc(' '.join(signer.title))}**  ",
        f"{esc(signer.name)}",
        "",
    ]
    out += ["## Các đề cương kèm theo", ""]
    for outline in rnd.campaign.outlines.values():
        out += _outline_tree(outline)
    return "\n".join(out)


def downloads_page(
    rnd: Round, has_docx: bool, fragments: Fragments, has_reminder: bool = False
) -> str:
    page = "tai-ve/index.md"
    out = [front_matter("Tải về"), "# Tải về", "", "## Báo cáo tổng hợp", ""]
    if has_docx:
        # not a Markdown link: the DOCX is not one of MkDocs' files (see plugin.py)
        out += [f'- <a download="{DOCX_NAME}" href="{DOCX_NAME}">Báo cáo tổng hợp (DOCX)</a>', ""]
    else:
        out += [
            "Báo cáo tổng hợp (DOCX) chưa được dựng. Chạy lệnh `baocao build` để dựng cả trang web và báo cáo.",
            "",
        ]
    workbook, reminder = WORKBOOK_NAME, REMINDER_NAME
    out += [
        "## Số liệu và tình hình nộp (Excel)",
        "",
        f'- {link("Bảng tính của đợt báo cáo (XLSX)", workbook)}{{: download="{workbook}" }}: '
        "mỗi nhóm chỉ tiêu một trang (cơ quan × năm, tổng cộng), tình hình nộp, danh sách nhiệm vụ.",
        "",
    ]
    if has_reminder:
        out += [
            "## Công văn đôn đốc",
            "",
            f'- {link("Công văn đôn đốc mới nhất (DOCX)", reminder)}{{: download="{reminder}" }}',
            "",
        ]
    out += [
        "## Mẫu báo cáo trống của từng cơ quan",
        "",
        "Mỗi mẫu có sẵn phần thông tin và mọi tiêu đề cơ quan cần viết. Mẫu Word (.docx): điền trong Word, "
        "giữ nguyên tên tệp `<mã cơ quan>.docx` và tải lên thư mục `submissions/` "
        "(xem [Gửi báo cáo bằng tệp Word](../huong-dan/gui-tep-word.md)). Mẫu Markdown (.md): lưu thành "
        "`submissions/<mã cơ quan>.md`.",
        "",
    ]
    for group in rnd.campaign.groups:
        members = [a for a in rnd.campaign.agencies if a.group == group.id]
        if members:
            out += [f"### {esc(group.name)}", ""]
            out += [
                fragments.raw(
                    h.ul(
                        [
                            f"{h.escape(a.name)}: {h.a('Word', word_template_url(page, a.id), download=f'{a.id}.docx')} (<code>{a.id}.docx</code>), "
                            f"{h.a('Markdown', template_url(page, a.id), download=f'{a.id}.md')} (<code>{a.id}.md</code>)"
                            for a in members
                        ]
                    )
                ),
                "",
            ]
    return "\n".join(out)


__all__ = ["SiteContent", "SitePage", "SiteFile", "generate", "url"]
