"""`mkdocs serve --dirty`: which generated files changed since the last build, what it wrote."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Rebuilds:
    """The last successful build of this process, as `mkdocs serve --dirty` needs it."""

    signatures: dict[str, str] = field(default_factory=dict)  # generated file -> its digest
    pending: dict[str, str] = field(default_factory=dict)  # the same for this build
    outputs: set[str] = field(default_factory=set)  # the files the last build wrote
    settings: str = ""  # a digest of mkdocs.yml
    failed: bool = False

    def begin(self, settings: bytes) -> bool:
        """Whether this build makes the whole site again: the first one, one after a failed
        build (it may have written pages that the next would then skip), or after mkdocs.yml
        changed (every page shows it)."""
        digest = hashlib.blake2b(settings).hexdigest()
        whole = self.failed or digest != self.settings
        if whole:
            self.signatures, self.outputs = {}, set()
        self.settings, self.failed, self.pending = digest, False, {}
        return whole

    def changed(self, path: str, signature: str) -> bool:
        self.pending[path] = signature
        return self.signatures.get(path) != signature

    def delete_stale(self, outputs: set[str], root: Path) -> None:
        """Delete, under root, the files the last build wrote and this one does not."""
        gone, self.outputs = self.outputs - outputs, outputs
        for path in map(Path, gone):
            if path.is_relative_to(root):
                path.unlink(missing_ok=True)

    def succeeded(self) -> None:
        self.signatures, self.pending = self.pending, {}

    def fail(self) -> None:
        self.failed, self.pending = True, {}


def page_of(entry: dict) -> str:
    """The page URL of a search index entry (its location without the heading's anchor)."""
    return str(entry["location"]).partition("#")[0]


def carried(previous: list[dict], pages: set[str], rendered: set[str]) -> list[dict]:
    """The previous build's search entries of the pages this build did not render."""
    kept = pages - rendered
    return [entry for entry in previous if page_of(entry) in kept]
