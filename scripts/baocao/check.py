"""`baocao check`: the problems of every report, or of the reports a pull request changes."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from baocao import entries
from baocao.campaign import load_campaign
from baocao.ownership import changed_file_problems
from baocao.problems import Problem, strict
from baocao.workspace import Round, load_round


def check_round(
    root: Path,
    paths: list[Path] | None = None,
    *,
    changed: list[str] | None = None,
    author: str | None = None,
    owners_from: Path | None = None,
    today: date | None = None,
    warnings_are_errors: bool = False,
) -> tuple[Round, list[Problem]]:
    """The round of the reports in paths (all if None) or in changed, and their problems,
    with the changed paths refused by their type or, for author, by ownership."""
    campaign = load_campaign(root)
    # a change to the campaign, the schemas or the reviews concerns every report: check them all
    if changed is not None and not any(
        c == "campaign.yml" or c == "reviews.yml" or c.startswith("schema/") for c in changed
    ):
        paths = sorted(
            {
                root / c
                for c in changed
                if c.startswith("submissions/")
                and c.count("/") == 1
                and c.endswith((".md", ".docx"))
                and os.path.lexists(root / c)  # read, and refused if not a regular file
            }
        )
    rnd = load_round(root, paths, today=today, campaign=campaign)
    problems = list(rnd.problems)
    if changed is not None:  # a path refused by its type is also refused by the full check
        refused = entries.changed_problems(root, changed)
        twice = {(p.file, p.code) for p in refused}
        problems = refused + [p for p in problems if (p.file, p.code) not in twice]
    if changed is not None and author:
        rules = load_campaign(owners_from.resolve()) if owners_from else campaign
        problems = changed_file_problems(rules, changed, author) + problems
    if warnings_are_errors:
        problems = strict(problems)
    return rnd, problems
