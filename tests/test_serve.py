"""`mkdocs serve` shows an edit to a submission on reload (issue 3), charts included."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
PHRASE = "Cụm từ thêm vào để kiểm tra tải lại"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def _until(check, seconds: float = 90) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_serve_shows_an_edited_submission(root: Path, tmp_path: Path):
    for name in ("campaign.yml", "reviews.yml", "mkdocs.yml"):
        shutil.copy(root / name, tmp_path / name)
    for name in ("schema", "submissions", "docs"):
        shutil.copytree(root / name, tmp_path / name)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        page = f"{base}/co-quan/vu-phap-che/"
        assert _until(lambda: _get(page)[0] == 200), "mkdocs serve did not start"
        assert PHRASE not in _get(page)[1]
        charts = re.findall(r'<img[^>]+src="([^"]+\.svg)"', _get(f"{base}/so-lieu/")[1])
        assert charts
        for chart in charts:  # the charts, written in at the end of the build
            assert _get(f"{base}/so-lieu/{chart}")[0] == 200
        submission = tmp_path / "submissions" / "vu-phap-che.md"
        text = submission.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n## ")
        submission.write_text(f"{head}\n{PHRASE}.\n{sep}{rest}", encoding="utf-8")
        assert _until(lambda: PHRASE in _get(page)[1]), "the edit never showed"
        for chart in charts:  # rebuilt without fork (the server runs threads)
            assert _get(f"{base}/so-lieu/{chart}")[0] == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log = server.stderr.read().decode("utf-8", "replace")
        server.stderr.close()
    assert "Documentation built" in log
    assert "link" not in log  # every generated link is one MkDocs recognises: no INFO line
