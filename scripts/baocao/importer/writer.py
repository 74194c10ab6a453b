"""Write the submission and its images atomically: temp file in the same folder, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_submission(md_path: Path, text: str, images: dict[str, bytes], image_dir: Path) -> list[Path]:
    """Images first, the Markdown last: a reader never sees a submission whose images are missing."""
    written = []
    for name in sorted(images):
        target = image_dir / name
        write_atomic(target, images[name])
        written.append(target)
    write_atomic(md_path, text.encode("utf-8"))
    return written + [md_path]
