"""Issue 16 item 6: every document limit of baocao.limits is refused just above it with a
message saying the limit, the size found, file and line, and accepted at it; the contributor
guide states the same numbers."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from baocao import limits
from baocao.text import format_number
from baocao.workspace import load_round

ROOT = Path(__file__).resolve().parents[1]
COMPLETE = ROOT / "tests/acceptance/valid/complete/submissions/hoi-bao-ve-nguoi-tieu-dung.md"
AGENCY = "hoi-bao-ve-nguoi-tieu-dung"
REPORT = f"submissions/{AGENCY}.md"
BASE = COMPLETE.read_text(encoding="utf-8")
FIRST = BASE.count("\n") + 2  # file line of the first line appended after a blank line


def png(width: int, height: int) -> bytes:
    """A PNG signature and IHDR chunk: all the checker reads."""
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII5B", 13, b"IHDR", width, height, 8, 2, 0, 0, 0)


def limit_problems(workspace: Path, extra: str = "") -> list[tuple[str, int | None, str]]:
    (workspace / REPORT).write_text(BASE + "\n" + extra, encoding="utf-8")
    rnd = load_round(workspace)
    found = [(p.file, p.line, p.message) for p in rnd.problems if p.code.startswith("limit-")]
    assert rnd.report(AGENCY).usable == (not found)
    return found


def n(value: int) -> str:
    return format_number(value)


BODY_CASES = {
    # name: (text at the limit, text over it, message over it)
    "heading": (
        "## " + "a" * limits.HEADING_CHARS,
        "## " + "a" * (limits.HEADING_CHARS + 1),
        "Tiêu đề dài 1.001 ký tự, vượt giới hạn 1.000 ký tự. Hãy viết tiêu đề ngắn lại, đưa phần giải thích xuống đoạn văn bên dưới.",
    ),
    "lists": (
        "- " * limits.BLOCK_DEPTH + "a",
        "- " * (limits.BLOCK_DEPTH + 1) + "a",
        "Danh sách và trích dẫn lồng nhau 11 cấp, vượt giới hạn 10 cấp. Hãy bớt cấp lồng nhau (bớt dấu >, bớt thụt lề của danh sách).",
    ),
    "indented lists": (
        "\n".join("  " * i + "- a" for i in range(limits.BLOCK_DEPTH)),
        "\n".join("  " * i + "- a" for i in range(limits.BLOCK_DEPTH + 1)),
        "Danh sách và trích dẫn lồng nhau 11 cấp, vượt giới hạn 10 cấp. Hãy bớt cấp lồng nhau (bớt dấu >, bớt thụt lề của danh sách).",
    ),
    "quotes": (
        "> " * limits.BLOCK_DEPTH + "a",
        "> " * (limits.BLOCK_DEPTH + 1) + "a",
        "Danh sách và trích dẫn lồng nhau 11 cấp, vượt giới hạn 10 cấp. Hãy bớt cấp lồng nhau (bớt dấu >, bớt thụt lề của danh sách).",
    ),
    "brackets": (
        "[" * limits.BRACKET_DEPTH + "a" + "]" * limits.BRACKET_DEPTH,
        "[" * (limits.BRACKET_DEPTH + 1) + "a" + "]" * (limits.BRACKET_DEPTH + 1),
        "Dấu ngoặc vuông [ ] lồng nhau 11 cấp trong một đoạn, vượt giới hạn 10 cấp. Hãy bớt ngoặc vuông lồng nhau, hoặc viết \\[ nếu muốn hiện dấu [.",
    ),
    "emphasis": (
        "*a " * limits.EMPHASIS_DEPTH + "b" + " a*" * limits.EMPHASIS_DEPTH,
        "*a " * (limits.EMPHASIS_DEPTH + 1) + "b" + " a*" * (limits.EMPHASIS_DEPTH + 1),
        "Chữ đậm, nghiêng, gạch ngang (*, _, ~~) lồng nhau 11 cấp trong một đoạn, vượt giới hạn 10 cấp. Hãy bớt các dấu * và _ thừa, hoặc viết \\* nếu muốn hiện dấu *.",
    ),
    "emphasis marks": (
        "a_b " * limits.EMPHASIS_MARKS,
        "a_b " * (limits.EMPHASIS_MARKS + 1),
        "Một đoạn có 1.001 dấu *, _ hoặc ~~, vượt giới hạn 1.000 dấu trong một đoạn. Hãy chia đoạn văn này thành nhiều đoạn ngắn, bớt các dấu thừa, hoặc viết \\* và \\_ nếu muốn hiện các dấu đó.",
    ),
    "table rows": (
        "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * (limits.TABLE_ROWS - 1),
        "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * limits.TABLE_ROWS,
        "Bảng có 2.001 dòng, vượt giới hạn 2.000 dòng. Hãy chia bảng thành nhiều bảng nhỏ, hoặc đưa vào tệp Excel đính kèm.",
    ),
    "table cells": (
        "|" + " a |" * 20 + "\n|" + "---|" * 20 + "\n" + ("|" + " 1 |" * 20 + "\n") * 999,
        "|" + " a |" * 20 + "\n|" + "---|" * 20 + "\n" + ("|" + " 1 |" * 20 + "\n") * 1000,
        "Bảng có 20.020 ô (1.001 dòng × 20 cột), vượt giới hạn 20.000 ô. Hãy chia bảng thành nhiều bảng nhỏ, hoặc đưa vào tệp Excel đính kèm.",
    ),
    "html": (
        "<div><span>" * (limits.HTML_DEPTH // 2) + "<br><p><li>a",  # void, optional ends
        "<div><span>" * (limits.HTML_DEPTH // 2) + "\n<B\n>a",  # unclosed, on later lines
        "Thẻ HTML lồng nhau 21 cấp, vượt giới hạn 20 cấp. Hãy đóng các thẻ đã mở (</div>, </span>…) hoặc bỏ bớt thẻ HTML, viết bằng Markdown.",
    ),
    "combining marks": (
        "x" + "\u0301\u0323" * (limits.COMBINING_MARKS // 2) + " ệ",
        "```\nx" + "\u0301" * (limits.COMBINING_MARKS + 5) + "\n```",  # code is read too
        "Một chữ mang 35 dấu kết hợp liền nhau (dấu thanh, dấu phụ), vượt giới hạn 30 dấu. Hãy xóa các dấu thừa (thường do chép từ nơi khác) hoặc gõ lại chữ đó.",
    ),
    "links": (
        "[a](https://a.vn) " * limits.PARAGRAPH_LINKS,
        "[a](https://a.vn) " * limits.PARAGRAPH_LINKS + "\n![b](b.png)",
        "Một đoạn có 101 liên kết hoặc dấu [, vượt giới hạn 100 trong một đoạn. Hãy chia đoạn văn này thành nhiều đoạn ngắn, hoặc viết \\[ nếu muốn hiện dấu [.",
    ),
    "comments": (
        "a" + "<!--" * limits.PARAGRAPH_COMMENTS,
        "a" + "<!--" * (limits.PARAGRAPH_COMMENTS + 1),
        'Một đoạn có 101 dấu mở ghi chú "<!--" không được đóng, vượt giới hạn 100 trong một đoạn. Hãy đóng mỗi ghi chú bằng "-->", xóa các dấu "<!--" thừa, hoặc viết \\<!-- nếu muốn hiện dấu đó.',
    ),
    "links in continued lines": (
        "Nội dung\n" + "2. [a](https://a.vn)\n" * limits.PARAGRAPH_LINKS,
        "Nội dung\n"
        + "2. [a](https://a.vn)\n" * limits.PARAGRAPH_LINKS
        + "    - [a](https://a.vn)",
        "Một đoạn có 101 liên kết hoặc dấu [, vượt giới hạn 100 trong một đoạn. Hãy chia đoạn văn này thành nhiều đoạn ngắn, hoặc viết \\[ nếu muốn hiện dấu [.",
    ),
    "links after an inline comment": (  # "<!--" after text hides nothing past its paragraph
        "Mở đầu <!--\n\n" + "[a](https://a.vn) " * limits.PARAGRAPH_LINKS + "\n\n-->",
        "Mở đầu <!--\n\n" + "[a](https://a.vn) " * (limits.PARAGRAPH_LINKS + 1) + "\n\n-->",
        "Một đoạn có 101 liên kết hoặc dấu [, vượt giới hạn 100 trong một đoạn. Hãy chia đoạn văn này thành nhiều đoạn ngắn, hoặc viết \\[ nếu muốn hiện dấu [.",
    ),
    "list count": (
        "- a\n\nđoạn\n\n" * (limits.LISTS - 1),  # the sample report has one list
        "- a\n\nđoạn\n\n" * limits.LISTS,
        "Báo cáo có 201 danh sách (kể cả danh sách con), vượt giới hạn 200. Hãy gộp các danh sách liền nhau, hoặc viết thành đoạn văn.",
    ),
}


@pytest.mark.parametrize("case", BODY_CASES, ids=list(BODY_CASES))
def test_body_limit_refused_above_and_accepted_at(workspace, case):
    at, over, message = BODY_CASES[case]
    assert limit_problems(workspace, at + "\n") == []
    offsets = {
        "indented lists": limits.BLOCK_DEPTH,
        "list count": 4 * (limits.LISTS - 1),
        "html": 1,
        "combining marks": 1,
        "links": 1,
        "links after an inline comment": 2,
        "links in continued lines": limits.PARAGRAPH_LINKS + 1,
    }
    line = FIRST + offsets.get(case, 0)  # where the limit is passed
    assert limit_problems(workspace, over + "\n") == [(REPORT, line, message)]


def test_image_references(workspace):
    folder = workspace / "submissions" / AGENCY
    folder.mkdir()
    (folder / "anh.png").write_bytes(png(10, 10))
    image = f"![Ảnh]({AGENCY}/anh.png)\n\n"
    assert limit_problems(workspace, image * limits.IMAGE_REFERENCES) == []
    message = "Báo cáo hiện 201 ảnh, vượt giới hạn 200 ảnh. Hãy chỉ giữ những ảnh cần thiết."
    line = FIRST + 2 * limits.IMAGE_REFERENCES
    assert limit_problems(workspace, image * (limits.IMAGE_REFERENCES + 1)) == [
        (REPORT, line, message)
    ]


def test_report_bytes(workspace):
    head = (BASE + "\n").encode("utf-8")
    filler = limits.REPORT_BYTES - len(head) - 1
    (workspace / REPORT).write_bytes(head + b"a" * filler + b"\n")
    rnd = load_round(workspace)
    assert not [p for p in rnd.problems if p.code.startswith("limit-")]
    (workspace / REPORT).write_bytes(head + b"a" * (filler + 1) + b"\n")
    rnd = load_round(workspace)
    message = "Tệp báo cáo dài 1.000.001 byte, vượt giới hạn 1.000.000 byte. Báo cáo thường chỉ 10–50 KB: hãy bỏ phần chép thừa, đưa bảng số liệu dài vào tệp Excel đính kèm."
    assert [(p.file, p.line, p.message) for p in rnd.problems if p.is_error] == [
        (REPORT, None, message)
    ]


def _folder_problems(workspace: Path, files: dict[str, tuple[bytes, int]]) -> list:
    """Files of the agency's folder: name -> (first bytes, size: the rest is a hole)."""
    folder = workspace / "submissions" / AGENCY
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, (head, size) in files.items():
        with open(folder / name, "wb") as handle:
            handle.write(head)
            handle.truncate(size)
    return limit_problems(workspace)


def test_image_bytes(workspace):
    at = limits.IMAGE_BYTES
    assert _folder_problems(workspace, {"anh.png": (png(10, 10), at)}) == []
    message = f"Ảnh dài {n(at + 1)} byte, vượt giới hạn {n(at)} byte một ảnh. Hãy giảm kích thước ảnh (lưu lại dạng JPEG, chất lượng vừa phải)."
    assert _folder_problems(workspace, {"anh.png": (png(10, 10), at + 1)}) == [
        (f"submissions/{AGENCY}/anh.png", None, message)
    ]


def test_image_pixels(workspace):
    assert limits.IMAGE_PIXELS == 5000 * 5000
    assert _folder_problems(workspace, {"anh.png": (png(5000, 5000), 100)}) == []
    message = "Ảnh có 5.000 × 5.001 = 25.005.000 điểm ảnh, vượt giới hạn 25.000.000 điểm ảnh. Hãy thu nhỏ ảnh (ví dụ rộng tối đa 4000 điểm ảnh)."
    assert _folder_problems(workspace, {"anh.png": (png(5000, 5001), 100)}) == [
        (f"submissions/{AGENCY}/anh.png", None, message)
    ]
    big = "Ảnh có 60.000 × 60.000 = 3.600.000.000 điểm ảnh, vượt giới hạn 25.000.000 điểm ảnh. Hãy thu nhỏ ảnh (ví dụ rộng tối đa 4000 điểm ảnh)."
    assert _folder_problems(workspace, {"anh.png": (png(60000, 60000), 100)}) == [
        (f"submissions/{AGENCY}/anh.png", None, big)
    ]


@pytest.mark.parametrize(
    ("name", "head", "detail", "kind"),
    [
        ("anh.png", b"not an image", "phần đầu tệp không đúng dạng", "PNG"),
        ("anh.jpg", png(10, 10), "phần đầu tệp không đúng dạng", "JPEG"),
        (
            "anh.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
            "không có phần khai báo kích thước",
            "JPEG",
        ),
        ("anh.gif", b"GIF89a\x01", "phần đầu tệp bị cắt cụt", "GIF"),
        ("anh.webp", b"RIFF\x00\x00\x00\x00WEBPVP8X", "phần đầu tệp bị cắt cụt", "WebP"),
    ],
    ids=["png-text", "jpg-png", "jpg-no-frame", "gif-cut", "webp-cut"],
)
def test_unreadable_image_header(workspace, name, head, detail, kind):
    message = f"Không đọc được kích thước của ảnh ({detail}): tệp hỏng, hoặc không phải ảnh {kind} như tên tệp cho biết. Hãy lưu lại ảnh dạng PNG hoặc JPEG."
    assert _folder_problems(workspace, {name: (head, len(head))}) == [
        (f"submissions/{AGENCY}/{name}", None, message)
    ]


def test_attachment_and_folder_bytes(workspace):
    each = limits.FILE_BYTES
    assert _folder_problems(workspace, {"a.pdf": (b"%PDF", each)}) == []
    message = f"Tệp đính kèm dài {n(each + 1)} byte, vượt giới hạn {n(each)} byte một tệp. Hãy nén hoặc chia nhỏ tệp."
    assert _folder_problems(workspace, {"a.pdf": (b"%PDF", each + 1)}) == [
        (f"submissions/{AGENCY}/a.pdf", None, message)
    ]
    total = limits.FOLDER_BYTES
    files = {f"{i}.pdf": (b"%PDF", each) for i in range(total // each)}
    assert _folder_problems(workspace, files) == []
    message = f"Các tệp trong thư mục submissions/{AGENCY}/ dài tổng cộng {n(total + 1)} byte, vượt giới hạn {n(total)} byte. Hãy bỏ tệp không cần thiết hoặc giảm kích thước ảnh."
    assert _folder_problems(workspace, {**files, "x.pdf": (b"%", 1)}) == [
        (f"submissions/{AGENCY}", None, message)
    ]


def test_real_images_are_measured(workspace):
    """The sample chart and a JPEG, GIF and WebP of known size pass."""
    sample = ROOT / "submissions" / "tcqltt-cuc-nghiep-vu" / "bieu-do-xu-ly.png"
    from baocao.pixels import dimensions

    assert dimensions(sample.read_bytes(), ".png") == (640, 340)
    jpeg = b"\xff\xd8\xff\xe0\x00\x04JF\xff\xc0\x00\x11\x08\x01\xe0\x02\x80\x03"
    assert dimensions(jpeg, ".jpg") == (640, 480)
    assert dimensions(b"GIF87a\x10\x00\x20\x00", ".gif") == (16, 32)
    vp8l = b"RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f" + (
        (300 - 1) | ((200 - 1) << 14)
    ).to_bytes(4, "little")
    assert dimensions(vp8l, ".webp") == (300, 200)


def test_build_refuses_a_report_over_a_limit(workspace):
    """A build lists the problem and leaves the report out, like any check error."""
    (workspace / REPORT).write_text(BASE + "\n" + "- " * 11 + "a\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "baocao", "--root", str(workspace), "check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{REPORT}:{FIRST}: lỗi: Danh sách và trích dẫn lồng nhau 11 cấp" in run.stdout


GUIDE_ROWS = {
    "Tệp báo cáo (`.md`)": f"{n(limits.REPORT_BYTES)} byte (khoảng 1 MB)",
    "Phần văn bản của tệp Word (`.docx`), giải nén": f"{n(limits.WORD_XML_BYTES)} byte (khoảng 5 MB)",
    "Một tiêu đề": f"{n(limits.HEADING_CHARS)} ký tự",
    "Danh sách và trích dẫn (`>`) lồng nhau": f"{limits.BLOCK_DEPTH} cấp",
    "Dấu ngoặc vuông `[ ]` lồng nhau trong một đoạn": f"{limits.BRACKET_DEPTH} cấp",
    "Chữ đậm, nghiêng, gạch ngang (`*`, `_`, `~~`) lồng nhau trong một đoạn": f"{limits.EMPHASIS_DEPTH} cấp",
    "Số dấu `*`, `_`, `~~` trong một đoạn": f"{n(limits.EMPHASIS_MARKS)} dấu",
    "Một bảng": f"{n(limits.TABLE_ROWS)} dòng (kể cả dòng tiêu đề) và {n(limits.TABLE_CELLS)} ô",
    "Thẻ HTML lồng nhau (`<div>`, `<span>`…)": f"{limits.HTML_DEPTH} cấp",
    "Dấu kết hợp liền nhau trên một chữ (dấu thanh, dấu phụ)": f"{limits.COMBINING_MARKS} dấu",
    "Số liên kết (dấu `[`) trong một đoạn": f"{limits.PARAGRAPH_LINKS} liên kết",
    "Số dấu mở ghi chú `<!--` chưa đóng trong một đoạn": f"{limits.PARAGRAPH_COMMENTS} dấu",
    "Số danh sách trong báo cáo (kể cả danh sách con)": f"{limits.LISTS} danh sách",
    "Số ảnh hiện trong báo cáo (`![...](...)`)": f"{limits.IMAGE_REFERENCES} ảnh",
    "Một ảnh (PNG, JPEG, GIF, WebP)": f"{n(limits.IMAGE_BYTES)} byte và {n(limits.IMAGE_PIXELS)} điểm ảnh (chiều rộng × chiều cao)",
    "Một tệp đính kèm khác (PDF, Word, Excel)": f"{n(limits.FILE_BYTES)} byte",
    "Mọi tệp trong thư mục `submissions/<mã-cơ-quan>/` cộng lại": f"{n(limits.FOLDER_BYTES)} byte",
}


def test_contributor_guide_states_the_limits():
    page = (ROOT / "docs" / "huong-dan" / "viet-bao-cao.md").read_text(encoding="utf-8")
    section = page[page.index("## Giới hạn của báo cáo") :]
    rows = dict(re.findall(r"^\| (.+?) \| (.+?) \|$", section, re.M)[1:])
    assert rows == GUIDE_ROWS
    constants = {k for k in vars(limits) if k.isupper()} - {"CONFIG_BYTES"}  # not a report's
    assert len(constants) == 19  # a new limit needs a row in the guide and here


def test_a_comment_costs_nothing_and_moves_no_line(workspace):
    """What a closed comment holds is not measured, and a limit passed after it is reported
    on its own line."""
    hidden = "<!--\n" + "[" * (limits.BRACKET_DEPTH + 5) + "\n-->\n"
    assert limit_problems(workspace, hidden) == []
    over = "[" * (limits.BRACKET_DEPTH + 1) + "a" + "]" * (limits.BRACKET_DEPTH + 1) + "\n"
    found = limit_problems(workspace, hidden + "\n" + over)
    assert [(file, line) for file, line, _ in found] == [(REPORT, FIRST + 4)]


def test_a_line_of_spaces_under_a_table_header_is_read_in_linear_time(workspace):
    """The patterns for a table's delimiter row had two runs of spaces in a row (`\\s*\\|?\\s*`):
    a line of dashes and spaces under a header took time that grows with the square of its
    length (30,000 spaces: 15 s; a report of a megabyte: hours, the whole CI job)."""
    import time

    spaces = " " * 30_000
    rows = [f"|---{spaces}x|", f"{spaces}x|", f"|-{spaces}-"]
    start = time.process_time()
    load_round(workspace)  # (warm: the round's own reading)
    base = time.process_time() - start
    start = time.process_time()
    tables = "\n\n".join(f"| a | b |\n{row}" for row in rows)
    (workspace / REPORT).write_text(BASE + "\n" + tables + "\n", encoding="utf-8")
    load_round(workspace)
    assert time.process_time() - start < base + 3


def test_a_gif_frame_larger_than_its_screen_counts(workspace):
    """A browser shows a GIF's first frame at the frame's own size when it is larger than the
    image's logical screen (Chromium: a 10 × 10 screen holding a 6000 × 6000 frame is shown
    6000 × 6000): the screen alone let a picture of any size pass the limit."""

    def gif(width: int, height: int) -> bytes:
        screen = b"GIF89a" + struct.pack("<HH", 10, 10) + b"\x80\x00\x00" + b"\x00" * 6
        control = b"\x21\xf9\x04\x00\x00\x00\x00\x00"  # an extension before the frame
        frame = b"\x2c" + struct.pack("<HHHH", 0, 0, width, height) + b"\x00"
        return screen + control + frame + b"\x02\x02\x4c\x01\x00\x3b"

    assert _folder_problems(workspace, {"anh.gif": (gif(10, 10), 100)}) == []
    message = "Ảnh có 6.000 × 6.000 = 36.000.000 điểm ảnh, vượt giới hạn 25.000.000 điểm ảnh. Hãy thu nhỏ ảnh (ví dụ rộng tối đa 4000 điểm ảnh)."
    assert _folder_problems(workspace, {"anh.gif": (gif(6000, 6000), 100)}) == [
        (f"submissions/{AGENCY}/anh.gif", None, message)
    ]
