"""The theme's page chrome, rendered once for all the pages that share it.

mkdocs-material renders the same pieces around every page: the logo, search box and palette
of the header, the tabs, the navigation, the footer, the style sheets, the scripts and the
script configuration (with its translated strings). That costs more than the page itself for
most of a round's pages, and the 149 agency pages, the outline sections and the tasks all
have the same chrome. `memoize(env, nav, config)` wraps those templates and blocks so that each is
rendered once per distinct *place*, and its text reused for every page in that place.

What the chrome reads of the page, and so what a place is (`_Places.key`):
- relative links (the `url` filter, `base_url`): the page's depth and its folder's parent.
  Pages one folder apart (`co-quan/a/`, `co-quan/b/`) link to everything outside their own
  folder alike; a page with navigation entries or assets inside its own folder, or that is
  in the navigation itself, is a place of its own;
- the navigation's state: which entries are active (MkDocs marks the page's ancestors);
- the footer's previous and next pages, and `page.meta.hide`.
Everything else it reads is the site's configuration and the theme's strings, the same for
all pages of a build. The header itself (it shows the page's title), the table of contents,
the content and the page's metadata are rendered for each page, as always.

Jinja keeps no state between renders of these pieces: an included template or a block gets
a fresh context and returns text, so reusing the text is the same as rendering it again. The
test suite checks that, byte for byte, on the whole site (tests/test_site_render.py).
A new Jinja environment (each build, each `mkdocs serve` rebuild) starts with no chrome.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Callable, Iterator

import jinja2
import material

MATERIAL = Path(material.__file__).resolve().parent / "templates"

PARTIALS = (
    "partials/nav.html",  # the navigation (its links and active entries)
    "partials/tabs.html",
    "partials/logo.html",
    "partials/search.html",
    "partials/palette.html",
    "partials/source.html",
    "partials/icons.html",
    "partials/javascripts/base.html",
    "partials/javascripts/content.html",
    "partials/top.html",
    "partials/footer.html",  # previous and next pages, copyright, social links
)
BLOCKS = ("styles", "libs", "fonts", "config", "scripts")  # of base.html
BASE = "base.html"


def memoize(env: jinja2.Environment, nav, config) -> None:
    """Wrap the chrome's templates and blocks in env (which must already have its bytecode
    cache: the templates are loaded here). Only mkdocs-material's own templates are wrapped,
    and none if the site overrides any of its partials (`theme.custom_dir`): what those read
    of a page is known; an override may read anything."""
    custom = config.theme.custom_dir
    if custom and any(Path(custom, "partials").rglob("*")):
        return
    places = _Places(nav, config)
    rendered: dict[tuple, str] = {}

    def wrap(name: str, render: Callable[[jinja2.runtime.Context], Iterator[str]]):
        def reuse(context: jinja2.runtime.Context) -> Iterator[str]:
            page = context.get("page")
            if page is None:  # 404 page, sitemap: rendered as usual
                yield from render(context)
                return
            key = (name, places.key(page, context.get("base_url")))
            text = rendered.get(key)
            if text is None:
                text = rendered[key] = "".join(render(context))
            yield text
        return reuse

    for name in PARTIALS:
        template = _material(env, name)
        if template is not None:
            template.root_render_func = wrap(name, template.root_render_func)
    base = _material(env, BASE)
    if base is None:
        return
    for block in BLOCKS:
        if block in base.blocks:
            base.blocks[block] = wrap(f"{BASE}#{block}", base.blocks[block])


def _material(env: jinja2.Environment, name: str) -> jinja2.Template | None:
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        return None
    return template if template.filename and Path(template.filename).is_relative_to(MATERIAL) else None


class _Places:
    """A page's place: what of the page the chrome reads."""

    def __init__(self, nav, config) -> None:
        self.items = list(_walk(nav.items)) if nav is not None else []
        self.in_nav = {id(page) for page in (nav.pages if nav is not None else [])}
        # a page whose own folder holds what the chrome links to links to it differently:
        # pages and links of the navigation, the theme's and the site's style sheets, scripts,
        # logo and icon
        theme = config.theme
        self.linked = [getattr(item, "url", None) or "" for item in self.items] + ["assets/"] + [
            str(path) for path in (*config.extra_css, *config.extra_javascript, theme.get("logo"), theme.get("favicon"),
                                   (config.extra or {}).get("homepage")) if path]
        self.by_page: dict[int, tuple] = {}
        # some nav entries (mkdocs-material's blog views) list pages the navigation shows as theirs
        self.lists_pages = any(getattr(item, "pages", None) for item in self.items)

    def key(self, page, base_url) -> tuple:
        known = self.by_page.get(id(page))
        if known is not None and known[0] is page:
            return known[1]
        url = page.url
        own = (self.lists_pages or id(page) in self.in_nav or url == ""
               or any(link.startswith(url) for link in self.linked))
        place = (
            base_url,
            url if own else posixpath.dirname(url.rstrip("/")),
            tuple(i for i, item in enumerate(self.items) if item.active),
            _url(page.previous_page),
            _url(page.next_page),
            repr((page.meta or {}).get("hide")),
        )
        self.by_page[id(page)] = (page, place)
        return place


def _walk(items) -> Iterator:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())


def _url(page) -> str | None:
    return None if page is None else page.url
