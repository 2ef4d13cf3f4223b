"""`credit` and `changes` in a definition: wrong values explained on their line, history order linted."""

from __future__ import annotations

from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL, errors, minimal_text, project_with

F = CREDENTIAL
LAST_LINE = len(minimal_text(F).splitlines())


def appended(text: str) -> str:
    """The minimal credential with lines added at its end (from line LAST_LINE + 1)."""
    return minimal_text(F) + text


def history_warnings(root) -> list[str]:
    return [p.as_text() for p in load_catalog(root).problems if p.severity == "warning" and p.json_path.startswith("$.changes")]


def test_unknown_credit_type_suggests_the_closest(tmp_path):
    root = project_with(tmp_path, {F: appended("credit:\n  - {type: clock-hour, value: 6}\n")})
    assert errors(root) == [
        f"{F}:{LAST_LINE + 2}:12: error: unknown value `clock-hour` for `type` ($.credit[0].type) — closest allowed values: clock-hours"
    ]


def test_credit_value_of_zero_must_be_greater(tmp_path):
    root = project_with(tmp_path, {F: appended("credit:\n  - {type: clock-hours, value: 0}\n")})
    assert errors(root) == [
        f"{F}:{LAST_LINE + 2}:32: error: `value` is 0; it must be greater than 0 ($.credit[0].value) — change `value` to a number greater than 0"
    ]


def test_negative_credit_value_is_refused(tmp_path):
    root = project_with(tmp_path, {F: appended("credit:\n  - {type: clock-hours, value: -1.5}\n")})
    assert [e.split(": error: ")[1] for e in errors(root)] == [
        "`value` is -1.5; it must be greater than 0 ($.credit[0].value) — change `value` to a number greater than 0"
    ]


def test_valid_credit_and_changes_give_no_problem(tmp_path):
    root = project_with(tmp_path, {F: appended(
        "credit:\n  - {type: continuing-education-units, value: 0.5, recognized_by: State Board, url: https://example.gov/ceu}\n"
        'changes:\n  - {version: "1.0.0", date: 2025-01-15, summary: First version.}\n'
    )})
    assert [p for p in load_catalog(root).problems if "credit" in p.json_path or "changes" in p.json_path] == []


def test_changes_not_newest_first_warn_naming_both_lines(tmp_path):
    root = project_with(tmp_path, {F: appended(
        "changes:\n"
        '  - {version: "1.0.0", date: 2024-01-10, summary: First version.}\n'
        '  - {version: "0.9.0", date: 2024-06-01, summary: A later date below an earlier one.}\n'
    )})
    assert history_warnings(root) == [
        f"{F}:{LAST_LINE + 3}:5: warning: change 0.9.0 (2024-06-01) is newer than the change above it on line {LAST_LINE + 2} "
        "(1.0.0, 2024-01-10) ($.changes[1]) — list `changes` newest first: the latest version at the top"
    ]


def test_a_higher_version_below_a_lower_one_warns(tmp_path):
    root = project_with(tmp_path, {F: appended(
        "changes:\n"
        '  - {version: "1.0.0", date: 2024-01-10, summary: Newest.}\n'
        '  - {version: "1.2.0", date: 2024-01-10, summary: Same day, higher version.}\n'
    )})
    assert [w.split(": warning: ")[1].split(" (")[0] for w in history_warnings(root)] == ["change 1.2.0"]


def test_first_change_must_be_the_credentials_version(tmp_path):
    root = project_with(tmp_path, {F: appended('changes:\n  - {version: "0.9.0", date: 2025-01-01, summary: Draft.}\n')})
    assert history_warnings(root) == [
        f"{F}:{LAST_LINE + 2}:15: warning: the newest change is version 0.9.0, but `version` (line 3) is 1.0.0 "
        "($.changes[0].version) — add the change that made 1.0.0 at the top of `changes`, or correct `version`"
    ]
