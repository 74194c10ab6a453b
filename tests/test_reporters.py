"""The check's outputs for GitHub: report-supplied values shown as text, never as markup."""

from __future__ import annotations

import json
import shutil

from actions_runner import read_commands
from baocao import reporters
from baocao.problems import WARNING, Problem
from baocao.workspace import load_round
from conftest import ROOT

HOSTILE = [
    "#### </details> … [Bấm để sửa lỗi](https://evil.example)",
    "<img src=x onerror=alert(1)> <script>alert(1)</script> <!-- x",
    "www.evil.example, a@evil.example, https://evil.example/?a=1&b=2 ![x](https://evil.example/x.png)",
    "| ô | bảng | `mã` ``hai`` **đậm** _nghiêng_ ~~gạch~~ [^1] &amp; &#60; \\ ",
    "dòng một\ndòng hai\r\n::error file=campaign.yml::giả\r\n\n</ul></details><a href=x>y</a>",
]


def render_gfm(markdown: str):
    """Markdown as GitHub renders it (cmark-gfm with its extensions, raw HTML kept), parsed."""
    import cmarkgfm
    import lxml.html
    from cmarkgfm.cmark import Options

    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def one_line(value: str) -> str:
    return " ".join(value.splitlines())


def hostile_round(workspace):
    """A round whose one report belongs to an agency with a hostile name."""
    campaign = workspace / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace(
            "- id: bo-cong-an\n  name: Bộ Công an\n",
            f"- id: bo-cong-an\n  name: {json.dumps(HOSTILE[3])}\n",
        ),
        encoding="utf-8",
    )
    shutil.copy(ROOT / "submissions" / "bo-cong-an.md", workspace / "submissions" / "bo-cong-an.md")
    return load_round(workspace)


def test_markdown_summary_shows_report_values_as_text(workspace):
    rnd = hostile_round(workspace)
    problems = [
        Problem(f"submissions/{value}.md", 3, "heading-unknown", f'Tiêu đề "{value}" lạ.')
        for value in HOSTILE
    ] + [Problem("submissions/bo-cong-an.md", None, "x", HOSTILE[0], WARNING)]
    summary = reporters.markdown(rnd, problems)
    page = render_gfm(summary)
    text = page.text_content()
    assert page.xpath("//a | //img | //script | //table//code//*") == []
    assert len(page.xpath("//details")) == summary.count("<details>") == 2
    items = page.xpath("//details[summary='Chi tiết lỗi và cảnh báo']/ul/li")
    assert [li.text_content() for li in items] == [
        f'submissions/{one_line(v)}.md:3 lỗi: Tiêu đề "{one_line(v)}" lạ.' for v in HOSTILE
    ] + [f"submissions/bo-cong-an.md cảnh báo: {HOSTILE[0]}"]
    row = page.xpath("//table/tbody/tr")[0]
    assert [td.text_content() for td in row.xpath("td")][:2] == [
        HOSTILE[3].strip(),  # a cell's outer spaces are not shown
        "submissions/bo-cong-an.md",
    ]
    assert "giả" in text and "::error" in text


def test_markdown_table_cell_keeps_backticks_and_pipes():
    for value in ["a`b", "`x`", "a | b", "``", " lề ", "x\ny"]:
        cell = reporters._code(value)
        page = render_gfm(f"| a |\n|---|\n| {cell} |\n")
        assert page.xpath("//td/code")[0].text == one_line(value), (value, cell)


def test_annotations_read_back_as_the_values_they_carry():
    problems = [
        Problem(f"submissions/bo-cong-an/{value[:40]}.png", 2, "link-outside", value, column=5)
        for value in HOSTILE + ["100% , : %0A %25 ::", "\r", "a\rb\n"]
    ]
    out = reporters.github(problems)
    assert len(out.splitlines()) == len(problems)
    found = read_commands(out, "check")
    assert [
        (a.properties["file"], a.properties["line"], a.properties["col"], a.message) for a in found
    ] == [(p.file, "2", "5", p.message) for p in problems]
    assert {a.properties["title"] for a in found} == {"Đường dẫn"}
