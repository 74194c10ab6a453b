"""Attachments of the submissions (images, documents) published under `tep/<agency-id>/`.

Only regular files inside `submissions/<agency-id>/` with an allowed suffix are published;
symbolic links leading elsewhere and other types (SVG can carry scripts) are not.
"""

from __future__ import annotations

from baocao.site.pages import SiteFile
from baocao.site.sanitize import ASSET_SUFFIXES, ASSETS_DIR
from baocao.workspace import Round


def asset_files(rnd: Round) -> list[SiteFile]:
    out = []
    for report in rnd.reports:
        sub = report.submission
        if sub is None or not report.usable:
            continue
        folder = sub.asset_dir
        if not folder.is_dir():
            continue
        base = folder.resolve()
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in ASSET_SUFFIXES:
                continue
            real = path.resolve()
            if not real.is_relative_to(base) or any(
                p.startswith(".") for p in path.relative_to(folder).parts
            ):
                continue
            rel = path.relative_to(folder).as_posix()
            out.append(SiteFile(f"{ASSETS_DIR}/{report.agency.id}/{rel}", source=real))
    return out
