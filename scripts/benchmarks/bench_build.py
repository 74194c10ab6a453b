"""Benchmark: `baocao build` (check + DOCX + site) against plain MkDocs + raw pandoc, same run.

For the sample round and generated rounds (default 149 and 1,000 agencies), each command in a
fresh process, alternated so that a slow spell of the shared machine hits them all:
  build   `baocao build` (all), what the secretariat and CI run;
  mkdocs  `mkdocs build` of the same submissions copied as ordinary pages, one page each, an
          index linking them, the site's theme, Markdown extensions and search;
  pandoc  one pandoc call on the same report bodies, concatenated, with baocao's defaults file.
Reported: best wall time of each, build / (mkdocs + pandoc) from the best times ("ratio") and
as the median of the runs made together ("paired"; "cpu": the same in CPU seconds), with
--before the build of another checkout ("before"), peak memory of the build (Python and
pandoc together, sampled every 20 ms from /proc; at least the largest process's getrusage
peak), and the median time of a `mkdocs serve` rebuild after one report was edited (what
serve does: config loaded again, then a build), of the site, of the site under
`mkdocs serve --dirty --no-strict` ("dirty": only the pages that changed are written) and of
the plain MkDocs project ("plain serve"). Targets (issue 18): ratio <= 1.6 at every size,
build <= 8 s, peak <= 700 MB and serve rebuild <= 2 s at 149 agencies.

    .venv/bin/python scripts/benchmarks/bench_build.py [--sizes 149 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_workspace  # noqa: E402

PYTHON = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", BAOCAO_TODAY="2024-12-20")
RUN = """
import resource, subprocess, sys, time
def tree_kb(pid):  # resident memory of pid and its descendants (Linux /proc)
    total, todo = 0, [pid]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status") as status:
                total += sum(int(l.split()[1]) for l in status if l.startswith("VmRSS:"))
            with open(f"/proc/{pid}/task/{pid}/children") as children:
                todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            pass
    return total
start = time.perf_counter()
process = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL)
tree = 0
while process.poll() is None:
    tree = max(tree, tree_kb(process.pid))
    time.sleep(0.02)
seconds = time.perf_counter() - start
assert process.returncode == 0, process.returncode
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(seconds, use.ru_utime + use.ru_stime, max(tree, use.ru_maxrss))
"""
SERVE = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site, report, dirty = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "dirty"
times = []
for run in range(4):
    if run:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(f"\\n\\nĐoạn thêm lần {run}.\\n")
    start = time.perf_counter()
    config = load_config(config_file, site_dir=site, strict=False if dirty else None)
    if not run:  # once, as serve does; the plugins that have this event are kept
        config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
    times.append(time.perf_counter() - start)
print(sorted(times[1:])[1])
"""


def run(cwd: Path, *command: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB (all its processes together) of `command`."""
    done = subprocess.run(
        [PYTHON, "-c", RUN, str(cwd), *command], env=ENV, check=True, capture_output=True
    )
    seconds, cpu, kb = done.stdout.split()
    return float(seconds), float(cpu), int(kb) / 1024


def plain_mkdocs(ws: Path, dest: Path) -> Path:
    """The same submissions as ordinary MkDocs pages with the site's theme and extensions."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # !!python/name
    config["plugins"] = ["search"]
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config["nav"] = [{"Trang chủ": "index.md"}]
    config["not_in_nav"] = "/co-quan/*.md"
    for key in ("extra_javascript", "extra_css"):
        config.pop(key, None)
    docs = dest / "docs" / "co-quan"
    docs.mkdir(parents=True)
    links = []
    for path in sorted((ws / "submissions").glob("*.md")):
        shutil.copy(path, docs / path.name)
        if (path.parent / path.stem).is_dir():
            shutil.copytree(path.parent / path.stem, docs / path.stem)
        links.append(f"- [{path.stem}](co-quan/{path.name})")
    (dest / "docs" / "index.md").write_text("# Các báo cáo\n\n" + "\n".join(links) + "\n")
    (dest / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True, sort_keys=False))
    return dest


def raw_pandoc(ws: Path, dest: Path) -> list[str]:
    """One pandoc call on the report bodies (front matter removed), concatenated."""
    import pypandoc

    bodies = []
    for path in sorted((ws / "submissions").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        bodies.append(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text)
    (dest / "all.md").write_text("\n\n".join(bodies), encoding="utf-8")
    defaults = ROOT / "scripts" / "baocao" / "docx" / "defaults.yaml"
    return [
        pypandoc.get_pandoc_path(),
        f"--defaults={defaults}",
        f"--resource-path={ws / 'submissions'}",
        str(dest / "all.md"),
        "-o",
        str(dest / "all.docx"),
    ]


def measure(name: str, ws: Path, work: Path, repeat: int, before: str | None) -> dict:
    plain = plain_mkdocs(ws, work / f"{name}-plain")
    pandoc = raw_pandoc(ws, plain)
    build = ["-m", "baocao", "--root", str(ws), "build", "--out"]
    builds, mkdocs, pandocs, olds, peak = [], [], [], [], 0.0
    for _ in range(repeat):
        result = run(ROOT, PYTHON, *build, str(work / name))
        builds.append(result)
        peak = max(peak, result[2])
        mkdocs.append(run(plain, PYTHON, "-m", "mkdocs", "build", "-q"))
        pandocs.append(run(plain, *pandoc))
        if before:
            olds.append(run(ROOT, before, *build, str(work / f"{name}-before")))
    edited = sorted((ws / "submissions").glob("*.md"))[0]
    serve = rebuild(ws / "mkdocs.yml", work / f"{name}-serve", edited)
    dirty_serve = rebuild(ws / "mkdocs.yml", work / f"{name}-dirty", edited, dirty=True)
    plain_serve = rebuild(
        plain / "mkdocs.yml", work / f"{name}-plain-serve", plain / "docs" / "co-quan" / edited.name
    )
    wall = [(b[0], m[0], p[0]) for b, m, p in zip(builds, mkdocs, pandocs)]
    cpu = [(b[1], m[1], p[1]) for b, m, p in zip(builds, mkdocs, pandocs)]
    best = [min(column) for column in zip(*wall)]
    return {
        "round": name,
        "agencies": len(list((ws / "submissions").glob("*.md"))),
        "build_s": best[0],
        "mkdocs_s": best[1],
        "pandoc_s": best[2],
        "ratio": best[0] / (best[1] + best[2]),
        "paired": statistics.median(b / (m + p) for b, m, p in wall),
        "cpu_ratio": statistics.median(b / (m + p) for b, m, p in cpu),
        "before_s": min(o[0] for o in olds) if olds else None,
        "before_ratio": statistics.median(o[0] / (m + p) for o, (_, m, p) in zip(olds, wall))
        if olds
        else None,
        "peak_mb": peak,
        "serve_s": serve,
        "dirty_serve_s": dirty_serve,
        "plain_serve_s": plain_serve,
    }


def rebuild(config: Path, site: Path, edited: Path, dirty: bool = False) -> float:
    """Median seconds of a `mkdocs serve [--dirty --no-strict]` rebuild after `edited` changed
    (SERVE)."""
    kind = "dirty" if dirty else "full"
    done = subprocess.run(
        [PYTHON, "-c", SERVE, str(config), str(site), str(edited), kind],
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[149, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-sample", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    parser.add_argument("--before", help="python of another checkout: its build as a column")
    args = parser.parse_args()
    rows = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        cases = [] if args.no_sample else [("samples", ROOT)]
        for name, source in cases:
            ws = work / f"ws-{name}"
            ws.mkdir()
            for item in (
                "campaign.yml",
                "reviews.yml",
                "schema",
                "submissions",
                "docs",
                "mkdocs.yml",
            ):
                if (source / item).is_dir():
                    shutil.copytree(source / item, ws / item)
                elif (source / item).is_file():
                    shutil.copy(source / item, ws / item)
            rows.append(measure(name, ws, work, args.repeat, args.before))
        for size in args.sizes:
            ws = make_workspace(work / f"ws-{size}", size)
            repeat = max(1, args.repeat - (size > 500))
            rows.append(measure(f"generated-{size}", ws, work, repeat, args.before))
            print(f"  done {size}", file=sys.stderr, flush=True)
    print(f"load average (1 min) at the start: {load:.1f}; at the end: {os.getloadavg()[0]:.1f}")
    print(
        f"{'round':<16}{'agencies':>9}{'build s':>9}{'mkdocs s':>9}{'pandoc s':>9}{'ratio':>7}"
        f"{'paired':>8}{'cpu':>6}{'before s':>9}{'before':>8}{'peak MB':>9}{'serve s':>9}"
        f"{'dirty s':>8}{'plain serve s':>14}"
    )
    for r in rows:
        before = f"{r['before_s']:>9.2f}{r['before_ratio']:>8.2f}" if r["before_s"] else f"{'':>17}"
        print(
            f"{r['round']:<16}{r['agencies']:>9}{r['build_s']:>9.2f}{r['mkdocs_s']:>9.2f}"
            f"{r['pandoc_s']:>9.2f}{r['ratio']:>7.2f}{r['paired']:>8.2f}{r['cpu_ratio']:>6.2f}"
            f"{before}{r['peak_mb']:>9.0f}{r['serve_s']:>9.2f}{r['dirty_serve_s']:>8.2f}"
            f"{r['plain_serve_s']:>14.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
