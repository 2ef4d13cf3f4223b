"""Languages as a reader meets them, in real Chromium: the language of every part of each
kind of page (what a screen reader reads it in), right-to-left text, the interface in
the site's and the credential's language, the switcher between language editions, the
language facet, and axe-core on the Spanish and right-to-left pages."""

from __future__ import annotations

import re

import pytest

from audit_pages import CATALOG_RENDERED
from axe_audit import blocking_violations, report
from catalog_cases import PATHWAY, replaced
from conftest import FIXTURES, RICH, built, make_project, serve

pytestmark = pytest.mark.browser

# The language a screen reader reads an element in, and the direction it is laid out in.
SPOKEN = "s => { const e = document.querySelector(s); return [e.closest('[lang]').lang, getComputedStyle(e).direction]; }"


def spoken(page, selector: str) -> tuple[str, str]:
    return tuple(page.evaluate(SPOKEN, selector))


def text(page, selector: str) -> str:
    """An element's words as written (some headings are shown in capitals)."""
    return " ".join(page.text_content(selector).split())


def served(tmp_path_factory, name: str, catalog, config=lambda text: text, files=None):
    """A fixture catalog built in a project of its own, with its mkdocs.yml and files changed."""
    root = make_project(tmp_path_factory.mktemp(name), catalog)
    (root / "mkdocs.yml").write_text(config((root / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    for relative, text in (files or {}).items():
        (root / relative).write_text(text, encoding="utf-8")
    server, url = serve(built(root))
    return server, url


@pytest.fixture(scope="module")
def spanish_site_url(tmp_path_factory):
    """The rich catalog on a site whose language (theme.language) is Spanish."""
    server, url = served(tmp_path_factory, "spanish-site", RICH, lambda text: re.sub(r"(?m)^  language: en$", "  language: es", text))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def pathway_edition_url(tmp_path_factory):
    """The minimal catalog with a Spanish edition of its English pathway."""
    spanish = replaced(PATHWAY, "title: Assessment Basics\nsummary: Two credentials on everyday formative assessment.",
                       "title: Evaluación básica\nsummary: Dos credenciales sobre la evaluación formativa diaria.")
    spanish = spanish.replace("status: active\n", "status: active\nlanguage: es\ntranslation_of: assessment-basics\n")
    server, url = served(tmp_path_factory, "pathway-edition", FIXTURES / "minimal",
                         files={"catalog/acme/pathways/evaluacion-basica.yml": spanish})
    yield url
    server.shutdown()


def test_a_spanish_credential_page_is_read_in_spanish_inside_english_chrome(page, rich_url):
    page.goto(f"{rich_url}credentials/tertulias-dialogicas/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert spoken(page, "article h1") == ("es", "ltr")
    assert spoken(page, ".mc-competency__statement") == ("es", "ltr")
    assert text(page, "#competency") == "Competencia"
    assert text(page, ".mc-rubric thead th") == "Criterio"


def test_an_arabic_credential_runs_right_to_left_under_english_headings(page, rich_url):
    page.goto(f"{rich_url}credentials/qiraa-jahriya/")
    assert spoken(page, "#competency") == ("en", "ltr")
    assert spoken(page, ".mc-competency__statement") == ("ar", "rtl")
    assert spoken(page, ".mc-rubric tbody th") == ("ar", "rtl")
    assert spoken(page, ".mc-rubric thead th") == ("en", "ltr")


def test_catalog_cards_are_read_each_in_its_own_language(page, rich_url):
    page.goto(f"{rich_url}catalog/")
    page.wait_for_function(CATALOG_RENDERED)
    assert spoken(page, "[data-mc-card=tertulias-dialogicas] .mc-card__title") == ("es", "ltr")
    assert spoken(page, "[data-mc-card=qiraa-jahriya] .mc-card__summary") == ("ar", "rtl")
    assert spoken(page, "[data-mc-card=qiraa-jahriya] .mc-card__facts") == ("en", "ltr")
    assert spoken(page, "[data-mc-card=exit-tickets] .mc-card__title") == ("en", "ltr")


def test_a_spanish_issuers_page_is_read_in_spanish(page, rich_url):
    page.goto(f"{rich_url}issuers/red-escuelas-bilingues/")
    assert spoken(page, "#credentials") == ("es", "ltr")
    assert text(page, "#credentials") == "Microcredenciales"
    assert spoken(page, "a[href$='/cooperative-learning/']") == ("en", "ltr")


def test_a_spanish_pathway_page_reads_its_english_credentials_in_english(page, pathway_edition_url):
    page.goto(f"{pathway_edition_url}pathways/evaluacion-basica/")
    assert spoken(page, "article h1") == ("es", "ltr")
    assert text(page, "#start") == "Por dónde empezar"
    assert spoken(page, ".mc-list a[href$='/exit-tickets/']") == ("en", "ltr")


def test_the_switcher_leads_to_the_other_edition_and_back(page, rich_url):
    page.goto(f"{rich_url}credentials/cooperative-learning/")
    page.click(".mc-editions a")
    page.wait_for_url(f"{rich_url}credentials/aprendizaje-cooperativo/")
    assert text(page, "article h1") == "Aprendizaje cooperativo en el aula"
    switch = page.locator(".mc-editions a")
    assert (switch.inner_text(), switch.get_attribute("hreflang")) == ("English", "en")
    switch.click()
    page.wait_for_url(f"{rich_url}credentials/cooperative-learning/")


def test_the_language_facet_names_each_language_and_keeps_only_its_credentials(page, rich_url):
    page.goto(f"{rich_url}catalog/")
    page.wait_for_function(CATALOG_RENDERED)
    facet = page.locator("[data-mc-facet=language]")
    assert facet.locator("legend").inner_text() == "Language"
    assert facet.locator(".mc-facet__label").all_inner_texts() == ["Arabic", "English", "Spanish"]
    facet.locator("input[value=es]").check()
    page.wait_for_function(CATALOG_RENDERED)
    shown = page.locator("[data-mc-results] [data-mc-card]").evaluate_all("cards => cards.map(c => c.dataset.mcCard)")
    assert sorted(shown) == ["aprendizaje-cooperativo", "tertulias-dialogicas"]
    assert "language=es" in page.url


@pytest.mark.parametrize("query", ["Arabic", "العربية"])
def test_a_language_name_finds_the_credentials_written_in_it(page, rich_url, query):
    page.goto(f"{rich_url}catalog/")
    page.wait_for_function(CATALOG_RENDERED)
    page.fill("#mc-query", query)
    page.wait_for_function(CATALOG_RENDERED)
    assert page.locator("[data-mc-results] [data-mc-card]").evaluate_all("cards => cards.map(c => c.dataset.mcCard)")[:1] == ["qiraa-jahriya"]


def test_a_spanish_site_speaks_spanish_in_its_pages_facets_and_scripts(page, spanish_site_url):
    page.goto(f"{spanish_site_url}catalog/?q=zzyzx")
    page.wait_for_function(CATALOG_RENDERED)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.title().startswith("Catálogo - ")  # the nav's labels are mkdocs.yml's, which an adopter writes
    facet = page.locator("[data-mc-facet=language]")
    assert facet.locator("legend").inner_text() == "Idioma"
    assert facet.locator(".mc-facet__label").all_inner_texts() == ["Árabe", "Español", "Inglés"]
    assert page.inner_text("[data-mc-empty-text]").startswith("Ninguna credencial coincide con “zzyzx”.")
    page.fill("#mc-query", "")
    page.wait_for_function(CATALOG_RENDERED)
    assert re.fullmatch(r"\d+ credenciales(, se muestran \d+)?", page.inner_text("[data-mc-status]"))
    assert spoken(page, "[data-mc-card=exit-tickets] .mc-card__title") == ("en", "ltr")
    assert page.locator("[data-mc-card=exit-tickets] .mc-card__facts dt").first.inner_text() == "Tiempo"


PAGES = {
    "Spanish credential": "credentials/tertulias-dialogicas/",
    "Arabic credential": "credentials/qiraa-jahriya/",
    "Spanish issuer": "issuers/red-escuelas-bilingues/",
    "English edition of a Spanish credential": "credentials/cooperative-learning/",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_spanish_and_right_to_left_pages_have_no_serious_accessibility_violation(page, rich_url, axe_source, path):
    page.goto(rich_url + path)
    found = blocking_violations(page, axe_source)
    assert not found, report(path, found)


def test_the_spanish_sites_catalog_has_no_serious_accessibility_violation(page, spanish_site_url, axe_source):
    page.goto(f"{spanish_site_url}catalog/")
    page.wait_for_function(CATALOG_RENDERED)
    found = blocking_violations(page, axe_source)
    assert not found, report("catalog/ in Spanish", found)
