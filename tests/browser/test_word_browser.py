"""The agency page of a Word submission in headless Chromium (issue 17)."""

from __future__ import annotations

import pytest

from .conftest import WORD_AGENCY, WORD_POINTS

pytestmark = pytest.mark.browser


def test_agency_page_of_a_word_report(page, server, site_round, screenshots):
    report = site_round.report(WORD_AGENCY)
    page.goto(f"{server}/co-quan/{WORD_AGENCY}/")
    assert page.locator("h1").first.inner_text().strip() == report.agency.name
    body = page.locator("article").inner_text()
    assert f"submissions/{WORD_AGENCY}.docx" in body
    assert report.stage_label in body  # "Đã nộp (đúng hạn)": a signed Word report is issued
    texts = [t.strip() for t in page.locator(".bc-report p, .bc-report li").all_inner_texts()]
    for point in WORD_POINTS:  # the letters and numbers typed in Word, as typed
        assert point in texts, point
    first = report.parts[2]  # the first part written, with the points under it
    written = " ".join(f"Nội dung mục {first.spec.heading[:40]} của {report.agency.name}.".split())
    assert written in texts
    for text in ("BỘ TƯ PHÁP", "Số: 125/BC-PHAP", "Nguyễn Văn An", "Người liên hệ"):
        assert text not in "\n".join(texts)  # the letterhead and signature are not report text
    page.locator(".bc-report").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "word-agency.png"), full_page=False)
