"""Text normalisation shared by every stage: NFC, heading keys, slugs, Vietnamese formats."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_SPACES = re.compile(r"\s+")
# Outline numbering written before a heading: "PHẦN 1.", "I.", "1.", "1.1.", "a)", "-", "Nhiệm vụ 3:".
_NUMBERING = re.compile(
    r"^\s*(?:"
    r"phần\s+(?:\d+|[ivx]+)\s*[.:]?"
    r"|nhiệm\s+vụ\s+\d+\s*[.:)]?"
    r"|[ivxlc]+\s*[.)]"
    r"|\d+(?:\s*\.\s*\d+)*\s*[.)]?"
    r"|[a-zđ]\s*\)"
    r"|[-–—•*+]"
    r")\s+",
    re.IGNORECASE,
)
_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "}
)
_TRAILING = ".;:,…"  # and spaces: what may end a heading without changing it
# what a terminal, a log or a browser would act on or cannot show: control characters but tab
# and line feed, bidirectional controls, and the lone surrogates a non-UTF-8 file name leaves
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def without_comments(text: str, *, keep_lines: bool = False) -> str:
    """The text without its closed HTML comments (`<!-- ... -->`), found in one pass: the
    regular expression "<!--.*?-->" reads to the end again from every unclosed "<!--".
    With keep_lines, a comment leaves its line breaks, so lines keep their numbers."""
    if "<!--" not in text:
        return text
    kept, at = [], 0
    while (start := text.find("<!--", at)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        kept.append(text[at:start])
        if keep_lines:
            kept.append("\n" * text.count("\n", start, end))
        at = end + 3
    kept.append(text[at:])
    return "".join(kept)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def printable(text: str) -> str:
    """text with every character a terminal or log would act on, or cannot encode, as "�"
    (line ends as line feeds)."""
    return _UNPRINTABLE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def strip_numbering(text: str) -> str:
    """Remove one leading outline number ("1.1.", "II.", "a)", "-") from a heading."""
    previous = None
    text = text.strip()
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text, count=1)
    return text


@lru_cache(maxsize=65536)  # the same outline headings recur in every submission
def heading_key(text: str) -> str:
    """The key under which a heading is compared with the outline.

    Tolerant of numbering, case, NFC/NFD, repeated spaces, quote styles and trailing punctuation.
    """
    text = nfc(text).translate(_QUOTES)
    text = text.replace("*", "").replace("_", " ") if "**" in text or "__" in text else text
    text = strip_numbering(collapse(text))
    return _without_trailing(text).casefold()


def _without_trailing(text: str) -> str:
    """text without the spaces and `_TRAILING` that end it (not `re.sub(r"[\\s.;:,…]+$")`,
    which tries a long run of them again from each of its characters: a Word paragraph of
    dots took time growing with the square of its length)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return text[:end]


_MARKS = re.compile(r"[\u0300-\u036f]")  # combining diacritics, as NFD writes Vietnamese tone marks


def fold(text: str) -> str:
    """Lower case without diacritics ("Hà Nội" -> "ha noi"), for search and slugs.

    One regex over the whole text: the site folds its whole search index with it.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return _MARKS.sub("", text).casefold()


def slugify(text: str, separator: str = "-") -> str:
    """Words without diacritics joined by separator ("Đề cương" -> "de-cuong"). Also the
    headings' anchors on the site (mkdocs.yml, toc `slugify`): the toc extension's own drops
    "đ", which Unicode does not decompose ("Đề án" -> "e-an")."""
    return re.sub(r"[^a-z0-9]+", separator, fold(text)).strip(separator)


def shorten(text: str, limit: int = 90) -> str:
    """text on one line, in at most limit characters: a longer one is cut after a whole word
    and ends with "…" (a heading quoted in a message, a task's title)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rsplit(" ", 1)[0] if " " in head else head[:-1]
    return cut.rstrip(",;:.–- ") + "…"


def format_date(value: date | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_number(value: int | float | None) -> str:
    """Vietnamese thousands separator: 1234567 -> "1.234.567"."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.1f}".split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def format_percent(value: float) -> str:
    return (
        format_number(round(value * 100, 1)) + "%"
        if value * 100 % 1
        else f"{int(round(value * 100))}%"
    )


_COPY_MARK = re.compile(r"\s*\(\d+\)$")  # "qltt-an-giang (1)": a browser's second download


def report_stem(stem: str) -> str:
    """The agency id a report's file name was meant to be: "QLTT-An-Giang (1)" → "qltt-an-giang"."""
    return _COPY_MARK.sub("", stem.strip()).lower()
