"""The catalog's finder as an educator meets it, in real Chromium: results on the first
screen of a laptop and of a phone, sort, active-filter chips, the copied link, the
retired credentials, skip links, and untrusted state in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest

from microcred.search_index import hours_bucket

from audit_pages import CATALOG_RENDERED, open_catalog

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def rendered(page):
    page.wait_for_function(CATALOG_RENDERED)


def result_ids(page):
    """Every result, in order ("Show more" pressed until all are shown)."""
    while page.is_visible("[data-mc-more]"):
        page.click("[data-mc-more]")
        rendered(page)
    return page.locator("[data-mc-results] [data-mc-card]").evaluate_all("cards => cards.map(c => c.dataset.mcCard)")


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def on_screen(page, selector) -> bool:
    found = box(page, selector)
    return found is not None and found["y"] >= 0 and found["y"] + found["height"] <= page.viewport_size["height"]


def test_results_and_their_count_are_on_a_laptops_first_screen_while_typing(page, rich_url):
    page.set_viewport_size(LAPTOP)
    open_catalog(page, rich_url)
    page.fill("#mc-query", "math")
    rendered(page)
    assert on_screen(page, "[data-mc-status]") and page.inner_text("[data-mc-status]").endswith("credentials")
    assert on_screen(page, "[data-mc-results] .mc-card__title")
    # the facets sit beside the results, not above them
    assert box(page, "[data-mc-filters]")["x"] < box(page, "[data-mc-results]")["x"]
    page.fill("#mc-query", "zzyzx")
    rendered(page)
    assert on_screen(page, "[data-mc-status]") and on_screen(page, "[data-mc-empty]")


def test_the_count_is_announced_as_it_changes(page, rich_url):
    open_catalog(page, rich_url)
    status = page.locator("[data-mc-status]")
    assert status.get_attribute("role") == "status"  # a polite live region
    before = status.inner_text()
    page.fill("#mc-query", "leadership")
    rendered(page)
    assert status.inner_text() != before


def test_on_a_phone_the_filters_are_a_drawer_that_shows_its_results(page, rich_url, catalog):
    page.set_viewport_size(PHONE)
    open_catalog(page, rich_url)
    assert page.is_hidden("[data-mc-filters]")
    assert box(page, "[data-mc-results] .mc-card")["y"] < PHONE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("[data-mc-open]")
    drawer = box(page, "[data-mc-filters]")
    assert (drawer["x"], drawer["y"], drawer["width"], drawer["height"]) == (0, 0, PHONE["width"], PHONE["height"])
    assert page.get_attribute("[data-mc-open]", "aria-expanded") == "true"
    page.locator('[data-mc-facet="subject"] input[value="mathematics"]').check()
    rendered(page)
    expected = [c for c in catalog.active_credentials if "mathematics" in c.subjects]
    show = page.locator("[data-mc-show]")
    assert on_screen(page, "[data-mc-show]") and show.inner_text() == f"Show {len(expected)} results"
    show.click()
    assert page.is_hidden("[data-mc-filters]")
    assert page.evaluate("document.activeElement.id") == "mc-results"
    assert sorted(result_ids(page)) == sorted(c.id for c in expected)
    assert page.inner_text("[data-mc-open]") == "Filters (1)"


def test_escape_closes_the_drawer_and_gives_focus_back(page, rich_url):
    page.set_viewport_size(PHONE)
    open_catalog(page, rich_url)
    page.click("[data-mc-open]")
    page.keyboard.press("Escape")
    assert page.is_hidden("[data-mc-filters]")
    assert page.evaluate("document.activeElement.hasAttribute('data-mc-open')")


SORTS = {
    "title": lambda c: (c.title.casefold(), c.id),
    "newest": lambda c: (-c.published.toordinal(), c.title.casefold(), c.id),
    "hours": lambda c: (c.estimated_hours, c.title.casefold(), c.id),
    "cost": lambda c: (c.cost.amount, c.title.casefold(), c.id),
}


@pytest.mark.parametrize("sort", SORTS)
def test_sort_orders_the_results_and_is_kept_in_the_url(page, rich_url, catalog, sort):
    open_catalog(page, rich_url)
    page.select_option("[data-mc-sort]", sort)
    rendered(page)
    assert result_ids(page) == [c.id for c in sorted(catalog.active_credentials, key=SORTS[sort])]
    assert parse_qs(urlsplit(page.url).query) == ({} if sort == "title" else {"sort": [sort]})
    page.reload()
    rendered(page)
    assert page.input_value("[data-mc-sort]") == sort


def test_best_match_is_the_sort_of_a_query_and_offered_only_with_one(page, rich_url):
    open_catalog(page, rich_url)
    relevance = page.locator("[data-mc-sort] option[value=relevance]")
    assert relevance.is_disabled()
    page.fill("#mc-query", "coaching")
    rendered(page)
    assert page.input_value("[data-mc-sort]") == "relevance" and not relevance.is_disabled()
    assert result_ids(page)[0] == "instructional-coaching-cycles"


def test_each_active_filter_is_a_chip_that_removes_it(page, rich_url):
    open_catalog(page, rich_url, "?grade=3-5&subject=mathematics&retired=1")
    chips = page.locator("[data-mc-chip]")
    assert chips.all_inner_texts() == ["Grade band: Grades 3–5", "Subject: Mathematics", "Including retired"]
    assert chips.first.get_attribute("aria-label") == "Remove Grade band: Grades 3–5"
    chips.first.click()
    rendered(page)
    assert parse_qs(urlsplit(page.url).query) == {"subject": ["mathematics"], "retired": ["1"]}
    assert not page.locator('[data-mc-facet="grade"] input[value="3-5"]').is_checked()
    assert page.evaluate("document.activeElement.textContent") == "Subject: Mathematics"
    page.click("[data-mc-clear]")
    rendered(page)
    assert page.is_hidden("[data-mc-active]") and urlsplit(page.url).query == ""


def test_copy_link_copies_the_address_of_these_results(browser, rich_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    try:
        open_catalog(tab, rich_url, "?q=math&grade=3-5&sort=hours")
        tab.click("[data-mc-copy]")
        tab.wait_for_function("() => document.querySelector('[data-mc-copied]').textContent === 'Link copied'")
        assert tab.evaluate("navigator.clipboard.readText()") == tab.url
        assert parse_qs(urlsplit(tab.url).query) == {"q": ["math"], "grade": ["3-5"], "sort": ["hours"]}
    finally:
        context.close()


def test_a_query_only_a_retired_credential_matches_offers_to_show_it(page, rich_url):
    open_catalog(page, rich_url, "?q=slips")
    assert result_ids(page) == []
    assert page.inner_text("[data-mc-empty-text]") == "No credential matches \u201cslips\u201d."
    offer = page.locator("[data-mc-show-retired]")
    assert offer.inner_text() == "Show the 1 retired credential that matches"
    offer.click()
    rendered(page)
    assert result_ids(page) == ["exit-slips"]
    assert parse_qs(urlsplit(page.url).query) == {"q": ["slips"], "retired": ["1"]}


def test_including_retired_credentials_combines_with_every_facet(page, rich_url, catalog):
    retired = next(c for c in catalog.credentials.values() if c.is_retired)
    subject = retired.subjects[0]
    with_facet = f"?subject={subject}"
    open_catalog(page, rich_url, with_facet)
    assert retired.id not in result_ids(page)
    open_catalog(page, rich_url, with_facet + "&retired=1")
    assert retired.id in result_ids(page)
    other = next(v for v in {s for c in catalog.active_credentials for s in c.subjects} if v not in retired.subjects)
    open_catalog(page, rich_url, f"?subject={other}&retired=1")
    assert retired.id not in result_ids(page)


def test_a_ten_hour_credential_is_under_the_range_that_says_ten(page, rich_url, catalog):
    ten = [c.id for c in catalog.active_credentials if c.estimated_hours == 10]
    assert ten, "the rich fixture has a 10-hour credential"
    open_catalog(page, rich_url, f"?hours={hours_bucket(10)}")
    label = page.locator(f'[data-mc-facet="hours"] input[value="{hours_bucket(10)}"] + .mc-facet__label').inner_text()
    assert label == "10 to under 20 hours"
    assert set(ten) <= set(result_ids(page))
    open_catalog(page, rich_url, f"?hours={hours_bucket(9.5)}")
    assert not set(ten) & set(result_ids(page))


HOSTILE = {
    "q": '<img src=x onerror="window.__hacked=1">',
    "grade": "javascript:window.__hacked=1",
    "subject": ".*(",
    "sort": "<script>window.__hacked=1</script>",
    "retired": "yes",
}


def test_hostile_or_unknown_state_in_the_url_is_ignored_and_named_as_text(page, rich_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    query = "&".join(f"{key}={quote(value)}" for key, value in HOSTILE.items())
    open_catalog(page, rich_url, "?" + query)
    assert errors == []
    assert page.evaluate("window.__hacked") is None
    assert page.locator("[data-mc-finder] img, [data-mc-finder] script").count() == 0
    note = page.inner_text("[data-mc-note]")
    assert note == ("Ignored in this link: retired \u201cyes\u201d, grade band \u201cjavascript:window.__hacked=1\u201d, "
                    "subject \u201c.*(\u201d, sort \u201c<script>window.__hacked=1</script>\u201d.")
    assert page.input_value("#mc-query") == HOSTILE["q"]
    assert page.input_value("[data-mc-sort]") == "relevance"


def test_a_long_query_of_pattern_characters_searches_without_error(page, rich_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_catalog(page, rich_url)
    page.fill("#mc-query", ("(math)* [a-z]+ ^$ \\d{2} " * 100)[:2000])
    rendered(page)
    assert errors == []
    assert len(page.input_value("#mc-query")) <= 200  # the field takes 200 characters
    assert page.inner_text("[data-mc-status]")


GENERATED_PAGES = ["", "catalog/", "credentials/exit-tickets/", "pathways/assessment-for-learning/", "issuers/northwind-schools/"]


@pytest.mark.parametrize("path", GENERATED_PAGES)
def test_the_first_tab_reaches_a_skip_link_past_the_header_and_navigation(page, rich_url, path):
    page.goto(rich_url + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


def test_a_keyboard_reaches_the_first_result_in_a_few_presses(page, rich_url):
    open_catalog(page, rich_url)
    keys = ["Tab", "Enter", "Tab", "Tab", "Enter", "Tab"]  # skip link, search field, skip to results, first card
    for key in keys:
        page.keyboard.press(key)
    first = page.locator("[data-mc-results] .mc-card__title a").first
    assert page.evaluate("document.activeElement.href") == first.evaluate("a => a.href")


@pytest.mark.parametrize(("viewport", "query", "action"), [
    (PHONE, "?grade=3-5", "[data-mc-open]"),  # the drawer open
    (LAPTOP, "?q=slips&subject=assessment&grade=unknown", None),  # empty state, chips, a note
])
def test_no_serious_accessibility_violations_in_the_finders_states(page, rich_url, axe_source, viewport, query, action):
    page.set_viewport_size(viewport)
    open_catalog(page, rich_url, query)
    if action:
        page.click(action)
    page.evaluate(axe_source)  # evaluated by the driver: the page's CSP refuses inline scripts
    violations = page.evaluate(
        "async () => (await axe.run({include: [['.mc-finder']]})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.nodes[0].target)")
    assert violations == []
