"""Two files claiming one id: the problem lands on the file the pull request adds, and
references keep meaning the established credential."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from catalog_cases import CREDENTIAL, ISSUER, errors, minimal_text, project_with, replaced
from conftest import require, run_validate

NEW = "catalog/other/credentials/exit-tickets.yml"
OTHER_ISSUER = "catalog/other/issuer.yml"
DRAFT = replaced(CREDENTIAL, "status: active", "status: draft")
TAKEN = (f"{NEW}:1:1: error: id `exit-tickets` is already used by {CREDENTIAL} — ids are unique across the whole "
         "catalog and the file name is the id: rename this file, e.g. other-exit-tickets.yml")
FIX_SHARED = "ids are unique across the whole catalog and the file name is the id: rename the file that is new"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, timeout=60)


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """The minimal catalog committed on `main`, checked out on a contributor's branch."""
    require(shutil.which("git") is not None, "git")
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    root = project_with(tmp_path, {})
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=Maintainer", "-c", "user.email=m@example.org", "add", "-A")
    git(root, "-c", "user.name=Maintainer", "-c", "user.email=m@example.org", "commit", "-q", "-m", "catalog")
    git(root, "checkout", "-q", "-b", "contributor")
    return root


def add(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")


def test_new_file_taking_an_existing_id_is_blamed_alone_naming_the_established_one(repository):
    add(repository, {OTHER_ISSUER: minimal_text(ISSUER), NEW: DRAFT})
    assert errors(repository) == [TAKEN]


def test_committed_pull_request_file_is_blamed_against_the_base_branch_ci_names(repository, monkeypatch):
    add(repository, {OTHER_ISSUER: minimal_text(ISSUER), NEW: DRAFT})
    git(repository, "-c", "user.name=Contributor", "-c", "user.email=c@example.org", "add", "-A")
    git(repository, "-c", "user.name=Contributor", "-c", "user.email=c@example.org", "commit", "-q", "-m", "new credential")
    # As on GitHub Actions: the base exists only as the remote's branch, named by GITHUB_BASE_REF.
    git(repository, "update-ref", "refs/remotes/origin/trunk", "main")
    git(repository, "branch", "-q", "-D", "main")
    monkeypatch.setenv("GITHUB_BASE_REF", "trunk")
    assert errors(repository) == [TAKEN]


def test_annotation_of_a_taken_id_lands_on_the_new_file(repository):
    add(repository, {OTHER_ISSUER: minimal_text(ISSUER), NEW: DRAFT})
    result = run_validate(repository, "--format", "github")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(annotations) == 1 and annotations[0].startswith(f"::error file={NEW},line=1,col=1,")


def test_references_keep_the_established_credential_when_the_new_one_is_a_draft(repository):
    add(repository, {OTHER_ISSUER: minimal_text(ISSUER), NEW: DRAFT})
    assert not [line for line in errors(repository) if "draft" in line]


def test_clash_git_cannot_tell_apart_is_reported_on_both_files_each_naming_the_other(tmp_path):
    root = project_with(tmp_path, {OTHER_ISSUER: minimal_text(ISSUER), NEW: DRAFT})  # not a git repository
    assert errors(root) == [
        f"{CREDENTIAL}:1:1: error: id `exit-tickets` is also used by {NEW} — {FIX_SHARED}",
        f"{NEW}:1:1: error: id `exit-tickets` is also used by {CREDENTIAL} — {FIX_SHARED}",
    ]


def test_clash_git_cannot_tell_apart_keeps_references_on_the_published_credential(tmp_path):
    root = project_with(tmp_path, {OTHER_ISSUER: minimal_text(ISSUER), NEW: DRAFT})
    assert not [line for line in errors(root) if "draft" in line]


def test_clash_where_the_pull_request_changes_both_files_is_reported_on_both(repository):
    add(repository, {OTHER_ISSUER: minimal_text(ISSUER), NEW: DRAFT,
                     CREDENTIAL: replaced(CREDENTIAL, "estimated_hours: 3", "estimated_hours: 4")})
    assert [line.split(":", 1)[0] for line in errors(repository)] == [CREDENTIAL, NEW]


def test_pathway_taking_a_credentials_id_is_blamed(repository):
    add(repository, {"catalog/acme/pathways/exit-tickets.yml": minimal_text("catalog/acme/pathways/assessment-basics.yml")})
    assert errors(repository) == [
        f"catalog/acme/pathways/exit-tickets.yml:1:1: error: id `exit-tickets` is already used by {CREDENTIAL} — ids are "
        "unique across the whole catalog and the file name is the id: rename this file, e.g. acme-exit-tickets.yml"
    ]
