"""The built site in headless Chromium, served from 127.0.0.1 (issue 3, "Done when")."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from baocao.text import fold

from .conftest import HOSTILE_AGENCY

pytestmark = pytest.mark.browser


def _search(page, query: str) -> list[str]:
    page.keyboard.press("s")
    page.wait_for_selector(".md-search__input:focus")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__item > a")]


def test_dashboard_lists_every_agency_with_its_status(page, server, site_round, screenshots):
    page.goto(server + "/")
    rows = page.query_selector_all(".bc-sortable table tbody tr")
    assert len(rows) == len(site_round.reports)
    for row, report in zip(rows, site_round.reports):
        cells = row.query_selector_all("td")
        assert cells[0].inner_text().strip() == report.agency.name
        assert cells[5].inner_text().strip() == report.stage_label
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=False)


def test_dashboard_filters_by_state(page, server, site_round, screenshots):
    """A button per state shows only the agencies in it; "Tất cả" shows them all again; the
    state filter and the text filter combine."""
    page.goto(server + "/")
    rows = ".bc-sortable table tbody tr"

    def shown() -> list[str]:
        return [
            r.query_selector("td").inner_text().strip()
            for r in page.query_selector_all(rows)
            if r.is_visible()
        ]

    for stage in ("du-thao", "da-nop", "chua-nop"):
        page.click(f'.bc-stage-filter button[data-stage="{stage}"]')
        expected = [r.agency.name for r in site_round.reports if r.stage == stage]
        assert expected and shown() == expected
        assert (
            page.get_attribute(f'.bc-stage-filter button[data-stage="{stage}"]', "aria-pressed")
            == "true"
        )
        if stage == "du-thao":
            page.screenshot(path=str(screenshots / "dashboard-filter.png"), full_page=False)
    page.fill(".bc-filter", "ha giang")
    assert "Cục Quản lý thị trường tỉnh Hà Giang" in shown()
    stages = {r.agency.name: r.stage for r in site_round.reports}
    assert {stages[n] for n in shown()} == {"chua-nop"}
    page.fill(".bc-filter", "")
    page.click('.bc-stage-filter button[data-stage=""]')
    assert len(shown()) == len(site_round.reports)


def test_dashboard_filter_ignores_diacritics(page, server, site_round):
    page.goto(server + "/")
    page.fill(".bc-filter", "ha noi")
    visible = [
        r.inner_text()
        for r in page.query_selector_all(".bc-sortable table tbody tr")
        if r.is_visible()
    ]
    expected = [
        r for r in site_round.reports if "ha noi" in fold(" ".join([r.agency.name, r.agency.group]))
    ]
    assert visible and len(visible) >= len(expected)
    assert all("ha noi" in fold(text) for text in visible)


def test_dashboard_sorts_either_way_with_empty_cells_last(page, server, site_round):
    """Sorting by completeness or date, highest or latest first, starts with the agencies that
    have a value, not with the many that have not submitted."""
    page.goto(server + "/")
    headers = page.locator(".bc-sortable table thead th")
    names = [headers.nth(i).inner_text().strip() for i in range(headers.count())]
    for name in ("Hoàn thành", "Ngày"):
        column = next(i for i, n in enumerate(names) if n.startswith(name))
        for clicks, order in ((1, "ascending"), (1, "descending")):
            for _ in range(clicks):
                headers.nth(column).click()
            assert headers.nth(column).get_attribute("aria-sort") == order
            cells = [
                c.strip()
                for c in page.locator(
                    f".bc-sortable table tbody tr td:nth-child({column + 1})"
                ).all_inner_texts()
            ]
            filled = [c for c in cells if c not in ("", "—")]
            assert len(filled) >= 5 and cells[: len(filled)] == filled  # the empty ones last
            values = [_sort_value(c) for c in filled]
            assert values == sorted(values, reverse=order == "descending")


def _sort_value(cell: str):
    if "/" in cell:
        day, month, year = cell.split("/")
        return (year, month, day)
    return float(cell.rstrip("%").replace(".", "").replace(",", "."))


def test_agency_page_shows_its_text_and_table(page, server, site_round, screenshots):
    report = next(
        r for r in site_round.reports if r.usable and any("|" in p.content for p in r.parts)
    )
    part = next(p for p in report.parts if p.state == "complete" and "|" in p.content)
    page.goto(f"{server}/co-quan/{report.agency.id}/")
    assert page.locator("h1").first.inner_text().strip() == report.agency.name
    first_words = " ".join(
        next(
            line for line in part.content.splitlines() if line.strip() and not line.startswith("|")
        ).split()[:4]
    )
    body = page.locator(".md-content").inner_text()
    assert fold(first_words.strip("*_-#> ")) in fold(body)
    assert page.locator(".bc-report table").count() >= 1
    page.screenshot(path=str(screenshots / "agency.png"), full_page=False)
    page.locator(".bc-report table").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "agency-report-table.png"), full_page=False)


def test_agency_page_table_of_contents_follows_its_outline(page, server, site_round):
    """The report's headings are written as HTML (not Markdown): they still make the page's
    table of contents, and each entry jumps to its heading."""
    report = next(r for r in site_round.reports if r.usable and r.parts)
    page.goto(f"{server}/co-quan/{report.agency.id}/")
    toc = page.locator(".md-sidebar--secondary a.md-nav__link")
    links = [toc.nth(i).get_attribute("href") for i in range(toc.count())]
    expected = [f"#{p.spec.id}" for p in report.parts if p.spec.depth + 2 <= 4]
    assert [h for h in links if h in expected] == expected
    assert all(page.locator(f"h3{h}, h4{h}").count() == 1 for h in expected[:5])


def test_figures_page_shows_the_charts(page, server, screenshots):
    page.goto(server + "/so-lieu/")
    charts = page.locator('.md-content img[src$=".svg"]')
    assert charts.count() >= 1
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        assert page.evaluate(
            "(img) => img.complete && img.naturalWidth > 0", charts.nth(i).element_handle()
        )
    charts.first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "figures.png"), full_page=False)


def test_task_page_shows_each_assigned_agency(page, server, site_round):
    campaign = site_round.campaign
    task = max(
        campaign.tasks.values(),
        key=lambda t: sum(
            1
            for a in t.assignees
            if (r := site_round.report(a)).usable
            and r.part(t.id)
            and r.part(t.id).state == "complete"
        ),
    )
    page.goto(f"{server}/nhiem-vu/{task.id}/")
    text = page.locator(".md-content").inner_text()
    writers = [site_round.report(a) for a in task.assignees]
    written = [r for r in writers if r.usable and r.part(task.id).state == "complete"]
    assert len(written) >= 2
    for report in writers:
        assert report.agency.name in text  # written, or listed as not written yet
    for report in written:
        section = page.locator(f"h3#{report.agency.id}")
        assert section.count() == 1
        words = report.part(task.id).content.split()[:3]
        assert fold(" ".join(words).strip("*_-#> ")) in fold(text)


@pytest.mark.parametrize("query", ["hàng giả", "hang gia", "Hà Nội", "ubnd ha noi"])
def test_search_with_and_without_diacritics(page, server, query):
    page.goto(server + "/")
    hits = _search(page, query)
    assert hits, f"no result for {query!r}"


def test_search_marks_the_words_found_without_diacritics(page, server):
    """ "hang gia" finds "hàng giả": the results mark those words, not only the letters typed
    ("gia" of "quốc gia"), and so does the page a result opens."""
    page.goto(server + "/")
    _search(page, "hang gia")
    page.wait_for_function(
        "document.querySelectorAll('.md-search-result__article[data-bc-query]').length > 0"
    )
    marked = [
        m.strip() for m in page.locator(".md-search-result mark").all_inner_texts() if m.strip()
    ]
    assert "hàng" in marked and "giả" in marked
    assert all(fold(m) == "hang" or fold(m).startswith("gia") for m in marked), set(
        marked
    )  # the last word: as typed so far
    page.goto(f"{server}/co-quan/{HOSTILE_AGENCY}/?h=quynh+nhuong")
    page.wait_for_function("document.querySelector('.md-content article[data-bc-query]') !== null")
    on_page = {m.strip() for m in page.locator(".md-content mark").all_inner_texts() if m.strip()}
    assert on_page == {"Quỳnh", "Nhưỡng"}
    # the theme marks the page too, once it has the search index, and mid-word ("gia" of
    # "giao"): those marks are redone, whole words only
    page.goto(f"{server}/co-quan/{HOSTILE_AGENCY}/?h=hang+gia")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    text = fold(page.locator(".md-content article").inner_text())
    assert "giao" in text and "hang gia" in text  # what the theme would mark wrongly, and rightly
    on_page = [m.strip() for m in page.locator(".md-content mark").all_inner_texts() if m.strip()]
    assert "hàng" in on_page and "giả" in on_page
    assert {fold(m) for m in on_page} <= {"hang", "gia"}, set(on_page)


@pytest.mark.parametrize("query", ["Quỳnh Nhưỡng", "quynh nhuong", "QUYNH NHUONG"])
def test_search_finds_a_word_with_and_without_diacritics(page, server, query):
    page.goto(server + "/")
    hits = _search(page, query)
    assert f"/co-quan/{HOSTILE_AGENCY}/" in hits[0]


@pytest.mark.parametrize("query", ["Hà Nội", "ha noi"])
def test_search_finds_an_agency_name_without_diacritics(page, server, query):
    page.goto(server + "/")
    hits = _search(page, query)
    assert any("ha-noi/" in hit for hit in hits[:5]), hits[:5]


def test_hostile_submission_runs_nothing(page, server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/co-quan/{HOSTILE_AGENCY}/")
    page.wait_for_load_state("networkidle")
    assert "Đoạn văn sau mã độc vẫn hiển thị." in page.locator(".md-content").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert (
        page.locator(".md-content script, .md-content iframe, .md-content [onerror]").count() == 0
    )
    assert page.locator("#bc-hostile-link").count() == 0  # ids of a submission's HTML are dropped
    link = page.locator(".md-content a", has_text="Liên kết độc hại")
    assert link.count() == 1 and link.get_attribute("href") is None
    link.click()
    assert page.evaluate("window.__pwned") is None and not dialogs


def test_no_request_leaves_localhost(page, server, requests_seen):
    for path in ("/", "/co-quan/", "/so-lieu/", "/cong-van/", f"/co-quan/{HOSTILE_AGENCY}/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    _search(page, "hang gia")
    hosts = {
        urlsplit(url).hostname for url in requests_seen if not url.startswith(("data:", "blob:"))
    }
    assert hosts == {"127.0.0.1"}, hosts
