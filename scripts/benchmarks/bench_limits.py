"""Does every report the limits accept build in time and memory linear in its size?

    .venv/bin/python scripts/benchmarks/bench_limits.py [--sizes 250000,500000,990000] [--cases a,b]

Each case is one agency's report: the valid sample report followed by filler of one kind,
each unit of it just under a limit of baocao.limits (nesting 10 deep, tables of 2,000 rows or
20,000 cells, 1,000-character headings), repeated up to each size, the last just under
limits.REPORT_BYTES (images and lists: as many as their limit lets in, then plain text). Each size runs `baocao build docx --agency` in a child process
(check, then the agency's DOCX through pandoc), measured by os.wait4: CPU seconds and peak
memory of the largest process (pandoc). Reported per case: CPU microseconds per byte, and the
ratio of CPU and memory between the largest and the smallest size against the ratio of their
sizes (linear: CPU ratio close to the size ratio; memory grows by far less), and per byte the
ratio against plain text of the same size (the constant factor a kind of content costs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from baocao import limits  # noqa: E402

AGENCY = "hoi-bao-ve-nguoi-tieu-dung"
SAMPLE = ROOT / "tests/acceptance/valid/complete/submissions" / f"{AGENCY}.md"
D = 10  # the depth limits are all 10: the units below are exactly at them
assert limits.BLOCK_DEPTH == limits.BRACKET_DEPTH == limits.EMPHASIS_DEPTH == D
CASES = {
    "plain": "Đây là một câu văn bình thường của báo cáo, có số liệu 1.234 và dấu phẩy. " * 8
    + "\n\n",
    "brackets": "[" * D + "a" + "]" * D + " văn bản\n\n",
    "links": "[a " * (D - 1) + f"[b]({AGENCY}/anh.png)" + f"]({AGENCY}/anh.png)" * (D - 1) + "\n\n",
    "emphasis": "*a " * D + "b" + " a*" * D + "\n\n",
    "lists": "\n".join("  " * i + "- mục" for i in range(D)) + "\n\n",
    "quotes": "> " * D + "trích dẫn\n\n",
    "table_rows": "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * (limits.TABLE_ROWS - 1) + "\n",
    "table_cells": "|"
    + " a |" * 20
    + "\n|"
    + "---|" * 20
    + "\n"
    + ("|" + " 1 |" * 20 + "\n") * 999
    + "\n",
    "quoted_table": "> " * D
    + "| a | b |\n"
    + "> " * D
    + "|---|---|\n"
    + ("> " * D + "| 1 | 2 |\n") * 200
    + "\n",
    "comments": "a" + "<!--" * limits.PARAGRAPH_COMMENTS + "\n\n",
    "continued_links": "Nội dung\n" + "2. [a](https://a.vn)\n" * limits.PARAGRAPH_LINKS + "\n",
    "repeated_headings": "Mục\n===\n\n",
    "headings": "## " + "tiêu đề " * (limits.HEADING_CHARS // 8 - 1) + "\n\nvăn bản\n\n",
    "images": f"![Ảnh]({AGENCY}/anh.png)\n\n",
}

# the sample report has one image and one list already
CAPPED = {"images": limits.IMAGE_REFERENCES - 1, "lists": (limits.LISTS - 1) // D}


def report(case: str, size: int) -> bytes:
    head = SAMPLE.read_bytes() + b"\n"
    unit = CASES[case].encode("utf-8")
    if case in CAPPED:  # as many units as the limit lets in, the rest plain text
        count = min(CAPPED[case], (size - len(head)) // len(unit))
        head += unit * count
        unit = CASES["plain"].encode("utf-8")
    count = max(0, (size - len(head)) // len(unit))
    return head + unit * count


def measure(workspace: Path, out: Path) -> tuple[float, int, int]:
    """CPU seconds and peak memory (KB) of one `baocao build docx --agency`, and its exit code."""
    command = [sys.executable, "-m", "baocao", "--root", str(workspace), "build", "docx"]
    command += ["--agency", AGENCY, "--out", str(out)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(errors.decode("utf-8", "replace"))
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code


def workspace_at(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(ROOT / "campaign.yml", folder / "campaign.yml")
    shutil.copytree(ROOT / "schema", folder / "schema")
    images = folder / "submissions" / AGENCY
    images.mkdir(parents=True)
    shutil.copy(ROOT / "submissions/tcqltt-cuc-nghiep-vu/bieu-do-xu-ly.png", images / "anh.png")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250000,500000,990000")
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    assert max(sizes) <= limits.REPORT_BYTES
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as tmp:
        workspace = workspace_at(Path(tmp) / "ws")
        target = workspace / "submissions" / f"{AGENCY}.md"
        target.write_bytes(SAMPLE.read_bytes())
        cpu, rss, code = measure(workspace, Path(tmp) / "out")
        print(
            f"baseline (sample report, {SAMPLE.stat().st_size} B): {cpu:.2f} s CPU, {rss // 1024} MB, exit {code}"
        )
        plain: dict[int, float] = {}
        print(
            "case         bytes    CPU s  us/B  xplain  peak MB   | largest/smallest: size  CPU  memory"
        )
        for case in args.cases.split(","):
            rows = []
            for size in sizes:
                data = report(case, size)
                target.write_bytes(data)
                cpu, rss, code = measure(workspace, Path(tmp) / "out")
                per_byte = cpu / len(data) * 1e6
                if case == "plain":
                    plain[size] = per_byte
                against = per_byte / plain[size] if size in plain else float("nan")
                rows.append((len(data), cpu, rss))
                flag = "" if code == 0 else f"  EXIT {code}"
                print(
                    f"{case:11s} {len(data):8d} {cpu:7.2f} {per_byte:5.2f} {against:6.2f} {rss // 1024:8d}{flag}",
                    flush=True,
                )
            (b0, c0, m0), (b1, c1, m1) = rows[0], rows[-1]
            print(
                f"{case:11s} {'':40s} | {b1 / b0:4.1f}x {c1 / c0:4.1f}x {m1 / m0:4.1f}x", flush=True
            )


if __name__ == "__main__":
    main()
