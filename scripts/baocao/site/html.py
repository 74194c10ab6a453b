"""HTML pieces of generated pages (tables, link lists) with every value escaped.

Generated tables are large (every agency, every outline part) and built on every build;
writing them as HTML is several times faster than having a Markdown parser read them.
Values are escaped here; arguments named `*_html` are HTML already made by these helpers.
"""

from __future__ import annotations

import html
from functools import lru_cache

# The same names, headings and links recur on every page of a round: escape each once.
escape = lru_cache(maxsize=65536)(html.escape)

__all__ = ["escape", "a", "table", "ul", "tree", "p"]


def a(text: str, href: str, download: str | None = None) -> str:
    """A link; with download, one the browser saves under that file name instead of showing."""
    saved = f' download="{escape(download)}"' if download else ""
    return f'<a href="{escape(href)}"{saved}>{escape(text)}</a>'


def p(inner_html: str) -> str:
    return f"<p>{inner_html}</p>"


def table(header: list[str], rows_html: list[list[str]], align: list[str] | None = None) -> str:
    """header: plain texts; rows_html: cells already HTML; align: "l" or "r" per column."""
    align = align or ["l"] * len(header)
    style = ['' if x == "l" else ' style="text-align:right"' for x in align]
    head = "".join(f"<th{s}>{escape(text)}</th>" for s, text in zip(style, header))
    body = "\n".join("<tr>" + "".join(f"<td{s}>{cell}</td>" for s, cell in zip(style, row)) + "</tr>" for row in rows_html)
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
