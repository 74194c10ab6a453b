"""Small helpers that write the Markdown of generated pages (no mkdocs import)."""

from __future__ import annotations

import pickle
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from baocao.background import Job, can_fork
from baocao.site.content import render_markdown

_SPECIAL = re.compile(r"([\\`*_\[\]>|#])")  # Python-Markdown's escapes, and "|" for table cells
_SLOT_TAG = "bc-fragment"
PIECES = "pieces.pickle"
# The worker starts while MkDocs starts; this process joins in once it has read the pages.
WORKER_SHARE = 0.6


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
    _mine: list[int] = field(default_factory=list)  # the pieces join() renders here
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

    def render_in_background(self, folder: Path, share: float = WORKER_SHARE) -> None:
        """Render the first `share` of the pieces registered so far in a forked worker
        (baocao.background) that writes them to folder; `join()` renders the rest in this
        process, then takes the worker's in. Without fork, pieces render on demand."""
        if can_fork():
            pending = [i for i, (_, agency_id, _) in enumerate(self.sources) if agency_id is not None]
            cut = round(len(pending) * share)
            self._mine = pending[cut:]
            self._job = Job(_render_into, self, pending[:cut], folder / PIECES)
            self._folder = folder

    def join(self) -> None:
        """Render this process's share, wait for the worker and take its HTML (raises
        JobError or OSError if it failed)."""
        if self._job is not None:
            job, self._job = self._job, None
            try:
                for index in self._mine:
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




def _render_into(fragments: Fragments, indices: list[int], path: Path) -> None:
    """In the worker: the HTML of these pieces, pickled for the parent (same program, same run)."""
    path.write_bytes(pickle.dumps({i: fragments.html(i) for i in indices}, protocol=pickle.HIGHEST_PROTOCOL))
