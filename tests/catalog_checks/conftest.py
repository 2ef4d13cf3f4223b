"""The catalog checks: what an adopter's CI and every pull request run on whatever
catalog/ holds. The product's own tests (tests/) build fixture catalogs; these read the
repository's catalog/ and mkdocs.yml, or the project named by CATALOG_ROOT.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from microcred.identity import Identity, read_identity
from microcred.problems import Problem

from conftest import REPO, run_build, serve


@dataclass(frozen=True)
class BuiltCatalog:
    root: Path
    identity: Identity
    build: subprocess.CompletedProcess
    site: Path

    def published(self) -> dict:
        """The built catalog as the JSON API publishes it: what the site holds, whatever it is."""
        return json.loads((self.site / "api/v1/catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def catalog_root() -> Path:
    return Path(os.environ.get("CATALOG_ROOT") or REPO).absolute()


@pytest.fixture(scope="session")
def catalog_identity(catalog_root) -> Identity:
    identity = read_identity(catalog_root)
    assert not isinstance(identity, Problem), identity.as_text()
    return identity


@pytest.fixture(scope="session")
def catalog_build(catalog_root, catalog_identity, tmp_path_factory) -> BuiltCatalog:
    """One strict build of the catalog into a temporary folder: the repository's site/ is left alone."""
    site = tmp_path_factory.mktemp("catalog-check") / "site"
    return BuiltCatalog(catalog_root, catalog_identity, run_build(catalog_root, site), site)


@pytest.fixture(scope="session")
def built_catalog(catalog_build) -> BuiltCatalog:
    assert catalog_build.build.returncode == 0, "the strict build failed:\n" + catalog_build.build.stderr
    return catalog_build


@pytest.fixture(scope="session")
def catalog_url(built_catalog) -> str:
    server, url = serve(built_catalog.site, built_catalog.identity.site_url)
    yield url
    server.shutdown()
