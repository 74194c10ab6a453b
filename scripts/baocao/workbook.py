"""`baocao export --xlsx` and the site's Tải về page: the round in one workbook."""

from __future__ import annotations

import io
from datetime import date, datetime

import xlsxwriter

from baocao.completeness import MISSING
from baocao.messages import RECEIPT_SOURCES, STATE_LABELS, STATUS_LABELS
from baocao.workspace import DRAFT, Round

STATUS_SHEET = "Tình hình nộp"
TASK_SHEET = "Nhiệm vụ"
STATUS_COLUMNS = [
    "STT",
    "Mã cơ quan",
    "Cơ quan",
    "Phụ lục",
    "Nhóm",
    "Số, ký hiệu",
    "Ngày ban hành",
    "Ngày nhận",
    "Nguồn ngày nhận",
    "Hạn gửi",
    "Văn bản gia hạn",
    "Tình trạng",
    "Đúng hạn/Trễ hạn",
    "Mức độ đầy đủ",
    "Kết quả xem xét",
    "Ngày xem xét",
    "Người xem xét",
    "Ghi chú xem xét",
]
TASK_COLUMNS = [
    "STT",
    "Mã cơ quan",
    "Cơ quan",
    "Phụ lục",
    "Mã nhiệm vụ",
    "Nhiệm vụ",
    "Số cơ quan được giao",
    "Tình trạng báo cáo",
]
FIGURE_LEAD = ["STT", "Mã cơ quan", "Cơ quan", "Năm", "Ghi chú"]
TOTAL = "Tổng cộng"
DRAFT_MARK = "Dự thảo"
_BAD_SHEET = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_names(rnd: Round) -> list[str]:
    """The figure groups' sheet names: their titles, within Excel's 31 characters, unique."""
    names: list[str] = []
    for group in rnd.campaign.figure_groups:
        base = group.title.translate(_BAD_SHEET).strip()
        if len(base) > 31:  # at a word's end
            base = base[:32].rsplit(" ", 1)[0].rstrip(" ,;")
        name, n = base, 2
        while name in names or name in (STATUS_SHEET, TASK_SHEET):
            name = f"{base[: 31 - len(str(n)) - 1]} {n}"
            n += 1
        names.append(name)
    return names


def workbook_bytes(rnd: Round) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,  # "=HYPERLINK(...)" typed in a report stays text
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    day = datetime(rnd.today.year, rnd.today.month, rnd.today.day)
    book.set_properties({"title": rnd.campaign.name, "created": day, "author": "baocao"})
    styles = _Styles(book)
    _status_sheet(book.add_worksheet(STATUS_SHEET), rnd, styles)
    for name, group in zip(sheet_names(rnd), rnd.campaign.figure_groups):
        _figure_sheet(book.add_worksheet(name), rnd, group, styles)
    _task_sheet(book.add_worksheet(TASK_SHEET), rnd, styles)
    book.close()
    return out.getvalue()


class _Styles:
    def __init__(self, book) -> None:
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.number = book.add_format({"num_format": "#,##0"})
        self.decimal = book.add_format({"num_format": "#,##0.00"})
        self.percent = book.add_format({"num_format": "0%"})
        self.total = book.add_format({"bold": True})
        self.total_number = book.add_format({"bold": True, "num_format": "#,##0"})


def _header(sheet, columns: list[str], styles: _Styles, widths: dict[int, int]) -> None:
    sheet.write_row(0, 0, columns, styles.header)
    sheet.freeze_panes(1, 0)
    for col in range(len(columns)):
        sheet.set_column(col, col, widths.get(col, 14))


def _put(sheet, row: int, col: int, value, styles: _Styles, fmt=None) -> None:
    """A cell: dates as dates, numbers as numbers, text as text (never a formula)."""
    if value is None or value == "":
        return
    if isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), styles.date)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if fmt is styles.number and isinstance(value, float) and not value.is_integer():
            fmt = styles.decimal
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def _status_sheet(sheet, rnd: Round, styles: _Styles) -> None:
    c = rnd.campaign
    _header(sheet, STATUS_COLUMNS, styles, {0: 5, 1: 22, 2: 40, 8: 30, 10: 30, 11: 22, 17: 40})
    for i, r in enumerate(rnd.reports, 1):
        sub = r.submission
        review = r.review if sub is not None else None
        receipt = r.receipt
        cells = [
            i,
            r.agency.id,
            r.agency.name,
            c.outlines[r.agency.appendix].label,
            c.group(r.agency.group).name,
            str(sub.meta.get("so_ky_hieu", "")) if sub is not None and sub.readable else "",
            sub.issued if sub is not None else None,
            receipt.day if receipt else None,
            RECEIPT_SOURCES[receipt.source].format(reason=receipt.reason) if receipt else "",
            r.deadline,
            r.extension.document if r.extension else "",
            r.stage_label,
            STATUS_LABELS[r.status] if receipt else "",
            None,
            review.label if review else "",
            review.date if review else None,
            review.reviewer if review else "",
            review.note if review else "",
        ]
        for col, value in enumerate(cells):
            _put(sheet, i, col, value, styles)
        if r.shown_ratio is not None:
            sheet.write_number(i, 13, round(r.shown_ratio, 4), styles.percent)
    sheet.autofilter(0, 0, len(rnd.reports), len(STATUS_COLUMNS) - 1)


def _figure_sheet(sheet, rnd: Round, group, styles: _Styles) -> None:
    fields = group.fields
    columns = FIGURE_LEAD + [f"{f.label} ({f.unit})" for f in fields]
    _header(sheet, columns, styles, {0: 5, 1: 22, 2: 40, 3: 6, 4: 10})
    row, number = 1, 0
    for report in rnd.reports:
        found = rnd.figures(report) if report.usable else {}
        if not any(key == f.key for _, key in found for f in fields):
            continue
        number += 1
        for year in sorted({y for y, _ in found}):
            lead = [
                number,
                report.agency.id,
                report.agency.name,
                year,
                DRAFT_MARK if report.status == DRAFT else "",
            ]
            for col, value in enumerate(lead + [found.get((year, f.key)) for f in fields]):
                _put(sheet, row, col, value, styles, styles.number if col > 4 else None)
            row += 1
    totals = rnd.figure_totals()
    for year in rnd.campaign.years:
        sheet.write_string(row, 2, TOTAL, styles.total)
        sheet.write_number(row, 3, year, styles.total)
        for col, f in enumerate(fields, len(FIGURE_LEAD)):
            value = totals.get((year, f.key))
            if value is not None:
                sheet.write_number(row, col, value, styles.total_number)
        row += 1


def _task_sheet(sheet, rnd: Round, styles: _Styles) -> None:
    c = rnd.campaign
    _header(sheet, TASK_COLUMNS, styles, {0: 5, 1: 22, 2: 40, 5: 80, 7: 18})
    row = 1
    for report in rnd.reports:
        for task in c.tasks_of(report.agency):
            part = report.part(task.id) if report.usable else None
            state = (
                STATE_LABELS[part.state if part else MISSING]
                if report.usable
                else report.stage_label
            )
            cells = [
                row,
                report.agency.id,
                report.agency.name,
                c.outlines[report.agency.appendix].label,
                task.id,
                task.text,
                len(task.assignees),
                state,
            ]
            for col, value in enumerate(cells):
                _put(sheet, row, col, value, styles)
            row += 1
    sheet.autofilter(0, 0, max(row - 1, 1), len(TASK_COLUMNS) - 1)
