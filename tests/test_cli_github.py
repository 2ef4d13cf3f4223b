"""`validate --format github`: every problem as an annotation on the pull request's line."""

from __future__ import annotations

from conftest import FIXTURES, make_project, run_validate

BROKEN = "catalog/acme/credentials/broken.yml"


def test_broken_fixture_gives_one_annotation_per_problem_on_its_line(tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "github-annotations")
    result = run_validate(project, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file={BROKEN},line=1,col=1,title=missing required field `competency`::missing required field "
        "`competency` ($) — add `competency:` (The single competency this credential verifies, as one statement "
        'starting with "The educator ...")',
        f"::error file={BROKEN},line=6,col=1,title=unknown field `competancy`::unknown field `competancy` "
        "($.competancy) — did you mean `competency`?",
        # commas and colons in a property are escaped (%2C, %3A); the message keeps them
        f"::error file={BROKEN},line=21,col=26,title=`Yes` is read by YAML as the boolean true%2C not as text::"
        '`Yes` is read by YAML as the boolean true, not as text ($.submission.scale[0].label) — quote it: label: "Yes"',
        f"::warning file={BROKEN},line=24,col=7,title=part `evidence` has no word_limit::part `evidence` has no "
        "word_limit ($.submission.parts[0]) — set word_limit so educators know how much to write (for evidence: "
        "the written commentary)",
    ]
    assert result.stderr.strip() == "3 errors, 1 warning in 1 file"


def test_github_format_with_strict_annotates_warnings_as_errors(tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "github-annotations")
    result = run_validate(project, "--format", "github", "--strict")
    assert result.returncode == 1
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["::error"] * 4


def test_text_and_github_formats_report_the_same_problems(tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "github-annotations")
    text = run_validate(project).stdout.splitlines()
    github = run_validate(project, "--format", "github").stdout.splitlines()
    assert [line.split(": ")[0] for line in text] == [
        f"{BROKEN}:{a.split(',line=')[1].split(',')[0]}:{a.split(',col=')[1].split(',')[0]}" for a in github
    ]
