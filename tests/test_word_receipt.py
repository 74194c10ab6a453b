"""A Word report's received date comes from git history as a Markdown report's does: the day
its first issued version (numbered, dated, signed) reached the main line, never the date the
agency typed in it."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from baocao.campaign import load_campaign
from baocao.workspace import load_round
from wordmaker import word_report

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _commit(ws: Path, message: str, when: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME="Bộ Y tế",
        GIT_AUTHOR_EMAIL="byt@example.org",
        GIT_COMMITTER_NAME="GitHub",
        GIT_COMMITTER_EMAIL="noreply@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    if not (ws / ".git").exists():
        subprocess.run(["git", "-C", str(ws), "init", "-q", "-b", "main"], check=True, env=env)
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", "-C", str(ws), *args], check=True, env=env, capture_output=True)


def test_a_word_report_is_received_when_its_signed_version_reached_main(workspace):
    path = workspace / "submissions" / "bo-y-te.docx"
    word_report(load_campaign(workspace), "bo-y-te", path)  # dated 03/12/2024, signed
    doc = Document(str(path))
    number = next(p for p in doc.paragraphs if p.text.startswith("Số:"))
    number.runs[0].text = "Số: ...../BC-....."  # the draft: no number yet
    doc.save(str(path))
    _commit(workspace, "Dự thảo", "2024-12-02T10:00:00+07:00")
    word_report(load_campaign(workspace), "bo-y-te", path)
    _commit(workspace, "Bản chính thức", "2024-12-07T09:00:00+07:00")

    report = load_round(workspace, today=date(2024, 12, 12)).report("bo-y-te")
    assert report.submission.issued == date(2024, 12, 3)
    assert (report.receipt.day, report.receipt.source, report.status) == (
        date(2024, 12, 7),
        "git",
        "late",
    )


def test_a_report_keeps_its_received_date_when_it_changes_format(workspace):
    """Received on time as Markdown, then replaced by the agency's Word file after the deadline
    (or a Word file turned into Markdown by baocao import): its report reached main on time."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "benchmarks"))
    from synthetic import submission_text

    campaign = load_campaign(workspace)
    text = submission_text(campaign, campaign.agency("bo-y-te"), random.Random(3))
    markdown = workspace / "submissions" / "bo-y-te.md"
    markdown.write_text(text.replace("trang_thai: du_thao", "trang_thai: chinh_thuc"), "utf-8")
    _commit(workspace, "Bản chính thức", "2024-12-04T09:00:00+07:00")
    markdown.unlink()
    word_report(campaign, "bo-y-te", workspace / "submissions" / "bo-y-te.docx")
    _commit(workspace, "Gửi lại bằng tệp Word", "2024-12-11T09:00:00+07:00")

    report = load_round(workspace, today=date(2024, 12, 12)).report("bo-y-te")
    assert (report.submission.file, report.receipt.day, report.status) == (
        "submissions/bo-y-te.docx",
        date(2024, 12, 4),
        "on_time",
    )
