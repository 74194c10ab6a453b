"""Where each agency stands in the round: received date, deadline, on time or late, its state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from baocao.messages import HISTORY_REASONS, STAGE_LABELS
from baocao.receipt import History, read_history
from baocao.reviews import ReviewBook

if TYPE_CHECKING:
    from baocao.campaign import Campaign
    from baocao.workspace import AgencyReport

# the states, in the order the dashboard lists them
NOT_SUBMITTED, DRAFT, INVALID, SUBMITTED, RETURNED, RESUBMITTED, ACCEPTED = (
    "chua-nop",
    "du-thao",
    "chua-dat",
    "da-nop",
    "yeu-cau-bo-sung",
    "cho-xem-lai",
    "da-tiep-nhan",
)
STAGES = tuple(STAGE_LABELS)
GIT, OVERRIDE, ISSUED = "git", "override", "issued"  # where a received date comes from


@dataclass(frozen=True)
class Receipt:
    """When an official report was received, and how that is known."""

    day: date | None
    source: str  # GIT | OVERRIDE | ISSUED
    reason: str = ""  # the secretariat's reason, for OVERRIDE


def settle(
    root: Path, campaign: Campaign, reports: Iterable[AgencyReport], book: ReviewBook
) -> str | None:
    """Set every report's received date, deadline, timeliness and state. Returns the note
    to show once when git history could not be read (the issued dates are used instead)."""
    from baocao.workspace import DRAFT as DRAFT_STATUS
    from baocao.workspace import LATE, ON_TIME

    reports = list(reports)
    files = [
        path
        for r in reports
        if r.submission is not None and r.status in (ON_TIME, LATE, DRAFT_STATUS)
        for path in (r.submission.file, other_format(r.submission.file))
    ]
    from baocao.wordfile import issued_version

    def word(path: str, data: bytes) -> bool:
        return issued_version(campaign, path, data)

    history = read_history(root, files, word=word) if files else History(True)
    for report in reports:
        agency_id = report.agency.id
        report.history = book.history.get(agency_id, [])
        report.extension = book.extensions.get(agency_id)
        report.deadline = (
            report.extension.deadline if report.extension else campaign.letter.deadline
        )
        sub = report.submission
        found = history.of(sub.file) if sub is not None else None
        # with the agency's report in the other format, which this file replaced
        before = history.of(other_format(sub.file)) if sub is not None else None
        both = [h for h in (found, before) if h is not None]
        report.changed = found.changed if found else None
        report.first_seen = min((h.first_seen for h in both if h.first_seen), default=None)
        received = min((h.received for h in both if h.received), default=None)
        first, last = (found.first_at, found.changed_at) if found else (None, None)
        report.revised = first is not None and last is not None and last > first
        if report.status in (ON_TIME, LATE) and sub is not None:
            override = book.received.get(agency_id)
            if override is not None:
                report.receipt = Receipt(override.date, OVERRIDE, override.reason)
            elif received is not None:
                report.receipt = Receipt(received, GIT)
            else:
                report.receipt = Receipt(sub.issued, ISSUED)
            day = report.receipt.day
            report.status = ON_TIME if day is not None and day <= report.deadline else LATE
        report.stage = stage_of(report)
    return None if history.available else HISTORY_REASONS[history.reason or "no-repository"]


def other_format(path: str) -> str:
    """submissions/x.md for submissions/x.docx, and the other way round."""
    stem, _, suffix = path.rpartition(".")
    return f"{stem}.{'md' if suffix.lower() == 'docx' else 'docx'}"


def stage_of(report: AgencyReport) -> str:
    from baocao.workspace import DRAFT as DRAFT_STATUS
    from baocao.workspace import INVALID as INVALID_STATUS
    from baocao.workspace import NOT_SUBMITTED as NONE

    if report.status == NONE:
        return NOT_SUBMITTED
    if report.status == INVALID_STATUS:
        return INVALID
    draft = report.status == DRAFT_STATUS
    review = report.review
    if review is not None:
        # changed after it: since the review if its file was on the main line then, else
        # since the file's first version there (the one it reviewed came another way)
        seen = report.first_seen
        on_main = seen is None or seen <= review.date
        if report.changed and report.changed > review.date and (on_main or report.revised):
            return DRAFT if draft else RESUBMITTED
        return ACCEPTED if review.result == "da_tiep_nhan" else RETURNED
    return DRAFT if draft else SUBMITTED
