"""`baocao remind`: the reminder letter to agencies that still owe a report, and their contacts."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from baocao.campaign import Campaign
from baocao.docx.blocks import Node, document, para, table
from baocao.docx.layout import DocumentHead
from baocao.messages import STAGE_LABELS, round_text
from baocao.stages import DRAFT, INVALID, NOT_SUBMITTED, RETURNED
from baocao.workspace import AgencyReport, Round

# the groups a reminder may address (option value -> states), in the letter's order
GROUPS = {
    "chua-nop": (NOT_SUBMITTED,),
    "du-thao": (DRAFT,),
    "chua-dat": (INVALID,),
    "bo-sung": (RETURNED,),
}
LISTED_BY_NAME = 10  # more addressees than this: "Kính gửi" names the list in the letter
CSV_COLUMNS = [
    "Mã cơ quan",
    "Cơ quan",
    "Tình trạng",
    "Hạn gửi",
    "Người liên hệ",
    "Điện thoại",
    "Thư điện tử",
    "Nguồn liên hệ",
    "Tài khoản GitHub",
]
FROM_REPORT, FROM_CAMPAIGN = "báo cáo của cơ quan", "campaign.yml"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def selected(rnd: Round, groups: list[str] | None = None) -> list[AgencyReport]:
    """The agencies of the chosen groups (all of them by default), in the campaign's order."""
    states = {s for g in groups or GROUPS for s in GROUPS[g]}
    return [r for r in rnd.reports if r.stage in states]


def list_text(rnd: Round, reports: list[AgencyReport]) -> str:
    if not reports:
        return round_text("remind-none") + "\n"
    lines = [round_text("remind-count", count=len(reports))]
    for i, r in enumerate(reports, 1):
        lines.append(f"{i:>4}. {r.agency.name} ({r.agency.id}): {_why(r)}")
    return "\n".join(lines) + "\n"


def _why(report: AgencyReport) -> str:
    review = report.review
    if report.stage == RETURNED and review is not None:
        why = f"{STAGE_LABELS[report.stage]} ngày {review.date:%d/%m/%Y}"
    else:
        why = report.stage_label
    if report.extension is not None:  # the letter must not ask for it before its own deadline
        why += f" (được gia hạn đến {report.extension.deadline:%d/%m/%Y})"
    return why


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _cell(value: str) -> str:
    """A CSV cell that Excel will not read as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def contacts_csv(reports: list[AgencyReport]) -> str:
    """Name, state and contact of each agency (its report's `lien_he` where it has one, else
    its `contact` in the campaign; its GitHub accounts), UTF-8 with BOM so that Excel reads it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in reports:
        # a report that fails the check may hold anything there: its contact is not used
        usable = r.submission is not None and r.stage != INVALID
        meta = r.submission.meta if usable and r.submission is not None else {}
        contact = meta.get("lien_he") if isinstance(meta, dict) else None
        contact = contact if isinstance(contact, dict) else {}
        found = [_text(contact.get(k)) for k in ("ho_ten", "dien_thoai", "email")]
        source = FROM_REPORT if any(found) else FROM_CAMPAIGN if any(r.agency.contact) else ""
        if not any(found):
            found = list(r.agency.contact)
        accounts = " ".join(
            dict.fromkeys(a.lstrip("@") for a in (r.agency.owner, *r.agency.accounts))
        )
        row = [
            r.agency.id,
            r.agency.name,
            _why(r),
            f"{r.deadline:%d/%m/%Y}" if r.deadline else "",
            *found,
            source,
            accounts,
        ]
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def _long_date(day: date) -> str:
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def letter_head(campaign: Campaign, reports: list[AgencyReport], day: date) -> DocumentHead:
    letter = campaign.letter
    number = "      /" + letter.number.split("/", 1)[-1]  # filled in when it is issued
    name = campaign.short_name
    addressees = (
        tuple(r.agency.name for r in reports)
        if len(reports) <= LISTED_BY_NAME
        else ("Các cơ quan, đơn vị có tên trong danh sách tại Công văn này",)
    )
    return DocumentHead(
        letter.issuer,
        number,
        letter.place,
        day,
        "",
        "",
        (letter.cc[0], letter.cc[-1]),
        letter.signer.capacity,
        letter.signer.title,
        letter.signer.name,
        subject=f"V/v đôn đốc gửi báo cáo {name[0].lower()}{name[1:]}",
        addressees=addressees,
    )


def letter_document(
    campaign: Campaign, reports: list[AgencyReport], day: date, until: date | None
) -> Node:
    letter = campaign.letter
    about = letter.subject.removeprefix("V/v ").strip()
    when = f"trước {_long_date(until)}" if until else "trong thời gian sớm nhất"
    later = [r for r in reports if r.extension and (until is None or r.extension.deadline > until)]
    extended = (
        " (cơ quan, đơn vị được gia hạn: trước hạn đã được gia hạn nêu trong danh sách)"
        if later
        else ""
    )
    paragraphs = [
        f"Thực hiện Công văn số {letter.number} {_long_date(letter.date)} về việc {about}, "
        f"các cơ quan, đơn vị được đề nghị gửi báo cáo về {letter.receiver_unit} "
        f"trước {_long_date(letter.deadline)}.",
        f"Đến {_long_date(day)}, {len(reports)} cơ quan, đơn vị dưới đây chưa gửi báo cáo "
        "chính thức, chưa hoàn thiện báo cáo theo yêu cầu hoặc báo cáo chưa đạt yêu cầu:",
    ]
    rows = [[str(i), r.agency.name, _why(r)] for i, r in enumerate(reports, 1)]
    tail = [
        f"Để kịp tổng hợp, đề nghị Quý cơ quan, đơn vị khẩn trương hoàn thành và gửi báo cáo "
        f"về {letter.receiver_unit} (kèm theo bản mềm tới email: {letter.receiver_email}) "
        f"{when}{extended}. Cơ quan, đơn vị đã được đề nghị bổ sung gửi lại báo cáo đã hoàn "
        "thiện theo ý kiến của Ban Thư ký.",
        f"Chi tiết xin liên hệ: Đ/c {letter.contact_name}, {letter.contact_title}; "
        f"điện thoại: {letter.contact_phone}.",
        "Trân trọng cảm ơn sự phối hợp của Quý cơ quan, đơn vị./.",
    ]
    blocks = [para(p) for p in paragraphs]
    blocks.append(table(["STT", "Cơ quan, đơn vị", "Tình trạng"], rows))
    blocks += [para(p) for p in tail]
    return document(blocks)


def write_reminder(
    rnd: Round, reports: list[AgencyReport], out_path: Path, until: date | None = None
) -> Path:
    from baocao.docx import build_letter_docx

    letter = letter_document(rnd.campaign, reports, rnd.today, until)
    return build_letter_docx(rnd, letter, letter_head(rnd.campaign, reports, rnd.today), out_path)
