"""Safe YAML for front matter: line numbers for every field, and no silent data loss."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

try:  # libyaml is about 8x faster; fall back to the pure-Python loader.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = {
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass
class YamlError(Exception):
    """A problem in the YAML text, at a 1-based line and column of the YAML text."""

    code: str
    line: int
    column: int | None
    detail: str = ""


@dataclass
class YamlDocument:
    """A parsed document and its node tree, which knows the line of every field."""

    value: Any
    text: str = ""

    @cached_property
    def node(self) -> yaml.Node | None:
        """The node tree, composed again only when a line or a source text is asked for.

        Most files have no problem and never need it; keeping every file's tree in memory
        cost more than composing the few that do need it twice.
        """
        return yaml.compose(self.text, Loader=_Loader) if self.text else None

    def _walk_to(self, path: Path) -> tuple[yaml.Node | None, int | None]:
        """The node at path (None if absent) and the line of the deepest part of path found."""
        node, line = self.node, None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == part or key_node.value == str(part):
                        node, line = value_node, key_node.start_mark.line + 1
                        break
                else:
                    return None, line
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return None, line
        return node, line

    def line_of(self, path: Path) -> int | None:
        """Line of the field at path, or of its closest parent that exists."""
        return self._walk_to(tuple(path))[1]

    def path_at(self, line: int) -> Path | None:
        """Path of the value that starts on a 1-based line of the YAML text, if one does."""
        stack: list[tuple[yaml.Node, Path]] = [(self.node, ())] if self.node else []
        while stack:
            node, path = stack.pop()
            if isinstance(node, yaml.MappingNode):
                stack.extend((value, path + (key.value,)) for key, value in node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, path + (index,)) for index, item in enumerate(node.value))
            elif node.start_mark.line + 1 == line:
                return path
        return None

    def plain_text(self, path: Path) -> str | None:
        """Source text of an unquoted scalar that YAML typed as something other than text.

        `so_ky_hieu: 125` or `dien_thoai: 0912345678` are text to a user, whatever YAML says.
        """
        node = self._walk_to(tuple(path))[0]
        if isinstance(node, yaml.ScalarNode) and not node.style and node.tag != _TAG + "str":
            return node.value
        return None


# where the key without its ":", or the quote or bracket never closed, began: not a line below
_BEGUN = (
    "while scanning a simple key",
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
)


def _mark(error: yaml.MarkedYAMLError) -> tuple[int, int | None]:
    mark = error.problem_mark or error.context_mark
    if error.context in _BEGUN and error.context_mark:
        mark = error.context_mark
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
            mark = event.start_mark
            if mark is not None and (anchor is not None or isinstance(event, yaml.AliasEvent)):
                raise YamlError("yaml-alias", mark.line + 1, mark.column + 1, anchor or "")
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
    _check(node)
    constructor = yaml.constructor.SafeConstructor()  # builds Python values from the checked nodes
    try:
        value = constructor.construct_document(node)
    except (yaml.YAMLError, ValueError) as error:  # pragma: no cover - nodes are checked above
        raise YamlError("yaml-syntax", 1, None, str(error)) from None
    return YamlDocument(value, text)


_TIMESTAMP = _TAG + "timestamp"
_STR = _TAG + "str"
_VALUE = _TAG + "value"


def _check(root: yaml.Node) -> None:
    """Refuse tags, duplicate keys and merge keys; keep dates as text. Iterative, one pass."""
    stack = [root]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag not in ALLOWED_TAGS:
            raise YamlError("yaml-tag", node.start_mark.line + 1, node.start_mark.column + 1, tag)
        if isinstance(node, yaml.ScalarNode):
            if tag == _TIMESTAMP:
                node.tag = _STR  # dates stay text; the schema and the checks judge them
            continue
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
            continue
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("yaml-complex-key", mark.line + 1, mark.column + 1)
            key = key_node.value
            if key == "<<" and not key_node.style:
                raise YamlError("yaml-alias", mark.line + 1, mark.column + 1, "<<")
            if key_node.tag == _VALUE and not key_node.style:  # YAML 1.1 resolves a bare "=" so
                key_node.tag = _STR
            if key_node.tag not in ALLOWED_TAGS:
                raise YamlError("yaml-tag", mark.line + 1, mark.column + 1, key_node.tag)
            if key in seen:
                raise YamlError(
                    "yaml-duplicate-key", mark.line + 1, mark.column + 1, f"{key}\x00{seen[key]}"
                )
            seen[key] = mark.line + 1
            stack.append(value_node)
