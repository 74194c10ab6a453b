"""The `baocao` command: parses options, calls the library; exit 0 fine, 1 errors, 2 usage."""

from __future__ import annotations

import argparse
import errno
import io
import os
import re
import signal
import sys
from datetime import date, timedelta
from pathlib import Path

from baocao import __version__
from baocao.errors import BaocaoError
from baocao.messages import ARGPARSE, USAGE, error_line, error_text, os_reason, say
from baocao.outputs import OUT_DIR, REMINDER_NAME, WORKBOOK_NAME


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, USAGE["prefix"] if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Vietnamese through its public hooks: the formatter's usage prefix, our own
    -h and argument groups, and error() translating the message it is given."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.positionals = self.add_argument_group(USAGE["positionals"])
        self.options = self.add_argument_group(USAGE["options"])
        self.options.add_argument("-h", "--help", action="help", help=USAGE["help"])

    def add_argument(self, *args, **kwargs):
        if self.__dict__.get("options") is None:
            return super().add_argument(*args, **kwargs)
        group = self.options if args and args[0].startswith("-") else self.positionals
        return group.add_argument(*args, **kwargs)

    def error(self, message: str):
        for pattern, vietnamese in ARGPARSE:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, vietnamese, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, USAGE["error"].format(prog=self.prog, message=message))


def _date(value: str) -> date:
    """16/12/2024 as the site and reviews.yml write dates, or 2024-12-16."""
    from baocao.validation import parse_date

    day = parse_date(value.strip())
    if day is None:
        raise argparse.ArgumentTypeError(USAGE["date"].format(value=value))
    return day


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="baocao",
        description="Kho báo cáo: kiểm tra, tổng hợp và xuất báo cáo của đợt báo cáo.",
    )
    parser.add_argument(
        "--version", action="version", version=f"baocao {__version__}", help="hiện phiên bản"
    )
    parser.add_argument(
        "--root",
        type=Path,
        metavar="THƯ_MỤC",
        help="thư mục kho báo cáo (mặc định: thư mục chứa campaign.yml gần nhất)",
    )
    sub = parser.add_subparsers(title="lệnh", dest="command", metavar="LỆNH", parser_class=_Parser)

    p = sub.add_parser(
        "check",
        help="kiểm tra các báo cáo",
        description="Kiểm tra phần thông tin, đề cương và nhiệm vụ của từng báo cáo, và tình hình nộp của đợt báo cáo.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="TỆP",
        help="các tệp cần kiểm tra (mặc định: mọi tệp trong submissions/)",
    )
    p.add_argument(
        "--format",
        choices=["text", "json", "github", "markdown"],
        default="text",
        help="dạng kết quả (mặc định: text)",
    )
    p.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    p.add_argument(
        "--summary-file",
        type=Path,
        metavar="TỆP",
        help="ghi thêm bản tóm tắt Markdown vào tệp này (ví dụ $GITHUB_STEP_SUMMARY)",
    )
    p.add_argument(
        "--today", type=_date, metavar="NGÀY", help="ngày tính trễ hạn (mặc định: hôm nay)"
    )
    p.add_argument(
        "--changed",
        nargs="+",
        metavar="TỆP",
        help="các tệp một yêu cầu gộp (pull request) thay đổi: chỉ kiểm tra báo cáo trong số đó",
    )
    p.add_argument(
        "--changed-list",
        type=Path,
        metavar="TỆP",
        help="như --changed, đọc danh sách tệp từ tệp này (mỗi dòng một tệp, hoặc ngăn bằng NUL như `git diff -z --name-only`); - là đầu vào chuẩn",
    )
    p.add_argument(
        "--author",
        metavar="TÀI_KHOẢN",
        help="tài khoản hoặc nhóm GitHub của người gửi (ví dụ @nguyenvanmau-bca): báo lỗi khi sửa tệp không thuộc quyền",
    )
    p.add_argument(
        "--owners-from",
        type=Path,
        metavar="THƯ_MỤC",
        help="lấy quyền sửa từ campaign.yml của thư mục này (bản gốc của nhánh chính), không từ bản đang được đề nghị gộp",
    )

    p = sub.add_parser(
        "owners",
        help="tạo .github/CODEOWNERS từ campaign.yml",
        description="Tạo .github/CODEOWNERS: mỗi cơ quan sở hữu báo cáo của mình, Ban Thư ký sở hữu phần còn lại.",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="chỉ kiểm tra .github/CODEOWNERS có đúng với campaign.yml không (lỗi nếu đã cũ)",
    )

    p = sub.add_parser(
        "fields",
        help="tạo trang tham chiếu các trường thông tin cho hướng dẫn",
        description="Tạo docs/huong-dan/cac-truong-thong-tin.md từ schema/submission.schema.json.",
    )
    p.add_argument(
        "--check", action="store_true", help="chỉ kiểm tra trang đã đúng với lược đồ chưa"
    )

    p = sub.add_parser(
        "new",
        help="tạo báo cáo mẫu cho một cơ quan",
        description="Tạo submissions/<mã>.md với đủ phần thông tin, các mục của đề cương và các nhiệm vụ được giao.",
    )
    p.add_argument("agency", metavar="MÃ_CƠ_QUAN", help="mã cơ quan, ví dụ bo-cong-an")
    p.add_argument(
        "--docx",
        action="store_true",
        help="tạo mẫu Word submissions/<mã>.docx (điền trong Word rồi nộp nguyên tệp)",
    )

    p = sub.add_parser(
        "tasks",
        help="liệt kê nhiệm vụ được giao",
        description="Liệt kê nhiệm vụ được giao cho từng cơ quan.",
    )
    fmt = p.options.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="dạng JSON")
    fmt.add_argument("--csv", action="store_true", help="dạng CSV (mở bằng Excel)")
    p.add_argument("--agency", metavar="MÃ_CƠ_QUAN", help="chỉ một cơ quan")

    p = sub.add_parser(
        "build",
        help="kiểm tra rồi xuất trang web và báo cáo DOCX",
        description="Kiểm tra mọi báo cáo, dựng trang web tổng hợp và báo cáo DOCX tổng hợp.",
    )
    p.add_argument(
        "target",
        nargs="?",
        choices=["all", "site", "docx"],
        default="all",
        help="xuất gì (mặc định: all)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path(OUT_DIR),
        metavar="THƯ_MỤC",
        help=f"thư mục kết quả (mặc định: {OUT_DIR}/)",
    )
    p.add_argument(
        "--agency",
        metavar="MÃ_CƠ_QUAN",
        help="chỉ xuất báo cáo DOCX của một cơ quan, trình bày để ký",
    )
    p.add_argument(
        "--today", type=_date, metavar="NGÀY", help="ngày tính trễ hạn (mặc định: hôm nay)"
    )

    p = sub.add_parser(
        "import",
        help="chuyển tệp Word (.docx) của một cơ quan thành báo cáo",
        description="Chuyển tệp Word của một cơ quan thành submissions/<mã>.md, rồi kiểm tra và cho biết mục nào đã khớp đề cương.",
    )
    p.add_argument("source", type=Path, metavar="TỆP_WORD", help="tệp .docx của cơ quan")
    p.add_argument(
        "--agency", required=True, metavar="MÃ_CƠ_QUAN", help="mã cơ quan, ví dụ ubnd-ha-noi"
    )
    p.add_argument("--force", action="store_true", help="ghi đè báo cáo đã có")
    p.add_argument(
        "--convert",
        action="store_true",
        help="dùng LibreOffice để chuyển tệp .doc cũ sang .docx trước",
    )

    p = sub.add_parser(
        "remind",
        help="viết công văn đôn đốc các cơ quan chưa gửi đủ báo cáo",
        description="Liệt kê các cơ quan chưa nộp, mới có dự thảo, báo cáo chưa đạt yêu cầu kiểm tra "
        "hoặc được yêu cầu bổ sung, và viết công văn đôn đốc (DOCX) gửi các cơ quan đó.",
    )
    p.add_argument(
        "--nhom",
        action="append",
        choices=["chua-nop", "du-thao", "chua-dat", "bo-sung"],
        metavar="NHÓM",
        help="nhóm cần đôn đốc, dùng nhiều lần để chọn nhiều nhóm: chua-nop (chưa nộp), "
        "du-thao (mới có dự thảo), chua-dat (chưa đạt yêu cầu kiểm tra), bo-sung "
        "(được yêu cầu bổ sung); mặc định: cả bốn nhóm",
    )
    p.add_argument(
        "--han",
        type=_date,
        metavar="NGÀY",
        help="hạn gửi nêu trong công văn đôn đốc (ngày/tháng/năm hoặc năm-tháng-ngày)",
    )
    p.add_argument(
        "--csv",
        action="store_true",
        help="in danh sách dạng CSV (tên, tình trạng, liên hệ) để trộn thư, thay cho danh sách thường",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path(OUT_DIR) / REMINDER_NAME,
        metavar="TỆP",
        help="tệp công văn (mặc định: %(default)s, trang web dẫn tới tệp này)",
    )
    p.add_argument(
        "--today", type=_date, metavar="NGÀY", help="ngày của công văn (mặc định: hôm nay)"
    )

    p = sub.add_parser(
        "export",
        help="xuất số liệu và tình hình nộp ra bảng tính Excel",
        description="Xuất một bảng tính: mỗi nhóm chỉ tiêu một trang, tình hình nộp, danh sách nhiệm vụ.",
    )
    p.add_argument("--xlsx", action="store_true", required=True, help="dạng Excel (.xlsx)")
    p.add_argument(
        "--out",
        type=Path,
        default=Path(OUT_DIR) / WORKBOOK_NAME,
        metavar="TỆP",
        help="tệp kết quả (mặc định: %(default)s)",
    )
    p.add_argument(
        "--today", type=_date, metavar="NGÀY", help="ngày tính trễ hạn (mặc định: hôm nay)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a byte a file name had that no encoding can print
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from baocao.campaign import find_root

    try:
        root = args.root.resolve() if args.root else find_root()
        return COMMANDS[args.command](root, args)
    except BaocaoError as error:
        print(error_line(error), file=sys.stderr)
        return 1
    except OSError as error:  # a path given on the command line cannot be read or written
        if error.errno in (errno.ENOSPC, errno.EDQUOT):  # not a wrong path: a full disk
            from baocao.files import write_error

            print(error_line(write_error(error, error.filename or Path.cwd())), file=sys.stderr)
            return 1
        where = f" {error.filename}" if error.filename else ""
        print(
            error_line(error_text("cli-os", where=where, reason=os_reason(error))), file=sys.stderr
        )
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130


def _check(root: Path, args) -> int:
    from baocao import reporters
    from baocao.check import check_round

    missing = [p for p in args.paths if not os.path.lexists(p)]  # a link is refused, not missing
    if missing:
        for p in missing:
            print(f"{p}: {error_line(error_text('cli-file-missing'))}", file=sys.stderr)
        return 2
    changed = _changed_files(args)
    if changed is None and args.author:
        print(error_line(error_text("cli-author-alone")), file=sys.stderr)
        return 2
    rnd, problems = check_round(
        root,
        [_absolute(p) for p in args.paths] if args.paths else None,
        changed=changed,
        author=args.author,
        owners_from=args.owners_from,
        today=args.today,
        warnings_are_errors=args.strict,
    )
    render = {"text": reporters.text, "json": reporters.as_json, "markdown": reporters.markdown}
    if args.format == "github":
        sys.stdout.write(reporters.github(problems))
    else:
        sys.stdout.write(render[args.format](rnd, problems))
    if args.summary_file:
        with open(args.summary_file, "a", encoding="utf-8") as handle:
            handle.write(reporters.markdown(rnd, problems))
    return 1 if any(p.is_error for p in problems) else 0


def _absolute(path: Path) -> Path:
    """The path made absolute without following a link at its end (a link is refused)."""
    return path.parent.resolve() / path.name


def _changed_files(args) -> list[str] | None:
    if args.changed is None and args.changed_list is None:
        return None
    from baocao.ownership import read_changed_list

    names = [n.strip().replace("\\", "/").removeprefix("./") for n in args.changed or []]
    if args.changed_list is not None:
        data = (
            sys.stdin.buffer.read()
            if str(args.changed_list) == "-"
            else args.changed_list.read_bytes()
        )
        names += read_changed_list(data)
    return [n for n in names if n.strip()]


def _owners(root: Path, args) -> int:
    from baocao.campaign import load_campaign, read_config
    from baocao.files import write_atomic
    from baocao.ownership import CODEOWNERS_PATH, codeowners

    wanted = codeowners(load_campaign(root))
    path = root / CODEOWNERS_PATH
    if args.check:
        try:  # the pull request's in CI: read as data, never through a link
            data = read_config(root, CODEOWNERS_PATH)
            current = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
        except FileNotFoundError:
            current = None
        if current != wanted:
            raise BaocaoError(error_text("owners-stale", path=CODEOWNERS_PATH))
        print(say("owners-ok", path=CODEOWNERS_PATH))
        return 0
    write_atomic(path, wanted.encode("utf-8"))
    print(say("written", path=CODEOWNERS_PATH))
    return 0


def _new(root: Path, args) -> int:
    from baocao.blank_report import write_template
    from baocao.campaign import load_campaign
    from baocao.docx.template import write_word_template

    write = write_word_template if args.docx else write_template
    path, agency = write(load_campaign(root), args.agency)
    shown = path.relative_to(root).as_posix()
    print(say("new-done", path=shown, name=agency.name, count=len(agency.task_ids)))
    print(say("new-next-docx" if args.docx else "new-next", path=shown))
    return 0


def _tasks(root: Path, args) -> int:
    from baocao import export
    from baocao.campaign import load_campaign

    campaign = load_campaign(root)
    if args.agency and campaign.agency(args.agency) is None:
        raise BaocaoError(error_text("agency-unknown", agency=args.agency))
    rows = export.assignment_rows(campaign, args.agency)
    out = (
        export.to_json(rows)
        if args.json
        else export.to_csv(rows, campaign)
        if args.csv
        else export.to_text(rows)
    )
    sys.stdout.write(out)
    return 0


def _build(root: Path, args) -> int:
    from baocao.build import run_build

    return run_build(
        root,
        args.target,
        args.out if args.out.is_absolute() else root / args.out,
        agency_id=args.agency,
        today=args.today,
    )


def _import(root: Path, args) -> int:
    from baocao.importer import run_import

    return run_import(root, args.source, args.agency, force=args.force, convert=args.convert)


def _fields(root: Path, args) -> int:
    from baocao.campaign import load_schema
    from baocao.fieldref import field_reference
    from baocao.files import write_atomic

    wanted = field_reference(load_schema(root, "submission.schema.json"))
    shown = "docs/huong-dan/cac-truong-thong-tin.md"
    path = root / shown
    if args.check:
        if path.is_file() and path.read_text(encoding="utf-8") == wanted:
            return 0
        raise BaocaoError(error_text("fields-stale", path=shown))
    write_atomic(path, wanted.encode("utf-8"))
    print(say("written", path=shown))
    return 0


def _remind(root: Path, args) -> int:
    from baocao import remind
    from baocao.messages import round_text
    from baocao.workspace import load_round

    rnd = load_round(root, today=args.today)
    if args.han is not None and args.han <= rnd.today:  # "trước ngày ..." a day already past
        raise BaocaoError(
            error_text(
                "remind-past-deadline",
                until=f"{args.han:%d/%m/%Y}",
                day=f"{rnd.today:%d/%m/%Y}",
                example=f"{rnd.today + timedelta(days=7):%d/%m/%Y}",
            )
        )
    reports = remind.selected(rnd, args.nhom)
    info = sys.stderr if args.csv else sys.stdout
    if rnd.history_note:
        print(rnd.history_note, file=info)
    sys.stdout.write(remind.contacts_csv(reports) if args.csv else remind.list_text(rnd, reports))
    if reports:
        out = args.out if args.out.is_absolute() else root / args.out
        path = remind.write_reminder(rnd, reports, out, until=args.han)
        print(round_text("remind-written", path=path), file=info)
    return 0


def _export(root: Path, args) -> int:
    from baocao.files import write_atomic
    from baocao.messages import round_text
    from baocao.workbook import workbook_bytes
    from baocao.workspace import load_round

    rnd = load_round(root, today=args.today)
    if rnd.history_note:
        print(rnd.history_note)
    out = args.out if args.out.is_absolute() else root / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, workbook_bytes(rnd))
    print(round_text("export-written", path=out))
    return 0


COMMANDS = {
    "fields": _fields,
    "owners": _owners,
    "check": _check,
    "new": _new,
    "tasks": _tasks,
    "build": _build,
    "import": _import,
    "remind": _remind,
    "export": _export,
}


def run() -> None:  # pragma: no cover - the console script; tests call main()
    signal.signal(signal.SIGTERM, _terminated)
    sys.exit(main())


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a cancelled CI job, `timeout`) ends a command the way Ctrl-C does: pandoc is
    stopped and half-made outputs are deleted on the way out."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":  # pragma: no cover
    run()
