"""Front matter against schema/submission.schema.json, with Vietnamese messages and lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from baocao.messages import TYPE_NAMES, render, type_name
from baocao.problems import ERROR, WARNING, Problem
from baocao.schemas import SchemaValidator, Violation
from baocao.text import format_number
from baocao.yamlsafe import YamlDocument

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PLACEHOLDER = re.compile(r"^\s*\(\s*chưa điền\b", re.I)


def parse_date(value: str) -> date | None:
    """A date written dd/mm/yyyy or yyyy-mm-dd; None when it is not a real date."""
    m = _DMY.match(value)
    if m:
        day, month, year = map(int, m.groups())
    else:
        m = _ISO.match(value)
        if not m:
            return None
        year, month, day = map(int, m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


class FrontMatterValidator:
    """Compiled once per run; validates the front matter of every submission."""

    def __init__(self, schema: dict):
        self._validator = SchemaValidator(schema)
        self.schema = self._validator.schema  # references inlined: titles and types read directly
        self._string_patterns = list(self._patterns(self.schema, ()))

    # -- YAML typed scalars back to text where the schema wants text ---------------------
    def coerce(self, doc: YamlDocument) -> None:
        """`so_ky_hieu: 125` or `dien_thoai: 0912345678` are text to us, whatever YAML says."""
        for path in self._text_paths(doc.value):
            if not isinstance(_get_any(doc.value, path), str):
                raw = doc.plain_text(path)
                if raw is not None:
                    _set(doc.value, path, raw)

    def _text_paths(self, data: Any) -> Iterator[tuple]:
        """Paths in data where the schema expects text (list items expanded)."""

        def expand(pattern: tuple, node: Any, prefix: tuple) -> Iterator[tuple]:
            if not pattern:
                yield prefix
                return
            head, rest = pattern[0], pattern[1:]
            if head is _EACH:
                if isinstance(node, list):
                    for index, item in enumerate(node):
                        yield from expand(rest, item, prefix + (index,))
            elif isinstance(node, dict) and head in node:
                yield from expand(rest, node[head], prefix + (head,))

        for pattern in self._string_patterns:
            yield from expand(pattern, data, ())

    def _patterns(self, node: dict, prefix: tuple) -> Iterator[tuple]:
        if node.get("type") == "string":
            yield prefix
        for name, child in node.get("properties", {}).items():
            yield from self._patterns(child, prefix + (name,))
        if "items" in node:
            yield from self._patterns(node["items"], prefix + (_EACH,))

    def _title(self, path: tuple) -> dict:
        node = self.schema
        for part in path:
            node = (
                node.get("items", {})
                if isinstance(part, int)
                else node.get("properties", {}).get(part, {})
            )
        return node

    # -- validation -----------------------------------------------------------------------
    def validate(self, file: str, doc: YamlDocument, body_line: int) -> Iterator[Problem]:
        """Schema problems, then real dates and years; lines are file lines (front matter starts at 2)."""
        data = doc.value

        def line(path: tuple) -> int:
            found = doc.line_of(path)
            return found + 1 if found else 2

        maybe = (
            "điền" in doc.text or "ĐIỀN" in doc.text or not doc.text
        )  # "(Chưa điền)" can only be there then
        placeholders = (
            [path for path in self._text_paths(data) if _PLACEHOLDER.match(_get(data, path))]
            if maybe
            else []
        )
        official = isinstance(data, dict) and data.get("trang_thai") == "chinh_thuc"
        for path in placeholders:
            title = self._title(path).get("title", field_name(path))
            yield Problem(
                file,
                line(path),
                "field-placeholder",
                render("field-placeholder", field=field_name(path), title=title),
                ERROR if official else WARNING,
                field=field_name(path),
            )
        skip = set(placeholders)
        for error in sorted(
            self._validator.iter_errors(data), key=lambda e: (line(e.path), e.keyword)
        ):
            if error.path in skip:
                continue
            if error.keyword == "additionalProperties":  # one problem for each unknown key
                allowed = sorted(error.schema.get("properties", {}))
                parent = field_name(error.path, doc.value)
                for key in error.instance if isinstance(error.instance, dict) else ():
                    if str(key) not in allowed:
                        name = _dotted(parent, str(key))
                        yield Problem(
                            file,
                            line(error.path + (key,)),
                            "schema-additional",
                            render("schema-additional", name=name, allowed=", ".join(allowed)),
                            field=name,
                        )
                continue
            yield self._problem(file, error, line, doc)
        yield from self._dates(file, data, line)
        yield from self._years(file, data, line)

    def _problem(self, file: str, error: Violation, line, doc: YamlDocument) -> Problem:
        path = error.path
        field = field_name(path, doc.value)
        kind = error.keyword
        instance = error.instance
        if kind == "required":
            name = error.missing or "?"
            title = self._title(path + (name,)).get("title", name)
            where = f" trong nhóm {field}" if path else ""
            return Problem(
                file,
                line(path),
                "schema-required",
                render("schema-required", name=name, where=where, title=title),
                field=_dotted(field, name),
            )
        if kind == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extra = sorted(
                str(k)
                for k in (instance if isinstance(instance, dict) else ())
                if str(k) not in allowed
            )
            name = extra[0] if extra else "?"
            return Problem(
                file,
                line(path + (name,)),
                "schema-additional",
                render("schema-additional", name=_dotted(field, name), allowed=", ".join(allowed)),
                field=_dotted(field, name),
            )
        described = self._title(path)
        if instance is None:
            return Problem(
                file,
                line(path),
                "schema-empty",
                render("schema-empty", field=field, description=described.get("description", "")),
                field=field,
            )
        if kind == "type":
            expected = error.value
            expected = " hoặc ".join(
                TYPE_NAMES.get(t, t)
                for t in (expected if isinstance(expected, list) else [expected])
            )
            written = doc.plain_text(path) or instance  # what the user typed: 1.000, not YAML's 1.0
            if isinstance(instance, (str, float)) and error.value == "integer":
                expected += " viết liền, không có dấu chấm, dấu phẩy hay chữ (ví dụ 1250000000)"
                actual = f'"{written}"'
            else:
                actual = f'{type_name(instance)} "{written}"'
            return Problem(
                file,
                line(path),
                "schema-type",
                render("schema-type", field=field, expected=expected, actual=actual),
                field=field,
            )
        if kind == "enum":
            allowed = ", ".join(str(v) for v in error.value)
            return Problem(
                file,
                line(path),
                "schema-enum",
                render("schema-enum", field=field, value=instance, allowed=allowed),
                field=field,
            )
        if kind in ("maximum", "exclusiveMaximum"):
            return Problem(
                file,
                line(path),
                "schema-maximum",
                render(
                    "schema-maximum", field=field, value=instance, limit=format_number(error.value)
                ),
                field=field,
            )
        if kind in ("minimum", "exclusiveMinimum"):
            return Problem(
                file,
                line(path),
                "schema-minimum",
                render("schema-minimum", field=field, value=instance),
                field=field,
            )
        if kind == "pattern" or (kind == "minLength" and instance == ""):
            if instance == "":
                return Problem(
                    file,
                    line(path),
                    "schema-empty",
                    render(
                        "schema-empty", field=field, description=described.get("description", "")
                    ),
                    field=field,
                )
            examples = ", ".join(
                f'"{e}"' for e in described.get("examples", []) if isinstance(e, str)
            )
            hint = described.get("description", "") + (f" Ví dụ: {examples}." if examples else "")
            return Problem(
                file,
                line(path),
                "schema-pattern",
                render("schema-pattern", field=field, value=instance, description=hint),
                field=field,
            )
        return Problem(
            file,
            line(path),
            "schema-other",
            render("schema-other", field=field, detail=error.message),
            field=field,
        )

    def _dates(self, file: str, data: Any, line) -> Iterator[Problem]:
        if not isinstance(data, dict):
            return
        candidates = [(("ngay_ban_hanh",), data.get("ngay_ban_hanh"))]
        for index, item in enumerate(data.get("van_ban") or []):
            if isinstance(item, dict):
                candidates.append((("van_ban", index, "ngay"), item.get("ngay")))
        for path, value in candidates:
            if (
                isinstance(value, str)
                and (_DMY.match(value) or _ISO.match(value))
                and parse_date(value) is None
            ):
                yield Problem(
                    file,
                    line(path),
                    "date-invalid",
                    render("date-invalid", field=field_name(path, data), value=value),
                    field=field_name(path, data),
                )

    def _years(self, file: str, data: Any, line) -> Iterator[Problem]:
        if not isinstance(data, dict) or not isinstance(data.get("so_lieu"), list):
            return
        seen: dict[
            int, int
        ] = {}  # year -> index of its first entry (lines looked up only for a problem)
        for index, item in enumerate(data["so_lieu"]):
            year = item.get("nam") if isinstance(item, dict) else None
            if not isinstance(year, int) or isinstance(year, bool):
                continue
            if year in seen:
                yield Problem(
                    file,
                    line(("so_lieu", index)),
                    "year-duplicate",
                    render("year-duplicate", year=year, first=line(("so_lieu", seen[year]))),
                    field=f"so_lieu (mục {index + 1})",
                )
            else:
                seen[year] = index


def field_name(path: tuple, data: Any = None) -> str:
    """`so_lieu (năm 2023).tien_phat`, `van_ban (mục 1).ngay`: how a user finds the field."""
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            year = item.get("nam") if isinstance(item, dict) and out == "so_lieu" else None
            out += f" (năm {year})" if isinstance(year, int) else f" (mục {part + 1})"
        else:
            out += f".{part}" if out else str(part)
        node = (
            node[part]
            if isinstance(node, (list, dict))
            and (
                isinstance(node, dict)
                and part in node
                or isinstance(node, list)
                and isinstance(part, int)
                and part < len(node)
            )
            else None
        )
    return out or "(phần thông tin)"


def _dotted(parent: str, name: str) -> str:
    return name if parent == "(phần thông tin)" else f"{parent}.{name}"


_EACH = object()  # "every item of the list" in a path pattern


def _get_any(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data if isinstance(data, str) else ""


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
