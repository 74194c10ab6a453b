"""One sandboxed pandoc run: a document (pandoc JSON) in, DOCX file out. Options live in defaults.yaml."""

from __future__ import annotations

import errno
import os
import subprocess
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pypandoc

from baocao.errors import BuildError
from baocao.messages import error_text, phrase

DEFAULTS = Path(__file__).with_name("defaults.yaml")
CONFINE = Path(__file__).with_name("confine.lua")
# How confine.lua reads report text: as the site's markdown-it does (text as written, lists as
# in lists.py, no styles, ids or classes), plus numbered "Hình" captions for images.
READER = (
    "commonmark_x+implicit_figures-smart-tex_math_dollars-emoji-subscript-superscript"
    "-raw_attribute-yaml_metadata_block-alerts"
    "-fancy_lists-definition_lists-task_lists"
    "-attributes-fenced_divs-bracketed_spans-implicit_header_references"
)
TIMEOUT = 900  # seconds; inputs are bounded by baocao.limits, this only stops a hung process


class Pandoc:
    """One pandoc run, from a document (pandoc JSON) file to a DOCX at out_path: started here,
    waited for by `wait`, so that the caller can work meanwhile (baocao build: the site).
    pandoc reads no file but those named here: report text and images come from allow_list
    through confine.lua. Dates come from `day`, not the clock."""

    def __init__(
        self,
        document: Path,
        out_path: Path,
        *,
        reference: Path,
        allow_list: Path,
        toc: bool,
        day: date,
    ) -> None:
        self.out_path = out_path
        command = [
            "--sandbox",
            f"--defaults={DEFAULTS}",
            "--from=json",
            f"--reference-doc={reference}",
            f"--lua-filter={CONFINE}",
            f"--metadata=baocao-confine:{allow_list}",
            f"--toc={'true' if toc else 'false'}",
            "--output",
            str(out_path),
            str(document),
        ]
        env = {
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "SOURCE_DATE_EPOCH": str(epoch_of(day)),
        }
        self.deadline = time.monotonic() + TIMEOUT
        try:  # pypandoc raises OSError where it finds no pandoc
            self.process = subprocess.Popen(
                [pypandoc.get_pandoc_path(), *command],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
            )
        except OSError as error:
            raise BuildError(
                error_text("pandoc-start", detail=error.strerror or str(error))
            ) from None
        # its messages are read meanwhile, into memory: a pipe nobody reads while the site
        # builds could fill, and a file could not take "No space left" on a full disk
        self.messages = b""
        self.reader = threading.Thread(target=self._read_messages, daemon=True)
        self.reader.start()

    def _read_messages(self) -> None:
        assert self.process.stderr is not None
        with self.process.stderr:
            self.messages = self.process.stderr.read()

    def wait(self) -> None:
        """Until pandoc ends; its failure as a BuildError (a full disk as OSError)."""
        try:
            code = self.process.wait(timeout=max(0.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.stop()
            raise BuildError(
                error_text("pandoc-timeout", name=self.out_path.name, seconds=TIMEOUT)
            ) from None
        self.reader.join()
        if code != 0:
            detail = self.messages.decode("utf-8", "replace").strip()
            if "No space left" in detail or "quota exceeded" in detail:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.out_path))
            raise BuildError(
                error_text(
                    "pandoc-failed", name=self.out_path.name, detail=first_line(detail, code)
                )
            )

    def stop(self) -> None:
        """End pandoc if it still runs (the build failed elsewhere, or was interrupted)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def first_line(stderr: str, code: int) -> str:
    """pandoc's own message without the Haskell backtrace that follows it."""
    for line in stderr.splitlines():
        if line.strip() and not line.startswith((" ", "HasCallStack", "CallStack")):
            return line.removeprefix("pandoc: ").strip()
    return phrase("exit-code", number=code)


def epoch_of(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
