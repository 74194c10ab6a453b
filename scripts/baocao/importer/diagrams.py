"""The text of a SmartArt diagram (Insert > SmartArt), in the order and nesting of its points."""

from __future__ import annotations

from lxml import etree

_DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL_IDS = _DGM + "relIds"
DATA = _R + "dm"  # the attribute of dgm:relIds naming the data part
_STRUCTURE = {"doc", "parTrans", "sibTrans", "pres"}


def read_diagram(blob: bytes) -> list[tuple[int, str]]:
    """(depth from 0, text) of each point with text, depth first; [] when none."""
    try:
        root = etree.fromstring(
            blob, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return []
    texts: dict[str, str] = {}
    top: list[str] = []
    order: list[str] = []
    for point in root.iter(_DGM + "pt"):
        kind, key = point.get("type", "node"), point.get("modelId", "")
        if kind == "doc":
            top.append(key)
        if kind in _STRUCTURE:
            continue
        paragraphs = ["".join(t.text or "" for t in p.iter(_A + "t")) for p in point.iter(_A + "p")]
        texts[key] = " ".join(" ".join(paragraphs).split())
        order.append(key)
    children: dict[str, list[tuple[int, str]]] = {}
    for link in root.iter(_DGM + "cxn"):
        if link.get("type", "parOf") == "parOf":
            rank = int(link.get("srcOrd", "0")) if link.get("srcOrd", "0").isdigit() else 0
            children.setdefault(link.get("srcId", ""), []).append((rank, link.get("destId", "")))
    out: list[tuple[int, str]] = []
    seen: set[str] = set()

    def walk(key: str, depth: int) -> None:
        for _, child in sorted(children.get(key, [])):
            if child in seen or child not in texts:
                continue
            seen.add(child)
            if texts[child]:
                out.append((depth, texts[child]))
            if depth < 8:
                walk(child, depth + 1)

    for key in top:
        walk(key, 0)
    out.extend((0, texts[k]) for k in order if k not in seen and texts[k])  # unconnected
    return out
