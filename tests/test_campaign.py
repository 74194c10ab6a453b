"""campaign.yml: validated, and a faithful transcription of the letter."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter

import pytest

from baocao.campaign import load_campaign
from baocao.cli import main
from baocao.errors import CampaignError
from baocao.text import collapse
from conftest import ROOT, shared

PROVINCES = 63
ITEM7 = [
    "bo-quoc-phong",
    "bo-tu-phap",
    "bo-giao-thong-van-tai",
    "bo-van-hoa-the-thao-va-du-lich",
    "bo-y-te",
    "bo-nong-nghiep-va-phat-trien-nong-thon",
]


def seed_text() -> str:
    path = shared("seed", "000_11c8c1e425c3d113.txt")
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return collapse(" ".join(paragraphs))


def test_counts_and_groups(campaign):
    groups = Counter(a.group for a in campaign.agencies)
    assert groups["ubnd-tinh"] == PROVINCES and groups["qltt-tinh"] == PROVINCES
    assert len({a.province for a in campaign.agencies if a.group == "ubnd-tinh"}) == PROVINCES
    provinces_ubnd = [a.province for a in campaign.agencies if a.group == "ubnd-tinh"]
    provinces_qltt = [a.province for a in campaign.agencies if a.group == "qltt-tinh"]
    assert provinces_ubnd == provinces_qltt
    assert {"Hà Nội", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Hà Giang", "Đắk Nông"} <= set(
        provinces_ubnd
    )
    assert Counter(a.appendix for a in campaign.agencies) == {
        "I": 9 + PROVINCES,
        "II": 14 + PROVINCES,
    }
    assert len(campaign.recipients) == 20
    assert [r.no for r in campaign.recipients] == list(range(1, 21))


def test_item_7_is_six_ministries_with_the_same_tasks(campaign):
    tasks = {campaign.agency(a).task_ids for a in ITEM7}
    assert len(tasks) == 1 and len(next(iter(tasks))) == 4
    assert all(campaign.agency(a).letter_item == "7" for a in ITEM7)


def test_shared_tasks_are_one_task_with_many_assignees(campaign):
    ubnd = [a for a in campaign.agencies if a.group == "ubnd-tinh"]
    assert all(a.task_ids == ubnd[0].task_ids for a in ubnd) and len(ubnd[0].task_ids) == 9
    common = campaign.tasks[ubnd[0].task_ids[0]]
    # Bộ Công an, TT&TT, Tài chính, KH&CN, the six of item 7 and the 63 provinces
    assert len(common.assignees) == 4 + 6 + PROVINCES
    texts = [t.text for t in campaign.tasks.values()]
    assert len(texts) == len(set(texts))


def test_every_task_and_heading_is_verbatim_in_the_letter(campaign):
    seed = seed_text()
    for task in campaign.tasks.values():
        assert task.text in seed, task.id
    for outline in campaign.outlines.values():
        for node in outline.walk():
            assert node.title in seed, node.id
            if node.guidance:
                assert node.guidance in seed
    for agency in campaign.agencies:
        if agency.group not in ("ubnd-tinh", "qltt-tinh") and agency.id not in ITEM7:
            assert (agency.short_name in seed) or (agency.name in seed), agency.id


def test_tasks_per_agency_match_the_letter_blocks(campaign):
    """Each agency's task count equals the bullets under its heading in the letter."""
    path = shared("seed", "000_11c8c1e425c3d113.txt")
    text = path.read_text(encoding="utf-8")
    block = text.split("5.5. Cục Nghiệp vụ Quản lý thị trường")[1].split("5.6.")[0]
    bullets = len(re.findall(r"^- ", block, re.M))
    assert len(campaign.agency("tcqltt-cuc-nghiep-vu").task_ids) == bullets == 6
    assert len(campaign.agency("thanh-tra-bo").task_ids) == 1
    assert len(campaign.agency("hoi-bao-ve-nguoi-tieu-dung").task_ids) == 1


def test_outlines_keep_their_own_titles(campaign):
    one, two = campaign.outlines["I"], campaign.outlines["II"]
    assert [n.id for n in one.walk()] == [n.id for n in two.walk()]
    p2 = {
        o: next(n for n in campaign.outlines[o].walk() if n.id == "p2").title for o in ("I", "II")
    }
    assert "MỘT SỐ GIẢI PHÁP" in p2["I"] and "MỘT SỐ GIẢI PHÁP" not in p2["II"]
    points = [n for n in one.walk() if n.id.startswith("p1-iii-2-1-")]
    assert len(points) == 4
    assert campaign.letter.deadline.isoformat() == "2024-12-05"
    assert campaign.letter.number == "3610/TCQLTT-BCĐ319"


def test_tasks_json_is_the_stable_interface(campaign, capsys):
    assert main(["tasks", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"agency_id", "agency_name", "appendix", "task_id", "text"} <= set(rows[0])
    assert len(rows) == sum(len(a.task_ids) for a in campaign.agencies)
    by_agency = Counter(r["agency_id"] for r in rows)
    assert sum(1 for a in by_agency if a.startswith("ubnd-")) == PROVINCES
    assert sum(1 for a in by_agency if a.startswith("qltt-")) == PROVINCES
    assert all(by_agency[a] == 4 for a in ITEM7)
    assert {r["appendix"] for r in rows} == {"I", "II"}
    for row in rows:
        assert campaign.tasks[row["task_id"]].text == row["text"]


def test_tasks_csv_opens_in_a_spreadsheet(capsys):
    assert main(["tasks", "--csv", "--agency", "ngan-hang-nha-nuoc"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert rows[0] == [
        "Mã cơ quan",
        "Cơ quan",
        "Phụ lục",
        "Nhóm",
        "Mục của công văn",
        "Số thứ tự nhiệm vụ",
        "Mã nhiệm vụ",
        "Nhiệm vụ",
        "Số cơ quan được giao",
    ]
    assert len(rows) == 3 and out.count("\r\n") == 3
    assert rows[1][:4] == [
        "ngan-hang-nha-nuoc",
        "Ngân hàng Nhà nước Việt Nam",
        "II",
        "Các Bộ, ngành",
    ]


def test_broken_campaign_is_a_clear_error(workspace, capsys):
    path = workspace / "campaign.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "deadline: '2024-12-05'", "deadline: '05/12/2024'"
        ),
        encoding="utf-8",
    )
    with pytest.raises(CampaignError, match=r"campaign.yml:\d+: letter.deadline") as caught:
        load_campaign(workspace)
    assert str(caught.value) == (  # the schema's keyword in Vietnamese, not jsonschema's English
        "campaign.yml:29: letter.deadline: không đúng lược đồ (Hạn gửi báo cáo (deadline):"
        ' "05/12/2024" không đúng dạng. Báo cáo ban hành đến hết ngày này được tính là đúng hạn).'
    )
    assert main(["--root", str(workspace), "check"]) == 1
    assert "lỗi: campaign.yml:" in capsys.readouterr().err


def test_campaign_and_schema_figures_must_agree(workspace):
    path = workspace / "campaign.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("key: tin_bai", "key: so_tin_bai"),
        encoding="utf-8",
    )
    with pytest.raises(CampaignError, match="so_tin_bai"):
        load_campaign(workspace)


@pytest.mark.parametrize(
    "key, value",
    [
        ("minLength", "một"),  # not JSON Schema: the metaschema says so
        ("pattern", "^([0-9]+$"),  # not a regular expression: compiling the schema says so
    ],
)
def test_a_broken_schema_is_a_vietnamese_error_not_a_traceback(workspace, capsys, key, value):
    """schema/ is edited by the secretariat too: a schema that is JSON but not JSON Schema
    names the file and the place, and the command exits 1, before any submission is read."""
    path = workspace / "schema" / "submission.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["so_ky_hieu"][key] = value
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        CampaignError,
        match=rf"schema/submission.schema.json: lược đồ JSON Schema không hợp lệ tại properties/so_ky_hieu/{key}",
    ):
        load_campaign(workspace)
    assert main(["--root", str(workspace), "check"]) == 1
    err = capsys.readouterr().err
    assert "lỗi: schema/submission.schema.json" in err and "Traceback" not in err


def test_a_schema_reference_to_nothing_is_a_vietnamese_error(workspace):
    path = workspace / "schema" / "submission.schema.json"
    text = path.read_text(encoding="utf-8")
    ref = next(iter(json.loads(text)["$defs"]))
    path.write_text(text.replace(f'"#/$defs/{ref}"', '"#/$defs/khong_co"'), encoding="utf-8")
    with pytest.raises(
        CampaignError,
        match=r'schema/submission.schema.json: tham chiếu "\$ref": "#/\$defs/khong_co" không trỏ tới',
    ):
        load_campaign(workspace)


def test_missing_campaign(tmp_path, capsys):
    shutil.rmtree(tmp_path, ignore_errors=True)
    tmp_path.mkdir()
    assert main(["--root", str(tmp_path), "tasks"]) == 1
    assert "không tìm thấy" in capsys.readouterr().err


def _secret(tmp_path):
    secret = tmp_path / "ngoai" / "bi-mat.yml"
    secret.parent.mkdir()
    secret.write_text("BI_MAT=abc123\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("name", ["campaign.yml", "schema", "schema/campaign.schema.json"])
def test_a_configuration_file_reached_through_a_link_is_refused(workspace, tmp_path, name):
    """`owners --check` reads a pull request's campaign.yml and schema/ in CI: a link there
    must not make baocao read, and quote in the log, a file outside the workspace."""
    secret = _secret(tmp_path)
    shutil.copy(workspace / "schema" / "campaign.schema.json", secret.parent)
    target = workspace / name
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    target.symlink_to(secret if name == "campaign.yml" else secret.parent / target.name)
    with pytest.raises(CampaignError, match=f"^{name}.* liên kết") as caught:
        load_campaign(workspace)
    assert "BI_MAT" not in str(caught.value)


def test_a_configuration_file_too_large_or_special_is_refused(workspace, tmp_path, capsys):
    path = workspace / "campaign.yml"
    path.write_bytes(path.read_bytes() + b"#" * 6_000_000)
    with pytest.raises(CampaignError, match="^campaign.yml dài 6078704 byte, vượt giới hạn"):
        load_campaign(workspace)
    path.unlink()
    path.symlink_to("/dev/zero")  # read without end by a plain read
    with pytest.raises(CampaignError, match="liên kết"):
        load_campaign(workspace)
    codeowners = workspace / ".github" / "CODEOWNERS"
    codeowners.parent.mkdir()
    codeowners.symlink_to(_secret(tmp_path))
    path.unlink()
    shutil.copy(ROOT / "campaign.yml", path)
    assert main(["--root", str(workspace), "owners", "--check"]) == 1
    assert "lỗi: .github/CODEOWNERS là liên kết" in capsys.readouterr().err
