"""Files written whole (baocao.files): what a reader sees is the old file or the new one, with
the permissions any new file of the process gets."""

from __future__ import annotations

import os
import stat

from baocao.files import umask, write_atomic


def test_a_file_written_whole_gets_the_permissions_of_a_new_file(tmp_path):
    old = os.umask(0o027)
    try:
        assert umask() == 0o027
        target = tmp_path / "thu-muc" / "CODEOWNERS"
        write_atomic(target, "nội dung".encode())
        write_atomic(target, "nội dung mới".encode())
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "nội dung mới"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # not mkstemp's 0600
    assert [p.name for p in target.parent.iterdir()] == ["CODEOWNERS"]  # no temporary file left
