"""Vietnamese search that works with and without diacritics.

mkdocs-material's search (lunr) matches words as typed: "hang gia" never finds "hàng giả".
Every entry of the search index gets `fold` and `fold_title` fields, its text and title
without diacritics ("hàng giả" -> "hang gia"), indexed as lunr fields (weighted like text and
title) and never shown. A query typed with
diacritics matches `text`/`title`; the same query typed without them matches `fold`.
"""

from __future__ import annotations

import html
import re

from baocao.text import fold

FIELD = "fold"
_TAG = re.compile(r"<[^>]+>")


TITLE_FIELD = "fold_title"  # weighted like Material's title field


def folded(text: str) -> str:
    return " ".join(fold(html.unescape(_TAG.sub(" ", text))).split())


def fold_entries(entries: list[dict], fields: dict) -> None:
    """Add the folded fields to search index entries (in place) and declare them in fields."""
    fields.setdefault(FIELD, {"boost": 1})
    fields.setdefault(TITLE_FIELD, dict(fields.get("title") or {"boost": 1000}))
    for entry in entries:
        entry[FIELD] = folded(entry.get("text", ""))
        entry[TITLE_FIELD] = folded(entry.get("title", ""))
