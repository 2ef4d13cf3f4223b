"""`make new`, `make new-issuer`, `make new-pathway`: a commented template to fill in."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from microcred.identity import read_identity

from conftest import REPO, RICH, env, run_validate

CREDENTIAL = "catalog/acme/credentials/checking-in.yml"


def run_new(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "microcred", "new", *args, "--root", str(root)],
        capture_output=True, text=True, env=env(), timeout=60,
    )


def fill(text: str, credential_ids: tuple[str, ...] = ()) -> str:
    """Replace every TODO the way an issuer would: with a real value of the right kind."""
    counter = iter(range(1000))
    ids = iter(credential_ids)

    def value(match: re.Match) -> str:
        key = match.group("key")
        if key in ("url", "earn_url"):
            return f'{match.group("lead")}"https://acme.example.org/page-{next(counter)}"'
        if key == "doi":
            return f'{match.group("lead")}"10.1234/example.{next(counter)}"'
        if key == "competency":
            return f'{match.group("lead")}"The educator checks in with every student each morning."'
        if key is None:  # a list item: the stages' credential ids
            return f'{match.group("lead")}"{next(ids)}"'
        return f'{match.group("lead")}"Filled in by the issuer."'

    text = re.sub(r'(?P<lead>^\s*(?:- )?(?:(?P<key>[a-z_]+): )?)"TODO[^"\n]*"', value, text, flags=re.M)
    return text.replace("TODO: ", "")  # the markdown blocks


def test_new_credential_starts_with_the_schema_line_the_sample_files_use(project):
    result = run_new(project, "credential", "--issuer", "acme", "--id", "checking-in")
    assert result.returncode == 0, result.stderr
    sample = next(RICH.glob("*/credentials/*.yml")).read_text(encoding="utf-8").splitlines()[0]
    created = (project / CREDENTIAL).read_text(encoding="utf-8")
    assert created.splitlines()[0] == sample == "# yaml-language-server: $schema=../../../schema/credential.schema.json"
    assert "# The ONE competency this credential verifies" in created


def test_new_credential_prints_the_created_path_and_next_steps(project):
    result = run_new(project, "credential", "--issuer", "acme", "--id", "checking-in")
    assert result.stdout.splitlines()[0] == f"created {CREDENTIAL}"
    assert "make validate" in result.stdout and "make serve" in result.stdout


def test_templates_name_no_organisation_and_no_site():
    for template in (REPO / "hooks/microcred/templates").glob("*.yml"):
        text = template.read_text(encoding="utf-8")
        assert not re.findall(r"https?://\w", text), template.name  # only `https://...` placeholders
        assert "microcred-catalog" not in text, template.name


def test_new_credential_links_the_field_reference_and_preview_of_the_site_in_mkdocs_yml(project):
    identity = read_identity(project)
    result = run_new(project, "credential", "--issuer", "acme", "--id", "checking-in")
    created = (project / CREDENTIAL).read_text(encoding="utf-8").splitlines()
    assert f"# Field reference: {identity.site_url}contributing/fields/" in created
    [preview] = [line for line in result.stdout.splitlines() if line.startswith("3. ")]
    assert f" open http://127.0.0.1:8000{identity.base_path}credentials/checking-in/:" in preview


def test_new_without_a_readable_mkdocs_yml_still_scaffolds_and_says_why_on_one_line(project):
    (project / "mkdocs.yml").unlink()
    (project / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run_new(project, "credential", "--issuer", "acme", "--id", "checking-in")
    assert result.returncode == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith("mkdocs.yml:2:1: warning: mkdocs.yml is not valid YAML")
    created = (project / CREDENTIAL).read_text(encoding="utf-8").splitlines()
    assert "# Field reference: the catalog site's contributing/fields/ page" in created
    [preview] = [line for line in result.stdout.splitlines() if line.startswith("3. ")]
    assert " open the address it prints:" in preview


def test_filled_credential_scaffold_validates_without_errors_or_warnings(project):
    run_new(project, "credential", "--issuer", "acme", "--id", "checking-in")
    path = project / CREDENTIAL
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_validate(project)
    assert result.returncode == 0, result.stdout
    assert CREDENTIAL not in result.stdout  # no warning either: the template is lint-clean


def test_unfilled_scaffold_names_each_placeholder_on_its_line(project):
    run_new(project, "credential", "--issuer", "acme", "--id", "checking-in")
    lines = (project / CREDENTIAL).read_text(encoding="utf-8").splitlines()
    competency_line = next(n for n, line in enumerate(lines, 1) if line.startswith("competency:"))
    result = run_validate(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        f"{CREDENTIAL}:{competency_line}:13: error: placeholder `TODO` left in `competency`: "
        "TODO: The educator ... (one sentence). ($.competency) — replace it with the real value; "
        "the comment above the field explains it"
    ) in result.stdout.splitlines()
    placeholders = sum("TODO" in line for line in lines if not line.lstrip().startswith("#"))
    assert result.stdout.count("error: placeholder `TODO`") == placeholders


def test_new_issuer_then_pathway_validate_once_filled(project):
    assert run_new(project, "issuer", "--issuer", "beta").returncode == 0
    assert run_new(project, "pathway", "--issuer", "beta", "--id", "first-steps").returncode == 0
    for path, ids in (("catalog/beta/issuer.yml", ()), ("catalog/beta/pathways/first-steps.yml", ("exit-tickets", "feedback-loops"))):
        target = project / path
        target.write_text(fill(target.read_text(encoding="utf-8"), ids), encoding="utf-8")
    result = run_validate(project)
    assert result.returncode == 0, result.stdout
    assert "catalog/beta/" not in result.stdout
    issuer_first_line = (project / "catalog/beta/issuer.yml").read_text(encoding="utf-8").splitlines()[0]
    assert issuer_first_line == "# yaml-language-server: $schema=../../schema/issuer.schema.json"


def test_new_refuses_to_overwrite_an_existing_file(project):
    existing = project / "catalog/acme/credentials/exit-tickets.yml"
    before = existing.read_text(encoding="utf-8")
    result = run_new(project, "credential", "--issuer", "acme", "--id", "exit-tickets")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: catalog/acme/credentials/exit-tickets.yml already exists; nothing was written "
        "— pick another id, or edit the existing file"
    )
    assert existing.read_text(encoding="utf-8") == before


def test_new_refuses_an_id_another_issuer_already_uses_naming_its_file(project):
    (project / "catalog/beta").mkdir()
    (project / "catalog/beta/issuer.yml").write_text((project / "catalog/acme/issuer.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_new(project, "credential", "--issuer", "beta", "--id", "exit-tickets")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: id `exit-tickets` is already used by catalog/acme/credentials/exit-tickets.yml; nothing was written "
        "— ids are unique across the whole catalog: pick another id, e.g. beta-exit-tickets"
    )
    assert not (project / "catalog/beta/credentials").exists()


def test_new_pathway_refuses_the_id_of_a_credential(project):
    result = run_new(project, "pathway", "--issuer", "acme", "--id", "exit-tickets")
    assert result.returncode == 1
    assert "id `exit-tickets` is already used by catalog/acme/credentials/exit-tickets.yml" in result.stderr
    assert not (project / "catalog/acme/pathways/exit-tickets.yml").exists()


def test_next_steps_say_how_to_see_a_draft_and_what_to_do_when_the_port_is_busy(project):
    result = run_new(project, "credential", "--issuer", "acme", "--id", "checking-in")
    [preview] = [line for line in result.stdout.splitlines() if line.startswith("3. ")]
    assert preview.startswith("3. Preview it: set status: active (a draft has no page), run make serve and open ")
    assert preview.endswith("it reloads as you save and lists any problems at the top (port 8000 busy? make serve PORT=8001)")


def test_new_refuses_an_invalid_id_with_the_id_rule(project):
    result = run_new(project, "credential", "--issuer", "acme", "--id", "Exit_Tickets")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: `Exit_Tickets` is not a valid id — ids are lowercase letters and digits joined by "
        "single hyphens, at most 80 characters, e.g. exit-tickets"
    )
    assert not list((project / "catalog").rglob("Exit_Tickets*"))


def test_new_credential_for_a_missing_issuer_suggests_make_new_issuer(project):
    result = run_new(project, "credential", "--issuer", "nobody", "--id", "checking-in")
    assert result.returncode == 1
    assert "make new-issuer ISSUER=nobody" in result.stderr
    assert not (project / "catalog/nobody").exists()


def test_new_without_an_id_asks_for_one(project):
    result = run_new(project, "pathway", "--issuer", "acme")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no id given — e.g. make new ISSUER=acme ID=exit-tickets")
