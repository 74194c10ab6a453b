"""The images of a report that the DOCX may embed: its own approved files (baocao.targets)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from baocao.targets import IMAGE_SUFFIXES, agency_files

if TYPE_CHECKING:
    from baocao.workspace import AgencyReport, Round


def approved_images(rnd: Round, report: AgencyReport) -> dict[str, str]:
    """Path as a report writes it (`<agency-id>/…`, relative to submissions/; NFC and NFD, as
    confine.lua cannot normalise) -> file, for every approved image of the agency's folder."""
    found: dict[str, str] = {}
    for key, path in agency_files(rnd.campaign.submissions_dir, report.agency.id).items():
        if path.suffix.lower() in IMAGE_SUFFIXES:
            for form in ("NFC", "NFD"):
                found[unicodedata.normalize(form, key)] = str(path)
    return found
