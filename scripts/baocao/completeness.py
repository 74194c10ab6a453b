"""Which outline headings and assigned tasks a submission covers: complete, empty or missing."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property

from baocao.body import has_text, strip_placeholder, strip_typed_after_placeholder
from baocao.campaign import Agency, Campaign, OutlineNode
from baocao.messages import phrase, render
from baocao.problems import ERROR, WARNING, Problem
from baocao.submission import Submission
from baocao.text import heading_key, shorten

COMPLETE, EMPTY, MISSING = "complete", "empty", "missing"
SECTION, TASK = "section", "task"
NEAR_MATCH = 0.9
SHORTENED_WORDS = 5  # a heading of this many words or more may be a title cut short
SUGGEST = 0.6


@dataclass(frozen=True)
class PartSpec:
    """One heading an agency's report must have, in outline order."""

    id: str  # outline node id, or task id
    kind: str  # SECTION or TASK
    number: str | None
    title: str
    depth: int
    parent: str | None
    leaf: bool
    guidance: str | None = None
    key: str = ""  # heading_key(title), computed once when the spec is made

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", heading_key(self.title))

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def short(self) -> str:
        return shorten(self.heading)


@dataclass(slots=True)
class Part:
    spec: PartSpec
    state: str = MISSING
    line: int | None = None  # file line of the heading
    content: str = ""  # Markdown under the heading, placeholder removed
    placeholder: bool = False
    typed_after_placeholder: bool = False  # "(Chưa viết: ...) Đã tổ chức ..." in one paragraph

    def __getattr__(self, name: str):
        return getattr(self.spec, name)


@dataclass
class Completeness:
    parts: list[Part]
    preamble: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def leaves(self) -> list[Part]:
        return [p for p in self.parts if p.spec.leaf]

    @property
    def ratio(self) -> float:
        leaves = self.leaves
        return sum(p.state == COMPLETE for p in leaves) / len(leaves) if leaves else 0.0

    def part(self, part_id: str) -> Part | None:
        return self._by_id.get(part_id)

    @cached_property
    def _by_id(self) -> dict[str, Part]:
        by_id: dict[str, Part] = {}
        for part in self.parts:
            by_id.setdefault(part.spec.id, part)  # the first, as a scan would find
        return by_id


def agency_parts(campaign: Campaign, agency: Agency) -> list[PartSpec]:
    """The headings of one agency's report: its outline, with its tasks under the tasks slot."""
    cache_key = ("parts", agency.appendix, agency.task_ids)  # the 63 provinces share one list
    cached = campaign.cache.get(cache_key)
    if cached is not None:
        return list(cached)
    specs: list[PartSpec] = []
    tasks = campaign.tasks_of(agency)

    def visit(node: OutlineNode, parent: str | None) -> None:
        leaf = not node.children and not node.holds_tasks
        specs.append(
            PartSpec(
                node.id, SECTION, node.number, node.title, node.depth, parent, leaf, node.guidance
            )
        )
        for child in node.children:
            visit(child, node.id)
        if node.holds_tasks:
            for index, task in enumerate(tasks, 1):
                specs.append(
                    PartSpec(task.id, TASK, f"{index}.", task.text, node.depth + 1, node.id, True)
                )

    for section in campaign.outline_of(agency).sections:
        visit(section, None)
    campaign.cache[cache_key] = tuple(specs)
    return specs


def _key_index(
    campaign: Campaign, agency: Agency, specs: list[PartSpec]
) -> dict[str, tuple[int, ...]]:
    """Positions of the specs under each heading key; shared by agencies with the same specs."""
    cache_key = ("keys", agency.appendix, agency.task_ids)
    found = campaign.cache.get(cache_key)
    if found is None:
        grouped: dict[str, list[int]] = {}
        for index, spec in enumerate(specs):
            grouped.setdefault(spec.key, []).append(index)
        found = campaign.cache[cache_key] = {k: tuple(v) for k, v in grouped.items()}
    return found


def assess(campaign: Campaign, agency: Agency, sub: Submission) -> Completeness:
    specs = agency_parts(campaign, agency)
    parts = [Part(s) for s in specs]
    index_by_key = _key_index(campaign, agency, specs)
    by_key: dict[str, list[Part]] = {
        key: [parts[i] for i in indices] for key, indices in index_by_key.items()
    }
    result = Completeness(parts)
    lines = sub.body_lines
    headings = sub.headings
    severity = ERROR if sub.is_official else WARNING
    current: Part | None = None
    chunks: dict[int, list[str]] = {}

    def segment(i: int) -> str:
        end = headings[i + 1].index if i + 1 < len(headings) else len(lines)
        return "\n".join(lines[headings[i].end : end])

    first_index = headings[0].index if headings else len(lines)
    result.preamble = "\n".join(lines[:first_index]).strip("\n")
    unmatched = [p for p in parts]
    for i, heading in enumerate(headings):
        line = sub.file_line(heading.index)
        key = heading.key
        free = [p for p in by_key.get(key, ()) if p.line is None]
        target = free[0] if free else None
        if target is None and key not in by_key:
            target = _near(key, [p for p in unmatched if p.line is None])
            if target is not None:
                result.problems.append(
                    Problem(
                        sub.file,
                        line,
                        "heading-near",
                        render(
                            "heading-near", title=shorten(heading.text), expected=target.spec.short
                        ),
                        WARNING,
                    )
                )
        if target is not None:
            target.line = line
            current = target
            chunks[id(target)] = [segment(i)]
            continue
        raw = "\n".join(lines[heading.index : heading.end]) + "\n" + segment(i)
        if key in by_key:  # a second heading for an outline part already written
            first = by_key[key][0]
            result.problems.append(
                Problem(
                    sub.file,
                    line,
                    "heading-duplicate",
                    render("heading-duplicate", title=shorten(heading.text), first=first.line)
                    if sub.places is None
                    else render("word-heading-duplicate", title=shorten(heading.text)),
                    WARNING,
                )
            )
            chunks.setdefault(id(first), []).append(raw)
            continue
        suggestion = difflib.get_close_matches(key, list(by_key), n=1, cutoff=SUGGEST)
        hint = (
            phrase("did-you-mean", name=by_key[suggestion[0]][0].spec.short) if suggestion else ""
        )
        parent = current.spec.short if current else phrase("preamble")
        result.problems.append(
            Problem(
                sub.file,
                line,
                "heading-unknown",
                render(
                    "heading-unknown", title=shorten(heading.text), suggestion=hint, parent=parent
                ),
                WARNING,
            )
        )
        if current is None:
            result.preamble = (result.preamble + "\n\n" + raw).strip("\n")
        else:
            chunks[id(current)].append(raw)

    for part in parts:
        if part.line is None:
            continue
        written = "\n\n".join(chunks.get(id(part), []))
        written, part.typed_after_placeholder = strip_typed_after_placeholder(written)
        content, part.placeholder = strip_placeholder(written)
        part.content = content
        part.state = COMPLETE if has_text(content) else EMPTY

    # structural parts: written when they or any descendant has text
    by_id = {p.spec.id: p for p in parts}
    for part in reversed(parts):
        above = by_id.get(part.spec.parent) if part.spec.parent else None
        if above is not None and part.state == COMPLETE and above.line is not None:
            above.state = COMPLETE

    end_line = sub.file_line(len(lines) - 1)
    for index, part in enumerate(parts):
        kind = "task" if part.spec.kind == TASK else "section"
        if part.state == MISSING:
            following = next((p for p in parts[index + 1 :] if p.line is not None), None)
            previous = next((p for p in reversed(parts[:index]) if p.line is not None), None)
            where = _where_missing(previous, following, lines=sub.places is None)
            result.problems.append(
                Problem(
                    sub.file,
                    following.line if following else end_line,
                    f"{kind}-missing",
                    render(f"{kind}-missing", title=part.spec.short, where=where),
                    severity,
                )
            )
        elif part.state == EMPTY and part.spec.leaf:
            result.problems.append(
                Problem(
                    sub.file,
                    part.line,
                    f"{kind}-empty",  # the placeholder left, or nothing a reader sees
                    render(
                        f"{kind}-empty" if part.placeholder else f"{kind}-no-text",
                        title=part.spec.short,
                    ),
                    severity,
                )
            )
        elif part.state == COMPLETE and (part.typed_after_placeholder or part.placeholder):
            # typed on after the placeholder in its paragraph, or the placeholder left apart
            code = "placeholder-joined" if part.typed_after_placeholder else "placeholder-left"
            kind_name = phrase("kind-task" if kind == "task" else "kind-section")
            message = render(code, kind=kind_name, title=part.spec.short)
            result.problems.append(Problem(sub.file, part.line, code, message, WARNING))
    return result


def _where_missing(previous: Part | None, following: Part | None, *, lines: bool = True) -> str:
    """Where a missing heading goes: between the headings written before and after it in
    the outline's order, just before the text written for it (which may sit, orphaned,
    under the previous heading): never only "before line N", which puts it after that text.
    A Word file has no lines (`lines` false): the headings alone say where."""

    def line(part: Part) -> str:
        return phrase("at-line", line=part.line) if lines else ""

    after = before = ""
    if previous is not None:
        after = phrase("after-heading", title=shorten(previous.spec.short, 60), line=line(previous))
    if following is not None:
        before = phrase(
            "before-heading", title=shorten(following.spec.short, 60), line=line(following)
        )
    if after and before:
        return phrase("between-headings", after=after, before=before)
    if before:
        return phrase("before-text", before=before)
    return phrase("at-end", after=after) if after else phrase("at-end-alone")


def _near(key: str, candidates: list[Part]) -> Part | None:
    best, best_ratio = None, NEAR_MATCH
    for part in candidates:
        matcher = difflib.SequenceMatcher(None, key, part.spec.key, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = part, ratio
    if best is None and len(key.split()) >= SHORTENED_WORDS:
        # a long title cut short ("3. Thành lập các tổ công tác liên ngành để kiểm tra…", as
        # the messages themselves show it): the one part whose title starts with it
        starting = [
            p
            for p in candidates
            if p.spec.key.startswith(key) and not p.spec.key[len(key) : len(key) + 1].isalnum()
        ]
        best = starting[0] if len(starting) == 1 else None
    return best
