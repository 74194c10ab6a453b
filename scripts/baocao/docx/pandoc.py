"""One pandoc call: Markdown string in, DOCX file out. Options live in defaults.yaml."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

import pypandoc

DEFAULTS = Path(__file__).with_name("defaults.yaml")


class PandocError(Exception):
    """pandoc failed; the message is pandoc's own (English) text."""


def pandoc_args(reference: Path, resource_path: list[Path], *, toc: bool) -> list[str]:
    return [
        f"--defaults={DEFAULTS}",
        f"--reference-doc={reference}",
        f"--resource-path={os.pathsep.join(str(p) for p in resource_path)}",
        f"--toc={'true' if toc else 'false'}",
    ]


def run_pandoc(markdown: str, out_path: Path, args: list[str], *, day: date) -> Path:
    """Convert markdown to a DOCX at out_path. The zip timestamps and document dates come
    from `day` (SOURCE_DATE_EPOCH), not from the clock."""
    epoch = int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        pypandoc.convert_text(markdown, "docx", format="commonmark_x", outputfile=str(out_path), extra_args=args)
    except (RuntimeError, OSError) as error:
        raise PandocError(str(error).strip()) from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return out_path
