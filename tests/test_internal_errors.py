"""A bug of our own in the build is one line for the person who ran it, not a traceback:
an issuer cannot act on a traceback, and it hides that their definitions are fine."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import RICH, env, make_project

# Loaded by Python at start-up from PYTHONPATH: the catalog's loading breaks as a bug would.
BROKEN_LOADING = """
import microcred.pipeline

def load_catalog(*args, **kwargs):
    raise KeyError("stages")

microcred.pipeline.load_catalog = load_catalog
"""
# The same, in what each catalog page's build asks for (in the pool's workers).
BROKEN_PAGES = """
import microcred.pages

def page_context(*args, **kwargs):
    raise KeyError("issuer")

microcred.pages.page_context = page_context
"""


def build_with_a_bug(tmp_path, bug: str = BROKEN_LOADING, **extra_env) -> subprocess.CompletedProcess:
    root = make_project(tmp_path / "project", RICH)
    (tmp_path / "bug").mkdir()
    (tmp_path / "bug" / "sitecustomize.py").write_text(bug, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(tmp_path / "bug"), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=root, capture_output=True, text=True, timeout=300, env={**env(), "PYTHONPATH": path, **extra_env},
    )


def test_an_internal_error_stops_the_build_with_one_line_and_no_traceback(tmp_path):
    result = build_with_a_bug(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not (tmp_path / "site").exists()
    assert "Traceback" not in output
    assert "internal error in the catalog build (on_config): KeyError: 'stages'" in output
    assert "not in the definitions" in output and "MICROCRED_DEBUG=1" in output


def test_microcred_debug_shows_the_traceback_of_an_internal_error(tmp_path):
    result = build_with_a_bug(tmp_path, MICROCRED_DEBUG="1")
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "KeyError: 'stages'" in result.stderr


def test_an_internal_error_building_a_page_names_the_page_in_one_line(tmp_path):
    result = build_with_a_bug(tmp_path, BROKEN_PAGES)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "internal error in the catalog build (page:catalog/index.md): KeyError: 'issuer'" in output
