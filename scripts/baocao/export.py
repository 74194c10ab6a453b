"""`baocao tasks`: the assignments as rows, the secretariat's checklist and a stable interface."""

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


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
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
