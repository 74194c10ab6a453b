"""Letter for letter (issue 17, part 1): the markers, letters and numbers an author typed are
the ones the reader sees, on the site and in the DOCX; and nothing lost, nothing changed,
paragraph by paragraph, over the samples, the real Word documents and generated reports."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest
from docx import Document

from baocao.docx import build_agency_docx, build_docx, compose
from baocao.site.build import build_site
from baocao.site.sanitize import render_markdown
from baocao.workspace import load_round
from conftest import ROOT, shared
from fidelity import Comparison, docx_paragraphs, html_paragraphs, norm, source_paragraphs

sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))
from synthetic import make_workspace  # noqa: E402

# The letters of Vietnamese administrative points: no f, j, w, z; đ after d, ư after u.
LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "x",
    "y",
]
POINTS = [f"{letter}) Điểm {letter} của khoản." for letter in LETTERS]
MARKERS = ["1.", "3.", "1.1.", "a.", "IV.", "II.3.", "ư.", "-", "+"]
TYPED = "\n\n".join(POINTS) + (
    "\n\n1. Thứ nhất;\n3. Thứ ba (số 2 bỏ qua);\n\n7) Bảy;\n8) Tám.\n\n"
    "1.1. Mục một chấm một.\n\na. Chữ a chấm.\n\nIV. Mục La Mã.\n\nII.3. Mục hai chấm ba.\n\n"
    "- Ý gạch đầu dòng;\n    + ý cộng bên trong;\n    + ý cộng thứ hai.\n- Ý gạch thứ hai.\n\n"
    "* Dấu sao\n"
)


def typed_report(text: str, extra: str) -> str:
    """A sample report with `extra` written under its first heading."""
    head, _, rest = text.partition("\n# ")
    first, _, tail = rest.partition("\n")
    return f"{head}\n# {first}\n\n{extra}\n{tail}"


@pytest.fixture(scope="module")
def lettered(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("lettered")
    shutil.copy(ROOT / "campaign.yml", ws / "campaign.yml")
    shutil.copy(ROOT / "mkdocs.yml", ws / "mkdocs.yml")
    shutil.copytree(ROOT / "schema", ws / "schema")
    shutil.copytree(ROOT / "docs", ws / "docs")
    shutil.copytree(ROOT / "submissions", ws / "submissions")
    path = ws / "submissions" / "bo-cong-an.md"
    path.write_text(typed_report(path.read_text(encoding="utf-8"), TYPED), encoding="utf-8")
    return ws


def test_site_shows_the_typed_markers():
    html = render_markdown(TYPED, "bo-y-te", "p1", root_prefix="../../")
    seen = html_paragraphs(f'<div class="bc-report">{html}</div>')
    for point in POINTS:
        assert point in seen
    for line in (
        "1. Thứ nhất;",
        "3. Thứ ba (số 2 bỏ qua);",
        "7) Bảy;",
        "8) Tám.",
        "1.1. Mục một chấm một.",
        "a. Chữ a chấm.",
        "IV. Mục La Mã.",
        "- Ý gạch đầu dòng;",
        "+ ý cộng bên trong;",
        "* Dấu sao",
    ):
        assert line in seen
    assert '<ol class="bc-typed">' in html and "start=" not in html


def test_docx_shows_the_typed_markers_and_no_word_numbering(lettered, tmp_path):
    rnd = load_round(lettered)
    out = build_agency_docx(rnd, "bo-cong-an", tmp_path / "bo-cong-an.docx")
    seen = docx_paragraphs(out)
    for point in POINTS:
        assert point in seen
    for line in ("1. Thứ nhất;", "3. Thứ ba (số 2 bỏ qua);", "7) Bảy;", "8) Tám."):
        assert line in seen
    assert "+ ý cộng bên trong;" in seen and "* Dấu sao" in seen
    doc = Document(str(out))
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["- Ý gạch đầu dòng;"] == "List Item 1"
    assert styles["+ ý cộng bên trong;"] == "List Item 2"
    assert styles["đ) Điểm đ của khoản."] == "Body Text"  # a point is a paragraph
    assert doc.element.body.find(".//" + "{*}numPr") is None  # no Word numbering at all


def _report_sources(report) -> list[str]:
    expected = source_paragraphs(report.completeness.preamble)
    for part in report.parts:
        expected += source_paragraphs(part.content)
    return expected


def _part_b(blocks: list[str], names: list[str]) -> dict[str, list[str]]:
    """Part B of the merged DOCX, cut at each agency's heading."""
    start = blocks.index(norm(compose.PART_B))
    end = blocks.index("PHỤ LỤC", start)
    region = blocks[start:end]
    cuts = {name: region.index(name) for name in names if name in region}
    order = sorted(cuts, key=cuts.get)
    return {
        name: region[cuts[name] : cuts[order[i + 1]] if i + 1 < len(order) else len(region)]
        for i, name in enumerate(order)
    }


def compare_round(ws: Path, tmp: Path) -> Comparison:
    """Every usable report's paragraphs against its site page and Part B of the merged DOCX."""
    rnd = load_round(ws)
    docx = build_docx(rnd, tmp / "tong-hop.docx")
    site = build_site(rnd, tmp / "site")
    usable = [r for r in rnd.reports if r.usable]
    part_b = _part_b(docx_paragraphs(docx), [r.agency.name for r in usable])
    result = Comparison()
    for report in usable:
        expected = _report_sources(report)
        page = (site / "co-quan" / report.agency.id / "index.html").read_text(encoding="utf-8")
        result.add(f"site:{report.agency.id}", expected, html_paragraphs(page))
        result.add(f"docx:{report.agency.id}", expected, part_b.get(report.agency.name, []))
    return result


@pytest.mark.slow
def test_nothing_lost_nothing_changed_samples(lettered, tmp_path):
    result = compare_round(lettered, tmp_path)
    assert result.mismatches == []
    assert result.compared > 700


@pytest.mark.slow
def test_nothing_lost_nothing_changed_generated(tmp_path):
    ws = make_workspace(tmp_path / "ws", 24, seed=17)
    rng = random.Random(17)
    for index, path in enumerate(sorted((ws / "submissions").glob("*.md"))):
        if index % 2 == 0:
            extra = "\n\n".join(rng.sample(POINTS, 6)) + "\n\n2. Hai;\n5. Năm.\n\n- gạch\n+ cộng"
            path.write_text(typed_report(path.read_text(encoding="utf-8"), extra), "utf-8")
    result = compare_round(ws, tmp_path)
    assert result.mismatches == []
    assert result.compared > 1000


@pytest.mark.slow
def test_nothing_lost_nothing_changed_real_word_documents(tmp_path):
    from baocao.campaign import load_campaign
    from baocao.importer import import_docx
    from baocao.importer.opening import open_docx
    from baocao.importer.writer import write_submission

    corpus = shared("corpus", "vn-gov-docx")
    ws = tmp_path / "ws"
    ws.mkdir()
    for name in ("campaign.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, ws / name)
    shutil.copytree(ROOT / "schema", ws / "schema")
    shutil.copytree(ROOT / "docs", ws / "docs")
    campaign = load_campaign(ws)
    files = sorted(corpus.glob("*.docx"))
    for agency, source in zip(campaign.agencies, files):
        result = import_docx(campaign, agency, open_docx(source, convert=False, work=tmp_path), "x")
        sub = campaign.submissions_dir
        write_submission(sub / f"{agency.id}.md", result.text, result.images, sub / agency.id)
    result = compare_round(ws, tmp_path)
    assert result.mismatches == []
    assert result.compared > 300
