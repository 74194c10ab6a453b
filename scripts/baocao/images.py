"""The images of a report that an output may embed: regular files of its own folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from baocao.workspace import AgencyReport, Round

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})


def approved_images(rnd: Round, report: AgencyReport) -> dict[str, str]:
    """Path as a report writes it (`<agency-id>/…`, relative to submissions/) -> file, for
    every image under `submissions/<agency-id>/` reached without a link, hidden name or
    special file on the way."""
    root = rnd.campaign.submissions_dir
    folder = root / report.agency.id
    found: dict[str, str] = {}
    if not _is_plain_dir(folder):
        return found
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and _is_plain_dir(Path(current, d))
        )
        for name in sorted(files):
            path = Path(current, name)
            if name.startswith(".") or path.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            if stat.S_ISREG(os.lstat(path).st_mode):
                found[path.relative_to(root).as_posix()] = str(path)
    return found


def _is_plain_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False
