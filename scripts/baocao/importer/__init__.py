"""`baocao import FILE --agency ID`: an agency's Word file to a checked submission."""

from __future__ import annotations

from baocao.errors import ImportFailure
from baocao.importer.convert import ImportResult, import_docx
from baocao.importer.run import run_import

__all__ = ["ImportFailure", "ImportResult", "import_docx", "run_import"]
