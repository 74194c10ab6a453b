"""`mkdocs serve` shows an edit to a submission on reload (issue 3), charts included;
`mkdocs serve --dirty` writes only the pages that changed, and the same site."""

from __future__ import annotations

import json
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


def _workspace(root: Path, dest: Path) -> Path:
    for name in ("campaign.yml", "reviews.yml", "mkdocs.yml"):
        shutil.copy(root / name, dest / name)
    for name in ("schema", "submissions", "docs"):
        shutil.copytree(root / name, dest / name)
    return dest


def test_serve_shows_an_edited_submission(root: Path, tmp_path: Path):
    _workspace(root, tmp_path)
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


SERVE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site, dirty = sys.argv[1], sys.argv[2], sys.argv[3] == "dirty"
for count, line in enumerate(sys.stdin):  # a build a line, as serve makes one a change
    config = load_config(config_file, site_dir=site, strict=False)
    if not count:  # once, as serve does; the plugins that have this event are kept
        config.plugins.on_startup(command="serve", dirty=dirty)
    try:
        build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
    except Exception:  # serve says so, and goes on
        print("failed", flush=True)
    else:
        print("built", flush=True)
"""


class Serve:
    """Builds of the site as `mkdocs serve [--dirty] --no-strict` makes them, in a process of
    their own (the plugins are kept across builds, and for the rest of the process)."""

    def __init__(self, ws: Path, site: Path, *, dirty: bool) -> None:
        command = [sys.executable, "-c", SERVE, str(ws / "mkdocs.yml"), str(site)]
        self.process = subprocess.Popen(
            [*command, "dirty" if dirty else "full"],
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def build(self, outcome: str = "built") -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline() == f"{outcome}\n"

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def _full_build(ws: Path, site: Path) -> None:
    serve = Serve(ws, site, dirty=False)
    try:
        serve.build()
    finally:
        serve.stop()


def _same_as_full_build(ws: Path, site: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    _full_build(ws, full)
    assert _site_files(site) == _site_files(full)


def _site_files(site: Path) -> dict[str, object]:
    """Each file's bytes; the search index as its configuration and its entries in any order."""
    files: dict[str, object] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        key = path.relative_to(site).as_posix()
        if path.name == "search_index.json":
            index = json.loads(path.read_text(encoding="utf-8"))
            entries = sorted(json.dumps(e, sort_keys=True) for e in index["docs"])
            files[key] = (index["config"], entries)
        else:
            files[key] = path.read_bytes()
    return files


def test_dirty_serve_rewrites_only_changed_pages_and_builds_the_same_site(root, tmp_path):
    (tmp_path / "ws").mkdir()
    ws = _workspace(root, tmp_path / "ws")
    site = tmp_path / "site"
    serve = Serve(ws, site, dirty=True)
    try:
        serve.build()
        pages = sorted(site.rglob("*.html"))
        for page in pages:
            os.utime(page, ns=(0, 0))
        report = ws / "submissions" / "vu-phap-che.md"
        text = report.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n## ")
        report.write_text(f"{head}\n{PHRASE}.\n{sep}{rest}", encoding="utf-8")
        serve.build()
        written = [p for p in pages if p.stat().st_mtime_ns]
        assert site / "co-quan" / "vu-phap-che" / "index.html" in written
        assert PHRASE in (site / "co-quan" / "vu-phap-che" / "index.html").read_text("utf-8")
        assert len(written) < len(pages) / 4, f"{len(written)} of {len(pages)} pages written"

        # and the site equals a full build of the same files, search index included
        _same_as_full_build(ws, site, tmp_path)

        # a report made invalid changes the dashboard and the agency's state everywhere
        broken = ws / "submissions" / "bo-tai-chinh.md"
        broken.write_text(
            broken.read_text(encoding="utf-8").replace("\n---\n", "\n--\n", 1),
            encoding="utf-8",
        )
        serve.build()
        _same_as_full_build(ws, site, tmp_path)

        # an image replaced keeping its time (cp -p, unzip), then its report deleted
        image = ws / "submissions" / "tcqltt-cuc-nghiep-vu" / "bieu-do-xu-ly.png"
        times = image.stat()
        image.write_bytes(image.read_bytes() + b"\0")
        os.utime(image, ns=(times.st_atime_ns, times.st_mtime_ns))
        serve.build()
        _same_as_full_build(ws, site, tmp_path)
        (ws / "submissions" / "tcqltt-cuc-nghiep-vu.md").unlink()
        serve.build()
        _same_as_full_build(ws, site, tmp_path)

        # a build that fails after writing a page, then the fix
        guide = ws / "docs" / "huong-dan" / "lay-mau.md"
        guide.write_text(guide.read_text(encoding="utf-8") + f"\n{PHRASE}\n", encoding="utf-8")
        page = ws / "docs" / "huong-dan" / "viet-bao-cao.md"
        text = page.read_text(encoding="utf-8")
        page.write_text("---\ntemplate: khong-co.html\n---\n" + text, encoding="utf-8")
        serve.build("failed")
        page.write_text(text, encoding="utf-8")
        serve.build()
        _same_as_full_build(ws, site, tmp_path)

        # mkdocs.yml changed: every page has the new site name
        config = ws / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Mới ", 1),
            encoding="utf-8",
        )
        serve.build()
        _same_as_full_build(ws, site, tmp_path)
    finally:
        serve.stop()
