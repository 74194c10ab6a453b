"""`baocao build`: check every submission, then build the DOCX and the site."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from baocao import files
from baocao.errors import BuildError
from baocao.messages import OUTPUT_WAIT, error_text, say
from baocao.outputs import DOCX_NAME, REMINDER_NAME, SITE_DIR

if TYPE_CHECKING:
    from baocao.workspace import Round


def run_build(
    root: Path, target: str, out: Path, *, agency_id: str | None = None, today: date | None = None
) -> int:
    from baocao import reporters
    from baocao.workspace import load_round

    rnd = load_round(root, today=today)
    if rnd.history_note:
        print(rnd.history_note)
    if agency_id is None:
        sys.stdout.write(reporters.text(rnd, rnd.problems))
        if rnd.errors:
            print(say("build-left-out"))
    else:  # one agency's report: only its own problems matter here
        report = rnd.report(agency_id)
        for problem in report.problems if report else []:
            print(reporters.problem_line(problem))
    if agency_id is not None and rnd.report(agency_id) is None:
        raise BuildError(error_text("agency-unknown", agency=agency_id))
    with files.output_lock(out, on_wait=lambda: _waiting(out)):
        _build_outputs(rnd, target, out, agency_id)
    return 0


def _waiting(out: Path) -> None:
    print(OUTPUT_WAIT.format(path=out, seconds=files.LOCK_WAIT), file=sys.stderr, flush=True)


def _build_outputs(rnd: Round, target: str, out: Path, agency_id: str | None) -> None:
    """Under the output folder's lock: the site gets the DOCX of this same build."""
    if agency_id is not None:
        from baocao.docx import build_agency_docx

        path = build_agency_docx(rnd, agency_id, out / f"{agency_id}.docx")
        print(say("build-agency", path=path))
        return
    from baocao.docx import build_docx, merged_docx

    docx_path = out / DOCX_NAME
    reminder = out / REMINDER_NAME  # written by `baocao remind`, offered by the site
    reminder_path = reminder if reminder.is_file() else None
    if target == "docx":
        build_docx(rnd, docx_path)
        print(say("build-docx", path=docx_path))
        return
    from baocao.site.build import build_site

    if target == "site":
        docx = (lambda: docx_path) if docx_path.exists() else None
        print(say("build-site", path=build_site(rnd, out / SITE_DIR, docx, reminder_path)))
    else:  # pandoc makes the DOCX while the site builds; the site waits for it at its end
        with merged_docx(rnd, docx_path) as finish:
            site = build_site(rnd, out / SITE_DIR, finish, reminder_path)
        print(say("build-docx", path=docx_path))
        print(say("build-site", path=site))
