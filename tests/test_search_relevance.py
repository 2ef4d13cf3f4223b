"""Relevance: what the catalog's search finds for what educators type, in real Chromium.

Each query of the table names the credentials it must find by what they hold (a role, a
subject, an alignment ...), read from the fixture catalog, never by a list of ids: every
one of them is found, and no other credential ranks above any of them (precision at the
expected count). The table holds labels, synonyms, multi-word queries, misspellings, a
query only a retired credential matches and one nothing matches. A sweep then asks the
search for every vocabulary value of the fixture by its label and each synonym.
"""

from __future__ import annotations

import re

import pytest

from microcred.search_index import credential_record, index_words
from microcred.synonyms import words_for

from audit_pages import CATALOG_RENDERED

pytestmark = pytest.mark.browser

VOCABULARIES = ("roles", "grade_bands", "subjects", "evidence_types", "credit_types")


@pytest.fixture(scope="module")
def finder(browser, rich_url):
    """One catalog page for the whole table: each query is typed into it."""
    context = browser.new_context()
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    tab = context.new_page()
    tab.goto(f"{rich_url}catalog/")
    tab.wait_for_function(CATALOG_RENDERED)
    yield tab
    context.close()


def found(finder, query: str) -> list[str]:
    finder.fill("#mc-query", query)
    finder.wait_for_function(CATALOG_RENDERED)
    while finder.is_visible("[data-mc-more]"):
        finder.click("[data-mc-more]")
        finder.wait_for_function(CATALOG_RENDERED)
    return finder.locator("[data-mc-results] [data-mc-card]").evaluate_all("cards => cards.map(c => c.dataset.mcCard)")


def having(attribute: str, value: str):
    return lambda c: value in getattr(c, attribute)


def aligned(text: str):
    return lambda c: any(text.casefold() in f"{a.framework} {a.code or ''} {a.name}".casefold() for a in c.alignments)


def titled(text: str):
    return lambda c: c.title.casefold() == text.casefold()


def issued_by(issuer_id: str):
    return lambda c: c.issuer_id == issuer_id


def written_in(language: str):
    return lambda c: c.language == language


# (query, what the credentials it must find hold)
TABLE = [
    ("leadership", having("subjects", "leadership")),
    ("school leader", having("roles", "school-leader")),
    ("principal", having("roles", "school-leader")),
    ("paraprofessional", having("roles", "paraprofessional")),
    ("teaching assistant", having("roles", "paraprofessional")),
    ("coach", having("roles", "instructional-coach")),
    ("counselor", having("roles", "counselor")),
    ("librarian", having("roles", "librarian")),
    ("special education", having("subjects", "special-education")),
    ("sped", having("subjects", "special-education")),
    ("special ed", having("subjects", "special-education")),
    ("english learners", having("subjects", "english-learners")),
    ("ELL", having("subjects", "english-learners")),
    ("multilingual learners", having("subjects", "english-learners")),
    ("math", having("subjects", "mathematics")),
    ("maths", having("subjects", "mathematics")),
    ("SEL", having("subjects", "social-emotional-learning")),
    ("social emotional", having("subjects", "social-emotional-learning")),
    ("computer science", having("subjects", "computer-science")),
    ("CTE", having("subjects", "career-and-technical-education")),
    ("parents", having("subjects", "family-engagement")),
    ("K-2", having("grade_bands", "k-2")),
    ("grades 3-5", having("grade_bands", "3-5")),
    ("middle school", having("grade_bands", "6-8")),
    ("high school", having("grade_bands", "9-12")),
    ("early childhood", having("grade_bands", "early-childhood")),
    ("video", having("evidence_types", "video")),
    ("audio", having("evidence_types", "audio")),
    ("photos", having("evidence_types", "photo")),
    ("lesson plans", having("evidence_types", "lesson-plan")),
    ("Common Core", aligned("Common Core")),
    ("InTASC", aligned("InTASC")),
    ("ISTE", aligned("ISTE")),
    ("MP3", aligned("MP3")),
    ("Spanish", written_in("es")),
    ("Español", written_in("es")),
    ("Northwind Public Schools", issued_by("northwind-schools")),
    ("exit tickets", titled("Exit Tickets for Formative Assessment")),
    ("number talks", titled("Number Talks")),
    # misspelt: corrected to the nearest indexed word
    ("leadrship", having("subjects", "leadership")),
    ("mathmatics", having("subjects", "mathematics")),
    ("paraprofesional", having("roles", "paraprofessional")),
    ("vidoe", having("evidence_types", "video")),
    ("number tlaks", titled("Number Talks")),
]


@pytest.mark.parametrize(("query", "holds"), TABLE, ids=[query for query, _ in TABLE])
def test_a_query_finds_every_credential_it_names_before_any_other(finder, catalog, query, holds):
    expected = {c.id for c in catalog.active_credentials if holds(c)}
    assert expected, f"the fixture has no credential for {query!r}"
    results = found(finder, query)
    assert set(results[:len(expected)]) == expected, f"{query!r}: {results}"


def test_a_misspelt_query_says_which_word_it_searched(finder):
    found(finder, "leadrship")
    assert finder.inner_text("[data-mc-note]") == "Showing results for \u201cleadership\u201d."


@pytest.mark.parametrize("query", ["calculus", "zzyzx quantum"])
def test_a_word_no_credential_has_finds_nothing(finder, query):
    assert found(finder, query) == []
    assert finder.inner_text("[data-mc-empty-text]").startswith(f"No credential matches \u201c{query}\u201d.")


def test_a_query_only_a_retired_credential_matches_finds_no_active_one(finder, catalog):
    retired = {c.id for c in catalog.credentials.values() if c.is_retired and "slips" in c.title.casefold()}
    assert retired and not [c for c in catalog.active_credentials if "slips" in c.title.casefold()]
    assert found(finder, "slips") == []
    assert finder.is_visible("[data-mc-show-retired]")


def related(credential, catalog, query: str) -> bool:
    """Whether the credential holds every word of the query in its title, keywords,
    competency or summary: such a credential may rank among those the query names."""
    record = credential_record(credential, catalog)
    words = set().union(*(index_words(text) for text in (record.title, *record.keywords, *record.emphasis)))
    return all(any(word.startswith(part) for word in words) for part in index_words(query))


def test_every_vocabulary_value_is_found_by_its_label_and_each_synonym(finder, catalog):
    """Asked of the search service directly (a few milliseconds a query): the credentials
    holding the value come first, except for credentials that hold the words themselves."""
    places = list(catalog.credentials)
    active = {c.id for c in catalog.active_credentials}
    queries = {}
    for attribute in VOCABULARIES:
        for value in sorted({v for c in catalog.active_credentials for v in getattr(c, attribute)}):
            for word in words_for(value):
                holders = {c.id for c in catalog.active_credentials if value in getattr(c, attribute)}
                queries.setdefault(word, set()).update(holders)
    answers = finder.evaluate("""async queries => {
      const finder = document.querySelector('script[type=module][src$="/catalog.js"]').src;
      const { searchService } = await import(new URL('search-service.js', finder).href);  // the page's own instance
      const service = await searchService(document.querySelector('[data-mc-finder]').dataset.mcBase);
      const answers = {};
      for (const query of queries) answers[query] = Array.from((await service.search(query, 0)).positions);
      return answers;
    }""", list(queries))
    wrong = []
    for query, expected in queries.items():
        ranked = [places[n] for n in answers[query] if places[n] in active]
        last = max((ranked.index(cid) for cid in expected if cid in ranked), default=-1)
        missing = expected - set(ranked)
        intruders = [cid for cid in ranked[:last + 1] if cid not in expected and not related(catalog.credentials[cid], catalog, query)]
        if missing or intruders:
            wrong.append(f"{query!r}: missing {sorted(missing)}, ranked above them: {intruders}")
    assert not wrong, "\n".join(wrong)
