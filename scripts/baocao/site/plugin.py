"""The MkDocs plugin: wires MkDocs events to `baocao.site` (pages, table of contents, search)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from material.plugins.search.plugin import SearchPlugin
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory

from baocao.errors import BaocaoError
from baocao.files import LOCK_WAIT, Publication
from baocao.messages import OUTPUT_WAIT
from baocao.outputs import DOCX_NAME, OUT_DIR, REMINDER_NAME
from baocao.site import assets, pages, search
from baocao.site.build import KEPT_TEMPLATES
from baocao.site.rebuilds import Rebuilds, carried
from baocao.site.toc import table_of_contents
from baocao.workspace import Round, load_round

THEME = Path(__file__).parent / "theme"
LOG = get_plugin_logger(__name__)
Docx = Callable[[], Path]  # the merged DOCX's path, once it is built


class BaocaoConfig(Config):
    docx = config_options.Type(str, default=f"{OUT_DIR}/{DOCX_NAME}")
    reminder = config_options.Type(str, default=f"{OUT_DIR}/{REMINDER_NAME}")


class BaocaoPlugin(BasePlugin[BaocaoConfig]):
    content: pages.SiteContent  # set by on_config

    def __init__(self) -> None:
        self.given: tuple[Round, Docx | None, Path | None] | None = None  # from build_site
        self.docx: Docx | None = None
        self.failure: str | None = None  # MkDocs replaces a plugin's error by "Aborted"
        self.command: str | None = None  # from on_startup: "build", "gh-deploy", "serve"
        self.publication: Publication | None = None  # `mkdocs build`: the site until published
        self.publication_ready = False  # the build went through all its events
        self.dirty = False  # `mkdocs serve --dirty`: only what changed is written again
        self.rebuilds = Rebuilds()
        self.pages: set[str] = set()  # this build's page URLs
        self.rendered: set[str] = set()  # those rendered in this build

    def use(self, rnd: Round, docx: Docx | None, reminder_path: Path | None = None) -> None:
        """Build the site of rnd (already loaded by `build_site`) instead of loading it; docx
        gives the merged DOCX when the pages are written (it may be built meanwhile)."""
        self.given = (rnd, docx, reminder_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = None if dirty else command
        self.dirty = dirty and command == "serve"

    @event_priority(100)  # site_dir is replaced before another plugin reads it
    def on_config(self, config):
        if str(THEME) not in config.theme.dirs:  # our templates first: 404.html in Vietnamese
            config.theme.dirs.insert(0, str(THEME))
        try:
            if self.given is not None:
                (rnd, self.docx, reminder_path), self.given = self.given, None
            else:  # mkdocs build / serve
                root = Path(config.config_file_path).resolve().parent
                rnd = load_round(root)
                docx, reminder = root / self.config.docx, root / self.config.reminder
                self.docx = (lambda: docx) if docx.is_file() else None
                reminder_path = reminder if reminder.is_file() else None
            self.content = pages.generate(rnd, self.docx is not None, reminder_path)
            self.content.files += assets.asset_files(rnd)
            if self.command in ("build", "gh-deploy"):
                # `mkdocs build`: written aside under the output's lock, published whole
                target = Path(config.site_dir)
                self.publication = Publication(target, on_wait=lambda: _waiting(target))
                config.site_dir = str(self.publication.folder)
        except BaocaoError as error:
            raise self._failure(str(error)) from None
        return config

    def on_pre_build(self, config) -> None:
        if self.dirty:
            settings = Path(config.config_file_path or os.devnull).read_bytes()
            if self.rebuilds.begin(settings):
                clean_directory(config.site_dir)

    def on_files(self, files: Files, config) -> Files:
        content = self.content
        signatures = content.signatures() if self.dirty else {}
        for page in content.pages:
            level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = Generated.generated(config, page.path, content=page.markdown, inclusion=level)
            _replace(files, self._track(file, signatures))
        for item in content.files:
            if item.content is not None:
                file = Generated.generated(config, item.path, content=item.content)
            else:
                file = Generated.generated(config, item.path, abs_src_path=str(item.source))
            if item.dest:
                file.dest_uri = item.dest
            _replace(files, self._track(file, signatures))
        if self.dirty:
            outputs = {file.abs_dest_path for file in files if file.abs_dest_path}
            self.rebuilds.delete_stale(outputs, Path(config.site_dir))
        return files

    def _track(self, file: File, signatures: dict[str, str]) -> File:
        if isinstance(file, Generated) and file.src_uri in signatures:
            file.changed = self.rebuilds.changed(file.src_uri, signatures[file.src_uri])
        return file

    def on_nav(self, nav, config, files):
        self.pages = {file.page.url for file in files.documentation_pages() if file.page}
        self.rendered = set()
        return nav

    def on_env(self, env, config, files):
        env.bytecode_cache = KEPT_TEMPLATES
        return env

    def on_page_content(self, html: str, page, config, files) -> str | None:
        generated = self.content.html_pages.get(page.file.src_uri)
        if generated is None or generated.html is None:
            return html
        depth = int((config.mdx_configs.get("toc") or {}).get("toc_depth", 6))
        page.toc = table_of_contents(generated.headings, depth)
        page.present_anchor_ids = {anchor for _, anchor, _ in generated.headings}
        return generated.html

    @event_priority(50)  # before the search plugin reads the page
    def on_page_context(self, context, page, config, nav):
        page.content = self.content.fragments.inject(page.content)
        self.rendered.add(page.url)
        return context

    def on_post_page(self, output: str, page, config) -> str:
        return self.content.fragments.inject_late(output)

    @event_priority(100)  # before the search plugin writes its index
    def _fold_search(self, config) -> None:
        for plugin in config.plugins.values():
            if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
                index = plugin.search_index
                search.fold_entries(index.entries, index.config.setdefault("fields", {}))
                previous, plugin.search_index_prev = plugin.search_index_prev, None
                if previous is not None:  # serve --dirty: the pages not rendered keep theirs
                    index.entries[:0] = carried(previous.entries, self.pages, self.rendered)

    def _add_docx(self, config) -> None:
        """The merged DOCX, copied in last: `baocao build` makes it while the site builds."""
        target = Path(config.site_dir) / "tai-ve" / DOCX_NAME
        if self.docx is not None:
            docx, self.docx = self.docx, None
            shutil.copyfile(docx(), target)
        elif self.dirty:  # serve --dirty: one built before and deleted since
            target.unlink(missing_ok=True)

    @event_priority(-50)  # after the search plugin wrote its index
    def _unescape_search(self, config) -> None:
        if any(isinstance(p, SearchPlugin) and p.config.enabled for p in config.plugins.values()):
            search.write_unescaped(Path(config.site_dir) / "search" / "search_index.json")

    @event_priority(-100)  # after every plugin wrote its files
    def _built(self, config) -> None:
        self.rebuilds.succeeded()
        if self.publication is not None:
            self.publication_ready = True

    on_post_build = CombinedEvent(_fold_search, _add_docx, _unescape_search, _built)

    def on_build_error(self, error) -> None:  # strict mode's abort for warnings comes here too
        self.rebuilds.fail()  # a dirty rebuild after this builds all again
        self.publication_ready = False
        self.on_shutdown()

    def on_shutdown(self) -> None:
        """`mkdocs build`: the site is published once MkDocs itself is done with it."""
        if self.publication is None:
            return
        publication, self.publication = self.publication, None
        if not self.publication_ready:  # failed or interrupted
            publication.abort()
            return
        self.publication_ready = False
        try:
            publication.commit()
        except BaocaoError as error:
            raise Abort(str(error)) from None

    def on_serve(self, server, config, builder):
        root = Path(config.config_file_path).resolve().parent
        server.watch(str(root / "submissions"))
        server.watch(str(root / "campaign.yml"))
        server.watch(str(root / "reviews.yml"))
        return server

    def _failure(self, message: str) -> PluginError:
        self.failure = message
        return PluginError(message)


class Generated(File):
    """A file the plugin made; `changed` is set for `mkdocs serve --dirty`."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def _waiting(target: Path) -> None:
    LOG.info(OUTPUT_WAIT.format(path=target, seconds=LOCK_WAIT))


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
