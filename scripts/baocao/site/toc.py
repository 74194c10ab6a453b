"""The MkDocs table of contents of a page whose HTML baocao made (`html.Heading`s)."""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink, TableOfContents

from baocao.site.html import Heading


def table_of_contents(headings: list[Heading], depth: int) -> TableOfContents:
    """Each heading under the last one of a higher level, as MkDocs nests Python-Markdown's."""
    toc = TableOfContents([])
    for level, anchor, title in headings:
        if level > depth:
            continue
        items = toc.items
        while items and items[-1].level < level:
            parent = items[-1]
            items = parent.children
            if not items or items[-1].level >= level:
                parent.children.append(AnchorLink(title, anchor, level))
                break
        else:
            toc.items.append(AnchorLink(title, anchor, level))
    return toc
