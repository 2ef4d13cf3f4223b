"""`make lint` stays clean: ruff and mypy on the Python, ESLint on the site's JavaScript.

Run in the suite too, so a change that breaks the lint fails `make test` where it is made,
not only on the pull request's lint check."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import REPO, require

ESLINT = REPO / "node_modules" / ".bin" / "eslint"


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = _run(sys.executable, "-m", "ruff", "check", "hooks", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_eslint_finds_nothing_in_the_sites_javascript():
    require(ESLINT.exists() and shutil.which("node") is not None, "ESLint (npm ci) and node")
    result = _run(str(ESLINT), "overrides/assets/javascripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_source_file_is_over_400_lines():
    """A longer file does more than one job: split it by job (CONTRIBUTING.md, "Where things live")."""
    sources = [*(REPO / "hooks").rglob("*.py"), *(REPO / "overrides" / "assets" / "javascripts").glob("*.js")]
    long = {str(path.relative_to(REPO)): count for path in sources
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
