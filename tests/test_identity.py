"""The organisation's identity comes from mkdocs.yml alone: a site built with another identity
names neither the template's nor the repository's anywhere, in any file."""

from __future__ import annotations

import gzip
import json
import re

import pytest
import yaml

from microcred.search_format import unpack

from conftest import IDENTITY, REPO, SITE_NAME, SITE_URL, SOLO, make_project, run_build

TEMPLATE_NAMES = ("microcred-catalog", "Micro-credential Catalog")
REPOSITORY = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _texts(data: bytes, name: str):
    """Every text a file holds: gzip and Pagefind bundles opened, binary parts read as far as they are text."""
    if name.endswith(".bin"):  # a search bundle: copies of Pagefind's files
        for member_name, member in unpack(data).items():
            yield from _texts(member, member_name)
        return
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    yield data.decode("utf-8", errors="ignore")


def _site_texts(site):
    for file in sorted(site.rglob("*")):
        if file.is_file():
            for text in _texts(file.read_bytes(), file.name):
                yield file.relative_to(site).as_posix(), text


@pytest.mark.parametrize("site_fixture", ["rich_site", "solo_site"])
def test_no_file_of_a_site_built_with_another_identity_names_the_repositorys(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    foreign = {*TEMPLATE_NAMES, *(REPOSITORY.get(key) for key in ("site_url", "repo_url", "repo_name"))} - {None, ""}
    foreign -= {value for value in foreign if any(value in own for own in IDENTITY.values())}
    texts = list(_site_texts(site))
    assert sum(SITE_URL in text for _, text in texts) > 10  # the scan reads the files that carry an identity
    assert sorted({(path, name) for path, text in texts for name in foreign if name in text}) == []


def test_pages_feed_exports_and_schemas_carry_the_configured_identity(rich_site):
    assert SITE_NAME in (rich_site / "index.html").read_text(encoding="utf-8")
    assert SITE_URL in (rich_site / "feed.xml").read_text(encoding="utf-8")
    catalog = json.loads((rich_site / "api/v1/catalog.json").read_text(encoding="utf-8"))
    assert all(c["urls"]["page"].startswith(SITE_URL) for c in catalog["credentials"])
    schema = json.loads((rich_site / "schema/v1/credential.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"{SITE_URL}schema/v1/credential.schema.json"
    assert IDENTITY["repo_url"] in (rich_site / "credentials").joinpath(catalog["credentials"][0]["id"], "index.html").read_text(encoding="utf-8")


def test_build_without_site_url_stops_with_one_line_before_building_anything(tmp_path):
    root = make_project(tmp_path / "project", SOLO)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    result = run_build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "mkdocs.yml:1:1: error: site_url is missing or not an absolute http(s) URL ($.site_url)" in output
    assert not (root / "site").exists()
