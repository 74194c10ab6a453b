"""Rendering the pages through the theme on both cores: a share of the pages rendered by a
forked child, with the theme's templates compiled already (baocao.site.templates).

mkdocs-material's page template costs a few milliseconds per page, and a round has hundreds of
generated pages (one per agency, outline section and task): that loop is the longest single
part of the build, and MkDocs runs it on one core. At `on_env` every page's content is ready,
so a forked child (baocao.background) renders a share of the pages with MkDocs' own page
builder, from the same config, navigation and Jinja environment, and writes them into the
site, and indexes them for search; this process renders the rest and does everything else
(theme assets, 404 page, sitemap, search index). For the pages the child renders, this
process still runs every plugin's `on_page_context` event, but the search index notes only
where their entries go, and its template for them is an empty one, so MkDocs writes nothing
for them. `wait()` (at `on_post_build`) puts the child's search entries in their places, so
the index is the one MkDocs alone would write, and raises JobError if the child failed, or
logged a warning in a strict build; the build then fails as a whole.

Both processes render the theme's chrome (navigation, tabs, footer…) once per place in the
site, not once per page: baocao.site.chrome.

Where fork is unavailable or unsafe (threads: the rebuilds of `mkdocs serve`, which run beside
its live-reload server), nothing is split and MkDocs renders every page itself.
"""

from __future__ import annotations

import logging
import pickle
from functools import partial
from pathlib import Path
from typing import Iterable

import jinja2
from mkdocs.commands.build import _build_page
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from baocao.background import Job, JobError, can_fork
from baocao.site import chrome, templates

ELSEWHERE = "baocao/rendered-elsewhere.html"  # the empty template: "the child writes this page"
CHILD_SHARE = 0.6  # this process also copies the theme, renders the 404 page and the sitemap, indexes every page
ENTRIES = "search-entries.pickle"  # the child's search entries, by index and page


class SplitRender:
    """The two steps (prepare at on_config, start at on_env) and the end (wait at
    on_post_build, stop on any failure) of one build's split rendering."""

    def __init__(self) -> None:
        self._compiling: Job | None = None
        self._scratch: Path | None = None
        self._job: Job | None = None
        self._filter: _SkippedFilter | None = None
        self._folder: Path | None = None
        self._indexes: list[_DivertedIndex] = []
        self.elsewhere: set[str] = set()  # the pages the child renders and indexes, by source path

    def prepare(self, folder: Path, compiling: Job | None) -> None:
        """Take the build's folder (the child writes its search entries there) and the job
        compiling the theme's templates (`templates.compile_templates`)."""
        self._folder = folder
        self._compiling = compiling
        self._scratch = folder / templates.SCRATCH

    def start(self, pages: Iterable[Page], config, files: Files, nav, env: jinja2.Environment,
              share: float = CHILD_SHARE) -> None:
        """Take the compiled templates and reuse the theme's chrome (baocao.site.chrome), then
        fork the child for `share` of pages (spread over the list, so each kind of page is
        split alike) and mark them so that this process does not render them again."""
        if self._compiling is not None:
            try:
                self._compiling.wait()
            except JobError:  # a template that does not compile: MkDocs reports it when it loads it
                pass
            self._compiling = None
        if env.bytecode_cache is None:
            templates.use_compiled(env, self._scratch)
        pages = list(pages)
        split = bool(pages) and can_fork()
        if split:  # before the chrome: Jinja caches templates by loader
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({ELSEWHERE: ""}), env.loader])
        chrome.memoize(env, nav, config)
        if not split:
            return
        child = [page for i, page in enumerate(pages) if int((i + 1) * share) != int(i * share)]
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        entries = self._folder / ENTRIES
        self._job = Job(_render, child, config, doc_files, nav, env, entries)
        if not self._job.forked:  # pragma: no cover - can_fork() said it would fork
            raise JobError("không tách được tiến trình dựng trang")
        for page in child:
            page.meta["template"] = ELSEWHERE
        uris = {page.file.src_uri for page in child}
        self._indexes = [_DivertedIndex(index, uris) for index in search_indexes(config)]
        # with mkdocs-material's search index, the child alone reads these pages' content
        # (another search plugin indexes every page here, from its whole content)
        self.elsewhere = uris if self._indexes and len(self._indexes) == _search_plugins(config) else set()
        self._filter = _SkippedFilter(uris)
        logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def wait(self) -> None:
        """Wait for the child and put its search entries in their places; JobError if it failed."""
        try:
            if self._job is not None:
                self._job.wait()
                if self._indexes:
                    try:
                        with open(self._folder / ENTRIES, "rb") as handle:
                            found = pickle.load(handle)
                    except (OSError, pickle.UnpicklingError, EOFError) as error:
                        raise JobError(f"không đọc được mục lục tìm kiếm của các trang ({error})") from None
                    for number, index in enumerate(self._indexes):
                        index.splice({uri: entries for (n, uri), entries in found.items() if n == number})
        finally:
            self.stop()

    def stop(self) -> None:
        if self._compiling is not None:
            self._compiling.stop()
            self._compiling = None
        if self._job is not None:
            self._job.stop()
            self._job = None
        if self._filter is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)
            self._filter = None
        for index in self._indexes:
            index.restore()
        self._indexes = []
        self.elsewhere = set()


def _render(pages: list[Page], config, doc_files, nav, env: jinja2.Environment, entries: Path) -> None:
    """In the child: MkDocs' own page step (context, plugins, template, post_page, write),
    then the search entries these pages added, by index and page, written to entries.
    MkDocs counts the warnings of a strict build in the parent: here, one fails the child."""
    warnings = _Count()
    logging.getLogger("mkdocs").addHandler(warnings)
    found: dict[tuple[int, str], list] = {}
    for number, index in enumerate(search_indexes(config)):
        index.add_entry_from_context = partial(_recording, index.add_entry_from_context, index.entries, number, found)
    for page in pages:
        _build_page(page, config, doc_files, nav, env)
    if config.strict and warnings.count:
        raise RuntimeError(f"{warnings.count} cảnh báo khi dựng các trang (chế độ strict)")
    with open(entries, "wb") as handle:
        pickle.dump(found, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _recording(add, entries: list, number: int, found: dict, page: Page) -> None:
    start = len(entries)
    add(page)
    found[number, page.file.src_uri] = entries[start:]


def _search_plugins(config) -> int:
    """How many plugins index the pages for search (named search, or holding an index)."""
    return sum(1 for name, plugin in config.plugins.items()
               if name.split("/")[-1] == "search" or hasattr(plugin, "search_index"))


def search_indexes(config) -> list:
    """The search indexes the plugins build page by page: mkdocs-material's search plugin
    (an `add_entry_from_context(page)` that appends to `entries`). The child fills them for
    its pages; the baocao plugin folds their entries (baocao.site.search)."""
    indexes = []
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if callable(getattr(index, "add_entry_from_context", None)) and isinstance(getattr(index, "entries", None), list):
            indexes.append(index)
    return indexes


class _DivertedIndex:
    """In this process, a search index that leaves the pages the child renders to the child:
    it notes where their entries go, and `splice` puts the child's entries there, so that the
    index lists every page in the order MkDocs builds them, as without the child."""

    def __init__(self, index, elsewhere: set[str]) -> None:
        self.index = index
        self.slots: list[tuple[int, str]] = []
        add = index.add_entry_from_context

        def divert(page: Page) -> None:
            if page.file.src_uri in elsewhere:
                self.slots.append((len(index.entries), page.file.src_uri))
            else:
                add(page)
        index.add_entry_from_context = divert

    def splice(self, found: dict[str, list]) -> None:
        for position, uri in reversed(self.slots):
            if uri not in found:
                raise JobError(f"thiếu mục lục tìm kiếm của trang {uri}")
            self.index.entries[position:position] = found[uri]
        self.slots = []

    def restore(self) -> None:
        self.index.__dict__.pop("add_entry_from_context", None)


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _SkippedFilter(logging.Filter):
    """MkDocs logs "Page skipped … empty output" (INFO) for each page this process left to the
    child: not news for the reader of the build log."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.messages = {f"Page skipped: '{uri}'. Generated empty output." for uri in uris}

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.messages
