"""HTML of generated pages, every value escaped: tables, link lists and whole page bodies."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache

from markdown.extensions.toc import unique

from baocao.text import slugify

# The same names, headings and links recur on every page of a round: escape each once.
escape = lru_cache(maxsize=65536)(html.escape)

__all__ = ["escape", "a", "table", "ul", "tree", "p", "HtmlPage", "Heading"]

Heading = tuple[int, str, str]  # (level, id, title as HTML)


def a(text: str, href: str, download: str | None = None) -> str:
    """A link; with download, one the browser saves under that file name instead of showing."""
    saved = f' download="{escape(download)}"' if download else ""
    return f'<a href="{escape(href)}"{saved}>{escape(text)}</a>'


def p(inner_html: str) -> str:
    return f"<p>{inner_html}</p>"


def table(header: list[str], rows_html: list[list[str]], align: list[str] | None = None) -> str:
    """header: plain texts; rows_html: cells already HTML; align: "l" or "r" per column."""
    align = align or ["l"] * len(header)
    style = ["" if x == "l" else ' style="text-align:right"' for x in align]
    head = "".join(f"<th{s}>{escape(text)}</th>" for s, text in zip(style, header))
    body = "\n".join(
        "<tr>" + "".join(f"<td{s}>{cell}</td>" for s, cell in zip(style, row)) + "</tr>"
        for row in rows_html
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def ul(items_html: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items_html) + "\n</ul>"


def tree(items_html: list[tuple[int, str]]) -> str:
    """Nested lists from (depth, item) pairs in document order, depth starting at 1."""
    out, depth = [], 0
    for level, item in items_html:
        if level > depth:
            out += ["<ul>"] * (level - depth)
        else:
            out.append("</li>")
            out += ["</ul></li>"] * (depth - level)
        out.append(f"<li>{item}")
        depth = level
    out.append("</li>")
    out += ["</ul></li>"] * (depth - 1) + ["</ul>"] if depth else []
    return "".join(out)


def text(value: object) -> str:
    """Plain text as HTML, on one line (quotes left as they are, as Python-Markdown does)."""
    return escape(" ".join(str(value).split()), quote=False)


class HtmlPage:
    """The body of one generated page, block by block, with its headings for the table of
    contents."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.headings: list[Heading] = []
        self._ids: set[str] = set()
        self.title: str | None = None  # the first h1, as plain text

    def heading(self, level: int, title: str) -> None:
        """A heading from plain text; its id is the one the toc extension would give it."""
        plain = " ".join(title.split())
        anchor = unique(slugify(plain, "-"), self._ids)
        if level == 1 and self.title is None:
            self.title = plain
        self.blocks.append(f'<h{level} id="{anchor}">{text(plain)}</h{level}>')
        self.headings.append((level, anchor, text(plain)))

    def p(self, inner_html: str) -> None:
        self.blocks.append(f"<p>{inner_html}</p>")

    def quote(self, plain: str) -> None:
        self.blocks.append(f"<blockquote>\n<p>{text(plain)}</p>\n</blockquote>")

    def admonition(
        self, kind: str, title: str, inner_html: str, *, collapsible: bool = False
    ) -> None:
        """`!!! kind "title"` (admonition) or, collapsible, `??? kind "title"` (pymdownx.details)."""
        if collapsible:
            self.blocks.append(
                f'<details class="{kind}">\n<summary>{text(title)}</summary>\n{inner_html}\n</details>'
            )
        else:
            self.blocks.append(
                f'<div class="admonition {kind}">\n<p class="admonition-title">{text(title)}</p>\n{inner_html}\n</div>'
            )

    def html(self, html: str, headings: Sequence[Heading] = ()) -> None:
        """HTML made elsewhere, with the headings in it that belong in the table of contents."""
        self.blocks.append(html)
        self.headings.extend(headings)
        self._ids.update(anchor for _, anchor, _ in headings)

    def render(self) -> str:
        return "\n".join(self.blocks)
