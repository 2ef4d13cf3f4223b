"""An organisation adopts the repository: a copy of it, `init` with its identity, its own
catalog in place of the sample, then the build and the catalog checks its CI runs. All pass,
and the built site names the template nowhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, RICH, SOLO, env

pytestmark = pytest.mark.browser  # the catalog checks include the axe audit in Chromium

NAME = "Lakeshore Regional Micro-credentials"
URL = "https://credentials.lakeshore.example/"  # no sub-path: the site at a domain's root
GITHUB = "lakeshore-edu/credentials"
LEFT_BEHIND = {"site", ".site-tmp", ".venv", "node_modules", ".git", "__pycache__", ".pytest_cache", "out"}


def _run(command: list[str], cwd, timeout: int = 600, **extra_env) -> subprocess.CompletedProcess:
    run_env = {**env(), "PYTHONPATH": str(cwd / "hooks"), **extra_env}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=run_env, timeout=timeout)


@pytest.fixture(params=[SOLO, RICH], ids=["one issuer, one credential, no pathways", "three issuers with pathways"])
def adopted(request, tmp_path):
    copy = tmp_path / "lakeshore-credentials"
    shutil.copytree(REPO, copy, ignore=lambda folder, names: [n for n in names if n in LEFT_BEHIND])
    (copy / "node_modules").symlink_to(REPO / "node_modules")  # axe-core, installed once by npm ci
    init = _run([sys.executable, "-m", "microcred", "init", "--name", NAME, "--url", URL, "--repo", GITHUB], copy)
    assert init.returncode == 0, init.stderr
    shutil.rmtree(copy / "catalog")  # the scaffolded first issuer makes way for the organisation's own issuers
    shutil.copytree(request.param, copy / "catalog")
    return copy


def test_adopted_repository_builds_and_passes_its_catalog_checks(adopted):
    checks = _run([sys.executable, "-m", "pytest", "tests/catalog_checks", "-q", "-p", "no:cacheprovider"], adopted, CI="true")
    assert checks.returncode == 0, checks.stdout[-4000:]
    assert " passed" in checks.stdout and "skipped" not in checks.stdout

    build = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], adopted)
    assert build.returncode == 0, build.stderr
    texts = [f.read_text(encoding="utf-8", errors="ignore") for f in (adopted / "site").rglob("*") if f.suffix in {".html", ".json", ".xml"}]
    assert [t for t in texts if "microcred-catalog" in t] == []
    assert any(f"<title>{NAME}" in t or f"- {NAME}</title>" in t for t in texts)
    schema = json.loads((adopted / "site/schema/v1/credential.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"{URL}schema/v1/credential.schema.json"
