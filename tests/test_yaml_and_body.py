"""The YAML loader's refusals and the heading scanner's agreement with a real Markdown parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from baocao.body import (
    has_text,
    plain_heading,
    scan_headings,
    strip_placeholder,
    strip_typed_after_placeholder,
)
from baocao.text import fold, format_number, heading_key, strip_numbering
from baocao.yamlsafe import YamlError, load_document

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "text, code, line",
    [
        ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3),
        ("a:\n  x: 1\n  x: 2\n", "yaml-duplicate-key", 3),
        ("a: &x [1, 2]\nb: *x\n", "yaml-alias", 1),
        ("base: {a: 1}\nb:\n  <<: {c: 2}\n", "yaml-alias", 3),
        ("a: !!python/object/apply:os.system ['ls']\n", "yaml-tag", 1),
        ("a: !custom 1\n", "yaml-tag", 1),
        ("a: !!binary aGVsbG8=\n", "yaml-tag", 1),
        # an unclosed quote or bracket: the line where it opened, not the end of the text
        ("a: [1, 2\nb: 3\n", "yaml-syntax", 1),
        ("a: {x: 1\nb: 3\n", "yaml-syntax", 1),
        ("a: 'unclosed\n", "yaml-syntax", 1),
        ('so_ky_hieu: "125/BC-UBND\nngay_ban_hanh: 03/12/2024\nb: 2\n', "yaml-syntax", 1),
        ("a: 1\n---\nb: 2\n", "yaml-syntax", 2),
    ],
)
def test_refusals_have_lines(text, code, line):
    with pytest.raises(YamlError) as info:
        load_document(text)
    assert (info.value.code, info.value.line) == (code, line)


def test_billion_laughs_is_refused_before_expansion():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(YamlError) as info:
        load_document(lol)
    assert info.value.code == "yaml-alias"


def test_plain_scalars_keep_their_text_and_lines():
    doc = load_document("so: 0123\nngay: 2024-12-03\nco: no\nlist:\n  - 1\n  - x: 2\nq: '07'\n")
    assert doc.value["ngay"] == "2024-12-03"  # dates stay text
    assert doc.plain_text(("so",)) == "0123" and doc.value["so"] == 83  # YAML octal, source kept
    assert doc.plain_text(("co",)) == "no"
    assert doc.plain_text(("q",)) is None  # quoted: already text
    assert doc.line_of(("list", 1, "x")) == 6
    assert doc.line_of(("list", 1, "x", "missing")) == 6
    assert doc.line_of(("list", 5)) == 4


def test_text_fields_keep_what_the_user_typed(workspace):
    from baocao.campaign import load_campaign
    from baocao.validation import FrontMatterValidator

    validator = FrontMatterValidator(load_campaign(workspace).submission_schema)
    doc = load_document(
        "so_ky_hieu: 0125\nlien_he:\n  dien_thoai: 0982190626\nvan_ban:\n  - so_ky_hieu: 010\nso_lieu:\n  - nam: 2023\n    kiem_tra: 010\n"
    )
    validator.coerce(doc)
    assert doc.value["so_ky_hieu"] == "0125" and doc.value["lien_he"]["dien_thoai"] == "0982190626"
    assert doc.value["van_ban"][0]["so_ky_hieu"] == "010"
    assert doc.value["so_lieu"][0]["kiem_tra"] == 8  # a number field stays a number


def test_a_number_yaml_reads_as_another_number_is_an_error(workspace):
    """`kiem_tra: 0120` is 80 to YAML (octal), `1:04:20` is 3860 (base 60), `0x8E` is 142:
    the site, the DOCX, the workbook and the totals showed a number the report does not."""
    from baocao.campaign import load_campaign
    from baocao.validation import FrontMatterValidator

    validator = FrontMatterValidator(load_campaign(workspace).submission_schema)
    doc = load_document(
        "so_lieu:\n  - nam: 2023\n    kiem_tra: 0120\n    xu_ly: 1:04:20\n    go_bo: 0x8E\n"
        "    tin_bai: 0b101\n    lop_tap_huan: 12\n    luot_nguoi: +15\n    chuyen_dieu_tra: 0\n"
        "    tien_phat: 1_250_000\n  - nam: 0x7E8\n"
    )
    validator.coerce(doc)
    found = sorted(
        (p.line, p.code, p.field, p.message)
        for p in validator.validate("submissions/bo-y-te.md", doc, 20)
        if p.code == "schema-integer-written"
    )
    assert [(line, field) for line, _, field, _ in found] == [
        (4, "so_lieu (năm 2023).kiem_tra"),
        (5, "so_lieu (năm 2023).xu_ly"),
        (6, "so_lieu (năm 2023).go_bo"),
        (7, "so_lieu (năm 2023).tin_bai"),
        (12, "so_lieu (năm 2024).nam"),
    ]
    assert found[0][3] == (
        'Số vụ kiểm tra, năm 2023 (kiem_tra): viết là "0120" nhưng được đọc thành số 80 (số có '
        "số 0 ở đầu, dấu hai chấm hay 0x, 0b đứng trước được đọc theo cách khác). Viết số bằng "
        "các chữ số liền nhau, không có số 0 ở đầu, ví dụ 1250000000."
    )


HEADING_CASES = [
    "# Một\n\ntext\n\n## Hai ##\n",
    "Tiêu đề setext\n===\n\nđoạn văn\ndòng hai\n---\n",
    "```\n# không phải tiêu đề\n```\n\n~~~~\n## cũng không\n~~~~\n# Phải\n",
    "    # mã thụt lề\n\n#không phải\n\n#\n\n   ### Ba dấu cách\n",
    "- mục\n# tiêu đề sau danh sách\n> trích\n# tiêu đề sau trích\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n## **Đậm** và `mã`\n",
    "Đoạn một\n\nĐoạn hai dòng một\ndòng hai\n===\n",
    "# A\n\nvăn bản\n\n## B ##\n\n   ### C\n\n####### không phải\n",
    "\n\n# Sau hai dòng trống\ntext\n# Liền sau đoạn văn\n",
    "<!--\n# trong chú thích\n-->\n# Ngoài chú thích\n",
    "<!-- một dòng -->\n# Sau chú thích một dòng\n",
    "<div>\n# trong div\n</div>\n\n# Sau div\n",
    "Đoạn văn\n<span>\n# Vẫn là tiêu đề\n",
    "<pre>\n# trong pre\n\n# vẫn trong pre\n</pre>\n## Sau pre\n",
    "<table><tr><td>ô</td></tr></table>\n# Sau bảng HTML\n",
]


def markdown_it_headings(text: str) -> list[tuple[int, int, str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            raw = "".join(
                c.content
                for c in inline.children
                if c.type in ("text", "code_inline", "softbreak") or c.type == "softbreak"
            )
            raw = " ".join(
                c.content if c.type != "softbreak" else " "
                for c in inline.children
                if c.type in ("text", "code_inline", "softbreak")
            )
            out.append((tok.map[0], int(tok.tag[1]), plain_heading(raw)))
    return out


@pytest.mark.parametrize("text", HEADING_CASES)
def test_scanner_agrees_with_markdown_it(text):
    ours = [(h.index, h.level, h.text) for h in scan_headings(text.split("\n"))]
    assert ours == markdown_it_headings(text)


def test_scanner_agrees_on_every_sample_and_fixture():
    files = list((ROOT / "submissions").glob("*.md")) + list(
        (ROOT / "tests" / "acceptance").rglob("*.md")
    )
    assert files
    for path in files:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        ours = [(h.index, h.level, h.text) for h in scan_headings(body.split("\n"))]
        assert ours == markdown_it_headings(body), path


def test_heading_keys_are_tolerant():
    expected = heading_key("2.1. Khó khăn, tồn tại")
    for variant in [
        "Khó khăn, tồn tại",
        "2.1 khó khăn,  tồn tại.",
        "KHÓ KHĂN, TỒN TẠI",
        "**2.1. Khó khăn, tồn tại**",
        "a) Khó khăn, tồn tại",
        "- Khó khăn, tồn tại;",
        "Kho\u0301 kha\u0306n, tô\u0300n ta\u0323i",
    ]:
        assert heading_key(variant) == expected, variant
    assert heading_key("PHẦN 1. KẾT QUẢ THỰC HIỆN ĐỀ ÁN") == heading_key(
        "Phần I: Kết quả thực hiện đề án"
    )
    assert strip_numbering("III. ĐÁNH GIÁ CHUNG") == "ĐÁNH GIÁ CHUNG"
    assert strip_numbering("Vụ Pháp chế") == "Vụ Pháp chế"


def test_placeholder_is_recognised_and_removed():
    text, found = strip_placeholder("_(Chưa viết: thay dòng này bằng nội dung báo cáo.)_\n")
    assert (text, found) == ("", True)
    text, found = strip_placeholder("Nội dung.\n\n(chưa viết: sẽ bổ sung)\n")
    assert (text, found) == ("Nội dung.", True)
    # a sentence of the report that mentions "chưa viết" is the report's text, not a placeholder
    kept = "Ghi chú (chưa viết xong phần phụ lục, sẽ bổ sung) cuối câu.\n(Chưa viết báo cáo riêng vì đã gộp.)"
    assert strip_placeholder(kept) == (kept, False)
    assert strip_placeholder("Đã viết xong.") == ("Đã viết xong.", False)


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (
            "(Chưa viết: thay đoạn này bằng nội dung báo cáo.) Đã tổ chức 3 đợt.",
            "Đã tổ chức 3 đợt.",
        ),
        ("_(Chưa viết: thay dòng này bằng nội dung báo cáo.)_ Đã tổ chức.", "Đã tổ chức."),
        ("*(Chưa viết: thay đoạn này bằng nội dung báo cáo.) Đã tổ chức.*", "*Đã tổ chức.*"),
        ("Trước.\n\n(Chưa viết: thay đoạn này bằng nội dung báo cáo.)Sau.", "Trước.\n\nSau."),
    ],
)
def test_text_typed_after_the_placeholder_on_its_line_loses_the_placeholder(written, kept):
    assert strip_typed_after_placeholder(written) == (kept, True)


def test_a_placeholder_alone_or_a_sentence_saying_chua_viet_is_not_text_typed_after_it():
    for text in (
        "_(Chưa viết: thay dòng này bằng nội dung báo cáo.)_",
        "(Chưa viết báo cáo riêng vì đã gộp.) Nội dung ở mục trên.",
        "Đoạn (Chưa viết: thay đoạn này bằng nội dung báo cáo.) giữa câu.",
    ):
        assert strip_typed_after_placeholder(text) == (text, False)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  \n",
        "&nbsp;",
        "&#160; &#xA0;\n\n<br>",
        "<p>&nbsp;</p>",
        "-",
        "---",
        "* * *",
        "|  |  |\n|---|---|",
        "&#8203;",
        '<span title="Nội dung"></span>',
        "<!-- Viết nội dung -->",
    ],
)
def test_what_shows_nothing_is_no_text(text):
    assert not has_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Không.",
        "0",
        "- 12",
        "![](a.png)",
        '<img src="a.png">',
        "&#65;",
        "| Số vụ |\n|---|",
        # shown, though no letter is outside angle brackets or markup
        "<https://moh.gov.vn/bao-cao-319.pdf>",
        "<vanthu@moh.gov.vn>",
        "<Không có>",
        "`<br>`",
        "```\n<config/>\n```",
        "\\<b\\>",
        "✓",
        "| ✓ |\n|---|\n| ✗ |",
        "—",
        "\\",
    ],
)
def test_what_a_reader_sees_is_text(text):
    assert has_text(text)


def test_vietnamese_formats():
    assert format_number(1234567) == "1.234.567"
    assert fold("UBND Hà Nội, hàng giả, Đắk Lắk") == "ubnd ha noi, hang gia, dak lak"


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("Báo cáo ngắn", 90, "Báo cáo ngắn"),
        ("Phối hợp  với\ncơ quan", 90, "Phối hợp với cơ quan"),  # on one line
        (
            "Rà soát, hoàn thiện cơ chế, chính sách, pháp luật về TMĐT",
            30,
            "Rà soát, hoàn thiện cơ chế…",
        ),  # no trailing comma
        ("Chốnghànggiảtrênmạngxãhội", 13, "Chốnghànggiả…"),  # one long word: cut inside it
    ],
)
def test_shorten_cuts_after_a_whole_word_within_the_limit(text, limit, expected):
    from baocao.text import shorten

    assert shorten(text, limit) == expected and len(shorten(text, limit)) <= limit
