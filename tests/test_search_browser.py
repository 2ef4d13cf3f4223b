"""Searching and filtering the catalog, and the header search, in real Chromium."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from microcred.pagefind_index import write_search_index
from microcred.search_index import search_records

from audit_pages import CATALOG_RENDERED, open_catalog
from conftest import REPO, serve

pytestmark = pytest.mark.browser

def result_titles(page):
    return page.locator("[data-mc-results] .mc-card__title").all_inner_texts()


def facet_option(page, facet, value):
    return page.locator(f'[data-mc-facet="{facet}"] input[value="{value}"]')


def count_of(page, facet, value):
    return facet_option(page, facet, value).locator("xpath=..").locator("[data-mc-count]").inner_text()


def all_results(page):
    while page.is_visible("[data-mc-more]"):
        page.click("[data-mc-more]")
    return result_titles(page)


def check(page, facet, value):
    facet_option(page, facet, value).check()
    page.wait_for_function(CATALOG_RENDERED)


def test_word_from_a_competency_finds_its_credential_first(page, rich_url):
    open_catalog(page, rich_url)
    page.fill("#mc-query", "orchestrate")
    page.wait_for_function(CATALOG_RENDERED)
    assert result_titles(page)[0] == "Academic Discourse with Accountable Talk"
    assert "q=orchestrate" in page.url


def test_two_facets_narrow_results_with_counts_per_value(page, rich_url, catalog):
    open_catalog(page, rich_url)
    check(page, "grade", "3-5")
    check(page, "subject", "mathematics")
    active = [c for c in catalog.credentials.values() if not c.is_retired]
    expected = [c.title for c in active if "3-5" in c.grade_bands and "mathematics" in c.subjects]
    assert result_titles(page) == expected
    assert page.inner_text("[data-mc-status]") == f"{len(expected)} credentials"
    # A value's count holds for the query and the other facets' filters, not its own facet's.
    science = [c for c in active if "3-5" in c.grade_bands and "science" in c.subjects]
    assert count_of(page, "subject", "science") == f"({len(science)})"
    k2 = [c for c in active if "mathematics" in c.subjects and "k-2" in c.grade_bands]
    assert count_of(page, "grade", "k-2") == f"({len(k2)})"
    assert parse_qs(urlsplit(page.url).query) == {"grade": ["3-5"], "subject": ["mathematics"]}


def test_facet_counts_follow_the_typed_query(page, rich_url, catalog):
    open_catalog(page, rich_url)
    page.fill("#mc-query", "mathematics")
    page.wait_for_function(CATALOG_RENDERED)
    found = [c for c in catalog.credentials.values() if c.title in set(all_results(page))]
    assert 0 < len(found) < len([c for c in catalog.credentials.values() if not c.is_retired])
    bands = page.locator('[data-mc-facet="grade"] input').evaluate_all("boxes => boxes.map(box => box.value)")
    assert bands
    for band in bands:
        assert count_of(page, "grade", band) == f"({sum(band in c.grade_bands for c in found)})"


def test_reloading_a_shared_link_restores_query_filters_and_results(page, rich_url):
    open_catalog(page, rich_url, "?q=students&grade=3-5&subject=mathematics")
    before = result_titles(page)
    assert before
    page.reload()
    page.wait_for_function(CATALOG_RENDERED)
    assert page.input_value("#mc-query") == "students"
    assert facet_option(page, "grade", "3-5").is_checked()
    assert facet_option(page, "subject", "mathematics").is_checked()
    assert result_titles(page) == before


def test_back_returns_to_the_previous_filters(page, rich_url):
    open_catalog(page, rich_url)
    check(page, "grade", "3-5")
    grade_only = result_titles(page)
    check(page, "cost", "free")
    assert result_titles(page) != grade_only
    page.go_back()
    page.wait_for_function(CATALOG_RENDERED)
    assert not facet_option(page, "cost", "free").is_checked()
    assert facet_option(page, "grade", "3-5").is_checked()
    assert result_titles(page) == grade_only


def test_empty_query_lists_active_credentials_in_catalog_order(page, rich_url, catalog):
    open_catalog(page, rich_url)
    active = [c.title for c in catalog.credentials.values() if not c.is_retired]
    assert page.inner_text("[data-mc-status]").startswith(f"{len(active)} credentials")
    while page.is_visible("[data-mc-more]"):
        page.click("[data-mc-more]")
    assert result_titles(page) == active
    assert page.is_hidden("[data-mc-list]")  # the plain list gives way to the results


def test_retired_credentials_only_with_the_toggle(page, rich_url):
    open_catalog(page, rich_url, "?q=slips")
    assert "Exit Slips" not in result_titles(page)
    page.check("[data-mc-retired]")
    page.wait_for_function(CATALOG_RENDERED)
    assert "Exit Slips" in result_titles(page)
    assert "retired=1" in page.url


def test_clear_all_resets_query_filters_and_url(page, rich_url, catalog):
    open_catalog(page, rich_url, "?q=students&grade=3-5&retired=1")
    page.click("[data-mc-clear]")
    page.wait_for_function(CATALOG_RENDERED)
    assert page.input_value("#mc-query") == ""
    assert not facet_option(page, "grade", "3-5").is_checked()
    assert urlsplit(page.url).query == ""
    assert page.inner_text("[data-mc-status]").startswith(f"{len(catalog.active_credentials)} credentials")


def header_results(page, term):
    page.fill("#mc-search-input", term)
    page.wait_for_function(
        "t => document.querySelector('[data-mc-search-status]').textContent !== '' && "
        "document.querySelector('#mc-search-input').value === t", arg=term)
    page.wait_for_selector("#mc-search-results:not([hidden])")
    return page.locator("#mc-search-results a")


def test_header_search_finds_a_pathway_and_an_issuer(page, rich_url):
    page.goto(rich_url)
    links = header_results(page, "multilingual")
    assert links.first.locator(".mc-search__type").text_content() == "Pathway"
    links.first.click()
    page.wait_for_url(f"{rich_url}pathways/language-rich-classrooms/")
    links = header_results(page, "Northwind")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/catalog/issuers/northwind-schools/" in hrefs


def test_header_search_closes_with_escape(page, rich_url):
    page.goto(f"{rich_url}pathways/")
    header_results(page, "exit")
    page.keyboard.press("Escape")
    assert page.is_hidden("#mc-search-results")
    assert page.evaluate("document.activeElement.id") == "mc-search-input"


def test_no_request_leaves_the_site(page, rich_url):
    requests = []
    page.on("request", lambda request: requests.append(request))
    open_catalog(page, rich_url, "?q=exit&grade=3-5")
    header_results(page, "coaching")
    assert any("/pagefind/" in r.url for r in requests)
    # The theme's repository-facts call to api.github.com is stopped by the page's CSP, unsent.
    outside = {r.url: r.failure for r in requests if urlsplit(r.url).hostname != "127.0.0.1"}
    assert set(outside.values()) <= {"csp"}, outside


def test_catalog_works_at_phone_width(page, rich_url):
    page.set_viewport_size({"width": 360, "height": 740})
    open_catalog(page, rich_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("[data-mc-open]")  # the facets are a drawer on a phone
    check(page, "grade", "k-2")
    page.click("[data-mc-show]")
    assert "grade=k-2" in page.url
    assert page.is_visible("#mc-search-input")


def test_search_controls_are_reachable_by_keyboard(page, rich_url):
    open_catalog(page, rich_url, "?grade=3-5")
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(
            "(e => e.hasAttribute('data-mc-clear') ? 'clear' : e.hasAttribute('data-mc-copy') ? 'copy'"
            " : e.hasAttribute('data-mc-chip') ? 'chip' : e.id || e.name)(document.activeElement)"))
    assert {"mc-search-input", "mc-query", "grade", "subject", "cost", "language", "retired", "sort", "copy", "chip", "clear"} <= reached


def test_no_serious_accessibility_violations_in_search(page, rich_url, axe_source):
    open_catalog(page, rich_url, "?q=students&grade=3-5")
    header_results(page, "exit")
    page.evaluate(axe_source)  # evaluated by the driver: the page's CSP refuses inline scripts
    violations = page.evaluate(
        "async () => (await axe.run({include: [['.mc-search'], ['.mc-finder']]})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.nodes[0].target)")
    assert violations == []


def test_search_benchmark_on_a_small_catalog_is_within_the_targets_it_reports(rich_site, browser, monkeypatch):
    """bench/search_bench.py on the sample site: every target `make bench` prints beside a
    figure names a figure the benchmark measures, and the rich fixture's two dozen
    credentials meet the targets set for 10,000 (a debounce, an index fetched whole, a
    heavier catalog page would not); the bytes fetched for the query after the keystroke
    are part of the search's."""
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    from run import SEARCH_TARGETS
    from search_bench import measure

    figures = measure(rich_site, queries=("exit tickets",), facets=(("grade", "3-5"),), browser=browser)
    assert set(SEARCH_TARGETS) <= set(figures)
    assert {name: figures[name] for name, limit in SEARCH_TARGETS.items() if not 0 < figures[name] < limit} == {}, SEARCH_TARGETS
    assert 0 < figures["query_bytes_after_keystroke"] < figures["search_bytes_to_first_results"]


@pytest.fixture(scope="module")
def sharded_url(rich_site, catalog, tmp_path_factory):
    """The sample site with its index in shards of 3 records, in two groups of shards (as
    the benchmark's 10,000 credentials are in shards of 640)."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(rich_site, site)
    write_search_index(search_records(catalog), REPO / "overrides" / "search", site, shard_size=3)
    server, url = serve(site)
    yield url
    server.shutdown()


def counts(page):
    return page.locator("[data-mc-facet] label").all_inner_texts()


def test_a_sharded_index_finds_and_counts_what_one_index_does(page, rich_url, sharded_url):
    open_catalog(page, rich_url, "?q=students&grade=3-5")
    whole = (set(all_results(page)), counts(page), page.inner_text("[data-mc-status]"))
    requests = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    open_catalog(page, sharded_url, "?q=students&grade=3-5")
    assert (set(all_results(page)), counts(page), page.inner_text("[data-mc-status]")) == whole
    # The word's chunks of every shard came as one bundle, not one request per shard.
    assert [path for path in requests if path.endswith(".pf_index")] == []
    assert len([path for path in requests if "/pagefind/bundles/" in path]) == 1 + 1  # the init bundle, the word's
    page.fill("#mc-query", "orchestrate")
    page.wait_for_function(CATALOG_RENDERED)
    assert result_titles(page)[0] == "Academic Discourse with Accountable Talk"


def test_header_search_over_a_sharded_index(page, sharded_url):
    page.goto(f"{sharded_url}pathways/")
    links = header_results(page, "multilingual")
    assert links.first.locator(".mc-search__type").text_content() == "Pathway"
    assert links.first.get_attribute("href") == "/catalog/pathways/language-rich-classrooms/"


def test_search_runs_in_the_page_without_workers(page, sharded_url):
    page.add_init_script("delete window.Worker")
    open_catalog(page, sharded_url)
    page.fill("#mc-query", "orchestrate")
    page.wait_for_function(CATALOG_RENDERED)
    assert result_titles(page)[0] == "Academic Discourse with Accountable Talk"
    check(page, "grade", "3-5")
    assert "grade=3-5" in page.url


def test_without_decompression_the_catalog_keeps_its_plain_list_and_the_header_searches(page, sharded_url):
    page.add_init_script("delete window.DecompressionStream")
    page.goto(f"{sharded_url}catalog/?q=orchestrate")
    page.wait_for_selector("[data-mc-finder]", state="hidden")
    assert page.is_visible("[data-mc-list]")
    links = header_results(page, "multilingual")
    assert links.first.locator(".mc-search__type").text_content() == "Pathway"
