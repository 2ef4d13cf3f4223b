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
whole's. The shards are dealt in turn to `GROUPS` groups; the page's search service
(assets/javascripts/search-service.js) searches each group in a worker of its own, the
groups at once. Up to `SHARD_SIZE` records are one index.

Bundles (`pagefind/bundles/`, named by their content). A word needs an index chunk from
every shard: a request per shard. A word bundle holds, for one range of words, the chunk
each shard loads for a word in that range, so a word costs one request; the page
fetches a query's word bundles as soon as it has the words and hands them to its
workers, which answer Pagefind's requests from them. The init bundle holds what each
worker loads first: every shard's entry and metadata, the WebAssembly, the result-id map
and a small warm-up index; and what the page needs before it searches: the lexicon of
every indexed word (see `search_index.lexicon`). Bundles only copy Pagefind's files
(uncompressed, then gzipped together), which stay in place for a browser without
workers and for a chunk no bundle holds.

The files the page reads (the manifest `catalog-index.json`, the bundles and their
members) are described once, in `search_format.py`; what is read back of Pagefind's own
files, in `pagefind_reader.py`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import jinja2

from .pagefind_reader import ENTRY, PagefindFormatError, credential_ids, fragment_urls, index_chunks, read_file
from .search_format import BUNDLES, FOLDER, LEXICON, MANIFEST, RESULT_IDS, WARMUP, Manifest, encode_result_ids, id_checksum, pack
from .search_index import SearchRecord, lexicon

TEMPLATE = "record.html"
SHARDS = "shards"  # pagefind/shards/<n>/: the indexes merged into the first one
SHARD_SIZE = 640  # records per Pagefind index: 16 shards at 10,000
GROUPS = 2  # workers searching shards at once, on as many cores
WARMUP_PAGES = 500
WARMUP_INDEX = "warmup-index"  # the warm-up index's own folder, beside its pages
SHARED_MEMORY = "/dev/shm"
STAGING_PREFIX = "microcred-search-"  # and the process id: "microcred-search-<pid>-..."
ABANDONED_AFTER = 3600  # seconds: a staging folder this old whose process is gone was left behind
STAGING_ROOM, STAGING_PER_RECORD = 64 * 2**20, 32 * 2**10  # bytes free that staging there needs
# What a merged shard needs (and its `pagefind.<language>_<hash>.pf_meta`); the rest of
# Pagefind's bundle (scripts, styles, WebAssembly) is loaded from the first index only.
_SHARD_KEEPS = ("index", "fragment", "filter", ENTRY)


class SearchIndexError(RuntimeError):
    """Pagefind failed, or wrote files this build cannot read; the message says which."""


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
    try:
        _write_search_index(records, template_dir, site_dir / FOLDER, shard_records(records, shard_size or SHARD_SIZE))
    except PagefindFormatError as error:
        raise SearchIndexError(str(error)) from None


def _write_search_index(records: tuple[SearchRecord, ...], template_dir: Path, output: Path,
                        shards: list[tuple[SearchRecord, ...]]) -> None:
    shutil.rmtree(output, ignore_errors=True)
    # The indexes are written beside the site (a rename away) and then moved in: Pagefind
    # may empty the folder it writes to, so none is written into another's.
    with tempfile.TemporaryDirectory(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=_staging_dir(len(records))) as tmp, \
            tempfile.TemporaryDirectory(prefix=".pagefind-", dir=output.parent) as written:
        commands = []
        for number, shard in enumerate(shards):
            render_records(shard, template_dir, Path(tmp) / str(number))
            commands.append(_index_command(Path(tmp) / str(number), Path(written) / str(number)))
        warmup = len(shards) > 1
        if warmup:
            _warmup_pages(Path(tmp) / WARMUP)
            commands.append(_index_command(Path(tmp) / WARMUP, Path(tmp) / WARMUP_INDEX))  # read, not published
        _run_all(commands)
        _unique_result_ids(shards, template_dir, Path(tmp), Path(written))
        Path(written, "0").rename(output)
        for number in range(1, len(shards)):
            folder = output / shard_path(number)
            folder.parent.mkdir(parents=True, exist_ok=True)
            Path(written, str(number)).rename(folder)
            _strip_bundle(folder)
        warmup_files = _warmup_files(Path(tmp) / WARMUP_INDEX) if warmup else {}
    order = [record.meta["id"] for record in records if record.filters["type"] == ("credential",)]
    result_ids = encode_result_ids(credential_ids([output / shard_path(number) for number in range(len(shards))]), order)
    extra = {
        RESULT_IDS: json.dumps(result_ids, separators=(",", ":")).encode("utf-8"),
        LEXICON: "\n".join(lexicon(records)).encode("utf-8"),
        **warmup_files,
    }
    init, bundles = write_bundles(output, len(shards), extra)
    manifest = Manifest(
        shards=tuple(shard_path(number) for number in range(len(shards))),
        groups=tuple(tuple(range(group, len(shards), GROUPS)) for group in range(min(GROUPS, len(shards)))),
        checksum=id_checksum(order),
        init=init,
        bundles=bundles,
    )
    (output / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")


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
            for name, url in fragment_urls(written / str(number)).items():
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


def _staging_dir(records: int) -> str | None:
    """Where the records and the warm-up index are staged for Pagefind: in memory
    (/dev/shm) where the system has room there, else the temporary folder. They are
    written, read once and deleted: on a disk, making and removing some thousands of
    small files costs seconds of the build."""
    try:
        room = os.statvfs(SHARED_MEMORY)
    except OSError:
        return None
    usable = os.access(SHARED_MEMORY, os.W_OK) and room.f_bavail * room.f_frsize > STAGING_ROOM + records * STAGING_PER_RECORD
    if not usable:
        return None
    # What a process killed while indexing left (a preview stopped mid-update): in memory,
    # it would stay until the machine restarts.
    for path in Path(SHARED_MEMORY).glob(f"{STAGING_PREFIX}*-*"):
        pid = path.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)) and _age(path) > ABANDONED_AFTER:
            shutil.rmtree(path, ignore_errors=True)
    return SHARED_MEMORY


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


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
    files = {f"{WARMUP}{ENTRY}": (folder / ENTRY).read_bytes()}
    for path in [*folder.glob("pagefind.*.pf_meta"), *(folder / "index").glob("*.pf_index")]:
        files[f"{WARMUP}{path.relative_to(folder).as_posix()}"] = read_file(path)
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


# --------------------------------------------------------------------- bundles


def _write_blob(output: Path, files: dict[str, bytes]) -> str:
    blob = pack(files)
    name = f"{BUNDLES}/{hashlib.sha256(blob).hexdigest()[:16]}.bin"
    (output / name).write_bytes(blob)
    return name


def write_bundles(output: Path, shards: int, extra: dict[str, bytes] | None = None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Write the init bundle and the word bundles: the init bundle's path and the manifest's
    (first word, path) of each word bundle.

    A word's chunk in a shard is the last one starting at or before it (Pagefind names a
    chunk by the shortest prefixes that bound it). From one chunk start of any shard to
    the next, every shard's chunk stays the same: those chunks are one bundle, listed in
    the order of the starts. A catalog of one shard has no word bundles: Pagefind loads
    its own files.
    """
    (output / BUNDLES).mkdir()
    init = dict(extra or {})
    for number in range(shards):
        folder = output / shard_path(number)
        init[shard_path(number) + ENTRY] = (folder / ENTRY).read_bytes()
        for meta_file in folder.glob("pagefind.*.pf_meta"):
            init[shard_path(number) + meta_file.name] = read_file(meta_file)
    entry = json.loads((output / ENTRY).read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        wasm = output / f"wasm.{language.get('wasm') or 'unknown'}.pagefind"
        if wasm.is_file():
            init[wasm.name] = read_file(wasm)
    chunks = {number: index_chunks(output / shard_path(number)) for number in range(shards)} if shards > 1 else {}
    unpacked: dict[str, bytes] = {}
    bundles = []
    for start in sorted({first for held in chunks.values() for first, _, _ in held}):
        files = {}
        for number, held in chunks.items():
            before = [digest for first, _, digest in held if first <= start]
            if before:
                name = f"{shard_path(number)}index/{before[-1]}.pf_index"
                if name not in unpacked:
                    unpacked[name] = read_file(output / name)
                files[name] = unpacked[name]
        bundles.append((start, _write_blob(output, files)))
    return _write_blob(output, init), tuple(bundles)
