"""Legacy Vietnamese encodings (TCVN3/ABC and VNI) back to Unicode, decided by the text itself."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

TCVN3, VNI = "tcvn3", "vni"
NAMES = {TCVN3: "TCVN3 (.VnTime…)", VNI: "VNI (VNI-Times…)"}  # as users know them
_TABLES = Path(__file__).with_name("legacy_tables.yaml")
# Latin-1 letters that ordinary Vietnamese Unicode text uses.
_VN_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_NUCLEI = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "ôi",
    "ơi",
    "oo",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "uy",
    "ưa",
    "ưi",
    "ươ",
    "ưu",
    "yê",
    "iêu",
    "oai",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "ươi",
    "ươu",
    "uya",
    "uyê",
    "yêu",
    "uyu",
]
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + r")"
    r"(?:ch|ng|nh|[cmnpt])?$"
)
_WORD = re.compile(r"[^\W\d_]+")


def _only_unicode_vietnamese(ch: str) -> bool:
    code = ord(ch)
    return ch in "ăĂđĐơƠưƯĩĨũŨ" or 0x1EA0 <= code <= 0x1EF9 or 0x0300 <= code <= 0x036F


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    data = yaml.load(
        _TABLES.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return {TCVN3: data[TCVN3], VNI: data[VNI]}


@lru_cache(maxsize=2)
def _pattern(encoding: str) -> re.Pattern[str]:
    keys = sorted(_tables()[encoding], key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


@lru_cache(maxsize=2)
def _evidence(encoding: str) -> frozenset[str]:
    chars = {c for key in _tables()[encoding] for c in key if ord(c) > 127}
    return frozenset(c for c in chars if c not in _VN_LATIN1)


def convert(text: str, encoding: str, *, upper: bool | None = None) -> str:
    """`text` read in `encoding` as Unicode (NFC).

    `upper`: the text was in a capitals-only font (.VnTimeH), whose lower-case codes show as
    capitals; None guesses it from the text (every plain letter of it is a capital).
    """
    table = _tables()[encoding]
    out = _pattern(encoding).sub(lambda m: table[m.group(0)], text)
    if upper is None:
        plain = [c for c in text if c.isascii() and c.isalpha()]
        upper = len(plain) >= 3 and all(c.isupper() for c in plain)
    return unicodedata.normalize("NFC", out.upper() if upper else out)


def font_encoding(font: str | None) -> str | None:
    """The encoding a font name suggests: a hint, never proof."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn") or name.startswith("vn") and not name.startswith("vni"):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    return None


def is_unicode_vietnamese(text: str) -> bool:
    return any(
        _only_unicode_vietnamese(c) for c in unicodedata.normalize("NFC", text) if ord(c) > 127
    )


def _valid_words(text: str) -> int:
    count = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        decomposed = unicodedata.normalize("NFD", word.lower())
        tones = sum(c in _TONES for c in decomposed)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        if tones <= 1 and _SYLLABLE.match(base):
            count += 1
    return count


def _non_ascii_words(text: str) -> int:
    return sum(not word.isascii() for word in _WORD.findall(text))


def _evidence_in_words(text: str, evidence: frozenset[str]) -> int:
    """Legacy characters standing inside a word (a letter beside them): "×" in "5 × 3" is not one."""
    count = 0
    for index, char in enumerate(text):
        if char in evidence:
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            count += before.isalpha() or after.isalpha() or before in evidence or after in evidence
    return count


def detect(text: str, hint: str | None = None) -> str | None:
    """The legacy encoding `text` is written in, or None when it is (or may be) Unicode."""
    if not text or text.isascii() or is_unicode_vietnamese(text):
        return None
    candidates = [hint] if hint else [TCVN3, VNI]
    best, best_gain = None, (0, 0)
    before = _valid_words(text)
    for encoding in candidates:
        evidence = _evidence_in_words(text, _evidence(encoding))
        if evidence == 0 and hint == VNI:
            # VNI writes most marks with letters Unicode uses too ("Raát xaáu" is "Rất xấu"):
            # in a VNI font, text whose every word becomes a syllable, and more of them, is VNI
            converted = convert(text, encoding)
            if _valid_words(converted) > before and _valid_words(converted) == _non_ascii_words(
                converted
            ):
                return encoding
            continue
        if evidence == 0 or evidence < 2 and hint is None:
            continue
        converted = convert(text, encoding)
        # more well-formed syllables; with the font's word for it, fewer stray legacy characters will do
        gain = (
            _valid_words(converted) - before,
            evidence - _evidence_in_words(converted, _evidence(encoding)) if hint else 0,
        )
        if gain > best_gain:
            best, best_gain = encoding, gain
    return best
