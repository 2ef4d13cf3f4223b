"""The preview updates in place what an edit of definitions changes, and its site is then
the one `mkdocs build` makes of the same files, byte for byte.

One `mkdocs serve` on a copy of the rich fixture takes a sequence of edits, each rebuilt
in place on top of the last; after each, a build of the same project (its site_url the
preview's own, as serve sets it) is compared with the preview's folder.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import RICH, env, make_project, with_identity
from preview_server import REBUILD, Preview

SEARCH_INDEX = "pagefind"  # Pagefind names and orders its files differently from run to run
# What the preview says once each part of an update is done: the pages that show the
# edited items, then (in the background) the lists and the catalog-wide files.
UPDATED = ("Preview updated in place: ", "Preview updated in place: the catalog's pages", "Preview updated in place: the catalog-wide files")
EPOCH = {"SOURCE_DATE_EPOCH": "1735689600"}  # the exports' date, the same in both builds


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The preview, its site folder (mkdocs makes it under TMPDIR) and a config to build the same site."""
    base = tmp_path_factory.mktemp("updates")
    (base / "tmp").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(base / "tmp"))
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
        root = make_project(base / "project", RICH)
        server = Preview.mkdocs(root).wait_until_serving()
        config = root / "full-build.yml"  # beside mkdocs.yml, where serve does not look
        config.write_text(with_identity((root / "mkdocs.yml").read_text(encoding="utf-8"), {"site_url": server.url}), encoding="utf-8")
        [site] = (base / "tmp").glob("mkdocs_*")
        yield server, site, config
        server.stop()


def unreferenced_credentials(catalog: Path) -> list[Path]:
    """Published credentials no other definition names: removing one leaves the catalog valid."""
    files = sorted(catalog.glob("*/credentials/*.yml"))
    texts = {path: path.read_text(encoding="utf-8") for path in catalog.rglob("*.yml")}
    return [path for path in files
            if yaml.safe_load(texts[path])["status"] == "active"
            and not any(re.search(rf"\b{re.escape(path.stem)}\b", text) for other, text in texts.items() if other != path)]


def without_ctid(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("ctid:"))


def retitle(path: Path, title: str) -> None:
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")


def site_files(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and SEARCH_INDEX not in p.relative_to(site).parts}


def test_each_edit_is_updated_in_place_to_the_site_a_full_build_makes(preview, tmp_path):
    server, site, config = preview
    catalog = server.root / "catalog"
    first, second = unreferenced_credentials(catalog)[:2]
    pathway = sorted(catalog.glob("*/pathways/*.yml"))[0]
    edits = {
        "a title the lists show": lambda: retitle(first, "Zz Retitled Last In The List"),
        "a new credential": lambda: (first.parent / "a-new-credential.yml").write_text(
            re.sub(r"^title: .*$", "title: A New Credential", without_ctid(first.read_text(encoding="utf-8")), count=1, flags=re.M), encoding="utf-8"),
        "a deletion": lambda: second.unlink(),
        "a rename": lambda: first.rename(first.with_name("a-renamed-credential.yml")),
        "a pathway's change": lambda: retitle(pathway, "A Pathway Retitled"),
    }
    for number, (what, apply) in enumerate(edits.items()):
        start = len(server.terminal())
        apply()
        deadline = time.monotonic() + REBUILD
        while not all(line in server.terminal()[start:] for line in UPDATED):
            assert time.monotonic() < deadline, f"{what}: not updated in place\n{server.terminal()[start:]}"
            time.sleep(0.2)
        built = tmp_path / f"built-{number}"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", str(built)],
                                cwd=server.root, capture_output=True, text=True, env={**env(), **EPOCH}, timeout=600)
        assert result.returncode == 0, result.stderr
        served, full = site_files(site), site_files(built)
        assert sorted(served) == sorted(full), what
        assert [path for path in full if served[path] != full[path]] == [], what
