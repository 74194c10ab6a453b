"""Problems are values: one run collects every problem of every file, reporters format them."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.code)


def strict(problems: list[Problem]) -> list[Problem]:
    """--strict: every warning becomes an error."""
    return [Problem(p.file, p.line, p.code, p.message, ERROR, p.field, p.column) for p in problems]
