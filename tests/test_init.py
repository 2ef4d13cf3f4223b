"""`make init`: an organisation turns its copy of the repository into its own catalog."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from microcred.adopt import set_identity, slug
from microcred.identity import Identity, read_identity
from test_scaffold import fill

from conftest import REPO, RICH, env, run_build, run_validate

NAME = "Lakeshore Regional Micro-credentials"
SITE = "https://credentials.example.org/"
GITHUB_REPO = "lakeshore-regional/catalog"
ISSUER = "lakeshore-regional"
IDENTITY_KEYS = ("site_name", "site_url", "repo_url", "repo_name")
TEMPLATE_ORG = "microcred-catalog"  # the template's own GitHub organisation


@pytest.fixture
def adopter(tmp_path) -> Path:
    """The repository as an adopter receives it: the files init changes are copies, the code is linked."""
    root = tmp_path / "adopter"
    root.mkdir()
    for part in ("schema", "hooks", "overrides", "docs"):
        (root / part).symlink_to(REPO / part)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / ".github", root / ".github")
    shutil.copytree(RICH, root / "catalog")
    return root


def run_init(root: Path, *, name=NAME, url=SITE, repo=GITHUB_REPO, issuer: str | None = ISSUER) -> subprocess.CompletedProcess:
    args = ["--name", name, "--url", url, "--repo", repo, *(("--issuer", issuer) if issuer else ())]
    return subprocess.run(
        [sys.executable, "-m", "microcred", "init", *args, "--root", str(root)],
        capture_output=True, text=True, env=env(), timeout=60,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file init may touch, with its bytes."""
    files = [root / "mkdocs.yml", *(root / ".github").rglob("*"), *(root / "catalog").rglob("*")]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files if path.is_file()}


def codeowner_rules(root: Path) -> dict[str, list[str]]:
    lines = (root / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    return {rule[0]: rule[1:] for rule in (line.split() for line in lines if line.strip() and not line.startswith("#"))}


# --- mkdocs.yml: the one place for the identity ---------------------------------------


def test_init_rewrites_the_identity_lines_and_keeps_every_other_line_byte_for_byte(adopter):
    before = (adopter / "mkdocs.yml").read_bytes().splitlines(keepends=True)
    assert run_init(adopter).returncode == 0
    after = (adopter / "mkdocs.yml").read_bytes().splitlines(keepends=True)
    assert len(after) == len(before)
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert [new for _, new in changed] == [
        f"site_name: {NAME}\n".encode(),
        f"site_url: {SITE}\n".encode(),
        f"repo_url: https://github.com/{GITHUB_REPO}\n".encode(),
        f"repo_name: {GITHUB_REPO}\n".encode(),
    ]
    assert all(old.decode().startswith(IDENTITY_KEYS) for old, _ in changed)


def test_init_leaves_the_identity_readable_by_the_build(adopter):
    run_init(adopter)
    identity = read_identity(adopter)
    assert (identity.site_name, identity.site_url, identity.repo_url, identity.repo_name) == (
        NAME, SITE, f"https://github.com/{GITHUB_REPO}", GITHUB_REPO,
    )
    assert identity.options == {"source_branch": "main"}  # extra.catalog untouched


def test_set_identity_keeps_crlf_line_ends_and_replaces_a_value_written_over_several_lines():
    config = "# ours\r\nsite_name: >-\r\n  Old\r\n  name\r\nsite_url: https://old.example/\r\ntheme:\r\n  name: material\r\n"
    identity = Identity(site_name="New: name", site_url=SITE, repo_url="https://github.com/a/b", repo_name="a/b")
    assert set_identity(config, identity) == (
        "repo_url: https://github.com/a/b\r\nrepo_name: a/b\r\n"  # absent keys are added at the top
        "# ours\r\nsite_name: 'New: name'\r\nsite_url: https://credentials.example.org/\r\ntheme:\r\n  name: material\r\n"
    )


def test_init_adds_the_trailing_slash_site_url_needs(adopter):
    run_init(adopter, url="https://lakeshore-regional.github.io/catalog")
    assert read_identity(adopter).site_url == "https://lakeshore-regional.github.io/catalog/"


# --- catalog/: the sample goes, the first issuer comes ----------------------------------


def test_init_removes_the_sample_issuers_and_creates_the_first_issuer_folder(adopter):
    result = run_init(adopter)
    assert [folder.name for folder in (adopter / "catalog").iterdir()] == [ISSUER]
    issuer_yml = (adopter / "catalog" / ISSUER / "issuer.yml").read_text(encoding="utf-8")
    assert issuer_yml.splitlines()[0] == "# yaml-language-server: $schema=../../schema/issuer.schema.json"
    assert "it stays in git history" in result.stdout
    assert f"created catalog/{ISSUER}/issuer.yml" in result.stdout


def test_without_an_issuer_the_first_issuer_id_is_a_slug_of_the_name(adopter):
    assert run_init(adopter, issuer=None).returncode == 0
    assert (adopter / "catalog/lakeshore-regional-micro-credentials/issuer.yml").is_file()


def test_slug_folds_accents_and_joins_the_words_with_hyphens():
    assert slug("École des Lacs — 2025 Cohort!") == "ecole-des-lacs-2025-cohort"


def test_after_init_validate_reports_only_the_new_issuers_placeholders(adopter):
    run_init(adopter)
    result = run_validate(adopter)
    assert result.returncode == 1
    problems = result.stdout.splitlines()
    assert problems and all(line.startswith(f"catalog/{ISSUER}/issuer.yml:") and "TODO" in line for line in problems)


def test_the_adopted_catalog_builds_once_its_issuer_is_filled_in(adopter):
    run_init(adopter)
    issuer_yml = adopter / "catalog" / ISSUER / "issuer.yml"
    issuer_yml.write_text(fill(issuer_yml.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_validate(adopter).returncode == 0
    result = run_build(adopter)
    assert result.returncode == 0, result.stderr
    assert f'<link rel="canonical" href="{SITE}"' in (adopter / "site/index.html").read_text(encoding="utf-8")
    assert not [path for path in (adopter / "site").rglob("*") if path.is_file() and TEMPLATE_ORG.encode() in path.read_bytes()]


# --- .github/: reviewers and the pull request template ---------------------------------


def test_codeowners_gives_every_rule_to_the_new_owner_and_names_no_template_team(adopter):
    run_init(adopter)
    assert codeowner_rules(adopter) == {
        "*": ["@lakeshore-regional"],
        f"/catalog/{ISSUER}/": ["@lakeshore-regional"],
        "/schema/": ["@lakeshore-regional"],
    }
    text = (adopter / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert f"@lakeshore-regional/{ISSUER}-reviewers" in text  # the comment says what to replace it with
    assert TEMPLATE_ORG not in text


def test_pull_request_template_links_the_new_sites_guide_and_keeps_the_checklist(adopter):
    shipped = (adopter / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8").splitlines()
    run_init(adopter)
    written = (adopter / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8").splitlines()
    assert written[0] == f"<!-- Thank you for contributing! The guide: {SITE}contributing/ (source: docs/contributing.md) -->"
    assert written[1:] == shipped[1:]
    assert TEMPLATE_ORG not in "\n".join(written)


def test_init_prints_a_checklist_of_what_to_review_before_the_first_deploy(adopter):
    output = run_init(adopter).stdout
    checklist = output[output.index("Before the first deploy, review:"):]
    things = ("site_description", "copyright", "docs/about.md", f"catalog/{ISSUER}/issuer.yml", ".github/CODEOWNERS", "make check")
    assert all(thing in checklist for thing in things)
    assert "Source: GitHub Actions" in checklist


# --- bad input: one line each, nothing changed ------------------------------------------


@pytest.mark.parametrize(("field", "value", "named"), [
    ("url", "credentials.example.org", "URL `credentials.example.org` is not an absolute http(s) address"),
    ("url", "ftp://credentials.example.org/", "URL `ftp://credentials.example.org/` is not an absolute http(s) address"),
    ("repo", "lakeshore-regional", "REPO `lakeshore-regional` is not owner/name"),
    ("repo", "https://github.com/lakeshore-regional/catalog", "REPO `https://github.com/lakeshore-regional/catalog` is not owner/name"),
    ("issuer", "Lakeshore_Regional", "ISSUER `Lakeshore_Regional` is not a valid issuer id"),
    ("name", "  ", "NAME is empty or spans several lines"),
])
def test_a_bad_input_is_one_line_exit_1_and_nothing_is_changed(adopter, field, value, named):
    before = snapshot(adopter)
    result = run_init(adopter, **{field: value})
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {named} — ")
    assert snapshot(adopter) == before


def test_every_bad_input_is_reported_in_the_same_run(adopter):
    result = run_init(adopter, url="nowhere", repo="nobody", issuer="-")
    assert [line.split("`")[0] for line in result.stderr.splitlines()] == ["error: URL ", "error: REPO ", "error: ISSUER "]


def test_init_outside_a_repository_says_where_to_run_it(tmp_path):
    result = run_init(tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: cannot read mkdocs.yml in {tmp_path} — run it from the repository root, or pass --root"


# --- running it again --------------------------------------------------------------------


def test_rerun_with_the_same_site_and_repository_keeps_the_adopters_catalog_and_reviewers(adopter):
    run_init(adopter)
    shutil.copytree(adopter / "catalog" / ISSUER, adopter / "catalog/second-issuer")
    (adopter / ".github/CODEOWNERS").write_text("* @lakeshore-regional/maintainers\n", encoding="utf-8")
    kept = {path: data for path, data in snapshot(adopter).items() if path != "mkdocs.yml"}
    result = run_init(adopter, name="Lakeshore Micro-credentials")
    assert result.returncode == 0, result.stderr
    assert read_identity(adopter).site_name == "Lakeshore Micro-credentials"
    assert {path: data for path, data in snapshot(adopter).items() if path != "mkdocs.yml"} == kept
    assert "catalog/ and .github/ left as they are" in result.stdout


# --- the scaffold speaks the adopter's identity ------------------------------------------


def test_after_init_new_credentials_name_the_new_sites_field_reference_and_preview(adopter):
    run_init(adopter, url="https://lakeshore-regional.github.io/catalog/")
    result = subprocess.run(
        [sys.executable, "-m", "microcred", "new", "credential", "--issuer", ISSUER, "--id", "checking-in", "--root", str(adopter)],
        capture_output=True, text=True, env=env(), timeout=60,
    )
    assert result.returncode == 0, result.stderr
    created = (adopter / f"catalog/{ISSUER}/credentials/checking-in.yml").read_text(encoding="utf-8")
    assert "# Field reference: https://lakeshore-regional.github.io/catalog/contributing/fields/" in created.splitlines()
    [preview] = [line for line in result.stdout.splitlines() if line.startswith("3. ")]
    assert " open http://127.0.0.1:8000/catalog/credentials/checking-in/:" in preview


def test_make_init_passes_its_variables_and_leaves_out_an_unset_issuer():
    def command(*variables: str) -> str:
        printed = subprocess.run(["make", "-n", "init", *variables], cwd=REPO, capture_output=True, text=True, timeout=60).stdout
        [line] = [line for line in printed.splitlines() if "-m microcred init" in line]
        return line[line.index("init "):].rstrip()

    base = ("NAME=Lakeshore Regional", f"URL={SITE}", f"REPO={GITHUB_REPO}")
    assert command(*base) == f'init --name "Lakeshore Regional" --url "{SITE}" --repo "{GITHUB_REPO}"'
    assert command(*base, f"ISSUER={ISSUER}").endswith(f'--repo "{GITHUB_REPO}" --issuer "{ISSUER}"')
