"""load -> validate -> model: the catalog, or every problem that keeps it from being built.

Parsed and schema-checked files are cached by path and content hash, so a rebuild
while `serve` runs redoes only the files that changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .crosscheck import check_catalog
from .discover import SourceFile, discover
from .load import Document, parse_document, read_source
from .model import Catalog, build_catalog
from .problems import Problem, has_errors, sort_problems
from .validate import load_validators, validate_document

_checked: dict[tuple[str, str, str], tuple[Document | None, list[Problem]]] = {}


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog | None  # None when any error was found
    problems: tuple[Problem, ...]
    documents: tuple[Document, ...]

    @property
    def ok(self) -> bool:
        return self.catalog is not None


def _check_file(source: SourceFile, schema_dir: Path) -> tuple[Document | None, list[Problem]]:
    raw, problems = read_source(source)
    if raw is None:
        return None, problems
    key = (str(source.absolute), source.kind, hashlib.blake2b(raw, digest_size=16).hexdigest())
    if key not in _checked:
        document, problems = parse_document(source, raw)
        if document is not None:
            problems = problems + validate_document(document, load_validators(schema_dir)[source.kind])
        _checked[key] = (document, problems)
    document, problems = _checked[key]
    return document, list(problems)


def load_catalog(root: Path, schema_dir: Path | None = None) -> LoadResult:
    root = Path(root)
    schema_dir = Path(schema_dir or root / "schema").resolve()
    sources, problems = discover(root)
    documents = []
    for source in sources:
        document, file_problems = _check_file(source, schema_dir)
        problems += file_problems
        if document is not None:
            documents.append(document)
    problems += check_catalog(documents, root)
    problems = sort_problems(problems)
    catalog = None if has_errors(problems) else build_catalog(documents)
    return LoadResult(catalog, tuple(problems), tuple(documents))
