"""Issue 16, items 2 and 8: a report reaches nothing outside its own folder and cannot forge
the structure of the document; Vietnamese image names work (item 7).

Each hostile report is checked with `baocao check`, and, as if the checker had missed it, built
into the merged and the agency's DOCX with the real pandoc, read back from the zip.
"""

from __future__ import annotations

import http.server
import importlib.util
import os
import random
import re
import shutil
import threading
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from baocao.cli import main
from baocao.docx import build_agency_docx, build_docx
from baocao.workspace import load_round

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2024, 12, 10)
AGENCY = "vu-phap-che"
OTHER = "bo-cong-an"
MARKER = b"BAOCAO-BI-MAT-7f3a"  # in the planted secret; must never reach an output
ENV_MARKER = "BAOCAO-MOI-TRUONG-91c2"  # in the environment of the build
PNG = (ROOT / "submissions" / "tcqltt-cuc-nghiep-vu" / "bieu-do-xu-ly.png").read_bytes()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def refused(target: str) -> str:
    return f"(ảnh không hợp lệ: {target})"


def outside(target: str) -> str:
    return (
        f'Đường dẫn "{target}" trỏ ra ngoài thư mục của báo cáo. Ảnh và tệp đính kèm phải đặt '
        f"trong submissions/{AGENCY}/."
    )


def not_plain(target: str) -> str:
    return (
        f'"{target}" không phải là tệp thật trong thư mục submissions/{AGENCY}/ (là liên kết '
        "symlink, liên kết cứng hoặc tệp đặc biệt) nên không được đăng. Hãy chép chính tệp đó "
        "vào thư mục này."
    )


# name: (Markdown appended to the report, line of the error within it, message, shown in DOCX)
# "{secret}" is the planted file, "{url}" a local web server counting requests.
ATTACKS = {
    "absolute-path": (
        "![a]({secret} 'x')",
        0,
        outside("{secret}"),
        "{secret}",
    ),
    "proc-environ": (
        "![a](/proc/self/environ 'x')",
        0,
        outside("/proc/self/environ"),
        "/proc/self/environ",
    ),
    "reference-url": (
        "Ảnh ![s] ở đây.\n\n[s]: {url}",
        0,
        f'Ảnh "{{url}}" nằm trên máy chủ khác. Tải ảnh về, đặt trong thư mục submissions/{AGENCY}/ '
        f"và viết đường dẫn {AGENCY}/tên-ảnh.png.",
        "{url}",
    ),
    "reference-file": (
        "![t][]\n\n[t]: {secret}",
        0,
        outside("{secret}"),
        "{secret}",
    ),
    "reference-beside-footnote": (
        "Câu[^m] và ![s].\n\n[^m]: Ghi chú.\n\n[s]: {secret}",
        0,
        outside("{secret}"),
        "{secret}",
    ),
    "target-on-next-line": (
        "Một dòng\n![a](\n{secret})",
        1,
        outside("{secret}"),
        "{secret}",
    ),
    "nested-brackets": (
        "![a [b [c]] d]({secret})",
        0,
        outside("{secret}"),
        "{secret}",
    ),
    "other-agency": (
        f"![x]({OTHER}/anh.png)",
        0,
        outside(f"{OTHER}/anh.png"),
        f"{OTHER}/anh.png",
    ),
    "other-agency-with-title": (
        f"![x](<{OTHER}/anh.png> 'Ảnh')",
        0,
        outside(f"{OTHER}/anh.png"),
        f"{OTHER}/anh.png",
    ),
    "dot-dot": (
        f"![x]({AGENCY}/../{OTHER}/anh.png)",
        0,
        outside(f"{AGENCY}/../{OTHER}/anh.png"),
        f"{AGENCY}/../{OTHER}/anh.png",
    ),
    "percent-encoded": (
        f"![x]({AGENCY}/%2e%2e/{OTHER}/anh.png)",
        0,
        outside(f"{AGENCY}/../{OTHER}/anh.png"),
        f"{AGENCY}/%2e%2e/{OTHER}/anh.png",
    ),
    "html-after-unclosed-comment": (
        '<div>\n<!-- chưa đóng -> <img src="{secret}">\n</div>',
        1,
        outside("{secret}"),
        "{secret}",
    ),
    "file-url": (
        "![x](file://{secret})",
        0,
        outside("file://{secret}"),
        "file://{secret}",
    ),
    "html-img": (
        '<p>Ảnh <img src="{secret}" alt="bí mật"></p>',
        0,
        outside("{secret}"),
        "{secret}",
    ),
    "image-in-link": (
        "[![a]({secret})](https://example.vn)",
        0,
        outside("{secret}"),
        "{secret}",
    ),
    "footnote": (
        "Câu có chú thích[^bm].\n\n[^bm]: Ghi chú ![a]({secret})",
        2,
        outside("{secret}"),
        "{secret}",
    ),
    "table-cell": (
        "| Cột |\n|---|\n| ![a]({secret}) |",
        2,
        outside("{secret}"),
        "{secret}",
    ),
    "data-uri": (
        "![a](data:image/png;base64,iVBORw0KGgo=)",
        0,
        f'Ảnh "data:image/png;base64,iVBORw0KGgo=" được nhúng thẳng trong văn bản. Lưu ảnh thành '
        f"tệp trong thư mục submissions/{AGENCY}/ và viết đường dẫn {AGENCY}/tên-ảnh.png.",
        "data:image/png;base64,iVBORw0KGgo=",
    ),
    "svg": (
        f"![a]({AGENCY}/ve.svg)",
        0,
        f'Ảnh "{AGENCY}/ve.svg" không thuộc loại được đăng. Ảnh phải là tệp .png, .jpg, .jpeg, '
        f".gif hoặc .webp trong thư mục submissions/{AGENCY}/; ảnh .svg hãy xuất ra .png.",
        f"{AGENCY}/ve.svg",
    ),
    "text-named-png": (
        f"![a]({AGENCY}/gia.png)",
        0,
        f'Tệp "{AGENCY}/gia.png" không phải là ảnh PNG như đuôi tên tệp cho biết. Mở ảnh bằng '
        "chương trình xem ảnh, lưu lại đúng định dạng (ví dụ xuất ra PNG) rồi thay tệp này.",
        f"{AGENCY}/gia.png",
    ),
    "hard-link": (
        f"![a]({AGENCY}/cung.png)",
        0,
        not_plain(f"{AGENCY}/cung.png"),
        f"{AGENCY}/cung.png",
    ),
    "symlink-in-folder": (
        f"![a]({AGENCY}/lien-ket.png)",
        0,
        not_plain(f"{AGENCY}/lien-ket.png"),
        f"{AGENCY}/lien-ket.png",
    ),
    "chart-name": (
        "![a](bieu-do-1.png)",
        0,
        outside("bieu-do-1.png"),
        "bieu-do-1.png",
    ),
}


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG + MARKER)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/anh.png"
    httpd.shutdown()


def _synthetic():
    spec = importlib.util.spec_from_file_location(
        "synthetic", ROOT / "scripts" / "benchmarks" / "synthetic.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_workspace(base: Path) -> tuple[Path, Path]:
    """Two complete reports, the other agency's picture, the files of the attacks and a
    planted secret outside the workspace (a PNG carrying MARKER)."""
    from baocao.campaign import load_campaign

    ws = base / "ws"
    (ws / "submissions").mkdir(parents=True)
    shutil.copy(ROOT / "campaign.yml", ws / "campaign.yml")
    shutil.copytree(ROOT / "schema", ws / "schema")
    campaign = load_campaign(ws)
    synthetic = _synthetic()
    for agency_id in (AGENCY, OTHER):
        text = synthetic.submission_text(
            campaign, campaign.agency(agency_id), random.Random(agency_id)
        )
        (ws / "submissions" / f"{agency_id}.md").write_text(text, encoding="utf-8")
        (ws / "submissions" / agency_id).mkdir()
    (ws / "submissions" / OTHER / "anh.png").write_bytes(PNG + MARKER)
    secret = base / "bi-mat" / "bi-mat.png"
    secret.parent.mkdir()
    secret.write_bytes(PNG + MARKER)
    own = ws / "submissions" / AGENCY
    (own / "ve.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><text>x</text></svg>")
    (own / "gia.png").write_bytes(b"noi dung van ban " + MARKER)
    os.link(secret, own / "cung.png")
    (own / "lien-ket.png").symlink_to(secret)
    return ws, secret


def fill(template: str, secret: Path, url: str) -> str:
    return template.replace("{secret}", str(secret)).replace("{url}", url)


def append(ws: Path, markdown: str) -> int:
    """Append markdown to the report; the file line where it starts."""
    path = ws / "submissions" / f"{AGENCY}.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + markdown + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize("name", list(ATTACKS))
def test_check_refuses_every_target_outside_the_folder(name, tmp_path, server, capsys):
    ws, secret = make_workspace(tmp_path)
    markdown, offset, message, _ = ATTACKS[name]
    first = append(ws, fill(markdown, secret, server))
    code = main(["--root", str(ws), "check", "--today", "2024-12-10"])
    out = capsys.readouterr().out
    assert code == 1
    expected = f"submissions/{AGENCY}.md:{first + offset}: lỗi: {fill(message, secret, server)}"
    assert expected in out.splitlines(), out
    assert "Traceback" not in out


def texts(docx: Path) -> str:
    """Every paragraph of the body, tables and footnotes, one a line."""
    lines = []
    with zipfile.ZipFile(docx) as z:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part in z.namelist():
                root = etree.fromstring(z.read(part))
                for p in root.iter(f"{W}p"):
                    lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return unicodedata.normalize("NFC", "\n".join(lines))


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory, server):
    """Every attack in one report, the checker's findings ignored: the merged and the
    agency's DOCX, with ENV_MARKER in the environment."""
    base = tmp_path_factory.mktemp("hostile")
    ws, secret = make_workspace(base)
    append(ws, "\n\n".join(fill(a[0], secret, server) for a in ATTACKS.values()))
    append(ws, FORGERIES)
    _Counter.hits.clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BAOCAO_TEST_MARKER", ENV_MARKER)
        mp.setattr("baocao.workspace.link_problems", lambda sub, agency_id: [])
        # and the refusal of the folder's link and fake image (baocao.entries, oversize)
        mp.setattr("baocao.workspace._entry_problems", lambda *args: [])
        rnd = load_round(ws, today=TODAY)
        assert rnd.report(AGENCY).usable
        merged = build_docx(rnd, base / "tong-hop.docx")
        own = build_agency_docx(rnd, AGENCY, base / f"{AGENCY}.docx")
    return {"merged": merged, "agency": own, "secret": secret, "hits": list(_Counter.hits)}


@pytest.mark.parametrize("which", ["merged", "agency"])
def test_no_file_of_the_machine_reaches_the_docx(hostile_builds, which, server):
    docx = hostile_builds[which]
    with zipfile.ZipFile(docx) as z:
        media = {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}
        everything = b"".join(z.read(n) for n in z.namelist())
    for name, data in media.items():
        assert MARKER not in data, name
        assert ENV_MARKER.encode() not in data and b"PATH=" not in data, name
    assert MARKER not in everything and ENV_MARKER.encode() not in everything
    assert hostile_builds["hits"] == []  # pandoc fetched nothing from the web
    shown = texts(docx)
    copies = 2 if which == "merged" else 1  # Part A and Part B
    for name, (_, _, _, target) in ATTACKS.items():
        visible = refused(fill(target, hostile_builds["secret"], server))
        assert shown.count(visible) >= copies, name


# --- item 8: the structure of the document ------------------------------------------------

FORGERIES = """\
::: {custom-style="Heading 1"}
GIẢ MẠO div tiêu đề 1
:::

Chữ [GIẢ MẠO span]{custom-style="Heading 1"} trong đoạn.

# GIẢ MẠO tiêu đề cấp 1 {.unnumbered #muc-gia}

:::

# GIẢ MẠO sau dấu đóng div

::: {custom-style="Agency Label"}
GIẢ MẠO nhãn cơ quan
:::

::: {custom-style="Heading 9"}
GIẢ MẠO tiêu đề 9
:::

```a`b
:::

## GIẢ MẠO sau rào mã hỏng

<div custom-style="Heading 1">GIẢ MẠO khối HTML</div>

Chữ cuối GIẢ MẠO <span style="display:none">GIẢ MẠO ẩn</span>.

> [!WARNING]
> GIẢ MẠO cảnh báo
"""
FORGED = [
    "GIẢ MẠO div tiêu đề 1",
    "GIẢ MẠO span",
    "GIẢ MẠO tiêu đề cấp 1",
    "GIẢ MẠO sau dấu đóng div",
    "GIẢ MẠO nhãn cơ quan",
    "GIẢ MẠO tiêu đề 9",
    "GIẢ MẠO sau rào mã hỏng",
    "GIẢ MẠO khối HTML",
    "GIẢ MẠO ẩn",
    "GIẢ MẠO cảnh báo",
]
OWN_STYLES = {"Agency Label", "Note", "Table Caption", "Title", "Subtitle"}


def _level(style: str) -> int | None:
    return int(style.split()[1]) if style.startswith("Heading ") else None


@pytest.mark.parametrize("which", ["merged", "agency"])
def test_report_text_keeps_its_own_headings_in_its_own_part(hostile_builds, which):
    doc = Document(str(hostile_builds[which]))
    place = 0  # level of the document's own heading the report text is under
    seen = {text: 0 for text in FORGED}
    for paragraph in doc.paragraphs:
        style, text = paragraph.style.name, unicodedata.normalize("NFC", paragraph.text)
        forged = [f for f in FORGED if f in text]
        if not forged:
            if _level(style) and "GIẢ MẠO" not in text:
                place = _level(style)
            continue
        for f in forged:
            seen[f] += 1
        assert style not in OWN_STYLES, (style, text)
        level = _level(style)
        assert level is None or level > place, (style, text, place)
        if "tiêu đề cấp 1" in text or "sau dấu đóng div" in text:
            assert level == place + 1, (style, text, place)  # the report's top heading
    copies = 2 if which == "merged" else 1
    assert all(count >= copies for count in seen.values()), seen  # nothing lost, all visible
    typed = [p for p in doc.paragraphs if '{custom-style="Heading 1"}' in p.text]
    assert typed and all(p.style.name not in OWN_STYLES and not _level(p.style.name) for p in typed)
    assert "Warning" not in [p.text for p in doc.paragraphs]  # no English alert title


# --- item 7: Vietnamese image names -------------------------------------------------------

VIETNAMESE = f"""\
![Ảnh một](<{OTHER}/ảnh 1.png>)

![Ảnh một, viết mã hóa]({OTHER}/%E1%BA%A3nh%201.png)

![Ảnh hai, tên tệp dạng NFD](<{OTHER}/ảnh 2.png>)
"""


@pytest.fixture
def vietnamese_names(tmp_path):
    ws, _ = make_workspace(tmp_path)
    for agency in (AGENCY,):  # only the other agency here: the attacks' files stay out
        shutil.rmtree(ws / "submissions" / agency)
    folder = ws / "submissions" / OTHER
    (folder / "anh.png").unlink()
    (folder / unicodedata.normalize("NFC", "ảnh 1.png")).write_bytes(PNG)
    (folder / unicodedata.normalize("NFD", "ảnh 2.png")).write_bytes(PNG)
    path = ws / "submissions" / f"{OTHER}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + VIETNAMESE, encoding="utf-8")
    return ws


def test_vietnamese_image_names_pass_the_check(vietnamese_names, capsys):
    code = main(["--root", str(vietnamese_names), "check", "--today", "2024-12-10"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"submissions/{OTHER}.md" not in out


def test_vietnamese_image_names_are_in_the_docx(vietnamese_names, tmp_path):
    rnd = load_round(vietnamese_names, today=TODAY)
    for out in (
        build_docx(rnd, tmp_path / "tong-hop.docx"),
        build_agency_docx(rnd, OTHER, tmp_path / "rieng.docx"),
    ):
        shown = texts(out)
        assert "ảnh không hợp lệ" not in shown
        with zipfile.ZipFile(out) as z:
            media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
            doc = unicodedata.normalize("NFC", z.read("word/document.xml").decode("utf-8"))
        assert PNG in media
        assert doc.count("<pic:pic") >= 3


def test_vietnamese_image_names_are_on_the_site(vietnamese_names, tmp_path):
    """A real strict MkDocs build: each picture's page points at a published file, under
    its NFC name, whatever the name on disk."""
    from urllib.parse import unquote, urljoin

    from baocao.site.build import build_site

    shutil.copy(ROOT / "mkdocs.yml", vietnamese_names / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", vietnamese_names / "docs")
    out = build_site(load_round(vietnamese_names, today=TODAY), tmp_path / "site")
    page = out / "co-quan" / OTHER / "index.html"
    html = page.read_text(encoding="utf-8")
    sources = re.findall(r'<img [^>]*src="([^"]*tep/[^"]+)"', html)
    assert len(sources) == 3, sources
    for src in sources:
        url = urljoin(f"file://{page}", src)
        published = Path(unquote(url.removeprefix("file://")))
        assert published.read_bytes() == PNG, src
    assert {unicodedata.normalize("NFC", p.name) for p in (out / "tep" / OTHER).iterdir()} == {
        "ảnh 1.png",
        "ảnh 2.png",
    }
    assert all(unicodedata.is_normalized("NFC", p.name) for p in (out / "tep" / OTHER).iterdir())


# --- one rule: the checker, the DOCX and the site agree on every target ------------------

TRICKY = [
    f"{AGENCY}/a.png",
    f"{AGENCY}/./a.png",
    f"./{AGENCY}/a.png",
    f"{AGENCY}//a.png",
    f"{AGENCY}/sub/../a.png",
    f"{AGENCY}/../{AGENCY}/a.png",
    f"{AGENCY}/a.png?x=1",
    f"{AGENCY}/a.png#phan",
    f"{AGENCY}%2Fa.png",
    f"{AGENCY}/%61.png",
    f"{AGENCY}\\a.png",
    f"{AGENCY}/A.png",
    f"{AGENCY.upper()}/a.png",
    f"{AGENCY}/a.PNG",
    f"/{AGENCY}/a.png",
    f"../{AGENCY}/a.png",
    f"//{AGENCY}/a.png",
    f"{AGENCY}/sub/b.png",
    f"{AGENCY}/.an/c.png",
    f"{AGENCY}/.d.png",
    f"{AGENCY}/ảnh 1.png",
    f"{AGENCY}/%E1%BA%A3nh%201.png",
    unicodedata.normalize("NFD", f"{AGENCY}/ảnh 1.png"),
    f"{AGENCY}/khong-co.png",
    f"{AGENCY}",
    f"{AGENCY}/",
    f"{AGENCY}/tai-lieu.pdf",
    "a.png",
]


def test_checker_docx_and_site_agree_on_every_target(tmp_path, capsys):
    from baocao.site.assets import asset_files
    from baocao.site.sanitize import render_markdown

    ws, _ = make_workspace(tmp_path)
    own = ws / "submissions" / AGENCY
    for name in ("a.png", "A.png", "a.PNG", "sub/b.png", ".an/c.png", ".d.png", "ảnh 1.png"):
        (own / name).parent.mkdir(exist_ok=True)
        (own / name).write_bytes(PNG)
    (own / "tai-lieu.pdf").write_bytes(b"%PDF-1.4")
    markdown = "\n\n".join(f"Ảnh số {i}: ![](<{t}>)" for i, t in enumerate(TRICKY))
    first = append(ws, markdown)
    lines = {first + 2 * i: i for i in range(len(TRICKY))}
    main(["--root", str(ws), "check", "--today", "2024-12-10"])
    prefix = f"submissions/{AGENCY}.md:"
    flagged = {
        lines[int(line.removeprefix(prefix).split(":")[0])]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith(prefix) and ": lỗi: " in line
    }
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("baocao.workspace.link_problems", lambda sub, agency_id: [])
        mp.setattr("baocao.workspace._entry_problems", lambda *args: [])
        rnd = load_round(ws, today=TODAY)
        shown = texts(build_agency_docx(rnd, AGENCY, tmp_path / "rieng.docx")).split("\n")
        published = {f.path for f in asset_files(rnd)}
    html = render_markdown(markdown, AGENCY, "p", root_prefix="")
    from urllib.parse import unquote

    for i, target in enumerate(TRICKY):
        docx_refused = any(line.startswith(f"Ảnh số {i}: (ảnh không hợp lệ") for line in shown)
        sources = re.findall(r'<img src="([^"]*)"', html.split(f"Ảnh số {i}:")[1])[:1]
        site_shown = bool(sources) and (
            f"Ảnh số {i + 1}:" not in html.split(f"Ảnh số {i}:")[1].split(sources[0])[0]
        )
        site_ok = site_shown and unquote(sources[0]) in published
        assert (i in flagged) == docx_refused == (not site_ok), (target, i in flagged)


def test_a_malformed_html_declaration_is_read_as_text(tmp_path, capsys):
    """Python's HTML parser raises AssertionError on "<![<![" (a declaration it cannot read):
    the check stopped with a traceback, and every build that loads the round (the merged DOCX,
    the site) with it. "<!" is text to the search for images and links."""
    ws, _ = make_workspace(tmp_path)
    shutil.rmtree(ws / "submissions" / AGENCY)  # the files of the other attacks
    first = append(ws, "<div>\n<![<![ chữ\n</div>\n\nChữ <!A[ > và <![CDATA[<![ ]]> hết.")
    code = main(["--root", str(ws), "check", "--today", "2024-12-10"])
    out = capsys.readouterr().out
    assert "Traceback" not in out and "AssertionError" not in out
    assert code == 0, out
    assert f'submissions/{AGENCY}.md:{first}: cảnh báo: Mã HTML ("<div>")' in out
    rnd = load_round(ws, today=TODAY)
    shown = texts(build_docx(rnd, tmp_path / "tong-hop.docx"))
    assert shown.splitlines().count("Chữ <!A[ > và  hết.") == 2  # Part A and Part B


# Raw HTML whose text a browser does not show, each with a marker word. Whatever the site
# hides, the DOCX must hide too: the site is where a report is read and reviewed, so text
# shown only in the DOCX (the signed, merged report) would reach it unseen.
UNSEEN = {
    "CHU-THUOC-TINH": 'Câu <span title="x>CHU-THUOC-TINH">y</span> hết.',
    "CHU-THE-KHONG-DONG": '<div title="x\nCHU-THE-KHONG-DONG',
    "CHU-SAU-STYLE": "Đầu <style>\n\nCHU-SAU-STYLE\n\n</style>",
    "CHU-SAU-OBJECT": "Đầu <object>\n\nCHU-SAU-OBJECT",
    "CHU-TRONG-STYLE": "Đầu <style>CHU-TRONG-STYLE</style> giữa <script>x</script> cuối.",
    "CHU-TRONG-O": "| A | B |\n|---|---|\n| x <style> | CHU-TRONG-O |\n| y | z |",
    "CHU-SAU-SCRIPT": "- Một <script>\n- CHU-SAU-SCRIPT\n\nHai",
    "CHU-SAU-CHU-THICH": "<div>a <!-- b\n\nCHU-SAU-CHU-THICH",
    "CHU-TRONG-IFRAME": "<div>\n<iframe>CHU-TRONG-IFRAME</iframe>\n</div>",
    "CHU-TRONG-THE": "<div>\n<p>CHU-TRONG-THE</p>\n</div>",
    # (nh3 drops a processing instruction, <svg> and <math> whole; an element hides up to
    # its end tag at its own depth, and across the block's raw HTML blocks; a tag or comment
    # never ended hides the rest of the list; the site shows footnotes in one block)
    "CHU-XU-LY": "Câu <?x CHU-XU-LY ?> hết.",
    "CHU-SVG": "Câu <svg><desc>CHU-SVG</desc></svg> hết.",
    "CHU-MATH": "<math><mi>CHU-MATH</mi></math> hết.",
    "CHU-LONG-NHAU": "Câu <object><object></object>CHU-LONG-NHAU</object> hết.",
    "CHU-MUC-SAU": "- Một <script>\n- <div>CHU-MUC-SAU</div>",
    "CHU-MUC-THE": '- <div title="x\n- CHU-MUC-THE',
    "CHU-MUC-CHU-THICH": "- <!-- a\n- b -->\n- CHU-MUC-CHU-THICH",
    "CHU-GHI-CHU": "Câu[^c] chữ.\n\nĐoạn[^d].\n\n[^c]: Ghi <style> chú\n\n[^d]: CHU-GHI-CHU",
}


def test_text_the_site_does_not_show_is_not_in_the_docx(tmp_path):
    """Raw HTML could hide text on the site and not in the DOCX: a `>` inside an attribute
    value ended the tag for the DOCX, an unclosed tag, comment or `<style>` hid the rest of
    the report on the site, and `<iframe>`, `<object>` hid their text on the site only; then
    `<?…?>`, `<svg>`, `<math>`, nested `<object>`, and what a hiding element, tag or comment
    hid beyond its own HTML (later list items, the next footnote) still did."""
    from baocao.site.sanitize import render_markdown

    ws, _ = make_workspace(tmp_path)
    shutil.rmtree(ws / "submissions" / AGENCY)  # the files of the other attacks
    site = ""
    for n, markdown in enumerate(UNSEEN.values()):
        append(ws, f"MOC-{n}\n\n{markdown}")
        html = render_markdown(f"MOC-{n}\n\n{markdown}", AGENCY, "p", root_prefix="")
        site += re.sub(r"<[^>]*>", " ", html)
    rnd = load_round(ws, today=TODAY)
    assert not rnd.report(AGENCY).submission.has_errors
    docx = texts(build_agency_docx(rnd, AGENCY, tmp_path / "rieng.docx"))
    on_site = {m for m in UNSEEN if m in site}
    assert on_site == {"CHU-SAU-STYLE", "CHU-SAU-OBJECT", "CHU-SAU-CHU-THICH", "CHU-TRONG-THE"}
    assert {m for m in UNSEEN if m in docx} == on_site
    assert all(f"MOC-{n}" in site and f"MOC-{n}" in docx for n in range(len(UNSEEN)))


def test_a_heading_named_in_brackets_is_text_as_on_the_site(tmp_path):
    """ "[Kết quả]" under a heading "Kết quả" is text on the site (markdown-it has no implicit
    header references); pandoc read it as a link, and matched such names in time that grows
    with the square of a report's repeated headings. The DOCX shows the brackets too."""
    from baocao.site.sanitize import render_markdown

    ws, _ = make_workspace(tmp_path)
    shutil.rmtree(ws / "submissions" / AGENCY)  # the files of the other attacks
    markdown = "#### Kết quả kiểm tra\n\nXem [Kết quả kiểm tra] ở trên."
    append(ws, markdown)
    html = render_markdown(markdown, AGENCY, "p", root_prefix="")
    assert "Xem [Kết quả kiểm tra] ở trên." in html
    rnd = load_round(ws, today=TODAY)
    docx = texts(build_agency_docx(rnd, AGENCY, tmp_path / "rieng.docx"))
    assert "Xem [Kết quả kiểm tra] ở trên." in docx.splitlines()


def test_an_image_tag_shows_the_same_picture_in_the_docx_as_on_the_site(tmp_path, capsys):
    """The DOCX took `src` and `alt` of raw HTML `<img>` from the first " src=" anywhere in
    the tag, also inside another attribute's value: the site showed one picture of the
    folder and the signed DOCX another, with a description the site never showed."""
    ws, _ = make_workspace(tmp_path)
    own = ws / "submissions" / AGENCY
    shutil.rmtree(own)  # the files of the other attacks
    own.mkdir()
    (own / "a.png").write_bytes(PNG)
    (own / "b.png").write_bytes(PNG + b"ANH-KHAC")
    append(
        ws,
        f"Câu <img title=\" src='{AGENCY}/b.png' alt='CHU-AN' \" src=\"{AGENCY}/a.png\" "
        f'alt="hien"> và <img alt=hai src={AGENCY}/a.png src={AGENCY}/b.png> hết.',
    )
    assert main(["--root", str(ws), "check", "--today", "2024-12-10"]) == 0, capsys.readouterr()
    rnd = load_round(ws, today=TODAY)
    docx = build_agency_docx(rnd, AGENCY, tmp_path / "rieng.docx")
    with zipfile.ZipFile(docx) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
        body = z.read("word/document.xml").decode("utf-8")
    assert media == [PNG]
    assert body.count('descr="hien"') == 1 and body.count('descr="hai"') == 1
    assert "CHU-AN" not in body
