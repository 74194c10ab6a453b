"""What a site build starts before MkDocs needs it (`Preparation`), as early as it can."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from baocao.background import Job
from baocao.site import templates

if TYPE_CHECKING:  # not imported before the compiling starts (see baocao.build)
    from baocao.site import pages
    from baocao.workspace import Round


MEMORY = Path("/dev/shm")  # Linux's memory-backed file system, for every user
MEMORY_NEEDED = 256 * 1024 * 1024  # free space it must have (a round of 1,000 agencies uses about 16 MB)


def scratch_dir(memory: Path = MEMORY) -> str | None:
    """Where a build keeps its temporary files (compiled templates, charts, rendered pieces,
    search entries: about a hundred files, read back and deleted within the build): in memory
    where the system offers it, since creating and deleting files on a disk costs more than
    writing them (up to 0.5 ms each on an ext4 disk that has just deleted many; about 0.02 ms
    in memory); else the system's temporary folder. A temporary folder the user chose
    (TMPDIR, TEMP or TMP, which Python's tempfile reads) is obeyed."""
    if any(os.environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")):
        return None
    try:
        stat = os.statvfs(memory)
    except OSError:
        return None
    if stat.f_bavail * stat.f_frsize < MEMORY_NEEDED or not os.access(memory, os.W_OK | os.X_OK):
        return None
    return str(memory)


class Preparation:
    """What a build makes before MkDocs needs it, started as early as it can be: the build's
    temporary folder and the theme's templates compiling (from MkDocs' config, or from the
    path of its file before this process has read it), then, once the round is known, the
    charts drawing, the generated pages, and the submissions' pieces rendering. `build_site`
    starts it before MkDocs reads its config, while a core is otherwise idle; `mkdocs build`
    and `mkdocs serve` at the plugin's `on_config`."""

    def __init__(self, config) -> None:
        self.work_dir = Path(tempfile.mkdtemp(prefix="baocao-site-", dir=scratch_dir()))
        self.compiling: Job | None = None
        self.drawing: Job | None = None
        self.content: pages.SiteContent | None = None
        try:
            self.compiling = templates.compile_templates(config, self.work_dir)
        except BaseException:
            self.stop()
            raise

    def start(self, rnd: Round, docx_path: Path | None) -> None:
        from baocao.site import figures, pages

        try:
            # the charts are drawn while the site is built; the SVGs are written into it last
            # (on_post_build), so nothing waits for them before then
            charts = figures.plan(rnd)
            self.drawing = Job(figures.draw, charts, self.work_dir)
            self.content = pages.generate(rnd, docx_path, charts)
            # the submissions' Markdown is rendered by a worker while MkDocs reads the pages,
            # and by this process too once it has (Fragments.join, at on_env)
            self.content.fragments.render_in_background(self.work_dir)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop what still runs and remove the folder (at the end of the build, or on failure)."""
        for job in (self.compiling, self.drawing):
            if job is not None:
                job.stop()
        self.compiling = self.drawing = None
        if self.content is not None:
            self.content.fragments.stop()
        shutil.rmtree(self.work_dir, ignore_errors=True)
