"""Write the submission and its images atomically: temp file in the same folder, then rename."""

from __future__ import annotations

from pathlib import Path

from baocao.files import write_atomic


def write_submission(
    md_path: Path, text: str, images: dict[str, bytes], image_dir: Path
) -> list[Path]:
    """Images first, the Markdown last: a reader never sees a submission whose images are missing."""
    written = []
    for name in sorted(images):
        target = image_dir / name
        write_atomic(target, images[name])
        written.append(target)
    write_atomic(md_path, text.encode("utf-8"))
    return written + [md_path]
