"""Check each document against its JSON Schema and explain every failure to an issuer.

jsonschema's own messages are written for schema authors (`'maths' is not one of
[...]`); each error is turned into what is wrong and how to fix it, on the line of
the offending value.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .ctid import ctid_fix
from .layout import KINDS
from .load import Document, is_finite
from .problems import Problem, problem_at
from .schemas import resolved_schema

BOOLEAN_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}

_format_checker = FormatChecker()


@_format_checker.checks("uri")
def _is_absolute_url(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc and " " not in value)


@dataclass(frozen=True)
class SchemaCheck:
    """Two validators of one schema: jsonschema-rs says yes or no, about a hundred times
    faster than jsonschema, which only runs on the documents it refuses, to explain why."""

    validator: Draft202012Validator
    fast: jsonschema_rs.Draft202012Validator

    def is_valid(self, data) -> bool:
        return self.fast.is_valid(data)


@cache
def load_validators(schema_dir: Path) -> dict[str, SchemaCheck]:
    """One check per kind, built once per schema folder."""
    checks = {}
    for kind in KINDS:
        schema = resolved_schema(schema_dir, kind)
        checks[kind] = SchemaCheck(
            Draft202012Validator(schema, format_checker=_format_checker),
            # The same reading of "uri" on both sides; jsonschema-rs is as strict as jsonschema
            # or stricter on the others (email, date), and stricter only costs an explanation.
            jsonschema_rs.Draft202012Validator(schema, formats={"uri": _is_absolute_url}, validate_formats=True),
        )
    return checks


def validate_document(document: Document, check: SchemaCheck) -> list[Problem]:
    if check.is_valid(document.data):
        return []
    return [problem for error in check.validator.iter_errors(document.data) for problem in _explain(document, error)]


# --- turning schema errors into advice ---------------------------------------------------


def _explain(document: Document, error: ValidationError) -> list[Problem]:
    error = _most_specific(error)
    path = tuple(error.absolute_path)
    if _repeats_the_loader(error):
        return []
    if error.validator == "additionalProperties":  # one problem per unknown field, each on its own line
        return [_problem(document, path, *advice) for advice in _unknown_fields(error, path)]
    explain = _EXPLAINERS.get(error.validator, _explain_default)
    return [_problem(document, path, *explain(document, error, path))]


def _repeats_the_loader(error: ValidationError) -> bool:
    """A range or number-type error on a number the loader refused (NaN, an infinity, an
    integer too large for a float): it has been reported already, quoted as written."""
    value = error.instance
    if not isinstance(value, (int, float)) or isinstance(value, bool) or is_finite(value):
        return False
    numeric_type = error.validator == "type" and {"number", "integer"} & set(_as_list(error.validator_value))
    return error.validator in _RELATIONS or bool(numeric_type)


def _problem(document: Document, path, message: str, fix: str, key_path) -> Problem:
    if key_path is not None:  # the problem is a field name: point at the name itself
        return problem_at(document, key_path, message, fix, at_key=True)
    return problem_at(document, path, message, fix)


def _most_specific(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the error of the alternative that came closest."""
    while error.context:
        deepest = max(error.context, key=lambda e: (len(e.absolute_path), -len(e.context)))
        if len(deepest.absolute_path) <= len(error.absolute_path):
            break
        error = deepest
    return error


def _field(path) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "file"


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing (empty value)"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


_EXPECTED = {"string": "text", "array": "a list", "object": "a mapping", "number": "a number", "integer": "a whole number", "boolean": "true or false"}


def _explain_type(document, error, path):
    raw = document.raw_scalars.get(path, "")
    if isinstance(error.instance, bool) and raw.lower() in BOOLEAN_WORDS and "string" in _as_list(error.validator_value):
        return (f"`{raw}` is read by YAML as the boolean {str(error.instance).lower()}, not as text",
                f'quote it: {_field(path)}: "{raw}"', None)
    expected = " or ".join(_EXPECTED.get(t, t) for t in _as_list(error.validator_value))
    fix = f"write {expected} for `{_field(path)}`"
    if error.instance is None:
        return f"`{_field(path)}` is empty", fix, None
    if isinstance(error.instance, str) and "number" in _as_list(error.validator_value):
        fix += " without quotes or units, e.g. 2.5"
    return f"`{_field(path)}` must be {expected}, not {_type_name(error.instance)}", fix, None


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _unknown_fields(error, path):
    """(message, fix, key path) for each field of the mapping the schema does not know."""
    allowed = list(error.schema.get("properties", {}))
    return [(f"unknown field `{extra}`", _unknown_field_fix(extra, allowed), path + (extra,))
            for extra in error.instance if extra not in allowed]


def _unknown_field_fix(extra: str, allowed: list[str]) -> str:
    if extra == "id":
        return "remove it: the id is the file name"
    guess = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
    if guess:
        return f"did you mean `{guess[0]}`?"
    return "allowed fields here: " + ", ".join(allowed)


def _explain_required(document, error, path):
    missing = error.message.split("'")[1] if "'" in error.message else "?"
    description = error.schema.get("properties", {}).get(missing, {}).get("description", "")
    where = "" if not path else f" in `{_field(path)}`" if not isinstance(path[-1], int) else f" in {_field(path)} entry {path[-1] + 1}"
    fix = f"add `{missing}:`" + (f" ({description.split('. ')[0].rstrip('.')})" if description else "")
    return f"missing required field `{missing}`{where}", fix, None


def _explain_enum(document, error, path):
    allowed = [str(v) for v in error.validator_value]
    value = str(error.instance)
    close = difflib.get_close_matches(value, allowed, n=3, cutoff=0.5)
    if close:
        fix = "closest allowed values: " + ", ".join(close)
    elif len(allowed) <= 12:
        fix = "allowed values: " + ", ".join(allowed)
    else:
        fix = f"use one of the {len(allowed)} values listed in the schema, e.g. " + ", ".join(allowed[:5])
    if isinstance(error.instance, bool):
        raw = document.raw_scalars.get(path, str(error.instance))
        return f"`{raw}` is read by YAML as a boolean", f'quote it: "{raw}"', None
    return f"unknown value `{value}` for `{_field(path)}`", fix, None


_PATTERN_ADVICE = {
    "url": "use a full https:// address",
    "earn_url": "use a full https:// address",
    "version": 'write a semantic version in quotes, e.g. version: "1.0.0"',
    "doi": "write the bare DOI, e.g. 10.1080/0969595980050102 (no https://doi.org/)",
    "currency": "use a three-letter ISO 4217 code in capitals, e.g. USD, EUR",
    "image": "give a path inside the issuer folder, e.g. images/badge.svg (svg, png, jpg or webp; no `..`, no leading /)",
    "logo": "give a path inside the issuer folder, e.g. images/logo.svg (svg, png, jpg or webp; no `..`, no leading /)",
}
_ID_ADVICE = "use a credential id: lowercase letters and digits joined by single hyphens, e.g. exit-tickets"


def _explain_pattern(document, error, path):
    name = _field(path)
    if error.validator_value == "^https://":
        return f"`{_shown(error.instance)}` is not an https URL", "every link must start with https://", None
    if name == "ctid":
        return f"`{_shown(error.instance)}` is not a valid ctid", ctid_fix(error.instance), None
    advice = _PATTERN_ADVICE.get(name, _ID_ADVICE if "a-z0-9" in str(error.validator_value) else f"match the pattern {error.validator_value}")
    return f"`{_shown(error.instance)}` is not a valid {name.replace('_', ' ')}", advice, None


def _explain_format(document, error, path):
    if error.validator_value == "date":
        return f"`{_shown(error.instance)}` is not a valid date", "write the date as YYYY-MM-DD, e.g. 2025-09-01", None
    if error.validator_value == "email":
        return f"`{_shown(error.instance)}` is not an email address", "write an address like credentials@example.org", None
    return f"`{_shown(error.instance)}` is not a valid {error.validator_value}", "use a full https:// address", None


def _explain_length(document, error, path):
    name = _field(path)
    if error.validator == "minLength":
        return f"`{name}` is empty", f"write the {name.replace('_', ' ')}", None
    return (f"`{name}` is {len(error.instance)} characters; the limit is {error.validator_value}",
            "shorten it; the full text belongs in the markdown fields", None)


def _explain_items(document, error, path):
    name = _field(path)
    if error.validator == "minItems":
        n = error.validator_value
        return f"`{name}` needs at least {n} entr{'y' if n == 1 else 'ies'}", f"add {name.replace('_', ' ')} entries", None
    if error.validator == "uniqueItems":
        return f"`{name}` lists the same value twice", "remove the duplicate", None
    return f"`{name}` has too many entries (at most {error.validator_value})", "remove some entries", None


_RELATIONS = {"minimum": "at least", "exclusiveMinimum": "greater than", "maximum": "at most", "exclusiveMaximum": "less than"}


def _explain_range(document, error, path):
    name = _field(path)
    bound = error.validator_value
    relation = _RELATIONS[error.validator]
    return f"`{name}` is {_shown(error.instance)}; it must be {relation} {bound}", f"change `{name}` to a number {relation} {bound}", None


def _explain_contains(document, error, path):
    passing = [level for level in error.instance if isinstance(level, dict) and level.get("passing") is True] if isinstance(error.instance, list) else []
    return (f"the rubric scale must have exactly one passing level, found {len(passing)}",
            "set `passing: true` on the one level a criterion must reach, and on no other", None)


def _explain_any_of(document, error, path):
    if _field(path) == "research" or (len(path) >= 2 and path[-2] == "research"):
        return "research entry needs a `url` or a `doi`", "add `doi: 10.xxxx/...` or `url: https://...`", None
    return _explain_default(document, error, path)


def _explain_const(document, error, path):
    if path == ("status",):
        return "`replaced_by` is only allowed on retired credentials", "set `status: retired`, or remove `replaced_by`", None
    return _explain_default(document, error, path)


def _explain_default(document, error, path):
    return error.message, "see the field's description in the schema", None


_EXPLAINERS = {
    "type": _explain_type,
    "required": _explain_required,
    "enum": _explain_enum,
    "pattern": _explain_pattern,
    "format": _explain_format,
    "minLength": _explain_length,
    "maxLength": _explain_length,
    "minItems": _explain_items,
    "maxItems": _explain_items,
    "uniqueItems": _explain_items,
    "minimum": _explain_range,
    "exclusiveMinimum": _explain_range,
    "maximum": _explain_range,
    "exclusiveMaximum": _explain_range,
    "contains": _explain_contains,
    "minContains": _explain_contains,
    "maxContains": _explain_contains,
    "anyOf": _explain_any_of,
    "const": _explain_const,
}
