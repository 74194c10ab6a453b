"""`baocao build`: the main job. Check every submission, then build the site and the DOCX.

Submissions with errors are reported and left out of the outputs with a visible note;
the check's problems never stop the build, a broken campaign or toolchain does.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from baocao.workspace import Round

SITE_DIR = "site"
DOCX_NAME = "bao-cao-tong-hop.docx"


class BuildError(Exception):
    """A build step failed for a reason the user must fix; the message is Vietnamese."""


def run_build(root: Path, target: str, out: Path, *, agency_id: str | None = None, today: date | None = None) -> int:
    prepared = None
    if target in ("all", "site") and agency_id is None:
        from baocao.site import prepare

        # The site's theme compiles while the round is read and checked. The modules that
        # reading the round needs are imported after this, not before: the compiling starts
        # sooner, on a core otherwise idle.
        prepared = prepare(root)
    try:
        return _run(root, target, out, agency_id, today, prepared)
    finally:
        if prepared is not None:  # the site build stops it; not when it never began
            prepared.stop()


def _run(root: Path, target: str, out: Path, agency_id: str | None, today: date | None, prepared) -> int:
    from baocao import reporters
    from baocao.workspace import load_round

    rnd: Round = load_round(root, today=today)
    if agency_id is None:
        sys.stdout.write(reporters.text(rnd, rnd.problems))
        if rnd.errors:
            print("Các báo cáo có lỗi được ghi chú và để ra ngoài trang web và báo cáo DOCX.")
    else:  # one agency's report: only its own problems matter here
        report = rnd.report(agency_id)
        for problem in report.problems if report else []:
            print(reporters.problem_line(problem))
    out.mkdir(parents=True, exist_ok=True)
    try:
        if agency_id is not None:
            from baocao.docx import build_agency_docx

            if rnd.report(agency_id) is None:
                raise BuildError(f"mã cơ quan \"{agency_id}\" không có trong danh sách của đợt báo cáo.")
            path = build_agency_docx(rnd, agency_id, out / f"{agency_id}.docx")
            print(f"Đã tạo {path}")
            return 0
        docx_path = out / DOCX_NAME
        if target in ("all", "docx"):
            from baocao.docx import build_docx

            build_docx(rnd, docx_path)
            print(f"Đã tạo báo cáo tổng hợp: {docx_path}")
        if target in ("all", "site"):
            from baocao.site import build_site

            site = build_site(rnd, out / SITE_DIR, docx_path=docx_path if docx_path.exists() else None, prepared=prepared)
            print(f"Đã dựng trang web: {site}")
    except BuildError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    return 0
