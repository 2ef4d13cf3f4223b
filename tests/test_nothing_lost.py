"""Nothing is lost: every definition is published or reported; a failed build keeps the old site."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from catalog_cases import CREDENTIAL, project_with, replaced
from conftest import REPO, RICH, env

PAGE_FOLDER = {"credential": "credentials", "pathway": "pathways", "issuer": "issuers"}


def _definitions() -> dict[tuple[str, str], dict]:
    """(kind, id) -> data of every YAML file of the sample catalog."""
    found = {}
    for path in sorted(RICH.glob("*/**/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "issuer.yml":
            found[("issuer", path.parent.name)] = data
        else:
            found[(path.parent.name.removesuffix("s"), path.stem)] = data
    return found


DEFINITIONS = _definitions()
PUBLISHED = sorted(key for key, data in DEFINITIONS.items() if data.get("status") != "draft")
DRAFTS = sorted(key for key, data in DEFINITIONS.items() if data.get("status") == "draft")


def _text(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":  # the search index's fragments are gzipped
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def test_sample_catalog_has_drafts_to_hide():
    assert DRAFTS, "the sample catalog should keep a draft so this suite checks it stays hidden"


@pytest.mark.parametrize("kind, item_id", PUBLISHED, ids=[f"{k}:{i}" for k, i in PUBLISHED])
def test_every_published_definition_has_its_page_and_export_entry(rich_site, kind, item_id):
    assert (rich_site / PAGE_FOLDER[kind] / item_id / "index.html").is_file()
    catalog = json.loads((rich_site / "api/v1/catalog.json").read_text(encoding="utf-8"))
    assert item_id in {entry["id"] for entry in catalog[PAGE_FOLDER[kind]]}
    if kind == "credential":
        assert (rich_site / "ob3" / f"{item_id}.json").is_file()


def test_drafts_appear_in_no_generated_file(rich_site):
    markers = [marker for key in DRAFTS for marker in (key[1], DEFINITIONS[key]["title"])]
    leaks = {
        (str(path.relative_to(rich_site)), marker)
        for path in rich_site.rglob("*") if path.is_file()
        for marker in markers if marker in _text(path)
    }
    assert leaks == set()


def _make_build(root: Path) -> subprocess.CompletedProcess:
    """`make build` run in a project that borrows the repo's Makefile and bootstrapped .venv."""
    for name in (".venv", "requirements.txt", "requirements-dev.txt", "constraints.txt", "pyproject.toml"):
        if not (root / name).exists():
            (root / name).symlink_to(REPO / name)
    return subprocess.run(["make", "-f", str(REPO / "Makefile"), "build"], cwd=root, capture_output=True, text=True, env=env(), timeout=300)


def test_failed_make_build_leaves_the_previous_site_untouched(tmp_path):
    root = project_with(tmp_path, {CREDENTIAL: replaced(CREDENTIAL, "status: active\n", "status: active\nstatus: active\n")})
    (root / "site").mkdir()
    (root / "site/index.html").write_text("previous site", encoding="utf-8")
    result = _make_build(root)
    assert result.returncode != 0
    assert "duplicate field `status`" in result.stderr
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "site/index.html").read_text(encoding="utf-8") == "previous site"


def test_successful_make_build_replaces_the_site(tmp_path):
    root = project_with(tmp_path, {})
    (root / "site").mkdir()
    (root / "site/stale.html").write_text("old", encoding="utf-8")
    result = _make_build(root)
    assert result.returncode == 0, result.stderr
    assert (root / "site/credentials/exit-tickets/index.html").is_file()
    assert not (root / "site/stale.html").exists()
    assert not (root / ".site-tmp").exists()
