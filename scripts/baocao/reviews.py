"""The secretariat's review decisions (reviews.yml), kept outside the agencies' own files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from baocao.campaign import Campaign, load_schema
from baocao.messages import REVIEW_LABELS, render
from baocao.problems import Problem
from baocao.schemas import SchemaValidator
from baocao.validation import parse_date
from baocao.yamlsafe import YamlError, load_document

REVIEWS_FILE = "reviews.yml"


@dataclass(frozen=True)
class Review:
    agency_id: str
    result: str  # da_tiep_nhan | yeu_cau_bo_sung
    reviewer: str
    date: date | None
    note: str = ""

    @property
    def label(self) -> str:
        return REVIEW_LABELS[self.result]


def load_reviews(root: Path, campaign: Campaign) -> tuple[dict[str, Review], list[Problem]]:
    path = root / REVIEWS_FILE
    if not path.is_file():
        return {}, []
    try:
        doc = load_document(path.read_text(encoding="utf-8-sig"))
    except (YamlError, UnicodeDecodeError) as error:
        line = getattr(error, "line", None)
        return {}, [
            Problem(
                REVIEWS_FILE,
                line,
                "review-invalid",
                render("review-invalid", detail="lỗi cú pháp YAML, hãy sửa lại tệp."),
            )
        ]
    validator = SchemaValidator(load_schema(root, "reviews.schema.json"))
    problems: list[Problem] = []
    bad: set[int] = set()
    for error in validator.iter_errors(doc.value):
        path = error.path
        if len(path) < 2 or not isinstance(path[1], int):  # the file's shape itself is wrong
            return {}, [
                Problem(
                    REVIEWS_FILE,
                    doc.line_of(path),
                    "review-invalid",
                    render(
                        "review-invalid",
                        detail="tệp phải có dạng `reviews:` và danh sách các mục xem xét.",
                    ),
                )
            ]
        bad.add(path[1])
        field = ".".join(str(p) for p in path[2:]) or "mục"
        problems.append(
            Problem(
                REVIEWS_FILE,
                doc.line_of(path),
                "review-invalid",
                render(
                    "review-invalid",
                    detail=f"mục {path[1] + 1}, {field}: không đúng mẫu; mục này bị bỏ qua.",
                ),
            )
        )
    reviews: dict[str, Review] = {}
    for index, item in enumerate(doc.value["reviews"]):
        if index in bad:
            continue
        if campaign.agency(item["co_quan"]) is None:
            problems.append(
                Problem(
                    REVIEWS_FILE,
                    doc.line_of(("reviews", index)),
                    "review-unknown-agency",
                    render("review-unknown-agency", agency=item["co_quan"]),
                )
            )
            continue
        day = parse_date(item["ngay"])
        if day is None:
            problems.append(
                Problem(
                    REVIEWS_FILE,
                    doc.line_of(("reviews", index, "ngay")),
                    "review-invalid",
                    render(
                        "review-invalid",
                        detail=f'mục {index + 1}, ngay: "{item["ngay"]}" không phải ngày có thật; mục này bị bỏ qua.',
                    ),
                )
            )
            continue
        reviews[item["co_quan"]] = Review(
            item["co_quan"], item["ket_qua"], item["nguoi_xem_xet"], day, item.get("ghi_chu", "")
        )
    return reviews, problems
