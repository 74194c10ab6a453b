"""`baocao new`: the blank report of one agency, with every heading it must have."""

from __future__ import annotations

from pathlib import Path

from baocao.campaign import Agency, Campaign
from baocao.completeness import agency_parts
from baocao.errors import TemplateError
from baocao.messages import error_text

PLACEHOLDER_TEXT = "_(Chưa viết: thay dòng này bằng nội dung báo cáo.)_"
FIELD_PLACEHOLDER = "(Chưa điền)"


def render_template(campaign: Campaign, agency: Agency) -> str:
    letter = campaign.letter
    out = [
        "---",
        f"# {campaign.short_name}: báo cáo của {agency.name}.",
        f"# Theo Công văn số {letter.number} ngày {letter.date:%d/%m/%Y}; hạn gửi {letter.deadline:%d/%m/%Y}.",
        *(
            [f"# Số liệu tính đến ngày {campaign.data_cutoff:%d/%m/%Y} (thời gian chốt số liệu)."]
            if campaign.data_cutoff
            else []
        ),
        '# Dòng bắt đầu bằng dấu # là ghi chú, không cần xóa. Thay mọi "(Chưa điền)" bằng thông tin thật.',
        f"co_quan: {agency.id}  # mã cơ quan, trùng tên tệp; không sửa",
        f'so_ky_hieu: "{FIELD_PLACEHOLDER}"  # số, ký hiệu văn bản, ví dụ 125/BC-UBND',
        f'ngay_ban_hanh: "{FIELD_PLACEHOLDER}"  # ngày ký ban hành, dạng ngày/tháng/năm, ví dụ 03/12/2024',
        "nguoi_ky:",
        f'  ho_ten: "{FIELD_PLACEHOLDER}"  # họ và tên người ký',
        f'  chuc_vu: "{FIELD_PLACEHOLDER}"  # ví dụ: Thứ trưởng, Phó Chủ tịch',
        "trang_thai: du_thao  # du_thao khi đang soạn; chinh_thuc khi đã ký ban hành",
        "lien_he:  # cán bộ đầu mối; không công bố trên trang tổng hợp",
        f'  ho_ten: "{FIELD_PLACEHOLDER}"',
        f'  dien_thoai: "{FIELD_PLACEHOLDER}"  # ví dụ 0982.190.626',
        f'  email: "{FIELD_PLACEHOLDER}"',
        "so_lieu:  # số liệu từng năm: bỏ dấu # ở đầu dòng chỉ tiêu có số liệu và điền số nguyên, viết liền",
    ]
    for year in campaign.years:
        out.append(f"  - nam: {year}")
        for group in campaign.figure_groups:
            for f in group.fields:
                out.append(f"    # {f.key}: 0  # {f.label} ({f.unit})")
    out += [
        "van_ban: []  # văn bản đã ban hành để thực hiện Đề án; để ghi: xóa [] ở dòng này, bỏ dấu # ở đầu các dòng ví dụ dưới đây rồi sửa theo văn bản thật, mỗi văn bản một mục",
        "#  - so_ky_hieu: 1234/KH-UBND",
        "#    ngay: 15/08/2023",
        "#    trich_yeu: Kế hoạch triển khai Đề án 319 trên địa bàn",
        "---",
        "",
        "<!-- Viết nội dung dưới từng tiêu đề. Giữ nguyên các tiêu đề (dòng bắt đầu bằng #).",
        "     Có thể dùng bảng, danh sách, chú thích [^1] và ảnh đặt trong thư mục",
        f"     submissions/{agency.id}/, ví dụ ![Biểu đồ]({agency.id}/bieu-do.png). -->",
        "",
    ]
    for spec in agency_parts(campaign, agency):
        out += [f"{'#' * min(spec.depth, 6)} {spec.heading}", ""]
        if spec.guidance:
            out += [f"<!-- Gợi ý: {spec.guidance} -->", ""]
        if spec.leaf:
            out += [PLACEHOLDER_TEXT, ""]
    return "\n".join(out)


def write_template(campaign: Campaign, agency_id: str) -> tuple[Path, Agency]:
    """Write submissions/<agency_id>.md; its path and the agency."""
    agency = campaign.agency(agency_id)
    if agency is None:
        raise TemplateError(error_text("new-agency-unknown", agency=agency_id))
    path = campaign.submissions_dir / f"{agency.id}.md"
    word = path.with_suffix(".docx")
    if word.exists():  # one report an agency: its Word file is it
        path = word
    if path.exists():
        shown = path.relative_to(campaign.root).as_posix()
        raise TemplateError(error_text("new-exists", path=shown))
    path = campaign.submissions_dir / f"{agency.id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_template(campaign, agency)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path, agency
