"""The field reference, read from the JSON Schemas so the docs never drift from them.

schema/*.schema.json -> plain data (field, type, required, limits, description,
allowed values with their enumDescriptions); overrides/field-reference.html renders it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .layout import definition_path
from .markdown import Markdown, render_markdown
from .schemas import resolved_schema

PAGE_URI = "contributing/fields.md"
# The order the reference page shows them in: what issuers write most first.
SHOWN_KINDS = ("credential", "pathway", "issuer")
_FORMATS = {"date": "date (YYYY-MM-DD)", "uri": "https URL", "email": "email address"}
_TYPES = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true / false", "object": "mapping"}


@dataclass(frozen=True)
class AllowedValue:
    value: str
    description: str


@dataclass(frozen=True)
class FieldDoc:
    name: str  # dotted path; `[]` marks each item of a list: submission.parts[].id
    type: str
    required: bool
    limits: str
    description: Markdown
    allowed: tuple[AllowedValue, ...]


@dataclass(frozen=True)
class KindDoc:
    kind: str
    file: str
    title: str
    description: Markdown
    fields: tuple[FieldDoc, ...]


def page_source() -> str:
    return (
        "---\ntemplate: field-reference.html\ntitle: Field reference\n"
        "description: Every field of issuer, credential and pathway definitions, generated from the JSON Schemas.\n---\n"
    )


def field_reference(schema_dir: Path) -> tuple[KindDoc, ...]:
    kinds = []
    for kind in SHOWN_KINDS:
        file = definition_path(kind, "<issuer-id>", "<id>")
        schema = resolved_schema(schema_dir, kind)
        kinds.append(KindDoc(
            kind, file, schema.get("title", kind), render_markdown(schema.get("description", "")),
            tuple(_fields(schema, "")),
        ))
    return tuple(kinds)


def _fields(node: dict, prefix: str):
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        items = prop.get("items", {}) if prop.get("type") == "array" else {}
        enum_node = items if "enum" in items else prop
        yield FieldDoc(
            name=path,
            type=_type_name(prop, items),
            required=name in required,
            limits=_limits(prop),
            description=render_markdown(prop.get("description", "")),
            allowed=tuple(
                AllowedValue(str(value), text)
                for value, text in zip(enum_node.get("enum", ()), enum_node.get("enumDescriptions", ("",) * 999))
            ),
        )
        if prop.get("type") == "object":
            yield from _fields(prop, f"{path}.")
        if items.get("type") == "object":
            yield from _fields(items, f"{path}[].")


def _type_name(prop: dict, items: dict) -> str:
    if prop.get("type") == "array":
        if "enum" in items:
            return "list of the values below"
        return "list of mappings" if items.get("type") == "object" else f"list of {_type_name(items, {})}"
    if "enum" in prop:
        return "one of the values below"
    if "const" in prop:
        return f"`{prop['const']}`"
    return _FORMATS.get(prop.get("format", ""), _TYPES.get(prop.get("type", ""), "value"))


def _limits(prop: dict) -> str:
    words = {
        "minLength": "at least {} characters", "maxLength": "at most {} characters",
        "minItems": "at least {} items", "maxItems": "at most {} items",
        "minimum": "at least {}", "exclusiveMinimum": "more than {}", "maximum": "at most {}",
        "default": "default: {}",
    }
    # A minimum of 1 only says "not empty": the required column and the description say it better.
    return "; ".join(
        text.format(prop[key]) for key, text in words.items()
        if key in prop and not (key in ("minLength", "minItems") and prop[key] == 1)
    )
