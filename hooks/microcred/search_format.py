"""The search files the build writes and the site's scripts read: their one description.

Python writes them (`pagefind_index.py`, and `catalog_data.py` for the finder's bundles);
the browser reads them with `overrides/assets/javascripts/search-format.js`, which holds
the same names and the decoders and points here. `tests/test_search_format.py` runs that
module in node on files Python wrote and compares what it reads with what this module
reads, so a change to either side alone fails there. Change both sides together.

Folder. Everything is under `pagefind/` at the site root (`FOLDER`): Pagefind's own
files (`pagefind.js`, its WebAssembly, and one index per shard, the first in `pagefind/`
itself, the others in `pagefind/shards/<n>/`), and these:

Manifest, `pagefind/catalog-index.json` (`MANIFEST`), a JSON object (see `Manifest`):
  version   `MANIFEST_VERSION`, raised whenever any file below changes its form;
  shards    each shard's folder under pagefind/: "" for the first, then "shards/<n>/";
  groups    lists of shard numbers: the page searches each group in a worker of its own;
  checksum  `id_checksum` of the catalog's credential ids, which the catalog page's finder
            data carries too, so a page and an index of different catalogs never pair up;
  init      the init bundle's path under pagefind/;
  bundles   [first word, path under pagefind/] of each word bundle, sorted by first word.
            A word's bundle is the last one whose first word is at or before it (the
            bundle holds, of every shard, the index chunk Pagefind loads for that word).
            Empty for a catalog of one shard.

Bundle (`pack` / `unpack`): files as one gzip stream of a 4-byte big-endian length n, n
bytes of UTF-8 JSON `[[name, size], ...]`, then the files' bytes one after the other in
that order. The search's bundles are `pagefind/bundles/<hash>.bin`; Pagefind's files are
copied into them uncompressed (without their gzip, with their signature). The catalog
finder's data and card files are bundles of one member each (see catalog_data.py, which
describes their content).

Members of the init bundle:
  `<shard>pagefind-entry.json`, `<shard>pagefind.<language>_<hash>.pf_meta` of each shard
  and `wasm.<language>.pagefind` of the first: what a worker's Pagefind loads first;
  `result-ids.json` (`RESULT_IDS`): the result-id map, see `encode_result_ids`;
  `lexicon.txt` (`LEXICON`): every indexed word, sorted, one a line (`search_index.lexicon`);
  `warmup/...` (`WARMUP`), with more than one shard: a small index of its own, which each
  worker searches to warm the browser up.
Members of a word bundle: `<shard>index/<hash>.pf_index`, at most one per shard.
"""

from __future__ import annotations

import gzip
import json
import os
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FOLDER = "pagefind"  # under the site root
MANIFEST = "catalog-index.json"
MANIFEST_VERSION = 2
BUNDLES = "bundles"  # pagefind/bundles/<hash>.bin
RESULT_IDS = "result-ids.json"
LEXICON = "lexicon.txt"
WARMUP = "warmup/"  # the warm-up index's files in the init bundle (it has no folder)


@dataclass(frozen=True)
class Manifest:
    """`catalog-index.json` (see the module's docstring)."""

    shards: tuple[str, ...]
    groups: tuple[tuple[int, ...], ...]
    checksum: int
    init: str
    bundles: tuple[tuple[str, str], ...]

    def to_json(self) -> str:
        return json.dumps({
            "version": MANIFEST_VERSION,
            "shards": list(self.shards),
            "groups": [list(group) for group in self.groups],
            "checksum": self.checksum,
            "init": self.init,
            "bundles": [list(bundle) for bundle in self.bundles],
        }, separators=(",", ":"))


def pack(files: Mapping[str, bytes]) -> bytes:
    """Files as one bundle (see the module's docstring)."""
    header = json.dumps([[name, len(data)] for name, data in files.items()], separators=(",", ":")).encode("utf-8")
    # Level 6, not 9: 9 takes five times as long (17 s at 10,000 credentials) for 2% fewer bytes.
    return gzip.compress(struct.pack(">I", len(header)) + header + b"".join(files.values()), compresslevel=6, mtime=0)


def unpack(blob: bytes) -> dict[str, bytes]:
    """A bundle's files by name: what search-format.js's unpack reads."""
    data = gzip.decompress(blob)
    (size,) = struct.unpack(">I", data[:4])
    at = 4 + size
    files = {}
    for name, length in json.loads(data[4:at]):
        files[name] = data[at:at + length]
        at += length
    return files


def id_checksum(credential_ids: Sequence[str]) -> int:
    """FNV-1a (32 bits) of the credential ids, in the catalog's order, joined by spaces."""
    value = 0x811C9DC5
    for char in " ".join(credential_ids):
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def encode_result_ids(ids: Mapping[str, str], order: Sequence[str]) -> dict:
    """The result-id map, `result-ids.json`: {"prefix", "results"}, the Pagefind result ids
    (the names of their fragments) without the prefix they share, joined by spaces, in the
    `order` of the credential ids they stand for (the catalog's, which the finder data
    follows): the n-th result id is the catalog's n-th credential. `ids`: result id ->
    credential id.

    10,000 credentials take 80 KB (half that gzipped in the init bundle), instead of 380 KB
    as a JSON object of id pairs.
    """
    result_of = {credential: result for result, credential in ids.items()}
    results = [result_of[credential] for credential in order]
    prefix = os.path.commonprefix(results) if len(results) > 1 else ""
    return {"prefix": prefix, "results": " ".join(result[len(prefix):] for result in results)}


def decode_result_ids(result_ids: Mapping[str, str], order: Sequence[str]) -> dict[str, str]:
    """Pagefind result id -> credential id, from the map and the catalog's ids in its order
    (search-format.js's placesOf reads the same map into result id -> place)."""
    results = result_ids["results"].split(" ") if result_ids["results"] else []
    return {result_ids["prefix"] + result: credential for result, credential in zip(results, order)}
