"""Small WordprocessingML helpers: child elements in the order the schema requires."""

from __future__ import annotations

from docx.oxml.ns import qn

TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)


def put_tbl_pr(tbl_pr, element) -> None:
    """Replace or insert `element` in tbl_pr at its schema position."""
    name = element.tag.split("}")[1]
    for old in tbl_pr.findall(qn(f"w:{name}")):
        tbl_pr.remove(old)
    rank = TBL_PR_ORDER.index(name)
    for index, child in enumerate(tbl_pr):
        child_name = child.tag.split("}")[1]
        if child_name in TBL_PR_ORDER and TBL_PR_ORDER.index(child_name) > rank:
            tbl_pr.insert(index, element)
            return
    tbl_pr.append(element)


# Children of w:pPr that come after w:pBdr (python-docx's CT_PPr sequence).
PBDR_SUCCESSORS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
