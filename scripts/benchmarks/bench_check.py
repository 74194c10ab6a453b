"""Benchmark of `baocao check`: per-file cost against the floor of parsing + validating front matter.

    python scripts/benchmarks/bench_check.py [--sizes 1000 10000]

The floor reads each file, splits the front matter, parses it with PyYAML's CSafeLoader and
validates it with the compiled JSON Schema validator (jsonschema-rs): the least any checker of these files does,
with the same libraries. The check is the full pipeline (`load_round`: reading, decoding,
NFC, safe YAML, schema, identity, headings, completeness, status) on the same files, in the
same process. Reported as a ratio; the target is at most 1.5x.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_workspace  # noqa: E402

from baocao.campaign import load_campaign  # noqa: E402
from baocao.schemas import SchemaValidator  # noqa: E402
from baocao.workspace import load_round  # noqa: E402


def floor(files: list[Path], schema: dict) -> float:
    validator = SchemaValidator(schema)  # the same compiled validator the checker uses
    start = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0][4:]
        data = yaml.load(front, Loader=yaml.CSafeLoader)
        for _ in validator.iter_errors(data):
            pass
    return time.perf_counter() - start


def full(root: Path, campaign) -> float:
    start = time.perf_counter()
    rnd = load_round(root, campaign=campaign)
    elapsed = time.perf_counter() - start
    assert not rnd.errors, rnd.errors[:3]
    return elapsed


def interleaved(runs: int, *jobs) -> list[float]:
    """Best time of each job over `runs` rounds, the jobs alternating so drift hits both alike."""
    best = [float("inf")] * len(jobs)
    for _ in range(runs):
        for index, (fn, args) in enumerate(jobs):
            gc.collect()
            best[index] = min(best[index], fn(*args))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--runs", type=int, default=5, help="rounds of (floor, check); the best of each is kept"
    )
    args = parser.parse_args()
    print(f"{'files':>6} {'floor µs/file':>14} {'check µs/file':>14} {'ratio':>6}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_workspace(Path(tmp) / "ws", n)
            campaign = load_campaign(root)
            files = sorted((root / "submissions").glob("*.md"))
            base, ours = interleaved(
                args.runs, (floor, (files, campaign.submission_schema)), (full, (root, campaign))
            )
            print(f"{n:>6} {base / n * 1e6:>14.0f} {ours / n * 1e6:>14.0f} {ours / base:>6.2f}")


if __name__ == "__main__":
    main()
