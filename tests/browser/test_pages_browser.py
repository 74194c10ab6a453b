"""Pages that teach or quote (issue 20): the guide's table example, the letter's numbering,
Vietnamese in code blocks, the 404 page; built once, looked at in headless Chromium."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

TABLE_SOURCE = (
    "| Chỉ tiêu | Năm 2023 | Năm 2024 |\n"
    "|---|---:|---:|\n"
    "| Số vụ kiểm tra | 1.085 | 1.322 |\n"
    "| Kế hoạch đã ban hành | 12 | 15 |"
)


def test_guide_table_example_is_a_code_block_beside_its_table(site_dir, page, server, screenshots):
    built = (site_dir / "huong-dan" / "viet-bao-cao" / "index.html").read_text(encoding="utf-8")
    example = built[built.index('<div class="bc-example">') :]
    assert re.search(r"<pre><code[^>]*>" + re.escape(TABLE_SOURCE), example)
    assert "<table>" in example and '<td style="text-align: right;">1.085</td>' in example
    page.goto(f"{server}/huong-dan/viet-bao-cao/")
    items = page.locator(
        "xpath=//div[contains(@class, 'bc-example')]/preceding-sibling::ul[1]/li"
    ).all_inner_texts()
    assert [item.split(":")[0] for item in items] == [
        "Đoạn văn",
        "Danh sách",
        "Chữ đậm, nghiêng",
        "Chú thích cuối trang",
        "Ảnh, biểu đồ",
        "Tệp đính kèm",
        "Bảng",
    ]  # one list, not split by the example
    code = page.locator(".bc-example pre")
    table = page.locator(".bc-example table")
    assert code.inner_text().strip() == TABLE_SOURCE
    assert table.locator("tbody tr").first.locator("td").all_inner_texts() == [
        "Số vụ kiểm tra",
        "1.085",
        "1.322",
    ]
    code_box, table_box = code.bounding_box(), table.bounding_box()
    assert table_box["x"] > code_box["x"] + code_box["width"] - 1  # beside it, on the right
    code.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "guide-table-example.png"), full_page=False)


def test_code_blocks_draw_vietnamese_in_one_font_that_has_it(page, server, screenshots):
    """Chromium's own record of the fonts it drew the text with (CDP): one font for every
    letter of "Kế hoạch", not Debian's DejaVu Sans Mono with another font for "ế"."""
    page.goto(f"{server}/huong-dan/viet-bao-cao/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".bc-example pre code"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert len(fonts) == 1, fonts
    assert fonts[0]["familyName"] != "DejaVu Sans Mono"
    page.locator(".bc-example pre").screenshot(path=str(screenshots / "code-block-vietnamese.png"))


def test_letter_shows_the_outline_numbering_as_written(site_dir, page, server, screenshots):
    built = (site_dir / "cong-van" / "index.html").read_text(encoding="utf-8")
    article = built[built.index("<article") : built.index("</article>")]
    assert "<ol>" not in article  # no number turned into a list the theme renumbers "a."
    page.goto(f"{server}/cong-van/")
    items = [
        " ".join(text.split()[:2])
        for text in page.locator(".md-content li").all_inner_texts()
        if re.match(r"\d", text)
    ]
    assert items[:10] == [
        "1. Tình",
        "2. Công",
        "3. Kinh",
        "1. Đánh",
        "1.1. Đánh",
        "1.2. Kết",
        "2. Khó",
        "2.1. Khó",
        "2.2. Nguyên",
        "3. Bài",
    ]
    page.evaluate("document.getElementById('phu-luc-i').scrollIntoView()")
    page.screenshot(path=str(screenshots / "letter-outline.png"), full_page=False)


def test_the_site_404_page_is_vietnamese(site_dir):
    text = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "<h1>Không tìm thấy trang</h1>" in text and "Not found" not in text
