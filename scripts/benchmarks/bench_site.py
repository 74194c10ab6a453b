"""Benchmark: the site build against a plain MkDocs build of the same submissions.

For the sample round and for generated rounds (default 150 and 1,000 agencies), time
  site      `baocao.site.build_site` (the real build: plugin, generated pages, search folding)
  baseline  `mkdocs build` of the same submissions copied as ordinary pages (one page per
            agency, an index linking them, the same theme, Markdown extensions and search),
            agency pages outside the navigation like the site's;
each in a fresh process, the two alternated, and report site/baseline as the best run of each
("ratio") and as the median over the pairs of runs made one after the other ("paired", which a
slow spell of a shared machine moves less), and seconds per agency.
Targets (issue 3): ratio <= 1.25; growth no faster than linear in the number of agencies.
Both sides run from compiled bytecode: pip compiled mkdocs and its theme when it installed
them, and the benchmark compiles the (editable) baocao package first, since on a machine that
sets PYTHONDONTWRITEBYTECODE every run would otherwise compile it again (about 0.07 s).

    .venv/bin/python scripts/benchmarks/bench_site.py [--sizes 150 1000] [--repeat 1] [--no-sample]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_workspace  # noqa: E402

PYTHON = sys.executable
SITE = "from pathlib import Path; import sys; from baocao.workspace import load_round; from baocao.site import build_site; " \
       "build_site(load_round(Path(sys.argv[1])), Path(sys.argv[2]))"


def timed(args: list[str], cwd: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BAOCAO_TODAY="2024-12-20")
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def baseline_workspace(ws: Path, dest: Path) -> Path:
    """The same submissions as ordinary MkDocs pages with the site's theme and extensions."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config["nav"] = [{"Trang chủ": "index.md"}]
    config["not_in_nav"] = "/co-quan/*.md"
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config.pop("extra_javascript", None), config.pop("extra_css", None)
    docs = dest / "docs"
    (docs / "co-quan").mkdir(parents=True)
    links = []
    for path in sorted((ws / "submissions").glob("*.md")):
        shutil.copy(path, docs / "co-quan" / path.name)
        if (path.parent / path.stem).is_dir():
            shutil.copytree(path.parent / path.stem, docs / "co-quan" / path.stem)
        links.append(f"- [{path.stem}](co-quan/{path.name})")
    (docs / "index.md").write_text("# Các báo cáo\n\n" + "\n".join(links) + "\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def measure(name: str, ws: Path, work: Path, repeat: int) -> tuple[str, int, float, float]:
    base = baseline_workspace(ws, work / f"{name}-plain")
    count = len(list((ws / "submissions").glob("*.md")))
    sites, plains = [], []
    for _ in range(repeat):  # alternated, so a slow spell of this shared machine hits both sides
        sites.append(timed([PYTHON, "-c", SITE, str(ws), str(work / f"{name}-site")], ROOT))
        plains.append(timed([PYTHON, "-m", "mkdocs", "build", "-q"], base))
    return name, count, sites, plains


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[150, 1000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-sample", action="store_true")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "scripts" / "baocao", quiet=1)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = Path(tmp)
        if not args.no_sample:
            rows.append(measure("samples", ROOT, work, args.repeat))
        for size in args.sizes:
            ws = make_workspace(work / f"ws-{size}", size)
            rows.append(measure(f"generated-{size}", ws, work, args.repeat))
            print(f"  done {size}", file=sys.stderr, flush=True)
    print(f"{'round':<16}{'files':>7}{'site s':>9}{'plain s':>9}{'ratio':>7}{'paired':>8}{'site ms/agency':>16}")
    for name, count, sites, plains in rows:
        site, plain = min(sites), min(plains)
        paired = statistics.median(s / p for s, p in zip(sites, plains))  # each run against the one just after it
        print(f"{name:<16}{count:>7}{site:>9.1f}{plain:>9.1f}{site / plain:>7.2f}{paired:>8.2f}{1000 * site / max(count, 1):>16.0f}")


if __name__ == "__main__":
    main()
