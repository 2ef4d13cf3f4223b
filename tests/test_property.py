"""Generated definitions, valid and mutated: loading never raises, exports parse, pages
build, markers stay escaped.

Credentials are drawn from the real credential schema by a small schema-to-strategy
walker (hypothesis-jsonschema 0.23.1 fails on every object schema with Hypothesis
6.170: `'many' object has no attribute 'more'`). For speed, texts are a few tokens
that include HTML's, markdown's and YAML's special characters, lists hold at most 3
entries, URLs have one shape, and the fields that need other files (image,
prerequisites, replaced_by) are left out. Every valid example is then written into one
catalog and built as a real site (one mkdocs build, not one per example), and every
file of that site is searched for the markers.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timezone
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog_cases import CREDENTIAL
from conftest import FIXTURES, REPO, make_project, run_build
from microcred.exports import export_files
from microcred.pipeline import load_catalog

MARKERS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
TEXT_FIELDS = ("title", "summary", "competency", "key_method", "method_components", "supporting_rationale")
LEFT_OUT = {"image", "prerequisites", "replaced_by"}
URLS = st.sampled_from(("https://a.example.org/", "https://b.example.org/x?y=1&z=2", "https://example.org/%3Cb%3E"))
SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"  # ids: joined from words, which draws far faster than the regex
SLUGS = st.builds("{}-{}".format, st.sampled_from(("a", "meets", "part", "x1")), st.integers(0, 10**6))
# Texts are joined from tokens, not drawn a character at a time: a few choices per field
# instead of dozens keeps thousands of examples within seconds, and the tokens carry the
# characters that matter to HTML, markdown and YAML.
TOKENS = ("a", "bc", "XYZ", "019", ".", ",", "&", "&amp;", "<", ">", "<b>", '"', "'", "*", "_", "-", "#", ":", "é", "😀")
TEXTS = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5).map(" ".join)
PRINTABLE_ASCII = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
EXAMPLES = 2000
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
SCHEMA = json.loads((REPO / "schema/credential.schema.json").read_text(encoding="utf-8"))


def _strategy(node: dict):
    """A strategy for values valid against `node`, for the keywords the credential schema uses."""
    if "$ref" in node:
        return _strategy(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        return _object(node)
    if kind == "array":
        items = st.lists(_strategy(node.get("items", {})), min_size=node.get("minItems", 0),
                         max_size=min(node.get("maxItems", 3), 3), unique=node.get("uniqueItems", False))
        return items
    if kind in ("number", "integer"):
        low = node.get("minimum", node.get("exclusiveMinimum", -1) + 1)
        high = node.get("maximum", 500)
        return st.integers(low, high) if kind == "integer" else st.integers(low, high).map(lambda n: n + 0.5)
    if kind == "boolean":
        return st.booleans()
    if node.get("format") == "date":
        return st.dates().map(lambda d: d.isoformat())
    if node.get("pattern") == "^https://":
        return URLS
    if node.get("pattern") == SLUG:
        return SLUGS
    if "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True, alphabet=PRINTABLE_ASCII).filter(lambda t: len(t) <= node.get("maxLength", 80))
    return TEXTS


def _object(node: dict):
    properties = {name: sub for name, sub in node.get("properties", {}).items() if name not in LEFT_OUT}
    required = set(node.get("required", ()))
    for alternative in node.get("anyOf", ())[:1]:  # research: `url` or `doi`; the first is enough
        required |= set(alternative.get("required", ()))

    # built once, not per draw: making a strategy (from_regex above all) costs more than drawing from it
    strategies = {name: _strategy(sub) for name, sub in properties.items()}

    @st.composite
    def build(draw):
        chosen = [n for n in properties if n in required or draw(st.booleans())]
        return {name: draw(strategies[name]) for name in chosen}

    return build()


def _publishable(data: dict) -> dict:
    """What the generator cannot express: one passing level (minContains), and a published
    status (the fixture's other files refer to this credential, so a draft is an error)."""
    for i, level in enumerate(data["submission"]["scale"]):
        level.pop("passing", None)
        if i == 0:
            level["passing"] = True
    if data["status"] == "draft":
        data["status"] = "active"
    return data


CREDENTIALS = _strategy(SCHEMA).map(_publishable)


def _mutated(data: dict, draw) -> dict:
    """Remove a field or give it a value of the wrong type."""
    key = draw(st.sampled_from(sorted(data)))
    data = dict(data)
    if draw(st.booleans()):
        del data[key]
    else:
        data[key] = draw(st.sampled_from([[], {}, 7, None, True, "text", [{"a": 1}]]))
    return data


def _check(root: Path, data: dict):
    (root / CREDENTIAL).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_catalog(root)


def _outputs(catalog) -> dict[str, str]:
    files = export_files(catalog, "https://example.org/catalog/", REPO / "schema", datetime(2025, 1, 1, tzinfo=timezone.utc))
    return {path: content for path, content in files.items() if isinstance(content, str)}


def _project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("property"), FIXTURES / "minimal")


def test_generated_credentials_load_export_build_and_stay_escaped(tmp_path_factory):
    root = _project(tmp_path_factory)
    built: list[dict] = []

    @SETTINGS
    @given(CREDENTIALS, st.sampled_from(TEXT_FIELDS), st.sampled_from(MARKERS))
    def check(data, field, marker):
        data[field] = (marker + " " + str(data[field]))[:120]
        result = _check(root, data)
        if not result.ok:
            return
        built.append(data)
        for path, content in _outputs(result.catalog).items():
            if path.endswith(".json"):
                _assert_no_raw_markup(json.loads(content), marker)
            else:
                ElementTree.fromstring(content.encode("utf-8"))
                assert marker not in content, path

    check()
    assert len(built) > EXAMPLES / 2  # most generated credentials are valid: the test exercises the outputs
    site = _build_all(tmp_path_factory, built)
    pages = sorted(site.glob("credentials/generated-*/index.html"))
    assert len(pages) == len(built)
    for file in site.rglob("*"):
        if file.suffix in (".html", ".xml", ".svg", ".js", ".css", ".txt"):
            text = file.read_text(encoding="utf-8")
            assert not any(marker in text for marker in MARKERS), file.relative_to(site)
        elif file.suffix == ".json":
            for marker in MARKERS:
                _assert_no_raw_markup(json.loads(file.read_text(encoding="utf-8")), marker)


def _build_all(tmp_path_factory, credentials: list[dict]) -> Path:
    """Every credential in one catalog beside the fixture's, built with the real mkdocs."""
    root = _project(tmp_path_factory)
    folder = root / CREDENTIAL.rsplit("/", 1)[0]
    for number, data in enumerate(credentials):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"generated-{number:05d}.yml").write_text(text, encoding="utf-8")
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


def test_mutated_credentials_never_raise(tmp_path_factory):
    root = _project(tmp_path_factory)

    @settings(SETTINGS, max_examples=EXAMPLES // 4)  # each loads only: no build to amortise
    @given(st.data())
    def check(data):
        credential = _mutated(data.draw(CREDENTIALS), data.draw)
        result = _check(root, credential)
        assert result.ok or any(problem.is_error for problem in result.problems)

    check()
