"""Credentials drawn from the real credential schema (`credential_strategies.py`): what
validation says of them, valid or changed in one place, and what the site makes of
their text.

How many examples each property draws, and from which seed, is set in conftest.py (the
"dev" and "ci" profiles); the seed of a run is printed in the report's header.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from microcred.exports import export_files
from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL
from conftest import FIXTURES, REPO, make_project, run_build
from credential_strategies import CREDENTIALS, MUTATIONS, SCHEMA

MARKERS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
TEXT_FIELDS = ("title", "summary", "competency", "key_method", "method_components", "supporting_rationale")
# The oracle for "refused": jsonschema on the schema file as written, with its own format
# checks (the product's validators inline the schema's $refs and read "uri" their own way).
JSONSCHEMA = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def _load(root: Path, text: str):
    (root / CREDENTIAL).write_text(text, encoding="utf-8")
    return load_catalog(root)


def _errors(result) -> list[str]:
    return [problem.as_text() for problem in result.problems if problem.is_error]


def _project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("property"), FIXTURES / "minimal")


def test_a_credential_the_schema_accepts_loads_without_an_error(tmp_path_factory):
    root = _project(tmp_path_factory)

    @given(CREDENTIALS)
    def loads(credential):
        result = _load(root, _yaml(credential))
        assert _errors(result) == []

    loads()


# --- a credential changed in one place ---------------------------------------------------


def _path_of(json_path: str) -> tuple:
    """("submission", "parts", 0) for `$.submission.parts[0]`."""
    return tuple(int(index) if index else key for key, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", json_path))


def _related(one: tuple, other: tuple) -> bool:
    """The same value, or one inside the other."""
    shorter = min(len(one), len(other))
    return one[:shorter] == other[:shorter]


def _blamed(errors) -> set[tuple]:
    """The paths jsonschema's errors name: each error's, its alternatives' (anyOf), and
    each unknown field's."""
    paths: set[tuple] = set()
    for error in errors:
        path = tuple(error.absolute_path)
        paths.add(path)
        if error.validator == "additionalProperties":
            paths |= {path + (extra,) for extra in error.instance if extra not in error.schema.get("properties", {})}
        paths |= _blamed(error.context)
    return paths


def _places(node: yaml.Node, path: tuple) -> set[tuple[int, int]]:
    """(line, column), 1-based, of the value at `path` under `node` and of its key, as
    PyYAML's composer reads them (not the product's loader); none if there is no such value."""
    places: set[tuple[int, int]] = set()
    for step in path:
        if isinstance(step, int):
            node = node.value[step] if isinstance(node, yaml.SequenceNode) and step < len(node.value) else None
            places = set()
        else:
            key, node = next(((k, v) for k, v in node.value if k.value == step), (None, None)) if isinstance(node, yaml.MappingNode) else (None, None)
            places = {(key.start_mark.line + 1, key.start_mark.column + 1)} if key else set()
        if node is None:
            return set()
    return places | {(node.start_mark.line + 1, node.start_mark.column + 1)}


def test_a_change_the_schema_refuses_is_an_error_on_the_line_and_field_changed(tmp_path_factory):
    """Whatever is changed, loading never raises; when jsonschema refuses the credential,
    the load fails with an error in that file at a value jsonschema blames: the changed
    value, the mapping or list holding it, or a field inside it; and the error's line and
    column are where that value or its key is written."""
    root = _project(tmp_path_factory)
    refused = []

    @given(MUTATIONS)
    def reported(case):
        credential, changed = case
        text = _yaml(credential)
        result = _load(root, text)
        blamed = _blamed(JSONSCHEMA.iter_errors(yaml.load(text, Loader=_LOADER)))
        if not blamed:
            return
        refused.append(changed)
        assert not result.ok
        written = yaml.compose(text, Loader=_LOADER)
        located = [problem for problem in result.problems if problem.is_error and problem.path == CREDENTIAL
                   and _path_of(problem.json_path) in blamed and _related(_path_of(problem.json_path), changed)
                   and (problem.line, problem.column) in _places(written, _path_of(problem.json_path))]
        assert located, (changed, sorted(blamed, key=len), _errors(result))

    reported()
    assert len(refused) >= settings.default.max_examples // 10  # exercised: about 3 in 10 changes are refused


# --- text as the site shows it -----------------------------------------------------------


def test_markup_in_a_credential_stays_escaped_in_its_exports_and_every_built_file(tmp_path_factory):
    """Each drawn credential carries a marker of markup in one of its text fields: no
    export holds it as markup, and neither does any file of the site built from them all."""
    root = _project(tmp_path_factory)
    drawn: list[dict] = []

    # fewer examples than the other properties: each is exported, and all are built
    @settings(max_examples=max(20, settings.default.max_examples // 5))
    @given(CREDENTIALS, st.sampled_from(TEXT_FIELDS), st.sampled_from(MARKERS))
    def escaped(data, field, marker):
        data[field] = (marker + " " + str(data[field]))[:120]
        result = _load(root, _yaml(data))
        assert result.ok, _errors(result)
        drawn.append(data)
        for path, content in _outputs(result.catalog).items():
            if path.endswith(".json"):
                _assert_no_raw_markup(json.loads(content), marker)
            else:
                ElementTree.fromstring(content.encode("utf-8"))
                assert marker not in content, path

    escaped()
    site = _build_all(tmp_path_factory, drawn)
    assert len(sorted(site.glob("credentials/generated-*/index.html"))) == len(drawn)
    for file in site.rglob("*"):
        if file.suffix in (".html", ".xml", ".svg", ".js", ".css", ".txt"):
            text = file.read_text(encoding="utf-8")
            assert not any(marker in text for marker in MARKERS), file.relative_to(site)
        elif file.suffix == ".json":
            for marker in MARKERS:
                _assert_no_raw_markup(json.loads(file.read_text(encoding="utf-8")), marker)


def _outputs(catalog) -> dict[str, str]:
    files = export_files(catalog, "https://example.org/catalog/", REPO / "schema", datetime(2025, 1, 1, tzinfo=UTC), site_name="Test Catalog")
    return {path: content for path, content in files.items() if isinstance(content, str)}


def _build_all(tmp_path_factory, credentials: list[dict]) -> Path:
    """Every credential in one catalog beside the fixture's, built with the real mkdocs."""
    root = _project(tmp_path_factory)
    folder = root / CREDENTIAL.rsplit("/", 1)[0]
    for number, data in enumerate(credentials):
        (folder / f"generated-{number:05d}.yml").write_text(_yaml(data), encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def _assert_no_raw_markup(value, marker: str, key: str = ""):
    """Plain text may hold the marker as data; rendered HTML never holds it as markup."""
    if isinstance(value, dict):
        for name, item in value.items():
            _assert_no_raw_markup(item, marker, name)
    elif isinstance(value, list):
        for item in value:
            _assert_no_raw_markup(item, marker, key)
    elif isinstance(value, str) and key == "html":
        assert "<script" not in value and "<img" not in value and marker not in value
