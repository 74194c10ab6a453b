"""The site built once per session from the samples plus a hostile submission, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import random
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOSTILE_AGENCY = "bo-y-te"
HOSTILE_HTML = (
    '<script>window.__pwned = "script"</script>\n\n'
    '<img src="bo-y-te/hong.png" onerror="window.__pwned = \'onerror\'">\n\n'
    '<a href="javascript:window.__pwned=\'link\'" id="bc-hostile-link">Liên kết độc hại</a>\n\n'
    '<iframe src="https://example.com/"></iframe>\n\n'
    "Đoạn văn sau mã độc vẫn hiển thị. Chiến dịch Quỳnh Nhưỡng.\n"
)


def hostile_submission(root: Path) -> str:
    sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
    from synthetic import submission_text

    from baocao.campaign import load_campaign

    campaign = load_campaign(root)
    text = submission_text(campaign, campaign.agency(HOSTILE_AGENCY), random.Random(7))
    marker = "\n## "  # insert into the body before the second level-2 heading
    head, sep, tail = text.partition("\n# ")
    return head + sep + tail.replace(marker, "\n" + HOSTILE_HTML + marker, 1)


WORD_AGENCY = "bo-tu-phap"  # no sample report: its report is a Word file
WORD_POINTS = ["a) Rà soát văn bản;", "đ) Xử lý vi phạm;", "e) Tuyên truyền.", "1. Một;", "3. Ba."]


def word_submission(ws: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from baocao.campaign import load_campaign
    from wordmaker import word_report

    path = ws / "submissions" / f"{WORD_AGENCY}.docx"
    return word_report(load_campaign(ws), WORD_AGENCY, path, extra={0: WORD_POINTS})


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    from baocao.site.build import build_site
    from baocao.workspace import load_round

    ws = tmp_path_factory.mktemp("ws")
    for name in ("campaign.yml", "mkdocs.yml", "reviews.yml"):
        shutil.copy(ROOT / name, ws / name)
    for name in ("schema", "docs", "submissions"):
        shutil.copytree(ROOT / name, ws / name)
    (ws / "submissions" / f"{HOSTILE_AGENCY}.md").write_text(
        hostile_submission(ws), encoding="utf-8"
    )
    (ws / "submissions" / HOSTILE_AGENCY).mkdir()
    (ws / "submissions" / HOSTILE_AGENCY / "hong.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    )  # a PNG header without image data: the check reads its size, a browser fires onerror
    word_submission(ws)
    with pytest.MonkeyPatch.context() as mp:  # the checker refuses the javascript: link;
        # the site must be safe even if it did not
        mp.setattr("baocao.workspace.link_problems", lambda sub, agency_id: [])
        rnd = load_round(ws)
    assert rnd.report(WORD_AGENCY).status == "on_time", rnd.report(WORD_AGENCY).problems
    assert rnd.report(HOSTILE_AGENCY).usable, [
        p.message for p in rnd.report(HOSTILE_AGENCY).problems
    ]
    return build_site(rnd, ws / "build" / "site")


@pytest.fixture(scope="session")
def site_round(site_dir):
    from baocao.workspace import load_round

    with pytest.MonkeyPatch.context() as mp:  # as the site was built (see site_dir)
        mp.setattr("baocao.workspace.link_problems", lambda sub, agency_id: [])
        return load_round(site_dir.parents[1])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site_dir):
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("BAOCAO_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is required (BAOCAO_REQUIRE_BROWSER=1)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def requests_seen() -> list[str]:
    return []


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    tab = context.new_page()
    tab.on("request", lambda request: requests_seen.append(request.url))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ROOT / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
