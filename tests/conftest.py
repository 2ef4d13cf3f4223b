"""Shared test helpers: real projects in temporary folders, real mkdocs builds."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from urllib.parse import urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, settings

from microcred.pipeline import load_catalog

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The product's own catalogs: a rich one (several issuers, retired and draft credentials,
# `choose` stages, images, two languages) and a solo one (one issuer, one credential, no
# pathways, in French). No product test reads the repository's catalog/: that is the
# adopter's, checked by tests/catalog_checks/.
RICH = FIXTURES / "rich"
SOLO = FIXTURES / "solo"
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI") == "true"
PROJECT_PARTS = ("overrides", "schema", "hooks", "docs")
# The identity every test project is built with: the product's tests depend neither on the
# catalog an adopter puts in catalog/ nor on the identity they give mkdocs.yml.
IDENTITY = {
    "site_name": "Fixture Micro-credentials",
    "site_url": "https://fixtures.example.org/catalog/",
    "repo_url": "https://github.com/fixture-org/fixture-catalog",
    "repo_name": "fixture-org/fixture-catalog",
}
SITE_URL = IDENTITY["site_url"]
SITE_NAME = IDENTITY["site_name"]


# --- Hypothesis --------------------------------------------------------------------
# Each run draws new examples, from a seed chosen at random unless one is given, and says
# which in the report's header (and again under a failure): `--hypothesis-seed=N` replays
# the run. No example database: a run is its seed. Under CI every property draws five
# times as many examples as on a developer's machine.
HYPOTHESIS_SEED = "MICROCRED_HYPOTHESIS_SEED"  # the seed the main process chose, inherited by xdist's workers
settings.register_profile("dev", max_examples=100, deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", settings.get_profile("dev"), max_examples=500)
settings.load_profile("ci" if IN_CI else "dev")


@pytest.hookimpl(tryfirst=True)  # before Hypothesis' own plugin reads the option
def pytest_configure(config):
    seed = config.getoption("hypothesis_seed") or os.environ.get(HYPOTHESIS_SEED) or str(random.getrandbits(32))
    config.option.hypothesis_seed = os.environ[HYPOTHESIS_SEED] = str(seed)


def _seed_line(config) -> str:
    seed = config.getoption("hypothesis_seed")
    return f"hypothesis seed {seed} (profile {settings.get_current_profile_name()!r}): replay with --hypothesis-seed={seed}"


def pytest_report_header(config):
    return _seed_line(config)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if exitstatus != 0:
        terminalreporter.write_line(_seed_line(config))


def published_ids(catalog: Path, kind: str) -> set[str]:
    """Ids of a fixture catalog's definitions of a kind ("credentials", "pathways") that are not drafts."""
    return {
        path.stem
        for path in catalog.glob(f"*/{kind}/*.yml")
        if yaml.safe_load(path.read_text(encoding="utf-8"))["status"] != "draft"
    }


def require(condition: bool, what: str) -> None:
    """A test that needs a tool fails under CI and is skipped on a developer's machine."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true (.ci/run installs it)")
    pytest.skip(f"{what} is not available")


def make_project(target: Path, catalog: Path) -> Path:
    """A project folder with the repo's config, templates and code and the given catalog."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        (target / part).symlink_to(REPO / part)
    (target / "mkdocs.yml").write_text(with_identity((REPO / "mkdocs.yml").read_text(encoding="utf-8"), IDENTITY), encoding="utf-8")
    shutil.copytree(catalog, target / "catalog", symlinks=True)
    return target


def with_identity(config: str, identity: dict[str, str]) -> str:
    """mkdocs.yml text with its identity keys set, every other line as it was."""
    for key, value in identity.items():
        config, found = re.subn(rf"^{key}:.*$", f"{key}: {value}", config, count=1, flags=re.M)
        assert found, f"mkdocs.yml has no {key} line"
    return config


def env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


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


def built(root: Path) -> Path:
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def rich_project(tmp_path_factory) -> Path:
    """A project holding the rich fixture catalog."""
    return make_project(tmp_path_factory.mktemp("rich"), RICH)


@pytest.fixture(scope="session")
def catalog(rich_project):
    """The rich fixture's model, loaded once for every test that reads it (it is frozen)."""
    result = load_catalog(rich_project)
    assert result.ok, [p.as_text() for p in result.problems]
    return result.catalog


@pytest.fixture(scope="session")
def rich_site(rich_project) -> Path:
    """The rich fixture catalog built once with the real mkdocs, shared by the build tests."""
    return built(rich_project)


@pytest.fixture(scope="session")
def solo_site(tmp_path_factory) -> Path:
    """One issuer, one credential, no pathways: the smallest catalog an adopter starts with."""
    return built(make_project(tmp_path_factory.mktemp("solo"), SOLO))


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the small fixture catalog in a fresh project, ready to break."""
    return make_project(tmp_path / "project", FIXTURES / "minimal")


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the built site under the sub-path of its site_url, as GitHub Pages does."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):  # keep test output quiet
        pass


def serve(site_dir: Path, site_url: str = SITE_URL):
    """Start a local HTTP server for a built site under site_url's sub-path; returns
    (server, base URL ending in that sub-path)."""
    prefix = urlsplit(site_url).path or "/"
    handler = partial(_SubPathHandler, directory=str(site_dir), prefix=prefix)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}{prefix}"


@pytest.fixture(scope="session")
def rich_url(rich_site) -> str:
    """Base URL of the rich fixture site served on localhost under /catalog/."""
    server, url = serve(rich_site)
    yield url
    server.shutdown()


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, injected into pages by the accessibility audits (axe_audit.py)."""
    require(AXE.is_file(), "axe-core (npm ci)")
    return AXE.read_text(encoding="utf-8")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    require(Path(CHROMIUM).exists(), "Debian's chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that refuses every request to a host other than localhost."""
    context = browser.new_context()
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    tab = context.new_page()
    yield tab
    context.close()
