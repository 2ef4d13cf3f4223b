"""The search index's records, facets and the catalog page without JavaScript."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from conftest import REPO
from microcred.pagefind_index import render_records
from microcred.pipeline import load_catalog
from microcred.search_index import (
    catalog_facets,
    credential_record,
    distinct_words,
    facet_tokens,
    hours_bucket,
    search_records,
    vocabulary_order,
)


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog(REPO)
    assert result.ok, [p.as_text() for p in result.problems]
    return result.catalog


@pytest.mark.parametrize(
    ("hours", "bucket"),
    [(0.5, "up-to-2"), (2, "up-to-2"), (2.5, "2-5"), (5, "2-5"), (6, "5-10"), (10, "5-10"), (10.5, "over-10"), (40, "over-10")],
)
def test_hours_fall_in_the_facet_ranges(hours, bucket):
    assert hours_bucket(hours) == bucket


def test_drafts_are_never_indexed(catalog):
    urls = {record.url for record in search_records(catalog)}
    assert "credentials/student-self-assessment/" not in urls
    assert "credentials/exit-tickets/" in urls


def test_every_published_credential_pathway_and_issuer_has_one_record(catalog):
    urls = [record.url for record in search_records(catalog)]
    expected = (
        [f"credentials/{cid}/" for cid in catalog.credentials]
        + [f"pathways/{pid}/" for pid in catalog.pathways]
        + [f"issuers/{iid}/" for iid in catalog.issuers]
    )
    assert urls == expected


def test_credential_record_carries_the_facet_values(catalog):
    record = credential_record(catalog.credentials["exit-tickets"], catalog)
    assert record.filters["type"] == ("credential",)
    assert record.filters["status"] == ("active",)
    assert record.filters["issuer"] == ("northwind-schools",)
    assert record.filters["cost"] == ("free",)
    assert record.filters["hours"] == ("2-5",)
    assert "3-5" in record.filters["grade"]
    assert record.meta["issuer"] == "Northwind Public Schools"
    assert record.meta["cost"] == "Free"


def test_credential_record_ranks_title_then_competency_and_searches_rubric_and_research(catalog):
    credential = catalog.credentials["exit-tickets"]
    record = credential_record(credential, catalog)
    assert record.title == credential.title
    assert record.emphasis == (credential.competency,)
    words = {word.casefold() for word in record.body.split()}
    criterion = credential.submission.parts[0].criteria[0]
    for text in (criterion.prompt, criterion.passing, credential.research[0].citation, "Northwind"):
        assert {w.casefold() for w in distinct_words(text).split()} <= words, text


def test_body_text_is_indexed_as_distinct_words_without_urls():
    body = distinct_words("Students sort. students' work, see https://example.org/a", "Sort the work")
    assert body == "Students sort students' work see the"


def test_retired_credential_is_found_by_words_but_kept_out_of_facets(catalog):
    retired = catalog.credentials["exit-slips"]
    record = credential_record(retired, catalog)
    assert record.filters == {"type": ("credential",), "status": ("retired",)}
    assert facet_tokens(retired) == ""


def test_cards_carry_their_facet_values_as_words(catalog):
    tokens = facet_tokens(catalog.credentials["exit-tickets"]).split()
    assert {"grade:3-5", "subject:assessment", "issuer:northwind-schools", "cost:free", "hours:2-5"} <= set(tokens)


def test_facets_list_values_of_active_credentials_in_schema_order(catalog):
    facets = {f.key: f for f in catalog_facets(catalog, vocabulary_order(REPO / "schema"))}
    assert list(facets) == ["role", "grade", "subject", "issuer", "evidence", "hours", "cost"]
    grades = [v.value for v in facets["grade"].values]
    schema_grades = vocabulary_order(REPO / "schema")["grade_band"]
    assert grades == [g for g in schema_grades if g in grades]
    assert [v.label for v in facets["issuer"].values] == [i.name for i in catalog.issuers.values()]


def test_record_html_escapes_contributor_text(catalog, tmp_path):
    credential = replace(catalog.credentials["exit-tickets"], title='<script>alert("x")</script> & more')
    render_records((credential_record(credential, catalog),), REPO / "overrides" / "search", tmp_path)
    html = (tmp_path / "credentials" / "exit-tickets" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in html


def test_build_writes_the_pagefind_index(sample_site):
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    assert list((sample_site / "pagefind").glob("pagefind.en_*.pf_meta"))


def test_every_published_credential_has_one_result_id(sample_site, catalog):
    ids = json.loads((sample_site / "pagefind" / "credential-ids.json").read_text(encoding="utf-8"))
    assert sorted(ids.values()) == sorted(catalog.credentials)
    assert all((sample_site / "pagefind" / "fragment" / f"{key}.pf_fragment").is_file() for key in ids)


def test_catalog_without_javascript_lists_every_published_credential(sample_site, catalog):
    html = (sample_site / "catalog" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'data-mc-card="([^"]+)"', html)
    active = [c.id for c in catalog.credentials.values() if not c.is_retired]
    retired = [c.id for c in catalog.credentials.values() if c.is_retired]
    assert listed == active + retired  # active first, each group in title order
    assert "student-self-assessment" not in html  # the draft
    retired_section = html[html.index('id="mc-retired"'):]
    assert 'data-mc-card="exit-slips"' in retired_section
    assert "Retired micro-credentials" in retired_section
    for cid in active:
        assert f'href="../credentials/{cid}/"' in html
