"""The site: sanitising, link confinement, search folding, generated pages, a real strict build."""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
from pathlib import Path

import pytest

from baocao.site import figures, search
from baocao.site.build import build_site
from baocao.site.pages import generate, page_url, url
from baocao.site.sanitize import confine, render_markdown
from baocao.workspace import load_round

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
from synthetic import submission_text  # noqa: E402


def render(markdown: str) -> str:
    return render_markdown(markdown, "bo-y-te", "bo-y-te-p1", root_prefix="../../")


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="bo-y-te/a.png" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<iframe src="https://example.com"></iframe>',
        '<div onclick="alert(1)" style="position:fixed">x</div>',
        "[x](javascript:alert(1))",
        "<svg><script>alert(1)</script></svg>",
        '<object data="x.swf"></object>',
    ],
)
def test_raw_html_cannot_run_code(hostile):
    html = render(f"Trước\n\n{hostile}\n\nSau")
    lowered = html.lower()
    for bad in (
        "<script",
        "onerror",
        "onclick",
        'href="javascript:',
        "<iframe",
        "<object",
        "alert(1)</",
    ):
        assert bad not in lowered
    assert "Sau" in html


@pytest.mark.parametrize(
    "target, image, expected",
    [
        ("bo-y-te/anh.png", True, "../../tep/bo-y-te/anh.png"),
        ("bo-y-te/thu-muc/bang.pdf", False, "../../tep/bo-y-te/thu-muc/bang.pdf"),
        ("bo-y-te/../bo-cong-an/anh.png", True, None),
        ("../campaign.yml", False, None),
        ("/etc/passwd", False, None),
        ("bo-cong-an/anh.png", True, None),
        ("bo-y-te/%2e%2e/%2e%2e/x.png", True, None),
        ("bo-y-te/script.svg", True, None),
        (
            "https://example.com/a.png",
            True,
            None,
        ),  # an image from elsewhere is a request leaving the site
        ("https://example.com/", False, "https://example.com/"),
        ("mailto:a@b.vn", False, "mailto:a@b.vn"),
        ("//evil.example/x", False, None),
        ("#fn-1", False, "#fn-1"),
        ("file:///etc/passwd", False, None),
    ],
)
def test_links_and_images_stay_in_the_submission_folder(target, image, expected):
    assert confine(target, "bo-y-te", "../../", image=image) == expected


def test_tables_footnotes_and_headings_render():
    html = render("#### Con\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\nCâu[^1].\n\n[^1]: Ghi chú.\n")
    assert "<table>" in html and 'style="text-align:right"' in html
    assert 'id="fn-bo-y-te-p1-1"' in html  # footnote ids carry the piece id: unique on shared pages
    assert "<h4>Con</h4>" in html


def test_headings_written_as_html_sit_under_the_page_headings_too():
    """On a task page each agency's text sits under an h3 naming it: a report's `<h1>` or
    `<h3>` must not pass for one of the site's own headings (another agency's, the page's)."""
    html = render_markdown(
        '<h1>Bộ Tài chính</h1>\n\nCâu <h2 title="t">giữa</h2> dòng.\n\n<H3\nclass="x">Ba</H3>\n\n# Một\n',
        "bo-y-te",
        "bo-y-te-nv-31",
        root_prefix="../../",
        min_level=4,
    )
    assert re.findall(r"</?h(\d)", html) == ["4"] * 8
    assert "<h4>Bộ Tài chính</h4>" in html and "<h4>Một</h4>" in html
    assert "<h6>Sáu</h6>" in render("<h6>Sáu</h6>")


def test_a_report_keeps_only_its_own_footnote_ids():
    """Ids are kept for footnotes only, and only the piece's own: a report's HTML cannot take
    the id of another agency's footnote on a shared page (the first of two equal ids wins) nor
    give a heading an id that search would list as a section."""
    html = render(
        '<span id="fn-bo-tai-chinh-nv-31-1">giả</span> <a id="fnref-bo-tai-chinh-nv-31-1">x</a> '
        '<h2 id="fnord">Mục</h2> <li id="fn-bo-y-te-p2-1">y</li>\n\nCâu[^1].\n\n[^1]: Ghi chú.\n'
    )
    assert re.findall(r'id="([^"]*)"', html) == ["fnref-bo-y-te-p1-1", "fn-bo-y-te-p1-1"]


def test_a_report_cannot_hide_text_with_the_footnote_back_link_class():
    """Material's CSS hides the text of `.footnote-backref` (font size 0, no opacity): a
    report's `<span class="footnote-backref">` was invisible on the site, where reports are
    reviewed, and plain text in the DOCX. Only markdown-it's own back link keeps the class."""
    html = render(
        'Câu[^1] <span class="footnote-backref">CHU-AN</span> và '
        '<a href="#fnref-bo-y-te-p1-1" class="footnote footnote-backref">HAI</a>.\n\n'
        "[^1]: Ghi chú.\n"
    )
    assert "<span>CHU-AN</span>" in html
    assert '<a href="#fnref-bo-y-te-p1-1" class="footnote" ' in html
    assert re.findall(r'class="footnote-backref"[^>]*>([^<]*)<', html) == ["\u21a9\ufe0e"]


def test_search_index_gets_folded_field():
    fields, docs = (
        {},
        [{"location": "a/", "title": "UBND Hà Nội", "text": "<p>Chống hàng giả, Đắk Lắk</p>"}],
    )
    search.fold_entries(docs, fields)
    assert fields["fold"] == {"boost": 1}
    assert docs[0]["fold"] == "chong hang gia, dak lak"
    assert docs[0]["fold_title"] == "ubnd ha noi"
    assert docs[0]["text"] == "<p>Chống hàng giả, Đắk Lắk</p>"  # shown text unchanged


@pytest.mark.parametrize(
    "page, target, expected",
    [
        ("index.md", "co-quan/bo-y-te.md", "co-quan/bo-y-te/"),
        ("co-quan/bo-y-te.md", "nhiem-vu/nv-01.md", "../../nhiem-vu/nv-01/"),
        ("co-quan/index.md", "co-quan/bo-y-te.md", "../co-quan/bo-y-te/"),
        ("muc/i-p1.md", "de-cuong/index.md", "../../de-cuong/"),
        ("tai-ve/index.md", "tai-ve/bao-cao-tong-hop.docx", "../tai-ve/bao-cao-tong-hop.docx"),
        ("index.md", "index.md", "./"),
    ],
)
def test_urls_between_generated_pages(page, target, expected):
    assert url(page, target) == expected
    assert page_url("a/index.md") == "a/"


def _write(ws: Path, agency_id: str, text: str) -> None:
    (ws / "submissions" / f"{agency_id}.md").write_text(text, encoding="utf-8")


def _complete(ws: Path, agency_id: str, seed: int = 1) -> str:
    rnd = load_round(ws)
    return submission_text(rnd.campaign, rnd.campaign.agency(agency_id), random.Random(seed))


def test_pages_for_every_agency_section_and_task(workspace):
    _write(workspace, "bo-y-te", _complete(workspace, "bo-y-te"))
    _write(workspace, "bo-cong-an", "---\nco_quan: bo-cong-an\nso_ky_hieu: [\n---\n# x\n")
    rnd = load_round(workspace)
    site = generate(rnd)
    paths = {p.path: p.markdown + (p.html or "") for p in site.pages}
    c = rnd.campaign
    assert all(f"co-quan/{a.id}.md" in paths for a in c.agencies)
    assert all(f"nhiem-vu/{t}.md" in paths for t in c.tasks)
    assert all(
        f"muc/{o.id.lower()}-{n.id}.md" in paths for o in c.outlines.values() for n in o.walk()
    )
    invalid = paths["co-quan/bo-cong-an.md"]
    assert "Báo cáo chưa đạt yêu cầu kiểm tra" in invalid
    problems = [
        site.fragments.html(int(t)) for t in re.findall(r"BC(?:FRAG|RAW)[0-9a-f]*:(\d+)", invalid)
    ]
    assert any(
        "Phần thông tin đầu tệp" in html for html in problems
    )  # the problems are listed on the page
    assert "Chưa nộp báo cáo" in paths["co-quan/vu-phap-che.md"]
    assert "lien_he" not in paths["co-quan/bo-y-te.md"] and "0982.190.626" not in "".join(
        s[0] for s in site.fragments.sources
    )


def test_task_pages_are_titled_by_their_task(workspace):
    rnd = load_round(workspace)
    generated = generate(rnd)
    site = {p.path: p for p in generated.pages}
    for task in rnd.campaign.tasks.values():
        page = site[f"nhiem-vu/{task.id}.md"]
        html = re.sub(
            r"BC(?:FRAG|RAW)[0-9a-f]*:(\d+)",
            lambda m: generated.fragments.html(int(m.group(1))),
            page.html,
        )
        title = page.markdown.split("title: ", 1)[1].splitlines()[0].strip().strip('"')
        words = " ".join(task.text.split())
        if len(words) <= 90:
            assert title == words and page.title == words
        else:  # cut after a whole word; the whole text follows the title
            assert (
                title.endswith("…")
                and words.startswith(title[:-1])
                and words[len(title) - 1] in " ,;:.–-"
            )
            assert len(title) <= 91 and f"<p>{words}</p>" in html
        assert f"Mã nhiệm vụ {task.id} · giao cho {len(task.assignees)} cơ quan" in html


def test_chart_svg_is_well_formed_with_one_bar_per_value_and_no_script():
    import xml.etree.ElementTree as ET

    from baocao.charts import Chart

    chart = Chart(
        "bieu-do-9-x",
        'Tiền <phạt> & "hàng"',
        ("Số vụ <script>alert(1)</script>", "Tiền & hàng"),
        (("2023", (1234567.0, 0.0)), ("2024", (5.0, 42.0))),
    )
    data = figures.svg(chart)
    root = ET.fromstring(data)
    tags = [e.tag.rsplit("}", 1)[-1] for e in root.iter()]
    bars = [e for e in root.iter() if e.tag.endswith("rect") and e.get("height") == "20"]
    texts = [e.text for e in root.iter() if e.tag.endswith("text")]
    assert len(bars) == 4 and "script" not in tags
    assert not any(k.startswith("on") for e in root.iter() for k in e.attrib)
    assert "Số vụ <script>alert(1)</script>" in texts and "1.234.567" in texts
    assert b"&lt;script&gt;" in data and b"<script" not in data
    assert figures.svg(chart) == data  # same input, same bytes


def test_figures_of_a_draft_count_and_are_marked(workspace):

    _write(
        workspace,
        "bo-y-te",
        _complete(workspace, "bo-y-te").replace("trang_thai: chinh_thuc", "trang_thai: du_thao"),
    )
    _write(workspace, "bo-cong-an", _complete(workspace, "bo-cong-an", seed=2))
    rnd = load_round(workspace)
    assert rnd.report("bo-y-te").status == "draft" and rnd.report("bo-cong-an").status != "draft"
    text = figures.page(rnd, {}, generate(rnd).fragments)
    assert (
        "Tổng hợp số liệu của 2 cơ quan có báo cáo đạt yêu cầu kiểm tra (trong đó 1 báo cáo dự thảo"
        in text
    )
    fragments = generate(rnd).fragments
    tables = "".join(
        fragments.html(int(t))
        for t in re.findall(r"BC(?:FRAG|RAW)[0-9a-f]*:(\d+)", figures.page(rnd, {}, fragments))
    )
    assert f"{rnd.campaign.agency('bo-y-te').name} (dự thảo)</a>" in tables
    assert f"{rnd.campaign.agency('bo-cong-an').name}</a>" in tables
    assert sum(rnd.figures(rnd.report("bo-y-te")).values()) > 0  # and they are in the totals
    totals = rnd.figure_totals()
    both = [rnd.figures(rnd.report(a)) for a in ("bo-y-te", "bo-cong-an")]
    assert all(totals[k] == sum(f.get(k, 0) for f in both) for k in totals)


def test_a_symlink_is_a_check_error_and_is_not_published(workspace, tmp_path):
    """The outputs publish only plain files of the submission's folder (baocao.targets): a
    symbolic link, to a file elsewhere or beside it, is a check error and never published;
    site and DOCX apply the same rule."""
    from baocao.images import approved_images
    from baocao.site.assets import asset_files

    secret = tmp_path / "bi-mat.png"
    secret.write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    )  # a PNG header: the check reads its size
    folder = workspace / "submissions" / "bo-y-te"
    folder.mkdir()
    (folder / "anh.png").symlink_to(secret)
    (folder / "that.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    )  # a PNG header: the check reads its size
    (folder / "cung-thu-muc.png").symlink_to(folder / "that.png")
    text = (
        _complete(workspace, "bo-y-te")
        + "\n![Ảnh](bo-y-te/anh.png)\n\n![Ảnh](bo-y-te/cung-thu-muc.png)\n"
    )
    _write(workspace, "bo-y-te", text)
    report = load_round(workspace).report("bo-y-te")
    problems = [p for p in report.problems if p.code == "link-symlink"]
    assert [p.line for p in problems] == [
        text.splitlines().index("![Ảnh](bo-y-te/anh.png)") + 1,
        text.splitlines().index("![Ảnh](bo-y-te/cung-thu-muc.png)") + 1,
    ]
    assert problems[0].message == (
        '"bo-y-te/anh.png" không phải là tệp thật trong thư mục submissions/bo-y-te/ (là liên '
        "kết symlink, liên kết cứng hoặc tệp đặc biệt) nên không được đăng. Hãy chép chính tệp "
        "đó vào thư mục này."
    )
    assert not report.usable  # left out of the site and the DOCX, as any report with errors
    _write(workspace, "bo-y-te", _complete(workspace, "bo-y-te") + "\n![Ảnh](bo-y-te/that.png)\n")
    rnd = load_round(workspace)
    # any link in the folder, even one not shown, is refused (issue 16 item 3)
    assert [p.code for p in rnd.report("bo-y-te").problems] == ["entry-symlink", "entry-symlink"]
    assert not rnd.report("bo-y-te").usable and asset_files(rnd) == []
    (folder / "anh.png").unlink()
    (folder / "cung-thu-muc.png").unlink()
    rnd = load_round(workspace)
    assert rnd.report("bo-y-te").usable
    assert {f.path for f in asset_files(rnd)} == {"tep/bo-y-te/that.png"}
    assert set(approved_images(rnd, rnd.report("bo-y-te"))) == {"bo-y-te/that.png"}


def test_contacts_published_only_when_the_campaign_allows(workspace):
    _write(workspace, "bo-y-te", _complete(workspace, "bo-y-te"))
    rnd = load_round(workspace)
    hidden = generate(rnd)
    assert not any(
        "0982.190.626" in hidden.fragments.html(i)
        for i in range(len(hidden.fragments.sources))
        if hidden.fragments.sources[i][1] is None
    )
    object.__setattr__(rnd.campaign, "publish_contacts", True)
    shown = generate(rnd)
    assert any(
        "0982.190.626" in shown.fragments.html(i)
        for i in range(len(shown.fragments.sources))
        if shown.fragments.sources[i][1] is None
    )


@pytest.mark.slow
def test_strict_build_generates_nothing_in_docs_and_replaces_the_output(workspace, tmp_path):
    import shutil

    shutil.copy(ROOT / "mkdocs.yml", workspace / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", workspace / "docs")
    before = sorted(p.relative_to(workspace / "docs") for p in (workspace / "docs").rglob("*"))
    _write(workspace, "bo-y-te", _complete(workspace, "bo-y-te") + "\n![Ảnh](bo-y-te/anh.png)\n")
    (workspace / "submissions" / "bo-y-te").mkdir()
    (workspace / "submissions" / "bo-y-te" / "anh.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    )  # a PNG header: the check reads its size
    (workspace / "submissions" / "bo-y-te" / "x.svg").write_text(
        "<svg><script>alert(1)</script></svg>"
    )
    out = tmp_path / "out" / "site"
    out.mkdir(parents=True)
    (out / "stale.html").write_text("old")
    docx = tmp_path / "bao-cao-tong-hop.docx"
    docx.write_bytes(b"PK docx")
    charts_before = set(Path(tempfile.gettempdir()).glob("baocao-charts-*"))
    reminder = tmp_path / "cong-van-don-doc.docx"
    reminder.write_bytes(b"PK reminder")
    result = build_site(load_round(workspace), out, docx=lambda: docx, reminder_path=reminder)
    assert result == out and out.is_dir()
    assert (out / "tai-ve" / "cong-van-don-doc.docx").read_bytes() == b"PK reminder"
    assert (out / "tai-ve" / "so-lieu-dot-bao-cao.xlsx").read_bytes().startswith(b"PK")
    assert 'href="tai-ve/cong-van-don-doc.docx"' in (out / "index.html").read_text(encoding="utf-8")
    figures_page = (out / "so-lieu" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<img[^>]+src="([^"]+\.svg)"', figures_page)
    assert charts  # bo-y-te reported figures: drawn into the site
    assert all((out / "so-lieu" / c).read_bytes().startswith(b"<?xml") for c in charts)
    assert (
        set(Path(tempfile.gettempdir()).glob("baocao-charts-*")) == charts_before
    )  # the drawing folder is removed
    assert not (out / "stale.html").exists()
    assert out.stat().st_mode & 0o777 == 0o755  # readable by a web server running as another user
    assert (
        sorted(p.relative_to(workspace / "docs") for p in (workspace / "docs").rglob("*")) == before
    )
    assert (out / "tep" / "bo-y-te" / "anh.png").is_file() and not (
        out / "tep" / "bo-y-te" / "x.svg"
    ).exists()
    assert (out / "tai-ve" / "bao-cao-tong-hop.docx").read_bytes() == b"PK docx"
    template = (out / "tai-ve" / "mau" / "bo-cong-an.md").read_text(encoding="utf-8")
    assert "co_quan: bo-cong-an" in template
    downloads = (out / "tai-ve" / "index.html").read_text(
        encoding="utf-8"
    )  # saved, not shown, by the browser
    assert '<a download="bao-cao-tong-hop.docx" href="bao-cao-tong-hop.docx">' in downloads
    assert re.search(r'<a href="[./a-z-]*mau/bo-cong-an\.md" download="bo-cong-an\.md">', downloads)
    assert '<html lang="vi"' in (out / "index.html").read_text(encoding="utf-8")
    assert not [
        p for p in out.rglob("*.html") if "Made with" in p.read_text(encoding="utf-8")
    ]  # no English footer
    agencies = (out / "co-quan" / "index.html").read_text(encoding="utf-8")
    assert 'id="cac-don-vi-thuoc-bo-cong-thuong"' in agencies  # "đ" folds to "d" in anchors
    anchors = re.findall(
        r'href="\.\./de-cuong/#([^"]+)"', agencies
    )  # each appendix links to its outline
    outlines = (out / "de-cuong" / "index.html").read_text(encoding="utf-8")
    assert len(anchors) == 2 and all(f'id="{a}"' in outlines for a in anchors)
    raw = (out / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    assert all("fold" in doc for doc in index["docs"]) and "fold" in index["config"]["fields"]
    assert "Hướng dẫn" in raw and "\\u" not in raw  # UTF-8, not Material's \u escapes
    home = next(d["text"] for d in index["docs"] if d["location"] == "")
    assert "149 Cơ quan được yêu cầu" in home  # a card's figure and label apart, not "149Cơ"
    page = (out / "co-quan" / "bo-y-te" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../tep/bo-y-te/anh.png"' in page
    _assert_no_external_urls(out)
    _assert_internal_links_resolve(out)


def _assert_no_external_urls(site: Path) -> None:
    import re

    loads = re.compile(r'<(?:script|img|link|iframe)[^>]+(?:src|href)="(https?:)?//', re.I)
    for html in site.rglob("*.html"):
        assert not loads.search(html.read_text(encoding="utf-8")), html


def _assert_internal_links_resolve(site: Path) -> None:
    import posixpath
    import re
    from urllib.parse import unquote, urlsplit

    href = re.compile(r'(?:href|src)="([^"#]+)')
    broken = []
    for html in site.rglob("*.html"):
        if html.name == "404.html":  # absolute links: served from the site root
            continue
        base = html.parent
        for target in href.findall(html.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                continue
            path = Path(posixpath.normpath(str(base / unquote(parts.path))))
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{html.relative_to(site)} -> {target}")
    assert not broken, broken[:10]


def test_bad_config_is_a_vietnamese_build_error(workspace, tmp_path):
    from baocao.errors import BuildError

    with pytest.raises(BuildError, match="mkdocs.yml"):
        build_site(load_round(workspace), tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_review_state_comes_from_the_secretariat_file(workspace):
    """reviews.yml, which only the secretariat may change, drives the dashboard's review column."""
    _write(workspace, "bo-y-te", _complete(workspace, "bo-y-te"))
    _write(workspace, "bo-tu-phap", _complete(workspace, "bo-tu-phap"))
    (workspace / "reviews.yml").write_text(
        "reviews:\n  - co_quan: bo-y-te\n    ket_qua: yeu_cau_bo_sung\n    nguoi_xem_xet: Lê Thế Chính\n"
        "    ngay: 2024-12-06\n    ghi_chu: Bổ sung số liệu năm 2024.\n",
        encoding="utf-8",
    )
    rnd = load_round(workspace)
    site = generate(rnd)
    html = "".join(site.fragments.html(i) for i in range(len(site.fragments.sources)))
    assert 'bc-review--yeu-cau-bo-sung">Yêu cầu bổ sung' in html
    assert (
        'bc-review--chua-xem-xet">Chưa xem xét' in html
    )  # bo-tu-phap: submitted, not reviewed yet
    assert "Bổ sung số liệu năm 2024." in html


def test_html_pages_are_what_python_markdown_makes_of_their_markdown(root):
    """Agency, section and task pages skip Python-Markdown (site/html.py); the HTML they get
    must be what Python-Markdown, with the site's own extensions, makes of the same blocks:
    heading ids (Vietnamese, punctuation, repeated titles), admonitions, details, quotes."""
    import markdown
    from mkdocs.utils.yaml import yaml_load

    from baocao.site.fragments import esc
    from baocao.site.html import HtmlPage

    config = yaml_load(
        (root / "mkdocs.yml").read_text(encoding="utf-8")
    )  # MkDocs' loader: the toc's slugify
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options or {}
    titles = [
        "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
        "Nội dung báo cáo",
        "Nội dung báo cáo",
        'Số liệu (2023–2024): 100% "đạt" & <khác>',
        "Đường dây nóng 1800.1234",
    ]
    page = HtmlPage()
    source = []
    for level, title in enumerate(titles, 1):
        page.heading(min(level, 3), title)
        source += [f"{'#' * min(level, 3)} {esc(title)}", ""]  # as the pages wrote them in Markdown
    page.admonition("warning", "Chưa nộp báo cáo", "<p>TOKEN1</p>")
    source += ['!!! warning "Chưa nộp báo cáo"', "", "    TOKEN1", ""]
    page.admonition("note", "Kết quả kiểm tra (cảnh báo)", "<p>TOKEN2</p>", collapsible=True)
    source += ['??? note "Kết quả kiểm tra (cảnh báo)"', "", "    TOKEN2", ""]
    page.quote("Tăng cường kiểm tra, xử lý hàng giả & hàng nhái trên sàn")
    source += [f"> {esc('Tăng cường kiểm tra, xử lý hàng giả & hàng nhái trên sàn')}", ""]
    page.p("Đã viết: <strong>3/63</strong> cơ quan.")
    source += ["Đã viết: **3/63** cơ quan.", ""]
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    assert page.render() == md.convert("\n".join(source))
    assert [(level, anchor) for level, anchor, _ in page.headings] == [
        (t["level"], t["id"]) for t in _flat(md.toc_tokens)
    ]
    assert page.title == titles[0]


def _flat(tokens: list[dict]) -> list[dict]:
    out = []
    for token in tokens:
        out += [token] + _flat(token["children"])
    return out


def test_a_second_build_in_one_process_compiles_no_template(site_workspace, tmp_path, monkeypatch):
    from baocao.site.build import KEPT_TEMPLATES

    rnd = load_round(site_workspace)
    build_site(rnd, tmp_path / "first")
    assert KEPT_TEMPLATES.compiled
    compiled = []
    monkeypatch.setattr(KEPT_TEMPLATES, "dump_bytecode", compiled.append)
    build_site(rnd, tmp_path / "second")
    assert compiled == []  # as `mkdocs serve` rebuilds: every template from the first build


def test_an_image_alone_in_its_paragraph_shows_its_caption_as_the_docx_does():
    """pandoc makes an image alone in its paragraph a figure captioned by its alt text ("Hình
    1: …" in the DOCX); the site showed the text only as an alt attribute, so a caption, however
    long, was in the signed DOCX and nowhere a reviewer reads."""
    html = render("![Biểu đồ *số vụ* năm 2024](bo-y-te/a.png)\n\nCâu ![trong câu](bo-y-te/b.png).")
    assert (
        '<figure><img src="../../tep/bo-y-te/a.png" alt="Biểu đồ số vụ năm 2024">'
        "<figcaption>Biểu đồ <em>số vụ</em> năm 2024</figcaption></figure>"
    ) in html
    assert "<figcaption>trong câu" not in html  # an image inside a sentence is no figure
    assert "<figcaption>" not in render("![](bo-y-te/a.png)")  # no alt text, no caption
    assert "<figcaption>" not in render("- ![tên](bo-y-te/a.png)\n- b\n")  # pandoc: Plain


def test_footnotes_are_shown_where_cited_as_in_the_docx(workspace):
    """Notes are usually defined at the end of the file, so in its last part: the site read
    each part on its own and showed "[^1]" as text in the part citing it, the note itself
    nowhere, and a note cited nowhere not at all; the DOCX carries each note to where it is
    cited and shows one cited nowhere as text (baocao.docx.blocks.relocate)."""
    notes = "\n\n[^1]: CHU-CHU-THICH-CUOI.\n\n[^x]: CHU-KHONG-DAN.\n"
    _write(workspace, "bo-y-te", _complete(workspace, "bo-y-te").rstrip("\n") + notes)
    part = next(p for p in load_round(workspace).report("bo-y-te").parts if p.content.strip())
    path = workspace / "submissions" / "bo-y-te.md"
    text = path.read_text(encoding="utf-8")
    with_note = part.content.strip() + "\n\nCâu có chú thích[^1]."
    path.write_text(text.replace(part.content.strip(), with_note, 1), encoding="utf-8")
    rnd = load_round(workspace)
    assert not rnd.report("bo-y-te").problems
    site = generate(rnd)
    html = [site.fragments.html(i) for i in range(len(site.fragments.sources))]
    cited = [h for h in html if "Câu có chú thích" in h]
    assert cited and all(
        re.search(r'<li id="fn-bo-y-te-[^"]*" class="footnote-item"><p>CHU-CHU-THICH-CUOI\.', h)
        for h in cited
    )
    assert not any("[^1]" in h for h in html)
    assert any("[^x]: CHU-KHONG-DAN." in h for h in html)
