"""The merged DOCX report (issue 4): nothing lost, layout of Nghị định 30/2020, determinism,
invalid submissions noted, whole-or-nothing output, one agency's report.

The merged report is built once per session from the sample submissions with the real
pandoc and read back with python-docx and the raw XML.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from baocao.cli import main
from baocao.docx import appendix, build_agency_docx, build_docx, compose
from baocao.errors import BuildError
from baocao.text import format_date
from baocao.workspace import load_round

pytestmark = pytest.mark.slow
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TODAY = date(2024, 12, 10)
PLACEHOLDER = re.compile(r"[(\[]\s*chưa viết\b", re.I)


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def body_blocks(path: Path) -> list[str]:
    """Every paragraph of the body in order, table cells included, the table of contents
    left out (python-docx)."""
    doc = Document(str(path))
    out: list[str] = []

    def walk(element):
        for child in element.iterchildren():
            if child.tag == qn("w:sdt") and is_contents(child):
                continue
            if child.tag == qn("w:p"):
                runs = child.iter(qn("w:t"), qn("w:br"))  # a line break reads as a space
                out.append(norm("".join(t.text or " " for t in runs)))
            elif child.tag in (
                qn("w:tbl"),
                qn("w:tr"),
                qn("w:tc"),
                qn("w:sdt"),
                qn("w:sdtContent"),
            ):
                walk(child)

    walk(doc.element.body)
    return out


def is_contents(sdt) -> bool:
    gallery = sdt.find(f".//{qn('w:docPartGallery')}")
    return gallery is not None and gallery.get(qn("w:val")) == "Table of Contents"


def region(blocks: list[str], start: str, end: str | None) -> str:
    first = blocks.index(start)
    last = blocks.index(end) if end else len(blocks)
    return "\n".join(blocks[first:last])


def footnotes_text(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        if "word/footnotes.xml" not in z.namelist():
            return []
        xml = z.read("word/footnotes.xml").decode("utf-8")
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    return [
        norm("".join(t.text or "" for t in fn.iter(f"{W}t"))) for fn in root.iter(f"{W}footnote")
    ]


def source_blocks(markdown: str) -> tuple[list[str], list[str]]:
    """Plain text of every paragraph, list item and table cell of a submission body;
    and of its footnote definitions."""
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    tokens = md.parse(markdown)
    blocks, notes = [], []
    depth = 0
    heading = False
    for token in tokens:
        if token.type == "footnote_block_open":
            depth += 1
        elif token.type == "footnote_block_close":
            depth -= 1
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and not heading:
            text = norm(
                "".join(
                    c.content
                    if c.type in ("text", "code_inline")
                    else " "
                    if c.type in ("softbreak", "hardbreak")
                    else ""
                    for c in token.children or []
                )
            )
            if text and not PLACEHOLDER.search(text):
                (notes if depth else blocks).append(text)
    return blocks, notes


@pytest.fixture(scope="session")
def built(tmp_path_factory, sample_round):
    return build_docx(sample_round, tmp_path_factory.mktemp("docx") / "bao-cao-tong-hop.docx")


@pytest.fixture(scope="session")
def blocks(built):
    return body_blocks(built)


@pytest.fixture(scope="session")
def xml(built):
    with zipfile.ZipFile(built) as z:
        return {
            name: z.read(name).decode("utf-8")
            for name in z.namelist()
            if name.endswith((".xml", ".rels"))
        }


# --- nothing lost ---------------------------------------------------------------------------


def test_every_paragraph_list_item_and_cell_is_in_part_a_and_part_b(sample_round, built, blocks):
    part_a = region(blocks, norm(compose.PART_A), norm(compose.PART_B))
    part_b = region(blocks, norm(compose.PART_B), "PHỤ LỤC")
    checked = 0
    for report in sample_round.reports:
        if not report.usable:
            continue
        expected, _notes = source_blocks(report.submission.body)
        for text in expected:
            assert text in part_a, f"{report.submission.file}: missing from Part A: {text[:80]}"
            assert text in part_b, f"{report.submission.file}: missing from Part B: {text[:80]}"
            checked += 1
    assert checked >= 100  # the sample set is not empty


def test_every_footnote_is_kept_once_for_each_part(sample_round, built):
    notes = footnotes_text(built)
    checked = 0
    for report in sample_round.reports:
        if not report.usable:
            continue
        _blocks, expected = source_blocks(report.submission.body)
        for text in expected:
            assert sum(text in n for n in notes) >= 2, (
                f"{report.submission.file}: footnote {text[:60]}"
            )
            checked += 1
    assert checked > 0


def test_shared_task_appears_once_with_every_contribution(sample_round, blocks):
    campaign = sample_round.campaign
    part_a = blocks[blocks.index(norm(compose.PART_A)) : blocks.index(norm(compose.PART_B))]
    shared = [
        t
        for t in campaign.tasks.values()
        if len(t.assignees) > 1
        and sum(
            1 for a in t.assignees if (r := sample_round.report(a)).usable and r.part(t.id).content
        )
        >= 2
    ]
    assert shared, "the samples have no task written by two agencies"
    for task in shared:
        titles = [
            i
            for i, b in enumerate(part_a)
            if b.endswith(norm(task.text)) and b.startswith("Nhiệm vụ")
        ]
        assert len(titles) == 1
        writers = [sample_round.report(a) for a in task.assignees]
        writers = [r for r in writers if r.usable and r.part(task.id).content]
        labels = [
            part_a.index(r.agency.name + (" (dự thảo)" if r.status == "draft" else ""), titles[0])
            for r in writers
        ]
        assert labels == sorted(labels)  # campaign order


def test_status_table_lists_every_agency(sample_round, built):
    doc = Document(str(built))
    status = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells] == appendix.STATUS_HEADER
    )
    names = [row.cells[1].text for row in status.rows[1:]]
    assert names == [r.agency.name for r in sample_round.reports]
    cells = {row.cells[1].text: [c.text for c in row.cells] for row in status.rows[1:]}
    for report in sample_round.reports:
        row = cells[report.agency.name]
        # the state (with the secretariat's decision from reviews.yml), both dates, deadline
        assert row[5].startswith(report.stage_label)
        assert row[3] == (format_date(report.submission.issued) if report.submission else "")
        received = format_date(report.receipt.day) if report.receipt else ""
        assert row[4] in (received, received + " (*)")
    states = {row[5] for row in cells.values()}
    assert {"Chưa nộp", "Dự thảo"} <= states and any(s.startswith("Đã nộp") for s in states)


def test_figure_totals_add_up(sample_round, built):
    doc = Document(str(built))
    field = sample_round.campaign.figure_fields[0]
    table = next(t for t in doc.tables if any(field.label in c.text for c in t.rows[0].cells))
    column = next(i for i, c in enumerate(table.rows[0].cells) if field.label in c.text)
    for year in sample_round.campaign.years:
        expected = sum(
            row.get(field.key, 0)
            for r in sample_round.reports
            if r.usable
            for row in r.submission.meta.get("so_lieu") or []
            if row.get("nam") == year
        )
        total = next(
            row
            for row in table.rows
            if row.cells[1].text == "Tổng cộng" and row.cells[2].text == str(year)
        )
        assert int(total.cells[column].text.replace(".", "") or 0) == expected


def test_figures_of_drafts_are_marked_in_the_appendix(sample_round, built):
    drafts = [
        r
        for r in sample_round.reports
        if r.usable and r.status == "draft" and sample_round.figures(r)
    ]
    assert drafts  # the sample round has drafts with figures
    doc = Document(str(built))
    field = sample_round.campaign.figure_fields[0]
    table = next(t for t in doc.tables if any(field.label in c.text for c in t.rows[0].cells))
    names = {row.cells[1].text for row in table.rows}
    group = next(g for g in sample_round.campaign.figure_groups if field in g.fields)
    in_table = [
        r
        for r in drafts
        if any(key in {f.key for f in group.fields} for _, key in sample_round.figures(r))
    ]
    assert in_table and all(f"{r.agency.short_name} (dự thảo)" in names for r in in_table)
    assert not any(r.agency.short_name in names for r in drafts)  # never listed unmarked
    marked = {n.removesuffix(" (dự thảo)") for n in names if n.endswith(" (dự thảo)")}
    assert marked == {r.agency.short_name for r in in_table}
    notes = [p.text for p in doc.paragraphs if "báo cáo dự thảo" in p.text]
    assert notes == [
        "Số liệu của báo cáo dự thảo được tính vào tổng, có ghi “(dự thảo)” bên tên cơ quan."
    ]


def test_images_are_embedded_in_both_parts(sample_round, built, xml):
    doc = xml["word/document.xml"]
    with zipfile.ZipFile(built) as z:
        media = {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}
    checked = 0
    for report in sample_round.reports:  # every image of a submission, in both parts
        if report.usable and report.submission.asset_dir.is_dir():
            for image in report.submission.asset_dir.glob("*.png"):
                assert doc.count(f'descr="{report.agency.id}/{image.name}"') == 2
                assert image.read_bytes() in media.values()
                checked += 1
    assert checked
    assert len(media) == checked  # no chart placeholder left behind
    assert "SEQ Figure" in doc


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _chart_values(space) -> dict[str, list[float]]:
    """Series name -> values, as a chart part caches them (what Word shows)."""
    out = {}
    for ser in space.iter(f"{C}ser"):
        name = ser.find(f"{C}tx//{C}v").text
        out[name] = [float(v.text) for v in ser.findall(f"{C}val//{C}pt/{C}v")]
    return out


def test_charts_are_native_word_charts_of_the_totals(sample_round, built, xml):
    """Each chart is a DrawingML chart (editable in Word, with its workbook), in caption
    order, carrying the status counts and the figure totals of the model."""
    from lxml import etree

    from baocao.charts import plan
    from baocao.workspace import STATUS_ORDER

    doc = xml["word/document.xml"]
    root = etree.fromstring(doc.encode("utf-8"))
    rels = {
        r.get("Id"): r.get("Target")
        for r in etree.fromstring(xml["word/_rels/document.xml.rels"].encode())
    }
    frames = [f.get(R_ID) for f in root.iter(f"{C}chart")]
    charts = plan(sample_round)
    assert (
        len(frames)
        == len(charts)
        == 1 + sum(len({f.unit for f in g.fields}) for g in sample_round.campaign.figure_groups)
    )
    types = xml["[Content_Types].xml"]
    totals = sample_round.figure_totals()
    fields = {f.label: f for f in sample_round.campaign.figure_fields}
    with zipfile.ZipFile(built) as z:
        names = set(z.namelist())
        for chart, rid in zip(charts, frames):
            part = "word/" + rels[rid]
            assert (
                f'PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"'
                in types
            )
            space = etree.fromstring(z.read(part))
            values = _chart_values(space)
            if chart.caption.startswith("Tình hình nộp"):
                assert values == {
                    "Số cơ quan": [float(sample_round.count(s)) for s in STATUS_ORDER]
                }
            else:
                labels = [v.text for v in space.find(f".//{C}cat").iter(f"{C}v")]
                for year in sample_round.campaign.years:
                    scale = [1_000_000 if fields[label].unit == "đồng" else 1 for label in labels]
                    expected = [
                        totals.get((year, fields[label].key), 0) / k
                        for label, k in zip(labels, scale)
                    ]
                    assert values[str(year)] == pytest.approx(expected)
                assert any(values[str(y)] != [0] * len(labels) for y in sample_round.campaign.years)
            # "Edit Data" in Word: the chart points at its embedded workbook, which holds the numbers
            chart_rels = etree.fromstring(
                z.read(part.replace("charts/", "charts/_rels/") + ".rels")
            )
            workbook = posixpath.normpath(
                posixpath.join(posixpath.dirname(part), chart_rels[0].get("Target"))
            )
            assert workbook in names
            with zipfile.ZipFile(io.BytesIO(z.read(workbook))) as book:
                sheet = book.read("xl/worksheets/sheet1.xml").decode()
            for numbers in values.values():
                for number in numbers:
                    assert f"<v>{number:g}</v>" in sheet or f"<v>{int(number)}</v>" in sheet
    for chart in charts:  # each under its numbered "Hình" caption
        assert f"{chart.caption}</w:t>" in doc


# --- layout (Nghị định 30/2020) ---------------------------------------------------------------


def _twips_mm(value: str) -> float:
    return round(int(value) * 25.4 / 1440, 1)  # Word stores whole twips: 15 mm is 850


def test_page_is_a4_portrait_with_decree_margins(xml):
    doc = xml["word/document.xml"]
    sect = re.findall(r"<w:sectPr.*?</w:sectPr>", doc, re.S)[-1]
    size = dict(re.findall(r'w:(w|h)="(\d+)"', re.search(r"<w:pgSz[^>]*>", sect).group(0)))
    assert round(_twips_mm(size["w"])) == 210 and round(_twips_mm(size["h"])) == 297
    assert 'w:orient="landscape"' not in sect
    margins = dict(re.findall(r'w:(\w+)="(\d+)"', re.search(r"<w:pgMar[^>]*>", sect).group(0)))
    assert 20 <= _twips_mm(margins["top"]) <= 25
    assert 20 <= _twips_mm(margins["bottom"]) <= 25
    assert 30 <= _twips_mm(margins["left"]) <= 35
    assert 15 <= _twips_mm(margins["right"]) <= 20


def test_fonts_are_times_new_roman_13_to_14pt_justified_with_indent(xml):
    styles = xml["word/styles.xml"]
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert 'w:ascii="Times New Roman"' in defaults and 'w:hAnsi="Times New Roman"' in defaults
    assert 26 <= int(re.search(r'<w:sz w:val="(\d+)"', defaults).group(1)) <= 28
    assert (
        "Theme"
        not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", styles, flags=re.S)
        .split("<w:rFonts")[1:]
        .__str__()
    )
    body = re.search(r'<w:style [^>]*w:styleId="BodyText".*?</w:style>', styles, re.S).group(0)
    assert '<w:jc w:val="both"' in body
    assert int(re.search(r'w:firstLine="(\d+)"', body).group(1)) >= 500
    line = int(re.search(r'w:line="(\d+)"', body).group(1))
    assert 240 <= line <= 360  # between single and 1.5


def test_page_numbers_centred_in_header_not_on_first_page(built, xml):
    doc = xml["word/document.xml"]
    sect = re.findall(r"<w:sectPr.*?</w:sectPr>", doc, re.S)[-1]
    assert "<w:titlePg" in sect and 'w:titlePg w:val="0"' not in sect
    rels = xml["word/_rels/document.xml.rels"]
    refs = {}
    for element in re.findall(r"<w:headerReference[^>]*>", sect):
        refs[re.search(r'w:type="(\w+)"', element).group(1)] = re.search(
            r'r:id="(\w+)"', element
        ).group(1)
    targets = {}
    for element in re.findall(r"<Relationship [^>]*>", rels):
        targets[re.search(r'Id="(\w+)"', element).group(1)] = re.search(
            r'Target="([^"]+)"', element
        ).group(1)
    files = {kind: "word/" + targets[rid] for kind, rid in refs.items()}
    default, first = xml[files["default"]], xml[files["first"]]
    assert "PAGE" in default and '<w:jc w:val="center"' in default
    assert "PAGE" not in first


def test_title_page_letterhead_title_and_toc(sample_round, blocks, xml):
    info = sample_round.campaign.report
    head = blocks[:12]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head and "Độc lập - Tự do - Hạnh phúc" in head
    for line in info.issuer:
        assert line in head
    assert norm(f"Số: {info.number}") in head
    day = sample_round.today
    assert any(
        b.startswith(f"{info.place}, ngày {day.day:02d} tháng") and b.endswith(f"năm {day.year}")
        for b in head
    )
    assert (
        blocks.index(info.kind)
        < blocks.index(norm(info.title))
        < blocks.index(norm(compose.PART_A))
    )
    doc = xml["word/document.xml"]
    first_table = re.search(r"<w:tbl>.*?</w:tbl>", doc, re.S).group(0)
    assert doc.index("<w:tbl>") < doc.index("Table of Contents")  # the letterhead comes first
    borders = re.search(r"<w:tblBorders>.*?</w:tblBorders>", first_table, re.S).group(0)
    assert set(re.findall(r'w:val="(\w+)"', borders)) == {"nil"}  # a letterhead has no borders
    assert '<w:instrText xml:space="preserve">TOC' in doc


def test_the_table_of_contents_lists_parts_and_agencies_linked_to_their_headings(built):
    """Word fills the field in (with page numbers) when it opens the document; until then,
    and in LibreOffice, its entries are the headings of levels 1 and 2, each a link."""
    doc = Document(str(built))
    body = doc.element.body
    contents = next(e for e in body.iterchildren(qn("w:sdt")) if is_contents(e))
    headings = [
        (int(p.style.name[-1]), p.text)
        for p in doc.paragraphs
        if p.style.name in ("Heading 1", "Heading 2")
    ]
    entries, field = [], []
    for element in contents.iter(qn("w:hyperlink"), qn("w:fldChar")):
        if element.tag == qn("w:fldChar"):
            field.append((element.get(qn("w:fldCharType")), len(entries)))
            continue
        style = element.getparent().find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
        text = "".join(t.text for t in element.iter(qn("w:t")))
        bookmark = body.find(
            f"{qn('w:bookmarkStart')}[@{qn('w:name')}='{element.get(qn('w:anchor'))}']"
        )
        assert "".join(t.text for t in bookmark.getnext().iter(qn("w:t"))) == text  # its heading
        entries.append((int(style[-1]), text))
    assert entries == headings and len(entries) > 10
    assert entries[0] == (1, compose.PART_A) and (1, compose.PART_B) in entries
    assert field == [("begin", 0), ("separate", 0), ("end", len(entries))]  # entries inside


def test_closing_has_recipients_and_signature(sample_round, blocks):
    info = sample_round.campaign.report
    tail = blocks[-20:]
    assert "Nơi nhận:" in tail
    assert all(f"- {r}" in tail for r in info.recipients)
    assert info.signer.capacity in tail and info.signer.name in tail


def test_tables_fit_the_text_width(xml):
    doc = xml["word/document.xml"]
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", doc, re.S)[1:-1]  # not the letterhead and closing
    assert tables
    for table in tables:
        assert '<w:tblW w:type="pct" w:w="5000"' in table


# --- determinism ------------------------------------------------------------------------------


def test_two_builds_give_the_same_document(sample_round, built, tmp_path):
    again = build_docx(sample_round, tmp_path / "again.docx")
    assert body_blocks(again) == body_blocks(built)
    assert again.read_bytes() == built.read_bytes()  # dates come from the round, not the clock
    core = Document(str(built)).core_properties
    assert core.created.date() == core.modified.date() == sample_round.today


# --- invalid submissions, atomic output ---------------------------------------------------------


def _write_submissions(root: Path, workspace: Path, agency_ids: list[str]) -> None:
    """Complete submissions from the benchmark generator (scripts/benchmarks/synthetic.py)."""
    import importlib.util
    import random

    from baocao.campaign import load_campaign

    spec = importlib.util.spec_from_file_location(
        "synthetic", root / "scripts" / "benchmarks" / "synthetic.py"
    )
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    campaign = load_campaign(workspace)
    for agency_id in agency_ids:
        text = synthetic.submission_text(
            campaign, campaign.agency(agency_id), random.Random(agency_id)
        )
        (workspace / "submissions" / f"{agency_id}.md").write_text(text, encoding="utf-8")


def test_invalid_submission_is_noted_not_dropped(root, workspace, tmp_path):
    _write_submissions(root, workspace, ["vu-phap-che", "bo-tai-chinh"])
    broken = workspace / "submissions" / "bo-tai-chinh.md"
    broken.write_text(
        re.sub(
            r"ngay_ban_hanh: .*", "ngay_ban_hanh: 31/02/2024", broken.read_text(encoding="utf-8")
        ),
        encoding="utf-8",
    )
    rnd = load_round(workspace, today=TODAY)
    report = rnd.report("bo-tai-chinh")
    assert not report.usable
    out = build_docx(rnd, tmp_path / "out.docx")
    blocks = body_blocks(out)
    part_b = region(blocks, norm(compose.PART_B), "PHỤ LỤC")
    assert "Bộ Tài chính" in part_b.split("\n")
    note = next(b for b in part_b.split("\n") if b.startswith("Báo cáo của Bộ Tài chính"))
    assert "chưa đạt yêu cầu kiểm tra" in note and "submissions/bo-tai-chinh.md" in note
    assert ".." not in note  # the first error's own full stop ends in the sentence's
    # its text is left out; the valid agency's is there
    body = report.submission.body
    first_text = source_blocks(body)[0][0]
    assert first_text not in "\n".join(blocks)
    assert source_blocks(rnd.report("vu-phap-che").submission.body)[0][0] in part_b
    # Part A says the task is missing because of the errors
    assert any(
        "Bộ Tài chính" in b and "báo cáo chưa đạt yêu cầu kiểm tra" in b
        for b in region(blocks, norm(compose.PART_A), norm(compose.PART_B)).split("\n")
    )


def test_a_picture_named_like_a_chart_stays_a_picture(root, workspace, tmp_path):
    """Charts replace only their own placeholders (referred to by bare name); an agency's
    picture (always "<agency>/<file>") with a chart's file name, used twice, is kept, and the
    package lists no part it does not hold."""
    import shutil

    from baocao.charts import plan

    _write_submissions(root, workspace, ["vu-phap-che"])
    name = plan(load_round(workspace, today=TODAY))[1].file
    folder = workspace / "submissions" / "vu-phap-che"
    folder.mkdir()
    picture = next((root / "submissions").glob("*/*.png"))
    shutil.copy(picture, folder / name)
    path = workspace / "submissions" / "vu-phap-che.md"
    figure = f"\n\n![Ảnh của Vụ](vu-phap-che/{name})\n\nMột đoạn văn.\n\n![Ảnh của Vụ, lần nữa](vu-phap-che/{name})\n"
    path.write_text(path.read_text(encoding="utf-8") + figure, encoding="utf-8")
    out = build_docx(load_round(workspace, today=TODAY), tmp_path / "out.docx")
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        doc = z.read("word/document.xml").decode("utf-8")
        types = z.read("[Content_Types].xml").decode("utf-8")
        media = [z.read(n) for n in names if n.startswith("word/media/")]
    assert doc.count(f'descr="vu-phap-che/{name}"') == 4  # twice in Part A, twice in Part B
    assert picture.read_bytes() in media
    assert doc.count("<c:chart ") == len(plan(load_round(workspace, today=TODAY)))
    for part in re.findall(r'PartName="/([^"]+)"', types):
        assert part in names


def test_chart_scale_and_height_stay_readable():
    """Numbers past 999.999.999 (what the labels' format shows) move to a larger unit; a chart
    of many figures stays within one page."""
    from baocao.charts import MAX_HEIGHT_MM, Chart, _scale

    assert _scale("đồng", 5e14) == (1e6, "triệu đồng")
    assert _scale("đồng", 5e15) == (1e9, "tỷ đồng")
    assert _scale("lượt người", 12_000) == (1, "lượt người")
    assert _scale("lượt người", 2e9) == (1e3, "nghìn lượt người")
    many = Chart(
        "x.png",
        "x",
        tuple(f"chỉ tiêu {i}" for i in range(30)),
        (("2023", (1.0,) * 30), ("2024", (2.0,) * 30)),
    )
    assert many.height_mm == MAX_HEIGHT_MM < 257
    few = Chart("y.png", "y", ("a",), (("2023", (1.0,)),))
    assert few.height_mm < MAX_HEIGHT_MM


def test_failed_build_leaves_previous_output_untouched(sample_round, tmp_path, fake_pandoc):
    out = tmp_path / "bao-cao-tong-hop.docx"
    out.write_bytes(b"previous")
    half = "printf half > \"$out\"; echo 'pandoc: boom' >&2; exit 83"  # part written, then failed
    fake_pandoc(half)
    with pytest.raises(BuildError, match="pandoc không tạo được tệp bao-cao-tong-hop.docx: boom"):
        build_docx(sample_round, out)
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".baocao") == [
        "bao-cao-tong-hop.docx",
        "fake-pandoc",
    ]
    assert [p.name for p in (tmp_path / ".baocao").iterdir()] == ["lock"]


def test_pandoc_that_cannot_be_started_is_one_message(sample_round, tmp_path, monkeypatch):
    def missing():
        raise OSError("No pandoc was found")

    monkeypatch.setattr("baocao.docx.write_reference", lambda path: path)  # needs pandoc too
    monkeypatch.setattr("pypandoc.get_pandoc_path", missing)
    with pytest.raises(BuildError, match="không chạy được pandoc .No pandoc was found."):
        build_docx(sample_round, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_pandoc_error_is_reported_with_its_message(sample_round, tmp_path, monkeypatch):
    """A real pandoc failure (here an option it does not know) reaches the user as a build error."""
    import baocao.docx.pandoc as pandoc

    monkeypatch.setattr(pandoc, "DEFAULTS", tmp_path / "no-such-defaults.yaml")
    with pytest.raises(BuildError, match="pandoc không tạo được tệp x.docx: .*no-such-defaults"):
        build_docx(sample_round, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


# --- one agency's report -------------------------------------------------------------------------


def test_agency_report_for_signing(sample_round, tmp_path, root, capsys):
    report = next(r for r in sample_round.reports if r.usable and r.submission.issued)
    code = main(
        ["--root", str(root), "build", "docx", "--agency", report.agency.id, "--out", str(tmp_path)]
    )
    assert code == 0
    path = tmp_path / f"{report.agency.id}.docx"
    assert f"Đã tạo {path}" in capsys.readouterr().out
    blocks = body_blocks(path)
    meta = report.submission.meta
    assert report.agency.name.upper() in blocks[:8]
    assert norm(f"Số: {meta['so_ky_hieu']}") in blocks[:8]
    assert norm(compose.PART_A) not in blocks and "Mục lục" not in blocks
    text = "\n".join(blocks)
    for block in source_blocks(report.submission.body)[0]:
        assert block in text
    assert meta["nguoi_ky"]["ho_ten"] in blocks[-6:]
    assert "Nơi nhận:" in blocks[-12:]


def test_agency_report_refused_when_missing_or_unknown(sample_round, tmp_path):
    absent = next(r for r in sample_round.reports if r.submission is None)
    with pytest.raises(BuildError, match="chưa nộp báo cáo"):
        build_agency_docx(sample_round, absent.agency.id, tmp_path / "x.docx")
    with pytest.raises(BuildError, match="không có trong danh sách"):
        build_agency_docx(sample_round, "khong-co", tmp_path / "x.docx")
    assert not list(tmp_path.iterdir())
