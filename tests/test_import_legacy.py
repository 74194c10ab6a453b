"""Legacy Vietnamese encodings (TCVN3, VNI) to Unicode, against the ground truth of the corpus."""

from __future__ import annotations

import csv
import re
import unicodedata

import docx
import pytest

from baocao.importer import legacy
from baocao.importer.reader import read_document
from conftest import shared


def _pairs(name: str) -> list[dict]:
    path = shared("corpus", "legacy-encodings", name)
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_phrase_pairs_convert_to_their_truth():
    rows = [r for r in _pairs("phrase-pairs.tsv") if r["encoding"] in ("tcvn3", "vni")]
    assert len(rows) == 4
    for row in rows:
        assert legacy.detect(row["legacy"]) == row["encoding"], row
        assert legacy.convert(row["legacy"], row["encoding"]) == row["unicode"]


def test_real_tcvn3_phrases_convert_to_their_truth():
    rows = _pairs("tcvn3-real-phrases.tsv")
    assert len(rows) >= 15
    for row in rows:
        text = row["legacy(as Unicode code points)"]
        # a one-letter phrase gives too little evidence alone; its .VnTime font decides it
        assert legacy.detect(text, legacy.font_encoding(".VnTime")) == legacy.TCVN3, row
        assert legacy.convert(text, legacy.TCVN3) == row["unicode_expected"]


def test_soft_hyphen_stands_for_u_horn():
    assert legacy.convert("Bé tr\u00adëng", legacy.TCVN3) == "Bộ trưởng"


@pytest.mark.parametrize(
    "text",
    [
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "Giá trị: 25°C × 3 — « trích dẫn » § 5",
        "Café, naïve, Ñandú, Øresund",  # foreign words: they do not become Vietnamese syllables
        "Kích thước: 5 × 3 « ô » ± 2",
        "Giá 5 × 3 « x » ± 2 ¼",
        "Họp ngày 3/12; có mặt 15 người",
        unicodedata.normalize("NFD", "Tiếng Việt tổ hợp"),
    ],
)
def test_unicode_and_foreign_text_is_not_converted(text):
    assert legacy.detect(text) is None


@pytest.mark.parametrize(
    "text", ["Cộng hoà xã hội chủ nghĩa Việt Nam", "Kích thước: 5 × 3 « ô » ± 2"]
)
def test_vntime_font_over_unicode_text_is_not_converted(text):
    assert legacy.detect(text, legacy.font_encoding(".VnTime")) is None


def test_font_names_are_only_hints():
    assert legacy.font_encoding(".VnTime") == legacy.TCVN3
    assert legacy.font_encoding(".VnTimeH") == legacy.TCVN3
    assert legacy.font_encoding("VNI-Times") == legacy.VNI
    assert legacy.font_encoding("Times New Roman") is None
    assert legacy.detect("Văn bản Unicode", legacy.TCVN3) is None


def test_capitals_font_gives_capitals():
    assert legacy.convert("CéNG HOµ", legacy.TCVN3) == "CỘNG HOÀ"
    assert legacy.convert("Céng hoµ", legacy.TCVN3) == "Cộng hoà"


def test_synthetic_vni_docx_matches_its_truth():
    folder = shared("corpus", "legacy-encodings", "viparse-corpus", "synthetic-vni")
    source = read_document(docx.Document(str(folder / "synthetic-vni-2004-0328NDCP.docx")), "x")
    truth = [
        line.strip()
        for line in (folder / "synthetic-vni-2004-0328NDCP.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    got = [p.plain for p in source.blocks]
    assert source.legacy.get(legacy.VNI, 0) > 50
    pairs = [(g, t) for g, t in zip(got, [t for t in truth if t]) if g or t]
    assert len(got) == len([t for t in truth if t])
    wrong = [(g, t) for g, t in pairs if re.sub(r"\s+", " ", g) != re.sub(r"\s+", " ", t)]
    assert wrong == []


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["tcvn3/2003-02144qd.doc", "vni/2008-23.QD-991-UBND.doc"])
def test_real_legacy_word_files_convert_to_their_truth(tmp_path, name):
    """Real .doc files of 2003-2009 (converted by LibreOffice, then read): words as in the transcript."""
    import difflib
    import shutil

    from baocao.importer.opening import convert_to_docx
    from baocao.importer.reader import Table

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    corpus = shared("corpus", "legacy-encodings", "viparse-corpus")
    source = read_document(docx.Document(str(convert_to_docx(corpus / name, tmp_path))), "x")
    text = "\n".join(
        p.plain for b in source.blocks for p in (b.paras if isinstance(b, Table) else [b])
    )
    truth = _words(
        (corpus / "ground-truth" / (name.split("/")[1].rsplit(".", 1)[0] + ".txt")).read_text(
            encoding="utf-8"
        )
    )
    matcher = difflib.SequenceMatcher(None, truth, _words(text), autojunk=False)
    assert sum(b.size for b in matcher.get_matching_blocks()) / len(truth) >= 0.97
    assert set(source.legacy) == {name.split("/")[0]}


def test_a_soft_hyphen_run_is_read_with_the_letters_around_it():
    """LibreOffice and Word give a TCVN3 "ư" (0xAD) as a soft hyphen of its own (w:softHyphen),
    between runs of plain letters: "- L­u: VP" stayed as is, "Lu" on the site (2003-02144qd.doc)."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>'
            "<w:t>- L</w:t><w:softHyphen/><w:t>u: VP (HC, TH)</w:t></w:r>"
        )
    )
    (block,) = read_document(document, "x").blocks
    assert block.plain == "- Lưu: VP (HC, TH)"
    assert block.legacy == legacy.TCVN3


@pytest.mark.parametrize(
    ("text", "truth"),
    [
        ("Noùng quaù", "Nóng quá"),
        ("+ Raát xaáu", "+ Rất xấu"),
        ("Maãu soá 5", "Mẫu số 5"),
    ],
)
def test_vni_written_with_latin1_letters_only_is_read_in_a_vni_font(text, truth):
    """Short VNI lines whose marks are all letters Unicode uses too (ù, á, ã) stayed as typed
    in 2009-download.doc ("Maãu soá 5", "Raát xaáu"): no legacy character to go by, but every
    word becomes a syllable, and more of them, in the VNI font the author saw them in."""
    assert legacy.detect(text) is None  # without the font, nothing tells
    assert legacy.detect(text, legacy.VNI) == legacy.VNI
    assert legacy.convert(text, legacy.VNI) == truth


@pytest.mark.parametrize("text", ["Tài chính", "Toán", "Café", "Hòa Bình", "Thanh Hóa", "Toát"])
def test_unicode_in_a_vni_font_is_left_alone(text):
    assert legacy.detect(text, legacy.VNI) is None
