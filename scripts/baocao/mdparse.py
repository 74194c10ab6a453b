"""The one Markdown parser of report text: markdown-it-py, CommonMark with the extensions of
pandoc's `commonmark_x` that change what is a link or an image (pipe tables, footnotes,
strikethrough). The checker finds links with it and the site renders with it.

markdown-it's own URL filter (no `javascript:`, `file:`, `data:` links) is off: pandoc has
none, so the checker must see those targets to refuse them; the site's sanitiser
(site/sanitize.py) drops them from the pages.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md.use(footnote_plugin)
