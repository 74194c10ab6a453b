"""Attachments of the submissions (images, documents) published under `tep/<agency-id>/`."""

from __future__ import annotations

from baocao.site.pages import SiteFile
from baocao.site.sanitize import ASSETS_DIR
from baocao.targets import agency_files
from baocao.workspace import Round


def asset_files(rnd: Round) -> list[SiteFile]:
    out = []
    for report in rnd.reports:
        if report.submission is None or not report.usable:
            continue
        files = agency_files(rnd.campaign.submissions_dir, report.agency.id)
        for key, path in sorted(files.items()):
            out.append(SiteFile(f"{ASSETS_DIR}/{key}", source=path))
    return out
