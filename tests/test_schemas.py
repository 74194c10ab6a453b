"""baocao.schemas: the violations the callers turn into Vietnamese messages."""

from __future__ import annotations

import pytest

from baocao.schemas import (
    SchemaFileError,
    SchemaValidator,
    check_schema,
    compile_check,
    inline_refs,
)

FIGURES = {
    "type": "object",
    "properties": {
        "nam": {"type": "integer"},
        "ghi_chu": {"type": ["integer", "null"]},
        "ty_le": {"type": "number"},
    },
    "required": ["nam"],
    "additionalProperties": False,
}


def _found(schema, data, **options):
    return [
        (v.keyword, v.path, v.value, v.instance)
        for v in SchemaValidator(schema, **options).iter_errors(data)
    ]


@pytest.mark.parametrize("value", [2023.0, 2023.5])
def test_a_number_written_with_a_decimal_point_is_not_an_integer_once(value):
    assert _found(FIGURES, {"nam": value}) == [("type", ("nam",), "integer", value)]
    assert _found(FIGURES, {"nam": 2023, "ghi_chu": value}) == [
        ("type", ("ghi_chu",), ["integer", "null"], value)
    ]


def test_integers_numbers_and_null_pass():
    assert _found(FIGURES, {"nam": 2023, "ghi_chu": None, "ty_le": 0.5}) == []
    assert _found(FIGURES, {"nam": 10**30}) == []  # YAML reads any number of digits


def test_the_standard_integer_where_asked():
    assert _found(FIGURES, {"nam": 2023.0}, strict_integers=False) == []


def test_keys_that_are_not_text_are_judged_as_text():
    """YAML reads `1: x` as the number 1; JSON has only text keys."""
    [(keyword, path, _, instance)] = _found(FIGURES, {"nam": 2023, 1: "x"})
    assert (keyword, path) == ("additionalProperties", ())
    assert set(instance) == {"nam", "1"}


def test_required_names_what_is_missing():
    [violation] = SchemaValidator(FIGURES).iter_errors({})
    assert (violation.keyword, violation.missing) == ("required", "nam")


def test_a_recursive_schema_is_inlined_and_checked_all_the_way_down():
    schema = {
        "$defs": {
            "node": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                },
            }
        },
        "$ref": "#/$defs/node",
    }
    inlined = inline_refs(schema)
    assert inlined["properties"]["children"]["items"] == {
        "$ref": "#/$defs/node"
    }  # stops at the cycle
    deep = {"id": "a", "children": [{"id": "b", "children": [{"id": 3}]}]}
    assert _found(schema, deep) == [("type", ("children", 0, "children", 0, "id"), "string", 3)]


def test_formats_only_when_asked():
    schema = {"type": "string", "format": "date"}
    assert _found(schema, "2024-02-30") == []
    assert [k for k, *_ in _found(schema, "2024-02-30", formats=True)] == ["format"]
    assert _found(schema, "2024-02-29", formats=True) == []


@pytest.mark.parametrize(
    "schema, where",
    [
        ({"properties": {"a": {"minLength": "một"}}}, "properties/a/minLength"),
        ({"type": "strin"}, "type"),
        ([], "gốc"),
        (True, "gốc"),  # valid JSON Schema, but not a schema file we can describe fields with
        (
            {"$schema": "https://example.invalid/own", "type": "strin"},
            "type",
        ),  # checked as 2020-12, nothing fetched
    ],
)
def test_a_schema_that_is_not_json_schema_says_where(schema, where):
    with pytest.raises(SchemaFileError) as caught:
        check_schema(schema)
    assert caught.value.where == where


def test_a_pattern_that_does_not_compile_says_where():
    schema = {"properties": {"a": {"pattern": "^([0-9]+$"}}}
    check_schema(schema)  # the metaschema does not read patterns
    with pytest.raises(SchemaFileError) as caught:
        compile_check(schema)
    assert caught.value.where == "properties/a/pattern"


def test_references_into_a_definition_are_left_to_the_validator():
    """Only whole definitions (`#/$defs/name`) are inlined; a pointer into one keeps its
    meaning."""
    schema = {
        "$defs": {
            "signer": {
                "type": "object",
                "properties": {"name": {"type": "string", "minLength": 2}},
            },
            "a/b": {"type": "integer"},
        },
        "type": "object",
        "properties": {
            "name": {"$ref": "#/$defs/signer/properties/name"},
            "count": {"$ref": "#/$defs/a~1b"},
        },
    }
    assert inline_refs(schema)["properties"]["name"] == {"$ref": "#/$defs/signer/properties/name"}
    assert inline_refs(schema)["properties"]["count"]["type"] == "integer"
    assert [(k, p) for k, p, *_ in _found(schema, {"name": "x", "count": "y"})] == [
        ("minLength", ("name",)),
        ("type", ("count",)),
    ]


def test_values_nested_hundreds_deep_are_one_violation_not_a_crash():
    deep: list = []
    inner = deep
    for _ in range(400):
        inner.append([])
        inner = inner[0]
    schema = {
        "type": "object",
        "properties": {"so_lieu": {"type": "array", "items": {"type": "object"}}},
    }
    for data in ({"so_lieu": deep}, {"so_lieu": deep, 1: "x"}):
        [violation] = SchemaValidator(schema).iter_errors(data)
        assert (violation.keyword, violation.path) == ("nesting", ())


def test_a_reference_outside_the_schema_is_never_fetched(tmp_path):
    """A pull request's schema/ is read by `baocao owners --check` in CI: a `$ref` to a URL or
    a file must not make the validator open a connection or read another file."""
    (tmp_path / "other.json").write_text('{"type": "string"}', encoding="utf-8")
    for ref in ((tmp_path / "other.json").as_uri(), "http://127.0.0.1:9/schema.json"):
        schema = {"$defs": {"x": {"$ref": ref}}, "properties": {"a": {"$ref": ref}}}
        check_schema(schema)
        with pytest.raises(SchemaFileError) as caught:
            compile_check(schema)
        assert "Retrieval is disabled" in caught.value.reason
        with pytest.raises(ValueError):
            SchemaValidator(schema)
