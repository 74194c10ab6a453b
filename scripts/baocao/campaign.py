"""The reporting round as typed objects: letter, outlines, agencies, tasks, figures."""

from __future__ import annotations

import datetime
import difflib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from baocao import entries, limits
from baocao.errors import CampaignError
from baocao.messages import campaign_problem, error_text
from baocao.text import heading_key
from baocao.yamlsafe import YamlError, load_document

CAMPAIGN_FILE = "campaign.yml"
SCHEMA_DIR = "schema"
TASKS_SLOT = "tasks"


@dataclass(frozen=True)
class Signer:
    capacity: str
    title: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Letter:
    issuer: tuple[str, ...]
    number: str
    place: str
    date: datetime.date
    subject: str
    body: tuple[str, ...]
    receiver_unit: str
    receiver_email: str
    contact_name: str
    contact_title: str
    contact_phone: str
    deadline: datetime.date
    cc: tuple[str, ...]
    signer: Signer


@dataclass(frozen=True)
class ReportInfo:
    """How the merged report issued by the secretariat is laid out."""

    issuer: tuple[str, ...]
    number: str
    place: str
    kind: str
    title: str
    recipients: tuple[str, ...]
    signer: Signer


@dataclass(frozen=True)
class OutlineNode:
    id: str
    number: str | None
    title: str
    guidance: str | None = None
    holds_tasks: bool = False
    children: tuple[OutlineNode, ...] = ()
    depth: int = 1

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def key(self) -> str:
        return heading_key(self.title)

    def walk(self) -> Iterator[OutlineNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Outline:
    id: str  # "I" or "II"
    label: str  # "Phụ lục I"
    title: tuple[str, ...]
    subtitle: tuple[str, ...]
    attachment: tuple[str, ...]
    sections: tuple[OutlineNode, ...]

    def walk(self) -> Iterator[OutlineNode]:
        for node in self.sections:
            yield from node.walk()


@dataclass(frozen=True)
class Task:
    id: str
    text: str
    assignees: tuple[str, ...]  # agency ids, campaign order

    @property
    def key(self) -> str:
        return heading_key(self.text)


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    short_name: str
    appendix: str
    group: str
    letter_item: str
    owner: str
    task_ids: tuple[str, ...]
    province: str | None = None
    accounts: tuple[str, ...] = ()  # GitHub accounts that submit for this agency, besides `owner`
    contact: tuple[str, str, str] = ("", "", "")  # name, phone, e-mail (for reminders)
    parent: str | None = None  # "cơ quan, tổ chức chủ quản trực tiếp": its group's, or its own

    @property
    def letterhead(self) -> tuple[str, ...]:
        """The issuer lines at the top left of its report (Nghị định 30/2020, Phụ lục I): the
        parent body, if any, above the agency's own name (its short name: "VĂN PHÒNG TỔNG CỤC")."""
        own = self.short_name.upper()
        return (self.parent.upper(), own) if self.parent else (own,)


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    parent: str | None = None  # the parent body of its agencies, printed above their name


@dataclass(frozen=True)
class Recipient:
    no: int
    name: str
    agency_ids: tuple[str, ...]


@dataclass(frozen=True)
class FigureField:
    key: str
    label: str
    unit: str
    group: str


@dataclass(frozen=True)
class FigureGroup:
    id: str
    title: str
    fields: tuple[FigureField, ...]


@dataclass(frozen=True)
class Campaign:
    root: Path
    id: str
    name: str
    short_name: str
    letter: Letter
    report: ReportInfo
    publish_contacts: bool
    secretariat: str
    secretariat_accounts: tuple[str, ...]
    years: tuple[int, ...]
    figure_groups: tuple[FigureGroup, ...]
    recipients: tuple[Recipient, ...]
    groups: tuple[Group, ...]
    outlines: dict[str, Outline]
    tasks: dict[str, Task]
    agencies: tuple[Agency, ...]
    data_cutoff: date | None = None  # "thời gian chốt số liệu", when the round sets one
    submission_schema: dict = field(repr=False, hash=False, compare=False, default_factory=dict)
    cache: dict = field(
        repr=False, hash=False, compare=False, default_factory=dict
    )  # derived data, per agency

    @cached_property
    def _by_id(self) -> dict[str, Agency]:
        return {a.id: a for a in self.agencies}

    def agency(self, agency_id: str) -> Agency | None:
        return self._by_id.get(agency_id)

    def closest_agency_id(self, text: str) -> str | None:
        """The agency id most like text (a misspelt id), if one is close enough."""
        close = difflib.get_close_matches(text, [a.id for a in self.agencies], n=1, cutoff=0.6)
        return close[0] if close else None

    def outline_of(self, agency: Agency) -> Outline:
        return self.outlines[agency.appendix]

    def tasks_of(self, agency: Agency) -> list[Task]:
        return [self.tasks[t] for t in agency.task_ids]

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    @property
    def figure_fields(self) -> tuple[FigureField, ...]:
        return tuple(f for g in self.figure_groups for f in g.fields)

    @property
    def submissions_dir(self) -> Path:
        return self.root / "submissions"


def find_root(start: Path | None = None) -> Path:
    """The workspace root: the nearest folder upwards holding campaign.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CAMPAIGN_FILE).is_file():
            return folder
    raise CampaignError(error_text("campaign-not-found", file=CAMPAIGN_FILE))


def read_config(root: Path, name: str) -> bytes:
    """The bytes of the workspace's file at the /-separated path name (campaign.yml, a schema,
    reviews.yml, CODEOWNERS). In CI `owners --check` reads a pull request's, and its errors
    quote them: never through a link (at the end or on the way), never past
    limits.CONFIG_BYTES. FileNotFoundError if there is none."""
    path = root / name
    try:
        if os.path.realpath(path) != os.path.join(os.path.realpath(root), name):
            raise entries.EntryError(entries.SYMLINK)
        return entries.read_regular(path, limits.CONFIG_BYTES)
    except entries.EntryError as error:
        code = "config-too-large" if error.code == entries.TOO_LARGE else "config-not-regular"
        raise CampaignError(error_text(code, path=name, **error.values)) from None


def load_schema(root: Path, name: str) -> dict:
    shown = f"{SCHEMA_DIR}/{name}"
    try:
        schema = json.loads(read_config(root, shown).decode("utf-8"))
    except FileNotFoundError:
        raise CampaignError(error_text("schema-file-missing", path=shown)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CampaignError(error_text("schema-file-json", path=shown, detail=error)) from None
    from baocao.schemas import SchemaFileError, check_schema, compile_check

    try:
        check_schema(schema)
        for ref in _dangling_refs(schema, schema):
            raise CampaignError(error_text("schema-file-ref", path=shown, ref=ref))
        compile_check(schema)
    except SchemaFileError as error:
        raise CampaignError(
            error_text("schema-file-invalid", path=shown, where=error.where, reason=error.reason)
        ) from None
    return schema


def _dangling_refs(node, root: dict):
    """The local references ("#/...") of a schema that point at nothing."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            target: object = root
            for part in filter(None, ref[1:].split("/")):
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part) if isinstance(target, dict) else None
            if target is None:
                yield ref
        for value in node.values():
            yield from _dangling_refs(value, root)
    elif isinstance(node, list):
        for value in node:
            yield from _dangling_refs(value, root)


def _iso(value: str) -> date:
    return date.fromisoformat(value)


def _contact(data: dict) -> tuple[str, str, str]:
    return (str(data.get("name", "")), str(data.get("phone", "")), str(data.get("email", "")))


def _signer(data: dict) -> Signer:
    return Signer(data["capacity"], tuple(data["title"]), data["name"])


def _node(data: dict, depth: int) -> OutlineNode:
    return OutlineNode(
        id=data["id"],
        number=data.get("number"),
        title=data["title"],
        guidance=data.get("guidance"),
        holds_tasks=bool(data.get(TASKS_SLOT)),
        children=tuple(_node(c, depth + 1) for c in data.get("children", ())),
        depth=depth,
    )


def load_campaign(root: Path) -> Campaign:
    """Read, validate and type campaign.yml of the workspace at root."""
    try:
        text = read_config(root, CAMPAIGN_FILE).decode("utf-8-sig")
    except FileNotFoundError:
        raise CampaignError(error_text("campaign-missing", file=CAMPAIGN_FILE)) from None
    except UnicodeDecodeError:
        raise CampaignError(error_text("campaign-encoding", file=CAMPAIGN_FILE)) from None
    try:
        doc = load_document(text)
    except YamlError as error:
        raise CampaignError(
            error_text(
                "campaign-yaml",
                file=CAMPAIGN_FILE,
                line=error.line,
                kind=error.code,
                detail=error.detail,
            )
        ) from None
    data = doc.value
    schema = load_schema(root, "campaign.schema.json")
    from baocao.schemas import SchemaValidator

    validator = SchemaValidator(schema, strict_integers=False, formats=True)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        first = errors[0]
        where = ".".join(map(str, first.path)) or f"({campaign_problem('schema-root')})"
        line = doc.line_of(first.path) or 1
        from baocao.validation import FrontMatterValidator  # Vietnamese for every keyword

        detail = FrontMatterValidator(schema).problem(CAMPAIGN_FILE, first, doc).message.rstrip(".")
        raise CampaignError(
            error_text("campaign-schema", file=CAMPAIGN_FILE, line=line, where=where, detail=detail)
        )
    campaign = _build(root, data)
    _check_consistency(campaign, load_schema(root, "submission.schema.json"))
    return campaign


def _build(root: Path, data: dict) -> Campaign:
    letter = data["letter"]
    report = data["report"]
    parents = {g["id"]: g.get("parent") for g in data["groups"]}
    agencies = tuple(
        Agency(
            id=a["id"],
            name=a["name"],
            short_name=a.get("short_name", a["name"]),
            appendix=a["appendix"],
            group=a["group"],
            letter_item=a["letter_item"],
            owner=a["owner"],
            task_ids=tuple(a["tasks"]),
            province=a.get("province"),
            accounts=tuple(a.get("accounts", ())),
            contact=_contact(a.get("contact") or {}),
            parent=a["parent"] if "parent" in a else parents.get(a["group"]),
        )
        for a in data["agencies"]
    )
    assignees: dict[str, list[str]] = {t["id"]: [] for t in data["tasks"]}
    for agency in agencies:
        for task_id in agency.task_ids:
            if task_id not in assignees:
                raise CampaignError(
                    error_text(
                        "campaign-task-unknown", file=CAMPAIGN_FILE, agency=agency.id, task=task_id
                    )
                )
            assignees[task_id].append(agency.id)
    return Campaign(
        root=root,
        id=data["id"],
        name=data["name"],
        short_name=data["short_name"],
        letter=Letter(
            issuer=tuple(letter["issuer"]),
            number=letter["number"],
            place=letter["place"],
            date=_iso(letter["date"]),
            subject=letter["subject"],
            body=tuple(letter["body"]),
            receiver_unit=letter["receiver"]["unit"],
            receiver_email=letter["receiver"]["email"],
            contact_name=letter["contact"]["name"],
            contact_title=letter["contact"]["title"],
            contact_phone=letter["contact"]["phone"],
            deadline=_iso(letter["deadline"]),
            cc=tuple(letter["cc"]),
            signer=_signer(letter["signer"]),
        ),
        report=ReportInfo(
            issuer=tuple(report["issuer"]),
            number=report["number"],
            place=report["place"],
            kind=report["kind"],
            title=report["title"],
            recipients=tuple(report["recipients"]),
            signer=_signer(report["signer"]),
        ),
        publish_contacts=data["publish_contacts"],
        secretariat=data["repository"]["secretariat"],
        secretariat_accounts=tuple(data["repository"].get("secretariat_accounts", ())),
        years=tuple(data["years"]),
        figure_groups=tuple(
            FigureGroup(
                g["group"],
                g["title"],
                tuple(
                    FigureField(f["key"], f["label"], f["unit"], g["group"]) for f in g["fields"]
                ),
            )
            for g in data["figures"]
        ),
        recipients=tuple(
            Recipient(r["no"], r["name"], tuple(r["agencies"])) for r in data["recipients"]
        ),
        groups=tuple(Group(g["id"], g["name"], g.get("parent")) for g in data["groups"]),
        outlines={
            o["id"]: Outline(
                id=o["id"],
                label=o["label"],
                title=tuple(o["title"]),
                subtitle=tuple(o["subtitle"]),
                attachment=tuple(o["attachment"]),
                sections=tuple(_node(s, 1) for s in o["sections"]),
            )
            for o in data["outlines"]
        },
        tasks={t["id"]: Task(t["id"], t["text"], tuple(assignees[t["id"]])) for t in data["tasks"]},
        agencies=agencies,
        data_cutoff=_iso(data["data_cutoff"]) if data.get("data_cutoff") else None,
    )


def _check_consistency(campaign: Campaign, submission_schema: dict) -> None:
    """Cross-references the JSON Schema cannot express."""
    problems = []
    ids = [a.id for a in campaign.agencies]
    if len(set(ids)) != len(ids):
        problems.append(campaign_problem("agency-duplicate"))
    texts = [t.text for t in campaign.tasks.values()]
    if len(set(texts)) != len(texts):
        problems.append(campaign_problem("task-duplicate"))
    group_ids = {g.id for g in campaign.groups}
    problems += [
        campaign_problem("group-unknown", agency=a.id, group=a.group)
        for a in campaign.agencies
        if a.group not in group_ids
    ]
    problems += [
        campaign_problem("appendix-unknown", agency=a.id, appendix=a.appendix)
        for a in campaign.agencies
        if a.appendix not in campaign.outlines
    ]
    problems += [
        campaign_problem("task-unassigned", task=t.id)
        for t in campaign.tasks.values()
        if not t.assignees
    ]
    covered = [x for r in campaign.recipients for x in r.agency_ids]
    if sorted(covered) != sorted(ids):
        problems.append(campaign_problem("recipients"))
    for outline in campaign.outlines.values():
        if sum(n.holds_tasks for n in outline.walk()) != 1:
            problems.append(campaign_problem("tasks-slot", outline=outline.label))
    per_year = submission_schema["$defs"]["so_lieu_nam"]["properties"]
    keys = {f.key for f in campaign.figure_fields}
    if keys != set(per_year) - {"nam"}:
        mismatched = ", ".join(sorted(keys ^ (set(per_year) - {"nam"})))
        problems.append(campaign_problem("figures", keys=mismatched))
    problems += [
        campaign_problem("figure-title", key=f.key)
        for f in campaign.figure_fields
        if f.key in per_year and per_year[f.key].get("title") != f.label
    ]
    if per_year["nam"].get("enum") != list(campaign.years):
        problems.append(campaign_problem("years"))
    if problems:
        raise CampaignError(
            error_text("campaign-inconsistent", file=CAMPAIGN_FILE, problems="; ".join(problems))
        )
    object.__setattr__(campaign, "submission_schema", submission_schema)
