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


def pandoc_args(reference: Path | None, resource_path: list[Path], *, toc: bool) -> list[str]:
    """The options of one conversion; without `reference`, `start_pandoc` is given its bytes."""
    return [
        f"--defaults={DEFAULTS}",
        *([f"--reference-doc={reference}"] if reference is not None else []),
        f"--resource-path={os.pathsep.join(str(p) for p in resource_path)}",
        f"--toc={'true' if toc else 'false'}",
    ]


def run_pandoc(markdown: str, out_path: Path, args: list[str], *, day: date) -> Path:
    """Convert markdown to a DOCX at out_path. The zip timestamps and document dates come
    from `day` (SOURCE_DATE_EPOCH), not from the clock."""
    return start_pandoc(markdown, out_path, args, day=day).wait()


class Conversion:
    """A pandoc process at work; `wait()` returns the output path once it is written."""

    def __init__(self, process: subprocess.Popen, errors, out_path: Path, reference: int | None = None):
        self._process, self._errors, self.out_path = process, errors, out_path
        self._reference = reference  # write end of the pipe pandoc reads its reference document from

    def send_reference(self, data: bytes) -> None:
        """Give pandoc its reference document, which it reads only when it starts writing
        the DOCX: the caller can make it while pandoc reads the Markdown."""
        if self._reference is None:
            raise RuntimeError("pandoc was started with a reference document file")
        fd, self._reference = self._reference, None
        try:
            pipe = os.fdopen(fd, "wb")
        except OSError:
            os.close(fd)
            raise
        try:
            with pipe:
                pipe.write(data)
        except OSError:  # pandoc stopped before reading it all (a broken pipe): wait() says why
            pass

    def wait(self) -> Path:
        self._close_reference()  # never sent: pandoc reads an empty file and fails, rather than waiting forever
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
        self._close_reference()
        self._errors.close()

    def _close_reference(self) -> None:
        if self._reference is not None:
            os.close(self._reference)
            self._reference = None


def can_pipe_reference() -> bool:
    """Whether pandoc can read its reference document from a pipe (/dev/fd/N)."""
    return os.name == "posix" and os.path.isdir("/dev/fd")


def start_pandoc(markdown: str, out_path: Path, args: list[str], *, day: date, reference_pipe: bool = False) -> Conversion:
    """Start the conversion and return once pandoc has read its input: the caller can work
    meanwhile (see baocao.docx._convert). Errors go to a temporary file, not a pipe that
    could fill up while nobody reads it. With `reference_pipe` (see `can_pipe_reference`),
    args have no reference document: pandoc reads it from a pipe, and waits there for
    `Conversion.send_reference` if it gets that far first."""
    command = pandoc_command(out_path, args)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch_of(day)))
    errors = tempfile.TemporaryFile()
    read_end = write_end = None
    try:
        if reference_pipe:
            read_end, write_end = os.pipe()
            command.insert(1, f"--reference-doc=/dev/fd/{read_end}")
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors, env=env,
                                   pass_fds=(read_end,) if read_end is not None else ())
    except OSError as error:
        errors.close()
        for fd in (read_end, write_end):
            if fd is not None:
                os.close(fd)
        raise PandocError(str(error)) from None
    if read_end is not None:
        os.close(read_end)  # pandoc has its own copy
    conversion = Conversion(process, errors, out_path, write_end)
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
