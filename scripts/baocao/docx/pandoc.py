"""One pandoc call: Markdown string in, DOCX file out. Options live in defaults.yaml."""

from __future__ import annotations

import os
import subprocess
import tempfile
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
    return start_pandoc(markdown, out_path, args, day=day).wait()


class Conversion:
    """A pandoc process at work; `wait()` returns the output path once it is written."""

    def __init__(self, process: subprocess.Popen, errors, out_path: Path):
        self._process, self._errors, self.out_path = process, errors, out_path

    def wait(self) -> Path:
        code = self._process.wait()
        self._errors.seek(0)
        message = self._errors.read().decode("utf-8", "replace").strip()
        self._errors.close()
        if code != 0:
            raise PandocError(message or f"pandoc dừng với mã {code}")
        return self.out_path

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._errors.close()


def start_pandoc(markdown: str, out_path: Path, args: list[str], *, day: date) -> Conversion:
    """Start the conversion and return once pandoc has read its input: the caller can work
    meanwhile (see baocao.docx._convert). Errors go to a temporary file, not a pipe that
    could fill up while nobody reads it."""
    command = pandoc_command(out_path, args)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch_of(day)))
    errors = tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors, env=env)
    except OSError as error:
        errors.close()
        raise PandocError(str(error)) from None
    conversion = Conversion(process, errors, out_path)
    try:
        process.stdin.write(markdown.encode("utf-8"))
        process.stdin.close()
    except BrokenPipeError:  # pandoc stopped early: its message says why
        pass
    except BaseException:
        conversion.stop()
        raise
    return conversion


def pandoc_command(out_path: Path, args: list[str]) -> list[str]:
    """The command line (pandoc of pypandoc-binary); Markdown is read from standard input."""
    return [pypandoc.get_pandoc_path(), *args, "--output", str(out_path)]


def epoch_of(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())
