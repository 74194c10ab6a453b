"""Small helpers that write the Markdown of generated pages (no mkdocs import)."""

from __future__ import annotations

import multiprocessing
import pickle
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from baocao.background import Job, can_fork

_SPECIAL = re.compile(r"([\\`*_\[\]>|#])")  # Python-Markdown's escapes, and "|" for table cells
_SLOT_TAG = "bc-fragment"
PIECES = "pieces.pickle"


def esc(text: object) -> str:
    """Plain text that Python-Markdown shows as written (on one line)."""
    text = " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;")  # Python-Markdown shows a "\\" put before "<"
    return _SPECIAL.sub(r"\\\1", text)


def link(text: str, target: str) -> str:
    return f"[{esc(text)}]({target})"


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A Markdown table; cells are already Markdown. align: "l" or "r" per column."""
    align = align or ["l"] * len(header)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def front_matter(title: str, *, hide: tuple[str, ...] = (), search: bool = True) -> str:
    lines = ["---", f"title: \"{title.replace(chr(34), '')}\""]
    if hide:
        lines += ["hide:"] + [f"  - {h}" for h in hide]
    if not search:
        lines += ["search:", "  exclude: true"]
    return "\n".join(lines + ["---", ""])


@dataclass
class Fragments:
    """HTML put into generated pages once MkDocs has rendered them.

    Pages hold a token paragraph (`BCFRAG:n`); `inject` replaces it with the HTML. Two kinds:
    submission text (`token`, `in_html`): rendered by markdown-it-py and sanitised, once
    however many pages show it, before search reads the page; and HTML made by
    `baocao.site.html` from campaign data (`raw`), such as large tables, put in after search
    read the page. All pages that show submission text sit two folders deep (`co-quan/<id>/`,
    `muc/<id>/`, `nhiem-vu/<id>/`), hence one root prefix for its images and links.
    """

    root_prefix: str = "../../"
    sources: list[tuple[str, str | None, str]] = field(default_factory=list)  # (text, agency or None, doc id)
    # Tokens carry a random nonce: a submission cannot forge one to pull other HTML into its text.
    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    _keys: dict[tuple[str, str], int] = field(default_factory=dict)
    _html: dict[int, str] = field(default_factory=dict)
    _job: Job | None = None  # the worker rendering the pieces (render_in_background)
    _pending: list[int] = field(default_factory=list)  # the pieces to share with the worker
    _bounds = None  # shared with the worker: the first and past-the-last of _pending nobody took yet
    _folder: Path | None = None

    def token(self, markdown: str, agency_id: str, doc_id: str) -> str:
        """A token for a piece of agency_id's submission (Markdown, untrusted)."""
        key = (agency_id, doc_id)
        if key not in self._keys:
            self._keys[key] = len(self.sources)
            self.sources.append((markdown, agency_id, doc_id))
        return f"BCFRAG{self.nonce}:{self._keys[key]}"

    def in_html(self, markdown: str, agency_id: str, doc_id: str) -> str:
        """The token of a piece of agency_id's submission for use inside HTML made here (a
        generated page's HTML or `raw`); the sanitised HTML takes its place when the page is
        finished."""
        return f"<p>{self.token(markdown, agency_id, doc_id)}</p>"

    def render_in_background(self, folder: Path) -> None:
        """Render the pieces registered so far in a forked worker (baocao.background), which
        takes them from the first on and writes its HTML to folder; `join()` takes the rest
        from the last on in this process, so the two meet wherever the worker has got to
        (usually at the end: the worker starts while MkDocs starts, and this process joins in
        only once it has read the pages). Without fork, pieces render on demand."""
        if can_fork():
            self._pending = [i for i, (_, agency_id, _) in enumerate(self.sources) if agency_id is not None]
            self._bounds = multiprocessing.get_context("fork").Array("i", [0, len(self._pending)])
            self._job = Job(_render_into, self, folder / PIECES)
            self._folder = folder

    def _take(self, *, last: bool) -> int | None:
        """The next piece nobody has taken: the first one (the worker) or the last one (here)."""
        with self._bounds.get_lock():
            first, end = self._bounds[0], self._bounds[1]
            if first >= end:
                return None
            if last:
                self._bounds[1] = end - 1
                return self._pending[end - 1]
            self._bounds[0] = first + 1
            return self._pending[first]

    def join(self) -> None:
        """Render the pieces the worker has not taken yet, wait for it and take its HTML
        (raises JobError or OSError if it failed)."""
        if self._job is not None:
            job, self._job = self._job, None
            try:
                while (index := self._take(last=True)) is not None:
                    self.html(index)
            except BaseException:
                job.stop()
                raise
            job.wait()
            self._html.update(pickle.loads((self._folder / PIECES).read_bytes()))

    def stop(self) -> None:
        if self._job is not None:
            self._job.stop()
            self._job = None


    def raw(self, html: str) -> str:
        """A token for HTML made here with every value escaped (see baocao.site.html).

        Such HTML (tables of agencies, completeness panels, link lists) goes in only after
        the search plugin read the page (`inject_late`): it is navigation, not text to find,
        and neither Python-Markdown nor the search indexer has to read it.
        """
        self.sources.append((html, None, ""))
        return f"BCRAW{self.nonce}:{len(self.sources) - 1}"

    def html(self, index: int) -> str:
        if self._job is not None:
            self.join()
        if index not in self._html:
            text, agency_id, doc_id = self.sources[index]
            if agency_id is None:
                self._html[index] = text
            else:  # headings written in a piece sit under the page's own (h2, h3)
                from baocao.site.content import render_markdown  # markdown-it: only where pieces are rendered

                body = render_markdown(text, agency_id, doc_id, root_prefix=self.root_prefix, min_level=4)
                self._html[index] = f'<div class="bc-report">\n{body}</div>'
        return self._html[index]

    def _pieces(self, html: str) -> str:
        return re.sub(rf"<p>BCFRAG{self.nonce}:(\d+)</p>", lambda m: self.html(int(m.group(1))), html)

    def inject(self, html: str) -> str:
        """Rendered page content with the submission text in place and slots for the raw HTML."""
        html = re.sub(rf"<p>BCRAW{self.nonce}:(\d+)</p>", rf'<{_SLOT_TAG} data-n="{self.nonce}-\1"></{_SLOT_TAG}>', html)
        return self._pieces(html)

    def inject_late(self, html: str) -> str:
        """The finished page with the raw HTML (and the submission text it holds) in its slots."""
        return self._pieces(re.sub(rf'<{_SLOT_TAG} data-n="{self.nonce}-(\d+)"></{_SLOT_TAG}>', lambda m: self.html(int(m.group(1))), html))




def _render_into(fragments: Fragments, path: Path) -> None:
    """In the worker: the HTML of the pieces it takes, pickled for the parent (same program,
    same run)."""
    made = {}
    while (index := fragments._take(last=False)) is not None:
        made[index] = fragments.html(index)
    path.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
