"""Benchmark: the site build against a plain MkDocs build of the same submissions.

For the sample round and for generated rounds (default 150 and 1,000 agencies), time
  site      `baocao build site`, what a user runs (the check of every submission, then the
            real build: plugin, generated pages, search folding)
  baseline  `mkdocs build` of the same submissions copied as ordinary pages (one page per
            agency, an index linking them, the same theme, Markdown extensions and search),
            agency pages outside the navigation like the site's;
  pages     `mkdocs build` of every page the site has (the site is built once first; each of
            its pages becomes an ordinary Markdown page with its title, headings and text,
            without its tables and links), with the site's navigation, the same theme and
            search: what MkDocs alone costs for that many pages (the site has a page per agency
            of the campaign, outline section and task, not only per submission);
  cold      the site build on a machine that never built it, as on a fresh continuous-
            integration runner: an empty cache folder (XDG_CACHE_HOME), so the theme's
            templates are compiled (baocao.site.templates), and a new output folder, so no
            replaced site to write over (baocao.site.reuse); "site" is every build after it;
each in a fresh process, the four alternated, and report site/baseline as the best run of each
("ratio") and as the median over the runs made one after the other ("paired", which a slow
spell of a shared machine moves less), the same for the cold build ("cold", "paired"), seconds
per agency, and site/pages the same two ways ("vs pages", "paired").
Targets (issue 3): ratio <= 1.25; growth no faster than linear in the number of agencies.
The site builds use the caller's cache folder; the first, untimed one fills it if need be.
Both sides run from compiled bytecode: pip compiled mkdocs and its theme when it installed
them, and the benchmark compiles the (editable) baocao package first, since on a machine that
sets PYTHONDONTWRITEBYTECODE every run would otherwise compile it again (about 0.07 s).

    .venv/bin/python scripts/benchmarks/bench_site.py [--sizes 150 1000] [--repeat 1] [--no-sample]
"""

from __future__ import annotations

import argparse
import compileall
import html as html_lib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_workspace  # noqa: E402

PYTHON = sys.executable


def site_command(ws: Path, out: Path) -> list[str]:
    """What a user runs to build the site: the check of every submission, then the site."""
    return [PYTHON, "-m", "baocao", "--root", str(ws), "build", "site", "--out", str(out)]


def timed(args: list[str], cwd: Path, **variables: str) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BAOCAO_TODAY="2024-12-20", **variables)
    start = time.perf_counter()
    subprocess.run(
        args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def _plain_config() -> dict:
    """The site's mkdocs.yml (theme, Markdown extensions, search) without the baocao plugin
    and its own style and script."""
    config = yaml_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    )  # MkDocs' loader: the toc's slugify is a !!python/name
    config["plugins"] = ["search"]
    config["docs_dir"], config["site_dir"] = "docs", "site"
    for key in ("extra_javascript", "extra_css"):
        config.pop(key, None)
    return config


def baseline_workspace(ws: Path, dest: Path) -> Path:
    """The same submissions as ordinary MkDocs pages with the site's theme and extensions."""
    config = _plain_config()
    config["nav"] = [{"Trang chủ": "index.md"}]
    config["not_in_nav"] = "/co-quan/*.md"
    docs = dest / "docs"
    (docs / "co-quan").mkdir(parents=True)
    links = []
    for path in sorted((ws / "submissions").glob("*.md")):
        shutil.copy(path, docs / "co-quan" / path.name)
        if (path.parent / path.stem).is_dir():
            shutil.copytree(path.parent / path.stem, docs / "co-quan" / path.stem)
        links.append(f"- [{path.stem}](co-quan/{path.name})")
    (docs / "index.md").write_text("# Các báo cáo\n\n" + "\n".join(links) + "\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return dest


def pages_workspace(site: Path, dest: Path) -> Path:
    """Every page of a built site as an ordinary Markdown page (title, headings, text), with
    the site's navigation, theme and search, and none of its plugin."""
    config = _plain_config()
    config["not_in_nav"] = "*.md"  # the site's pages outside the navigation, as there
    docs = dest / "docs"
    folders = [page.parent.relative_to(site) for page in site.rglob("index.html")]
    folders = [f for f in folders if f.parts[:1] not in (("search",), ("assets",))]
    sections = {parent for f in folders for parent in f.parents} | {
        Path(n).parent for n in _nav_files(config["nav"]) if n.endswith("/index.md")
    }
    for folder in folders:  # the page's source as the site's navigation names it
        html = (site / folder / "index.html").read_text(encoding="utf-8")
        start = html.index('<article class="md-content__inner md-typeset">')
        article = html[html.index(">", start) + 1 : html.index("</article>", start)]
        target = docs / folder / "index.md" if folder in sections else docs / f"{folder}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_as_markdown(article), encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return dest


def _nav_files(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return [f for item in nav for f in _nav_files(item)]


def _as_markdown(article: str) -> str:
    """A page's article as plain Markdown: headings stay headings, every other block becomes
    a paragraph of its text."""
    article = re.sub(
        r"<h([1-6])[^>]*>(.*?)</h\1>",
        lambda m: f"\n\n{'#' * int(m.group(1))} {m.group(2)}\n\n",
        article,
        flags=re.S,
    )
    article = re.sub(
        r"</?(p|div|li|tr|table|ul|ol|details|summary|blockquote)\b[^>]*>", "\n\n", article
    )
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", article))
    blocks = (" ".join(block.split()) for block in text.split("\n\n"))
    return (
        "\n\n".join(
            b if b.startswith("#") else re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", b)
            for b in blocks
            if b
        )
        + "\n"
    )


def measure(
    name: str, ws: Path, work: Path, repeat: int
) -> tuple[str, int, list[float], list[float], list[float], list[float], int]:
    base = baseline_workspace(ws, work / f"{name}-plain")
    out = work / f"{name}-out"
    timed(site_command(ws, out), ROOT)  # once, for the pages build (not counted)
    same = pages_workspace(out / "site", work / f"{name}-pages")
    count = len(list((ws / "submissions").glob("*.md")))
    sites, plains, pages, colds = [], [], [], []
    for number in range(repeat):  # alternated, so a slow spell of this shared machine hits all four
        sites.append(timed(site_command(ws, out), ROOT))
        plains.append(timed([PYTHON, "-m", "mkdocs", "build", "-q"], base))
        pages.append(timed([PYTHON, "-m", "mkdocs", "build", "-q"], same))
        empty = work / f"{name}-cold-{number}"  # nothing compiled yet, no site built before
        empty.mkdir()
        colds.append(
            timed(site_command(ws, empty / "out"), ROOT, XDG_CACHE_HOME=str(empty / "cache"))
        )
    return name, count, sites, plains, pages, colds, sum(1 for _ in (same / "docs").rglob("*.md"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
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
    print(
        f"{'round':<16}{'files':>7}{'site s':>9}{'plain s':>9}{'ratio':>7}{'paired':>8}{'cold s':>8}{'cold':>6}{'paired':>8}"
        f"{'site ms/agency':>16}{'pages':>7}{'pages s':>9}{'vs pages':>10}{'paired':>8}"
    )
    for name, count, sites, plains, pages, colds, page_count in rows:
        site, plain, same, cold = min(sites), min(plains), min(pages), min(colds)
        paired = statistics.median(
            s / p for s, p in zip(sites, plains)
        )  # each run against the one just after it
        paired_cold = statistics.median(c / p for c, p in zip(colds, plains))
        paired_pages = statistics.median(s / p for s, p in zip(sites, pages))
        print(
            f"{name:<16}{count:>7}{site:>9.1f}{plain:>9.1f}{site / plain:>7.2f}{paired:>8.2f}{cold:>8.1f}{cold / plain:>6.2f}{paired_cold:>8.2f}"
            f"{1000 * site / max(count, 1):>16.0f}{page_count:>7}{same:>9.1f}{site / same:>10.2f}{paired_pages:>8.2f}"
        )


if __name__ == "__main__":
    main()
