"""How a report's lists reach the reader: every list item shows the marker its author typed."""

from __future__ import annotations

import re

from markdown_it.token import Token

from baocao.mdparse import parser  # the site's and the checker's reading

TYPED_CLASS = "bc-typed"  # lists whose items carry their marker as text (site CSS: no bullets)
# a line that may start a list item, possibly inside block quotes
_MAYBE_LIST = re.compile(r"^[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.M)


def marker_of(token: Token) -> str:
    """The marker of a `list_item_open` token as typed: "-", "+", "*", "3)", "07."."""
    return f"{token.info}{token.markup}"


def _item_tokens(tokens: list[Token]):
    """list_item_open tokens in document order, outside footnote definitions."""
    depth = 0
    for token in tokens:
        if token.type == "footnote_block_open":
            depth += 1
        elif token.type == "footnote_block_close":
            depth -= 1
        elif token.type == "list_item_open" and depth == 0:
            yield token


def may_hold_list(markdown: str) -> bool:
    """Whether a line could start a list item (no parser reads a list in text without one)."""
    return _MAYBE_LIST.search(markdown) is not None


def markers(markdown: str) -> list[str]:
    """The typed marker of every list item, in document order (footnotes left out)."""
    if not may_hold_list(markdown):
        return []
    return [marker_of(t) for t in _item_tokens(parser().parse(markdown, {}))]


def type_markers(tokens: list[Token]) -> list[Token]:
    """Tokens whose list items start with their typed marker as text (site rendering)."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        out.append(token)
        index += 1
        if token.type in ("bullet_list_open", "ordered_list_open"):
            token.attrSet("class", TYPED_CLASS)
            token.attrs.pop("start", None)  # the numbers are in the text
        if token.type != "list_item_open":
            continue
        text = marker_of(token)
        following = tokens[index] if index < len(tokens) else None
        if following is not None and following.type == "paragraph_open":
            inline = tokens[index + 1]
            lead = Token("text", "", 0, content=text + " ")
            inline.children = [lead, *(inline.children or [])]
            inline.content = text + " " + inline.content
            continue
        opened = Token("paragraph_open", "p", 1, block=True)
        inline = Token("inline", "", 0, content=text, children=[Token("text", "", 0, content=text)])
        closed = Token("paragraph_close", "p", -1, block=True)
        out += [opened, inline, closed]
    return out
