"""Reads the files Pagefind writes, a format Pagefind keeps private and may change.

The build reads back what it needs of an index Pagefind wrote: each result's id, URL and
credential id (its fragment), and the word ranges of its index chunks (its metadata), to
make the search's bundles and result-id map (`pagefind_index.py`). Every Pagefind file is
gzipped and starts with `SIGNATURE`; a fragment is JSON after it, the metadata is CBOR.

This is known to hold for `PAGEFIND_VERSION` only, the version requirements.txt and
constraints.txt pin (`pagefind[bin]`, the binary's wheel). Each reader first checks the
version the index says it was written by (`pagefind-entry.json`) and raises
`PagefindFormatError`, naming both versions, on any other: after upgrading Pagefind, check
this module against the new version's files (tests/test_pagefind_reader.py), then raise
`PAGEFIND_VERSION` with the pin.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

PAGEFIND_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the data of each file
ENTRY = "pagefind-entry.json"


class PagefindFormatError(ValueError):
    """A Pagefind file this reader does not understand; the message says which and why."""


def check_version(index_dir: Path) -> None:
    """Raise unless the index in `index_dir` was written by the Pagefind this reader knows."""
    try:
        found = json.loads((index_dir / ENTRY).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PagefindFormatError(f"{index_dir / ENTRY}: no Pagefind version in it ({error})") from None
    if found != PAGEFIND_VERSION:
        raise PagefindFormatError(
            f"{index_dir}: written by Pagefind {found}, but this build reads the files of Pagefind {PAGEFIND_VERSION} "
            f"only (pagefind[bin]=={PAGEFIND_VERSION} in requirements.txt); install that version, or check "
            "hooks/microcred/pagefind_reader.py against the new one and raise PAGEFIND_VERSION")


def read_file(path: Path) -> bytes:
    """A file Pagefind wrote, uncompressed, its signature kept."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path}: no Pagefind signature")
    return data


def _fragment(path: Path) -> dict:
    try:
        return json.loads(read_file(path)[len(SIGNATURE):])
    except ValueError as error:
        raise PagefindFormatError(f"{path}: not a Pagefind fragment this build understands ({error})") from None


def fragment_urls(index_dir: Path) -> dict[str, str]:
    """Result id (its fragment's name) -> the record's URL, of one Pagefind index."""
    check_version(index_dir)
    return {path.name.removesuffix(".pf_fragment"): _fragment(path)["url"] for path in (index_dir / "fragment").glob("*.pf_fragment")}


def credential_ids(index_dirs: list[Path]) -> dict[str, str]:
    """Result id -> credential id, of the credentials' fragments in the indexes."""
    ids = {}
    for index_dir in index_dirs:
        check_version(index_dir)
        for path in (index_dir / "fragment").glob("*.pf_fragment"):
            stored = _fragment(path)
            if stored["filters"].get("type") == ["credential"]:
                ids[path.name.removesuffix(".pf_fragment")] = stored["meta"]["id"]
    return ids


def index_chunks(index_dir: Path) -> list[tuple[str, str, str]]:
    """(first word, last word, hash) of an index's chunks, in word order, read from its
    metadata: [version, pages, index chunks, filter chunks, sorts, meta fields]."""
    check_version(index_dir)
    metas = list(index_dir.glob("pagefind.*.pf_meta"))
    if len(metas) != 1:
        raise PagefindFormatError(f"{index_dir}: {len(metas)} metadata files, not one")
    (meta_file,) = metas
    try:
        meta, _ = _cbor(read_file(meta_file)[len(SIGNATURE):])
        chunks = [tuple(chunk) for chunk in meta[2]]
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise PagefindFormatError(f"{meta_file}: metadata not understood ({error})") from None
    if not all(len(chunk) == 3 and all(isinstance(part, str) for part in chunk) for chunk in chunks):
        raise PagefindFormatError(f"{meta_file}: index chunks not understood")
    return chunks


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
