"""Writes the search records into Pagefind indexes (`<site>/pagefind/`).

Each record is rendered through `overrides/search/record.html` and the Pagefind binary
(from the `pagefind[bin]` wheel) indexes the folder of them in one run: its HTML indexing
honours per-element weights. The binary's command line is used rather than its Python
API, which waits about 0.1 s per message (minutes for 10,000 records added one by one)
and stops the service before large indexes are fully written (empty files at 1,000).

Shards. Pagefind ranks a word's matches in time that grows with the square of the pages
it is on (for each match it scans every page's entry of the word): a word on all 10,000
credentials of the benchmark took it a second in one index. So a catalog of more than
`SHARD_SIZE` records is split into shards, each a Pagefind index of its own: the first
is `pagefind/` itself (with Pagefind's script and WebAssembly), the others
`pagefind/shards/<n>/`. Records are dealt to the shards in turn, so each shard is a
sample of the whole catalog and its word statistics (which rank results) are the
whole's. The shards are dealt in turn to `GROUPS` groups; search.js searches each group
in a worker of its own, the groups at once. Up to `SHARD_SIZE` records are one index.

Bundles (`pagefind/bundles/`, named by their content). A word needs an index chunk from
every shard: a request per shard. A word bundle holds, for one range of words, the chunk
each shard loads for a word in that range, so a word costs one request; search.js
fetches a query's word bundles as soon as it has the words and hands them to its
workers, which answer Pagefind's requests from them. The init bundle holds what each
worker loads first: every shard's entry and metadata, the WebAssembly, the result-id map
(see `encode_result_ids`) and a small warm-up index; and what the page needs before it
searches: the lexicon of every indexed word (see `search_index.lexicon`). Bundles only copy Pagefind's files
(uncompressed, then gzipped together), which stay in place for a browser without
workers and for a chunk no bundle holds.

`catalog-index.json` is the manifest: the shards, their groups, the init bundle, the
word bundles with the first word of each, and the checksum of the credential ids the
result-id map is for.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import jinja2

from .search_index import SearchRecord, lexicon

TEMPLATE = "record.html"
OUTPUT = "pagefind"  # folder under the site root; search.js loads pagefind/pagefind.js
SHARDS = "shards"  # pagefind/shards/<n>/: the indexes merged into the first one
BUNDLES = "bundles"  # pagefind/bundles/<hash>.bin
MANIFEST = "catalog-index.json"
MANIFEST_VERSION = 2
SHARD_SIZE = 640  # records per Pagefind index: 16 shards at 10,000
GROUPS = 2  # workers searching shards at once, on as many cores
WARMUP = "warmup/"  # the warm-up index's files in the init bundle (it has no folder)
WARMUP_PAGES = 500
RESULT_IDS = "result-ids.json"  # the init bundle's map of result ids, see encode_result_ids
LEXICON = "lexicon.txt"  # the init bundle's words, one a line, sorted
_FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the data of each file
# What a merged shard needs (and its `pagefind.<language>_<hash>.pf_meta`); the rest of
# Pagefind's bundle (scripts, styles, WebAssembly) is loaded from the first index only.
_SHARD_KEEPS = ("index", "fragment", "filter", "pagefind-entry.json")


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


def shard_records(records: tuple[SearchRecord, ...], size: int = SHARD_SIZE) -> list[tuple[SearchRecord, ...]]:
    """The records dealt in turn to as few shards as hold `size` each."""
    count = max(1, -(-len(records) // size))
    return [records[n::count] for n in range(count)]


def shard_path(number: int) -> str:
    """A shard's folder relative to pagefind/: "" for the first, "shards/<n>/" for the others."""
    return "" if number == 0 else f"{SHARDS}/{number}/"


def write_search_index(records: tuple[SearchRecord, ...], template_dir: Path, site_dir: Path,
                       shard_size: int | None = None) -> None:
    """Replace `<site_dir>/pagefind/` with the indexes of `records`, their bundles and manifest."""
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    shards = shard_records(records, shard_size or SHARD_SIZE)
    # The indexes are written beside the site (a rename away) and then moved in: Pagefind
    # may empty the folder it writes to, so none is written into another's.
    with tempfile.TemporaryDirectory(prefix="microcred-search-") as tmp, \
            tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site_dir) as written:
        commands = []
        for number, shard in enumerate(shards):
            render_records(shard, template_dir, Path(tmp) / str(number))
            commands.append(_index_command(Path(tmp) / str(number), Path(written) / str(number)))
        warmup = len(shards) > 1
        if warmup:
            _warmup_pages(Path(tmp) / WARMUP)
            commands.append(_index_command(Path(tmp) / WARMUP, Path(written) / WARMUP))
        _run_all(commands)
        _unique_result_ids(shards, template_dir, Path(tmp), Path(written))
        Path(written, "0").rename(output)
        for number in range(1, len(shards)):
            folder = output / shard_path(number)
            folder.parent.mkdir(parents=True, exist_ok=True)
            Path(written, str(number)).rename(folder)
            _strip_bundle(folder)
        warmup_files = _warmup_files(Path(written) / WARMUP) if warmup else {}
    groups = [[number for number in range(len(shards)) if number % GROUPS == group]
              for group in range(min(GROUPS, len(shards)))]
    order = [record.meta["id"] for record in records if record.filters["type"] == ("credential",)]
    result_ids = encode_result_ids(credential_ids(output, len(shards)), order)
    checksum = result_ids.pop("checksum")
    extra = {
        RESULT_IDS: json.dumps(result_ids, separators=(",", ":")).encode("utf-8"),
        LEXICON: "\n".join(lexicon(records)).encode("utf-8"),
        **warmup_files,
    }
    manifest = {
        "version": MANIFEST_VERSION,
        "shards": [shard_path(number) for number in range(len(shards))],
        "groups": groups,
        "checksum": checksum,
        **write_bundles(output, len(shards), extra),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")


def _unique_result_ids(shards: list[tuple[SearchRecord, ...]], template_dir: Path, sources: Path, written: Path) -> None:
    """Pagefind names a record's result by a short hash of its content, unique within one
    index but not across shards: at 10,000 records two shards share a name about one build
    in five, and the page would take the one record for the other. A record whose name an
    earlier shard holds is indexed again with a filter value that changes its content
    (filters are not searched), until every name is unique."""
    for attempt in range(1, 6):
        seen: set[str] = set()
        again: dict[int, set[str]] = {}
        for number in range(len(shards)):
            for name, url in _fragment_urls(written / str(number)).items():
                if name in seen:
                    again.setdefault(number, set()).add(url)
                seen.add(name)
        if not again:
            return
        commands = []
        for number, urls in again.items():
            shard = tuple(replace(record, filters={**record.filters, "variant": (str(attempt),)})
                          if f"/{record.url}" in urls else record for record in shards[number])
            shards[number] = shard
            for folder in (sources / str(number), written / str(number)):
                shutil.rmtree(folder)
            render_records(shard, template_dir, sources / str(number))
            commands.append(_index_command(sources / str(number), written / str(number)))
        _run_all(commands)
    raise SearchIndexError("Pagefind gave records of two shards one result id five times over")


def _fragment_urls(index_dir: Path) -> dict[str, str]:
    """Result id (its fragment's name) -> the record's URL, of one Pagefind index."""
    return {
        fragment.name.removesuffix(".pf_fragment"): json.loads(_read_pagefind_file(fragment)[len(_FRAGMENT_SIGNATURE):])["url"]
        for fragment in (index_dir / "fragment").glob("*.pf_fragment")
    }


def _index_command(source: Path, output: Path) -> list[str]:
    # One language for every record, so the English site's search also finds a credential
    # written in another.
    return [_pagefind(), "--site", str(source), "--output-path", str(output.absolute()),
            "--force-language", "en", "--silent"]


def _warmup_pages(into: Path) -> None:
    """The pages of the warm-up index: each worker searches it once while the page loads,
    so that the browser has compiled Pagefind's search code to fast machine code before the
    first query (which would otherwise run two to four times slower)."""
    for number in range(WARMUP_PAGES):
        target = into / str(number) / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Warm up</title></head>'
                          f'<body><h1>Warm up {number}</h1><p>A warm search index, warm and up to date.</p></body></html>',
                          encoding="utf-8")


def _warmup_files(folder: Path) -> dict[str, bytes]:
    """The warm-up index's entry, metadata and chunks, for the init bundle."""
    files = {f"{WARMUP}pagefind-entry.json": (folder / "pagefind-entry.json").read_bytes()}
    for path in [*folder.glob("pagefind.*.pf_meta"), *(folder / "index").glob("*.pf_index")]:
        files[f"{WARMUP}{path.relative_to(folder).as_posix()}"] = _read_pagefind_file(path)
    return files


def _run_all(commands: list[list[str]]) -> None:
    """Run the Pagefind commands, as many at once as the machine has cores."""
    parallel = max(1, min(len(commands), os.cpu_count() or 1))
    pending = list(commands)
    running: list[subprocess.Popen] = []
    failures = []
    while pending or running:
        while pending and len(running) < parallel:
            running.append(subprocess.Popen(pending.pop(0), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        process = running.pop(0)
        out, _ = process.communicate()
        if process.returncode != 0:
            failures.append(f"Pagefind failed ({process.returncode}): {out}")
    if failures:
        raise SearchIndexError("\n".join(failures))


def _strip_bundle(folder: Path) -> None:
    for path in folder.iterdir():
        if path.name in _SHARD_KEEPS or path.suffix == ".pf_meta":
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


# ------------------------------------------------------------------ result ids


def credential_ids(index_dir: Path, shards: int = 1) -> dict[str, str]:
    """Pagefind result id (its fragment's name) -> credential id, read back from the fragments."""
    ids = {}
    for number in range(shards):
        for fragment in (index_dir / shard_path(number) / "fragment").glob("*.pf_fragment"):
            try:
                data = _read_pagefind_file(fragment)
            except ValueError:
                raise SearchIndexError(f"{fragment}: not a Pagefind fragment this build understands") from None
            stored = json.loads(data[len(_FRAGMENT_SIGNATURE):])
            if stored["filters"].get("type") == ["credential"]:
                ids[fragment.name.removesuffix(".pf_fragment")] = stored["meta"]["id"]
    return ids


def id_checksum(credential_ids: list[str]) -> int:
    """FNV-1a (32 bits) of the credential ids, in the catalog's order, joined by spaces;
    the catalog page's finder data carries the same (catalog_data.py), so a page and an
    index of different catalogs never pair up."""
    value = 0x811C9DC5
    for char in " ".join(credential_ids):
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def encode_result_ids(ids: dict[str, str], order: list[str]) -> dict:
    """The result-id map in few bytes: the result ids, without the prefix they share, in the
    `order` of the credential ids they stand for (the catalog's), which the finder data
    follows: the n-th result id is the catalog's n-th credential.

    10,000 credentials take 80 KB (half that gzipped in the init bundle), instead of 380 KB
    as a JSON object of id pairs.
    """
    result_of = {credential: result for result, credential in ids.items()}
    results = [result_of[credential] for credential in order]
    prefix = os.path.commonprefix(results) if len(results) > 1 else ""
    return {
        "prefix": prefix,
        "results": " ".join(result[len(prefix):] for result in results),
        "checksum": id_checksum(order),
    }


def decode_result_ids(result_ids: dict, order) -> dict[str, str]:
    """Pagefind result id -> credential id, from the init bundle's map and the catalog's ids in its order."""
    results = result_ids["results"].split(" ") if result_ids["results"] else []
    return {result_ids["prefix"] + result: credential for result, credential in zip(results, order)}


# --------------------------------------------------------------------- bundles


def _cbor(data: bytes, at: int = 0):
    """(value, end) of the CBOR item at `at`: the subset Pagefind's metadata uses."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"CBOR item {head:#x} not understood")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at:at + value]
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, at = _cbor(data, at)
            pairs[key], at = _cbor(data, at)
        return pairs, at
    raise ValueError(f"CBOR major type {major} not understood")


def _read_pagefind_file(path: Path) -> bytes:
    """A file Pagefind wrote, uncompressed, its signature kept (ValueError without one)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_FRAGMENT_SIGNATURE):
        raise ValueError(f"{path}: no Pagefind signature")
    return data


def index_chunks(shard_dir: Path) -> list[tuple[str, str, str]]:
    """(first word, last word, hash) of a shard's index chunks, in word order, read from
    its metadata: [version, pages, index chunks, filter chunks, sorts, meta fields]."""
    (meta_file,) = shard_dir.glob("pagefind.*.pf_meta")
    meta, _ = _cbor(_read_pagefind_file(meta_file)[len(_FRAGMENT_SIGNATURE):])
    chunks = [tuple(chunk) for chunk in meta[2]]
    if not all(len(chunk) == 3 and all(isinstance(part, str) for part in chunk) for chunk in chunks):
        raise ValueError("index chunks not understood")
    return chunks


def pack(files: dict[str, bytes]) -> bytes:
    """Files as one gzipped blob: a 4-byte length, a JSON list of [name, size], the bytes."""
    header = json.dumps([[name, len(data)] for name, data in files.items()], separators=(",", ":")).encode("utf-8")
    # Level 6, not 9: 9 takes five times as long (17 s at 10,000 credentials) for 2% fewer bytes.
    return gzip.compress(struct.pack(">I", len(header)) + header + b"".join(files.values()), compresslevel=6, mtime=0)


def unpack(blob: bytes) -> dict[str, bytes]:
    data = gzip.decompress(blob)
    (size,) = struct.unpack(">I", data[:4])
    at = 4 + size
    files = {}
    for name, length in json.loads(data[4:at]):
        files[name] = data[at:at + length]
        at += length
    return files


def _write_blob(output: Path, files: dict[str, bytes]) -> str:
    blob = pack(files)
    name = f"{BUNDLES}/{hashlib.sha256(blob).hexdigest()[:16]}.bin"
    (output / name).write_bytes(blob)
    return name


def write_bundles(output: Path, shards: int, extra: dict[str, bytes] | None = None) -> dict:
    """Write the init bundle and the word bundles; their part of the manifest.

    A word's chunk in a shard is the last one starting at or before it (Pagefind names a
    chunk by the shortest prefixes that bound it). From one chunk start of any shard to
    the next, every shard's chunk stays the same: those chunks are one bundle, listed in
    the manifest as [start, file], in the order of the starts. A catalog of one shard, or
    metadata this build does not understand, has no word bundles: Pagefind loads its own
    files.
    """
    (output / BUNDLES).mkdir()
    init = dict(extra or {})
    for number in range(shards):
        folder = output / shard_path(number)
        init[shard_path(number) + "pagefind-entry.json"] = (folder / "pagefind-entry.json").read_bytes()
        for meta_file in folder.glob("pagefind.*.pf_meta"):
            init[shard_path(number) + meta_file.name] = _read_pagefind_file(meta_file)
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        wasm = output / f"wasm.{language.get('wasm') or 'unknown'}.pagefind"
        if wasm.is_file():
            init[wasm.name] = _read_pagefind_file(wasm)
    try:
        chunks = {number: index_chunks(output / shard_path(number)) for number in range(shards)} if shards > 1 else {}
    except (ValueError, IndexError, KeyError, TypeError):
        chunks = {}
    unpacked: dict[str, bytes] = {}
    bundles = []
    for start in sorted({first for held in chunks.values() for first, _, _ in held}):
        files = {}
        for number, held in chunks.items():
            before = [digest for first, _, digest in held if first <= start]
            if before:
                name = f"{shard_path(number)}index/{before[-1]}.pf_index"
                if name not in unpacked:
                    unpacked[name] = _read_pagefind_file(output / name)
                files[name] = unpacked[name]
        bundles.append([start, _write_blob(output, files)])
    return {"init": _write_blob(output, init), "bundles": bundles}
