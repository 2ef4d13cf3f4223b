"""Shared test helpers: real projects in temporary folders, real mkdocs builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI") == "true"
PROJECT_PARTS = ("mkdocs.yml", "overrides", "schema", "hooks", "docs")

sys.path.insert(0, str(REPO / "hooks"))


def require(condition: bool, what: str) -> None:
    """A test that needs a tool fails under CI and is skipped on a developer's machine."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true (.ci/run installs it)")
    pytest.skip(f"{what} is not available")


def make_project(target: Path, catalog: Path | None = None) -> Path:
    """A project folder with the repo's config, templates and code and the given catalog."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        (target / part).symlink_to(REPO / part)
    shutil.copytree(catalog or REPO / "catalog", target / "catalog", symlinks=True)
    return target


def env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks")}


def run_validate(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "microcred", "validate", "--root", str(root), *args],
        capture_output=True, text=True, env=env(), timeout=120,
    )


def run_build(root: Path, site_dir: Path | None = None, *args: str) -> subprocess.CompletedProcess:
    site_dir = site_dir or root / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *args],
        cwd=root, capture_output=True, text=True, env=env(), timeout=600,
    )


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample catalog built once with the real mkdocs, shared by the build tests."""
    root = make_project(tmp_path_factory.mktemp("sample"))
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the small fixture catalog in a fresh project, ready to break."""
    return make_project(tmp_path / "project", FIXTURES / "minimal")
