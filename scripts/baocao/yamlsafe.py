"""Safe YAML for front matter: line numbers for every field, and no silent data loss.

PyYAML accepts duplicate keys (last one wins), resolves aliases into shared objects that
explode when walked, and turns plain scalars such as ``010`` or ``2024-12-03`` into numbers
and dates. Here the document is composed into nodes first, checked, then constructed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is about 8x faster; fall back to the pure-Python loader.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


@dataclass
class YamlError(Exception):
    """A problem in the YAML text, at a 1-based line and column of the YAML text."""

    code: str
    line: int
    column: int | None
    detail: str = ""


@dataclass
class YamlDocument:
    value: Any
    lines: dict[Path, int] = field(default_factory=dict)
    # Plain (unquoted) scalars that YAML turned into something other than a string, with
    # their source text: the loader of a schema-typed document turns them back into text.
    raw: dict[Path, str] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """Line of the field at path, or of its closest parent that exists."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def _mark(error: yaml.MarkedYAMLError) -> tuple[int, int | None]:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return 1, None
    return mark.line + 1, mark.column + 1


def _translate(error: yaml.YAMLError) -> YamlError:
    if isinstance(error, yaml.MarkedYAMLError):
        line, column = _mark(error)
        text = " ".join(filter(None, [error.context, error.problem]))
        return YamlError("yaml-syntax", line, column, text)
    return YamlError("yaml-syntax", 1, None, str(error))


def _check_aliases(text: str) -> None:
    """Refuse anchors and aliases (&name, *name): walking them can expand without bound."""
    if "&" not in text and "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None or isinstance(event, yaml.AliasEvent):
                raise YamlError("yaml-alias", event.start_mark.line + 1, event.start_mark.column + 1, anchor or "")
    except yaml.YAMLError as error:
        raise _translate(error) from None


def load_document(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlError for syntax, duplicates, tags and aliases."""
    _check_aliases(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        raise _translate(error) from None
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None)
    doc = YamlDocument(None)
    _walk(node, (), doc)
    constructor = yaml.constructor.SafeConstructor()  # builds Python values from the checked nodes
    try:
        doc.value = constructor.construct_document(node)
    except (yaml.YAMLError, ValueError) as error:  # pragma: no cover - nodes are checked above
        raise YamlError("yaml-syntax", 1, None, str(error)) from None
    return doc


def _walk(node: yaml.Node, path: Path, doc: YamlDocument) -> None:
    if node.tag not in ALLOWED_TAGS:
        raise YamlError("yaml-tag", node.start_mark.line + 1, node.start_mark.column + 1, node.tag)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _TAG + "timestamp":
            node.tag = _TAG + "str"  # dates stay text; the schema and the checks judge them
        if not node.style and node.tag != _TAG + "str":
            doc.raw[path] = node.value
        return
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), doc)
        return
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError("yaml-complex-key", key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key == "<<" and not key_node.style:
            raise YamlError("yaml-alias", line, key_node.start_mark.column + 1, "<<")
        if key_node.tag == _TAG + "value" and not key_node.style:  # YAML 1.1 resolves a bare "=" so
            key_node.tag = _TAG + "str"
        if key_node.tag not in ALLOWED_TAGS:
            raise YamlError("yaml-tag", line, key_node.start_mark.column + 1, key_node.tag)
        if key in seen:
            raise YamlError("yaml-duplicate-key", line, key_node.start_mark.column + 1, f"{key}\x00{seen[key]}")
        seen[key] = line
        doc.lines[path + (key,)] = line
        _walk(value_node, path + (key,), doc)
