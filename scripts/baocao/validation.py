"""Front matter against schema/submission.schema.json, with Vietnamese messages and lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from baocao.messages import FORMAT_NAMES, TYPE_NAMES, phrase, render, type_name
from baocao.problems import ERROR, WARNING, Problem
from baocao.schemas import SchemaValidator, Violation
from baocao.text import format_number
from baocao.yamlsafe import YamlDocument

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PLACEHOLDER = re.compile(r"^\s*\(\s*chưa điền\b", re.I)
# an integer as YAML reads it with the value of its digits: not "0120" (octal, 80), "1:04:20"
# (base 60, 3860), "0x8E" or "0b101"
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
# a plain value YAML 1.1 reads as an integer other than its decimal digits: octal, hexadecimal,
# binary, with "_" or in base 60 ("1:04:20")
_MISREAD = re.compile(
    r":[ \t]+[-+]?(?:0[0-7_]+|0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*_[\d_]*|\d[\d_]*(?::[0-5]?\d)+)"
    r"[ \t]*(?:#.*)?$",
    re.M,
)


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
        self._validator = SchemaValidator(schema, formats=True)
        self.schema = self._validator.schema  # references inlined: titles and types read directly
        self._string_patterns = list(self._patterns(self.schema, ()))
        self._integer_patterns = list(self._patterns(self.schema, (), "integer"))

    # -- YAML typed scalars back to text where the schema wants text ---------------------
    def coerce(self, doc: YamlDocument) -> None:
        """`so_ky_hieu: 125` or `dien_thoai: 0912345678` are text to us, whatever YAML says."""
        for path in self._text_paths(doc.value):
            if not isinstance(_get_any(doc.value, path), str):
                raw = doc.plain_text(path)
                if raw is not None:
                    _set(doc.value, path, raw)

    def _text_paths(self, data: Any, patterns: list[tuple] | None = None) -> Iterator[tuple]:
        """Paths in data where the schema expects text, or the type of `patterns` (list items
        expanded)."""

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

        for pattern in self._string_patterns if patterns is None else patterns:
            yield from expand(pattern, data, ())

    def _patterns(self, node: dict, prefix: tuple, kind: str = "string") -> Iterator[tuple]:
        if node.get("type") == kind:
            yield prefix
        for name, child in node.get("properties", {}).items():
            yield from self._patterns(child, prefix + (name,), kind)
        if "items" in node:
            yield from self._patterns(node["items"], prefix + (_EACH,), kind)

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
            yield Problem(
                file,
                line(path),
                "field-placeholder",
                render("field-placeholder", label=self.label(path, data)),
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
                        at = line(error.path + (key,))
                        group = None if error.path else self._group_of(str(key), at, line)
                        message = (
                            render("schema-additional-indent", name=name, group=group)
                            if group
                            else render("schema-additional", name=name, allowed=", ".join(allowed))
                        )
                        yield Problem(
                            file,
                            line(error.path + (key,)),
                            "schema-additional",
                            message,
                            field=name,
                        )
                continue
            yield self._problem(file, error, line, doc)
        yield from self._dates(file, data, line)
        yield from self._years(file, data, line)
        yield from self._integers(file, doc, line)

    def _group_of(self, key: str, at: int, line: Callable[[tuple], int]) -> str | None:
        """The top-level group with a field of this name (`email` -> `lien_he`), the one
        written nearest above line `at` if there are several (`ho_ten`)."""
        groups = [
            name
            for name, node in self.schema.get("properties", {}).items()
            if key in node.get("items", node).get("properties", {})
        ]
        above = [(line((name,)), name) for name in groups if line((name,)) < at]
        return max(above)[1] if above else groups[0] if groups else None

    def label(self, path: tuple, data: Any = None) -> str:
        """How a user finds a field: its Vietnamese title, the year or item, and its key:
        "Số, ký hiệu văn bản (so_ky_hieu)", "Số tin, bài tuyên truyền, năm 2023 (tin_bai)"."""
        if not path:
            return phrase("front-matter")
        keys = [part for part in path if not isinstance(part, int)]
        title = self._title(path).get("title")
        where = []
        node = data
        for part in path:
            if isinstance(part, int):
                item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
                year = item.get("nam") if isinstance(item, dict) else None
                if isinstance(year, int) and not isinstance(year, bool) and path[-1] != "nam":
                    where.append(phrase("year", year=year))
                else:
                    where.append(phrase("item", number=part + 1))
                node = item
            else:
                node = node.get(part) if isinstance(node, dict) else None
        key = str(keys[-1]) if keys else ""
        if not title:
            return ", ".join([key, *where]) if where else key
        return ", ".join([title, *where]) + f" ({key})"

    def problem(self, file: str, error: Violation, doc: YamlDocument) -> Problem:
        """One violation (of this validator's schema) as a Vietnamese problem, at its line."""

        def line(path: tuple) -> int:
            return doc.line_of(path) or 1

        return self._problem(file, error, line, doc)

    def _problem(self, file: str, error: Violation, line, doc: YamlDocument) -> Problem:
        path = error.path
        field = field_name(path, doc.value)
        label = self.label(path, doc.value)
        kind = error.keyword
        instance = error.instance
        described = self._title(path)

        def problem(code: str, **values: Any) -> Problem:
            return Problem(file, line(path), code, render(code, label=label, **values), field=field)

        if kind == "required":
            name = error.missing or "?"
            where = phrase("in-group", label=label) if path else ""
            return Problem(
                file,
                line(path),
                "schema-required",
                render(
                    "schema-required",
                    name=name,
                    where=where,
                    label=self.label(path + (name,), doc.value),
                ),
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
        if kind == "nesting":
            return problem("schema-nesting")
        if instance is None or (kind in ("minLength", "pattern") and instance == ""):
            return problem("schema-empty", description=described.get("description", ""))
        if kind == "type":
            expected = phrase("or").join(
                TYPE_NAMES.get(t) or str(t)
                for t in (error.value if isinstance(error.value, list) else [error.value])
            )
            written = doc.plain_text(path) or instance  # what the user typed: 1.000, not YAML's 1.0
            if isinstance(instance, (str, float)) and error.value == "integer":
                expected = expected + phrase("integer-form")
                actual = f'"{written}"'
            else:
                actual = f'{type_name(instance)} "{written}"'
            return problem("schema-type", expected=expected, actual=actual)
        if kind == "enum":
            choices = ", ".join(str(v) for v in error.value)
            return problem("schema-enum", value=instance, allowed=choices)
        if kind == "const":
            return problem("schema-const", value=instance, allowed=error.value)
        numbers = {
            "maximum": "schema-maximum",
            "minimum": "schema-minimum",
            "exclusiveMaximum": "schema-exclusive-maximum",
            "exclusiveMinimum": "schema-exclusive-minimum",
            "multipleOf": "schema-multiple-of",
        }
        if kind in numbers:
            return problem(
                numbers[kind], value=format_number(instance), limit=format_number(error.value)
            )
        sizes = {
            "maxLength": "schema-max-length",
            "minLength": "schema-min-length",
            "minItems": "schema-min-items",
            "maxItems": "schema-max-items",
            "minProperties": "schema-min-properties",
            "maxProperties": "schema-max-properties",
        }
        if kind in sizes:
            size = len(instance) if isinstance(instance, (str, list, dict)) else 0
            return problem(sizes[kind], length=size, count=size, limit=error.value)
        if kind == "pattern":
            examples = ", ".join(
                f'"{e}"' for e in described.get("examples", []) if isinstance(e, str)
            )
            hint = described.get("description", "") + (
                phrase("examples", examples=examples) if examples else ""
            )
            if isinstance(instance, str) and any(q in instance for q in "“”‘’"):
                hint = render("schema-curly") + " " + hint
            return problem("schema-pattern", value=instance, description=hint)
        if kind == "format":
            return problem(
                "schema-format", value=instance, format=FORMAT_NAMES.get(error.value, error.value)
            )
        if kind == "uniqueItems":
            return problem("schema-unique-items")
        if kind == "dependentRequired" and isinstance(error.value, dict):
            present = [k for k in error.value if isinstance(instance, dict) and k in instance]
            name = present[0] if present else "?"
            needed = ", ".join(str(k) for k in error.value.get(name, ()))
            return problem("schema-dependent-required", name=name, required=needed)
        # any other keyword (not, anyOf, oneOf, contains, propertyNames, false…): the field's
        # description says what is expected; the validator's English stays out of the message
        description = described.get("description", "")
        return problem("schema-other", description=description + " " if description else "")

    def _dates(self, file: str, data: Any, line) -> Iterator[Problem]:
        if not isinstance(data, dict):
            return
        candidates: list[tuple[tuple[str | int, ...], Any]] = [
            (("ngay_ban_hanh",), data.get("ngay_ban_hanh"))
        ]
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
                    render("date-invalid", label=self.label(path, data), value=value),
                    field=field_name(path, data),
                )

    def _integers(self, file: str, doc: YamlDocument, line) -> Iterator[Problem]:
        """Numbers YAML reads as another number than their digits say (`0120` is 80): the
        outputs and totals would show a figure the report does not."""
        if not _MISREAD.search(doc.text):  # the common case: no field's tree is composed
            return
        for path in self._text_paths(doc.value, self._integer_patterns):
            value, written = _get_any(doc.value, path), doc.plain_text(path)
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and written is not None
                and not _DECIMAL.match(written)
            ):
                yield Problem(
                    file,
                    line(path),
                    "schema-integer-written",
                    render(
                        "schema-integer-written",
                        label=self.label(path, doc.value),
                        written=written,
                        value=value,
                    ),
                    field=field_name(path, doc.value),
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
                    render(
                        "year-duplicate",
                        label=self.label(("so_lieu",)),
                        year=year,
                        first=line(("so_lieu", seen[year])),
                    ),
                    field="so_lieu" + phrase("path-item", number=index + 1),
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
            out += (
                phrase("path-year", year=year)
                if isinstance(year, int)
                else phrase("path-item", number=part + 1)
            )
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
    return out or phrase("front-matter-field")


def _dotted(parent: str, name: str) -> str:
    return name if parent == phrase("front-matter-field") else f"{parent}.{name}"


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
