"""`baocao import FILE --agency ID`: an agency's Word file to a checked submission.

Pipeline: open (opening) → read blocks, repairing legacy text (reader, legacy) → letterhead
to front matter (letterhead) → titles to the outline (structure) → Markdown (markdown) →
write atomically (writer) → check that one file and print what was mapped (run, the
only module that prints).
"""

from __future__ import annotations

from baocao.errors import ImportFailure
from baocao.importer.convert import ImportResult, import_docx
from baocao.importer.run import run_import

__all__ = ["ImportFailure", "ImportResult", "import_docx", "run_import"]
