"""`build_site`: a strict MkDocs build of the round's site into a fresh folder, published whole."""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from baocao.errors import BuildError
from baocao.files import output_lock, publish_dir, remove
from baocao.messages import error_text, os_reason

if TYPE_CHECKING:
    from baocao.workspace import Round

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "baocao"


def build_site(
    rnd: Round, out_dir: Path, docx_path: Path | None = None, reminder_path: Path | None = None
) -> Path:
    """Build the site of rnd; out_dir is replaced, in one step, only when the build succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = rnd.campaign.root / CONFIG_FILE
    if not config_file.is_file():
        raise BuildError(error_text("site-no-config", config=CONFIG_FILE, root=rnd.campaign.root))
    out_dir = Path(os.path.abspath(out_dir))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    log = _quiet()
    with output_lock(out_dir.parent) as work:
        new = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}-", dir=work))
        plugin = None
        published = False
        try:
            config = load_config(str(config_file), site_dir=str(new), strict=True)
            plugin = config.plugins.get(PLUGIN)
            if plugin is None:
                raise BuildError(error_text("site-no-plugin", config=CONFIG_FILE, plugin=PLUGIN))
            plugin.use(rnd, docx_path, reminder_path)
            build(config)
            new.chmod(0o755)  # mkdtemp makes it private; web servers read the published folder
            publish_dir(new, out_dir)
            published = True
        except MkDocsException as error:
            reason = getattr(plugin, "failure", None) or error
            raise BuildError(error_text("site-failed", reason=reason)) from None
        except OSError as error:  # MkDocs' own lines about it are English: dropped
            log.held.clear()
            code = "disk-full" if error.errno == errno.ENOSPC else "write-failed"
            raise BuildError(error_text(code, path=out_dir, reason=os_reason(error))) from None
        finally:
            log.release()
            if not published:
                remove(new)
    return out_dir


def _quiet() -> _Held:
    """MkDocs' warnings, held until the build ends (its INFO lines are not shown)."""
    logger = logging.getLogger("mkdocs")
    handler = next((h for h in logger.handlers if isinstance(h, _Held)), None)
    if handler is None:
        handler = _Held()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
    return handler


class _Held(logging.Handler):
    """Keeps log lines, then writes them to sys.stderr as it is then (a test may replace it)."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.held.append(self.format(record))

    def release(self) -> None:
        for line in self.held:
            print(line, file=sys.stderr)
        self.held.clear()
