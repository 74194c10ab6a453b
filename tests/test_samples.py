"""The sample submissions in submissions/: what the README's main command runs on.

These tests pin the properties the sample set must keep (issue 2, part 4), read through the
model (`load_round`), so that an edit that breaks one of them fails here and not in a demo.
"""

from __future__ import annotations

import unicodedata

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from baocao.cli import main
from baocao.workspace import DRAFT, LATE, ON_TIME

SAMPLE_NOTE = (
    "> **Dữ liệu mẫu:** báo cáo minh họa cho công cụ baocao, không phải văn bản thật của cơ quan."
)
MAX_FILE_BYTES = 16_000
MAX_ASSET_BYTES = 60_000


@pytest.fixture(scope="module")
def submitted(sample_round):
    reports = [r for r in sample_round.reports if r.submission is not None]
    if not reports:
        pytest.fail("submissions/ holds no sample submission")
    return reports


def _figures(report) -> list[dict]:
    return [row for row in report.submission.meta.get("so_lieu") or [] if set(row) - {"nam"}]


def test_at_least_ten_agencies_across_both_appendices(submitted):
    assert len(submitted) >= 10
    assert {r.agency.appendix for r in submitted} == {"I", "II"}


def test_provinces_and_provincial_market_surveillance(submitted):
    ids = [r.agency.id for r in submitted]
    assert sum(i.startswith("ubnd-") for i in ids) >= 2
    assert any(i.startswith("qltt-") for i in ids)


def test_check_finds_no_error(sample_round, capsys):
    assert sample_round.errors == []
    assert main(["--root", str(sample_round.campaign.root), "check"]) == 0
    capsys.readouterr()


def test_official_samples_are_complete_and_pass_strict(sample_round, submitted, capsys):
    official = [r for r in submitted if r.submission.is_official]
    assert official, "no official (chinh_thuc) sample"
    for report in official:
        assert report.ratio == 1.0, report.agency.id
        assert report.problems == [], (report.agency.id, report.problems)
        assert (
            main(
                [
                    "--root",
                    str(sample_round.campaign.root),
                    "check",
                    "--strict",
                    str(report.submission.path),
                ]
            )
            == 0
        )
    capsys.readouterr()


def test_statuses_cover_on_time_late_and_draft(submitted):
    statuses = {r.status for r in submitted}
    assert {ON_TIME, LATE, DRAFT} <= statuses


def test_a_partly_written_draft_with_a_deleted_heading(submitted):
    partial = [r for r in submitted if r.status == DRAFT and 0 < r.ratio < 1]
    assert partial, "no partly written draft"
    assert any(p.code in ("section-missing", "task-missing") for r in partial for p in r.problems)
    assert any(p.code in ("section-empty", "task-empty") for r in partial for p in r.problems)


def test_a_draft_with_figures_only(submitted):
    figures_only = [r for r in submitted if r.status == DRAFT and r.ratio == 0 and _figures(r)]
    assert figures_only, "no draft with figures and no text"
    for report in figures_only:
        assert report.submission.meta.get("van_ban")


def test_every_file_starts_with_the_sample_note(submitted):
    for report in submitted:
        preamble = report.completeness.preamble.strip()
        assert preamble.split("\n\n")[0] == SAMPLE_NOTE, report.agency.id


def test_files_are_nfc_and_small(submitted):
    for report in submitted:
        raw = report.submission.path.read_bytes()
        assert len(raw) < MAX_FILE_BYTES, report.agency.id
        assert unicodedata.is_normalized("NFC", raw.decode("utf-8")), report.agency.id


def test_figures_cover_both_years_and_are_plausible(submitted, campaign):
    for report in submitted:
        rows = report.submission.meta.get("so_lieu") or []
        assert sorted(row["nam"] for row in rows) == sorted(campaign.years), report.agency.id
        for row in rows:
            if "kiem_tra" in row and "xu_ly" in row:
                assert row["xu_ly"] <= row["kiem_tra"], (report.agency.id, row["nam"])
        assert 1 <= len(report.submission.meta.get("van_ban") or []) <= 4, report.agency.id


def test_images_exist_inside_the_agency_folder_and_are_small(submitted):
    images = []
    for report in submitted:
        for token in _inline_tokens(report):
            if token.type != "image":
                continue
            target = token.attrs["src"]
            path = report.submission.path.parent / target
            assert target.startswith(f"{report.agency.id}/"), target
            assert path.is_file(), target
            assert path.stat().st_size < MAX_ASSET_BYTES, target
            images.append(path)
    assert images, "no sample uses an image"


def test_the_set_uses_the_markdown_features_the_outputs_must_render(submitted):
    seen = {token.type for report in submitted for token in _tokens(report)}
    seen |= {token.type for report in submitted for token in _inline_tokens(report)}
    for feature in (
        "table_open",
        "bullet_list_open",
        "ordered_list_open",
        "footnote_ref",
        "image",
        "blockquote_open",
        "strong_open",
        "em_open",
    ):
        assert feature in seen, feature


def _tokens(report):
    """Block tokens of every part's content, as the model hands it to the site and the DOCX."""
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    for part in report.parts:
        yield from md.parse(part.content)


def _inline_tokens(report):
    for token in _tokens(report):
        yield from token.children or []


def test_figures_are_read_once_for_the_site_and_the_docx(root, workspace):
    """One reader of `so_lieu` (Round.figures): the first row of a year, campaign figures
    only, numbers only; an invalid report counts for nothing."""
    from baocao.workspace import load_round

    text = (root / "submissions" / "bo-cong-an.md").read_text(encoding="utf-8")
    (workspace / "submissions" / "bo-cong-an.md").write_text(text, encoding="utf-8")
    rnd = load_round(workspace)
    report = rnd.report("bo-cong-an")
    rows = [r for r in report.submission.meta["so_lieu"] if isinstance(r, dict)]
    keys = {f.key for f in rnd.campaign.figure_fields}
    first = {}
    for row in rows:
        first.setdefault(row["nam"], row)
    expected = {
        (y, k): v
        for y, row in first.items()
        for k, v in row.items()
        if k in keys and isinstance(v, (int, float))
    }
    assert expected and rnd.figures(report) == expected
    assert rnd.figure_totals() == expected  # the only usable report
    report.status = "invalid"
    rnd._figures.clear()
    assert rnd.figures(report) == {} and rnd.figure_totals() == {}
