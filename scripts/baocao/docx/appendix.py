"""Appendices of the merged report: submission status, figures by agency and year, charts."""

from __future__ import annotations

from baocao.campaign import FigureField
from baocao.docx.blocks import Node, figure, heading, styled, table
from baocao.messages import EXTENSION_NOTE, STATUS_LABELS
from baocao.stages import OVERRIDE
from baocao.submission import Submission
from baocao.text import format_date, format_number, format_percent
from baocao.workspace import DRAFT, STATUS_ORDER, Round

CAPTION = "Table Caption"


def _caption(number: int, text: str) -> Node:
    return styled(CAPTION, f"Bảng {number}: {text}")


def documents_table(submission: Submission) -> Node | None:
    """The documents an agency issued (front matter `van_ban`), as a table."""
    rows = [
        [str(i), str(d.get("so_ky_hieu", "")), str(d.get("ngay", "")), str(d.get("trich_yeu", ""))]
        for i, d in enumerate(submission.meta.get("van_ban") or [], 1)
        if isinstance(d, dict)
    ]
    return table(["STT", "Số, ký hiệu", "Ngày", "Trích yếu"], rows) if rows else None


STATUS_HEADER = [
    "STT",
    "Cơ quan",
    "Số, ký hiệu",
    "Ngày ban hành",
    "Ngày nhận",
    "Tình trạng",
    "Mức độ đầy đủ",
]


def status_rows(rnd: Round) -> list[list[str]]:
    rows = []
    for i, report in enumerate(rnd.reports, 1):
        sub = report.submission
        meta = sub.meta if sub is not None else {}
        received = format_date(report.receipt.day) if report.receipt else ""
        if report.receipt and report.receipt.source == OVERRIDE:
            received += " (*)"
        state = report.stage_label
        if report.extension is not None:  # the letter's deadline is in the note above
            state += f"; gia hạn đến {format_date(report.extension.deadline)}"
        rows.append(
            [
                str(i),
                report.agency.name,
                str(meta.get("so_ky_hieu", "")) if sub else "",
                format_date(sub.issued) if sub else "",
                received,
                state,
                "" if report.shown_ratio is None else format_percent(report.shown_ratio),
            ]
        )
    return rows


def status_notes(rnd: Round) -> list[str]:
    """What the status table's marks mean: received dates the secretariat set, extensions,
    the absence of git history."""
    notes = []
    if rnd.history_note:
        notes.append(rnd.history_note)
    overrides = [
        f"{r.agency.name}: {format_date(r.receipt.day)}, {r.receipt.reason.rstrip('.')}"
        for r in rnd.reports
        if r.receipt is not None and r.receipt.source == OVERRIDE
    ]
    if overrides:
        notes.append("(*) Ngày nhận do Ban Thư ký ghi nhận: " + "; ".join(overrides) + ".")
    extended = [
        f"{r.agency.name} "
        + EXTENSION_NOTE.format(
            deadline=format_date(r.extension.deadline), document=r.extension.document
        )
        for r in rnd.reports
        if r.extension is not None
    ]
    if extended:
        notes.append("Gia hạn: " + "; ".join(extended) + ".")
    return notes


def _figure_table(rnd: Round, fields: tuple[FigureField, ...], totals) -> Node:
    header = ["STT", "Cơ quan", "Năm"] + [f"{f.label} ({f.unit})" for f in fields]
    numeric = set(range(3, 3 + len(fields)))
    rows = []
    number = 0
    for report in rnd.reports:
        if not report.usable:
            continue
        found = rnd.figures(report)
        if not any(key == f.key for _, key in found for f in fields):
            continue
        number += 1
        for k, year in enumerate(sorted({y for y, _ in found})):
            cells = [format_number(found.get((year, f.key))) for f in fields]
            rows.append(
                [
                    str(number) if k == 0 else "",
                    report.figures_name(short=True) if k == 0 else "",
                    str(year),
                ]
                + cells
            )
    for year in rnd.campaign.years:
        rows.append(
            ["", "Tổng cộng", str(year)]
            + [format_number(totals.get((year, f.key))) for f in fields]
        )
    return table(header, rows, right=numeric)


def blocks(rnd: Round, charts: list[tuple[str, str]]) -> list[Node]:
    """The appendices; charts are (caption, image file) pairs."""
    out = [heading(1, "PHỤ LỤC")]
    number = 0
    out.append(heading(2, "Phụ lục 1. Tình hình nộp báo cáo"))
    counts = "; ".join(f"{STATUS_LABELS[s]}: {rnd.count(s)}" for s in STATUS_ORDER)
    out.append(
        styled(
            "Note",
            f"Tổng số {len(rnd.reports)} cơ quan. {counts}. "
            f"Hạn nộp: {format_date(rnd.campaign.letter.deadline)}; số liệu đến ngày {format_date(rnd.today)}."
            + (
                f" Thời gian chốt số liệu: {format_date(rnd.campaign.data_cutoff)}."
                if rnd.campaign.data_cutoff
                else ""
            ),
        )
    )
    number += 1
    out += [
        _caption(number, "Tình hình nộp báo cáo của các cơ quan"),
        table(STATUS_HEADER, status_rows(rnd), right={6}),
    ]
    out += [styled("Note", note) for note in status_notes(rnd)]
    out.append(heading(2, "Phụ lục 2. Số liệu của các cơ quan theo năm"))
    left_out = [r.agency.name for r in rnd.reports if r.submission is not None and not r.usable]
    if left_out:
        out.append(
            styled(
                "Note",
                "Không tính số liệu của các báo cáo chưa đạt yêu cầu kiểm tra: "
                + "; ".join(left_out)
                + ".",
            )
        )
    if any(r.usable and r.status == DRAFT and rnd.figures(r) for r in rnd.reports):
        out.append(
            styled(
                "Note",
                "Số liệu của báo cáo dự thảo được tính vào tổng, có ghi “(dự thảo)” bên tên cơ quan.",
            )
        )
    totals = rnd.figure_totals()
    for group in rnd.campaign.figure_groups:
        number += 1
        out += [_caption(number, group.title), _figure_table(rnd, group.fields, totals)]
    if charts:
        out.append(heading(2, "Phụ lục 3. Biểu đồ"))
        out += [figure(caption, file) for caption, file in charts]
    return out
