"""The whole round: the campaign plus every submission, checked and assessed. Loaded once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path

from baocao import entries
from baocao.campaign import Agency, Campaign, load_campaign
from baocao.comments import comment_problems
from baocao.completeness import Completeness, Part, agency_parts, assess
from baocao.links import link_problems
from baocao.messages import REVIEW_LABELS, STAGE_LABELS, STATUS_LABELS, phrase, render
from baocao.notes import note_problems
from baocao.oversize import folder_problems, over_body_limit
from baocao.problems import WARNING, Problem
from baocao.reviews import Extension, Review, decision_warnings, load_reviews
from baocao.stages import Receipt, settle
from baocao.submission import Submission, load_submission
from baocao.tables import table_problems
from baocao.text import printable
from baocao.validation import FrontMatterValidator
from baocao.wordfile import (
    both_formats,
    both_problem,
    is_word,
    likely_agency_id,
    load_word_submission,
    locate,
    word_files,
)

NOT_SUBMITTED, DRAFT, ON_TIME, LATE, INVALID = (
    "not_submitted",
    "draft",
    "on_time",
    "late",
    "invalid",
)
STATUS_ORDER = (ON_TIME, LATE, DRAFT, INVALID, NOT_SUBMITTED)  # as tables and charts list them


@dataclass
class AgencyReport:
    """One agency of the campaign, with its submission if there is one."""

    agency: Agency
    submission: Submission | None = None
    completeness: Completeness | None = None
    status: str = NOT_SUBMITTED
    review: Review | None = None  # the secretariat's decision, from reviews.yml
    # the round's tracking (stages.settle): review history, deadline, received date, state
    history: list[Review] = field(default_factory=list)
    extension: Extension | None = None
    deadline: date | None = None
    receipt: Receipt | None = None
    changed: date | None = None  # last change of its file on the main line (git)
    first_seen: date | None = None  # when its file first reached the main line (git)
    revised: bool = False  # its file changed on the main line after its first version there
    stage: str = "chua-nop"

    @property
    def stage_label(self) -> str:
        """The state as users read it; an official report's says on time or late, reviewed or
        not ("Đã tiếp nhận (nộp trễ hạn)"), as the counts of on time and late reports do."""
        label = STAGE_LABELS[self.stage]
        if self.status not in (ON_TIME, LATE):
            return label
        timing = STATUS_LABELS[self.status].lower()
        return phrase(
            "stage-timing" if self.stage == "da-nop" else "stage-timing-reviewed",
            label=label,
            timing=timing,
        )

    @property
    def review_label(self) -> str:
        return self.review.label if self.review else REVIEW_LABELS[None]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def ratio(self) -> float:
        return self.completeness.ratio if self.completeness else 0.0

    def figures_name(self, short: bool = False) -> str:
        """The agency's name in the figure tables: a draft's figures count, marked as such."""
        name = self.agency.short_name if short else self.agency.name
        return f"{name} ({STATUS_LABELS[DRAFT].lower()})" if self.status == DRAFT else name

    @property
    def parts(self) -> list[Part]:
        return self.completeness.parts if self.completeness else []

    def part(self, part_id: str) -> Part | None:
        return self.completeness.part(part_id) if self.completeness else None

    @property
    def problems(self) -> list[Problem]:
        if not self.submission:
            return []
        extra = self.completeness.problems if self.completeness else []
        return sorted(self.submission.problems + extra, key=Problem.sort_key)

    @property
    def preamble(self) -> str:
        return self.completeness.preamble if self.completeness else ""

    @property
    def usable(self) -> bool:
        """Its content may go into the site and the merged DOCX."""
        return self.submission is not None and self.status != INVALID

    @property
    def shown_ratio(self) -> float | None:
        """Its completeness as the round's outputs show and count it: none for a report whose
        content is left out of them."""
        return self.ratio if self.usable and self.completeness is not None else None


@dataclass
class Round:
    campaign: Campaign
    reports: list[AgencyReport]  # campaign order
    submissions: list[Submission]  # every file read, sorted by path
    problems: list[Problem] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    history_note: str | None = None  # why received dates are the issued dates, if they are
    partial: bool = False  # only the named files' agencies (a pull request's check)
    _figures: dict[str, dict] = field(default_factory=dict, repr=False, compare=False)

    def report(self, agency_id: str) -> AgencyReport | None:
        return next((r for r in self.reports if r.agency.id == agency_id), None)

    @property
    def loose_problems(self) -> list[Problem]:
        """Problems no agency's report shows: files in submissions/ that are no agency's
        report, a second file for an agency, reviews.yml."""
        shown = {id(p) for r in self.reports for p in r.problems}
        return [p for p in self.problems if id(p) not in shown]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.reports)

    def count_stage(self, stage: str) -> int:
        return sum(r.stage == stage for r in self.reports)

    def figures(self, report: AgencyReport) -> dict[tuple[int, str], int | float]:
        """(year, figure key) -> value reported by a usable submission (`so_lieu`): the
        campaign's figures only, numbers only, the first row of a year. Read once a report;
        the site and the DOCX both count from here."""
        found = self._figures.get(report.agency.id)
        if found is None:
            found = {}
            if report.usable and report.submission is not None:
                keys = [f.key for f in self.campaign.figure_fields]
                for row in report.submission.meta.get("so_lieu") or []:
                    year = row.get("nam") if isinstance(row, dict) else None
                    if (
                        not isinstance(year, int)
                        or isinstance(year, bool)
                        or any(y == year for y, _ in found)
                    ):
                        continue
                    for key in keys:
                        value = row.get(key)
                        if isinstance(value, (int, float)) and not isinstance(value, bool):
                            found[(year, key)] = value
            self._figures[report.agency.id] = found
        return found

    def figure_totals(self) -> dict[tuple[int, str], int | float]:
        """(year, figure key) -> sum over the usable reports; a figure nobody gave is absent, not 0."""
        sums: dict[tuple[int, str], int | float] = {}
        for report in self.reports:
            for key, value in self.figures(report).items():
                sums[key] = sums.get(key, 0) + value
        return sums

    @property
    def days_past_deadline(self) -> int:
        return (self.today - self.campaign.letter.deadline).days


def today_from_env() -> date:
    """SOURCE_DATE_EPOCH (reproducible builds) or BAOCAO_TODAY (yyyy-mm-dd) fix "today"."""
    if os.environ.get("BAOCAO_TODAY"):
        return date.fromisoformat(os.environ["BAOCAO_TODAY"])
    if os.environ.get("SOURCE_DATE_EPOCH"):
        from datetime import datetime

        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=UTC).date()
    return date.today()


def submission_files(campaign: Campaign) -> list[Path]:
    folder = campaign.submissions_dir
    # a linked submissions/ is refused (entries.scan), and nothing is read through it
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted([*folder.glob("*.md"), *word_files(folder)])


def display_path(root: Path, path: Path) -> str:
    """path as shown to people: relative to root, its unprintable characters as "�"."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        try:
            shown = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
    return printable(shown)


def load_round(
    root: Path,
    paths: list[Path] | None = None,
    today: date | None = None,
    campaign: Campaign | None = None,
) -> Round:
    """Read the campaign and the submissions (all of them, or only paths) and check them."""
    campaign = campaign or load_campaign(root)
    validator = FrontMatterValidator(campaign.submission_schema)
    files = sorted(paths) if paths is not None else submission_files(campaign)
    if paths is not None:  # an agency's other file decides which one is read
        files = sorted({*files, *_other_formats(campaign, paths)})
    return _load(root, campaign, validator, files, paths, today)


def _other_formats(campaign: Campaign, paths: list[Path]) -> list[Path]:
    """`<id>.md` for a named `<id>.docx` and the reverse, where it exists."""
    found = []
    for path in paths:
        if path.parent == campaign.submissions_dir and path.suffix in (".md", ".docx"):
            other = path.with_suffix(".docx" if path.suffix == ".md" else ".md")
            if os.path.lexists(other):
                found.append(other)
    return found


def _load(
    root: Path,
    campaign: Campaign,
    validator: FrontMatterValidator,
    files: list[Path],
    paths: list[Path] | None,
    today: date | None,
) -> Round:
    today = today or today_from_env()
    doubled = both_formats(files)  # a .docx beside a .md of the same agency: an error
    submissions = [
        load_word_submission(p, display_path(root, p), validator, campaign)
        if is_word(p)
        else load_submission(p, display_path(root, p), validator)
        for p in files
        if p not in doubled
    ]
    reviews, problems = load_reviews(root, campaign)
    problems.extend(both_problem(p, display_path(root, p)) for p in doubled)
    reports = {a.id: AgencyReport(a, review=reviews.get(a.id)) for a in campaign.agencies}
    # a file named after its agency claims it first; other files naming it are the duplicates
    for sub in sorted(submissions, key=lambda s: s.path.stem != s.agency_id):
        _identify(campaign, sub, reports)
    problems.extend(_entry_problems(root, campaign, reports, paths))
    for report in reports.values():
        filed = report.submission
        if filed is None:
            continue
        if filed.readable and not any(over_body_limit(p) for p in filed.problems):
            report.completeness = assess(campaign, report.agency, filed)
            filed.problems.extend(link_problems(filed, report.agency.id))
            filed.problems.extend(table_problems(filed))
            filed.problems.extend(comment_problems(filed))
            filed.problems.extend(note_problems(filed))
        report.status = _status(campaign, report)
    note = settle(root, campaign, reports.values(), reviews)
    if paths is None:  # the whole round: decisions that are not used, or dated after today
        have = {r.agency.id for r in reports.values() if r.submission is not None}
        official = {r.agency.id for r in reports.values() if r.status in (ON_TIME, LATE)}
        problems.extend(decision_warnings(reviews, have, official, today))
    for report in reports.values():  # a Word file's problems name places, not lines
        if report.submission is not None and report.completeness:
            report.completeness.problems[:] = locate(
                report.submission, report.completeness.problems
            )
    for sub in submissions:
        sub.problems[:] = locate(sub, sub.problems)
        problems.extend(sub.problems)
    for report in reports.values():
        if report.completeness:
            problems.extend(report.completeness.problems)
    ordered = [reports[a.id] for a in campaign.agencies]
    if paths is not None:  # only the agencies whose files were named
        named = {r.agency.id for r in reports.values() if r.submission in submissions}
        ordered = [r for r in ordered if r.agency.id in named]
    rnd = Round(
        campaign,
        ordered,
        submissions,
        sorted(problems, key=Problem.sort_key),
        today,
        history_note=note,
        partial=paths is not None,
    )
    return rnd


def _entry_problems(
    root: Path, campaign: Campaign, reports: dict[str, AgencyReport], paths: list[Path] | None
) -> list[Problem]:
    """Links, special files, submodules and files over a limit under submissions/ (only the
    named reports' folders when paths are given). A problem of an agency's folder goes to its
    report, which is then invalid; the rest are the round's."""
    folder = campaign.submissions_dir
    only = None if paths is None else {p.stem for p in paths if p.parent == folder}
    found = entries.scan(root, folder, only)
    loose = [_unread_problem(campaign, shown, name) for shown, name in found.unread]
    for agency_id, problem in found.problems:
        report = reports.get(agency_id)
        if report and report.submission:
            report.submission.problems.append(problem)
        else:
            loose.append(problem)
    for agency_id, files in found.files.items():
        report = reports.get(agency_id)
        if report and report.submission:
            shown = display_path(root, folder / agency_id)
            report.submission.problems.extend(folder_problems(shown, files))
    return loose


def _unread_problem(campaign: Campaign, shown: str, name: str) -> Problem:
    """A file at the top of submissions/ that is no report ("bo-y-te.doc", "Bo-Y-Te.MD"):
    not read, so an agency that sent it would be counted as not submitted without a word."""
    agency_id = likely_agency_id(campaign, name.split(".", 1)[0])
    agency = campaign.agency(agency_id) if agency_id else None
    hint = render("unread-file-agency", name=agency.name, agency=agency.id) if agency else ""
    return Problem(
        shown, None, "filename-unread", render("unread-file", path=shown, hint=hint), WARNING
    )


def _identify(campaign: Campaign, sub: Submission, reports: dict[str, AgencyReport]) -> None:
    """File name, agency and one file per agency."""
    agency_id = sub.agency_id
    if not sub.readable or agency_id is None or any(p.field == "co_quan" for p in sub.problems):
        # unreadable: attach by file name so the agency page can say its file has errors
        report = reports.get(sub.path.stem)
        if report is not None and report.submission is None:
            report.submission = sub
        return
    agency = campaign.agency(agency_id)
    line = (
        sub.field_line("co_quan")
        if agency is None or sub.path.stem != agency_id or reports[agency_id].submission
        else None
    )
    if agency is None:
        close = campaign.closest_agency_id(agency_id)
        hint = phrase("did-you-mean", name=close) if close else ""
        sub.problems.append(
            Problem(
                sub.file,
                line,
                "agency-unknown",
                render("agency-unknown", agency=agency_id, suggestion=hint),
                field="co_quan",
            )
        )
        return
    if sub.path.stem != agency_id:
        sub.problems.append(
            Problem(
                sub.file,
                line,
                "agency-filename",
                render("agency-filename", filename=sub.path.name, agency=agency_id),
                field="co_quan",
            )
        )
    report = reports[agency_id]
    if report.submission is not None and report.submission is not sub:
        sub.problems.append(
            Problem(
                sub.file,
                line,
                "agency-duplicate",
                render("agency-duplicate", agency=agency_id, other=report.submission.file),
                field="co_quan",
            )
        )
        return
    report.submission = sub


def _status(campaign: Campaign, report: AgencyReport) -> str:
    sub = report.submission
    if sub is None:
        return NOT_SUBMITTED
    if sub.has_errors or (
        report.completeness and any(p.is_error for p in report.completeness.problems)
    ):
        return INVALID
    if not sub.is_official:
        return DRAFT
    issued = sub.issued
    return ON_TIME if issued and issued <= campaign.letter.deadline else LATE


__all__ = [
    "AgencyReport",
    "Round",
    "load_round",
    "agency_parts",
    "NOT_SUBMITTED",
    "DRAFT",
    "ON_TIME",
    "LATE",
    "INVALID",
]
