"""A generated workspace of N agencies with complete submissions, for benchmarks and scale tests.

The campaign is the real one with its agencies repeated (ids suffixed) up to N; every
submission is complete, about 5 KB, with a table, a list, a footnote and figures.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from baocao.campaign import load_campaign  # noqa: E402
from baocao.completeness import agency_parts  # noqa: E402

WORDS = [
    "tăng",
    "cường",
    "kiểm",
    "tra",
    "giám",
    "sát",
    "hoạt",
    "động",
    "thương",
    "mại",
    "điện",
    "tử",
    "phát",
    "hiện",
    "xử",
    "lý",
    "vi",
    "phạm",
    "hàng",
    "giả",
    "hàng",
    "nhái",
    "người",
    "tiêu",
    "dùng",
    "phối",
    "hợp",
    "lực",
    "lượng",
    "chức",
    "năng",
    "tuyên",
    "truyền",
    "phổ",
    "biến",
    "pháp",
    "luật",
    "sàn",
    "giao",
    "dịch",
    "mạng",
    "xã",
    "hội",
    "địa",
    "bàn",
    "quản",
    "lý",
    "kế",
    "hoạch",
    "triển",
    "khai",
    "đề",
    "án",
    "năm",
    "kết",
    "quả",
    "đạt",
    "được",
    "tồn",
    "tại",
    "hạn",
    "chế",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def make_workspace(dest: Path, count: int, seed: int = 319) -> Path:
    """Write campaign.yml, schema/ and `count` submissions under dest; return dest."""
    rng = random.Random(seed)
    data = yaml.load((ROOT / "campaign.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    base = data["agencies"]
    agencies = []
    for k in range(count):
        a = {key: (list(v) if isinstance(v, list) else v) for key, v in base[k % len(base)].items()}
        if k >= len(base):
            a["id"] = f"{a['id']}-{k // len(base)}"
            a["name"] = f"{a['name']} ({k // len(base)})"
            a["owner"] = "@baocao-319/" + a["id"]
        agencies.append(a)
    data["agencies"] = agencies
    data["recipients"] = [
        {
            "no": 1,
            "name": "Các cơ quan (dữ liệu sinh tự động)",
            "agencies": [a["id"] for a in agencies],
        }
    ]
    used = {t for a in agencies for t in a["tasks"]}
    data["tasks"] = [t for t in data["tasks"] if t["id"] in used]

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    dest.mkdir(parents=True, exist_ok=True)
    (dest / "campaign.yml").write_text(
        yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copytree(ROOT / "schema", dest / "schema", dirs_exist_ok=True)
    for extra in ("mkdocs.yml", "docs"):
        src = ROOT / extra
        if src.is_dir():
            shutil.copytree(src, dest / extra, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy(src, dest / extra)
    campaign = load_campaign(dest)
    subs = dest / "submissions"
    subs.mkdir(exist_ok=True)
    for agency in campaign.agencies:
        (subs / f"{agency.id}.md").write_text(
            submission_text(campaign, agency, rng), encoding="utf-8"
        )
    return dest


def submission_text(campaign, agency, rng: random.Random) -> str:
    figures = []
    for year in campaign.years:
        row = {"nam": year}
        for f in campaign.figure_fields:
            row[f.key] = rng.randint(0, 5_000_000_000 if f.unit == "đồng" else 500)
        figures.append(row)
    meta = {
        "co_quan": agency.id,
        "so_ky_hieu": f"{rng.randint(1, 999)}/BC-SINH",
        "ngay_ban_hanh": f"{rng.randint(1, 9):02d}/12/2024",
        "nguoi_ky": {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Phó Chủ tịch"},
        "trang_thai": "chinh_thuc",
        "lien_he": {
            "ho_ten": "Trần Thị Bình",
            "dien_thoai": "0982.190.626",
            "email": "binh@example.gov.vn",
        },
        "so_lieu": figures,
        "van_ban": [
            {
                "so_ky_hieu": "12/KH-SINH",
                "ngay": "15/08/2023",
                "trich_yeu": "Kế hoạch triển khai Đề án",
            }
        ],
    }
    out = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    for i, spec in enumerate(agency_parts(campaign, agency)):
        out += [f"{'#' * min(spec.depth, 6)} {spec.heading}", ""]
        if spec.leaf:
            out += [" ".join(_sentence(rng) for _ in range(3)), ""]
            if i % 7 == 3:
                out += [
                    "| Chỉ tiêu | 2023 | 2024 |",
                    "|---|---:|---:|",
                    f"| Số vụ kiểm tra | {rng.randint(1, 99)} | {rng.randint(1, 99)} |",
                    "",
                ]
            if i % 9 == 4:
                out += [f"- {_sentence(rng)}", f"- {_sentence(rng)}", ""]
            if i % 11 == 5:
                out += [f"Theo báo cáo chuyên đề[^{i}].", "", f"[^{i}]: {_sentence(rng)}", ""]
    return "\n".join(out)


if __name__ == "__main__":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    print(make_workspace(Path(sys.argv[1]), n))
