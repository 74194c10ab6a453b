"""Small helpers that write the Markdown of generated pages (no mkdocs import)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baocao.site.content import render_markdown

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_TOKEN = re.compile(r"<p>BCFRAG:(\d+)</p>")


def esc(text: object) -> str:
    """Plain text that Python-Markdown shows as written (on one line)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


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
    """Submission text shown on generated pages.

    Pages hold a token paragraph; the rendered, sanitised HTML replaces it after Python-Markdown
    ran, so submission text is never parsed by it and is rendered once however many pages show it.
    All pages that show submission text sit two folders deep (`co-quan/<id>/`, `muc/<id>/`,
    `nhiem-vu/<id>/`), hence one root prefix.
    """

    root_prefix: str = "../../"
    sources: list[tuple[str, str, str]] = field(default_factory=list)  # (markdown, agency, doc id)
    _keys: dict[tuple[str, str], int] = field(default_factory=dict)
    _html: dict[int, str] = field(default_factory=dict)

    def token(self, markdown: str, agency_id: str, doc_id: str) -> str:
        key = (agency_id, doc_id)
        if key not in self._keys:
            self._keys[key] = len(self.sources)
            self.sources.append((markdown, agency_id, doc_id))
        return f"BCFRAG:{self._keys[key]}"

    def html(self, index: int, min_level: int = 2) -> str:
        if index not in self._html:
            markdown, agency_id, doc_id = self.sources[index]
            body = render_markdown(markdown, agency_id, doc_id, root_prefix=self.root_prefix, min_level=min_level)
            self._html[index] = f'<div class="bc-report">\n{body}</div>'
        return self._html[index]

    def inject(self, html: str) -> str:
        """Page HTML with every token paragraph replaced by its fragment."""
        return _TOKEN.sub(lambda m: self.html(int(m.group(1)), 4), html)
