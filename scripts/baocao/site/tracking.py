"""The round's tracking on the site: state badges and filter, received dates, review history."""

from __future__ import annotations

from baocao.messages import EXTENSION_NOTE, RECEIPT_SOURCES, STAGE_LABELS
from baocao.site import html as h
from baocao.stages import STAGES
from baocao.text import format_date
from baocao.workspace import AgencyReport, Round


def stage_badge(report: AgencyReport) -> str:
    """The agency's state; `data-stage` is what the dashboard's filter reads."""
    extra = f" bc-stage--{report.status.replace('_', '-')}" if report.stage == "da-nop" else ""
    return (
        f'<span class="bc-stage bc-stage--{report.stage}{extra}" data-stage="{report.stage}">'
        f"{h.escape(report.stage_label)}</span>"
    )


def stage_filter(rnd: Round) -> str:
    """One button per state, with its count; baocao.js hides the other rows."""
    buttons = [
        f'<button type="button" class="bc-stage-filter__button" data-stage="" aria-pressed="true">'
        f"Tất cả ({len(rnd.reports)})</button>"
    ]
    for stage in STAGES:
        buttons.append(
            f'<button type="button" class="bc-stage-filter__button bc-stage--{stage}" '
            f'data-stage="{stage}" aria-pressed="false">{h.escape(STAGE_LABELS[stage])} '
            f"({rnd.count_stage(stage)})</button>"
        )
    return (
        '<div class="bc-stage-filter" role="group" aria-label="Lọc theo tình trạng">'
        + "".join(buttons)
        + "</div>"
    )


def received_cell(report: AgencyReport) -> str:
    return format_date(report.receipt.day) if report.receipt else ""


def received_detail(report: AgencyReport) -> str:
    """The received date and how it is known (the secretariat's reason when it set it)."""
    receipt = report.receipt
    if receipt is None:
        return ""
    source = RECEIPT_SOURCES[receipt.source].format(reason=receipt.reason)
    return f"{format_date(receipt.day)} ({h.escape(source)})"


def deadline_cell(report: AgencyReport) -> str:
    text = format_date(report.deadline)
    return f"{text} (gia hạn)" if report.extension else text


def deadline_detail(report: AgencyReport) -> str:
    if report.extension is None:
        return format_date(report.deadline)
    ext = report.extension
    note = EXTENSION_NOTE.format(deadline=format_date(ext.deadline), document=ext.document)
    return f"{format_date(ext.deadline)} ({h.escape(note)})"


def history_table(report: AgencyReport) -> str | None:
    """Every review of the agency, oldest first."""
    if not report.history:
        return None
    rows = [
        [format_date(r.date), h.escape(r.label), h.escape(r.reviewer), h.escape(r.note)]
        for r in report.history
    ]
    return h.table(["Ngày", "Kết quả", "Người xem xét", "Ghi chú"], rows)
