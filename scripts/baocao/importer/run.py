"""The `baocao import` command: open, convert, write, check, report. Only this module prints."""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path

from baocao import reporters
from baocao.campaign import load_campaign
from baocao.completeness import COMPLETE, EMPTY, MISSING
from baocao.importer.convert import ImportResult, import_docx, lost_paragraphs
from baocao.importer.opening import ImportFailure, open_docx
from baocao.importer.writer import write_submission
from baocao.text import shorten
from baocao.workspace import display_path, load_round

_ENCODING_NAMES = {"tcvn3": "TCVN3 (.VnTime…)", "vni": "VNI (VNI-Times…)"}


def run_import(
    root: Path, source: Path, agency_id: str, *, force: bool = False, convert: bool = False
) -> int:
    try:
        return _run(root, Path(source), agency_id, force=force, convert=convert)
    except ImportFailure as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1


def _run(root: Path, source: Path, agency_id: str, *, force: bool, convert: bool) -> int:
    campaign = load_campaign(root)
    agency = campaign.agency(agency_id)
    if agency is None:
        close = difflib.get_close_matches(
            agency_id, [a.id for a in campaign.agencies], n=1, cutoff=0.6
        )
        hint = f' Có phải là "{close[0]}"?' if close else " Xem danh sách bằng lệnh `baocao tasks`."
        raise ImportFailure(
            f'mã cơ quan "{agency_id}" không có trong danh sách của đợt báo cáo.{hint}'
        )
    md_path = campaign.submissions_dir / f"{agency.id}.md"
    image_dir = campaign.submissions_dir / agency.id
    shown = display_path(root, md_path)
    if md_path.exists() and not force:
        raise ImportFailure(
            f"{shown} đã có; không ghi đè. Thêm --force nếu muốn thay bằng nội dung nhập từ tệp Word."
        )
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
                f"{source.name}: nội dung tệp có cấu trúc không đọc được ({type(error).__name__}: {error}). "
                "Hãy mở tệp bằng Word, lưu lại dưới dạng .docx rồi chạy lại lệnh."
            ) from None
    clashes = [name for name in sorted(result.images) if (image_dir / name).exists()]
    if clashes and not force:
        raise ImportFailure(
            f"{display_path(root, image_dir)}/ đã có ảnh trùng tên ({', '.join(clashes)}); không ghi đè. Thêm --force để thay."
        )
    write_submission(md_path, result.text, result.images, image_dir)
    print(
        f'Đã nhập "{source.name}" vào {shown}'
        + (
            f" ({len(result.images)} ảnh trong {display_path(root, image_dir)}/)."
            if result.images
            else "."
        )
    )
    _print_result(result)
    rnd = load_round(root, [md_path], campaign=campaign)
    _print_check(rnd, agency.id, shown)
    return 1 if rnd.errors else 0


def _print_result(result: ImportResult) -> None:
    head = result.letterhead
    fields = [
        ("so_ky_hieu", "Số, ký hiệu", head.so_ky_hieu),
        ("ngay_ban_hanh", "Ngày ban hành", head.ngay_ban_hanh),
        (
            "nguoi_ky",
            "Người ký",
            f"{head.ho_ten} ({head.chuc_vu or 'chưa rõ chức vụ'})" if head.ho_ten else None,
        ),
    ]
    print("Phần đầu (front matter):")
    for key, label, value in fields:
        if value:
            print(f'  - {label}: {value}  (từ dòng "{head.sources[key]}")')
        else:
            print(f'  - {label}: không đọc được trong tệp, để "(Chưa điền)".')
    print('  - Người liên hệ: tệp Word không có, để "(Chưa điền)"; trạng thái: du_thao (dự thảo).')
    for encoding, count in sorted(result.source.legacy.items()):
        print(
            f"Đã chuyển {count} đoạn viết bằng bảng mã cũ {_ENCODING_NAMES[encoding]} sang Unicode: hãy soát lại chính tả."
        )
    if result.source.revisions:
        print(
            f"Cảnh báo: tệp có {result.source.revisions} chỗ sửa đổi đang theo dõi (Track Changes): đã chấp nhận tất cả (giữ phần thêm, bỏ phần xóa)."
        )
    if result.source.comments:
        print(
            f"Cảnh báo: đã bỏ {result.source.comments} nhận xét (comment) của Word; chúng không thuộc nội dung báo cáo."
        )
    print(f"Tiêu đề khớp đề cương: {len(result.mapped)}")
    for title in result.mapped:
        note = " (gần đúng)" if title.near else ""
        print(f'  - "{shorten(title.para.plain)}" → {title.spec.short}{note}')
    if result.unmapped:
        print(
            f"Tiêu đề không khớp mục nào của đề cương: {len(result.unmapped)} (giữ nguyên làm tiêu đề; nội dung thuộc mục gần nhất phía trên)"
        )
        for title in result.unmapped:
            print(f'  - "{shorten(title.para.plain)}"')
    lost = lost_paragraphs(result)
    if lost:
        print(
            f"Cảnh báo: {len(lost)} đoạn của tệp Word không tìm thấy nguyên văn trong tệp Markdown, hãy soát lại:"
        )
        for text in lost[:10]:
            print(f'  - "{shorten(text)}"')


def _print_check(rnd, agency_id: str, shown: str) -> None:
    report = rnd.report(agency_id)
    parts = [p for p in report.parts if p.spec.leaf] if report else []
    count = {state: sum(p.state == state for p in parts) for state in (COMPLETE, EMPTY, MISSING)}
    print(
        f"Kiểm tra {shown}: {count[COMPLETE]}/{len(parts)} mục có nội dung, {count[EMPTY]} mục trống, {count[MISSING]} mục thiếu; {len(rnd.errors)} lỗi, {len(rnd.warnings)} cảnh báo."
    )
    for problem in rnd.problems:
        print(reporters.problem_line(problem))
