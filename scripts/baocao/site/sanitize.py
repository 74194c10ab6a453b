"""Submission Markdown to safe HTML: rendered with markdown-it-py, sanitised with nh3."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache, lru_cache
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from baocao.lists import TYPED_CLASS, type_markers
from baocao.mdparse import parser
from baocao.targets import WEB_SCHEMES, resolve, url_path

ASSETS_DIR = "tep"  # site folder holding each agency's attachments: tep/<agency-id>/...

TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "sub",
        "sup",
        "mark",
        "small",
        "code",
        "pre",
        "kbd",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "a",
        "img",
        "figure",
        "figcaption",
        "section",
        "div",
        "span",
        "abbr",
    }
)
ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
}
CLEAN_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript"})
SCHEMES = WEB_SCHEMES
# A heading tag of sanitised HTML (text has its "<" escaped there), markdown-it's or raw HTML's.
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_FOOTNOTE_NUMBER = re.compile(r"\d+(:\d+)?")  # markdown-it's footnote ids: "fn-<doc id>-2:1"
# The doc id of the piece being sanitised: the one whose footnote ids it may keep.
_PIECE: ContextVar[str] = ContextVar("piece")
# Material's CSS hides the text of this class (font size 0, no opacity): it is kept only on
# markdown-it's own footnote back links, which carry a mark no report can write.
BACKREF = "footnote-backref"
_OWN_BACKREF = f"{BACKREF} bc-{secrets.token_hex(8)}"


def confine(target: str, agency_id: str, root_prefix: str, *, image: bool) -> str | None:
    """Where a link or image of agency_id's report may point on the site, or None to drop it.

    `#anchor` stays; http(s)/mailto links stay (never images: a page load must not leave the
    site); a path allowed by baocao.targets becomes `<root_prefix>tep/<agency-id>/...` (the
    file is there if it is one of baocao.targets.agency_files).
    """
    found = resolve(target, agency_id, image=image)
    if found.kind in ("web", "anchor"):
        return target.strip()
    if found.kind != "local":
        return None
    fragment = urlsplit(target.strip()).fragment
    suffix = f"#{fragment}" if fragment and not image else ""
    return f"{root_prefix}{ASSETS_DIR}/{url_path(found.path)}{suffix}"


@lru_cache(maxsize=16384)  # `mkdocs serve` rebuilds render only the text that changed
def render_markdown(
    markdown: str, agency_id: str, doc_id: str, *, root_prefix: str, min_level: int = 2
) -> str:
    """Safe HTML for one piece of a submission.

    doc_id keeps footnote ids unique when several pieces share a page; headings written in
    the piece are pushed down to at least min_level so they sit under the page's own headings.
    """
    md = _site_parser()
    env = {"docId": doc_id}
    tokens = type_markers(_figures(md.parse(markdown, env)))
    # Each top-level block on its own, as confine.lua reads them for the DOCX: raw HTML left
    # open (a tag, a quote, a comment, `<style>`) hides the rest of its block in both, and no
    # text after it that the DOCX would show.
    html = "".join(
        sanitize(
            md.renderer.render(block, md.options, env),
            agency_id,
            root_prefix=root_prefix,
            doc_id=doc_id,
        )
        for block in _blocks(tokens)
    )
    # every heading, the ones written in raw HTML too: a report's `<h1>` or `<h3>` must not
    # pass for the page's own headings (on a task page, another agency's name)
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(max(int(m[2]), min_level), 6)}", html)


@cache
def _site_parser() -> MarkdownIt:
    """The parser, its footnote back links marked as its own (`_OWN_BACKREF`)."""
    md = parser()
    assert isinstance(md.renderer, RendererHTML)
    anchor = md.renderer.rules["footnote_anchor"]

    def own_anchor(self, tokens, idx, options, env) -> str:
        html = anchor(tokens, idx, options, env)
        return html.replace(f'class="{BACKREF}"', f'class="{_OWN_BACKREF}"')

    md.add_render_rule("footnote_anchor", own_anchor)
    return md


def _figures(tokens: list[Token]) -> list[Token]:
    """An image alone in its paragraph, with alt text, as a figure captioned by that text:
    pandoc's implicit figure, which the DOCX shows as "Hình 1: <alt text>"."""
    for index, token in enumerate(tokens[1:-1], 1):
        opening, closing = tokens[index - 1], tokens[index + 1]
        if token.type != "inline" or opening.type != "paragraph_open" or opening.hidden:
            continue
        shown = [t for t in token.children or [] if t.type != "text" or t.content.strip()]
        if len(shown) != 1 or shown[0].type != "image" or not shown[0].children:
            continue
        if shown[0].content.strip():  # the alt text as written
            opening.tag = closing.tag = "figure"
            token.children = [shown[0], Token("html_inline", "", 0, content="<figcaption>")]
            token.children += shown[0].children
            token.children.append(Token("html_inline", "", 0, content="</figcaption>"))
    return tokens


def _blocks(tokens: list[Token]) -> Iterator[list[Token]]:
    """The top-level blocks of a parsed piece, each as its tokens."""
    block: list[Token] = []
    depth = 0
    for token in tokens:
        block.append(token)
        depth += token.nesting
        if depth <= 0 and token.nesting <= 0:
            yield block
            block, depth = [], 0
    if block:
        yield block


def sanitize(html: str, agency_id: str, *, root_prefix: str, doc_id: str = "") -> str:
    """Safe HTML of agency_id's piece doc_id: the only ids kept are its own footnotes'."""
    token = _PIECE.set(doc_id)
    try:
        return _cleaner(agency_id, root_prefix).clean(html)
    finally:
        _PIECE.reset(token)


def _own_footnote(value: str) -> bool:
    """Whether value is an id markdown-it writes for a footnote of the piece being sanitised."""
    doc_id = _PIECE.get("")
    for prefix in (f"fn-{doc_id}-", f"fnref-{doc_id}-"):
        if doc_id and value.startswith(prefix):
            return _FOOTNOTE_NUMBER.fullmatch(value, len(prefix)) is not None
    return False


@cache
def _cleaner(agency_id: str, root_prefix: str) -> nh3.Cleaner:
    """One sanitiser per agency (its links are confined to its own folder), built once: a
    report has some fifty pieces."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href":
            return confine(value, agency_id, root_prefix, image=False)
        if attribute == "src":
            return confine(value, agency_id, root_prefix, image=True)
        if attribute == "id":  # only the footnote anchors markdown-it writes for this piece:
            # neither another agency's on a shared page nor look-alikes of the site's own ids
            return value if _own_footnote(value) else None
        if attribute == "class":
            if value == _OWN_BACKREF:
                return BACKREF
            kept = [
                c
                for c in value.split()
                if (c.startswith("footnote") and c != BACKREF) or c == TYPED_CLASS
            ]
            return " ".join(kept) or None
        return value

    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(CLEAN_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=keep,
        url_schemes=set(SCHEMES),
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
    )
