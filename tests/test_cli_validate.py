"""`python -m microcred validate` and `mkdocs build`: every problem of the catalog in one run."""

from __future__ import annotations

import pytest

from catalog_cases import CREDENTIAL, ISSUER, PATHWAY, project_with, replaced
from conftest import REPO, run_build, run_validate

EXPECTED = [
    f"{CREDENTIAL}:3:1: error: duplicate field `status` (first at line 2) ($.status) — remove one of the two; YAML would silently keep only the last",
    f"{ISSUER}:2:6: error: `\"http://acme.example.org\"` is not an https URL ($.url) — every link must start with https://",
    f"{PATHWAY}:7:19: error: credential `exit-tikets` does not exist ($.stages[0].credentials[0]) — did you mean `exit-tickets`?",
    "catalog/orphan/:1:1: error: issuer folder has no issuer.yml — add catalog/orphan/issuer.yml (make new-issuer ISSUER=orphan)",
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Four problems in four files of one small catalog."""
    return project_with(tmp_path_factory.mktemp("broken"), {
        ISSUER: replaced(ISSUER, "url: https://", "url: http://"),
        CREDENTIAL: replaced(CREDENTIAL, "status: active\n", "status: active\nstatus: active\n"),
        PATHWAY: replaced(PATHWAY, "[exit-tickets]", "[exit-tikets]"),
        "catalog/orphan/credentials/.gitkeep": "",
    })


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


def test_validate_reports_every_problem_then_a_summary_and_fails(broken):
    result = run_validate(broken)
    assert result.returncode == 1
    assert _errors(result.stdout) == EXPECTED
    assert result.stderr.strip().startswith("4 errors, ")
    assert "Traceback" not in result.stdout + result.stderr


def test_mkdocs_build_prints_the_same_lines_and_fails_without_traceback(broken, tmp_path):
    result = run_build(broken, tmp_path / "site")
    assert result.returncode == 1
    assert _errors(result.stderr) == EXPECTED
    assert "The catalog has problems: 4 errors" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_sample_catalog_passes_strict_validation_with_no_warnings():
    """The sample doubles as the documentation of the format: it must follow its own advice."""
    result = run_validate(REPO, "--strict")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip().endswith("definition files checked: no problems")
