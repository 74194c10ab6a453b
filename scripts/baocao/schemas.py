"""JSON Schema for campaign.yml, the front matter and reviews.yml, validated with jsonschema-rs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from baocao.messages import campaign_problem

INTEGER = "baocaoInteger"  # our keyword: an integer written without a decimal point


class SchemaFileError(Exception):
    """A schema that is not valid JSON Schema: where in it (a /-separated path, or "gốc") and
    the reason (the validator's, in English, or ours)."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class Violation:
    keyword: str  # the failing keyword: "type", "required", "pattern", "additionalProperties"…
    path: tuple  # where in the instance: keys and list indexes
    instance: Any  # the value there
    schema: dict  # the schema node that holds the keyword
    value: Any  # the keyword's value there (for `baocaoInteger`, reported as "type": the type's)
    message: str  # the validator's own message (English)
    missing: str | None = None  # for "required": the property that is missing


def check_schema(schema: Any) -> None:
    """SchemaFileError where schema is not a valid JSON Schema 2020-12 object (whatever
    `$schema` it names: nothing is fetched)."""
    if not isinstance(schema, dict):
        raise SchemaFileError(
            campaign_problem("schema-root"), campaign_problem("schema-not-object")
        )
    try:
        jsonschema_rs.meta.validate({k: v for k, v in schema.items() if k != "$schema"})
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError) as error:
        raise SchemaFileError(
            _where(getattr(error, "instance_path", ())), getattr(error, "message", str(error))
        ) from None


def compile_check(schema: dict) -> None:
    """SchemaFileError where a schema that passed `check_schema` still does not compile (a
    `pattern` that is not a regular expression, a `$ref` to a URL or a file: a pull request's
    schema/ is read in CI, so nothing is ever fetched)."""
    try:
        jsonschema_rs.Draft202012Validator(schema, offline=True)
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError) as error:
        raise SchemaFileError(
            _where(getattr(error, "instance_path", ())), getattr(error, "message", str(error))
        ) from None


def _where(path) -> str:
    return "/".join(str(part) for part in path) or campaign_problem("schema-root")


class SchemaValidator:
    """A schema compiled once (after `check_schema`), for many instances."""

    def __init__(self, schema: dict, *, strict_integers: bool = True, formats: bool = False):
        self.schema = inline_refs(schema)
        keywords: dict[str, type[jsonschema_rs.KeywordValidator]] | None = None
        if strict_integers:
            self.schema = _strict_integers(self.schema)
            keywords = {INTEGER: _Integer}
        self._validator = jsonschema_rs.Draft202012Validator(
            self.schema, validate_formats=formats, keywords=keywords, offline=True
        )

    def iter_errors(self, data: Any) -> Iterator[Violation]:
        try:
            errors = list(self._validator.iter_errors(data))
        except (
            ValueError,
            TypeError,
            OverflowError,
        ):  # keys YAML allows and JSON has not (`2023:`)
            try:
                data = _as_json(data)
                errors = list(self._validator.iter_errors(data))
            except (
                ValueError,
                TypeError,
                OverflowError,
                RecursionError,
            ):  # lists in lists hundreds deep
                yield Violation("nesting", (), data, {}, None, campaign_problem("schema-nesting"))
                return
        typed = {
            tuple(e.instance_path) for e in errors if e.schema_path and e.schema_path[-1] == "type"
        }
        seen: set[tuple] = set()
        for error in errors:
            keyword = str(error.schema_path[-1]) if error.schema_path else ""
            node = _node(self.schema, error.schema_path[:-1])
            path = tuple(error.instance_path)
            value = node.get(keyword)
            if keyword == INTEGER:  # reported as what it is: a type error, once
                if path in typed:
                    continue
                keyword, value = "type", node.get("type", "integer")
            if keyword == "additionalProperties":  # jsonschema-rs may say it once or per key: once
                if path in seen:
                    continue
                seen.add(path)
            missing = (
                error.kind.property
                if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Required)
                else None
            )
            yield Violation(
                keyword,
                path,
                _at(data, path),
                node,
                value,
                error.message,
                None if missing is None else str(missing),
            )


class _Integer:
    """The `baocaoInteger` keyword: a number with a decimal point is not an integer."""

    def __init__(self, parent_schema: dict, value: Any, schema_path: list) -> None:
        pass

    def validate(self, instance: Any) -> None:
        if isinstance(instance, float):
            raise ValueError(f'{instance!r} is not of type "integer"')


def inline_refs(schema: dict) -> dict:
    """The schema with local `#/$defs/...` references replaced by their targets (same
    meaning). A reference inside its own target (the outline's nodes hold nodes), or to
    anything else than a whole definition, stays a reference."""
    defs = schema.get("$defs", {})

    def walk(node, expanding: frozenset):
        if isinstance(node, dict):
            ref = node.get("$ref")
            name = _def_name(ref, defs)
            if name is not None and ref not in expanding:
                merged = dict(walk(defs[name], expanding | {ref}))
                merged.update({k: walk(v, expanding) for k, v in node.items() if k != "$ref"})
                return merged
            return {k: walk(v, expanding) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, expanding) for v in node]
        return node

    return walk(schema, frozenset())


def _def_name(ref: Any, defs: Any) -> str | None:
    """The definition a `#/$defs/<name>` reference names, if it exists; None for any other
    reference (`#/$defs/a/properties/b`…), which jsonschema-rs resolves itself."""
    if not isinstance(ref, str) or not ref.startswith("#/$defs/") or not isinstance(defs, dict):
        return None
    name = ref[len("#/$defs/") :]
    if "/" in name:
        return None
    name = name.replace("~1", "/").replace("~0", "~")
    return name if name in defs else None


def _strict_integers(node: Any) -> Any:
    """Every schema node whose type allows integers also gets `baocaoInteger`."""
    if isinstance(node, list):
        return [_strict_integers(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _strict_integers(v) for k, v in node.items()}
    kind = node.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind and "number" not in kind):
        out[INTEGER] = True
    return out


def _node(schema: dict, schema_path) -> dict:
    node: Any = schema
    for part in schema_path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return {}
    return node if isinstance(node, dict) else {}


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _as_json(value: Any) -> Any:
    """value with every mapping key as text: what the schema judges (`2023:` is key "2023")."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value
