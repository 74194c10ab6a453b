"""Write the submission and its images whole: all staged beside their targets, then moved in."""

from __future__ import annotations

from pathlib import Path

from baocao.files import write_all


def write_submission(
    md_path: Path, text: str, images: dict[str, bytes], image_dir: Path
) -> list[Path]:
    """Images first, the Markdown last: a reader never sees a submission whose images are
    missing, and a full disk changes none of them."""
    files = {image_dir / name: images[name] for name in sorted(images)}
    files[md_path] = text.encode("utf-8")
    write_all(files)
    return list(files)
