"""Blocks and titles to the Markdown body of a submission."""

from __future__ import annotations

import re
from collections.abc import Collection

from baocao.importer.letterhead import is_layout_table
from baocao.importer.numbering import BULLET
from baocao.importer.reader import Para, Table
from baocao.importer.structure import Title

_NOTE_REF = re.compile(r"(?<!\\)\[\^\d+\]")  # "[^3]", as the reader cites a footnote


def render_body(
    blocks: list[Para | Table], titles: list[Title], skip: Collection[int] = frozenset()
) -> str:
    """The body; blocks in `skip` (the document's frame, a figures table) are left out."""
    by_index = {t.index: t for t in titles}
    out: list[str] = []
    cited = ""  # footnote references of a heading, cited from the text under it
    for index, block in enumerate(blocks):
        if index in skip:
            continue
        if index in by_index and isinstance(block, Para):
            title = by_index[index]
            text = block.markdown(plain_style=True, escape_start=False).replace("  \n", " ")
            if cited:  # no text under the heading before: on their own
                out.append(cited)
            # a heading is matched and shown by its title: a note cited there would be lost
            cited = "".join(_NOTE_REF.findall(text))
            out.append(f"{'#' * title.level} {_NOTE_REF.sub('', text).strip()}")
            out.extend(block.notes)
        elif isinstance(block, Para):
            text = _paragraph(block)
            if text:
                out.append(text + cited)
                cited = ""
            out.extend(block.notes)
        elif (
            is_layout_table(block)
            or len(block.rows) == 1
            and len(block.rows[0]) <= 3
            and not _has_grid(block)
        ):
            for para in block.paras:
                text = _paragraph(para)
                if text:
                    out.append(text)
                out.extend(para.notes)
        else:
            out.append(_table(block))
            out.extend(note for para in block.paras for note in para.notes)
    if cited:
        out.append(cited)
    return "\n\n".join(out) + "\n"


def grid(table: Table) -> tuple[int, int]:
    """Rows and columns of the table as written: each cell as wide as the columns it spans."""
    return len(table.rows), max((sum(cell.span for cell in row) for row in table.rows), default=0)


def _has_grid(table: Table) -> bool:
    return any(len(cell.paras) > 0 and cell.span > 1 for row in table.rows for cell in row)


def _paragraph(para: Para) -> str:
    text = para.markdown()
    if not text:
        return ""
    if para.label == BULLET:
        indent = "    " * min(para.level, 3)
        return indent + "- " + text.replace("\n", "\n" + indent + "  ")
    return text


def _cell(cell) -> str:
    texts = [p.markdown(escape_start=False) for p in cell.paras]
    return " <br> ".join(t.replace("  \n", " <br> ").replace("|", "\\|") for t in texts if t)


def _table(table: Table) -> str:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row:
            cells.append("" if cell.merged else _cell(cell))
            cells.extend([""] * (cell.span - 1))
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return ""
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)
