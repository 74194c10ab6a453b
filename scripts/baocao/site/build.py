"""`build_site`: a strict MkDocs build of the round's site into a fresh folder, published whole."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.bccache

from baocao.errors import BuildError, WriteError
from baocao.files import Publication, write_error
from baocao.messages import error_text

if TYPE_CHECKING:
    from baocao.workspace import Round

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "baocao"


def build_site(
    rnd: Round,
    out_dir: Path,
    docx: Callable[[], Path] | None = None,
    reminder_path: Path | None = None,
) -> Path:
    """Build the site of rnd; out_dir is replaced, in one step, only when the build succeeded.
    docx gives the merged DOCX's path: it is called once the pages are written."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = rnd.campaign.root / CONFIG_FILE
    if not config_file.is_file():
        raise BuildError(error_text("site-no-config", config=CONFIG_FILE, root=rnd.campaign.root))
    out_dir = Path(os.path.abspath(out_dir))
    log = _quiet()
    publication = Publication(out_dir)
    plugin = None
    try:
        config = load_config(str(config_file), site_dir=str(publication.folder), strict=True)
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            raise BuildError(error_text("site-no-plugin", config=CONFIG_FILE, plugin=PLUGIN))
        plugin.use(rnd, docx, reminder_path)
        build(config)
        publication.commit()
    except MkDocsException as error:
        reason = getattr(plugin, "failure", None) or error
        raise BuildError(error_text("site-failed", reason=reason)) from None
    except OSError as error:  # MkDocs' own lines about it are English: dropped
        log.held.clear()
        raise write_error(error, out_dir) from None
    except WriteError:
        log.held.clear()
        raise
    finally:
        log.release()
        publication.abort()
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


class KeptTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process (`mkdocs serve` rebuilds), in memory;
    Jinja's bucket key names the template and the checksum of its source."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


KEPT_TEMPLATES = KeptTemplates()
