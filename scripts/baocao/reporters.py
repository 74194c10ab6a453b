"""Formats of the check's result: text, JSON, GitHub annotations, Markdown job summary."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable

from baocao.messages import SEVERITY_LABELS, STATE_LABELS, STATUS_LABELS, problem_title, say
from baocao.preview import word_previews
from baocao.problems import Problem
from baocao.stages import ISSUED
from baocao.text import format_date, format_percent
from baocao.workspace import DRAFT, INVALID, LATE, NOT_SUBMITTED, ON_TIME, AgencyReport, Round


def summary_counts(rnd: Round) -> dict:
    reports = rnd.reports
    return {
        "agencies": len(reports),
        "submitted": sum(r.status in (ON_TIME, LATE) for r in reports),
        "on_time": rnd.count(ON_TIME),
        "late": rnd.count(LATE),
        "draft": rnd.count(DRAFT),
        "invalid": rnd.count(INVALID),
        "not_submitted": rnd.count(NOT_SUBMITTED),
    }


def _where(p: Problem) -> str:
    return f"{p.file}:{p.line}" if p.line else p.file


def problem_line(p: Problem) -> str:
    return f"{_where(p)}: {SEVERITY_LABELS[p.severity]}: {p.message}"


def round_sentence(rnd: Round) -> str:
    deadline = format_date(rnd.campaign.letter.deadline)
    if rnd.partial:  # "1/1 cơ quan đã nộp" of the files named: not the round's state
        return say("check-round-partial", deadline=deadline)
    return say("check-round", deadline=deadline, **summary_counts(rnd))


def not_submitted_lines(rnd: Round, escape: Callable[[str], str] = str) -> list[str]:
    """Agencies without a file, grouped as the campaign groups them; provinces by name only."""
    missing = [r.agency for r in rnd.reports if r.status == NOT_SUBMITTED]
    lines = []
    for group in rnd.campaign.groups:
        names = [escape(a.province or a.short_name) for a in missing if a.group == group.id]
        if names:
            lines.append(f"- {escape(group.name)} ({len(names)}): {', '.join(names)}")
    return lines


def text(rnd: Round, problems: list[Problem]) -> str:
    out = [problem_line(p) for p in problems]
    if out:
        out.append("")
    submitted = [r for r in rnd.reports if r.submission is not None]
    if submitted:
        width = max(len(r.agency.id) for r in submitted)
        for r in submitted:
            out.append(
                f"{r.agency.id:<{width}}  {format_percent(r.ratio):>5}  {r.status_label}  {r.agency.name}"
            )
        out.append("")
    missing = not_submitted_lines(rnd)
    if missing:
        out += [say("check-missing"), *missing, ""]
    out.append(round_sentence(rnd))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = len(rnd.submissions)
    verdict = "check-failed" if errors else "check-passed"
    out.append(say(verdict, errors=errors, warnings=warnings, files=files))
    return "\n".join(out) + "\n"


def agency_json(r: AgencyReport) -> dict:
    sub = r.submission
    return {
        "agency_id": r.agency.id,
        "agency_name": r.agency.name,
        "appendix": r.agency.appendix,
        "file": sub.file if sub else None,
        "status": r.status,
        "report_number": _string(sub.meta.get("so_ky_hieu")) if sub else None,
        "issued": sub.issued.isoformat() if sub and sub.issued else None,
        "completeness": round(r.ratio, 4),
        "review": r.review.result if r.review else None,
        "sections": [
            {
                "id": p.spec.id,
                "kind": p.spec.kind,
                "number": p.spec.number,
                "title": p.spec.title,
                "state": p.state,
                "line": p.line,
            }
            for p in r.parts
        ],
    }


def _string(value: object) -> str | None:
    """A field's value for programs: text, or nothing (a failing report may hold a list)."""
    return value if isinstance(value, str) else None


def as_json(rnd: Round, problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    data = {
        "summary": {
            "files": len(rnd.submissions),
            "errors": errors,
            "warnings": len(problems) - errors,
            "deadline": rnd.campaign.letter.deadline.isoformat(),
            **summary_counts(rnd),
        },
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "field": p.field,
                "code": p.code,
                "severity": p.severity,
                "message": p.message,
            }
            for p in problems
        ],
        "agencies": [agency_json(r) for r in rnd.reports],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Iterable[Problem]) -> str:
    """Workflow commands: errors and warnings shown on the pull request's changed lines."""
    lines = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        props = [f"file={_escape_property(p.file)}"] if not p.file.startswith("(") else []
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property(problem_title(p.code))}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(p.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


# The Markdown summary is rendered by GitHub (GFM, raw HTML allowed): every value that can come
# from a report (file names, headings and field values quoted in messages) is written so that it
# shows as the same text and can neither add HTML, a link nor Markdown structure.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # ASCII punctuation: CommonMark escapes it with "\"


def _one_line(value: str) -> str:
    return " ".join(value.splitlines())


def _text(value: str) -> str:
    """value as literal Markdown text, also inside a table cell."""
    return _PUNCTUATION.sub(r"\\\1", _one_line(value))


def _code(value: str) -> str:
    """value as a Markdown code span inside a table cell: literal, never a link or HTML."""
    value = _one_line(value)
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    pad = " " if value[:1] in ("`", " ") or value[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{value}{pad}{fence}".replace("|", "\\|")


def _html(value: str) -> str:
    """value as text of an HTML block: no Markdown is read there, and no blank line ends it."""
    return html.escape(_one_line(value))


def _status(rnd: Round, r: AgencyReport) -> str:
    """An official report not yet on the main line (a pull request's) is received when merged."""
    if r.receipt is None or r.receipt.source != ISSUED or rnd.history_note is not None:
        return STATUS_LABELS[r.status]
    deadline = r.deadline or rnd.campaign.letter.deadline
    code = "status-pending-late" if rnd.today > deadline else "status-pending"
    return say(code, deadline=format_date(deadline))


def markdown(rnd: Round, problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    icon = "✅" if not errors else "❌"
    out = [
        say("summary-title", icon=icon, errors=errors, warnings=warnings),
        "",
        round_sentence(rnd),
        "",
    ]
    submitted = [(r, r.submission) for r in rnd.reports if r.submission is not None]
    if submitted:
        out += [
            say("summary-table"),
            "|---|---|---|---:|---:|---:|---:|",
        ]
        for r, sub in submitted:
            leaves = r.completeness.leaves if r.completeness else []
            counts = {s: sum(p.state == s for p in leaves) for s in STATE_LABELS}
            out.append(
                f"| {_text(r.agency.name)} | {_code(sub.file)} | {_status(rnd, r)} | {format_percent(r.ratio)} "
                f"| {counts['complete']} | {counts['empty']} | {counts['missing']} |"
            )
        out.append("")
    missing = not_submitted_lines(rnd, _text)
    if missing:
        out += [
            say("summary-missing", count=rnd.count(NOT_SUBMITTED)),
            "",
            *missing,
            "",
            "</details>",
            "",
        ]
    if problems:
        # one HTML block, without a blank line: GitHub reads no Markdown (links, autolinks) in it
        out += [say("summary-problems"), "<ul>"]
        out += [
            f"<li><code>{_html(_where(p))}</code> <strong>{SEVERITY_LABELS[p.severity]}</strong>: "
            f"{_html(p.message)}</li>"
            for p in problems
        ]
        out += ["</ul>", "</details>", ""]
    out += word_previews(rnd)  # Word reports as text, for the reviewer
    return "\n".join(out)
