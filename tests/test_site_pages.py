"""Site-wide page elements of the built sample site: head meta, home, issuers, drafts, print."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from catalog_cases import CREDENTIAL, project_with, replaced
from conftest import RICH, SITE_NAME, SITE_URL, published_ids, run_build
from site_html import load_page, resolves

DRAFT_ID = "student-self-assessment"
DRAFT_TITLE = "Student Self-Assessment with Single-Point Rubrics"


def page_paths(site: Path) -> list[str]:
    """Site path of every built page: "" for the home page, "credentials/x/" ..."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))


def test_every_page_has_title_description_canonical_and_social_meta(rich_site):
    for path in page_paths(rich_site):
        page = load_page(rich_site, path)
        assert SITE_NAME in page.title and page.title != SITE_NAME, path
        assert page.meta("description"), path
        assert page.link("canonical") == SITE_URL + path, path
        assert page.meta("og:url") == SITE_URL + path
        assert page.meta("og:title") and page.meta("og:description") == page.meta("description")
        assert page.meta("twitter:card") == "summary"


def test_every_page_links_the_atom_feed(rich_site):
    for path in page_paths(rich_site):
        page = load_page(rich_site, path)
        href = page.link("alternate", type="application/atom+xml")
        assert page.site_path(href) == "feed.xml" and resolves(rich_site, "feed.xml"), path


def test_every_internal_link_and_asset_of_every_page_resolves(rich_site):
    for path in page_paths(rich_site):
        page = load_page(rich_site, path)
        for element in page.dom.iter():
            href = element.attrs.get("href") or element.attrs.get("src")
            if not href or re.match(r"^(https?:|mailto:|#|data:)", href):
                continue
            assert not href.startswith("/"), (path, href)  # relative, so the site works under any sub-path
            assert resolves(rich_site, page.site_path(href)), (path, href)


def test_credential_description_is_its_summary(rich_site):
    page = load_page(rich_site, "credentials/exit-tickets/")
    summary = yaml.safe_load((RICH / "northwind-schools/credentials/exit-tickets.yml").read_text())["summary"]
    assert page.meta("description") == summary
    assert page.meta("og:image") == SITE_URL + "assets/catalog/northwind-schools/images/exit-tickets.svg"


EMOJI_TITLE = "Exit Tickets \U0001F600 for \U0001D4DCaths \U0001F469\u200d\U0001F3EB"
EMOJI_SUMMARY = "Check understanding \U0001F9E0 at the end of a lesson \U0001D4C1\U0001D4C2: \"quoted\" \\ too."


@pytest.fixture(scope="module")
def emoji_site(tmp_path_factory):
    """The minimal catalog with emoji and other astral characters in a title and summary."""
    text = replaced(CREDENTIAL, "title: Exit Tickets", f"title: {EMOJI_TITLE}")
    text = text.replace("summary: Use exit tickets to check understanding at the end of a lesson.", f"summary: {json.dumps(EMOJI_SUMMARY, ensure_ascii=False)}")
    root = project_with(tmp_path_factory.mktemp("emoji"), {CREDENTIAL: text})
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_credential_with_emoji_in_title_and_summary_builds_its_page(emoji_site):
    page = load_page(emoji_site, "credentials/exit-tickets/")
    assert page.h1s() == [EMOJI_TITLE]
    assert page.title == f"{EMOJI_TITLE} - {SITE_NAME}"
    assert page.meta("description") == EMOJI_SUMMARY
    assert page.main.find(class_="mc-competency__statement").text() == "The educator uses exit tickets to adjust the next lesson."


def test_issuer_meta_description_shows_the_markdown_as_plain_text(emoji_site):
    page = load_page(emoji_site, "issuers/acme/")
    assert page.meta("description") == "Acme Learning issues test micro-credentials."
    assert page.jsonld()["description"] == "Acme Learning issues test micro-credentials."


def test_every_page_has_exactly_one_h1(rich_site):
    for path in page_paths(rich_site):
        assert len(load_page(rich_site, path).h1s()) == 1, path


def test_draft_is_published_nowhere(rich_site):
    assert not (rich_site / "credentials" / DRAFT_ID).exists()
    for file in rich_site.rglob("*"):
        if file.suffix in {".html", ".json", ".xml", ".svg"}:
            text = file.read_text(encoding="utf-8")
            assert DRAFT_ID not in text and DRAFT_TITLE not in text, file


def test_home_explains_micro_credentials_and_features_pathways(rich_site):
    page = load_page(rich_site, "")
    assert page.h1s() == ["Educator micro-credentials"]
    what = page.main.find("section", **{"aria-labelledby": "what"})
    paragraphs = [p.text() for p in what.find_all("p")]
    assert len(paragraphs) == 2
    assert "not the hours you spend" in paragraphs[0]
    assert "every criterion reaches the passing level" in paragraphs[1] and "Read the rubric first" in paragraphs[1]
    featured = page.main.find("section", **{"aria-labelledby": "featured"})
    cards = featured.find_all("li", class_="mc-card")
    assert len(cards) == len(published_ids(RICH, "pathways"))
    for card in cards:
        href = card.find("a").attrs["href"]
        assert href.startswith("pathways/") and resolves(rich_site, page.site_path(href))


def test_home_explains_how_to_start(rich_site):
    page = load_page(rich_site, "")
    steps = page.main.find("section", **{"aria-labelledby": "start"}).find("ol").find_all("li")
    assert len(steps) >= 3
    assert page.title == f"{SITE_NAME}: Educator micro-credentials"


def test_issuer_list_links_every_issuer(rich_site):
    page = load_page(rich_site, "issuers/")
    links = {page.site_path(a.attrs["href"]) for a in page.main.find_all("a")}
    assert links == {f"issuers/{folder.parent.name}/" for folder in RICH.glob("*/issuer.yml")}


def test_issuer_page_shows_profile_credentials_and_pathways(rich_site):
    page = load_page(rich_site, "issuers/northwind-schools/")
    assert page.h1s() == ["Northwind Public Schools"]
    text = page.main.text()
    assert "serving about 14,000 students" in text
    assert page.main.find("a", href="https://www.northwind.example.org/")
    assert page.main.find("a", href="mailto:microcredentials@northwind.example.org")
    logo = page.main.find("img", class_="mc-head__logo")
    assert logo.attrs["alt"] == "Logo of Northwind Public Schools" and resolves(rich_site, page.site_path(logo.attrs["src"]))
    credentials = page.main.find("section", **{"aria-labelledby": "credentials"})
    titles = [a.text() for a in credentials.find_all("a")]
    assert len(titles) == 6 and "Exit Slips" in titles
    assert "Retired" in credentials.text()
    pathways = page.main.find("section", **{"aria-labelledby": "issuer-pathways"})
    assert [a.text() for a in pathways.find_all("a")] == ["Assessment for Learning"]


def test_catalog_leaf_pages_are_not_in_the_navigation(rich_site):
    page = load_page(rich_site, "")
    nav_links = {page.site_path(a.attrs["href"]) for nav in page.dom.find_all("nav") for a in nav.find_all("a")}
    assert "credentials/exit-tickets/" not in nav_links
    assert "pathways/" in nav_links


def test_printed_credential_hides_chrome_keeps_rubric_rows_whole_and_shows_links(rich_url, page):
    page.goto(rich_url + "credentials/questioning-wait-time/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """sel => sel.map(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))""",
        [".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".mc-edit", ".mc-edit-footer"],
    )
    assert all(hidden), hidden
    assert page.evaluate("getComputedStyle(document.querySelector('.mc-rubric tbody tr')).breakInside") == "avoid"
    after = page.evaluate("getComputedStyle(document.querySelector('.mc-references a'), '::after').content")
    assert "https://doi.org/10.1177/002248718603700110" in after
    widths = page.evaluate("[document.querySelector('article').getBoundingClientRect().width, document.body.clientWidth]")
    assert widths[0] > 0.9 * widths[1]


def test_catalog_pages_and_the_rubric_fit_a_360px_phone(rich_url, page):
    page.set_viewport_size({"width": 360, "height": 800})
    for path in ("", "credentials/questioning-wait-time/", "pathways/assessment-for-learning/", "issuers/northwind-schools/"):
        page.goto(rich_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(rich_url + "credentials/questioning-wait-time/")
    rubric = page.evaluate("(e => [e.getBoundingClientRect().right, e.parentElement.getBoundingClientRect().right])(document.querySelector('.mc-rubric'))")
    assert rubric[0] <= rubric[1]  # two columns of wrapping text: no sideways scrolling
