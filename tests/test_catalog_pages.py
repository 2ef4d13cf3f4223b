"""The catalog at any size: the plain list paged as /catalog/page/<n>/, and the finder's
data and card files, from which the finder searches the whole catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from microcred.catalog_data import CARDS_PER_FILE
from microcred.paging import listing_pages
from microcred.search_format import unpack
from microcred.search_index import catalog_facets, credential_facets, vocabulary_order

from conftest import REPO, RICH, make_project, published_ids, run_build
from site_html import load_page

PAGE_SIZE = 4  # small, so the rich fixture's catalog takes several pages


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    """The rich fixture built with `extra.catalog.page_size` set to PAGE_SIZE."""
    root = make_project(tmp_path_factory.mktemp("paged"), RICH)
    with_size(root, PAGE_SIZE)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def with_size(root: Path, size) -> None:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  catalog:\n", f"  catalog:\n    page_size: {size}\n", 1), encoding="utf-8")


def cards_on(site: Path, path: str) -> list[str]:
    return re.findall(r'data-mc-card="([^"]+)"', (site / path / "index.html").read_text(encoding="utf-8"))


def page_count(catalog) -> int:
    return -(-len(catalog.credentials) // PAGE_SIZE)


def test_listing_pages_hold_active_credentials_then_retired_ones(catalog):
    pages = listing_pages(catalog, PAGE_SIZE)
    listed = [credential for page in pages for _, credential in page.entries]
    active = [c for c in catalog.credentials.values() if not c.is_retired]
    assert listed == active + [c for c in catalog.credentials.values() if c.is_retired]
    assert [len(page.entries) for page in pages[:-1]] == [PAGE_SIZE] * (len(pages) - 1)
    # each entry carries the credential's place in the catalog's order, the finder's number for it
    assert all(list(catalog.credentials)[place] == credential.id for page in pages for place, credential in page.entries)


def test_page_links_elide_the_far_pages(catalog):
    many = listing_pages(catalog, 1)  # a page per credential
    assert many[6].links == (1, None, 5, 6, 7, 8, 9, None, len(many))
    assert many[0].links[:4] == (1, 2, 3, None)


def test_every_published_credential_is_on_exactly_one_page_of_the_plain_list(paged_site, catalog):
    pages = ["catalog"] + [f"catalog/page/{n}" for n in range(2, page_count(catalog) + 1)]
    listed = [cid for path in pages for cid in cards_on(paged_site, path)]
    assert sorted(listed) == sorted(published_ids(RICH, "credentials"))
    assert len(cards_on(paged_site, "catalog")) == PAGE_SIZE
    assert not (paged_site / f"catalog/page/{page_count(catalog) + 1}").exists()


def test_each_page_links_its_neighbours_with_rel_prev_and_next(paged_site):
    second = load_page(paged_site, "catalog/page/2/")
    links = {a.attrs.get("rel"): a.attrs["href"] for a in second.dom.find_all("a") if a.attrs.get("rel") in ("prev", "next")}
    assert links == {"prev": "../../", "next": "../3/"}
    first = load_page(paged_site, "catalog/")
    assert [a.attrs["href"] for a in first.dom.find_all("a") if a.attrs.get("rel") == "next"] == ["page/2/"]
    assert second.h1s() == ["Catalog, page 2"]


def test_retired_credentials_close_the_list_in_their_own_section(paged_site, catalog):
    last = f"catalog/page/{page_count(catalog)}"
    html = (paged_site / last / "index.html").read_text(encoding="utf-8")
    retired = [c.id for c in catalog.credentials.values() if c.is_retired]
    assert retired and all(f'data-mc-card="{cid}"' in html[html.index('id="mc-retired"'):] for cid in retired)


def test_only_the_first_page_holds_the_finder(paged_site):
    assert "data-mc-finder" in (paged_site / "catalog/index.html").read_text(encoding="utf-8")
    second = (paged_site / "catalog/page/2/index.html").read_text(encoding="utf-8")
    assert "data-mc-finder" not in second and "catalog.js" not in second


def test_a_page_size_that_is_not_a_whole_number_stops_the_build_with_one_line(tmp_path):
    root = make_project(tmp_path / "project", RICH)
    with_size(root, "fifty")
    result = run_build(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "mkdocs.yml: extra.catalog.page_size is 'fifty' — write a whole number of cards, 1 or more (default 50)" in output
    assert "Traceback" not in output and "warning" not in output  # said before the catalog is loaded


# ------------------------------------------------------------------- finder files


def finder_data(site: Path) -> tuple[dict, Path]:
    html = (site / "catalog/index.html").read_text(encoding="utf-8")
    path = site / "catalog" / re.search(r'data-mc-data="([^"]+)"', html)[1]
    return json.loads(unpack(path.read_bytes())["finder.json"]), path.parent


def test_finder_data_gives_each_credential_its_facet_values_in_the_catalogs_order(rich_site, catalog):
    data, _ = finder_data(rich_site)
    facets = catalog_facets(catalog, vocabulary_order(REPO / "schema"))
    assert data["facets"] == [[f.key, [v.value for v in f.values]] for f in facets]
    numbered = [(key, value) for key, values in data["facets"] for value in values]
    for credential, values in zip(catalog.credentials.values(), data["values"], strict=True):
        offered = {(key, value) for key, held in credential_facets(credential).items() for value in held} & set(numbered)
        assert {numbered[n] for n in values} == offered, credential.id
    assert data["hours"] == [c.estimated_hours for c in catalog.credentials.values()]
    assert [list(catalog.credentials)[n] for n in data["retired"]] == [c.id for c in catalog.credentials.values() if c.is_retired]


def test_card_files_hold_every_credentials_card_in_the_catalogs_order(rich_site, catalog):
    data, folder = finder_data(rich_site)
    html = "".join(unpack((folder / name).read_bytes())["cards.html"].decode("utf-8") for name in data["cards"])
    assert re.findall(r'data-mc-card="([^"]+)"', html) == list(catalog.credentials)
    assert re.findall(r'data-mc-item="(\d+)"', html) == [str(n) for n in range(len(catalog.credentials))]
    assert len(data["cards"]) == -(-len(catalog.credentials) // CARDS_PER_FILE)
    # rendered for /catalog/, where the finder shows them
    assert 'href="../credentials/exit-tickets/"' in html


def test_the_catalog_page_holds_a_first_page_of_cards_whatever_the_catalog_size(paged_site, rich_site):
    assert len(cards_on(paged_site, "catalog")) == PAGE_SIZE
    paged = (paged_site / "catalog/index.html").stat().st_size
    whole = (rich_site / "catalog/index.html").stat().st_size
    assert paged < whole
