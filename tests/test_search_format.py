"""The search files' two sides agree: what the page's reader (search-format.js, run in node)
reads of files Python wrote is what search_format.py reads of them. The format is
described once, in hooks/microcred/search_format.py; a change to either side alone fails
here."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from microcred import search_format
from microcred.pagefind_index import write_search_index
from microcred.pagefind_reader import credential_ids, index_chunks
from microcred.search_format import decode_result_ids, pack, unpack
from microcred.search_index import lexicon, search_records

from conftest import REPO, require

FORMAT_JS = REPO / "overrides" / "assets" / "javascripts" / "search-format.js"

# Reads, with search-format.js, the files named on its input; prints what it read as JSON,
# each file's bytes as their SHA-256.
READ_IN_NODE = """
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
const format = await import(process.argv[2]);
const ask = JSON.parse(readFileSync(0, "utf-8"));
const digests = (files) => Object.fromEntries(
  Object.entries(files).map(([name, bytes]) => [name, createHash("sha256").update(bytes).digest("hex")]));
const manifest = JSON.parse(await readFile(ask.folder + "/" + format.MANIFEST, "utf-8"));
const init = await format.unpack(await readFile(ask.folder + "/" + manifest.init));
const bundles = {};
for (const [, file] of manifest.bundles) bundles[file] = digests(await format.unpack(await readFile(ask.folder + "/" + file)));
const packed = {};
for (const [name, path] of Object.entries(ask.packed)) packed[name] = digests(await format.unpack(await readFile(path)));
console.log(JSON.stringify({
  names: { FOLDER: format.FOLDER, MANIFEST: format.MANIFEST, WARMUP: format.WARMUP, RESULT_IDS: format.RESULT_IDS, LEXICON: format.LEXICON },
  init: digests(init),
  places: format.placesOf(init),
  lexicon: format.lexiconOf(init),
  bundles: bundles,
  bundleOf: Object.fromEntries(ask.words.map((word) => [word, format.bundlesFor(manifest, [word])])),
  packed: packed,
}));
"""

# Bundles of unusual content, packed by Python: none, an empty file, names and bytes beyond ASCII.
PACKED = {
    "nothing": {},
    "empty file": {"finder.json": b""},
    "unusual": {"cartes/é—✓.html": "<li>Diálogo ✓</li>".encode(), "bytes": bytes(range(256)) * 3},
}


def digests(files: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


@pytest.fixture(scope="module")
def written(catalog, tmp_path_factory):
    """The fixture's search index in shards of 4 records (so it has word bundles), and
    what node reads of it with search-format.js."""
    require(shutil.which("node") is not None, "node")
    site = tmp_path_factory.mktemp("format")
    records = search_records(catalog)
    write_search_index(records, REPO / "overrides" / "search", site, shard_size=4)
    output = site / search_format.FOLDER
    manifest = json.loads((output / search_format.MANIFEST).read_text(encoding="utf-8"))
    words = list(lexicon(records))
    # Each bundle's first word itself, words before every bundle, between words, after the
    # last one, with a digit, beyond ASCII.
    words += [start for start, _ in manifest["bundles"]] + ["0", "a", "leadershipzz", "zzzz", "2024", "ü"]
    packed = {}
    for number, (name, files) in enumerate(PACKED.items()):
        packed[name] = str(site / f"packed-{number}.bin")
        (site / f"packed-{number}.bin").write_bytes(pack(files))
    script = site / "read.mjs"
    script.write_text(READ_IN_NODE, encoding="utf-8")
    ask = json.dumps({"folder": str(output), "words": words, "packed": packed})
    result = subprocess.run(["node", str(script), FORMAT_JS.as_uri()], input=ask, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return output, manifest, records, words, json.loads(result.stdout)


def test_both_sides_name_the_files_alike(written):
    names = written[4]["names"]
    assert names == {"FOLDER": search_format.FOLDER + "/", "MANIFEST": search_format.MANIFEST, "WARMUP": search_format.WARMUP,
                     "RESULT_IDS": search_format.RESULT_IDS, "LEXICON": search_format.LEXICON}


def test_both_sides_unpack_the_same_files_from_a_bundle(written):
    output, manifest, _, _, read = written
    assert read["init"] == digests(unpack((output / manifest["init"]).read_bytes()))
    assert manifest["bundles"], "the fixture index has word bundles"
    assert read["bundles"] == {file: digests(unpack((output / file).read_bytes())) for _, file in manifest["bundles"]}
    assert read["packed"] == {name: digests(files) for name, files in PACKED.items()}


def test_both_sides_decode_the_result_ids_to_the_same_credentials(written, catalog):
    output, manifest, _, _, read = written
    order = list(catalog.credentials)
    init = unpack((output / manifest["init"]).read_bytes())
    decoded = decode_result_ids(json.loads(init[search_format.RESULT_IDS]), order)
    assert {result: order[place] for result, place in read["places"].items()} == decoded
    # ... which are the credentials Pagefind filed under those ids.
    assert decoded == credential_ids([output / shard for shard in manifest["shards"]])


def test_both_sides_read_the_same_lexicon(written):
    _, _, records, _, read = written
    assert read["lexicon"] == list(lexicon(records))


def test_the_page_asks_for_the_bundle_holding_each_shards_chunk_of_a_word(written):
    """A word's chunk in a shard is the shard's last chunk starting at or before it
    (Pagefind's own rule, read from its metadata); the bundle the page picks for the word
    holds exactly those, one per shard that has one."""
    output, manifest, _, words, read = written
    chunks = {shard: index_chunks(output / shard) for shard in manifest["shards"]}
    for word in words:
        expected = {f"{shard}index/{[digest for first, _, digest in held if first <= word][-1]}.pf_index"
                    for shard, held in chunks.items() if held[0][0] <= word}
        picked = read["bundleOf"][word]
        assert len(picked) == (1 if expected else 0), word
        assert (set(read["bundles"][picked[0]]) if picked else set()) == expected, word
