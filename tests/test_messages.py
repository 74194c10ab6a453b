"""Mistakes a non-programmer makes and cannot see, typed into a template from `baocao new`:
each gets the line (and column) of the character itself, its name in plain words and what to
do; where the intent is unambiguous the report is accepted, with the repaired text in the model
that the site and the DOCX use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from baocao.blank_report import PLACEHOLDER_TEXT
from baocao.cli import main
from baocao.site import pages
from baocao.workspace import load_round

AGENCY = "ubnd-nghe-an"
FILE = f"submissions/{AGENCY}.md"
HEADING_2 = "### 2. Công tác kiểm tra, đôn đốc thực hiện Quyết định số 319/QĐ-TTg."
HEADING_3 = "### 3. Kinh phí thực hiện Đề án hằng năm và cho cả giai đoạn."
NBSP = "\u00a0"


def filled_template(workspace: Path, capsys) -> Path:
    """`baocao new`, then every field and section filled in as the guide says."""
    assert main(["--root", str(workspace), "new", AGENCY]) == 0
    capsys.readouterr()
    path = workspace / FILE
    text = path.read_text(encoding="utf-8")
    for key, value in (
        ("so_ky_hieu", "412/BC-UBND"),
        ("ngay_ban_hanh", "04/12/2024"),
        ("ho_ten", "Nguyễn Văn An"),
        ("chuc_vu", "Phó Chủ tịch"),
        ("ho_ten", "Trần Thị Bình"),
        ("dien_thoai", "0238.3844.123"),
        ("email", "binhtt@nghean.gov.vn"),
    ):
        text = text.replace(f'{key}: "(Chưa điền)"', f"{key}: {value}", 1)
    text = text.replace(PLACEHOLDER_TEXT, "Đã thực hiện.")
    path.write_text(text, encoding="utf-8")
    return path


def type_mistake(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_under_heading_3(path: Path, *new_lines: str) -> int:
    """Replace the paragraph under heading 3 by new_lines; the file line it was on."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(HEADING_3) + 3
    lines[at - 1 : at] = list(new_lines)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at


def check(workspace: Path, capsys) -> tuple[int, list[str], str]:
    code = main(["--root", str(workspace), "check", str(workspace / FILE), "--today", "2024-12-04"])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line.startswith("submissions/")], out


def test_the_filled_template_is_clean(workspace, capsys):
    filled_template(workspace, capsys)
    code, problems, _ = check(workspace, capsys)
    assert (code, problems) == (0, [])


SPACE = (
    "Có khoảng trắng đặc biệt (copy từ Word) ở ký tự thứ {column} của dòng này. Công cụ đã coi"
    " nó là dấu cách thường; nên xóa khoảng trắng đó và gõ lại bằng phím cách."
)
CURLY = (
    "Giá trị của {label} nằm trong dấu ngoặc kép cong “ ” (Word tự đổi dấu nháy). Công cụ đã"
    ' bỏ hai dấu này và đọc giá trị là "{value}"; nên xóa hai dấu đó hoặc thay bằng dấu nháy'
    ' thẳng "...".'
)
CONTROL = (
    "Có ký tự điều khiển không nhìn thấy ({name}) ở ký tự thứ {column} của dòng này, {where}."
    " Xóa ký tự đó: {how} (ký tự này thường lọt vào khi sao chép từ phần mềm khác)."
)


def control(name: str, column: int, after: str = "", before: str = "") -> str:
    if before:
        where, how = f"ngay sau “{before}”", f"đặt con trỏ ngay sau “{before}” rồi nhấn phím Delete"
    else:
        where = f"ngay trước “{after}”"
        how = f"đặt con trỏ ngay trước “{after}” rồi nhấn phím Backspace"
    return CONTROL.format(name=name, column=column, where=where, how=how)


# (mistake, typed over, typed instead, exit code, problem lines)
CASES = [
    (
        "nbsp-indenting-a-key",
        "  ho_ten: Nguyễn Văn An",
        f"{NBSP}{NBSP}ho_ten: Nguyễn Văn An",
        0,
        [f"{FILE}:9: cảnh báo: " + SPACE.format(column=1)],
    ),
    (
        "nbsp-after-colon",
        "ngay_ban_hanh: 04/12/2024",
        f"ngay_ban_hanh:{NBSP}04/12/2024",
        0,
        [f"{FILE}:7: cảnh báo: " + SPACE.format(column=15)],
    ),
    (
        "curly-quotes-around-a-value-with-a-colon",
        "chuc_vu: Phó Chủ tịch",
        "chuc_vu: “KT. CHỦ TỊCH: PHÓ CHỦ TỊCH”",
        0,
        [
            f"{FILE}:10: cảnh báo: "
            + CURLY.format(label="Chức vụ người ký (chuc_vu)", value="KT. CHỦ TỊCH: PHÓ CHỦ TỊCH")
        ],
    ),
    (
        "curly-quoted-so-ky-hieu",
        "so_ky_hieu: 412/BC-UBND",
        "so_ky_hieu: “412/BC-UBND”",
        0,
        [
            f"{FILE}:6: cảnh báo: "
            + CURLY.format(label="Số, ký hiệu văn bản (so_ky_hieu)", value="412/BC-UBND")
        ],
    ),
    (
        "curly-quoted-date",
        "ngay_ban_hanh: 04/12/2024",
        "ngay_ban_hanh: “04/12/2024”",
        0,
        [
            f"{FILE}:7: cảnh báo: "
            + CURLY.format(label="Ngày ban hành (ngay_ban_hanh)", value="04/12/2024")
        ],
    ),
    (
        "esc-on-line-7",
        "ngay_ban_hanh: 04/12/2024",
        "ngay_ban_hanh: 04/12\x1b/2024",
        1,
        [f"{FILE}:7: lỗi: " + control("ESC", 21, before="ngay_ban_hanh: 04/12")],
    ),
    (
        "bel-on-line-7",
        "ngay_ban_hanh: 04/12/2024",
        "ngay_ban_hanh: 04/12/2024\x07",
        1,
        [f"{FILE}:7: lỗi: " + control("BEL", 26, before="ngay_ban_hanh: 04/12/2024")],
    ),
    (
        "nbsp-after-hashes",
        HEADING_2,
        HEADING_2.replace("### ", f"###{NBSP}"),
        0,
        [
            f"{FILE}:59: cảnh báo: Sau dấu # có khoảng trắng đặc biệt (copy từ Word) ở ký tự thứ 4"
            ' của dòng này. Công cụ đã đọc dòng này là tiêu đề "2. Công tác kiểm tra, đôn đốc'
            ' thực hiện Quyết định số 319/QĐ-TTg."; nên xóa khoảng trắng đó và gõ lại bằng phím'
            " cách."
        ],
    ),
    (
        "no-space-after-hashes",
        HEADING_3,
        HEADING_3.replace("### ", "###"),
        0,
        [
            f'{FILE}:63: cảnh báo: Thiếu dấu cách sau "###" ở ký tự thứ 4 của dòng này: tiêu đề'
            ' phải viết "### 3. Kinh phí thực hiện Đề án hằng năm và cho cả giai đoạn.". Công cụ'
            " đã đọc dòng này là tiêu đề; hãy thêm một dấu cách sau dấu # cuối cùng."
        ],
    ),
    (
        "deleted-heading-text-kept",
        HEADING_2,
        "",
        0,
        [
            f'{FILE}:63: cảnh báo: Thiếu mục "2. Công tác kiểm tra, đôn đốc thực hiện Quyết định'
            ' số 319/QĐ-TTg." của đề cương. Thêm tiêu đề này sau tiêu đề "1. Tình hình quán'
            ' triệt và tổ chức thực hiện Quyết định số…" (dòng 55) và trước tiêu đề "3. Kinh phí'
            ' thực hiện Đề án hằng năm và cho cả giai đoạn." (dòng 63), ngay trước đoạn đã viết'
            " cho nó (nếu có), rồi viết nội dung bên dưới."
        ],
    ),
]

# the YAML mistakes a web-editor user makes, named where they are, not on the line below
INDENT = (
    "Dòng này thụt lề sâu hơn dòng trên ({above}) nên không được đọc thành trường. Các trường"
    " cùng nhóm phải thẳng hàng: thụt vào đúng bằng trường ngay trên (các trường con như ho_ten,"
    " chuc_vu thụt 2 dấu cách dưới tên nhóm)."
)
CASES += [
    (
        "no-space-after-colon",
        "so_ky_hieu: 412/BC-UBND",
        "so_ky_hieu:412/BC-UBND",
        1,
        [
            f'{FILE}:6: lỗi: Sau dấu hai chấm của "so_ky_hieu:" thiếu một dấu cách, nên dòng này'
            ' không được đọc thành trường. Viết "so_ky_hieu: 412/BC-UBND".'
        ],
    ),
    (
        "no-colon",
        "ngay_ban_hanh: 04/12/2024",
        "ngay_ban_hanh 04/12/2024",
        1,
        [
            f'{FILE}:7: lỗi: Thiếu dấu hai chấm sau tên trường "ngay_ban_hanh". Viết'
            ' "ngay_ban_hanh: 04/12/2024".'
        ],
    ),
    (
        "a-group-field-at-the-margin",
        "  dien_thoai: 0238.3844.123",
        "dien_thoai: 0238.3844.123",
        1,
        [f"{FILE}:15: lỗi: " + INDENT.format(above='"dien_thoai: 0238.3844.123"')],
    ),
    (
        "the-last-field-of-a-group-at-the-margin",
        "  email: binhtt@nghean.gov.vn",
        "email: binhtt@nghean.gov.vn",
        1,
        [
            f"{FILE}:12: lỗi: Thiếu trường bắt buộc Thư điện tử (email) trong nhóm Người liên hệ"
            " (lien_he). Thêm dòng `email: ...` trong nhóm Người liên hệ (lien_he).",
            f'{FILE}:15: lỗi: Trường "email" thuộc nhóm lien_he nhưng đang viết sát lề trái. Thụt'
            ' dòng này vào 2 dấu cách, thẳng hàng với các trường khác dưới dòng "lien_he:".',
        ],
    ),
]


@pytest.mark.parametrize("name,old,new,exit_code,expected", CASES, ids=[c[0] for c in CASES])
def test_a_mistake_typed_into_the_template(workspace, capsys, name, old, new, exit_code, expected):
    path = filled_template(workspace, capsys)
    type_mistake(path, old, new)
    code, problems, out = check(workspace, capsys)
    assert problems == expected
    assert code == exit_code, out


def test_accepted_mistakes_reach_the_model_repaired(workspace, capsys):
    """All the unambiguous mistakes at once: the model every output uses holds the values
    without quotes and the headings as headings, so the site and the DOCX show them so."""
    path = filled_template(workspace, capsys)
    type_mistake(path, "so_ky_hieu: 412/BC-UBND", "so_ky_hieu: “412/BC-UBND”")
    type_mistake(path, "ngay_ban_hanh: 04/12/2024", f"ngay_ban_hanh:{NBSP}“04/12/2024”")
    type_mistake(path, "  ho_ten: Nguyễn Văn An", f"{NBSP}{NBSP}ho_ten: Nguyễn Văn An")
    type_mistake(path, "chuc_vu: Phó Chủ tịch", "chuc_vu: “KT. CHỦ TỊCH: PHÓ CHỦ TỊCH”")
    type_mistake(path, HEADING_2, HEADING_2.replace("### ", f"###{NBSP}"))
    type_mistake(path, HEADING_3, HEADING_3.replace("### ", "###"))
    code, problems, _ = check(workspace, capsys)
    assert code == 0
    assert [(p.split(":")[1], p.split(": ")[1]) for p in problems] == [
        ("6", "cảnh báo"),
        ("7", "cảnh báo"),
        ("7", "cảnh báo"),
        ("9", "cảnh báo"),
        ("10", "cảnh báo"),
        ("59", "cảnh báo"),
        ("63", "cảnh báo"),
    ]
    rnd = load_round(workspace)  # the whole round, as a build reads it
    sub = rnd.submissions[0]
    assert sub.meta["so_ky_hieu"] == "412/BC-UBND"
    assert sub.meta["ngay_ban_hanh"] == "04/12/2024"
    assert sub.meta["nguoi_ky"] == {
        "ho_ten": "Nguyễn Văn An",
        "chuc_vu": "KT. CHỦ TỊCH: PHÓ CHỦ TỊCH",
    }
    assert HEADING_2 in sub.body.split("\n") and HEADING_3 in sub.body.split("\n")
    report = rnd.report(AGENCY)
    assert report.ratio == 1.0  # both sections found under their headings
    assert report.part("p1-i-2").content == report.part("p1-i-3").content == "Đã thực hiện."
    assert not any("#" in part.content for part in report.parts)
    content = pages.generate(rnd, None)  # the site's pages, as MkDocs gets them
    shown = [content.fragments.html(i) for i in range(len(content.fragments.sources))]
    assert any(">412/BC-UBND<" in html for html in shown)
    assert not any("“412/BC-UBND" in html for html in shown)


def test_a_hash_that_is_not_a_heading_is_left_alone(workspace, capsys):
    """`#hashtag` text, and `###3.` inside a code block, are not repaired into headings."""
    path = filled_template(workspace, capsys)
    with path.open("a", encoding="utf-8") as file:
        file.write("\n#TMĐT là từ khóa.\n\n```\n###3. ví dụ\n###\u00a0ví dụ\n```\n")
    code, problems, _ = check(workspace, capsys)
    assert (code, problems) == (0, [])
    sub = load_round(workspace, paths=[path]).submissions[0]
    assert "###3. ví dụ\n###\u00a0ví dụ" in sub.body and "#TMĐT là từ khóa." in sub.body


def test_yaml_failure_counts_the_file_as_a_report_that_fails(workspace, capsys):
    path = filled_template(workspace, capsys)
    type_mistake(path, "so_ky_hieu: 412/BC-UBND", "so_ky_hieu: 412/BC: UBND")
    code, problems, out = check(workspace, capsys)
    assert code == 1
    assert problems == [
        f"{FILE}:6: lỗi: Phần thông tin đầu tệp viết sai ở ký tự thứ 19 của dòng này: có dấu hai"
        " chấm không hợp lệ trong giá trị. Kiểm tra dấu hai chấm, thụt lề và dấu nháy; giá trị có"
        ' dấu `:` hãy đặt trong dấu nháy kép thẳng "...".'
    ]
    row = next(line for line in out.splitlines() if line.startswith(AGENCY))
    assert row.split("  ")[-2:] == ["Chưa đạt yêu cầu kiểm tra", "Ủy ban nhân dân tỉnh Nghệ An"]
    # one file named: the round's counts ("0/1 cơ quan đã nộp") would describe that file only
    assert "\nHạn nộp 05/12/2024.\nChưa đạt: 1 lỗi, 0 cảnh báo trong 1 tệp.\n" in out


def test_annotations_have_vietnamese_titles_and_json_keeps_the_code(workspace, capsys):
    path = filled_template(workspace, capsys)
    type_mistake(path, "so_ky_hieu: 412/BC-UBND", "so_ky_hieu: “412/BC-UBND”")
    main(["--root", str(workspace), "check", str(workspace / FILE), "--format", "github"])
    out = capsys.readouterr().out
    assert out.startswith(f"::warning file={FILE},line=6,col=13,title=Dấu ngoặc kép cong::")
    main(["--root", str(workspace), "check", str(workspace / FILE), "--format", "json"])
    problem = json.loads(capsys.readouterr().out)["problems"][0]
    assert (problem["code"], problem["field"], problem["column"]) == (
        "quotes-curly",
        "so_ky_hieu",
        13,
    )


def test_placeholder_left_under_a_task_says_nhiem_vu(workspace, capsys):
    path = filled_template(workspace, capsys)
    first_task = "### 1. Chủ trì hoặc phối hợp với các bộ, cơ quan xây dựng"
    text = path.read_text(encoding="utf-8")
    start = text.index(first_task)
    end = text.index("Đã thực hiện.", start)
    path.write_text(text[:end] + "_(Chưa viết: thay dòng này.)_\n\n" + text[end:], encoding="utf-8")
    code, problems, _ = check(workspace, capsys)
    assert problems == [
        f'{FILE}:69: cảnh báo: Nhiệm vụ "1. Chủ trì hoặc phối hợp với các bộ, cơ quan xây dựng'
        ' các văn bản, quy định pháp luật về…" đã có nội dung nhưng vẫn còn dòng giữ chỗ'
        ' "(Chưa viết ...)". Xóa dòng đó.'
    ]


KEYWORDS = [
    (
        "maxLength",
        {"type": "string", "maxLength": 3},
        "abcd",
        "dài 4 ký tự, quá giới hạn 3 ký tự. Hãy viết ngắn lại.",
    ),
    ("minLength", {"type": "string", "minLength": 3}, "ab", "quá ngắn (2 ký tự, cần ít nhất 3)."),
    (
        "pattern",
        {"type": "string", "pattern": "^[0-9]+$", "description": "Chỉ gồm chữ số."},
        "a1",
        '"a1" không đúng dạng. Chỉ gồm chữ số.',
    ),
    ("enum", {"enum": ["a", "b"]}, "c", 'giá trị "c" không hợp lệ; chỉ được chọn một trong: a, b.'),
    ("const", {"const": "a"}, "c", 'giá trị "c" không hợp lệ; chỉ được ghi đúng "a".'),
    (
        "type",
        {"type": "integer"},
        "12 vụ",
        'phải là số nguyên viết liền, không có dấu chấm, dấu phẩy hay chữ (ví dụ 1250000000), đang là "12 vụ".',
    ),
    ("minimum", {"type": "integer", "minimum": 1}, 0, "phải là số từ 1 trở lên (đang là 0)."),
    (
        "maximum",
        {"type": "integer", "maximum": 10},
        12000,
        "số 12.000 quá lớn (tối đa 10). Kiểm tra lại đơn vị (đồng) và số chữ số.",
    ),
    (
        "exclusiveMinimum",
        {"type": "integer", "exclusiveMinimum": 0},
        0,
        "phải là số lớn hơn 0 (đang là 0).",
    ),
    (
        "exclusiveMaximum",
        {"type": "integer", "exclusiveMaximum": 10},
        10,
        "số 10 quá lớn (phải nhỏ hơn 10).",
    ),
    ("multipleOf", {"type": "integer", "multipleOf": 5}, 7, "số 7 phải là bội số của 5."),
    ("minItems", {"type": "array", "minItems": 2}, ["a"], "cần ít nhất 2 mục (đang có 1)."),
    (
        "maxItems",
        {"type": "array", "maxItems": 1},
        ["a", "b"],
        "chỉ được có tối đa 1 mục (đang có 2).",
    ),
    (
        "uniqueItems",
        {"type": "array", "uniqueItems": True},
        ["a", "a"],
        "có hai mục giống hệt nhau. Xóa mục thừa.",
    ),
    (
        "format",
        {"type": "string", "format": "email"},
        "không-phải-thư",
        '"không-phải-thư" không đúng dạng địa chỉ thư điện tử.',
    ),
    (
        "minProperties",
        {"type": "object", "minProperties": 2},
        {"a": 1},
        "cần ít nhất 2 trường (đang có 1).",
    ),
    (
        "maxProperties",
        {"type": "object", "maxProperties": 1},
        {"a": 1, "b": 2},
        "chỉ được có tối đa 1 trường (đang có 2).",
    ),
    (
        "dependentRequired",
        {"type": "object", "dependentRequired": {"a": ["b"]}},
        {"a": 1},
        "khi đã có trường a thì phải có cả b.",
    ),
    (
        "not",
        {"not": {"const": "x"}, "description": "Không được ghi x."},
        "x",
        "giá trị không đúng mẫu báo cáo. Không được ghi x. Xem mẫu bằng lệnh `baocao new` hoặc trang Hướng dẫn.",
    ),
    (
        "anyOf",
        {"anyOf": [{"type": "integer"}, {"const": "a"}]},
        "b",
        "giá trị không đúng mẫu báo cáo. Xem mẫu bằng lệnh `baocao new` hoặc trang Hướng dẫn.",
    ),
]


@pytest.mark.parametrize("keyword,node,value,expected", KEYWORDS, ids=[k[0] for k in KEYWORDS])
def test_every_schema_keyword_has_a_vietnamese_message(keyword, node, value, expected):
    from baocao.validation import FrontMatterValidator
    from baocao.yamlsafe import YamlDocument

    schema = {
        "type": "object",
        "required": ["gia_tri"],
        "additionalProperties": False,
        "properties": {"gia_tri": {"title": "Giá trị thử", **node}},
    }
    text = "gia_tri: " + json.dumps(value, ensure_ascii=False) + "\n"
    doc = YamlDocument({"gia_tri": value}, text)
    problems = list(FrontMatterValidator(schema).validate("t.md", doc, 10))
    assert [(p.line, p.code.startswith("schema-"), p.message) for p in problems] == [
        (2, True, "Giá trị thử (gia_tri): " + expected)
    ]


def test_required_and_unknown_fields_in_vietnamese():
    from baocao.validation import FrontMatterValidator
    from baocao.yamlsafe import YamlDocument

    schema = {
        "type": "object",
        "required": ["gia_tri"],
        "additionalProperties": False,
        "properties": {"gia_tri": {"title": "Giá trị thử", "type": "string"}},
    }
    doc = YamlDocument({"khac": 1}, "khac: 1\n")
    messages = [p.message for p in FrontMatterValidator(schema).validate("t.md", doc, 10)]
    assert messages == [
        'Trường "khac" không có trong mẫu báo cáo. Kiểm tra lỗi chính tả (các trường hợp lệ:'
        " gia_tri).",
        "Thiếu trường bắt buộc Giá trị thử (gia_tri). Thêm dòng `gia_tri: ...`.",
    ]


def test_more_invisible_characters_in_lists_body_and_half_quotes(workspace, capsys):
    """A special space after a list's "-", ESC in the body (its own line, not line 2), a date
    with only one curly quote (not repaired: the message names the quotes)."""
    path = filled_template(workspace, capsys)
    type_mistake(path, "  - nam: 2023", f"  -{NBSP}nam: 2023")
    type_mistake(path, "ngay_ban_hanh: 04/12/2024", "ngay_ban_hanh: “04/12/2024")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    body_line = lines.index(HEADING_3) + 3  # the paragraph under heading 3, 1-based
    lines[body_line - 1] = "Đã chi \x1b1,2 tỷ đồng."
    path.write_text("\n".join(lines), encoding="utf-8")
    code, problems, _ = check(workspace, capsys)
    assert code == 1
    assert problems == [
        f'{FILE}:7: lỗi: Ngày ban hành (ngay_ban_hanh): "“04/12/2024" không đúng dạng. Giá trị'
        " có dấu ngoặc kép cong “ ” hoặc ‘ ’ (Word tự đổi dấu nháy): hãy xóa các dấu đó. Ngày ký"
        " ban hành báo cáo, viết dạng ngày/tháng/năm (03/12/2024) hoặc năm-tháng-ngày"
        ' (2024-12-03). Ví dụ: "03/12/2024", "2024-12-03".',
        f"{FILE}:17: cảnh báo: " + SPACE.format(column=4),
        f"{FILE}:{body_line}: lỗi: " + control("ESC", 8, after="1,2 tỷ đồng."),
    ]
    sub = load_round(workspace).report(AGENCY).submission
    assert sub.meta["so_lieu"][0]["nam"] == 2023
    assert "Đã chi 1,2 tỷ đồng." in sub.body  # removed from what is published


def test_a_zero_width_space_before_a_key_is_removed_with_a_warning(workspace, capsys):
    path = filled_template(workspace, capsys)
    type_mistake(path, "so_ky_hieu: 412/BC-UBND", "\u200bso_ky_hieu: 412/BC-UBND")
    code, problems, _ = check(workspace, capsys)
    assert (code, problems) == (
        0,
        [
            f"{FILE}:6: cảnh báo: Có ký tự không nhìn thấy (khoảng trắng độ rộng 0, thường lọt"
            " vào khi sao chép từ trang web hoặc Word) ở ký tự thứ 1 của dòng này. Công cụ đã bỏ"
            " nó; nên xóa và gõ lại dòng này."
        ],
    )
    assert load_round(workspace).report(AGENCY).submission.meta["so_ky_hieu"] == "412/BC-UBND"


def test_a_special_space_inside_a_value_is_left_alone():
    from baocao.repairs import repair_front_matter

    text = f"trich_yeu: Kế hoạch số 5:{NBSP}triển khai\nchuc_vu: “KT. CHỦ TỊCH” và “PHÓ”\n"
    assert repair_front_matter(text) == (text, [])


def test_escaped_control_and_bidi_characters_in_values_are_removed(workspace, capsys):
    """YAML turns "\\e" and "\\u202e" into the characters themselves: ESC is an error (it
    would colour a terminal), a right-to-left override a warning (it reverses what a reader
    sees); neither reaches the model."""
    path = filled_template(workspace, capsys)
    type_mistake(path, "so_ky_hieu: 412/BC-UBND", 'so_ky_hieu: "412\\e[31m/BC-UBND"')
    type_mistake(path, "ho_ten: Trần Thị Bình", 'ho_ten: "Trần \\u202eThị Bình"')
    code, problems, out = check(workspace, capsys)
    assert "\x1b" not in out and "\u202e" not in out
    tail = (
        ", có thể được viết bằng mã như \\e hay \\u202e trong dấu ngoặc kép. Công cụ đã bỏ ký tự"
        " đó; hãy xóa nó (hoặc mã đó) khỏi giá trị."
    )
    assert (code, problems) == (
        1,
        [
            f"{FILE}:6: lỗi: Số, ký hiệu văn bản (so_ky_hieu) có ký tự không nhìn thấy (ESC)"
            + tail,
            f"{FILE}:13: cảnh báo: Họ và tên người liên hệ (ho_ten) có ký tự không nhìn thấy"
            " (RIGHT-TO-LEFT OVERRIDE)" + tail,
        ],
    )
    meta = load_round(workspace).report(AGENCY).submission.meta
    assert meta["so_ky_hieu"] == "412[31m/BC-UBND"
    assert meta["lien_he"]["ho_ten"] == "Trần Thị Bình"


def test_a_bidi_override_in_the_body_is_removed_with_a_warning(workspace, capsys):
    path = filled_template(workspace, capsys)
    body_line = write_under_heading_3(
        path, "Đã chi \u202e1,2 tỷ đồng\u202c cho \u2066hội nghị\u2069."
    )
    code, problems, _ = check(workspace, capsys)
    warning = (
        "Có ký tự định hướng chữ không nhìn thấy (RIGHT-TO-LEFT OVERRIDE, POP DIRECTIONAL"
        " FORMATTING, LEFT-TO-RIGHT ISOLATE, POP DIRECTIONAL ISOLATE), đầu tiên ở ký tự thứ 8 của"
        " dòng này (thường lọt vào khi sao chép số điện thoại hoặc chữ từ trang web). Các ký tự"
        " này có thể làm chữ hiện ra theo thứ tự khác với khi gõ, nên công cụ đã bỏ chúng; nên xóa"
        " và gõ lại đoạn đó."
    )
    assert (code, problems) == (0, [f"{FILE}:{body_line}: cảnh báo: " + warning])
    body = load_round(workspace).report(AGENCY).submission.body
    assert "Đã chi 1,2 tỷ đồng cho hội nghị." in body


def test_file_names_a_terminal_would_act_on_or_cannot_encode(workspace):
    """A name with a byte that is not UTF-8 and an escape sequence: every format prints it
    with "�", and a terminal that refuses what it cannot encode gets no traceback."""
    import os
    import subprocess
    import sys

    folder = os.fsencode(workspace / "submissions")
    source = (Path(__file__).parents[1] / "submissions" / "bo-cong-an.md").read_bytes()
    with open(folder + b"/bo-\xff\x1b[2Jx.md", "wb") as handle:
        handle.write(source)
    with open(folder + b"/ghi-ch\xfa.txt", "wb") as handle:
        handle.write(b"x")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # strict: a lone surrogate raises
    summary = workspace / "summary.md"
    for fmt in ("text", "json", "github"):
        done = subprocess.run(
            [sys.executable, "-m", "baocao", "--root", str(workspace), "check"]
            + ["--format", fmt, "--summary", str(summary), "--today", "2024-12-04"],
            capture_output=True,
            env=env,
        )
        assert done.returncode == 1 and done.stderr == b"", done.stderr.decode()[-300:]
        out = done.stdout.decode("utf-8")  # strict: every byte printed is UTF-8
        assert "\x1b" not in out
        assert "submissions/bo-��[2Jx.md" in out.replace("\\/", "/")
        assert "submissions/ghi-ch�.txt" in out.replace("\\/", "/")
    assert "\x1b" not in summary.read_text(encoding="utf-8")


def test_the_pull_request_check_shows_every_problem_of_a_kind(workspace, capsys):
    """--changed (the pull request's check) once kept one problem of each kind a file: an
    official report with three empty sections showed one."""
    path = filled_template(workspace, capsys)
    text = path.read_text(encoding="utf-8").replace("trang_thai: du_thao", "trang_thai: chinh_thuc")
    lines = text.split("\n")
    for heading in (HEADING_2, HEADING_3):
        index = lines.index(heading) + 2
        assert lines[index] == "Đã thực hiện."
        lines[index] = PLACEHOLDER_TEXT
    path.write_text("\n".join(lines), encoding="utf-8")
    argv = ["--root", str(workspace), "check", "--today", "2024-12-04"]
    assert main([*argv, str(path)]) == 1
    full = [line for line in capsys.readouterr().out.splitlines() if line.startswith(FILE)]
    assert main([*argv, "--changed", FILE]) == 1
    changed = [line for line in capsys.readouterr().out.splitlines() if line.startswith(FILE)]
    assert len([line for line in full if "chưa có nội dung" in line]) == 2
    assert changed == full


EXTRA_CELL = (
    'Hàng này của bảng có 3 ô, nhiều hơn hàng tiêu đề (2 ô): ô thừa ("{extra}") không hiện trên'
    " trang web và trong báo cáo tổng hợp. Thêm cột ở hàng tiêu đề và ở dòng |---| ngay dưới nó,"
    " hoặc gộp ô thừa vào ô trước."
)


def test_table_rows_that_do_not_fit_their_header(workspace, capsys):
    """A cell past the header's is lost by every Markdown reader (site and DOCX): an error.
    A short row is left empty, and a `|---|` row of another width makes no table: warnings.
    An escaped pipe is no cell; a well-formed table, or pipes in a code block, say nothing."""
    path = filled_template(workspace, capsys)
    at = write_under_heading_3(
        path,
        "Đã chi 1,2 tỷ đồng.",
        "",
        "| Năm | Số vụ |",
        "|---|---:|",
        "| 2023 | 1.240 | ghi chú thừa |",
        "| 2024 |",
        "| 2025 | 3 \\| 4 |",
        "",
        "| A | B | C |",
        "|---|---|",
        "| 1 | 2 | 3 |",
        "",
        "| Đúng | bảng |",
        "|---|---|",
        "| 1 | 2 |",
        "",
        "```",
        "| trong | khối mã | không phải bảng |",
        "|---|",
        "```",
    )
    code, problems, _ = check(workspace, capsys)
    assert (code, problems) == (
        1,
        [
            f"{FILE}:{at + 4}: lỗi: " + EXTRA_CELL.format(extra="ghi chú thừa"),
            f"{FILE}:{at + 5}: cảnh báo: Hàng này của bảng có 1 ô, ít hơn hàng tiêu đề (2 ô): các"
            ' ô cuối sẽ để trống. Nếu còn thiếu số liệu, thêm ô cho đủ (ô trống viết "| |").',
            f"{FILE}:{at + 8}: cảnh báo: Bảng bắt đầu ở dòng này không được đọc thành bảng: hàng"
            " tiêu đề có 3 ô nhưng dòng |---| dưới nó có 2 ô, nên cả bảng hiện thành một đoạn chữ"
            " có các dấu |. Sửa dòng thứ hai cho có đúng 3 ô: |---|---|---|",
        ],
    )


def test_a_table_in_a_block_quote_is_checked_like_any_other(workspace, capsys):
    """A quoted table loses its extra cells in every output too. A line without the quote's
    "> " ends the table (a paragraph of pipes, shown as typed), and pipes in a quoted code
    block are no table."""
    path = filled_template(workspace, capsys)
    at = write_under_heading_3(
        path,
        "Đã chi 1,2 tỷ đồng.",
        "",
        "> | Năm | Số vụ |",
        "> |---|---:|",
        "> | 2023 | 1.240 |",
        "| ngoài | trích | dẫn |",
        "",
        ">> | A | B |",
        "> > |---|---|",
        ">> | 1 | 2 | ô thừa |",
        "",
        "> ```",
        "> | trong | khối mã |",
        "> |---|",
        "> ```",
    )
    code, problems, _ = check(workspace, capsys)
    assert (code, problems) == (1, [f"{FILE}:{at + 9}: lỗi: " + EXTRA_CELL.format(extra="ô thừa")])


def test_character_references_to_invisible_characters_are_errors(workspace, capsys):
    """`&#x202E;` or `&#8203;` in the text write the characters the check removes, in every
    output; "&#233;" (é) and an escaped "\\&#27;" are text as usual. U+FFFF, which no XML may
    hold, is removed from a field like a control character (the agency's DOCX failed on it)."""
    path = filled_template(workspace, capsys)
    type_mistake(path, "chuc_vu: Phó Chủ tịch", 'chuc_vu: "Phó Chủ tịch\\uFFFF"')
    at = write_under_heading_3(path, "Đã chi &#x202E;1,2 tỷ đồng &#233; \\&#27; &#8203;.")
    code, problems, _ = check(workspace, capsys)
    entity = (
        'Mã "{entity}" ở ký tự thứ {column} của dòng này viết ra một ký tự không nhìn thấy'
        " ({name}), có thể làm chữ hiện ra khác với khi gõ. Xóa mã đó."
    )
    assert (code, problems) == (
        1,
        [
            f"{FILE}:10: lỗi: Chức vụ người ký (chuc_vu) có ký tự không nhìn thấy (mã U+FFFF), có"
            " thể được viết bằng mã như \\e hay \\u202e trong dấu ngoặc kép. Công cụ đã bỏ ký tự"
            " đó; hãy xóa nó (hoặc mã đó) khỏi giá trị.",
            f"{FILE}:{at}: lỗi: "
            + entity.format(entity="&#x202E;", column=8, name="RIGHT-TO-LEFT OVERRIDE"),
            f"{FILE}:{at}: lỗi: "
            + entity.format(entity="&#8203;", column=42, name="ZERO WIDTH SPACE"),
        ],
    )
    assert load_round(workspace).report(AGENCY).submission.meta["nguoi_ky"]["chuc_vu"] == (
        "Phó Chủ tịch"
    )


def test_a_comment_that_hides_part_of_the_report_is_told(workspace, capsys):
    """A comment runs to its first "-->": one left open hides the rest of the report, one
    closed late hides the headings inside it (and the sections are then "missing")."""
    path = filled_template(workspace, capsys)
    type_mistake(path, HEADING_3, f"<!-- bản nháp, chưa gửi\n\n{HEADING_3}")
    at = write_under_heading_3(path, "Đã chi 1,2 tỷ đồng. -->")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n<!-- ghi chú cuối\n\nĐoạn cuối.\n", encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").split("\n")) - 1
    code, problems, _ = check(workspace, capsys)
    comments = [p for p in problems if "Ghi chú mở bằng" in p]
    assert comments == [
        f'{FILE}:{at - 4}: cảnh báo: Ghi chú mở bằng "<!--" ở dòng này kéo dài đến dòng {at} và'
        ' che mất tiêu đề "3. Kinh phí thực hiện Đề án hằng năm và cho cả giai đoạn." cùng nội'
        " dung đi kèm: chúng bị ẩn trên trang web và trong báo cáo tổng hợp. Có thể ghi chú này"
        ' thiếu "-->" ở cuối; thêm "-->" ngay sau ghi chú.',
        f'{FILE}:{last - 2}: cảnh báo: Ghi chú mở bằng "<!--" ở dòng này không được đóng bằng'
        f' "-->", nên mọi chữ từ đây đến hết báo cáo (dòng {last}) bị ẩn trên trang web và trong'
        ' báo cáo tổng hợp. Thêm "-->" ở cuối ghi chú.',
    ]


def test_a_footnote_defined_inside_a_list_or_quote_is_refused(workspace, capsys, tmp_path):
    """pandoc never ends reading a note that cites itself from inside a list or a quote: such a
    definition is an error, so the report stays out of the merged DOCX, which is built."""
    path = filled_template(workspace, capsys)
    at = write_under_heading_3(
        path,
        "Đã chi 1,2 tỷ đồng[^1].",
        "",
        "- [^1]: Ghi chú[^1]",
        "",
        "> [^2]: Trích dẫn[^2]",
        "",
        "[^1]: Theo báo cáo quyết toán.",
        "",
        "```",
        "- [^3]: trong khối mã",
        "```",
    )
    code, problems, _ = check(workspace, capsys)
    assert code == 1
    assert [p for p in problems if "[^" in p] == [
        f'{FILE}:{line}: lỗi: Định nghĩa chú thích "[^{label}]:" nằm trong danh sách, trích dẫn'
        " hoặc đoạn thụt lề, nên không được đặt đúng chỗ trên trang web và trong báo cáo tổng"
        f' hợp. Viết dòng "[^{label}]: ..." sát lề trái, không có dấu "-", "+", "*", số thứ tự,'
        ' ">" hay khoảng trắng phía trước, và cách đoạn trên một dòng trống.'
        for line, label in ((at + 2, 1), (at + 4, 2))
    ]
    build = [sys.executable, "-m", "baocao", "--root", str(workspace), "build", "docx"]
    done = subprocess.run([*build, "--out", str(tmp_path)], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "bao-cao-tong-hop.docx").is_file()
