"""Generated definitions, valid and mutated: loading never raises, exports parse, pages
build, markers stay escaped.

Credentials are drawn from the real credential schema (`credential_strategies.py`).
Every valid example is then written into one catalog and built as a real site (one
mkdocs build, not one per example), and every file of that site is searched for the
markers.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.exports import export_files
from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL
from conftest import FIXTURES, REPO, make_project, run_build
from credential_strategies import CREDENTIALS, mutated

MARKERS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
TEXT_FIELDS = ("title", "summary", "competency", "key_method", "method_components", "supporting_rationale")
EXAMPLES = 2000
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def _check(root: Path, data: dict):
    (root / CREDENTIAL).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_catalog(root)


def _outputs(catalog) -> dict[str, str]:
    files = export_files(catalog, "https://example.org/catalog/", REPO / "schema", datetime(2025, 1, 1, tzinfo=UTC), site_name="Test Catalog")
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
        credential = mutated(data.draw(CREDENTIALS), data.draw)
        result = _check(root, credential)
        assert result.ok or any(problem.is_error for problem in result.problems)

    check()
