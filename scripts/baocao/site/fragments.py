"""Markdown helpers of generated pages, and `Fragments`: report HTML put into rendered pages."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field

from baocao.docx.blocks import NoteSet
from baocao.site.sanitize import render_markdown

_SPECIAL = re.compile(r"([\\`*_\[\]>|#])")  # Python-Markdown's escapes, and "|" for table cells
_SLOT_TAG = "bc-fragment"


def esc(text: object) -> str:
    """Plain text that Python-Markdown shows as written (on one line)."""
    text = (
        " ".join(str(text).split()).replace("&", "&amp;").replace("<", "&lt;")
    )  # Python-Markdown shows a "\\" put before "<"
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
    lines = ["---", f'title: "{title.replace(chr(34), "")}"']
    if hide:
        lines += ["hide:"] + [f"  - {h}" for h in hide]
    if not search:
        lines += ["search:", "  exclude: true"]
    return "\n".join(lines + ["---", ""])


@dataclass
class Fragments:
    """HTML put into generated pages once MkDocs has rendered them, in place of token
    paragraphs (`BCFRAG:n`): submission text before search reads the page (`inject`), HTML
    made from campaign data after it (`inject_late`)."""

    root_prefix: str = "../../"
    sources: list[tuple[str, str | None, str]] = field(
        default_factory=list
    )  # (text, agency or None, doc id)
    # Tokens carry a random nonce: a submission cannot forge one to pull other HTML into its text.
    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    _keys: dict[tuple[str, str], int] = field(default_factory=dict)
    notes: dict[str, NoteSet] = field(default_factory=dict)  # each agency's footnotes
    _html: dict[int, str] = field(default_factory=dict)
    _digests: dict[int, str] = field(default_factory=dict)

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

    def raw(self, html: str) -> str:
        """A token for HTML made here with every value escaped, put in after search read the page."""
        self.sources.append((html, None, ""))
        return f"BCRAW{self.nonce}:{len(self.sources) - 1}"

    def html(self, index: int) -> str:
        if index not in self._html:
            text, agency_id, doc_id = self.sources[index]
            if agency_id is None:
                self._html[index] = text
            else:  # headings written in a piece sit under the page's own (h2, h3)
                body = render_markdown(
                    text, agency_id, doc_id, root_prefix=self.root_prefix, min_level=4
                )
                self._html[index] = f'<div class="bc-report">\n{body}</div>'
        return self._html[index]

    def digest(self, text: str) -> str:
        """A digest of text with each token read as what it stands for: the same for the same
        page whatever this build's nonce (`mkdocs serve --dirty` rewrites changed pages only)."""
        parts = re.split(rf"BC(?:FRAG|RAW){self.nonce}:(\d+)", text)
        for i in range(1, len(parts), 2):  # a source holds tokens of earlier sources only
            n = int(parts[i])
            if n not in self._digests:
                source, agency_id, doc_id = self.sources[n]
                self._digests[n] = f"{agency_id}/{doc_id}/{self.digest(source)}"
            parts[i] = self._digests[n]
        return hashlib.blake2b(repr(parts).encode("utf-8")).hexdigest()

    def _pieces(self, html: str) -> str:
        return re.sub(
            rf"<p>BCFRAG{self.nonce}:(\d+)</p>", lambda m: self.html(int(m.group(1))), html
        )

    def inject(self, html: str) -> str:
        """Rendered page content with the submission text in place and slots for the raw HTML."""
        html = re.sub(
            rf"<p>BCRAW{self.nonce}:(\d+)</p>",
            rf'<{_SLOT_TAG} data-n="{self.nonce}-\1"></{_SLOT_TAG}>',
            html,
        )
        return self._pieces(html)

    def inject_late(self, html: str) -> str:
        """The finished page with the raw HTML (and the submission text it holds) in its slots."""
        return self._pieces(
            re.sub(
                rf'<{_SLOT_TAG} data-n="{self.nonce}-(\d+)"></{_SLOT_TAG}>',
                lambda m: self.html(int(m.group(1))),
                html,
            )
        )
