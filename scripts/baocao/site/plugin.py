"""The MkDocs plugin: glue between MkDocs events and `baocao.site.pages`.

Loads the round once per build (or takes the one `build_site` already loaded, with what it
started for the build: `Preparation`), adds the generated pages and files in memory
(`File.generated`, nothing is written to `docs/`), puts the submissions' sanitised HTML into
the rendered pages and adds the folded fields to the search index before it is written.
Forked workers (baocao.background) do the slow parts while MkDocs works: one compiles the
theme's templates, one draws the charts (written into the site last), one renders the
submissions' pieces (needed from on_env), and one renders a share of the pages
(baocao.site.render).
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from baocao.campaign import CampaignError
from baocao.background import JobError
from baocao.site import assets, figures, pages, reuse, search, templates
from baocao.site.preparation import Preparation
from baocao.site.render import SplitRender, search_indexes
from baocao.workspace import Round, load_round


class BaocaoConfig(Config):
    docx = config_options.Type(str, default="build/bao-cao-tong-hop.docx")


class BaocaoPlugin(BasePlugin[BaocaoConfig]):
    def __init__(self) -> None:
        self.round: Round | None = None  # set by build_site; otherwise loaded in on_config
        self.docx_path: Path | None = None
        self.given: Preparation | None = None  # build_site's, for its one build
        self.prepared: Preparation | None = None  # this build's
        self.content: pages.SiteContent | None = None
        self.work_dir: Path | None = None  # temporary: the charts and the rendered pieces
        self.html_pages: dict[str, pages.SitePage] = {}  # generated pages made as HTML, by path
        self.failure: str | None = None  # the last error this plugin raised (see _failure)
        self.nav = None
        self.split = SplitRender()
        self.spare: Path | None = None  # the site this build replaces, to write over (baocao.site.reuse)
        self.taken: reuse.Taken | None = None

    def use(self, rnd: Round, docx_path: Path | None, prepared: Preparation, spare: Path | None = None) -> None:
        """Build rnd's site, with what `build_site` started for it (prepared, started), over
        the files of spare if there is one."""
        self.round, self.docx_path, self.given, self.spare = rnd, docx_path, prepared, spare

    @event_priority(100)  # before the search plugin's: search.settle_language
    def on_config(self, config):
        self._clean()
        search.settle_language(config)
        templates.list_quickly(config.theme)
        if self.given is not None:
            self.prepared, self.given = self.given, None
        else:
            self.prepared = Preparation(config)  # the theme's templates compile meanwhile
            root = Path(config.config_file_path).resolve().parent
            try:
                self.round = load_round(root)
            except CampaignError as error:
                raise self._failure(str(error)) from None
            docx = root / self.config.docx
            self.docx_path = docx if docx.is_file() else None
            self.prepared.start(self.round, self.docx_path)
        self.work_dir, self.content = self.prepared.work_dir, self.prepared.content
        self.split.prepare(self.work_dir, self.prepared.compiling)
        self.html_pages = {p.path: p for p in self.content.pages if p.html is not None}
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in self.content.pages:
            _replace(files, File.generated(config, page.path, content=page.markdown,
                                           inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV))
        for item in self.content.files + assets.asset_files(self.round):
            file = (File.generated(config, item.path, content=item.content) if item.content is not None
                    else File.generated(config, item.path, abs_src_path=str(item.source)))
            if item.dest:
                file.dest_uri = item.dest
            _replace(files, file)
        return files

    def on_pre_page(self, page, config, files):
        generated = self.html_pages.get(page.file.src_uri)
        if generated is not None:  # its HTML is made already: no Python-Markdown (see htmlpage.py)
            page.render = partial(_render_html, page, generated, _toc_depth(config))
        return page

    @event_priority(-100)  # the navigation as the other plugins leave it; nothing written yet
    def on_nav(self, nav, config, files):
        self.nav = nav
        self.taken = None
        if self.spare is not None:
            self.taken = reuse.take(self.spare, Path(config.site_dir), reuse.written(config, files, self.content.charts))
            self.spare = None
        return nav

    @event_priority(-100)  # the child renders with the environment as the other plugins leave it
    def on_env(self, env, config, files):
        try:
            self.content.fragments.join()
        except (JobError, OSError) as error:
            raise self._failure(f"không dựng được nội dung báo cáo: {error}") from None
        # every page's content is ready: a forked child renders part of the generated pages
        self.split.start((files.get_file_from_path(p.path).page for p in self.content.pages), config, files, self.nav, env)
        return env

    @event_priority(50)  # before the search plugin reads the page
    def on_page_context(self, context, page, config, nav):
        if page.file.src_uri not in self.split.elsewhere:  # the child renders and indexes it
            page.content = self.content.fragments.inject(page.content)
        return context

    def on_post_page(self, output: str, page, config) -> str:
        return self.content.fragments.inject_late(output)

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config) -> None:
        try:
            self.split.wait()  # the child's pages and their search entries
        except JobError as error:
            raise self._failure(f"không dựng được các trang: {error}") from None
        for index in search_indexes(config):
            search.fold_entries(index.entries, index.config.setdefault("fields", {}))
        try:
            self.prepared.drawing.wait()
            for path in self.content.charts:
                target = Path(config.site_dir) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(figures.chart_file(self.work_dir, path), target)
        except JobError as error:
            raise self._failure(f"không vẽ được biểu đồ: {error}") from None
        except OSError as error:
            raise self._failure(f"không ghi được biểu đồ: {error}") from None
        self._clean()

    def on_build_error(self, error) -> None:
        self._clean()

    def _failure(self, message: str) -> PluginError:
        """MkDocs logs a plugin's error and raises its own "Aborted" instead: keep the message
        for `build_site` to report."""
        self.failure = message
        return PluginError(message)

    def _clean(self) -> None:
        self.split.stop()
        if self.prepared is not None:
            self.prepared.stop()
            self.prepared = None
        self.work_dir = self.content = None

    def on_serve(self, server, config, builder):
        root = Path(config.config_file_path).resolve().parent
        server.watch(str(root / "submissions"))
        server.watch(str(root / "campaign.yml"))
        return server


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _toc_depth(config) -> int:
    return int((config.mdx_configs.get("toc") or {}).get("toc_depth", 6))


def _render_html(page, generated: pages.SitePage, depth: int, config, files) -> None:
    """`Page.render` for a page whose HTML is made already: what MkDocs would set from
    Python-Markdown's output (content, table of contents, title, anchor ids)."""
    page.content = generated.html
    page.toc = TableOfContents([])
    _extend_toc(page.toc, [item for item in generated.headings if item[0] <= depth])
    page._title_from_render = generated.title
    page.present_anchor_ids = {anchor for _, anchor, _ in generated.headings}


def _extend_toc(toc: TableOfContents, headings: list[tuple[int, str, str]]) -> None:
    """Add headings (level, id, title HTML), in document order, to a table of contents,
    each under the last entry of a higher level."""
    for level, anchor, title in headings:
        items = toc.items
        while items and items[-1].level < level:
            parent = items[-1]
            items = parent.children
            if not items or items[-1].level >= level:
                parent.children.append(AnchorLink(title, anchor, level))
                break
        else:
            toc.items.append(AnchorLink(title, anchor, level))
