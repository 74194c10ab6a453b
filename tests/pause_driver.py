"""Run `baocao ARGS...` (or `mkdocs ARGS...`) and stop at one point of the build, for a test
to kill it there (SIGKILL) or to let it go on.

    python pause_driver.py POINT MARKER [baocao ARGS... | mkdocs ARGS...]

On reaching POINT the driver creates the file MARKER and waits until the test deletes it.
Points (each wraps a function the build calls):
  pandoc          pandoc has written half of its output
  docx-layout     pandoc is done, the letterhead and charts are not in yet
  docx-publish    the DOCX is finished, just before it is moved into place (`build all`: the
                  site, which carries a copy of it, is published then)
  mkdocs          MkDocs has written some pages of the site
  site-op:N       just before the N-th rename or delete that publishes the site (N from 1);
                  site-op:N:no-exchange where the file system cannot swap two names (NFS)
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

point, marker, args = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
if args[0] == "mkdocs":
    out = Path(os.path.abspath(args[args.index("--site-dir") + 1])).parent
else:
    out = Path(os.path.abspath(args[args.index("--out") + 1]))


def pause() -> None:
    marker.write_text(point, encoding="utf-8")
    while marker.exists():
        time.sleep(0.05)


def publishing(*paths: object) -> bool:
    """An operation of the site's publication: on <out>/site, or on a folder directly in the
    work folder (not the DOCX's temporary folder, not the lock)."""
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            continue
        path = Path(os.path.abspath(path))
        if path == out / "site":
            return True
        if path.parent == out / ".baocao" and not path.name.startswith(("tmp", "lock")):
            return True
    return False


if point == "pandoc":
    import baocao.docx.pandoc as pandoc

    real_wait = pandoc.Pandoc.wait

    def wait(self):
        real_wait(self)
        whole = self.out_path.read_bytes()
        self.out_path.write_bytes(whole[: len(whole) // 2])
        pause()
        self.out_path.write_bytes(whole)

    pandoc.Pandoc.wait = wait  # type: ignore[method-assign]
elif point == "docx-layout":
    import baocao.docx as docx

    real_finish = docx.finish_layout

    def finish(*a, **k):
        pause()
        return real_finish(*a, **k)

    docx.finish_layout = finish  # type: ignore[assignment]
elif point == "docx-publish":
    real_replace = os.replace

    def replace(src, dst, *a, **k):
        if Path(os.path.abspath(dst)) == out / "bao-cao-tong-hop.docx":
            pause()
        return real_replace(src, dst, *a, **k)

    os.replace = replace  # type: ignore[assignment]
elif point == "mkdocs":
    from baocao.site.plugin import BaocaoPlugin

    real_post_page = BaocaoPlugin.on_post_page
    pages = []

    def on_post_page(self, output, page, config):
        pages.append(page)
        if len(pages) == 6:  # five pages are written into the new site
            pause()
        return real_post_page(self, output, page, config)

    BaocaoPlugin.on_post_page = on_post_page  # type: ignore[method-assign]
elif point.startswith("site-op:"):
    wanted = int(point.split(":")[1])
    no_exchange = point.endswith(":no-exchange")
    seen = []

    def counted(function):
        def wrapper(*a, **k):
            if publishing(*a[:2]):
                seen.append(function.__name__)
                if len(seen) == wanted:
                    pause()
            return function(*a, **k)

        wrapper.__name__ = function.__name__
        return wrapper

    os.rename = counted(os.rename)  # type: ignore[assignment]
    os.replace = counted(os.replace)  # type: ignore[assignment]
    shutil.rmtree = counted(shutil.rmtree)  # type: ignore[assignment]
    import baocao.files as files

    if no_exchange:
        files.exchange = lambda a, b: False  # type: ignore[assignment]
    elif hasattr(files, "exchange"):
        files.exchange = counted(files.exchange)  # type: ignore[assignment]
else:
    raise SystemExit(f"unknown point {point}")

if args[0] == "mkdocs":
    from mkdocs.__main__ import cli

    cli(args[1:])
else:
    from baocao.cli import main

    sys.exit(main(args))
