"""The catalog's JSON Schemas, read in one place: each file parsed once (again only when it
changes, under `serve`) and its local `$ref`s resolved once, for every step that reads them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

# Keywords that may sit beside a `$ref` without changing what it means; a `$ref` with any
# other keyword beside it is left for the validator, which applies both.
_ANNOTATIONS = frozenset({"$ref", "description", "examples", "title", "default"})
_LOCAL = "#/$defs/"


def schema_path(schema_dir: Path, kind: str) -> Path:
    return schema_dir / f"{kind}.schema.json"


def resolved_schema(schema_dir: Path, kind: str) -> dict:
    """A kind's JSON Schema with each local `$ref` replaced by the definition it names.

    Resolving a `$ref` is about a third of jsonschema's time on a credential, and the field
    reference reads a definition where it is used. A definition that refers to itself,
    directly or not, keeps its `$ref` there (the schema keeps its `$defs`), so a recursive
    schema still validates instead of recursing forever.
    """
    path = schema_path(schema_dir, kind)
    return _resolved(path, path.stat().st_mtime_ns)


def definitions(schema_dir: Path, kind: str) -> dict:
    """A kind's `$defs`, resolved."""
    return resolved_schema(schema_dir, kind).get("$defs", {})


@cache
def _resolved(path: Path, mtime_ns: int) -> dict:
    schema = json.loads(path.read_text(encoding="utf-8"))
    return _inline_refs(schema, schema.get("$defs", {}), frozenset())


def _inline_refs(node, defs: dict, inlining: frozenset[str]):
    if isinstance(node, list):
        return [_inline_refs(item, defs, inlining) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    name = ref.removeprefix(_LOCAL)
    if ref.startswith(_LOCAL) and name in defs and name not in inlining and set(node) <= _ANNOTATIONS:
        inlined = _inline_refs(defs[name], defs, inlining | {name})
        return {**inlined, **{key: value for key, value in node.items() if key != "$ref"}}
    return {key: _inline_refs(value, defs, inlining) for key, value in node.items()}
