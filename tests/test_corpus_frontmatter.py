"""Front matter and YAML edge cases from other projects' test suites (../shared/corpus).

Every file either reads into the same data its origin project expects, or gets a
Vietnamese problem with a line: never a traceback, never silently different data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from baocao.frontmatter import ReadError, decode, split
from baocao.messages import MESSAGES
from baocao.submission import load_submission
from baocao.validation import FrontMatterValidator
from baocao.yamlsafe import YamlError, load_document
from conftest import SHARED, shared

FRONT = SHARED / "corpus" / "frontmatter-edge"
YAML_SUITE = SHARED / "corpus" / "yaml-edge" / "yaml-test-suite"
FRONT_FILES = (
    sorted(p for p in FRONT.rglob("*") if p.is_file() and p.suffix in (".md", ".markdown", ".txt"))
    if FRONT.is_dir()
    else []
)
SUITE_CASES = (
    sorted(p for p in YAML_SUITE.iterdir() if (p / "in.yaml").is_file())
    if YAML_SUITE.is_dir()
    else []
)


@pytest.fixture(scope="module")
def validator(campaign):
    return FrontMatterValidator(campaign.submission_schema)


def test_corpus_present_or_skipped():
    shared("corpus", "frontmatter-edge")
    assert FRONT_FILES and SUITE_CASES


@pytest.mark.parametrize("path", FRONT_FILES, ids=lambda p: str(p.relative_to(FRONT)))
def test_every_front_matter_file_reads_or_gets_a_located_message(path: Path, validator):
    sub = load_submission(path, path.name, validator)
    for problem in sub.problems:
        assert problem.code in MESSAGES or problem.code.startswith("schema-")
        assert problem.line is not None and problem.line >= 1
        assert problem.message.strip()
    assert sub.readable or sub.problems


@pytest.mark.parametrize(
    "path",
    [p for p in FRONT_FILES if p.with_suffix(".result.json").is_file()],
    ids=lambda p: p.name,
)
def test_python_frontmatter_expectations(path: Path):
    """Where our reader accepts the file, it yields the metadata and content python-frontmatter expects."""
    expected = json.loads(path.with_suffix(".result.json").read_text(encoding="utf-8"))
    content = expected.pop("content")
    try:
        parts = split(decode(path.read_bytes()))
        doc = load_document(parts.front_matter)
    except (ReadError, YamlError) as error:
        # stricter than python-frontmatter by design: only `---` fences, YAML only
        assert error.code in ("frontmatter-missing", "yaml-syntax", "file-empty"), path
        return
    assert (doc.value or {}) == expected
    assert parts.body.strip() == content.strip()


def test_known_front_matter_cases():
    jekyll = shared("corpus", "frontmatter-edge", "jekyll")
    with pytest.raises(ReadError) as info:
        decode((jekyll / "Unicode16LECRLFandBOM.md").read_bytes())
    assert info.value.code == "file-utf16"
    parts = split(decode((jekyll / "UTF8CRLFandBOM.md").read_bytes()))
    assert "\r" not in parts.body and not parts.front_matter.startswith("\ufeff")
    parts = split(decode((jekyll / "2018-10-12-trailing-dots...markdown").read_bytes()))
    assert load_document(parts.front_matter).value == {"title": "Ellipsis Path"}


@pytest.mark.parametrize("case", SUITE_CASES, ids=lambda p: p.name)
def test_yaml_test_suite(case: Path):
    text = (case / "in.yaml").read_text(encoding="utf-8")
    must_fail = (case / "error").exists()
    try:
        doc = load_document(text)
    except YamlError as error:
        assert error.line >= 1
        if not must_fail:  # valid YAML we refuse on purpose: anchors, tags, several documents
            assert error.code in (
                "yaml-alias",
                "yaml-tag",
                "yaml-syntax",
                "yaml-duplicate-key",
                "yaml-complex-key",
            ), case
        return
    assert not must_fail, f"{case.name} must be rejected"
    expected = case / "in.json"
    if expected.is_file() and expected.read_text(encoding="utf-8").strip():
        try:
            want = json.loads(expected.read_text(encoding="utf-8"))
        except json.JSONDecodeError:  # several JSON documents: a multi-document stream
            return
        assert json.loads(json.dumps(doc.value, default=str)) == want


def test_js_yaml_duplicate_keys():
    folder = shared("corpus", "yaml-edge", "yaml-js-yaml-errors")
    for name in ("duplicate-key.yml", "duplicate-value-key.yml"):
        with pytest.raises(YamlError) as info:
            load_document((folder / name).read_text(encoding="utf-8"))
        assert info.value.code == "yaml-duplicate-key", name
    for path in folder.glob("*.yml"):
        with pytest.raises(YamlError):
            load_document(path.read_text(encoding="utf-8"))
