"""Outputs written whole (issue 16 items 4, 5, 10): builds of one output folder run one at a
time, a killed build leaves the old or the new output and the next build clears what it left,
a full disk or a folder that cannot be written is one Vietnamese line, exit 1, old outputs kept.

Builds are stopped at a chosen point by tests/pause_driver.py, then killed (SIGKILL) or let go.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from baocao import files
from baocao.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("pause_driver.py")
DOCX = "bao-cao-tong-hop.docx"
OLD_DOCX = b"PK old merged report"
OLD_PAGE = "<p>Bản cũ của trang web</p>"
WAIT_LINE = (
    "Thư mục {out} đang được một lần dựng khác ghi vào; chờ lần dựng đó xong (tối đa 600 giây)…"
)


@pytest.fixture
def small(workspace: Path) -> Path:
    """A workspace with the site's config and pages and two reports: quick to build."""
    shutil.copy(ROOT / "mkdocs.yml", workspace / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", workspace / "docs")
    for name in ("bo-cong-an.md", "ubnd-ha-noi.md"):
        shutil.copy(ROOT / "submissions" / name, workspace / "submissions" / name)
    return workspace


def old_outputs(out: Path, layout: str = "folder") -> None:
    """Outputs of an earlier build: a plain site folder, or (layout "link") the site as a link
    into the work folder, as one earlier version published it."""
    out.mkdir(parents=True, exist_ok=True)
    (out / DOCX).write_bytes(OLD_DOCX)
    if layout == "link":
        site = out / ".baocao" / "site-earlier"
        site.mkdir(parents=True)
        (out / "site").symlink_to(".baocao/site-earlier")
    else:
        site = out / "site"
        site.mkdir()
    (site / "index.html").write_text(OLD_PAGE, encoding="utf-8")
    (site / "cu.txt").write_text("chỉ có trong bản cũ", encoding="utf-8")


def site_state(out: Path) -> str:
    site = out / "site"
    if not site.is_dir():
        return "missing"
    index = (site / "index.html").read_text(encoding="utf-8")
    names = {p.name for p in site.iterdir()}
    if index == OLD_PAGE and names == {"index.html", "cu.txt"}:
        return "old"
    whole = {"index.html", "404.html", "search", "sitemap.xml", "co-quan", "tai-ve"}
    search = site / "search" / "search_index.json"
    if "Đề án 319" in index and whole <= names and "cu.txt" not in names and search.is_file():
        return "new"
    return f"mixed: {sorted(names)}"


def docx_state(out: Path) -> str:
    import docx

    data = (out / DOCX).read_bytes()
    if data == OLD_DOCX:
        return "old"
    try:
        document = docx.Document(str(out / DOCX))
    except Exception as error:  # a corrupt file, whatever python-docx says about it
        return f"corrupt: {error}"
    text = "\n".join(p.text for p in document.paragraphs)
    return "new" if "Bộ Công an" in text else "incomplete"


def work_entries(out: Path) -> list[str]:
    return sorted(p.name for p in (out / ".baocao").iterdir())


def site_underway(out: Path) -> bool:
    """MkDocs has written a file of the new site in the work folder."""
    return any(any(p.iterdir()) for p in (out / ".baocao").glob("site-*") if p.is_dir())


def start(point: str, marker: Path, args: list[str], log: Path) -> subprocess.Popen:
    """The build of args (baocao's, or mkdocs' after "mkdocs"), to stop at point."""
    with open(log, "wb") as sink:
        return subprocess.Popen(
            [sys.executable, str(DRIVER), point, str(marker), *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed with pandoc and all
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )


def wait_paused(process: subprocess.Popen, marker: Path, log: Path) -> None:
    while not marker.exists():
        if process.poll() is not None:
            pytest.fail(f"the build ended before its pause point:\n{log.read_text()}")
        time.sleep(0.05)


def kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def build(root: Path, *args: str) -> tuple[int, str, str]:
    """`baocao build ARGS` in this process, with its exit code, stdout and stderr."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "build", *args])
    return code, out.getvalue(), err.getvalue()


# --- item 5: killed builds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "point, target, layout, docx_after, site_after",
    [
        ("pandoc", "docx", "folder", "old", {"old"}),
        ("docx-layout", "docx", "folder", "old", {"old"}),  # between the DOCX steps
        # `build all`: pandoc runs while the site builds, the DOCX is put in place after it
        ("mkdocs", "all", "folder", "old", {"old"}),
        ("docx-publish", "all", "folder", "old", {"new"}),
        # the site swap: before it, after it (the old folder not yet deleted)
        ("site-op:1", "site", "folder", "old", {"old"}),
        ("site-op:2", "site", "folder", "old", {"new"}),
        # the first build over the link layout of an earlier version
        ("site-op:1", "site", "link", "old", {"old"}),
        ("site-op:2", "site", "link", "old", {"new"}),
        # a file system that cannot swap two names (NFS): killed between the two renames,
        # the old folder is aside and the next build puts it back
        ("site-op:2:no-exchange", "site", "folder", "old", {"old", "missing"}),
    ],
)
def test_a_killed_build_leaves_old_or_new_outputs_and_the_next_build_clears_up(
    small, tmp_path, point, target, layout, docx_after, site_after
):
    out = tmp_path / "out"
    old_outputs(out, layout)
    marker, log = tmp_path / "paused", tmp_path / "log"
    process = start(point, marker, ["--root", str(small), "build", target, "--out", str(out)], log)
    wait_paused(process, marker, log)
    kill(process)
    assert docx_state(out) == docx_after
    assert site_state(out) in site_after

    # the next build, whatever it builds, first clears what the killed one left
    code, _, err = build(small, "docx", "--out", str(out))
    assert (code, err) == (0, "")
    assert docx_state(out) == "new"
    assert site_state(out) == ("new" if site_after == {"new"} else "old")  # put back if aside
    left = work_entries(out)
    if layout == "link" and site_after == {"old"}:  # still published through its link
        assert left == ["lock", "site-earlier"] and (out / "site").is_symlink()
    else:
        assert left == ["lock"]  # no half-written DOCX, no half-built or replaced site
        assert not (out / "site").is_symlink()
    assert sorted(p.name for p in out.iterdir()) == [".baocao", DOCX, "site"]


def test_a_terminated_build_stops_pandoc_and_leaves_the_old_outputs(small, tmp_path, fake_pandoc):
    """SIGTERM (a cancelled CI job, `timeout`) to baocao alone ends it like Ctrl-C: pandoc is
    stopped and what the build had made is deleted."""
    out = tmp_path / "out"
    old_outputs(out)
    started = tmp_path / "pandoc.pid"
    fake_pandoc(f'echo $$ > {started}; sleep 60; printf done > "$out"')
    build = subprocess.Popen(
        [sys.executable, "-m", "baocao", "--root", str(small), "build", "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    try:
        # pandoc is running and the site being written (pandoc's start is then over)
        while not (started.exists() and started.read_text().strip() and site_underway(out)):
            assert build.poll() is None, build.stderr.read() if build.stderr else ""
            time.sleep(0.05)
        build.send_signal(signal.SIGTERM)
        assert build.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if build.poll() is None:
            build.kill()
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


def test_a_killed_mkdocs_build_leaves_the_old_site(small, tmp_path):
    """`mkdocs build` through the plugin builds aside too: killed, the old site stays."""
    out = tmp_path / "out"
    old_outputs(out)
    marker, log = tmp_path / "paused", tmp_path / "log"
    command = ["mkdocs", "build", "--strict", "-f", str(small / "mkdocs.yml")]
    process = start("mkdocs", marker, [*command, "--site-dir", str(out / "site")], log)
    wait_paused(process, marker, log)
    kill(process)
    assert site_state(out) == "old"
    done = subprocess.run(
        [sys.executable, "-m", *command, "--site-dir", str(out / "site")],
        capture_output=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stderr.decode()
    assert site_state(out) == "new"
    assert work_entries(out) == ["lock"]


def test_mkdocs_strict_build_with_warnings_keeps_the_old_site(small, tmp_path):
    """`mkdocs build --strict` through the plugin: MkDocs aborts for the warnings after the
    last plugin event, and the site built aside is not published."""
    out = tmp_path / "out"
    old_outputs(out)
    guide = small / "docs" / "huong-dan" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[x](khong-co.md)\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / "site")],
        cwd=small,
        capture_output=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 1 and b"khong-co.md" in done.stderr
    assert site_state(out) == "old"
    assert work_entries(out) == ["lock"]


# --- item 4: builds at once ----------------------------------------------------------------------


def test_a_second_build_waits_for_the_first_and_both_finish_whole(small, tmp_path):
    """The first build is stopped inside its DOCX step (where both once wrote the same
    .partial file); the second waits, saying so, and both end whole with exit 0."""
    out = tmp_path / "out"
    old_outputs(out)
    marker, log = tmp_path / "paused", tmp_path / "log"
    args = ["--root", str(small), "build", "docx", "--out", str(out)]
    first = start("docx-layout", marker, args, log)
    second = None
    try:
        wait_paused(first, marker, log)
        second = subprocess.Popen(
            [sys.executable, "-m", "baocao", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert second.stderr is not None
        assert second.stderr.readline() == WAIT_LINE.format(out=out) + "\n"
        marker.unlink()  # the first build goes on
        assert first.wait() == 0, log.read_text()
        assert second.wait() == 0
        assert second.stderr.read() == ""
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                kill(process)
    assert docx_state(out) == "new"
    assert work_entries(out) == ["lock"]


def test_mkdocs_build_into_the_same_folder_waits_for_a_build(small, tmp_path):
    out = tmp_path / "out"
    old_outputs(out)
    marker, log = tmp_path / "paused", tmp_path / "log"
    first = start("mkdocs", marker, ["--root", str(small), "build", "site", "--out", str(out)], log)
    second = None
    try:
        wait_paused(first, marker, log)
        second = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / "site")],
            cwd=small,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            start_new_session=True,
        )
        assert second.stderr is not None
        assert second.stderr.readline() == (
            "INFO    -  baocao: " + WAIT_LINE.format(out=out / "site") + "\n"
        )
        marker.unlink()
        assert first.wait() == 0, log.read_text()
        assert second.wait() == 0
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                kill(process)
    assert site_state(out) == "new"
    assert work_entries(out) == ["lock"]


def test_a_build_that_waited_too_long_fails_in_vietnamese(small, tmp_path, monkeypatch):
    out = tmp_path / "out"
    old_outputs(out)
    marker, log = tmp_path / "paused", tmp_path / "log"
    first = start(
        "docx-layout", marker, ["--root", str(small), "build", "docx", "--out", str(out)], log
    )
    try:
        wait_paused(first, marker, log)
        monkeypatch.setattr(files, "LOCK_WAIT", 0)
        code, _, err = build(small, "--out", str(out))
        assert code == 1
        assert err == (
            f"lỗi: thư mục {out} vẫn đang được một lần dựng khác ghi vào sau 0 giây chờ. "
            "Hãy chờ lần dựng đó xong rồi chạy lại lệnh.\n"
        )
        assert docx_state(out) == "old" and site_state(out) == "old"
    finally:
        kill(first)


def test_a_build_holds_its_folder_from_the_docx_to_the_site(small, tmp_path, monkeypatch):
    """Nobody else writes while pandoc and the site work (the site carries this build's DOCX),
    and the steps' own locks of the same folder do not wait for the build that holds it."""
    from contextlib import contextmanager

    out = tmp_path / "out"
    probe = (
        "import fcntl, os, sys; h = os.open(sys.argv[1], os.O_RDWR)\n"
        "try: fcntl.flock(h, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')\n"
        "except BlockingIOError: print('held')"
    )
    seen = []

    def lock_state(step: str) -> None:
        command = [sys.executable, "-c", probe, str(out / ".baocao" / "lock")]
        seen.append((step, subprocess.run(command, capture_output=True, text=True).stdout.strip()))

    @contextmanager
    def merged_docx(rnd, out_path):
        lock_state("pandoc started")
        yield lambda: lock_state("docx laid out") or out_path
        lock_state("docx placed")

    def build_site(rnd, out_dir, docx, reminder_path):
        lock_state("site")
        docx()
        lock_state("site published")
        return out_dir

    import baocao.docx
    import baocao.site.build

    monkeypatch.setattr(baocao.docx, "merged_docx", merged_docx)
    monkeypatch.setattr(baocao.site.build, "build_site", build_site)
    monkeypatch.setattr(files, "LOCK_WAIT", 0)
    code, _, err = build(small, "--out", str(out))
    assert (code, err) == (0, "")
    steps = ["pandoc started", "site", "docx laid out", "site published", "docx placed"]
    assert seen == [(step, "held") for step in steps]


def test_pandoc_failing_while_the_site_builds_publishes_neither(small, tmp_path, fake_pandoc):
    out = tmp_path / "out"
    old_outputs(out)
    failing = "printf half > \"$out\"; echo 'pandoc: hỏng' >&2; exit 83"
    fake_pandoc(failing)
    code, _, err = build(small, "--out", str(out))
    assert (code, err) == (1, f"lỗi: pandoc không tạo được tệp {DOCX}: hỏng\n")
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


def test_a_site_failing_while_pandoc_works_stops_pandoc(small, tmp_path, fake_pandoc):
    out = tmp_path / "out"
    old_outputs(out)
    started = tmp_path / "pandoc.pid"
    slow = f'echo $$ > {started}; sleep 60; printf done > "$out"'
    fake_pandoc(slow)
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nkhong_co: 1\n", encoding="utf-8")
    code, _, err = build(small, "--out", str(out))
    assert code == 1 and "lỗi: dựng trang web không thành công" in err
    pid = int(started.read_text())
    with pytest.raises(ProcessLookupError):  # ended, and waited for (no zombie left)
        os.kill(pid, 0)
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


def test_a_site_failing_after_the_docx_is_done_publishes_neither(small, tmp_path, monkeypatch):
    """The disk fills up as the finished DOCX is copied into the site, the last write of
    the site: the DOCX is not put in place either."""
    import errno

    out = tmp_path / "out"
    old_outputs(out)
    real_copyfile = shutil.copyfile

    def copyfile(src, dst, *args, **kwargs):
        if Path(dst).name == DOCX:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real_copyfile(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", copyfile)
    code, _, err = build(small, "--out", str(out))
    assert (code, err) == (1, disk_full_line(out / "site"))
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


def test_a_strict_warning_of_the_site_publishes_neither(small, tmp_path):
    """MkDocs aborts a strict build for its warnings after every page and file is written,
    the DOCX copied in: the DOCX is not put in place either."""
    out = tmp_path / "out"
    old_outputs(out)
    guide = small / "docs" / "huong-dan" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n[x](khong-co.md)\n", encoding="utf-8")
    code, _, err = build(small, "--out", str(out))
    assert code == 1 and "lỗi: dựng trang web không thành công" in err
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit, RuntimeError])
def test_an_interrupted_holder_of_the_lock_deletes_what_it_made(tmp_path, stop):
    """Ctrl-C or SIGTERM at any step (even between making a folder and keeping its name):
    the work folder is cleared on the way out, not only by the next build."""
    old = tmp_path / "site"
    old.mkdir()
    with pytest.raises(stop), files.output_lock(tmp_path) as work:
        (work / "site-half").mkdir()
        (work / "docx-half").write_bytes(b"PK")
        os.rename(old, work / f"{files.ASIDE}site")  # set aside, its new one not yet in
        raise stop()
    assert work_entries(tmp_path) == ["lock"]
    assert old.is_dir()  # put back


def test_the_lock_is_held_again_by_its_thread_and_waited_for_by_others(tmp_path):
    import threading

    errors = []
    alias = tmp_path / "ten-khac"  # the same folder by another path
    alias.symlink_to(tmp_path)
    with files.output_lock(tmp_path) as work, files.output_lock(alias) as again:
        assert work == tmp_path / ".baocao" and again == alias / ".baocao"

        def other() -> None:
            try:
                with files.output_lock(tmp_path, wait=0):
                    pass
            except Exception as error:  # noqa: BLE001 - the error is what is tested
                errors.append(str(error))

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert errors == [
        f"thư mục {tmp_path} vẫn đang được một lần dựng khác ghi vào sau 0 giây chờ. "
        "Hãy chờ lần dựng đó xong rồi chạy lại lệnh."
    ]
    with files.output_lock(tmp_path, wait=0):  # released by the outer holder
        pass


# --- item 10: a full disk, a folder that cannot be written --------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """mount(size) -> a new tmpfs of that size; skips where mounting is not permitted."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        point = tmp_path / f"o-dia-{len(mounted)}"
        point.mkdir()
        try:
            done = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                capture_output=True,
            )
        except OSError:
            done = None
        if done is None or done.returncode != 0:
            pytest.skip("mounting a small file system is not permitted here")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill disk until about `leave` bytes are free."""
    status = os.statvfs(disk)
    free = status.f_bavail * status.f_frsize
    with open(disk / "filler", "wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))


def disk_full_line(path: Path) -> str:
    return (
        f"lỗi: ổ đĩa chứa {path} đã đầy nên không ghi được kết quả; kết quả cũ vẫn giữ "
        "nguyên. Giải phóng chỗ trống rồi chạy lại lệnh.\n"
    )


def test_a_full_disk_in_the_docx_step_is_one_vietnamese_line(small, small_disk):
    out = small_disk("4m")
    old_outputs(out)
    fill(out, 64 * 1024)
    code, _, err = build(small, "docx", "--out", str(out))
    assert (code, err) == (1, disk_full_line(out / DOCX))
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


def test_pandoc_filling_the_disk_is_told_as_a_full_disk(small, small_disk, fake_pandoc):
    """pandoc's own message about the full disk is kept where the disk cannot take it."""
    out = small_disk("4m")
    old_outputs(out)
    fake_pandoc(
        'cat /dev/zero > "$out"\n'
        'echo "pandoc: $out: withBinaryFile: resource exhausted (No space left on device)" >&2\n'
        "exit 1"
    )
    code, _, err = build(small, "docx", "--out", str(out))
    assert (code, err) == (1, disk_full_line(out / DOCX))
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


def test_a_full_disk_in_the_site_step_is_one_vietnamese_line(small, small_disk):
    out = small_disk("4m")
    old_outputs(out)
    fill(out, 1024 * 1024)
    code, _, err = build(small, "site", "--out", str(out))
    assert (code, err) == (1, disk_full_line(out / "site"))
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert work_entries(out) == ["lock"]


def test_an_output_folder_that_cannot_be_written_is_one_vietnamese_line(small, tmp_path):
    """A folder the build may not write into (EACCES). Root, who may write anywhere, runs the
    build without that power (the capability dropped with setpriv)."""
    out = tmp_path / "out"
    old_outputs(out)
    out.chmod(0o555)
    command = [sys.executable, "-m", "baocao", "--root", str(small), "build", "site"]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv is needed to run a build as root without its write power")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    try:
        done = subprocess.run(
            [*command, "--out", str(out)], capture_output=True, text=True, encoding="utf-8"
        )
    finally:
        out.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr == (
        f"lỗi: không ghi được {out} (không có quyền); kết quả cũ vẫn giữ nguyên. "
        "Kiểm tra quyền ghi và chỗ trống của thư mục.\n"
    )
    assert docx_state(out) == "old" and site_state(out) == "old"
    assert sorted(p.name for p in out.iterdir()) == [DOCX, "site"]


def test_import_and_owners_on_a_full_disk_keep_the_old_file(small_disk, tmp_path, campaign):
    import docx

    from test_import_docs import AGENCY

    root = small_disk("2m")
    shutil.copy(ROOT / "campaign.yml", root / "campaign.yml")
    shutil.copytree(ROOT / "schema", root / "schema")
    (root / "submissions").mkdir()
    report = root / "submissions" / f"{AGENCY}.md"
    report.write_text("bản cũ\n", encoding="utf-8")
    owners = root / ".github" / "CODEOWNERS"
    owners.parent.mkdir()
    owners.write_text("bản cũ\n", encoding="utf-8")
    source = tmp_path / "bao-cao.docx"
    document = docx.Document()
    for i in range(2000):
        document.add_paragraph(f"Đoạn {i}: nội dung báo cáo về chống hàng giả trên mạng.")
    document.save(source)
    fill(root, 0)

    import contextlib
    import io

    for args, path in (
        (["import", str(source), "--agency", AGENCY, "--force"], report),
        (["owners"], owners),
    ):
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main(["--root", str(root), *args])
        assert (code, err.getvalue()) == (1, disk_full_line(path))
        assert path.read_text(encoding="utf-8") == "bản cũ\n"
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file
