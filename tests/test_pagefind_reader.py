"""The reader of Pagefind's private file format: what it reads of an index Pagefind wrote,
and a loud stop, naming both versions, on an index of a Pagefind it does not know."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from importlib.metadata import version

import pytest

from microcred import pagefind_reader
from microcred.pagefind_index import SearchIndexError, write_search_index
from microcred.pagefind_reader import PAGEFIND_VERSION, PagefindFormatError, credential_ids, fragment_urls, index_chunks
from microcred.search_format import MANIFEST
from microcred.search_index import search_records

from conftest import REPO

TEMPLATES = REPO / "overrides" / "search"
OTHER_VERSION = "1.99.0"


@pytest.fixture(scope="module")
def index(catalog, tmp_path_factory):
    """Eight of the fixture's records in shards of 4: two Pagefind indexes."""
    records = search_records(catalog)[:8]
    site = tmp_path_factory.mktemp("reader")
    write_search_index(records, TEMPLATES, site, shard_size=4)
    manifest = json.loads((site / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    return [site / "pagefind" / shard for shard in manifest["shards"]], records


def test_the_reader_knows_the_pagefind_the_project_pins():
    pins = {line.split("==")[0]: line.split("==")[1] for line in
            (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines() + (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if re.match(r"pagefind(\[bin\]|_bin)?==", line)}
    assert pins == {"pagefind[bin]": PAGEFIND_VERSION, "pagefind": PAGEFIND_VERSION, "pagefind_bin": PAGEFIND_VERSION}
    assert version("pagefind_bin") == PAGEFIND_VERSION


def test_the_reader_reads_results_and_chunks_of_what_pagefind_wrote(index, catalog):
    folders, records = index
    urls = {url for folder in folders for url in fragment_urls(folder).values()}
    assert urls == {f"/{record.url}" for record in records}
    credentials = {record.meta["id"] for record in records if record.filters["type"] == ("credential",)}
    assert sorted(credential_ids(folders).values()) == sorted(credentials)
    for folder in folders:
        chunks = index_chunks(folder)
        assert chunks and [first for first, _, _ in chunks] == sorted(first for first, _, _ in chunks)
        assert all((folder / "index" / f"{digest}.pf_index").is_file() for _, _, digest in chunks)


@pytest.mark.parametrize("read", [fragment_urls, index_chunks, lambda folder: credential_ids([folder])],
                         ids=["fragment_urls", "index_chunks", "credential_ids"])
def test_an_index_of_a_pagefind_the_reader_does_not_know_fails_naming_both_versions(index, tmp_path, read):
    folder = shutil.copytree(index[0][0], tmp_path / "index")
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    (folder / "pagefind-entry.json").write_text(json.dumps({**entry, "version": OTHER_VERSION}), encoding="utf-8")
    with pytest.raises(PagefindFormatError, match=f"written by Pagefind {re.escape(OTHER_VERSION)}, .* Pagefind {re.escape(PAGEFIND_VERSION)} only"):
        read(folder)


def test_the_build_stops_when_the_installed_pagefind_is_not_the_one_the_reader_knows(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(pagefind_reader, "PAGEFIND_VERSION", OTHER_VERSION)
    with pytest.raises(SearchIndexError, match=f"written by Pagefind {re.escape(PAGEFIND_VERSION)}, .* Pagefind {re.escape(OTHER_VERSION)} only"):
        write_search_index(search_records(catalog)[:4], TEMPLATES, tmp_path)


def test_a_file_without_pagefinds_signature_is_not_read(index, tmp_path):
    folder = shutil.copytree(index[0][0], tmp_path / "index")
    fragment = next((folder / "fragment").iterdir())
    fragment.write_bytes(gzip.compress(b'{"url": "/elsewhere/"}'))
    with pytest.raises(PagefindFormatError, match="no Pagefind signature"):
        fragment_urls(folder)
