"""The published site: MkDocs + mkdocs-material, pages generated from the round model.

`build_site(rnd, out_dir)` runs a strict MkDocs build of the workspace's mkdocs.yml into
out_dir, atomically (a temporary folder renamed into place). `mkdocs build` and `mkdocs serve`
from the workspace root do the same through the `baocao` MkDocs plugin.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from baocao.workspace import Round

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "baocao"


def prepare(root: Path):
    """Start, in the background, what the site build of the workspace at root needs first (the
    theme's templates compiling: `baocao.site.preparation.Preparation`), before the round is
    even read; hand it to `build_site`. None if the workspace has no mkdocs.yml."""
    from baocao.site.preparation import Preparation

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = root / CONFIG_FILE
    return Preparation(config_file) if config_file.is_file() else None


def build_site(rnd: Round, out_dir: Path, docx_path: Path | None = None, prepared=None) -> Path:
    """Build the site of rnd into out_dir (replaced as a whole only when the build succeeded),
    with what `prepare` started for it, if anything."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from baocao.build import BuildError
    from baocao.site import reuse

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = rnd.campaign.root / CONFIG_FILE
    if not config_file.is_file():
        if prepared is not None:
            prepared.stop()
        raise BuildError(f"không tìm thấy {CONFIG_FILE} trong {rnd.campaign.root}; cần tệp này để dựng trang web.")
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    _quiet()
    plugin = None
    # A build makes many short-lived objects and few reference cycles: pausing the cyclic
    # garbage collector saves about a tenth of the sample round's build time, and no memory
    # (peak 380 MB either way at 1,000 agencies).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # the theme's templates compile and the charts draw while MkDocs reads its config
        prepared = prepared or prepare(rnd.campaign.root)
        prepared.start(rnd, docx_path)
        config = load_config(str(config_file), site_dir=str(tmp), strict=True)
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            raise BuildError(f"{CONFIG_FILE}: thiếu plugin \"{PLUGIN}\" trong mục plugins.")
        plugin.use(rnd, docx_path, prepared, spare=reuse.spare_of(out_dir))
        build(config)
        if plugin.taken is not None:
            plugin.taken.sweep(tmp)
    except MkDocsException as error:
        _discard(tmp, prepared)
        reason = getattr(plugin, "failure", None) or error  # MkDocs replaces a plugin's error by "Aborted"
        raise BuildError(f"dựng trang web không thành công: {reason}") from None
    except BaseException as error:  # Ctrl-C too: MkDocs tells plugins of Exceptions only
        if plugin is not None:
            plugin.on_build_error(error=error)  # stops the page child
        _discard(tmp, prepared)
        raise
    finally:
        if collecting:
            gc.enable()
    tmp.chmod(0o755)  # mkdtemp makes it private; the published folder is read by web servers
    _swap(tmp, out_dir)
    return out_dir


def _discard(tmp: Path, prepared) -> None:
    if prepared is not None:  # the plugin stops it when the build ends; not when it never began
        prepared.stop()
    shutil.rmtree(tmp, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    """Put the site new in target's place, whole; the site it replaces becomes the spare. If
    another build puts its site there meanwhile, that one stays and new is deleted."""
    from baocao.build import BuildError
    from baocao.site import reuse

    old = None
    try:
        if target.exists():
            old = target.with_name(f".{target.name}-old-{os.getpid()}")
            target.rename(old)
        new.rename(target)
    except OSError:
        shutil.rmtree(new, ignore_errors=True)
        if old is not None:
            try:
                old.rename(target)  # the site as it was, if nothing took its place
            except OSError:
                reuse.keep_aside(old, target)
        raise BuildError(f"không thay được {target}: một lần dựng khác vừa ghi vào đó cùng lúc. Hãy dựng lại.") from None
    if old is not None:
        reuse.keep_aside(old, target)  # the next build writes over its files


def _quiet() -> None:
    """MkDocs logs INFO lines per build; the CLI shows warnings only."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


class _Stderr(logging.StreamHandler):
    """Writes to sys.stderr as it is when a line is logged, not as it was when the handler
    was made (a caller, or a test, may have replaced it since)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


__all__ = ["build_site", "prepare"]
