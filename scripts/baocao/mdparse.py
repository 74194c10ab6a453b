"""The one Markdown parser of report text: markdown-it-py, CommonMark with the extensions of
pandoc's `commonmark_x` that change what is a link or an image (pipe tables, footnotes,
strikethrough). The checker finds links with it and the site renders with it."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    return md.use(footnote_plugin)
