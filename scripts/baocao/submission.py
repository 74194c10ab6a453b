"""One agency's submission file, read and validated: front matter, body, headings, problems."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from baocao.body import Heading, scan_headings
from baocao.frontmatter import ReadError, read, split
from baocao.legacy_text import legacy_problems
from baocao.messages import CONTROL_CHARACTER_FIX, SOME_FIELD, render, yaml_detail
from baocao.oversize import report_problems
from baocao.problems import ERROR, WARNING, Problem
from baocao.repairs import (
    BIDI_CONTROLS,
    Repair,
    clean_values,
    control_name,
    invisible_entities,
    remove_bidi,
    remove_controls,
    repair_front_matter,
    repair_headings,
)
from baocao.text import shorten
from baocao.validation import FrontMatterValidator, field_name, parse_date
from baocao.yamlsafe import YamlDocument, YamlError, load_document

OFFICIAL = "chinh_thuc"
DRAFT = "du_thao"


@dataclass
class Submission:
    path: Path
    file: str  # path shown to users, relative to the workspace root
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_start: int = 1  # file line of the first body line
    headings: list[Heading] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = False  # front matter parsed into a mapping
    yaml: YamlDocument | None = None
    places: list[str] | None = None  # a Word file (wordfile.py): the place of each text line

    @cached_property
    def body_lines(self) -> list[str]:
        return self.body.split("\n")

    @property
    def agency_id(self) -> str | None:
        value = self.meta.get("co_quan")
        return value if isinstance(value, str) else None

    @property
    def issued(self) -> date | None:
        value = self.meta.get("ngay_ban_hanh")
        return parse_date(value) if isinstance(value, str) else None

    @property
    def is_official(self) -> bool:
        return self.meta.get("trang_thai") == OFFICIAL

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def file_line(self, body_index: int) -> int:
        return self.body_start + body_index

    def field_line(self, *path: str | int) -> int | None:
        found = self.yaml.line_of(path) if self.yaml else None
        return found + 1 if found else None

    @property
    def asset_dir(self) -> Path:
        """Images and attachments of this submission: submissions/<agency-id>/."""
        return self.path.parent / self.path.stem


def load_submission(
    path: Path, display: str, validator: FrontMatterValidator, text: str | None = None
) -> Submission:
    """Read one file (or `text` made from it); every problem is recorded, nothing raised."""
    sub = Submission(path=path, file=display)
    try:
        parts = read(path) if text is None else split(text)
    except ReadError as error:
        values = dict(error.values)
        values.setdefault("agency", path.stem)
        values.setdefault("path", display)
        sub.problems.append(Problem(display, error.line, error.code, render(error.code, **values)))
        return sub
    front, front_controls = remove_controls(parts.front_matter)
    body, body_controls = remove_controls(parts.body)
    front, front_bidi = remove_bidi(front)
    body, body_bidi = remove_bidi(body)
    front, front_repairs = repair_front_matter(front)
    body_lines, heading_repairs = repair_headings(body.split("\n"), scan_headings)
    sub.body, sub.body_start = "\n".join(body_lines), parts.body_start
    sub.__dict__["body_lines"] = body_lines
    sub.headings = scan_headings(body_lines)
    for repair in front_controls + front_bidi + front_repairs:
        sub.problems.append(_repair_problem(display, repair, repair.line + 1))
    for repair in body_controls + body_bidi + heading_repairs + invisible_entities(body):
        sub.problems.append(_repair_problem(display, repair, sub.file_line(repair.line - 1)))
    sub.problems.extend(report_problems(display, body_lines, sub.body_start, sub.headings))
    sub.problems.extend(legacy_problems(display, body_lines, sub.file_line(0)))
    try:
        doc = load_document(front)
    except YamlError as error:
        front_lines = front.split("\n")
        bad = front_lines[error.line - 1] if 0 < error.line <= len(front_lines) else ""
        if error.code == "yaml-syntax" and "\t" in bad[: len(bad) - len(bad.lstrip())]:
            error = YamlError("yaml-tab", error.line, error.column)
        elif error.code == "yaml-syntax":
            error = _misplaced_colon(front_lines, error)
        sub.problems.append(_yaml_problem(display, error))
        return sub
    if not isinstance(doc.value, dict):
        sub.problems.append(
            Problem(display, 2, "frontmatter-not-mapping", render("frontmatter-not-mapping"))
        )
        return sub
    validator.coerce(doc)
    sub.yaml, sub.meta, sub.readable = doc, doc.value, True
    for at, char in list(clean_values(doc.value)):
        found = doc.line_of(at)
        label = validator.label(at, doc.value)
        message = render("control-in-field", label=label, name=control_name(char))
        severity = WARNING if char in BIDI_CONTROLS else ERROR
        line = found + 1 if found else 2
        sub.problems.append(
            Problem(display, line, "control-in-field", message, severity, field=field_name(at))
        )
    for index, problem in enumerate(sub.problems):
        if problem.code == "quotes-curly" and problem.line:
            at = doc.path_at(problem.line - 1) or ()
            label = validator.label(at, doc.value) if at else SOME_FIELD
            message = problem.message.replace(SOME_FIELD, label, 1)
            sub.problems[index] = replace(problem, message=message, field=field_name(at))
    sub.problems.extend(validator.validate(display, doc, sub.body_start))
    return sub


def _repair_problem(display: str, repair: Repair, line: int) -> Problem:
    """A repaired character as a warning; a removed control character as an error."""
    code, column = repair.code, repair.column
    if code == "control-character":
        before = " ".join(repair.before.split()[-3:])[-40:]
        after = " ".join(repair.after.split()[:3])[:40]
        if before and not repair.before[-1:].isspace():
            where, how = CONTROL_CHARACTER_FIX["after"]
        elif after and not repair.after[:1].isspace():
            where, how = CONTROL_CHARACTER_FIX["before"]
        else:
            where, how = CONTROL_CHARACTER_FIX["column"]
        where = where.format(before=before, after=after)
        how = how.format(before=before, after=after, column=column)
        message = render(
            code, name=control_name(repair.detail), column=column, where=where, how=how
        )
        return Problem(display, line, code, message, ERROR, column=column)
    if code == "entity-invisible":
        name = control_name(html.unescape(repair.detail))
        message = render(code, entity=repair.detail, name=name, column=column)
        return Problem(display, line, code, message, ERROR, column=column)
    if code == "bidi-control":
        names = ", ".join(dict.fromkeys(control_name(c) for c in repair.detail))
        message = render(code, name=names, column=column)
    elif code == "quotes-curly":
        message = render(code, label=SOME_FIELD, value=repair.detail)
    elif code in ("heading-space-special", "heading-no-space"):
        hashes = "#" * (column - 1)
        message = render(code, column=column, hashes=hashes, title=shorten(repair.detail))
    else:
        message = render(code, column=column)
    return Problem(display, line, code, message, WARNING, column=column)


_KEY_GLUED = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(\S.*)$")  # so_ky_hieu:215/BC
_KEY_NO_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)\s+([^:#\s].*)$")  # ngay 04/12
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:\s+\S")


def _misplaced_colon(lines: list[str], error: YamlError) -> YamlError:
    """A colon missing, glued to its value, or a line indented deeper than the one above:
    PyYAML says "could not find expected ':'", "mapping values are not allowed" or "did not
    find expected key", often a line below the mistake. Name the mistake, on the line to fix."""
    index = error.line - 1
    if not 0 <= index < len(lines):
        return error
    if "could not find expected ':'" in error.detail:  # its line is the key's own
        return _key_mistake(lines[index], index) or error
    indenting = "did not find expected key" in error.detail
    if "mapping values are not allowed" not in error.detail and not indenting:
        return error
    above = next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
    if above is None or lines[above].lstrip().startswith("#"):
        return error
    line, previous = lines[index], lines[above]
    indent = len(line) - len(line.lstrip(" "))
    if len(previous) - len(previous.lstrip(" ")) >= indent:
        return error if indenting else _key_mistake(previous, above) or error
    if _KEY_VALUE.match(previous):
        return YamlError("yaml-indent", error.line, indent + 1, previous.split(" #", 1)[0].strip())
    return error


def _key_mistake(line: str, index: int) -> YamlError | None:
    """`so_ky_hieu:215/BC` (no space after the colon), `ngay_ban_hanh 04/12` (no colon)."""
    text = line.split(" #", 1)[0].rstrip()
    for code, pattern in (("yaml-colon-space", _KEY_GLUED), ("yaml-colon-missing", _KEY_NO_COLON)):
        m = pattern.match(text)
        if m:
            detail = f"{m.group(2)}\x00{m.group(3).strip()}"
            return YamlError(code, index + 1, len(m.group(1)) + len(m.group(2)) + 1, detail)
    return None


def _yaml_problem(display: str, error: YamlError) -> Problem:
    line = error.line + 1  # the YAML text starts on line 2 of the file
    if error.code in ("yaml-colon-space", "yaml-colon-missing"):
        key, value = error.detail.split("\x00")
        message = render(error.code, key=key, value=shorten(value, 40))
    elif error.code == "yaml-indent":
        message = render(error.code, above=shorten(error.detail, 60))
    elif error.code == "yaml-duplicate-key":
        key, first = error.detail.split("\x00")
        message = render("yaml-duplicate-key", key=key, first=int(first) + 1)
    elif error.code == "yaml-tag":
        message = render("yaml-tag", tag=error.detail.replace("tag:yaml.org,2002:", "!!"))
    elif error.code == "yaml-syntax":
        message = render("yaml-syntax", column=error.column or 1, detail=yaml_detail(error.detail))
    else:
        message = render(error.code)
    return Problem(display, line, error.code, message, ERROR, column=error.column)
