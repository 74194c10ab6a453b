"""One pandoc call: Markdown string in, DOCX file out. Options live in defaults.yaml."""

from __future__ import annotations

import os
import subprocess
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
    command = pandoc_command(out_path, args)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch_of(day)))
    try:
        done = subprocess.run(command, input=markdown.encode("utf-8"), capture_output=True, env=env)
    except OSError as error:
        raise PandocError(str(error)) from None
    if done.returncode != 0:
        raise PandocError(done.stderr.decode("utf-8", "replace").strip())
    return out_path


def pandoc_command(out_path: Path, args: list[str]) -> list[str]:
    """The command line (pandoc of pypandoc-binary); Markdown is read from standard input."""
    return [pypandoc.get_pandoc_path(), *args, "--output", str(out_path)]


def epoch_of(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
