"""load -> validate -> model: the catalog, or every problem that keeps it from being built.

Parsed and schema-checked files are cached by path and content hash, so a rebuild
while `serve` runs redoes only the files that changed; a large first load is spread
over the machine's cores.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import threading
import weakref
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .changes import changed_paths
from .crosscheck import check_catalog
from .ctid import check_ctids
from .discover import SourceFile, discover
from .duplicates import clashes, resolve_clashes
from .identity import Identity, read_identity
from .languages import check_language
from .layout import KINDS, schema_path
from .lint import lint_document
from .load import Document, parse_document, read_source
from .model import Catalog, build_catalog
from .problems import Problem, has_errors, sort_problems
from .validate import load_validators, validate_document

_checked: dict[tuple[str, str, str], tuple[Document | None, list[Problem]]] = {}
# The model's item made of each cached document, for as long as the document is cached.
_made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_schema_seen: dict[str, str] = {}  # schema folder -> fingerprint of its files
# Below this many unchecked files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


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
    for source in sources:
        raw, problems = read_source(source)
        if raw is None:
            keys.append((None, problems))
            continue
        key = (str(source.absolute), source.kind, hashlib.blake2b(raw, digest_size=16).hexdigest())
        keys.append((key, []))
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
    return results


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
    return result


def _load_catalog(root: Path, schema_dir: Path | None) -> LoadResult:
    schema_dir = Path(schema_dir or root / "schema").resolve()
    sources, problems = discover(root)
    if not all(schema_path(schema_dir, kind).is_file() for kind in KINDS):
        problems.append(Problem("schema/", 1, 1, "schema folder or one of its schemas not found", "", "restore schema/ from the repository: every definition is checked against it"))
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
