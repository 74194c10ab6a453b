"""Problems are values: one run collects every problem of every file, reporters format them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from baocao.text import printable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, located as precisely as we can."""

    file: str
    line: int | None
    code: str
    message: str
    severity: str = ERROR
    field: str | None = None
    column: int | None = None
    order: int = 0  # a Word file's problem: the line it had in the text made from the file

    def __post_init__(self) -> None:  # file names and quoted text come from the reports
        object.__setattr__(self, "file", printable(self.file))
        object.__setattr__(self, "message", printable(self.message))

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple:
        return (self.file, self.line or self.order, self.column or 0, self.code)


def strict(problems: list[Problem]) -> list[Problem]:
    """--strict: every warning becomes an error."""
    return [replace(p, severity=ERROR) for p in problems]
