"""Schema messages written for issuers: the line of the value, what is wrong, how to fix it."""

from __future__ import annotations

import pytest

from catalog_cases import CREDENTIAL, errors, project_with, replaced

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
