"""Characters of Word's symbol fonts (Symbol, Wingdings) as Unicode."""

from __future__ import annotations

_SYMBOL_LOW = (  # 0x20-0x7E
    " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
    "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
    "\uffffαβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼"
)
_SYMBOL_HIGH = (  # 0xA0-0xFE; \uffff: no Unicode character
    "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵"
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"
    "◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪\uffff〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭"
)
SYMBOL = {
    code: char
    for start, chars in ((0x20, _SYMBOL_LOW), (0xA0, _SYMBOL_HIGH))
    for code, char in enumerate(chars, start)
    if char != "\uffff"
}
WINGDINGS = {
    0x6C: "●",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x72: "❒",
    0x75: "◆",
    0x76: "❖",
    0x9F: "•",
    0xA7: "▪",
    0xA8: "◻",
    0xD8: "⮚",
    0xE8: "🡺",
    0xF0: "⇨",
    0xFC: "✔",
    0xFD: "🗷",
    0xFE: "🗹",
}
WINGDINGS_2 = {0x50: "✓", 0x52: "☑", 0x53: "☒", 0x54: "☒", 0x98: "⬤", 0xA3: "⬜"}
FONTS = {"symbol": SYMBOL, "wingdings": WINGDINGS, "wingdings 2": WINGDINGS_2}


def table(font: str | None) -> dict[int, str] | None:
    """The characters of a symbol font, or None for a text font."""
    return FONTS.get((font or "").strip().lower())


def character(chars: dict[int, str], code: int) -> str | None:
    """The character of `code` in a symbol font (Word writes codes as U+F0xx or as 0xxx)."""
    return chars.get(code - 0xF000 if 0xF020 <= code <= 0xF0FF else code)


def translate(text: str, chars: dict[int, str]) -> str:
    """Text typed in a symbol font as the characters it shows; codes without one kept."""
    return "".join(character(chars, ord(c)) or c for c in text)
