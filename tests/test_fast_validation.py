"""The fast validator (jsonschema-rs) says "valid" exactly when jsonschema finds no error.

It is the fast path of validation: a document it passes is never shown to jsonschema,
so a wrong "valid" would let a broken definition through. Its answers are compared with
jsonschema's on generated credentials, mutated anywhere in their tree.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.validate import load_validators

from conftest import REPO
from credential_strategies import ACTIONS, CREDENTIALS, TEXTS, WRONG_VALUES, mutate, paths


@pytest.fixture(scope="module")
def checks():
    return load_validators((REPO / "schema").resolve())


def test_fast_validator_agrees_with_jsonschema_on_mutated_credentials(checks):
    check = checks["credential"]
    seen = {True: 0, False: 0}

    @settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def agree(data):
        credential = data.draw(CREDENTIALS)
        if data.draw(st.booleans()):
            path = data.draw(st.sampled_from(list(paths(credential))))
            action = data.draw(st.sampled_from(ACTIONS))
            credential = mutate(credential, path, action, data.draw(WRONG_VALUES), data.draw(TEXTS))
        valid = not any(True for _ in check.validator.iter_errors(credential))
        assert check.is_valid(credential) is valid
        seen[valid] += 1

    agree()
    assert seen[True] > 200 and seen[False] > 200  # both answers were exercised


def test_an_unknown_issuer_url_scheme_is_refused_by_both(checks):
    """The one format read our own way ("uri": absolute, no spaces) reads the same on both sides."""
    for url in ("example.org/x", "https://example.org/a b", "https://example.org/x"):
        issuer = {"name": "A", "url": url, "description": "B"}
        assert checks["issuer"].is_valid(issuer) is checks["issuer"].validator.is_valid(issuer), url


def test_a_recursive_definition_validates_instead_of_recursing_forever(tmp_path):
    schema_dir = tmp_path / "schema"
    schema_dir.mkdir()
    for kind in ("issuer", "credential", "pathway"):
        (schema_dir / f"{kind}.schema.json").write_text(json.dumps({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}, "additionalProperties": False}},
            "$ref": "#/$defs/node",
        }), encoding="utf-8")
    check = load_validators(schema_dir)["credential"]
    assert check.is_valid({"child": {"child": {}}}) and check.validator.is_valid({"child": {"child": {}}})
    assert not check.is_valid({"child": {"other": 1}}) and not check.validator.is_valid({"child": {"other": 1}})
