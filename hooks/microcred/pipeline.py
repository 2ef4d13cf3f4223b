"""load -> validate -> model: the catalog, or every problem that keeps it from being built.

Parsed and schema-checked files are cached by path and content hash, so a rebuild
while `serve` runs redoes only the files that changed (and reads only those whose size,
times or inode changed); a large first load is spread over the machine's cores.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import threading
import time
import weakref
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .build_model import build_catalog
from .changes import changed_paths
from .crosscheck import check_catalog
from .ctid import check_ctids
from .discover import SourceFile, discover
from .duplicates import clashes, resolve_clashes
from .identity import Identity, read_identity
from .languages import check_language
from .layout import KINDS
from .lint import lint_document
from .load import Document, parse_document, read_source
from .model import Catalog
from .problems import Problem, file_problem, has_errors, sort_problems
from .schemas import schema_path
from .validate import load_validators, validate_document

_checked: dict[tuple[str, str, str], tuple[Document | None, list[Problem]]] = {}
# Each file's signature (`_signature`) when it was last read, and its key in `_checked`:
# under `serve`, a save re-reads only the files whose signature changed, not the 10,000
# others (reading and hashing them took a second of each update).
_read: dict[str, tuple[tuple[int, int, int, int], tuple[str, str, str]]] = {}
# The model's item made of each cached document, for as long as the document is cached.
_made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_schema_seen: dict[str, str] = {}  # schema folder -> fingerprint of its files
# The catalog's last listing, by root: (its folders' signatures, what `discover` found).
_listed: dict[str, tuple[tuple, tuple[list[SourceFile], list[Problem]]]] = {}
# Below this many unchecked files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
# A file or folder changed within this long before it was read may change again with the
# same times (the clock behind them ticks in milliseconds): it is read again next time.
SETTLED_NS = 1_000_000_000


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog | None  # None when any error was found
    problems: tuple[Problem, ...]
    documents: tuple[Document, ...]

    @property
    def ok(self) -> bool:
        return self.catalog is not None


def _check(source: SourceFile, raw: bytes, schema_dir: Path) -> tuple[Document | None, list[Problem]]:
    document, problems = parse_document(source, raw)
    if document is not None:
        problems = problems + validate_document(document, load_validators(schema_dir)[source.kind])
        problems = problems + check_language(document) + lint_document(document)
        document = document.without_positions(raw)  # checked on its own: its positions can go
    return document, problems


def _check_in_worker(job: tuple[SourceFile, bytes, Path]) -> tuple[Document | None, list[Problem]]:
    return _check(*job)


def _forget_if_schemas_changed(schema_dir: Path) -> None:
    """A schema edited while `serve` runs must re-check every file with the new schema."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(schema_dir.glob("*.json")):
        digest.update(path.read_bytes())
    fingerprint = digest.hexdigest()
    if _schema_seen.get(str(schema_dir), fingerprint) != fingerprint:
        _checked.clear()
        load_validators.cache_clear()
    _schema_seen[str(schema_dir)] = fingerprint


def _check_files(sources, schema_dir: Path) -> list[tuple[Document | None, list[Problem]]]:
    """Each source's document and problems, in order; unchanged files come from the cache."""
    _forget_if_schemas_changed(schema_dir)
    keys: list[tuple[tuple[str, str, str] | None, list[Problem]]] = []
    missing: dict[tuple[str, str, str], tuple[SourceFile, bytes, Path]] = {}
    settled_before = time.time_ns() - SETTLED_NS
    for source in sources:
        signature = _signature(source.absolute)  # before reading: a save after it makes a new one
        known = _read.get(str(source.absolute))
        if signature is not None and known is not None and known[0] == signature and known[1][1] == source.kind and known[1] in _checked:
            keys.append((known[1], []))  # not read again: its size, times and inode are as they were
            continue
        raw, problems = read_source(source)
        if raw is None:
            keys.append((None, problems))
            continue
        key = (str(source.absolute), source.kind, hashlib.blake2b(raw, digest_size=16).hexdigest())
        keys.append((key, []))
        if signature is not None and _settled(signature, settled_before):
            _read[str(source.absolute)] = (signature, key)
        if key not in _checked:
            missing[key] = (source, raw, schema_dir)
    workers = min(len(missing) // PARALLEL_FROM, os.cpu_count() or 1)
    # fork only from a single-threaded process (a build, validate), never from `serve`'s threads
    if workers > 1 and threading.active_count() == 1:
        load_validators(schema_dir)  # built once here, inherited by the forked workers
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            checked = pool.map(_check_in_worker, missing.values(), chunksize=64)
            _checked.update(zip(missing, checked))
    else:
        _checked.update((key, _check(*job)) for key, job in missing.items())
    results: list[tuple[Document | None, list[Problem]]] = [(None, problems) if key is None else (_checked[key][0], list(_checked[key][1])) for key, problems in keys]
    # Only what this load read stays cached: earlier versions of a file saved under `serve`
    # would otherwise pile up, one per save, for as long as the server runs.
    for stale in _checked.keys() - {key for key, _ in keys}:
        del _checked[stale]
    for gone in _read.keys() - {str(source.absolute) for source in sources}:
        del _read[gone]
    return results


def _discover(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """`discover(root)`, or its last result while no folder of the catalog changed: a file
    added, removed or renamed changes its folder's times, an edit in place does not. Under
    `serve`, a save then lists nothing again (10,000 files: half a second of each update)."""
    known = _listed.get(str(root))
    if known is not None and all(_signature(Path(folder)) == signature for folder, signature in known[0]):
        return list(known[1][0]), list(known[1][1])
    settled_before = time.time_ns() - SETTLED_NS
    folders = _folders(root / "catalog")  # before listing: a change while it lists makes the next load list again
    sources, problems = discover(root)
    if folders is not None and all(_settled(signature, settled_before) for _, signature in folders):
        _listed[str(root)] = (folders, (list(sources), list(problems)))
    return sources, problems


def _folders(catalog: Path) -> tuple | None:
    """(folder, `_signature`) of `catalog` and every folder in it, or None when it holds a
    symbolic link (whose target may change while its folder does not)."""
    folders, todo = [], [str(catalog)]
    while todo:
        folder = todo.pop()
        signature = _signature(Path(folder))
        if signature is None:
            return None
        folders.append((folder, signature))
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return None
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
    return tuple(folders)


def _settled(signature: tuple[int, int, int, int], before: int) -> bool:
    """Whether a `_signature`'s times are older than `before` (see SETTLED_NS)."""
    return max(signature[1], signature[2]) < before


def _signature(path: Path) -> tuple[int, int, int, int] | None:
    """What changes when a file is written, renamed over or touched: size, modification
    and change times (nanoseconds), inode."""
    try:
        found = os.stat(path)
    except OSError:
        return None  # read_source says why
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


@contextmanager
def _no_cycle_collection():
    """Loading makes a million small objects and no reference cycles; Python's cycle
    collector would scan the growing heap again and again (a quarter of the time at
    10,000 credentials) and find nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_catalog(root: Path, schema_dir: Path | None = None, *, keep_checks: bool = True) -> LoadResult:
    """`keep_checks`: cache each file's checks for the next load (serve's rebuilds); a
    build, which loads once, says False and so gives their memory to the rest of the build."""
    with _no_cycle_collection():
        result = _load_catalog(Path(root), schema_dir)
    if not keep_checks:
        _checked.clear()
        _read.clear()
        _listed.clear()
    return result


def _load_catalog(root: Path, schema_dir: Path | None) -> LoadResult:
    schema_dir = Path(schema_dir or root / "schema").resolve()
    sources, problems = _discover(root)
    if not all(schema_path(schema_dir, kind).is_file() for kind in KINDS):
        problems.append(file_problem("schema/", "schema folder or one of its schemas not found", "restore schema/ from the repository: every definition is checked against it"))
        return LoadResult(None, tuple(sort_problems(problems)), ())
    documents = []
    for document, file_problems in _check_files(sources, schema_dir):
        problems += file_problems
        if document is not None:
            documents.append(document)
    clash_problems, documents = _settle_clashes(root, sources, documents)
    problems += clash_problems
    problems += check_catalog(documents, root)
    identity = read_identity(root)  # the site URL the exports derive missing ctids from
    problems += check_ctids(documents, identity if isinstance(identity, Identity) else None)
    problems = sort_problems(problems)
    catalog = None if has_errors(problems) else build_catalog(documents, _made)
    return LoadResult(catalog, tuple(problems), tuple(documents))


def _settle_clashes(root: Path, sources: list[SourceFile], documents: list[Document]) -> tuple[list[Problem], list[Document]]:
    """Problems for ids claimed twice, and the documents without the files that lose their id."""
    clashing = clashes(sources)
    if not clashing:  # the usual case: git is not asked
        return [], documents
    identity = read_identity(root)
    branch = identity.source_branch if isinstance(identity, Identity) else "main"
    statuses = {d.path: d.data.get("status") for d in documents}
    problems, losers = resolve_clashes(clashing, statuses, changed_paths(root, branch))
    return problems, [d for d in documents if d.path not in losers]
