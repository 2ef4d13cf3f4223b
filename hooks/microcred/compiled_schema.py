"""A JSON Schema compiled to one yes/no test: the fast path of validation.

jsonschema walks the schema afresh for every value and builds a validator object per
step (about 7 ms a credential, most of `make validate`); an issuer's catalog is nearly
always valid. So each schema is also compiled once into nested closures that only say
whether a document is valid, and jsonschema runs, with its errors and our advice, only
on the documents they refuse. Refusing a valid document costs time, never a wrong
answer; so the compiler covers the draft 2020-12 keywords our schemas use, each as
jsonschema reads it, and raises `Unsupported` at any other, which turns the fast path
off for that schema rather than letting it pass what jsonschema would refuse.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from jsonschema import FormatChecker

Test = Callable[[Any], bool]

# Keywords that never change whether a document is valid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "examples",
                          "default", "enumDescriptions", "deprecated", "readOnly", "writeOnly"})
_READ_WITH_CONTAINS = frozenset({"minContains", "maxContains"})


class Unsupported(ValueError):
    """The schema uses a keyword this compiler does not implement."""


def compile_schema(schema, format_checker: FormatChecker) -> Test:
    """A test of an instance against `schema`, true exactly when jsonschema finds no error."""
    if schema is True:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        raise Unsupported(f"schema {schema!r}")
    tests: list[Test] = []
    for keyword, argument in schema.items():
        if keyword in _ANNOTATIONS or keyword in _READ_WITH_CONTAINS:
            continue
        compiler = _KEYWORDS.get(keyword)
        if compiler is None:
            raise Unsupported(f"keyword {keyword!r}")
        tests.append(compiler(argument, schema, format_checker))
    if not tests:
        return lambda value: True
    if len(tests) == 1:
        return tests[0]
    return lambda value: all(test(value) for test in tests)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Test] = {
    "string": lambda value: isinstance(value, str),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    # As jsonschema: 2.0 is an integer.
    "integer": lambda value: _is_number(value) and (isinstance(value, int) or value.is_integer()),
}


def _equal(one, other) -> bool:
    """Equality as JSON Schema means it: true is not 1, and lists and mappings compare deeply."""
    if isinstance(one, bool) or isinstance(other, bool):
        return type(one) is type(other) and one == other
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(_equal(a, b) for a, b in zip(one, other))
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(_equal(one[key], other[key]) for key in one)
    if isinstance(one, (list, dict)) or isinstance(other, (list, dict)):
        return False
    return one == other


def _type(argument, schema, checker) -> Test:
    names = [argument] if isinstance(argument, str) else list(argument)
    if any(name not in _TYPES for name in names):
        raise Unsupported(f"type {argument!r}")
    tests = [_TYPES[name] for name in names]
    return tests[0] if len(tests) == 1 else (lambda value: any(test(value) for test in tests))


def _enum(argument, schema, checker) -> Test:
    if all(isinstance(item, str) for item in argument):
        allowed = frozenset(argument)
        return lambda value: isinstance(value, str) and value in allowed
    return lambda value: any(_equal(value, item) for item in argument)


def _const(argument, schema, checker) -> Test:
    return lambda value: _equal(value, argument)


def _when(kind: type, test: Test) -> Test:
    """A keyword that only speaks about one type of value: any other passes it."""
    return lambda value: not isinstance(value, kind) or test(value)


def _number_keyword(compare: Callable[[Any, Any], bool]):
    def compiler(argument, schema, checker) -> Test:
        return lambda value: not _is_number(value) or compare(value, argument)
    return compiler


def _min_length(argument, schema, checker) -> Test:
    return _when(str, lambda value: len(value) >= argument)


def _max_length(argument, schema, checker) -> Test:
    return _when(str, lambda value: len(value) <= argument)


def _pattern(argument, schema, checker) -> Test:
    search = re.compile(argument).search
    return _when(str, lambda value: search(value) is not None)


def _format(argument, schema, checker) -> Test:
    return lambda value: checker.conforms(value, argument)


def _min_items(argument, schema, checker) -> Test:
    return _when(list, lambda value: len(value) >= argument)


def _max_items(argument, schema, checker) -> Test:
    return _when(list, lambda value: len(value) <= argument)


def _unique_items(argument, schema, checker) -> Test:
    if not argument:
        return lambda value: True

    def unique(items: list) -> bool:
        return not any(_equal(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items)))
    return _when(list, unique)


def _items(argument, schema, checker) -> Test:
    test = compile_schema(argument, checker)
    return _when(list, lambda value: all(test(item) for item in value))


def _contains(argument, schema, checker) -> Test:
    test = compile_schema(argument, checker)
    least = schema.get("minContains", 1)
    most = schema.get("maxContains")

    def contains(items: list) -> bool:
        found = sum(1 for item in items if test(item))
        return found >= least and (most is None or found <= most)
    return _when(list, contains)


def _required(argument, schema, checker) -> Test:
    names = tuple(argument)
    return _when(dict, lambda value: all(name in value for name in names))


def _properties(argument, schema, checker) -> Test:
    tests = tuple((name, compile_schema(sub, checker)) for name, sub in argument.items())
    return _when(dict, lambda value: all(test(value[name]) for name, test in tests if name in value))


def _additional_properties(argument, schema, checker) -> Test:
    if "patternProperties" in schema:
        raise Unsupported("patternProperties")
    known = frozenset(schema.get("properties", {}))
    if argument is False:
        return _when(dict, lambda value: known.issuperset(value))
    test = compile_schema(argument, checker)
    return _when(dict, lambda value: all(test(item) for name, item in value.items() if name not in known))


def _any_of(argument, schema, checker) -> Test:
    tests = [compile_schema(sub, checker) for sub in argument]
    return lambda value: any(test(value) for test in tests)


def _all_of(argument, schema, checker) -> Test:
    tests = [compile_schema(sub, checker) for sub in argument]
    return lambda value: all(test(value) for test in tests)


def _one_of(argument, schema, checker) -> Test:
    tests = [compile_schema(sub, checker) for sub in argument]
    return lambda value: sum(1 for test in tests if test(value)) == 1


def _not(argument, schema, checker) -> Test:
    test = compile_schema(argument, checker)
    return lambda value: not test(value)


def _dependent_schemas(argument, schema, checker) -> Test:
    tests = tuple((name, compile_schema(sub, checker)) for name, sub in argument.items())
    return _when(dict, lambda value: all(test(value) for name, test in tests if name in value))


def _dependent_required(argument, schema, checker) -> Test:
    pairs = tuple((name, tuple(needed)) for name, needed in argument.items())
    return _when(dict, lambda value: all(all(n in value for n in needed) for name, needed in pairs if name in value))


_KEYWORDS: dict[str, Callable[[Any, dict, FormatChecker], Test]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "minimum": _number_keyword(lambda value, bound: value >= bound),
    "maximum": _number_keyword(lambda value, bound: value <= bound),
    "exclusiveMinimum": _number_keyword(lambda value, bound: value > bound),
    "exclusiveMaximum": _number_keyword(lambda value, bound: value < bound),
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "format": _format,
    "minItems": _min_items,
    "maxItems": _max_items,
    "uniqueItems": _unique_items,
    "items": _items,
    "contains": _contains,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional_properties,
    "anyOf": _any_of,
    "allOf": _all_of,
    "oneOf": _one_of,
    "not": _not,
    "dependentSchemas": _dependent_schemas,
    "dependentRequired": _dependent_required,
}
