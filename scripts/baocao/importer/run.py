"""The `baocao import` command: open, convert, write, check, report. Only this module prints."""

from __future__ import annotations

import tempfile
from pathlib import Path

from baocao import reporters
from baocao.campaign import load_campaign
from baocao.completeness import COMPLETE, EMPTY, MISSING
from baocao.entries import writable_problem
from baocao.errors import ImportFailure
from baocao.importer import legacy
from baocao.importer.convert import ImportResult, import_docx, lost_paragraphs
from baocao.importer.opening import open_docx
from baocao.importer.writer import write_submission
from baocao.messages import error_text, say
from baocao.text import shorten
from baocao.workspace import display_path, load_round


def run_import(
    root: Path, source: Path, agency_id: str, *, force: bool = False, convert: bool = False
) -> int:
    """Import `source` as agency_id's report; 1 if the result has errors. Raises ImportFailure."""
    source = Path(source)
    campaign = load_campaign(root)
    agency = campaign.agency(agency_id)
    if agency is None:
        close = campaign.closest_agency_id(agency_id)
        hint = say("import-hint", agency=close) if close else say("import-hint-list")
        raise ImportFailure(error_text("import-agency-unknown", agency=agency_id, hint=hint))
    md_path = campaign.submissions_dir / f"{agency.id}.md"
    image_dir = campaign.submissions_dir / agency.id
    shown = display_path(root, md_path)
    refused = writable_problem(root, md_path, image_dir)  # never write through a link
    if refused:
        raise ImportFailure(refused)
    if md_path.exists() and not force:
        raise ImportFailure(error_text("import-exists", path=shown))
    with tempfile.TemporaryDirectory(prefix="baocao-import-") as work:
        document = open_docx(source, convert=convert, work=Path(work))
        try:
            result = import_docx(campaign, agency, document, source.name)
        except (
            ValueError,
            KeyError,
            AttributeError,
        ) as error:  # structures python-docx reads but we cannot
            raise ImportFailure(
                error_text(
                    "import-structure", name=source.name, kind=type(error).__name__, detail=error
                )
            ) from None
    clashes = [name for name in sorted(result.images) if (image_dir / name).exists()]
    if clashes and not force:
        raise ImportFailure(
            error_text(
                "import-image-clash",
                folder=display_path(root, image_dir),
                names=", ".join(clashes),
            )
        )
    write_submission(md_path, result.text, result.images, image_dir)
    if result.images:
        folder = display_path(root, image_dir)
        count = len(result.images)
        print(say("import-done-images", name=source.name, path=shown, count=count, folder=folder))
    else:
        print(say("import-done", name=source.name, path=shown))
    _print_result(result)
    rnd = load_round(root, [md_path], campaign=campaign)
    _print_check(rnd, agency.id, shown)
    return 1 if rnd.errors else 0


def _print_result(result: ImportResult) -> None:
    head = result.letterhead
    fields = [
        ("so_ky_hieu", say("import-number"), head.so_ky_hieu),
        ("ngay_ban_hanh", say("import-date"), head.ngay_ban_hanh),
        (
            "nguoi_ky",
            say("import-signed-by"),
            say(
                "import-signer",
                name=head.ho_ten,
                title=head.chuc_vu or say("import-signer-untitled"),
            )
            if head.ho_ten
            else None,
        ),
    ]
    print(say("import-head"))
    for key, label, value in fields:
        if value:
            print(say("import-field", label=label, value=value, source=head.sources[key]))
        else:
            print(say("import-field-missing", label=label))
    contact = result.frame.contact
    if contact is not None and contact.ho_ten:
        print(say("import-contact-read", name=contact.ho_ten, source=contact.source))
    else:
        print(say("import-contact"))
    for encoding, count in sorted(result.source.legacy.items()):
        print(say("import-legacy", count=count, encoding=legacy.NAMES[encoding]))
    if result.source.revisions:
        print(say("import-revisions", count=result.source.revisions))
    if result.source.comments:
        print(say("import-comments", count=result.source.comments))
    if result.frame.moved:
        print(say("import-frame", count=len(result.frame.moved)))
        for what, text in result.frame.moved:
            print(say("import-frame-line", what=what, text=text))
    if result.figures is not None and result.figures.rows:
        years = ", ".join(str(row["nam"]) for row in result.figures.rows)
        print(say("import-figures", years=years))
    for warning in result.warnings:
        print(say("import-warning", warning=warning))
    print(say("import-mapped", count=len(result.mapped)))
    for title in result.mapped:
        assert title.spec is not None  # what `mapped` means
        near = say("import-near") if title.near else ""
        text = shorten(title.para.plain)
        print(say("import-mapped-item", title=text, part=title.spec.short, near=near))
    if result.unmapped:
        print(say("import-unmapped", count=len(result.unmapped)))
        for title in result.unmapped:
            print(say("import-item", text=shorten(title.para.plain)))
    lost = lost_paragraphs(result)
    if lost:
        print(say("import-lost", count=len(lost)))
        for text in lost[:10]:
            print(say("import-item", text=shorten(text)))


def _print_check(rnd, agency_id: str, shown: str) -> None:
    report = rnd.report(agency_id)
    parts = [p for p in report.parts if p.spec.leaf] if report else []
    count = {state: sum(p.state == state for p in parts) for state in (COMPLETE, EMPTY, MISSING)}
    print(
        say(
            "import-check",
            path=shown,
            complete=count[COMPLETE],
            total=len(parts),
            empty=count[EMPTY],
            missing=count[MISSING],
            errors=len(rnd.errors),
            warnings=len(rnd.warnings),
        )
    )
    for problem in rnd.problems:
        print(reporters.problem_line(problem))
