"""The compiled schema test says "valid" exactly when jsonschema finds no error.

It is the fast path of validation: a document it passes is never shown to jsonschema,
so a wrong "valid" would let a broken definition through. Its answers are compared with
jsonschema's on generated credentials, mutated anywhere in their tree.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from conftest import REPO
from credential_strategies import CREDENTIALS, TEXTS
from microcred.compiled_schema import Unsupported, compile_schema
from microcred.validate import KINDS, load_validators

WRONG_VALUES = st.sampled_from([None, True, 0, 2.0, -1, 1e9, "", "x", "http://x.example.org", "2024-02-30",
                                "a b", [], [1, 1], {}, {"a": 1}])


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


def _mutate(data, path, action, wrong, key):
    """A deep copy of `data` with the value at `path` replaced, removed, given an unknown
    field or duplicated in its list."""
    if not path:
        return wrong if action == "replace" else data
    head, rest = path[0], path[1:]
    copy = dict(data) if isinstance(data, dict) else list(data)
    if rest:
        copy[head] = _mutate(data[head], rest, action, wrong, key)
    elif action == "replace":
        copy[head] = wrong
    elif action == "remove":
        del copy[head]
    elif action == "unknown field" and isinstance(data[head], dict):
        copy[head] = {**data[head], key: wrong}
    elif action == "duplicate" and isinstance(copy, list):
        copy.insert(head, data[head])
    return copy


@pytest.fixture(scope="module")
def checks():
    return load_validators((REPO / "schema").resolve())


@pytest.mark.parametrize("kind", KINDS)
def test_every_schema_of_the_catalog_compiles(checks, kind):
    assert checks[kind].is_valid is not None


def test_compiled_test_agrees_with_jsonschema_on_mutated_credentials(checks):
    check = checks["credential"]
    seen = {True: 0, False: 0}

    @settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def agree(data):
        credential = data.draw(CREDENTIALS)
        if data.draw(st.booleans()):
            path = data.draw(st.sampled_from(list(_paths(credential))))
            action = data.draw(st.sampled_from(("replace", "remove", "unknown field", "duplicate")))
            credential = _mutate(credential, path, action, data.draw(WRONG_VALUES), data.draw(TEXTS))
        valid = not any(True for _ in check.validator.iter_errors(credential))
        assert check.is_valid(credential) is valid
        seen[valid] += 1

    agree()
    assert seen[True] > 200 and seen[False] > 200  # both answers were exercised


@pytest.mark.parametrize(("schema", "value"), [
    ({"type": "integer"}, 2.0),
    ({"type": "integer"}, True),
    ({"type": "number"}, False),
    ({"enum": [1, "a"]}, True),
    ({"const": 0}, False),
    ({"uniqueItems": True}, [1, True]),
    ({"uniqueItems": True}, [{"a": [1]}, {"a": [1.0]}]),
    ({"contains": {"const": 1}, "minContains": 2, "maxContains": 3}, [1, 1, 1, 1]),
    ({"contains": {"const": 1}, "minContains": 0}, [2]),
    ({"dependentSchemas": {"a": {"required": ["b"]}}}, {"a": 1}),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": "x", "b": 1}),
    ({"pattern": "^a"}, "ba"),
    ({"minLength": 2}, "😀"),
    ({"format": "date"}, "2024-02-30"),
    ({"exclusiveMinimum": 0}, 0),
    ({"anyOf": [{"required": ["url"]}, {"required": ["doi"]}]}, {"doi": "10.1/x"}),
])
def test_each_keyword_reads_as_jsonschema_reads_it(schema, value):
    checker = FormatChecker()
    expected = Draft202012Validator(schema, format_checker=checker).is_valid(value)
    assert compile_schema(schema, checker)(value) is expected


def test_a_keyword_it_does_not_know_turns_the_fast_path_off():
    with pytest.raises(Unsupported):
        compile_schema({"properties": {"a": {"prefixItems": [{"type": "string"}]}}}, FormatChecker())
