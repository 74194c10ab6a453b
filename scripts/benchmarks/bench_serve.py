"""Benchmark: the site rebuilds of `mkdocs serve`, with and without the templates kept in memory.

`mkdocs serve` rebuilds the site in its own process after every edit, beside its live-reload
server (a thread: so nothing is forked, see baocao.background). This runs such rebuilds of the
workspace's site in one process with a thread alive, alternating
  kept      the templates compiled by the previous build are reused (baocao.site.templates)
  baseline  the same build with the compiled templates dropped first (in memory and in the
            cache folder, a temporary one here), as each build was before
and reports the median of each and their ratio.

    .venv/bin/python scripts/benchmarks/bench_serve.py [--root .] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from baocao.site import templates  # noqa: E402


def rebuild(config_file: Path, site: Path) -> float:
    start = time.perf_counter()
    build(load_config(str(config_file), site_dir=str(site)), serve_url="http://127.0.0.1:8000/")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    server = threading.Event()
    threading.Thread(target=server.wait, daemon=True).start()  # as the live-reload server
    config_file = args.root / "mkdocs.yml"
    kept, baseline = [], []
    with (
        tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp,
        tempfile.TemporaryDirectory(prefix="bench-cache-") as home,
    ):
        os.environ["XDG_CACHE_HOME"] = home
        cache = templates.cache_root()
        rebuild(config_file, Path(tmp))  # the first build compiles in any case
        for _ in range(args.repeat):
            kept.append(rebuild(config_file, Path(tmp)))
            templates._KEPT.clear()
            shutil.rmtree(cache, ignore_errors=True)
            baseline.append(rebuild(config_file, Path(tmp)))
    server.set()
    k, b = statistics.median(kept), statistics.median(baseline)
    print(f"rebuild with kept templates {k:.2f} s, without {b:.2f} s: ratio {k / b:.2f}")


if __name__ == "__main__":
    main()
