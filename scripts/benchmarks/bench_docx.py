"""Benchmark of the merged DOCX build against its floor: one raw pandoc call on the same
merged Markdown with the same options, measured in the same run.

    .venv/bin/python scripts/benchmarks/bench_docx.py [--sizes 150,1000] [--repeat 3] [--repeat-large 1]

Cases: the sample round of the repository, then generated workspaces of each size
(scripts/benchmarks/synthetic.py). Each measurement runs in a fresh child process, so its
peak memory (ru_maxrss of the process and of its own children: pandoc) is its own.
Reported: load time, build wall time (Markdown + reference + pandoc + layout; the letterhead
and the native charts are built while pandoc runs), raw pandoc wall time, their ratio (target
<= 1.15) from the medians and as the median of the ratios of adjacent runs; the same in CPU
seconds; peak memory of the Python process and of pandoc.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# This file is called docx.py: its folder must not shadow python-docx's `docx` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT / "scripts"))


def child(kind: str, workspace: Path, out_dir: Path) -> dict:
    """One measurement, in this (child) process."""
    from baocao.docx import build_docx, prepare_merged
    from baocao.docx.pandoc import pandoc_command
    from baocao.workspace import load_round

    start = time.perf_counter()
    rnd = load_round(workspace)
    loaded = time.perf_counter()
    cpu_loaded = _cpu(resource.RUSAGE_SELF)
    if kind == "build":
        build_docx(rnd, out_dir / "build.docx")
        seconds = time.perf_counter() - loaded
        cpu = _cpu(resource.RUSAGE_SELF) - cpu_loaded + _cpu(resource.RUSAGE_CHILDREN)
        size = (out_dir / "build.docx").stat().st_size
        markdown_bytes = None
    else:  # raw: the same Markdown and options, one pandoc call, nothing else timed
        prepared = prepare_merged(rnd, out_dir / "prep")
        data = prepared.markdown.encode("utf-8")
        markdown_bytes = len(data)
        command = pandoc_command(out_dir / "raw.docx", prepared.args)
        begin = time.perf_counter()
        subprocess.run(command, input=data, check=True, capture_output=True)
        seconds = time.perf_counter() - begin
        cpu = _cpu(resource.RUSAGE_CHILDREN)  # pandoc only
        size = (out_dir / "raw.docx").stat().st_size
    return {
        "load": loaded - start,
        "seconds": seconds,
        "cpu": cpu,
        "python_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pandoc_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "docx_bytes": size,
        "markdown_bytes": markdown_bytes,
    }


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure(kind: str, workspace: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        done = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(workspace), tmp],
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def run_case(name: str, workspace: Path, repeat: int) -> dict:
    builds, raws = [], []
    for _ in range(repeat):  # alternate, so load on the machine affects both alike
        raws.append(measure("raw", workspace))
        builds.append(measure("build", workspace))
    build = statistics.median(b["seconds"] for b in builds)
    raw = statistics.median(r["seconds"] for r in raws)
    row = {
        "case": name,
        "load_s": round(statistics.median(b["load"] for b in builds), 2),
        "build_s": round(build, 2),
        "raw_pandoc_s": round(raw, 2),
        "ratio": round(build / raw, 3),
        # each build against the raw call just before it: a slow spell of a shared machine moves it less
        "paired_ratio": round(
            statistics.median(b["seconds"] / r["seconds"] for b, r in zip(builds, raws)), 3
        ),
        "build_cpu_s": round(statistics.median(b["cpu"] for b in builds), 2),
        "raw_cpu_s": round(statistics.median(r["cpu"] for r in raws), 2),
        "cpu_ratio": round(
            statistics.median(b["cpu"] for b in builds) / statistics.median(r["cpu"] for r in raws),
            3,
        ),
        "build_python_mb": round(max(b["python_mb"] for b in builds)),
        "build_pandoc_mb": round(max(b["pandoc_mb"] for b in builds)),
        "raw_pandoc_mb": round(max(r["pandoc_mb"] for r in raws)),
        "markdown_kb": round(raws[0]["markdown_bytes"] / 1024),
        "docx_kb": round(builds[0]["docx_bytes"] / 1024),
    }
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="150,1000", help="generated workspace sizes (comma-separated)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per case for the sample round and 150"
    )
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=1,
        help="runs per case above 150 agencies (a minute each)",
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("KIND", "WORKSPACE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        kind, workspace, out = args.child
        print(json.dumps(child(kind, Path(workspace), Path(out))))
        return 0
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic", HERE / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    make_workspace = synthetic.make_workspace

    rows = [run_case("sample round", ROOT, args.repeat)]
    for size in (int(s) for s in args.sizes.split(",") if s):
        with tempfile.TemporaryDirectory(prefix=f"baocao-bench-{size}-") as tmp:
            workspace = make_workspace(Path(tmp), size)
            rows.append(
                run_case(
                    f"{size} generated agencies",
                    workspace,
                    args.repeat if size <= 150 else args.repeat_large,
                )
            )
    worst = max(r["ratio"] for r in rows)
    paired = max(r["paired_ratio"] for r in rows)
    print(
        f"worst ratio build/raw pandoc: {worst:.3f} (medians), {paired:.3f} (paired runs); target <= 1.15"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
