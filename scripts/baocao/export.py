"""`baocao tasks`: the assignments as rows: a checklist (text, CSV for Excel) and JSON for programs."""

from __future__ import annotations

import csv
import io
import json

from baocao.campaign import Campaign

COLUMNS = [
    "agency_id",
    "agency_name",
    "appendix",
    "group",
    "letter_item",
    "task_no",
    "task_id",
    "text",
    "assignee_count",
]


# the CSV is opened in Excel by the secretariat: Vietnamese headers; the JSON keeps the keys
CSV_HEADERS = {
    "agency_id": "Mã cơ quan",
    "agency_name": "Cơ quan",
    "appendix": "Phụ lục",
    "group": "Nhóm",
    "letter_item": "Mục của công văn",
    "task_no": "Số thứ tự nhiệm vụ",
    "task_id": "Mã nhiệm vụ",
    "text": "Nhiệm vụ",
    "assignee_count": "Số cơ quan được giao",
}


def assignment_rows(campaign: Campaign, agency_id: str | None = None) -> list[dict]:
    rows = []
    for agency in campaign.agencies:
        if agency_id and agency.id != agency_id:
            continue
        for number, task in enumerate(campaign.tasks_of(agency), 1):
            rows.append(
                {
                    "agency_id": agency.id,
                    "agency_name": agency.name,
                    "appendix": agency.appendix,
                    "group": agency.group,
                    "letter_item": agency.letter_item,
                    "task_no": number,
                    "task_id": task.id,
                    "text": task.text,
                    "assignee_count": len(task.assignees),
                }
            )
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict], campaign: Campaign) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([CSV_HEADERS[c] for c in COLUMNS])
    for row in rows:
        writer.writerow([campaign.group(row[c]).name if c == "group" else row[c] for c in COLUMNS])
    return "\ufeff" + buffer.getvalue()  # BOM so that Excel opens Vietnamese text correctly


def to_text(rows: list[dict]) -> str:
    out = []
    current = None
    for row in rows:
        if row["agency_id"] != current:
            current = row["agency_id"]
            out.append(f"\n{row['agency_name']} ({row['agency_id']}, Phụ lục {row['appendix']})")
        out.append(f"  {row['task_no']}. [{row['task_id']}] {row['text']}")
    return "\n".join(out).lstrip("\n") + "\n"
