"""Writes the search records into a Pagefind index (`<site>/pagefind/`).

Each record is rendered through `overrides/search/record.html` and the Pagefind binary
(from the `pagefind[bin]` wheel) indexes the folder of them in one run: its HTML indexing
honours per-element weights. The binary's command line is used rather than its Python
API, which waits about 0.1 s per message (minutes for 10,000 records added one by one)
and stops the service before large indexes are fully written (empty files at 1,000).

Beside the index it writes `credential-ids.json`, mapping each Pagefind result id to
the credential it is: the catalog page holds every card and its facet values, so with
that map it filters and counts a query's results itself, without fetching one fragment
per result or running one more search per selected facet.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import jinja2

from .search_index import SearchRecord

TEMPLATE = "record.html"
OUTPUT = "pagefind"  # folder under the site root; search.js loads pagefind/pagefind.js
CREDENTIAL_IDS = "credential-ids.json"
_FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before a fragment's JSON


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def render_records(records: tuple[SearchRecord, ...], template_dir: Path, into: Path) -> None:
    """One `<url>/index.html` per record under `into`; Pagefind turns the path back into the URL."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_dir)), autoescape=True)
    template = env.get_template(TEMPLATE)
    for record in records:
        target = into / record.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(record=record), encoding="utf-8")


def _pagefind() -> str:
    from pagefind_bin import get_executable

    return str(get_executable())


def write_search_index(records: tuple[SearchRecord, ...], template_dir: Path, site_dir: Path) -> None:
    """Replace `<site_dir>/pagefind/` with an index of `records`."""
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="microcred-search-") as tmp:
        render_records(records, template_dir, Path(tmp))
        # One language for every record, so the English site's search also finds a
        # credential written in another.
        command = [_pagefind(), "--site", tmp, "--output-path", str(output.absolute()), "--force-language", "en", "--silent"]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed ({result.returncode}): {result.stdout}{result.stderr}")
    ids = credential_ids(output)
    (output / CREDENTIAL_IDS).write_text(json.dumps(ids, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def credential_ids(index_dir: Path) -> dict[str, str]:
    """Pagefind result id (its fragment's name) -> credential id, read back from the fragments."""
    ids = {}
    for fragment in (index_dir / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        if not data.startswith(_FRAGMENT_SIGNATURE):
            raise SearchIndexError(f"{fragment}: not a Pagefind fragment this build understands")
        meta = json.loads(data[len(_FRAGMENT_SIGNATURE):])["meta"]
        if meta.get("type") == "credential":
            ids[fragment.name.removesuffix(".pf_fragment")] = meta["id"]
    return ids
