"""The DOCX outputs: the merged report of the round and one agency's own report."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from baocao.charts import Chart, plan
from baocao.docx.blocks import Node, places
from baocao.docx.charts import native, write_placeholder
from baocao.docx.compose import CHUNK_CLASS, Composed, agency_document, merged_document
from baocao.docx.layout import DocumentHead, LayoutError
from baocao.docx.layout import finish as finish_layout
from baocao.docx.pandoc import READER, Pandoc
from baocao.docx.reference import write_reference
from baocao.errors import BuildError
from baocao.files import output_lock, write_error
from baocao.images import approved_images
from baocao.messages import error_text
from baocao.workspace import Round

__all__ = ["build_docx", "merged_docx", "build_agency_docx", "build_letter_docx"]


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
    # "KT. BỘ TRƯỞNG / THỨ TRƯỞNG": one line each in the signature block
    capacity, *title = str(signer.get("chuc_vu", "")).upper().split(" / ")
    return DocumentHead(
        agency.letterhead,
        str(sub.meta.get("so_ky_hieu", "")),
        agency.province or campaign.report.place,
        sub.issued,
        campaign.report.kind,
        campaign.report.title,
        recipients,
        capacity,
        tuple(title),
        str(signer.get("ho_ten", "")),
    )


def build_docx(rnd: Round, out_path: Path) -> Path:
    """Write the merged report of the round to out_path (whole or not at all)."""
    with merged_docx(rnd, out_path):
        pass  # the DOCX is put in place as the block ends
    return out_path


@contextmanager
def merged_docx(rnd: Round, out_path: Path) -> Iterator[Callable[[], Path]]:
    """The merged report, pandoc started: the caller works meanwhile (baocao build: the site)
    and may call the function given, which waits for pandoc and gives the finished DOCX (in
    the work folder). It is put at out_path when the block ends; left by an error, pandoc is
    stopped and nothing is written."""
    charts = plan(rnd)
    composed = merged_document(rnd, [(c.caption, c.file) for c in charts])
    with _converting(rnd, composed, True, merged_heading(rnd), Path(out_path), charts) as finish:
        yield finish


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
    return _convert(rnd, agency_document(rnd, report), agency_heading(rnd, report), out_path)


def build_letter_docx(rnd: Round, letter: Node, head: DocumentHead, out_path: Path) -> Path:
    """Write a letter of the secretariat (e.g. a reminder; a pandoc document) in the layout."""
    return _convert(rnd, Composed(letter, []), head, out_path)


def _convert(rnd: Round, composed: Composed, head: DocumentHead, out_path: Path) -> Path:
    """A document without table of contents or charts, converted and put at out_path."""
    with _converting(rnd, composed, False, head, Path(out_path)):
        pass  # the DOCX is put in place as the block ends
    return out_path


@contextmanager
def _converting(
    rnd: Round,
    composed: Composed,
    toc: bool,
    head: DocumentHead,
    out_path: Path,
    charts: Sequence[Chart] = (),
) -> Iterator[Callable[[], Path]]:
    """pandoc started on the document, under the output folder's lock; the function given
    waits for it and lays the result out (the charts in place of their placeholders), once.
    The block ended without error, the DOCX is moved into place."""
    with output_lock(out_path.parent) as work:
        with _written(out_path):
            temporary = tempfile.TemporaryDirectory(dir=work, ignore_cleanup_errors=True)
        with temporary as tmp:
            partial = Path(tmp) / out_path.name
            with _written(out_path):
                pandoc = _start(rnd, composed, toc, partial, charts)
            finished = False

            def finish() -> Path:
                nonlocal finished
                if not finished:
                    with _written(out_path):
                        natives = {chart.file: native(chart, rnd.today) for chart in charts}
                        pandoc.wait()  # the charts were made while pandoc still ran
                        finish_layout(partial, head, natives, rnd.today)
                    finished = True
                return partial

            try:
                yield finish
                finish()
            finally:
                pandoc.stop()
            with _written(out_path):
                os.replace(partial, out_path)


def _start(
    rnd: Round, composed: Composed, toc: bool, partial: Path, charts: Sequence[Chart]
) -> Pandoc:
    """pandoc's inputs written beside partial (the DOCX it makes), then pandoc started."""
    folder = partial.parent
    own = {}
    for chart in charts:
        write_placeholder(folder / chart.file, chart)
        own[chart.file] = str(folder / chart.file)
    allow = {
        "chunk": CHUNK_CLASS,
        "places": places(composed.document, CHUNK_CLASS),
        "texts": composed.pieces,
        "reader": READER,
        "own": own,
        "refused": error_text("image-refused", target="%s"),
        "images": {r.agency.id: approved_images(rnd, r) for r in rnd.reports if r.usable},
    }
    (folder / "allow.json").write_text(json.dumps(allow), encoding="utf-8")
    document = json.dumps(composed.document, ensure_ascii=False, separators=(",", ":"))
    (folder / "document.json").write_text(document, encoding="utf-8")
    return Pandoc(
        folder / "document.json",
        partial,
        reference=write_reference(folder / "reference.docx"),
        allow_list=folder / "allow.json",
        toc=toc,
        day=rnd.today,
    )


@contextmanager
def _written(out_path: Path) -> Iterator[None]:
    """Errors of making out_path, as the build errors that name it."""
    try:
        yield
    except LayoutError as error:
        raise BuildError(error_text("layout-failed", name=out_path.name, detail=error)) from None
    except OSError as error:
        raise write_error(error, out_path) from None
