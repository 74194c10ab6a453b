"""The DOCX's building blocks: pandoc's reading of them, heading levels, moved footnotes."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pypandoc
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from baocao.docx.blocks import (
    API_VERSION,
    NoteSet,
    document,
    heading,
    para,
    placeholder,
    places,
    relocate,
    styled,
    table,
)

MD = MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def plain(markdown: str) -> str:
    """The text a reader sees (markdown-it, CommonMark like pandoc's commonmark_x)."""
    return "".join(
        c.content
        for t in MD.parse(markdown)
        if t.type == "inline"
        for c in t.children
        if c.type in ("text", "code_inline")
    )


def pandoc_text(blocks: list) -> str:
    """What pandoc makes of a document of these blocks, as plain text."""
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "--from=json", "--to=plain", "--wrap=none"],
        input=json.dumps(document(blocks)).encode(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def test_the_api_version_is_the_pinned_pandocs():
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "--from=markdown", "--to=json"],
        input=b"",
        capture_output=True,
        check=True,
    )
    assert json.loads(done.stdout)["pandoc-api-version"] == API_VERSION


@pytest.mark.parametrize(
    "value",
    [
        "1. Tình hình quán triệt",  # would become a list in Markdown
        "PHẦN 1. KẾT QUẢ *THỰC HIỆN* [Đề án]",
        "Vụ Tổng hợp - Kế hoạch - Tài chính",
        "# không phải tiêu đề | ô <b>thẻ</b> `mã` 100% & ~x~ $5$ ::: {.x}",
        "Những tồn tại, khó khăn khác...",
    ],
)
def test_text_reaches_pandoc_as_itself(value):
    assert pandoc_text([para(value), styled("Note", value)]).strip().split("\n\n") == [value, value]


def test_heading_levels_beyond_six_are_styled_paragraphs():
    assert heading(2, "I. Mục")["t"] == "Header"
    deep = heading(8, "a) Tiểu mục")
    assert deep["t"] == "Div" and deep["c"][0][2] == [["custom-style", "Heading 8"]]
    assert heading(12, "x")["c"][0][2] == [["custom-style", "Heading 9"]]


def test_headings_get_short_unique_identifiers_that_pandoc_keeps_as_bookmark_names(tmp_path):
    doc = document([heading(1, "Mục Đề án"), heading(2, "Mục Đề án"), heading(8, "Sâu")])
    assert [b["c"][1][0] for b in doc["blocks"][:2]] == ["h1", "h2"]
    (tmp_path / "d.json").write_text(json.dumps(doc), encoding="utf-8")
    subprocess.run(
        [pypandoc.get_pandoc_path(), tmp_path / "d.json", "-o", tmp_path / "d.docx"], check=True
    )
    with zipfile.ZipFile(tmp_path / "d.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]*)"', xml) == ["h1", "h2"]


def notes_for(*texts: str) -> NoteSet:
    return NoteSet.collect(list(texts), [0])


def test_footnotes_are_renumbered_and_travel_with_the_text_that_cites_them():
    first = "Đoạn một[^1]."
    second = "Đoạn hai[^a].\n\n[^1]: Chú thích một.\n[^a]: Chú thích hai\n    tiếp theo."
    counter = [0]
    notes = NoteSet.collect([first, second], counter)
    out1 = relocate(first, notes)
    out2 = relocate(second, notes)
    label = re.search(r"\[\^([^\]]+)1\]", out1).group(1)  # the build's prefix, then a number
    assert "Đoạn một[^1]" not in out1 and len(label) > 10
    assert f"Đoạn một[^{label}1]." in out1 and f"[^{label}1]: Chú thích một." in out1
    assert "Chú thích một" not in out2  # moved to where it is cited
    assert f"Đoạn hai[^{label}2]." in out2 and f"[^{label}2]: Chú thích hai\n    tiếp theo." in out2
    again = relocate(first, notes)  # the same text in Part B gets its own labels
    assert f"[^{label}3]" in again and f"[^{label}1]" not in again
    assert counter == [3]


def test_uncited_footnote_definition_stays_visible():
    text = "Đoạn.\n\n[^x]: Ghi chú không ai trích dẫn."
    out = relocate(text, notes_for(text))
    assert "Ghi chú không ai trích dẫn." in plain(out)


def test_footnote_syntax_inside_code_is_left_alone():
    text = "```\n[^1]: không phải chú thích\n```\n\nVăn bản[^1]."
    out = relocate(text, notes_for(text))
    assert "```\n[^1]: không phải chú thích\n```" in out


def test_table_cells_keep_their_text_and_numbers_are_right_aligned():
    node = table(["STT", "Tên | cột"], [["1", "a|b"], ["2", ""]], right={0})
    specs = node["c"][2]
    assert [spec[0]["t"] for spec in specs] == ["AlignRight", "AlignDefault"]
    out = pandoc_text([node])
    assert "a|b" in out and "Tên | cột" in out


def convert(tmp_path, blocks: list, pieces: list[dict], images: dict | None = None):
    """A DOCX of these blocks, its placeholders filled with these pieces, as baocao builds it."""
    from datetime import date

    from baocao.docx.pandoc import READER, Pandoc
    from baocao.docx.reference import write_reference

    doc = document(blocks)
    config = {"chunk": "c", "places": places(doc, "c"), "texts": pieces, "reader": READER}
    allow = tmp_path / "allow.json"
    allow.write_text(json.dumps(config | {"own": {}, "refused": "(%s)", "images": images or {}}))
    source, out = tmp_path / "document.json", tmp_path / "x.docx"
    source.write_text(json.dumps(doc))
    Pandoc(
        source,
        out,
        reference=write_reference(tmp_path / "reference.docx"),
        allow_list=allow,
        toc=False,
        day=date(2024, 12, 5),
    ).wait()
    return out


def test_raw_openxml_in_a_submission_cannot_reach_the_docx(tmp_path):
    """`{=openxml}` blocks would let a report hide text or fetch URLs in the official document."""
    import zipfile

    text = (
        "Trước.\n\n```{=openxml}\n"
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>VAN_BAN_AN</w:t></w:r></w:p>\n```\n\n"
        "Chữ `<w:t>X</w:t>`{=openxml} sau.\n"
    )
    out = convert(tmp_path, [placeholder("c", 1, 4)], [{"agency": "bo-y-te", "text": text}])
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<w:vanish/>" not in xml  # the raw XML is not passed through as markup
    assert "VAN_BAN_AN" in xml  # ... but its text is kept, visible, as code


def _pieces_docx(tmp_path, pieces: list[dict]) -> list[tuple[str, str]]:
    """(style, text) of every paragraph of a DOCX made of report pieces alone."""
    from docx import Document

    blocks = [placeholder("c", n, piece["level"]) for n, piece in enumerate(pieces, 1)]
    out = convert(tmp_path, blocks, pieces)
    return [(p.style.name, p.text) for p in Document(str(out)).paragraphs]


def test_an_undefined_note_reference_stays_text_beside_renumbered_notes(tmp_path):
    """`[^n1]` cited but never defined shows as written, even where another piece of the
    agency's report has a note renamed for the merged document (the pieces are read together)."""
    import zipfile

    first, second = "Một[^1].\n\n[^1]: Chú thích thật.", "Hai[^n1] và [^2]."
    notes = notes_for(first, second)
    pieces = [
        {"agency": "bo-y-te", "level": 4, "text": relocate(t, notes)} for t in (first, second)
    ]
    paragraphs = [text for _, text in _pieces_docx(tmp_path, pieces)]
    assert "Hai[^n1] và [^2]." in paragraphs
    with zipfile.ZipFile(tmp_path / "x.docx") as z:
        footnotes = z.read("word/footnotes.xml").decode("utf-8")
    assert footnotes.count("Chú thích thật.") == 1


def test_an_unclosed_fence_stays_in_its_own_piece(tmp_path):
    """One agency's pieces are read together; a piece that swallows what follows it (an
    unclosed fence) makes them be read one by one, so the next piece keeps its structure."""
    pieces = [
        {"agency": "bo-y-te", "level": 4, "text": "Đầu.\n\n```\nmã chưa đóng"},
        {"agency": "bo-y-te", "level": 4, "text": "# Mục sau\n\nĐoạn sau."},
        {"agency": "bo-y-te", "level": 4, "text": "Đoạn cuối."},
    ]
    paragraphs = _pieces_docx(tmp_path, pieces)
    assert [(s, t) for s, t in paragraphs if "Mục sau" in t] == [("Heading 4", "Mục sau")]
    assert any(text == "Đoạn sau." and not style.startswith("Source") for style, text in paragraphs)
    assert [text for _, text in paragraphs if text.startswith("Đoạn")] == [
        "Đoạn sau.",
        "Đoạn cuối.",
    ]


def test_a_reference_of_one_report_never_links_another_reports_text(tmp_path):
    pieces = [
        {"agency": "bo-y-te", "level": 4, "text": "Văn bản.\n\n[x]: https://evil.example/"},
        {"agency": "bo-tu-phap", "level": 4, "text": "Xem [x] tại đây."},
    ]
    import zipfile

    _pieces_docx(tmp_path, pieces)
    with zipfile.ZipFile(tmp_path / "x.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        xml = z.read("word/document.xml").decode("utf-8")
    assert "evil.example" not in rels and "[x]" in xml


def test_a_piece_placed_twice_has_its_headings_under_each_place(tmp_path):
    """Part A and Part B place the same text under headings of different levels; it is read
    once, and each place gets its own levels, the piece's own nesting kept."""
    from docx import Document

    text = "## Trên\n\nĐoạn.\n\n### Dưới\n\n- mục\n"
    blocks = [placeholder("c", 1, 3), heading(1, "Giữa"), placeholder("c", 1, 6)]
    out = convert(tmp_path, blocks, [{"agency": "a", "text": text, "markers": ["-"]}])
    found = [(p.style.name, p.text) for p in Document(str(out)).paragraphs]
    assert [f for f in found if f[1] in ("Trên", "Dưới", "Giữa")] == [
        ("Heading 3", "Trên"),
        ("Heading 4", "Dưới"),
        ("Heading 1", "Giữa"),
        ("Heading 6", "Trên"),
        ("Heading 7", "Dưới"),
    ]
    assert [t for _, t in found].count("Đoạn.") == 2


def test_character_references_beyond_unicode_in_raw_html_do_not_stop_the_build(tmp_path):
    """Raw HTML shows as its text, references decoded; one that names no character (beyond
    U+10FFFF, a surrogate, NUL, too many digits) is U+FFFD, as HTML reads it. utf8.char
    failed on it, and that one report stopped the merged DOCX of every agency."""
    text = (
        "<div>\nĐầu &#99999999999; &#xFFFFFFFFFFFFFFFFFFFF; &#x110000; &#xD800; &#0;"
        " &#65; &#x0000000041; &#x1F600; &amp;lt; &bogus; cuối\n</div>\n\nSau.\n"
    )
    paragraphs = _pieces_docx(tmp_path, [{"agency": "bo-y-te", "level": 4, "text": text}])
    assert [t for _, t in paragraphs if t.startswith(("Đầu", "Sau"))] == [
        "Đầu \ufffd \ufffd \ufffd \ufffd \ufffd A A \U0001f600 &lt; &bogus; cuối",
        "Sau.",
    ]


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<div>\na <!-- ẩn --> b <!--> c --> d\n</div>", "a b d"),
        ("<div>\na <!-- chưa đóng <b>x</b> y\n</div>", "a"),
        ("<div>\na <SCRIPT type=x>ẩn</script > b <style>ẩn</STYLE> c\n</div>", "a b c"),
        ("<div>\na <scripts>x</scripts> <script>chưa đóng\n</div>", "a x"),
        ("<div>\na <script>x</scriptx> y </script> b\n</div>", "a b"),
        ("<div>\na <b\nc d\n</div>", "a"),
        ("<div\na <b c d", ""),
    ],
)
def test_raw_html_shows_as_its_text(tmp_path, html, shown):
    """Comments, scripts and styles hidden, other tags removed; what is never closed hides
    the rest, as on the site (each is found in one pass over the text, never again from
    every start)."""
    pieces = [{"agency": "bo-y-te", "level": 4, "text": html + "\n\nSau.\n"}]
    paragraphs = _pieces_docx(tmp_path, pieces)
    assert [t for _, t in paragraphs if t and t != "Sau."] == ([shown] if shown else [])
    assert "Sau." in [t for _, t in paragraphs]


def test_a_picture_shown_many_times_is_one_media_file(tmp_path):
    """Raw `<img>` is not counted by limits.IMAGE_REFERENCES: confine.lua reads each allowed
    file once (each read kept its bytes: 2,000 `<img>` of a 1 MB picture took pandoc 2.2 GB)."""
    import zipfile

    from docx import Document

    png = Path(__file__).resolve().parents[1] / "submissions/tcqltt-cuc-nghiep-vu/bieu-do-xu-ly.png"
    text = (
        "<div>\n" + '<img src="bo-y-te/a.png">' * 300 + "\n</div>\n\n" + "![](bo-y-te/a.png) " * 3
    )
    pieces = [{"agency": "bo-y-te", "text": text}]
    images = {"bo-y-te": {"bo-y-te/a.png": str(png)}}
    out = convert(tmp_path, [placeholder("c", 1, 4)], pieces, images)
    assert len(Document(str(out)).inline_shapes) == 303
    with zipfile.ZipFile(out) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert [z.read(n) for n in media] == [png.read_bytes()]


def _runs(path: Path, start: str) -> list[tuple[str, str]]:
    """(formatting, text) of the runs of the paragraph starting with `start`."""
    from docx import Document

    (paragraph,) = [p for p in Document(str(path)).paragraphs if p.text.startswith(start)]
    out = []
    for run in paragraph.runs:
        font = run.font
        kinds = [
            name
            for name, on in (
                ("b", run.bold),
                ("i", run.italic),
                ("u", run.underline),
                ("s", font.strike),
                ("sup", font.superscript),
                ("sub", font.subscript),
            )
            if on
        ]
        out.append(("+".join(kinds), run.text))
    return [(kind, text) for kind, text in out if text.strip()]


def test_inline_html_formatting_reaches_the_docx_as_on_the_site(tmp_path):
    """The site shows <sup>, <sub>, <u>, <s>, <b>, <i> and <br> of a report (sanitize.TAGS);
    the DOCX showed "250 m2", plain text, "liệuxuống" (the break dropped, words joined) and
    the paragraphs of an imported Word cell ("a <br> b") run together on one line."""
    text = (
        "Kho 250 m<sup>2</sup>, khí H<sub>2</sub>O, chữ <u>gạch chân</u>, <s>bỏ</s>, "
        "<B>đậm</B> và <i>nghiêng <sup>1</sup></i>.\n\n"
        "Số liệu<br>xuống dòng<br/>và <br />hết.\n\n| Người |\n|---|\n| Đỗ Mạnh Cường <br> Vũ Việt Linh |\n\n"
        "Lẻ <sup>mở không đóng, </u> đóng không mở, <b>chéo <i>nhau</b> đây</i>.\n"
    )
    out = convert(tmp_path, [placeholder("c", 1, 4)], [{"agency": "bo-y-te", "text": text}])
    assert _runs(out, "Kho") == [
        ("", "Kho 250 m"),
        ("sup", "2"),
        ("", ", khí H"),
        ("sub", "2"),
        ("", "O, chữ"),
        ("u", "gạch chân"),
        ("", ","),
        ("s", "bỏ"),
        ("", ","),
        ("b", "đậm"),
        ("", "và"),
        ("i", "nghiêng"),
        ("i+sup", "1"),
        ("", "."),
    ]
    from docx import Document

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Số liệu\nxuống dòng\nvà\nhết." in texts
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert cells == ["Người", "Đỗ Mạnh Cường\nVũ Việt Linh"]  # a Word cell's paragraphs
    assert "Lẻ mở không đóng, đóng không mở, chéo nhau đây." in [" ".join(t.split()) for t in texts]
