"""What a page read of the catalog, and whether an edit makes it stale (the preview's updates)."""

from __future__ import annotations

from microcred.dependencies import catalog_changes, is_stale, recording
from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL, minimal_text, project_with, replaced

OTHER = "catalog/acme/credentials/feedback-loops.yml"


def loaded(tmp_path, files=None):
    return load_catalog(project_with(tmp_path, files or {})).catalog


def reads_of(catalog, read) -> frozenset:
    reads: set = set()
    read(recording(catalog, reads))
    return frozenset(reads)


def test_what_looks_up_a_credential_is_stale_once_it_changes(tmp_path):
    before = loaded(tmp_path / "a")
    after = loaded(tmp_path / "b", {CREDENTIAL: replaced(CREDENTIAL, "title: Exit Tickets", "title: Exit Slips")})
    reads = reads_of(before, lambda catalog: catalog.credentials["exit-tickets"].title)
    assert is_stale(reads, catalog_changes(before, after))


def test_what_looks_up_another_credential_stays_fresh(tmp_path):
    before = loaded(tmp_path / "a")
    after = loaded(tmp_path / "b", {CREDENTIAL: replaced(CREDENTIAL, "title: Exit Tickets", "title: Exit Slips")})
    reads = reads_of(before, lambda catalog: catalog.credentials["feedback-loops"].title)
    assert not is_stale(reads, catalog_changes(before, after))


def test_what_goes_through_every_credential_is_stale_once_any_changes(tmp_path):
    before = loaded(tmp_path / "a")
    after = loaded(tmp_path / "b", {OTHER: minimal_text(OTHER).replace("title: Feedback Loops", "title: Feedback Cycles")})
    reads = reads_of(before, lambda catalog: [c.title for c in catalog.credentials.values()])
    assert is_stale(reads, catalog_changes(before, after))


def test_what_looked_for_a_missing_credential_is_stale_once_it_appears(tmp_path):
    before = loaded(tmp_path / "a")
    after = loaded(tmp_path / "b", {"catalog/acme/credentials/exit-slips.yml": minimal_text(CREDENTIAL).replace("title: Exit Tickets", "title: Exit Slips")})
    reads = reads_of(before, lambda catalog: "exit-slips" in catalog.credentials)
    assert is_stale(reads, catalog_changes(before, after))


def test_a_catalog_loaded_again_unchanged_has_no_changes(tmp_path):
    root = project_with(tmp_path, {})
    assert catalog_changes(load_catalog(root).catalog, load_catalog(root).catalog) == frozenset()
