"""The secretariat's decisions (reviews.yml): review results, received-date overrides, extensions."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from baocao.campaign import Campaign, load_schema, read_config
from baocao.messages import REVIEW_LABELS, phrase, render, yaml_detail
from baocao.problems import WARNING, Problem
from baocao.schemas import SchemaValidator, Violation
from baocao.validation import parse_date
from baocao.yamlsafe import YamlError, load_document

REVIEWS_FILE = "reviews.yml"
SECTIONS = ("reviews", "ngay_nhan", "gia_han")
DATE_KEYS = {"reviews": "ngay", "ngay_nhan": "ngay", "gia_han": "han_moi"}


@dataclass(frozen=True)
class Review:
    agency_id: str
    result: str  # da_tiep_nhan | yeu_cau_bo_sung
    reviewer: str
    date: date
    note: str = ""
    line: int | None = None  # in reviews.yml

    @property
    def label(self) -> str:
        return REVIEW_LABELS[self.result]


@dataclass(frozen=True)
class ReceivedOverride:
    """A received date the secretariat records itself (e.g. a report received by e-mail)."""

    agency_id: str
    date: date
    reason: str
    line: int | None = None  # in reviews.yml


@dataclass(frozen=True)
class Extension:
    """An agency's own deadline, granted by a document of the Steering Committee."""

    agency_id: str
    deadline: date
    document: str


@dataclass
class ReviewBook:
    history: dict[str, list[Review]] = field(default_factory=dict)  # oldest first
    received: dict[str, ReceivedOverride] = field(default_factory=dict)
    extensions: dict[str, Extension] = field(default_factory=dict)

    def get(self, agency_id: str) -> Review | None:
        """The agency's current review: its latest."""
        found = self.history.get(agency_id)
        return found[-1] if found else None


def _where(section: str, index: int) -> str:
    """ "mục 2" in `reviews` (as before), "gia_han, mục 2" in the other sections."""
    if section == "reviews":
        return phrase("review-entry", number=index + 1)
    return phrase("review-section-entry", section=section, number=index + 1)


def _what(name: str, violation: Violation) -> str:
    """What is wrong with one field of an entry, with the values or the form it takes."""
    if violation.keyword == "required":
        return render("review-field-required", name=violation.missing)
    if violation.keyword == "enum":
        allowed = phrase("or").join(str(v) for v in violation.value)
        return render("review-field-enum", name=name, value=violation.instance, allowed=allowed)
    description = violation.schema.get("description", "")
    examples = violation.schema.get("examples") or []
    example = render("review-field-example", example=examples[0]) if examples else ""
    return render("review-field-other", name=name, description=description, example=example)


def _why(error: YamlError | UnicodeDecodeError) -> str:
    """What YAML could not read, so the secretariat can fix it (the whole file is ignored)."""
    if isinstance(error, YamlError) and error.code == "yaml-duplicate-key":
        key, first = error.detail.split("\x00")
        return render("review-yaml-duplicate", key=key, first=first)
    if isinstance(error, YamlError) and error.code == "yaml-syntax":
        return render(
            "review-yaml-syntax", column=error.column or 1, detail=yaml_detail(error.detail)
        )
    return render("review-yaml-other")


def load_reviews(root: Path, campaign: Campaign) -> tuple[ReviewBook, list[Problem]]:
    if not os.path.lexists(root / REVIEWS_FILE):
        return ReviewBook(), []

    def problem(where, code: str, **values) -> Problem:
        return Problem(REVIEWS_FILE, doc.line_of(where), code, render(code, **values))

    try:
        doc = load_document(read_config(root, REVIEWS_FILE).decode("utf-8-sig"))
    except (YamlError, UnicodeDecodeError) as error:
        line = getattr(error, "line", None)
        return ReviewBook(), [
            Problem(
                REVIEWS_FILE, line, "review-invalid", render("review-invalid", detail=_why(error))
            )
        ]
    validator = SchemaValidator(load_schema(root, "reviews.schema.json"))
    problems: list[Problem] = []
    bad: set[tuple[str, int]] = set()
    for violation in validator.iter_errors(doc.value):
        where = violation.path
        if len(where) < 2 or not isinstance(where[1], int):  # the file's shape itself is wrong
            return ReviewBook(), [
                problem(
                    where,
                    "review-invalid",
                    detail=phrase("review-shape"),
                )
            ]
        section = str(where[0])
        bad.add((section, where[1]))
        name = ".".join(str(p) for p in where[2:]) or phrase("review-entry-field")
        detail = phrase(
            "review-skipped", where=_where(section, where[1]), what=_what(name, violation)
        )
        problems.append(problem(where, "review-invalid", detail=detail))
    book = ReviewBook()
    for section in SECTIONS:
        for index, item in enumerate(doc.value.get(section) or []):
            if (section, index) in bad:
                continue
            if campaign.agency(item["co_quan"]) is None:
                close = campaign.closest_agency_id(item["co_quan"])
                hint = render("review-agency-hint", agency=close) if close else ""
                problems.append(
                    problem(
                        (section, index, "co_quan"),
                        "review-unknown-agency",
                        agency=item["co_quan"],
                        hint=hint,
                    )
                )
                continue
            key = DATE_KEYS[section]
            day = parse_date(item[key])
            if day is None:
                problems.append(
                    problem(
                        (section, index, key),
                        "review-invalid",
                        detail=phrase(
                            "review-bad-date",
                            where=_where(section, index),
                            key=key,
                            value=item[key],
                        ),
                    )
                )
                continue
            deadline = campaign.letter.deadline
            if section == "gia_han" and day <= deadline:  # 15/11 typed for 15/12
                early = render("review-extension-early", day=day, deadline=deadline)
                problems.append(
                    problem(
                        (section, index, key),
                        "review-invalid",
                        detail=f"{_where(section, index)}, {key}: {early}",
                    )
                )
                continue
            agency = item["co_quan"]
            line = doc.line_of((section, index))
            if section == "reviews":
                book.history.setdefault(agency, []).append(
                    Review(
                        agency,
                        item["ket_qua"],
                        item["nguoi_xem_xet"],
                        day,
                        item.get("ghi_chu", ""),
                        line,
                    )
                )
            elif section == "ngay_nhan":
                book.received[agency] = ReceivedOverride(agency, day, item["ly_do"], line)
            else:
                book.extensions[agency] = Extension(agency, day, item["van_ban"])
    for entries in book.history.values():
        entries.sort(key=lambda r: r.date)  # stable: same day, file order
    return book, problems


def decision_warnings(
    book: ReviewBook, filed: set[str], official: set[str], today: date
) -> list[Problem]:
    """Reviews and received dates of agencies with no file under submissions/, received dates
    of reports that are not official (a draft, or failing the check): they are not used. Reviews
    and received dates after today (a year typed wrong) are used as written: said too."""
    entries: list[tuple[str, Review | ReceivedOverride]] = [
        ("reviews", r) for found in book.history.values() for r in found
    ]
    entries += [("ngay_nhan", o) for o in book.received.values()]
    problems = []
    for section, entry in entries:
        agency = entry.agency_id
        if entry.date > today:
            message = render(
                "review-future-date", section=section, agency=agency, day=entry.date, today=today
            )
            problems.append(
                Problem(REVIEWS_FILE, entry.line, "review-future-date", message, WARNING)
            )
        if agency not in filed:
            code = "review-no-report"
        elif section == "ngay_nhan" and agency not in official:
            code = "review-received-unofficial"
        else:
            continue
        message = render(code, section=section, agency=agency)
        problems.append(Problem(REVIEWS_FILE, entry.line, code, message, WARNING))
    return problems
