"""The secretariat's review decisions (reviews.yml), kept outside the agencies' own files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from baocao.campaign import Campaign, load_schema
from baocao.messages import REVIEW_LABELS, render
from baocao.problems import Problem
from baocao.validation import compile_validator, parse_date
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
        return {}, [Problem(REVIEWS_FILE, line, "review-invalid", render("review-invalid", detail="lỗi cú pháp YAML, hãy sửa lại tệp."))]
    validator = compile_validator(load_schema(root, "reviews.schema.json"))
    errors = list(validator.iter_errors(doc.value))
    if errors:
        first = errors[0]
        line = doc.line_of(tuple(first.absolute_path))
        where = ".".join(map(str, first.absolute_path)) or "(gốc)"
        return {}, [Problem(REVIEWS_FILE, line, "review-invalid", render("review-invalid", detail=f"{where}: không đúng lược đồ ({first.message})."))]
    reviews: dict[str, Review] = {}
    problems: list[Problem] = []
    for index, item in enumerate(doc.value["reviews"]):
        if campaign.agency(item["co_quan"]) is None:
            problems.append(Problem(REVIEWS_FILE, doc.line_of(("reviews", index)), "review-unknown-agency", render("review-unknown-agency", agency=item["co_quan"])))
            continue
        reviews[item["co_quan"]] = Review(item["co_quan"], item["ket_qua"], item["nguoi_xem_xet"], parse_date(item["ngay"]), item.get("ghi_chu", ""))
    return reviews, problems
