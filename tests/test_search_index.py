"""The search index's records and lexicon, the catalog's facets, and the catalog page without JavaScript."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import replace

import pytest

from microcred import pagefind_index
from microcred.model import Cost
from microcred.pagefind_index import render_records, shard_records
from microcred.search_format import decode_result_ids, id_checksum, unpack
from microcred.search_index import (
    catalog_facets,
    cost_value,
    credential_facets,
    credential_record,
    distinct_words,
    hours_bucket,
    index_words,
    lexicon,
    search_records,
    vocabulary_order,
)

from conftest import REPO


@pytest.mark.parametrize(
    ("hours", "bucket"),
    [(0.5, "under-5"), (4.5, "under-5"), (5, "5-to-10"), (9.5, "5-to-10"), (10, "10-to-20"), (19.5, "10-to-20"), (20, "20-plus"), (40, "20-plus")],
)
def test_hours_fall_in_the_range_whose_label_includes_them(hours, bucket):
    assert hours_bucket(hours) == bucket


def test_hour_labels_say_which_range_holds_its_bounds(catalog):
    labels = {v.value: v.label for v in next(f for f in catalog_facets(catalog) if f.key == "hours").values}
    ten = [c for c in catalog.active_credentials if c.estimated_hours == 10]
    assert ten, "the rich fixture has a 10-hour credential"
    assert labels[hours_bucket(10)] == "10 to under 20 hours"


@pytest.mark.parametrize(
    ("amount", "currency", "value"),
    [(0, "USD", "free"), (25, "USD", "usd-under-50"), (49.99, "USD", "usd-under-50"), (50, "USD", "usd-50-to-100"),
     (120, "CAD", "cad-100-to-250"), (250, "EUR", "eur-250-plus")],
)
def test_cost_falls_in_a_range_of_its_own_currency(amount, currency, value):
    assert cost_value(Cost(amount, currency)) == value


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


def test_credential_record_holds_only_what_a_result_shows(catalog):
    record = credential_record(catalog.credentials["exit-tickets"], catalog)
    # Pagefind searches metadata too, so more would be indexed twice; filters are not searched.
    assert record.meta == {"id": "exit-tickets", "title": record.title}
    assert record.filters == {"type": ("credential",), "status": ("active",)}


def test_credential_record_ranks_title_keywords_then_competency_and_searches_rubric_and_research(catalog):
    credential = catalog.credentials["exit-tickets"]
    record = credential_record(credential, catalog)
    assert record.title == credential.title
    assert set(distinct_words(credential.competency, credential.summary).split()) == set(" ".join(record.emphasis).split())
    words = {word.casefold() for word in record.body.split()}
    criterion = credential.submission.parts[0].criteria[0]
    for text in (criterion.prompt, criterion.passing, credential.research[0].citation):
        assert {w.casefold() for w in distinct_words(text).split()} <= words, text


def test_keywords_name_every_vocabulary_value_alignment_and_the_issuer(catalog):
    credential = catalog.credentials["number-talks"]
    keywords = credential_record(credential, catalog).keywords
    assert {"Mathematics", "math", "maths", "Paraprofessional", "K–2", "Grades 3–5", "Video", *credential.tags} <= set(keywords)
    assert {"Common Core State Standards for Mathematics", "CCSS.MATH.PRACTICE.MP3", "CCSS MATH PRACTICE MP3"} <= set(keywords)
    assert catalog.issuers[credential.issuer_id].name in keywords


def test_a_credential_in_another_language_is_found_by_its_name(catalog):
    spanish = credential_record(catalog.credentials["tertulias-dialogicas"], catalog, site_language="en")
    english = credential_record(catalog.credentials["number-talks"], catalog, site_language="en")
    assert {"Spanish", "español"} <= set(spanish.keywords)
    assert "English" not in english.keywords  # every credential of an English site would match "English learners"


def test_lexicon_holds_each_indexed_word_as_the_page_writes_a_query(catalog):
    words = lexicon(search_records(catalog))
    assert list(words) == sorted(set(words))
    assert {"tertulias", "dialogicas", "ccss", "leadership", "paraprofessional"} <= set(words)
    assert not [word for word in words if len(word) < 2]  # lone letters (cited authors' initials) are not searched
    assert not [word for word in words if any(ch.isdigit() for ch in word)]  # numbers are searched as typed


def test_index_words_fold_case_accents_and_punctuation():
    assert index_words("Diálogo K–2 CCSS.MATH self-assessment") == {
        "dialogo", "k2", "ccssmath", "ccss", "math", "selfassessment", "self", "assessment"}


def test_body_text_is_indexed_as_distinct_words_without_urls():
    body = distinct_words("Students sort. students' work, see https://example.org/a", "Sort the work")
    assert body == "Students sort students' work see the"


def test_a_retired_credential_has_its_facet_values_for_when_retired_ones_are_included(catalog):
    retired = catalog.credentials["exit-slips"]
    assert credential_record(retired, catalog).filters == {"type": ("credential",), "status": ("retired",)}
    assert credential_facets(retired)["subject"] == retired.subjects


def test_facets_list_values_of_active_credentials_in_schema_order(catalog):
    facets = {f.key: f for f in catalog_facets(catalog, vocabulary_order(REPO / "schema"))}
    assert list(facets) == ["role", "grade", "subject", "issuer", "evidence", "hours", "cost", "language", "credit"]
    grades = [v.value for v in facets["grade"].values]
    schema_grades = vocabulary_order(REPO / "schema")["grade_band"]
    assert grades == [g for g in schema_grades if g in grades]
    assert [v.label for v in facets["issuer"].values] == [i.name for i in catalog.issuers.values()]


def test_language_facet_names_each_language_of_the_active_credentials(catalog):
    language = next(f for f in catalog_facets(catalog) if f.key == "language")
    assert {v.value for v in language.values} == {c.language for c in catalog.active_credentials}
    assert {("en", "English"), ("es", "Spanish")} <= {(v.value, v.label) for v in language.values}


def test_credit_facet_offers_the_credit_types_credentials_carry_and_is_empty_without_any(catalog):
    credit = next(f for f in catalog_facets(catalog) if f.key == "credit")
    assert {v.value for v in credit.values} == {t for c in catalog.active_credentials for t in c.credit_types}
    without = replace(catalog, credentials={cid: replace(c, credit=()) for cid, c in catalog.credentials.items()})
    assert next(f for f in catalog_facets(without) if f.key == "credit").values == ()


def test_record_html_escapes_contributor_text(catalog, tmp_path):
    credential = replace(catalog.credentials["exit-tickets"], title='<script>alert("x")</script> & more')
    render_records((credential_record(credential, catalog),), REPO / "overrides" / "search", tmp_path)
    html = (tmp_path / "credentials" / "exit-tickets" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in html


def test_build_writes_the_pagefind_index(rich_site):
    assert (rich_site / "pagefind" / "pagefind.js").is_file()
    assert list((rich_site / "pagefind").glob("pagefind.en_*.pf_meta"))


def test_every_published_credential_has_one_result_id_in_the_catalogs_order(rich_site, catalog):
    manifest = json.loads((rich_site / "pagefind" / "catalog-index.json").read_text(encoding="utf-8"))
    init = unpack((rich_site / "pagefind" / manifest["init"]).read_bytes())
    ids = decode_result_ids(json.loads(init["result-ids.json"]), list(catalog.credentials))
    assert sorted(ids.values()) == sorted(catalog.credentials)
    for key, credential_id in ids.items():
        fragment = gzip.decompress((rich_site / "pagefind" / "fragment" / f"{key}.pf_fragment").read_bytes())
        assert json.loads(fragment[fragment.index(b"{"):])["meta"]["id"] == credential_id
    # The catalog's finder checks its finder data against this before it trusts the map.
    assert manifest["checksum"] == id_checksum(list(catalog.credentials))
    assert manifest["shards"] == [""] and manifest["bundles"] == []  # a small catalog is one Pagefind index


def test_the_init_bundle_carries_the_lexicon(rich_site, catalog):
    manifest = json.loads((rich_site / "pagefind" / "catalog-index.json").read_text(encoding="utf-8"))
    init = unpack((rich_site / "pagefind" / manifest["init"]).read_bytes())
    assert init["lexicon.txt"].decode("utf-8").split("\n") == list(lexicon(search_records(catalog)))


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
    ids = decode_result_ids(json.loads(init["result-ids.json"]), list(catalog.credentials))
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
    for _start, file in manifest["bundles"]:
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


def test_catalog_without_javascript_lists_every_published_credential_on_one_page_when_they_fit(rich_site, catalog):
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
    assert not (rich_site / "catalog" / "page").exists()


def test_a_result_id_two_shards_share_is_made_unique_by_indexing_the_record_again(catalog, tmp_path, monkeypatch):
    read = pagefind_index.fragment_urls
    calls = []

    def first_fragment_of_shard_one_takes_a_name_of_shard_zero(index_dir):
        found = read(index_dir)
        calls.append(index_dir.name)
        if len(calls) == 2:  # shard 1, first look: one of its results is named as one of shard 0's
            name, url = next(iter(found.items()))
            del found[name]
            found[next(iter(read(index_dir.parent / "0")))] = url
        return found

    monkeypatch.setattr(pagefind_index, "fragment_urls", first_fragment_of_shard_one_takes_a_name_of_shard_zero)
    records = search_records(catalog)
    pagefind_index.write_search_index(records, REPO / "overrides" / "search", tmp_path, shard_size=4)
    manifest = json.loads((tmp_path / "pagefind" / "catalog-index.json").read_text(encoding="utf-8"))
    fragments = [json.loads(gzip.decompress(f.read_bytes())[12:]) for f in (tmp_path / "pagefind").rglob("*.pf_fragment")]
    assert [f["filters"].get("variant") for f in fragments].count(["1"]) == 1  # the record indexed again
    assert len(calls) > len(manifest["shards"])  # looked twice
