"""Schema messages written for issuers: the line of the value, what is wrong, how to fix it."""

from __future__ import annotations

import gc
import json

import pytest

from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL, errors, project_with, replaced
from conftest import REPO

F = CREDENTIAL
CASES = {
    "bare Yes read as boolean": (
        ('label: "Almost"', "label: Yes"),
        f'{F}:22:27: error: `Yes` is read by YAML as the boolean true, not as text ($.submission.scale[1].label) — quote it: label: "Yes"',
    ),
    "misspelled field": (
        ("competency:", "competancy:"),
        f"{F}:6:1: error: unknown field `competancy` ($.competancy) — did you mean `competency`?",
    ),
    "unknown vocabulary value": (
        ("subjects: [mathematics, assessment]", "subjects: [mathematic, assessment]"),
        f"{F}:53:12: error: unknown value `mathematic` for `subjects` ($.subjects[0]) — closest allowed values: mathematics",
    ),
    "wrong date format": (
        ("published: 2025-01-15", "published: 15/01/2025"),
        f'{F}:4:12: error: `"15/01/2025"` is not a valid date ($.published) — write the date as YYYY-MM-DD, e.g. 2025-09-01',
    ),
    "non-https URL": (
        ("earn_url: https://", "earn_url: http://"),
        f'{F}:57:11: error: `"http://acme.example.org/earn/exit-tickets"` is not an https URL ($.earn_url) — every link must start with https://',
    ),
    "two passing levels": (
        ('{id: almost, label: "Almost"}', '{id: almost, label: "Almost", passing: true}'),
        f"{F}:21:5: error: the rubric scale must have exactly one passing level, found 2 ($.submission.scale) — set `passing: true` on the one level a criterion must reach, and on no other",
    ),
    "no passing level": (
        ('{id: meets, label: "Yes", passing: true}', '{id: meets, label: "Yes"}'),
        f"{F}:21:5: error: the rubric scale must have exactly one passing level, found 0 ($.submission.scale) — set `passing: true` on the one level a criterion must reach, and on no other",
    ),
    "list where a mapping is expected": (
        ("cost: {amount: 0, currency: USD}", "cost: [0, USD]"),
        f"{F}:55:7: error: `cost` must be a mapping, not a list ($.cost) — write a mapping for `cost`",
    ),
    "image path with ..": (
        ("status: active\n", "status: active\nimage: ../other/x.png\n"),
        f'{F}:3:8: error: `"../other/x.png"` is not a valid image ($.image) — give a path inside the issuer folder, e.g. images/badge.svg (svg, png, jpg or webp; no `..`, no leading /)',
    ),
}


@pytest.mark.parametrize("edit, expected", CASES.values(), ids=CASES.keys())
def test_schema_problem_is_explained_on_its_line(tmp_path, edit, expected):
    assert expected in errors(project_with(tmp_path, {F: replaced(F, *edit)}))


def test_misspelled_field_also_reports_the_missing_one(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "competency:", "competancy:")})
    assert errors(root)[0].startswith(f"{F}:1:1: error: missing required field `competency` ($) — add `competency:` (The single competency")


def test_every_unknown_field_of_a_mapping_is_reported_on_its_own_line(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "title: Exit Tickets", "titel: Exit Tickets\ntitle: Exit Tickets\nstaus: active")})
    assert errors(root) == [
        f"{F}:1:1: error: unknown field `titel` ($.titel) — did you mean `title`?",
        f"{F}:3:1: error: unknown field `staus` ($.staus) — did you mean `status`?",
    ]


def test_unknown_fields_of_a_nested_mapping_are_all_reported(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "cost: {amount: 0, currency: USD}", "cost: {amount: 0, currency: USD, amont: 1, curency: EUR}")})
    assert errors(root) == [
        f"{F}:55:34: error: unknown field `amont` ($.cost.amont) — did you mean `amount`?",
        f"{F}:55:44: error: unknown field `curency` ($.cost.curency) — did you mean `currency`?",
    ]


def test_newline_in_an_unknown_field_name_stays_on_one_line(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "title: Exit Tickets", '"titl\\ne": x\ntitle: Exit Tickets')})
    assert errors(root) == [f"{F}:1:1: error: unknown field `titl\\ne` ($.titl\\ne) — did you mean `title`?"]


def test_newline_in_a_quoted_value_stays_on_one_line(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "subjects: [mathematics, assessment]", 'subjects: ["math\\nematics", assessment]')})
    assert errors(root) == [f"{F}:53:12: error: unknown value `math\\nematics` for `subjects` ($.subjects[0]) — closest allowed values: mathematics"]


def test_line_breaks_and_control_characters_in_a_field_name_are_escaped(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "title: Exit Tickets", '"a\\rb\\u2028c\\x1bd\\te": x\ntitle: Exit Tickets')})
    allowed = ", ".join(json.loads((REPO / "schema/credential.schema.json").read_text(encoding="utf-8"))["properties"])
    assert errors(root) == [f"{F}:1:1: error: unknown field `a\\rb\\u2028c\\u001bd\\te` ($.a\\rb\\u2028c\\u001bd\\te) — allowed fields here: {allowed}"]


def test_github_annotation_of_a_field_name_with_a_newline_is_one_line(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "title: Exit Tickets", '"titl\\ne": x\ntitle: Exit Tickets')})
    (problem,) = [p for p in load_catalog(root).problems if p.is_error]
    assert problem.as_github() == (
        f"::error file={F},line=1,col=1,title=unknown field `titl\\ne`::unknown field `titl\\ne` ($.titl\\ne) — did you mean `title`?"
    )


def test_loading_turns_the_cycle_collector_back_on(tmp_path):
    """Loading runs without Python's cycle collector (it only slows a load down); a build
    or `serve` that follows needs it back, after a catalog with problems too."""
    assert gc.isenabled()
    load_catalog(REPO)
    assert gc.isenabled()
    assert errors(project_with(tmp_path, {CREDENTIAL: replaced(CREDENTIAL, "title:", "titel:")}))
    assert gc.isenabled()
