"""The DOCX outputs: the merged report of the round and one agency's own report."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from baocao.charts import Chart, plan
from baocao.docx.blocks import Node, places
from baocao.docx.charts import native, write_placeholder
from baocao.docx.compose import CHUNK_CLASS, Composed, agency_document, merged_document
from baocao.docx.layout import DocumentHead, LayoutError, finish
from baocao.docx.pandoc import READER, run_pandoc
from baocao.docx.reference import write_reference
from baocao.errors import BuildError
from baocao.files import output_lock, write_error
from baocao.images import approved_images
from baocao.messages import error_text
from baocao.workspace import Round

__all__ = ["build_docx", "build_agency_docx", "build_letter_docx"]


def merged_heading(rnd: Round) -> DocumentHead:
    info = rnd.campaign.report
    return DocumentHead(
        info.issuer,
        info.number,
        info.place,
        rnd.today,
        info.kind,
        info.title,
        info.recipients,
        info.signer.capacity,
        info.signer.title,
        info.signer.name,
    )


def agency_heading(rnd: Round, report) -> DocumentHead:
    agency, sub = report.agency, report.submission
    signer = sub.meta.get("nguoi_ky") or {}
    campaign = rnd.campaign
    recipients = (f"{campaign.letter.receiver_unit} (để tổng hợp);", "Lưu: VT.")
    return DocumentHead(
        (agency.name.upper(),),
        str(sub.meta.get("so_ky_hieu", "")),
        agency.province or campaign.report.place,
        sub.issued,
        campaign.report.kind,
        campaign.report.title,
        recipients,
        str(signer.get("chuc_vu", "")).upper(),
        (),
        str(signer.get("ho_ten", "")),
    )


def build_docx(rnd: Round, out_path: Path) -> Path:
    """Write the merged report of the round to out_path (whole or not at all)."""
    charts = plan(rnd)
    composed = merged_document(rnd, [(c.caption, c.file) for c in charts])
    return _convert(rnd, composed, True, merged_heading(rnd), Path(out_path), charts)


def build_agency_docx(rnd: Round, agency_id: str, out_path: Path) -> Path:
    """Write one agency's report, laid out for signing, to out_path."""
    report = rnd.report(agency_id)
    if report is None:
        raise BuildError(error_text("agency-unknown", agency=agency_id))
    if report.submission is None:
        raise BuildError(
            error_text("agency-not-submitted", name=report.agency.name, agency=agency_id)
        )
    if not report.usable:
        raise BuildError(
            error_text("agency-not-usable", name=report.agency.name, file=report.submission.file)
        )
    return _convert(
        rnd, agency_document(rnd, report), False, agency_heading(rnd, report), Path(out_path)
    )


def build_letter_docx(rnd: Round, letter: Node, head: DocumentHead, out_path: Path) -> Path:
    """Write a letter of the secretariat (e.g. a reminder; a pandoc document) in the layout."""
    return _convert(rnd, Composed(letter, []), False, head, Path(out_path))


def _convert(
    rnd: Round,
    composed: Composed,
    toc: bool,
    head: DocumentHead,
    out_path: Path,
    charts: Sequence[Chart] = (),
) -> Path:
    """pandoc, then the layout (the charts in place of their placeholders), then the move
    into place, under the output folder's lock."""
    try:
        with output_lock(out_path.parent) as work, tempfile.TemporaryDirectory(dir=work) as tmp:
            folder = Path(tmp)
            own = {}
            for chart in charts:
                write_placeholder(folder / chart.file, chart)
                own[chart.file] = str(folder / chart.file)
            allow = folder / "allow.json"
            allow.write_text(
                json.dumps(
                    {
                        "chunk": CHUNK_CLASS,
                        "places": places(composed.document, CHUNK_CLASS),
                        "texts": composed.pieces,
                        "reader": READER,
                        "own": own,
                        "refused": error_text("image-refused", target="%s"),
                        "images": {
                            r.agency.id: approved_images(rnd, r) for r in rnd.reports if r.usable
                        },
                    }
                ),
                encoding="utf-8",
            )
            partial = folder / out_path.name
            run_pandoc(
                json.dumps(composed.document, ensure_ascii=False, separators=(",", ":")),
                partial,
                reference=write_reference(folder / "reference.docx"),
                allow_list=allow,
                toc=toc,
                day=rnd.today,
            )
            finish(
                partial, head, {chart.file: native(chart, rnd.today) for chart in charts}, rnd.today
            )
            os.replace(partial, out_path)
    except LayoutError as error:
        raise BuildError(error_text("layout-failed", name=out_path.name, detail=error)) from None
    except OSError as error:
        raise write_error(error, out_path) from None
    return out_path
