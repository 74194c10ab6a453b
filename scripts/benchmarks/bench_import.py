"""Benchmark of `baocao import`: the whole import of a Word report against the floor of opening it.

    python scripts/benchmarks/bench_import.py [--file X.docx] [--repeat 5] [--pages]

The floor opens the DOCX with python-docx and reads the text of every paragraph and table
cell (`doc.paragraphs`, `table.cell.text`): the least any importer built on python-docx does.
The import is the full pipeline in the same process: open, read every run (legacy repair,
NFC), letterhead, titles to the outline, Markdown, atomic write, then `load_round` on the
written file (the check). Measured on the largest real file of ../shared/corpus/vn-gov-docx/
(or --file), and on a generated ~20-page report. Also the CLI as a user runs it (a new
Python process). Target: the whole import of a ~20-page report under 2 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Python puts this script's folder first on sys.path, where scripts/benchmarks/docx.py would
# shadow python-docx: drop it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import docx  # noqa: E402

from baocao.campaign import load_campaign  # noqa: E402
from baocao.importer import import_docx, run_import  # noqa: E402
from baocao.workspace import load_round  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("BAOCAO_SHARED", ROOT.parent / "shared")) / "corpus" / "vn-gov-docx"
AGENCY = "ubnd-da-nang"
WORDS = (
    "Ủy ban nhân dân thành phố đã chỉ đạo các sở, ngành, địa phương triển khai kế hoạch kiểm tra, "
    "xử lý vi phạm về hàng giả, hàng kém chất lượng trong thương mại điện tử; tổ chức tuyên truyền, "
    "tập huấn cho doanh nghiệp và người tiêu dùng về quyền và nghĩa vụ khi mua bán trực tuyến."
)


def floor(path: Path) -> int:
    document = docx.Document(str(path))
    count = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            count += sum(len(cell.text) for cell in row.cells)
    return count


def workspace(dest: Path) -> Path:
    shutil.copy(ROOT / "campaign.yml", dest / "campaign.yml")
    shutil.copytree(ROOT / "schema", dest / "schema")
    (dest / "submissions").mkdir()
    return dest


def full_import(root: Path, path: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = run_import(root, path, AGENCY, force=True)
    if code not in (0, 1):
        raise SystemExit(f"import failed: {code}")


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def breakdown(root: Path, path: Path, repeat: int) -> dict[str, float]:
    """Median time of each stage: campaign load (core), DOCX to Markdown (importer), check (core)."""
    campaign = load_campaign(root)
    agency = campaign.agency(AGENCY)
    md = root / "submissions" / f"{AGENCY}.md"
    return {
        "campaign": timed(lambda: load_campaign(root), repeat),
        "open+convert": timed(
            lambda: import_docx(campaign, agency, docx.Document(str(path)), path.name), repeat
        ),
        "check": timed(lambda: load_round(root, [md], campaign=campaign), repeat),
    }


def twenty_pages(path: Path) -> Path:
    """A report of ~20 A4 pages: 40 bold numbered titles, 160 paragraphs, 4 tables of 25 rows."""
    document = docx.Document()
    for section in range(1, 5):
        document.add_paragraph().add_run(
            f"{['I', 'II', 'III', 'IV'][section - 1]}. PHẦN NỘI DUNG SỐ {section}"
        ).bold = True
        for item in range(1, 11):
            document.add_paragraph().add_run(
                f"{item}. Mục {section}.{item} của báo cáo"
            ).bold = True
            for _ in range(4):
                document.add_paragraph(WORDS)
        table = document.add_table(rows=25, cols=5)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"Ô {r}-{c}: {WORDS[:40]}"
    document.save(path)
    return path


def pages(path: Path) -> int | None:
    """Pages of the file as LibreOffice lays it out (None when LibreOffice or pdfinfo is absent)."""
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        return None
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(path),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        pdf = Path(work) / (path.stem + ".pdf")
        if not pdf.exists():
            return None
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=False
        ).stdout
        return next(
            (int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:")), None
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--file", type=Path, help="DOCX to import (default: the largest file of the corpus)"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", action="store_true", help="count pages with LibreOffice (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        files = []
        if args.file:
            files.append(args.file)
        elif CORPUS.is_dir():
            files.append(max(CORPUS.glob("*.docx"), key=lambda p: p.stat().st_size))
        files.append(twenty_pages(work / "bao-cao-20-trang.docx"))
        for path in files:
            root = workspace(Path(tempfile.mkdtemp(dir=work)))
            base = timed(lambda path=path: floor(path), args.repeat)
            whole = timed(lambda root=root, path=path: full_import(root, path), args.repeat)
            command = [
                sys.executable,
                "-m",
                "baocao",
                "--root",
                str(root),
                "import",
                str(path),
                "--agency",
                AGENCY,
                "--force",
            ]
            walls, cpus = [], []
            for _ in range(args.repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=False)
                walls.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            cli, cpu = statistics.median(walls), statistics.median(cpus)
            count = pages(path) if args.pages else None
            print(
                f"{path.name}: {path.stat().st_size // 1024} KB"
                + (f", {count} pages" if count else "")
            )
            print(f"  floor (python-docx open + text):  {base:.3f} s")
            print(
                f"  import (in process, with check):   {whole:.3f} s  ({whole / base:.1f}x floor)"
            )
            stages = breakdown(root, path, args.repeat)
            print(
                "    of which "
                + ", ".join(f"{name} {value:.3f} s" for name, value in stages.items())
            )
            print(
                f"  baocao import (new process):       {cli:.3f} s wall, {cpu:.3f} s CPU  target < 2 s: {'ok' if cli < 2 else 'MISSED'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
