"""Work done in a forked process while the build goes on: for the site, drawing its charts,
rendering the submission pieces, compiling the theme's templates and rendering a share of the
pages; for the DOCX, laying out half of a large document.

A `Job` runs such a function in a forked child, which inherits the loaded round (and the
whole MkDocs build state), so nothing is pickled. The child returns nothing: it writes files
the parent reads, or the site's own files, before `wait()` returns. Where fork is unavailable,
or unsafe because the process runs threads (the rebuilds of `mkdocs serve` run beside its
live-reload server), the function runs in place and `wait()` returns at once.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from typing import Any, Callable


class JobError(Exception):
    """The background job failed; the message is Vietnamese."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class Job:
    def __init__(self, target: Callable[..., Any], *args: Any, background: bool = True):
        self._process = None
        self._error: JobError | None = None
        if background and can_fork():
            self._process = multiprocessing.get_context("fork").Process(target=_run, args=(target, *args), daemon=True)
            self._process.start()
        else:  # in place; a failure is raised by wait(), as for the child
            try:
                target(*args)
            except Exception as error:  # noqa: BLE001 - reported like the child's failure
                self._error = JobError(f"{type(error).__name__}: {error}")

    @property
    def forked(self) -> bool:
        return self._process is not None

    def wait(self) -> None:
        if self._error is not None:
            raise self._error
        if self._process is not None:
            self._process.join()
            if self._process.exitcode != 0:
                raise JobError(f"tiến trình chạy nền dừng với mã {self._process.exitcode}")

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _run(target: Callable[..., Any], *args: Any) -> None:
    """In the child: a failure is one line on stderr and exit code 1, not a traceback; the
    parent turns the exit code into a JobError."""
    try:
        target(*args)
    except BaseException as error:  # noqa: BLE001 - the child reports every failure the same way
        sys.stderr.write(f"lỗi trong tiến trình chạy nền: {type(error).__name__}: {error}\n")
        sys.stderr.flush()
        os._exit(1)
