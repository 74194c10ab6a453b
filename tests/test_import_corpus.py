"""`baocao import` on the real administrative Word files of ../shared/corpus/vn-gov-docx/."""

from __future__ import annotations

import contextlib
import io
import re

import docx
import pytest
import yaml

from baocao.importer import import_docx
from baocao.importer.reader import Table, read_document
from baocao.text import fold
from baocao.workspace import load_round
from conftest import SHARED, shared
from test_import import new_workspace, run_import
from test_import_docs import AGENCY, normal_markdown, source_texts

CORPUS = SHARED / "corpus" / "vn-gov-docx"
FILES = sorted(p.name for p in CORPUS.glob("*.docx")) if CORPUS.is_dir() else ["(corpus absent)"]
# Files whose letterhead has a "Số:" line, and whose signature block names the signer.
NO_NUMBER = {
    "Nhan_xet_phan_bien_ho_so_kho_VLNCN_NgoiNhu1A.docx",
    "bao-cao-ket-qua-thang-atvsld.docx",
    "cong-van-don-doc-tien-do-ha-tang-ccn-bao-cao-hang-tuan.docx",
    "TB-1894_9.4.2026_Ket-qua-sau-kiem-tra-chap-hanh.docx",
}
NO_SIGNER = {"Nhan_xet_phan_bien_ho_so_kho_VLNCN_NgoiNhu1A.docx", "bao-cao-vp-ubnd.docx"}


@pytest.fixture(scope="module", params=FILES)
def result(request, root, campaign, tmp_path_factory):
    path = shared("corpus", "vn-gov-docx", request.param)
    workspace = new_workspace(root, tmp_path_factory.mktemp("ws"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = run_import(workspace, path, AGENCY)
    md = workspace / "submissions" / f"{AGENCY}.md"
    return {
        "name": request.param,
        "path": path,
        "code": code,
        "out": out.getvalue(),
        "md": md,
        "root": workspace,
        "text": md.read_text(encoding="utf-8"),
    }


def test_every_paragraph_and_cell_is_kept(result):
    """In the body, or named in the report of what went into the front matter (issue 17)."""
    body = normal_markdown(result["text"].split("\n---\n", 1)[1])
    moved = normal_markdown(result["out"])
    missing = [
        t
        for t in source_texts(result["path"])
        if normal_markdown(t) not in body and normal_markdown(t) not in moved
    ]
    assert missing == []
    assert "không tìm thấy nguyên văn" not in result["out"]


def test_the_frame_is_not_body_text(result):
    """Quốc hiệu, Tiêu ngữ, Nơi nhận and the signer's capacity go out of the body."""
    body = fold(result["text"].split("\n---\n", 1)[1])
    assert "cong hoa xa hoi chu nghia" not in body
    assert "doc lap - tu do" not in body
    assert "noi nhan" not in body
    assert "Đã tách" in result["out"]


def test_output_passes_the_check_for_structure(result):
    assert result["code"] == 0, result["out"]
    rnd = load_round(result["root"], [result["md"]])
    assert rnd.errors == []
    assert rnd.report(AGENCY).status == "draft"


def test_numbered_bold_titles_become_headings(result):
    source = read_document(docx.Document(str(result["path"])), AGENCY)
    titled = [
        p.plain
        for p in source.blocks
        if not isinstance(p, Table)
        and p.bold
        and re.match(r"^(?:[IVX]+|\d+(?:\.\d+)*)\.\s", p.plain)
        and len(p.plain) < 300
    ]
    headings = {
        re.sub(r"^#+ ", "", line)
        for line in result["text"].splitlines()
        if line.startswith("#") and not line.startswith("# Nhập")
    }
    assert [t for t in titled if t not in headings] == []


def test_letterhead_fields_are_read(result):
    meta = yaml.safe_load(result["text"].split("---\n")[1])
    if result["name"] not in NO_NUMBER:
        assert re.fullmatch(r"/[A-ZĐ]+-[A-ZĐ]+", meta["so_ky_hieu"]), meta["so_ky_hieu"]
    if result["name"] not in NO_SIGNER:
        name = meta["nguoi_ky"]["ho_ten"]
        assert name != "(Chưa điền)" and name in result["text"] and len(name.split()) >= 3
        assert meta["nguoi_ky"]["chuc_vu"].isupper()
    # drafts: the day is left blank in every file of the corpus, so the date stays a placeholder
    assert meta["ngay_ban_hanh"] == "(Chưa điền)"


def test_no_legacy_repair_on_unicode_files(result, campaign):
    """No paragraph of these Unicode files (some under a .VnTime font) is treated as TCVN3 or VNI."""
    document = docx.Document(str(result["path"]))
    converted = import_docx(campaign, campaign.agency(AGENCY), document, result["name"])
    assert converted.source.legacy == {}


def test_typo_in_national_motto_is_tolerated(campaign):
    path = shared("corpus", "vn-gov-docx", "TB-1894_9.4.2026_Ket-qua-sau-kiem-tra-chap-hanh.docx")
    converted = import_docx(campaign, campaign.agency(AGENCY), docx.Document(str(path)), path.name)
    assert "CỘNG HÕA" not in converted.body  # a Quốc hiệu with a typo is frame all the same
    assert ("Quốc hiệu", "CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM") in converted.frame.moved or any(
        "CỘNG HÕA" in text for _, text in converted.frame.moved
    )
    assert converted.letterhead.ho_ten == "Hoàng Văn Thuân"


def test_import_is_deterministic(campaign):
    path = shared("corpus", "vn-gov-docx", "BC-UBND-QLNN-khoang-san-nam-2025.docx")
    agency = campaign.agency(AGENCY)
    first = import_docx(campaign, agency, docx.Document(str(path)), path.name).text
    assert import_docx(campaign, agency, docx.Document(str(path)), path.name).text == first


@pytest.mark.slow
def test_word97_doc_is_converted_with_libreoffice(root, tmp_path):
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = shared("corpus", "vn-gov-docx", "legacy-doc")
    source = sorted(folder.glob("*.doc"))[0]
    workspace = new_workspace(root, tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        assert run_import(workspace, source, AGENCY) == 1
        assert run_import(workspace, source, AGENCY, convert=True) == 0
    text = (workspace / "submissions" / f"{AGENCY}.md").read_text(encoding="utf-8")
    assert "đây là tệp Word 97-2003 (.doc)" in out.getvalue()
    assert len(normal_markdown(text)) > 1000


def _pandoc_case(campaign, name: str):
    path = shared("corpus", "pandoc-docx", f"{name}.docx")
    return import_docx(campaign, campaign.agency(AGENCY), docx.Document(str(path)), path.name)


def test_footnotes_and_endnotes_are_kept(campaign):
    result = _pandoc_case(campaign, "notes")
    assert "Test footnote.[^1] Test endnote.[^2]" in result.body
    assert "\n[^1]: My note.\n" in result.body
    assert "\n[^2]: This is an endnote at the end of the document.\n" in result.body


@pytest.mark.parametrize(
    ("name", "kept", "dropped"),
    [
        ("track_changes_insertion", "This is a text with two exciting insertions.", None),
        ("track_changes_deletion", "This is a text with a deletion.", None),
    ],
)
def test_tracked_changes_are_accepted(campaign, name, kept, dropped):
    result = _pandoc_case(campaign, name)
    assert result.body.strip() == kept
    assert result.source.revisions > 0


def test_comments_are_dropped_and_counted(campaign):
    result = _pandoc_case(campaign, "comments")
    expected = [
        "I want some text to have a comment on it.",
        "This is a new paragraph.",
        "And so is this.",
        "One more. And this is one with a comment in a comment.",
    ]
    assert result.body.strip().split("\n\n") == expected
    assert result.source.comments > 0


def test_merged_header_rows_keep_every_cell(campaign):
    result = _pandoc_case(campaign, "table_header_rowspan")
    lines = result.body.strip().splitlines()
    assert lines[0] == "| A | **B** | **C** | **D** | E |  |  | F |"
    assert lines[2] == "|  |  |  |  | **G** | **H** | **I** |  |"
    assert len(lines) == 12  # 2 header rows, the delimiter row, 9 body rows


def test_cells_inside_content_controls(campaign):
    result = _pandoc_case(campaign, "sdt_elements")
    assert "| col1 content | Body copy | col3 content |" in result.body


@pytest.mark.parametrize("name", ["image", "image_vml"])
def test_images_are_extracted(campaign, name):
    result = _pandoc_case(campaign, name)
    assert len(result.images) == 1
    (image,) = result.images
    assert f"]({AGENCY}/{image})" in result.body


def test_heading_styles_and_their_numbering(campaign):
    result = _pandoc_case(campaign, "enumerated_headings")
    assert result.body.splitlines()[:5] == ["# 1 H1", "", "## 1.1 H2", "", "### 1.1.1 H3"]


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("lists_continuing", ["1.", "2.", "3.", "4."]),  # the list goes on after an interruption
        ("lists_restarting", ["2.", "3.", "4.", "1."]),  # start 2, then a restart override
    ],
)
def test_automatic_numbering_counts_like_word(name, labels):
    path = shared("corpus", "pandoc-docx", f"{name}.docx")
    source = read_document(docx.Document(str(path)), AGENCY)
    assert [b.label for b in source.blocks if b.label] == labels


def test_symbol_font_characters_are_what_word_shows(campaign):
    """Symbol 0xDA is "∨" (pandoc's expectation too), not the Vietnamese letter "Ú"."""
    result = _pandoc_case(campaign, "unicode")
    assert result.body.strip() == "Hello, 世界. This costs €10.∨∨("
