"""Where everything lives: site_urls.py gives every page, image and export the path of the
contract's URL table (DESIGN.md), and it is the only place that spells one."""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatchcase

import pytest
from mkdocs.structure.files import File

from microcred.model import Credential
from microcred.pages import PageSpec, plan_pages
from microcred.site_urls import (
    CATALOG_API_PATH,
    CATALOG_CSV_PATH,
    CTDL_CATALOG_PATH,
    FEED_PATH,
    SitePaths,
    SiteUrls,
    badge_path,
    credential_api_path,
    credential_page_path,
    ctdl_path,
    hub_path,
    image_path,
    issuer_page_path,
    listing_path,
    ob3_path,
    pathway_api_path,
    pathway_page_path,
    schema_path,
)

from conftest import REPO, SHARED, require

ID, N = "exit-tickets", 7  # what stands for <id> and <n> in the table

# (the path site_urls gives, the URL DESIGN.md's table writes for it)
CONTRACT = [
    (hub_path("catalog"), "/catalog/"),
    (listing_path(1), "/catalog/"),
    (listing_path(N), "/catalog/page/<n>/"),
    (credential_page_path(ID), "/credentials/<id>/"),
    (hub_path("pathways"), "/pathways/"),
    (pathway_page_path(ID), "/pathways/<id>/"),
    (issuer_page_path(ID), "/issuers/<id>/"),
    (CATALOG_API_PATH, "/api/v1/catalog.json"),
    (credential_api_path(ID), "/api/v1/credentials/<id>.json"),
    (pathway_api_path(ID), "/api/v1/pathways/<id>.json"),
    (ob3_path(ID), "/ob3/<id>.json"),
    (schema_path("credential.schema.json"), "/schema/v1/*.schema.json"),
    (CATALOG_CSV_PATH, "/api/v1/catalog.csv"),
    (CTDL_CATALOG_PATH, "/ctdl/catalog.json"),
    (ctdl_path("credentials", ID), "/ctdl/credentials/<id>.json"),
    (ctdl_path("pathways", ID), "/ctdl/pathways/<id>.json"),
    (ctdl_path("issuers", ID), "/ctdl/issuers/<id>.json"),
    (FEED_PATH, "/feed.xml"),
]


def design_urls() -> set[str]:
    """Every URL the Outputs table of DESIGN.md writes in backticks."""
    design = SHARED / "DESIGN.md"
    require(design.is_file(), f"the contract {design}")
    text = design.read_text(encoding="utf-8")
    table = text.split("## Outputs", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`(/[^`\s]*)`", table))


@pytest.mark.parametrize(("path", "url"), CONTRACT, ids=[url for _, url in CONTRACT])
def test_each_path_is_the_url_of_the_contract(path, url):
    assert url in design_urls()
    assert fnmatchcase("/" + path, url.replace("<id>", ID).replace("<n>", str(N)))


def test_a_list_page_is_one_of_the_navigations_three():
    # The table names /issuers/<id>/ only; the list of issuers is in the navigation beside /pathways/.
    assert hub_path("issuers") == "issuers/"
    with pytest.raises(ValueError, match="credentials"):
        hub_path("credentials")


def test_images_are_published_under_their_issuer_and_generated_badges_by_credential(catalog):
    with_image = next(c for c in catalog.credentials.values() if c.image)
    without = next(c for c in catalog.credentials.values() if not c.image)
    assert image_path("acme", "images/logo.svg") == "assets/catalog/acme/images/logo.svg"
    assert badge_path(with_image) == image_path(with_image.issuer_id, with_image.image)
    assert badge_path(without) == f"badges/{without.id}.svg"


def test_absolute_urls_are_the_paths_under_the_site_url_and_its_sub_path(catalog):
    urls = SiteUrls.for_site("https://example.org/catalog")
    credential: Credential = next(iter(catalog.credentials.values()))
    issuer = next(i for i in catalog.issuers.values() if i.logo)
    assert urls.credential_page(ID) == "https://example.org/catalog/credentials/exit-tickets/"
    assert urls.pathway_page(ID) == "https://example.org/catalog/" + pathway_page_path(ID)
    assert urls.issuer_page(ID) == "https://example.org/catalog/" + issuer_page_path(ID)
    assert urls.credential_api(ID) == "https://example.org/catalog/" + credential_api_path(ID)
    assert urls.badge(credential) == "https://example.org/catalog/" + badge_path(credential)
    assert urls.logo(issuer) == "https://example.org/catalog/" + image_path(issuer.id, issuer.logo)


def test_templates_get_the_same_paths():
    site_path = SitePaths()
    assert (site_path.credential(ID), site_path.pathway(ID), site_path.issuer(ID)) == (
        credential_page_path(ID), pathway_page_path(ID), issuer_page_path(ID))
    assert (site_path.hub("pathways"), site_path.listing(N), site_path.image(ID, "images/x.svg")) == (
        hub_path("pathways"), listing_path(N), image_path(ID, "images/x.svg"))


def test_mkdocs_publishes_every_planned_page_at_its_path(catalog, tmp_path):
    specs = plan_pages(catalog, page_size=2)
    assert {spec.kind for spec in specs} == {"catalog", "credential", "pathways", "pathway", "issuers", "issuer"}
    assert any(spec.listing and spec.listing.number > 1 for spec in specs)
    for spec in specs:
        assert File(spec.src_uri, str(tmp_path), str(tmp_path), use_directory_urls=True).url == spec.path


def test_a_list_is_its_folders_index_as_the_nav_names_it():
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for kind in ("catalog", "pathways", "issuers"):
        src_uri = PageSpec(hub_path(kind), f"{kind}.html", kind, kind, kind).src_uri
        assert src_uri == f"{kind}/index.md" and f": {src_uri}\n" in nav


# --- no path spelled by hand ---------------------------------------------------------

# A site path of a page or an issuer's image at the start of a string. In Python, the bare
# "catalog/" is left out: the repository's definitions live in a folder of that name too,
# which discover.py, layout.py and adopt.py name.
MODULE_PATH = re.compile(r"(?:credentials|pathways|issuers)/|catalog/page/|assets/catalog(?:/|$)|badges/")
TEMPLATE_PATH = re.compile(r"""["'](?:(?:credentials|pathways|issuers)/|catalog/(?:page/|["'])|assets/catalog/|badges/)""")


def paths_in_python(source: str) -> list[tuple[int, str]]:
    """(line, string) of each string of the code that starts with a site path; comments
    are no strings, and a docstring starts with its prose."""
    # f-string pieces are constants too, so f"credentials/{id}/" is caught
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and MODULE_PATH.match(node.value)]


def hand_built_in_modules() -> list[str]:
    return [f"{module.relative_to(REPO)}:{line}: {text[:60]!r}"
            for module in sorted((REPO / "hooks").rglob("*.py")) if module.name != "site_urls.py"
            for line, text in paths_in_python(module.read_text(encoding="utf-8"))]


def hand_built_in_templates() -> list[str]:
    found = []
    overrides = REPO / "overrides"
    for template in sorted(overrides.rglob("*.html")):
        name = template.relative_to(overrides).as_posix()
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            if TEMPLATE_PATH.search(line):
                found.append(f"overrides/{name}:{number}: {line.strip()[:100]}")
    return found


def test_no_module_but_site_urls_spells_a_path():
    assert hand_built_in_modules() == [], "ask microcred.site_urls for the path"


def test_no_template_spells_a_path():
    assert hand_built_in_templates() == [], "use site_path (pages.page_context): site_path.credential(id) | url"


def test_the_scans_find_a_path_spelled_by_hand():
    source = 'url = f"credentials/{c.id}/"  # e.g. "pathways/x/"\npage = "catalog/page/" + str(n)\nfolder = f"catalog/{issuer}"\n'
    assert paths_in_python(source) == [(1, "credentials/"), (2, "catalog/page/")]
    assert TEMPLATE_PATH.search("{{ ('pathways/' ~ p.id ~ '/') | url }}")
    assert TEMPLATE_PATH.search("{% trans url=\"catalog/\" | url %}")
    assert not TEMPLATE_PATH.search('{% include "partials/catalog/credit.html" %}')
