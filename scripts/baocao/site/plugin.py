"""The MkDocs plugin: glue between MkDocs events and `baocao.site.pages`.

Loads the round once per build (or takes the one `build_site` already loaded), adds the
generated pages and files in memory (`File.generated`, nothing is written to `docs/`),
puts the submissions' sanitised HTML into the rendered pages and folds the search index.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from baocao.campaign import CampaignError
from baocao.site import assets, pages, search
from baocao.workspace import Round, load_round


class BaocaoConfig(Config):
    docx = config_options.Type(str, default="build/bao-cao-tong-hop.docx")


class BaocaoPlugin(BasePlugin[BaocaoConfig]):
    def __init__(self) -> None:
        self.round: Round | None = None  # set by build_site; otherwise loaded in on_config
        self.docx_path: Path | None = None
        self.given = False
        self.content: pages.SiteContent | None = None

    def use(self, rnd: Round, docx_path: Path | None) -> None:
        self.round, self.docx_path, self.given = rnd, docx_path, True

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        if not self.given:
            try:
                self.round = load_round(root)
            except CampaignError as error:
                raise PluginError(str(error)) from None
            docx = root / self.config.docx
            self.docx_path = docx if docx.is_file() else None
        self.content = pages.generate(self.round, self.docx_path)
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

    def on_page_content(self, html: str, page, config, files) -> str:
        return self.content.fragments.inject(html)

    def on_post_page(self, output: str, page, config) -> str:
        return self.content.fragments.inject_late(output)

    @event_priority(-100)  # after the search plugin wrote its index
    def on_post_build(self, config) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            search.fold_index_file(index)

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
