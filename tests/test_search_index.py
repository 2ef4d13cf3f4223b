"""The search index's records, facets and the catalog page without JavaScript."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import replace

import pytest

from conftest import REPO
from microcred import pagefind_index
from microcred.pagefind_index import decode_result_ids, id_checksum, render_records, shard_records, unpack
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
def catalog(rich_project):
    result = load_catalog(rich_project)
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
    # Only what a result shows: Pagefind searches metadata too, so more would be indexed twice.
    assert record.meta == {"id": "exit-tickets", "type": "credential", "title": record.title, "status": "active"}


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


def test_build_writes_the_pagefind_index(rich_site):
    assert (rich_site / "pagefind" / "pagefind.js").is_file()
    assert list((rich_site / "pagefind").glob("pagefind.en_*.pf_meta"))


def test_every_published_credential_has_one_result_id(rich_site, catalog):
    manifest = json.loads((rich_site / "pagefind" / "catalog-index.json").read_text(encoding="utf-8"))
    init = unpack((rich_site / "pagefind" / manifest["init"]).read_bytes())
    ids = decode_result_ids(json.loads(init["result-ids.json"]), catalog.credentials)
    assert sorted(ids.values()) == sorted(catalog.credentials)
    assert all((rich_site / "pagefind" / "fragment" / f"{key}.pf_fragment").is_file() for key in ids)
    # search.js checks the page's cards against this before it trusts the map.
    assert manifest["checksum"] == id_checksum(sorted(catalog.credentials))
    assert manifest["shards"] == [""] and manifest["bundles"] == []  # a small catalog is one Pagefind index


def test_records_are_dealt_to_shards_in_turn():
    records = tuple(range(10))
    assert shard_records(records, 4) == [(0, 3, 6, 9), (1, 4, 7), (2, 5, 8)]
    assert shard_records(records, 10) == [records]
    assert shard_records((), 10) == [()]


@pytest.fixture(scope="module")
def sharded(catalog, tmp_path_factory):
    """The sample's records indexed in shards of 4 records (as the benchmark's 10,000 are
    in shards of 640), in two groups."""
    site = tmp_path_factory.mktemp("sharded")
    records = search_records(catalog)
    pagefind_index.write_search_index(records, REPO / "overrides" / "search", site, shard_size=4)
    manifest = json.loads((site / "pagefind" / "catalog-index.json").read_text(encoding="utf-8"))
    return site / "pagefind", manifest, records


def test_a_large_catalog_is_indexed_in_shards_merged_by_the_first(sharded, catalog):
    output, manifest, records = sharded
    count = -(-len(records) // 4)
    assert manifest["shards"] == [""] + [f"shards/{n}/" for n in range(1, count)]
    assert manifest["groups"] == [list(range(0, count, 2)), list(range(1, count, 2))]
    assert (output / "pagefind.js").is_file() and (output / "wasm.en.pagefind").is_file()
    for shard in manifest["shards"][1:]:
        # A merged shard keeps its index, metadata and fragments; the script and WebAssembly are the first's.
        assert list((output / shard).glob("pagefind.en_*.pf_meta")) and list((output / shard / "index").iterdir())
        assert not list((output / shard).glob("*.js")) and not list((output / shard).glob("wasm.*"))
    init = unpack((output / manifest["init"]).read_bytes())
    ids = decode_result_ids(json.loads(init["result-ids.json"]), catalog.credentials)
    assert sorted(ids.values()) == sorted(catalog.credentials)
    assert all(any((output / shard / "fragment" / f"{key}.pf_fragment").is_file() for shard in manifest["shards"])
               for key in ids)


def test_bundles_copy_the_chunks_of_each_group_and_what_every_worker_loads_first(sharded):
    output, manifest, _ = sharded
    init = unpack((output / manifest["init"]).read_bytes())
    for shard in manifest["shards"]:
        assert init[shard + "pagefind-entry.json"] == (output / shard / "pagefind-entry.json").read_bytes()
        (meta,) = (output / shard).glob("pagefind.en_*.pf_meta")
        assert init[shard + meta.name] == gzip.decompress(meta.read_bytes())
    assert init["wasm.en.pagefind"] == gzip.decompress((output / "wasm.en.pagefind").read_bytes())
    # The warm-up index each worker searches while the page loads has no folder of its own.
    assert {"warmup/pagefind-entry.json"} < {name for name in init if name.startswith("warmup/")}
    assert not (output / "warmup").exists()
    bundled = set()
    starts = [start for start, _ in manifest["bundles"]]
    assert starts == sorted(starts)
    for start, file in manifest["bundles"]:
        files = unpack((output / file).read_bytes())
        # At most one chunk of each shard: the one a word from `start` to the next bundle's
        # start is in (none before the shard's first chunk).
        shards = [name.split("index/")[0] for name in files]
        assert len(shards) == len(set(shards)) and set(shards) <= set(manifest["shards"])
        for name, data in files.items():
            assert data == gzip.decompress((output / name).read_bytes())
        bundled |= set(files)
    assert len(files) == len(manifest["shards"])  # the last bundle reaches into every shard
    every_chunk = {str(path.relative_to(output)) for path in output.rglob("*.pf_index")}
    assert bundled == every_chunk


def test_catalog_without_javascript_lists_every_published_credential(rich_site, catalog):
    html = (rich_site / "catalog" / "index.html").read_text(encoding="utf-8")
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
