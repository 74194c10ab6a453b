"""Generated pages written as HTML, for the pages a round has by the hundred (one per agency,
outline section and task).

Python-Markdown costs a few milliseconds a page however little the page holds, which on a
round of a thousand agencies is most of what the site adds to a plain MkDocs build. These
pages are built here as the HTML Python-Markdown would have made of their Markdown (the
same elements, heading ids from the site's toc `slugify`, baocao.text's, and the toc
extension's `unique`), and the plugin hands that HTML to MkDocs in place of rendering (see
plugin.py). Their front matter stays Markdown, so MkDocs and the theme read title, `hide`
and `search` as usual.
"""

from __future__ import annotations

from markdown.extensions.toc import unique

from baocao.site.html import escape
from baocao.text import slugify

Heading = tuple[int, str, str]  # (level, id, title as HTML)


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

    def admonition(self, kind: str, title: str, inner_html: str, *, collapsible: bool = False) -> None:
        """`!!! kind "title"` (admonition) or, collapsible, `??? kind "title"` (pymdownx.details)."""
        if collapsible:
            self.blocks.append(f'<details class="{kind}">\n<summary>{text(title)}</summary>\n{inner_html}\n</details>')
        else:
            self.blocks.append(f'<div class="admonition {kind}">\n<p class="admonition-title">{text(title)}</p>\n{inner_html}\n</div>')

    def html(self, html: str, headings: list[Heading] = ()) -> None:
        """HTML made elsewhere, with the headings in it that belong in the table of contents."""
        self.blocks.append(html)
        self.headings.extend(headings)
        self._ids.update(anchor for _, anchor, _ in headings)

    def render(self) -> str:
        return "\n".join(self.blocks)
