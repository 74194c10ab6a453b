"""The merged report and one agency's report as pandoc documents, from the model."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from baocao.body import has_text
from baocao.campaign import OutlineNode, Task
from baocao.completeness import COMPLETE, Part
from baocao.docx import appendix
from baocao.docx.blocks import Node, NoteSet, document, heading, placeholder, relocate, styled
from baocao.lists import markers, may_hold_list
from baocao.submission import Submission
from baocao.text import format_date, format_percent
from baocao.workspace import DRAFT, INVALID, LATE, NOT_SUBMITTED, ON_TIME, AgencyReport, Round

PART_A = "A. TỔNG HỢP THEO ĐỀ CƯƠNG VÀ NHIỆM VỤ"
PART_B = "B. BÁO CÁO CỦA TỪNG CƠ QUAN"
PREAMBLES = "Phần mở đầu trong báo cáo của các cơ quan"
LABEL = "Agency Label"  # paragraph style of the line naming the agency before its text
NOTE = "Note"  # paragraph style of the report's own remarks (italic)
INVALID_NOTE = "Báo cáo của {name} (tệp {file}) chưa đạt yêu cầu kiểm tra ({count} lỗi) nên chưa được tổng hợp{first}. Sửa các lỗi theo hướng dẫn của lệnh `baocao check` rồi dựng lại báo cáo."
REASONS = {NOT_SUBMITTED: "chưa nộp báo cáo", INVALID: "báo cáo chưa đạt yêu cầu kiểm tra"}
NOT_WRITTEN = "chưa viết"
# Report text stands in the document as an empty div of this class, read on its own by
# confine.lua; random, so no report can name it.
CHUNK_CLASS = f"bc-{secrets.token_hex(8)}"
LIST_ASSIGNEES = (
    10  # a task of more agencies says how many; who has not written it is listed anyway
)


def note(text: str) -> Node:
    return styled(NOTE, text)


@dataclass
class Composed:
    """A document (pandoc JSON) in which each place of report text is a placeholder (piece
    number, lowest heading level allowed), and the pieces (agency, Markdown text, typed list
    markers) that confine.lua reads in their place."""

    document: Node
    pieces: list[dict[str, object]]


@dataclass
class Composer:
    """Renders chunks of submissions; footnote numbers are unique across the document."""

    rnd: Round
    counter: list[int] = field(default_factory=lambda: [0])
    pieces: list[dict[str, object]] = field(default_factory=list)
    _notes: dict[str, NoteSet] = field(default_factory=dict)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def chunk(self, report: AgencyReport, markdown: str, level: int) -> Node:
        """A placeholder for report text under a heading of `level`. Text placed twice (Part A
        and Part B) is one piece, read once."""
        agency_id = report.agency.id
        n = self._numbers.get((agency_id, markdown))
        if n is None:
            if agency_id not in self._notes:
                texts = [report.preamble] + [p.content for p in report.parts]
                self._notes[agency_id] = NoteSet.collect(texts, self.counter)
            text = relocate(markdown, self._notes[agency_id])
            piece: dict[str, object] = {"agency": agency_id, "text": text + "\n"}
            if may_hold_list(text):  # else lists.lua is not needed
                piece["markers"] = markers(text)
            self.pieces.append(piece)
            # the newline: pandoc leaves a pipe table's last row out of the table without it
            n = self._numbers[(agency_id, markdown)] = len(self.pieces)
        return placeholder(CHUNK_CLASS, n, level + 1)

    def document(self, blocks: list[Node]) -> Composed:
        return Composed(document(blocks), self.pieces)

    def label(self, report: AgencyReport) -> Node:
        suffix = " (dự thảo)" if report.status == DRAFT else ""
        return styled(LABEL, report.agency.name + suffix)


# --- Part A -------------------------------------------------------------------------------


def _outline_nodes(rnd: Round) -> list[OutlineNode]:
    """The sections of every outline in use, merged by id (first outline's title), in order."""
    nodes: dict[str, OutlineNode] = {}
    used = {r.agency.appendix for r in rnd.reports}
    for key, outline in rnd.campaign.outlines.items():
        if key in used:
            for node in outline.walk():
                nodes.setdefault(node.id, node)
    return list(nodes.values())


def _missing_line(reports: list[AgencyReport], part_id: str, what: str) -> Node | None:
    """Who has not written a part, grouped by why (not submitted, invalid, not written)."""
    groups: dict[str, list[str]] = {}
    for report in reports:
        part = report.part(part_id) if report.usable else None
        if part is not None and part.state == COMPLETE:
            continue
        groups.setdefault(REASONS.get(report.status, NOT_WRITTEN), []).append(report.agency.name)
    if not groups:
        return None
    reasons = [f"{reason} ({len(names)}): " + ", ".join(names) for reason, names in groups.items()]
    return note(f"Chưa có nội dung {what}: " + "; ".join(reasons) + ".")


def _contributions(
    composer: Composer, reports: list[AgencyReport], part_id: str, level: int
) -> list[Node]:
    out = []
    for report in reports:
        if not report.usable:
            continue
        part: Part | None = report.part(part_id)
        if part is not None and part.content.strip():
            out += [composer.label(report), composer.chunk(report, part.content, level)]
    return out


def part_a(composer: Composer) -> list[Node]:
    rnd = composer.rnd
    campaign = rnd.campaign
    blocks = [heading(1, PART_A), note(_summary(rnd))]
    preambles = [r for r in rnd.reports if r.usable and has_text(r.preamble)]  # not a comment
    if preambles:
        blocks.append(heading(2, PREAMBLES))
        for report in preambles:
            blocks += [
                composer.label(report),
                composer.chunk(report, report.preamble, 2),
            ]
    for node in _outline_nodes(rnd):
        level = 1 + node.depth
        blocks.append(heading(level, node.heading))
        appendices = _appendices_with(rnd, node.id)
        writers = [r for r in rnd.reports if r.agency.appendix in appendices]
        blocks += _contributions(composer, writers, node.id, level)
        if not node.children and not node.holds_tasks:
            missing = _missing_line(
                [r for r in writers if r.submission is not None], node.id, "mục này"
            )
            if missing:
                blocks.append(missing)
        if node.holds_tasks:
            for index, task in enumerate(campaign.tasks.values(), 1):
                blocks += _task(composer, task, index, level + 1)
    return blocks


def _appendices_with(rnd: Round, node_id: str) -> set[str]:
    return {
        key
        for key, outline in rnd.campaign.outlines.items()
        if any(n.id == node_id for n in outline.walk())
    }


def _task(composer: Composer, task: Task, index: int, level: int) -> list[Node]:
    rnd = composer.rnd
    ids = set(task.assignees)
    assigned = [r for r in rnd.reports if r.agency.id in ids]
    blocks = [heading(level, f"Nhiệm vụ {index}. {task.text}")]
    if len(assigned) <= LIST_ASSIGNEES:
        blocks.append(
            note("Cơ quan được giao: " + ", ".join(r.agency.name for r in assigned) + ".")
        )
    else:
        blocks.append(note(f"Nhiệm vụ chung của {len(assigned)} cơ quan."))
    blocks += _contributions(composer, assigned, task.id, level)
    missing = _missing_line(assigned, task.id, "nhiệm vụ này")
    if missing:
        blocks.append(missing)
    return blocks


def _summary(rnd: Round) -> str:
    total = len(rnd.reports)
    submitted = total - rnd.count(NOT_SUBMITTED)
    return (
        f"Phần này tập hợp nội dung báo cáo của các cơ quan theo từng mục của đề cương và từng nhiệm vụ "
        f"được giao, mỗi đoạn ghi tên cơ quan báo cáo. Số liệu đến ngày {format_date(rnd.today)}: "
        f"{submitted}/{total} cơ quan đã nộp báo cáo ({rnd.count(ON_TIME)} đúng hạn, {rnd.count(LATE)} trễ hạn, "
        f"{rnd.count(DRAFT)} bản dự thảo, {rnd.count(INVALID)} chưa đạt yêu cầu kiểm tra); "
        f"{rnd.count(NOT_SUBMITTED)} cơ quan chưa nộp."
    )


# --- Part B -------------------------------------------------------------------------------


def part_b(composer: Composer) -> list[Node]:
    rnd = composer.rnd
    blocks = [heading(1, PART_B)]
    absent = [r.agency.name for r in rnd.reports if r.submission is None]
    if len(absent) > LIST_ASSIGNEES:
        blocks.append(note(f"{len(absent)} cơ quan chưa nộp báo cáo (danh sách tại Phụ lục 1)."))
    elif absent:
        blocks.append(note("Chưa nộp báo cáo: " + "; ".join(absent) + "."))
    for report in rnd.reports:
        if report.submission is None:
            continue
        blocks.append(heading(2, report.agency.name))
        blocks += agency_body(composer, report, 2)
    return blocks


def invalid_note(report: AgencyReport) -> Node:
    assert report.submission is not None, "only a submitted report is invalid"
    errors = [p for p in report.problems if p.is_error]
    first = (
        f"; lỗi đầu tiên ở dòng {errors[0].line}: {errors[0].message.rstrip('.')}"
        if errors and errors[0].line
        else ""
    )
    return note(
        INVALID_NOTE.format(
            name=report.agency.name, file=report.submission.file, count=len(errors), first=first
        )
    )


def agency_body(
    composer: Composer, report: AgencyReport, level: int, *, facts: bool = True
) -> list[Node]:
    """One agency's report under a heading of `level`: its outline parts, after its preamble;
    with `facts`, first its number, date, signer and status, and the documents it lists."""
    if not report.usable or report.submission is None:
        return [invalid_note(report)]
    blocks: list[Node] = []
    documents = appendix.documents_table(report.submission) if facts else None
    if facts:
        blocks.append(note(_facts(report, report.submission)))
    if documents:
        blocks += [styled(LABEL, "Văn bản đã ban hành"), documents]
    preamble = report.preamble
    if has_text(preamble):
        blocks.append(composer.chunk(report, preamble, level))
    for part in report.parts:
        blocks.append(heading(level + part.spec.depth, part.spec.heading))
        if part.content.strip():
            blocks.append(composer.chunk(report, part.content, level + part.spec.depth))
        elif part.spec.leaf:
            blocks.append(note("(Chưa viết)"))
    return blocks


def _facts(report: AgencyReport, submission: Submission) -> str:
    meta = submission.meta
    signer = meta.get("nguoi_ky") or {}
    bits = [
        f"Số: {meta.get('so_ky_hieu', '')}",
        f"ngày ban hành: {format_date(submission.issued)}",
    ]
    if signer:
        bits.append(f"người ký: {signer.get('chuc_vu', '')} {signer.get('ho_ten', '')}".rstrip())
    bits += [f"tình trạng: {report.stage_label}", f"mức độ đầy đủ: {format_percent(report.ratio)}"]
    return "; ".join(bits) + "."


# --- documents ----------------------------------------------------------------------------


def merged_document(rnd: Round, charts: list[tuple[str, str]]) -> Composed:
    """The whole merged report; charts are (caption, image file) pairs for the appendix."""
    composer = Composer(rnd)
    return composer.document(part_a(composer) + part_b(composer) + appendix.blocks(rnd, charts))


def agency_document(rnd: Round, report: AgencyReport) -> Composed:
    composer = Composer(rnd)
    return composer.document(agency_body(composer, report, 1, facts=False))
