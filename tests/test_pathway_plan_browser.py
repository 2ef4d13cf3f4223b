"""Planning with pathways in Chromium, on a laptop (1366×900) and a phone (390×844): the
facets of /pathways/ once there are more pathways than a glance takes in, the staff plan a
pathway page prints, and the "New" and "Updated" marks on cards.

The facets need more pathways than the rich fixture has: this module builds the rich
catalog with a copy of each of its pathways, on a build date (SOURCE_DATE_EPOCH) ten days
after its newest credential, so some cards are new and some updated.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import yaml

from microcred.freshness import RECENT_DAYS
from microcred.pathway_plan import FACETS_ABOVE

from axe_audit import blocking_violations, report
from conftest import RICH, built, make_project, published_ids, serve

pytestmark = pytest.mark.browser

SCREENS = {"laptop": (1366, 900), "phone": (390, 844)}
VISIBLE_CARDS = "() => [...document.querySelectorAll('li.mc-card')].filter(c => c.checkVisibility()).map(c => c.dataset.mcFacets)"


def active_credentials() -> dict[str, dict]:
    return {
        path.stem: doc for path in RICH.glob("*/credentials/*.yml")
        if (doc := yaml.safe_load(path.read_text(encoding="utf-8")))["status"] == "active"
    }


def build_date() -> date:
    return max(doc["published"] for doc in active_credentials().values()) + timedelta(days=10)


@pytest.fixture(scope="module")
def planning_url(tmp_path_factory):
    """The rich catalog with each pathway twice, built on build_date(), served."""
    project = make_project(tmp_path_factory.mktemp("planning"), RICH)
    for path in list((project / "catalog").glob("*/pathways/*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc.pop("ctid", None)  # a copy is another pathway, with an id of its own
        doc["title"] += " (second cohort)"
        path.with_name(f"{path.stem}-second-cohort.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    epoch = datetime.combine(build_date(), datetime.min.time(), UTC).timestamp()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))
        site = built(project)
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(params=SCREENS)
def screen(request, page):
    width, height = SCREENS[request.param]
    page.set_viewport_size({"width": width, "height": height})
    return page


def test_the_planning_catalog_has_more_pathways_than_a_glance():
    assert 2 * len(published_ids(RICH, "pathways")) > FACETS_ABOVE


def test_pathways_facets_filter_the_cards_and_keep_the_state_in_the_query(screen, planning_url):
    page = screen
    page.goto(planning_url + "pathways/")
    legends = page.locator("[data-mc-pathway-facets] legend").all_text_contents()
    assert legends == ["Role", "Grade band", "Subject"]
    every = page.evaluate(VISIBLE_CARDS)
    page.check("[data-mc-pathway-facets] input[name=role][value=instructional-coach]")
    shown = page.evaluate(VISIBLE_CARDS)
    assert shown == [tokens for tokens in every if "role:instructional-coach" in tokens.split()]
    assert 0 < len(shown) < len(every)
    assert page.evaluate("location.search") == "?role=instructional-coach"
    assert page.locator("[data-mc-pathway-status]").text_content() == f"{len(shown)} of {len(every)} pathways match."
    page.reload()
    assert page.evaluate(VISIBLE_CARDS) == shown
    page.click("[data-mc-pathway-facets] button[type=reset]")
    page.wait_for_function("() => location.search === ''")
    assert page.evaluate(VISIBLE_CARDS) == every


def test_pathways_page_with_facets_has_no_serious_wcag_violation(screen, planning_url, axe_source):
    page = screen
    page.goto(planning_url + "pathways/?role=teacher")
    found = blocking_violations(page, axe_source)
    assert not found, report("pathways page with facets", found)


def test_facets_narrow_across_groups_and_widen_within_one(screen, planning_url):
    page = screen
    page.goto(planning_url + "pathways/?grade=k-2&grade=3-5&role=teacher")
    shown = [set(tokens.split()) for tokens in page.evaluate(VISIBLE_CARDS)]
    assert shown and all("role:teacher" in t and ({"grade:k-2", "grade:3-5"} & t) for t in shown)


def test_a_short_pathway_list_has_no_facets(screen, rich_url):
    page = screen
    page.goto(rich_url + "pathways/")
    assert page.locator("[data-mc-pathway-facets]").count() == 0
    assert len(page.evaluate(VISIBLE_CARDS)) == len(published_ids(RICH, "pathways"))


def test_pathway_cards_show_what_the_pathway_takes(screen, planning_url):
    page = screen
    page.goto(planning_url + "pathways/")
    labels = page.locator("li.mc-card").first.locator("dt").all_text_contents()
    assert labels == ["Earn", "Time", "Cost", "Roles", "Grades"]
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]


def test_cards_say_new_or_updated_within_sixty_days_of_the_build(screen, planning_url):
    page = screen
    today = build_date()
    expected = {}
    for cid, doc in active_credentials().items():
        if (today - doc["published"]).days <= RECENT_DAYS:
            expected[cid] = "New"
        elif doc.get("updated") and (today - doc["updated"]).days <= RECENT_DAYS:
            expected[cid] = "Updated"
    assert set(expected.values()) == {"New", "Updated"}  # the build date is chosen so that both show
    page.goto(planning_url + "catalog/")
    # every card of the page, whether the plain list or the finder's results show it
    marks = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('article.mc-card')]
        .map(card => [card.dataset.mcCard, [...card.querySelectorAll('.mc-status--new, .mc-status--updated')].map(s => s.textContent)])
        .filter(([, found]) => found.length).map(([id, found]) => [id, found.join()]))""")
    assert marks == expected


def test_printed_pathway_is_a_staff_plan_with_check_boxes_and_hours(screen, rich_url):
    page = screen
    page.goto(rich_url + "pathways/assessment-for-learning/")
    assert not page.locator(".mc-staff-plan").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".mc-staff-plan").is_visible()
    assert not page.locator("figure.mc-diagram").is_visible() and not page.locator(".mc-stages").is_visible()
    rows = page.locator(".mc-staff-plan__table tbody tr:has(td)")
    assert rows.count() == 5
    assert rows.locator(".mc-staff-plan__box").all_text_contents() == ["☐"] * 5
    assert rows.first.locator("td").nth(2).text_content() == "3 hours"
